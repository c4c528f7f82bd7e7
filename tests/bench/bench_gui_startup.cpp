// Start-up to the first painted window: the real `socklab` binary on its first start (a fresh
// XDG_CONFIG_HOME, so the demo workspace is loaded), against a minimal Qt Widgets program showing
// an empty QMainWindow (startup_peer), measured the same way in the same run.
//
//   bench_gui_startup [--runs N] [--socklab PATH] [--peer PATH]
//
// Each launch runs under -platform offscreen with SOCKLAB_STARTUP_PROBE=quit: the program prints
// "socklab-first-paint <steady_clock ns>" on stderr once its first paint after start-up is done
// (app/main.cpp: after the window was shown and the start-up workspace loaded), then quits.
// Start-up = that time minus the time taken just before QProcess::start (the same monotonic
// clock). Runs alternate between SockLab and the peer; one warm-up launch of each is not counted
// (it loads the binaries and fonts into the page cache). Median and max of N runs each.
// Exit status 1 when a launch fails, prints no first paint, or SockLab did not take its
// first-start path (no firstStartDone in the fresh settings); 2 when a binary is missing.
#include "tests/bench/support/bench_rows.h"
#include "tests/bench/support/bench_stats.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

using namespace socklab::bench;

namespace {

struct Options {
    int runs = 20;
    QString socklab = QStringLiteral(SOCKLAB_GUI_PATH);
    QString peer = QStringLiteral(SOCKLAB_STARTUP_PEER_PATH);
};

Options parseOptions(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc) {
            o.runs = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--socklab" && i + 1 < argc) {
            o.socklab = QString::fromLocal8Bit(argv[++i]);
        } else if (a == "--peer" && i + 1 < argc) {
            o.peer = QString::fromLocal8Bit(argv[++i]);
        } else {
            std::fprintf(stderr, "usage: bench_gui_startup [--runs N] [--socklab PATH] "
                                 "[--peer PATH]\n");
            std::exit(2);
        }
    }
    return o;
}

struct Launch {
    std::optional<double> firstPaintMs; ///< from just before start to the first paint
    double exitMs = 0;                  ///< from just before start to the exit
    bool firstStart = false;            ///< SockLab wrote firstStartDone (the demo path)
    std::string problem;
};

// One launch with a fresh settings directory.
Launch launch(const QString& program) {
    Launch l;
    QTemporaryDir config;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    env.insert(QStringLiteral("SOCKLAB_STARTUP_PROBE"), QStringLiteral("quit"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("qt.text.font.db=false"));
    QProcess p;
    p.setProcessEnvironment(env);
    p.setProgram(program);
    p.setArguments({QStringLiteral("-platform"), QStringLiteral("offscreen")});
    const auto t0 = Clock::now();
    p.start();
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(2000);
        l.problem = "did not quit within 30 s";
        return l;
    }
    l.exitMs = ms(Clock::now() - t0);
    const QString err = QString::fromLocal8Bit(p.readAllStandardError());
    static const QRegularExpression line(QStringLiteral("socklab-first-paint (\\d+)"));
    const auto m = line.match(err);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        l.problem =
            "exit status " + std::to_string(p.exitCode()) + ": " + err.left(300).toStdString();
    }
    if (!m.hasMatch()) {
        l.problem += " no first-paint line";
        return l;
    }
    const Clock::time_point painted{std::chrono::nanoseconds(m.captured(1).toLongLong())};
    l.firstPaintMs = ms(painted - t0);
    // QSettings of organisation/application "SockLab": $XDG_CONFIG_HOME/SockLab/SockLab.conf.
    QFile conf(config.filePath(QStringLiteral("SockLab/SockLab.conf")));
    l.firstStart = conf.open(QIODevice::ReadOnly) && conf.readAll().contains("firstStartDone=true");
    return l;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const Options opt = parseOptions(argc, argv);
    for (const QString& bin : {opt.socklab, opt.peer}) {
        if (!QFileInfo(bin).isExecutable()) {
            std::fprintf(stderr, "not found: %s\n", qPrintable(bin));
            return 2;
        }
    }
    std::printf("bench_gui_startup: %d launches each of %s and %s (offscreen), alternating\n",
                opt.runs, qPrintable(opt.socklab), qPrintable(opt.peer));
    (void)launch(opt.socklab); // warm-up: binaries, libraries and fonts into the page cache
    (void)launch(opt.peer);
    std::vector<double> socklab;
    std::vector<double> peer;
    std::vector<double> socklabExit;
    int wrong = 0;
    for (int i = 0; i < opt.runs; ++i) {
        for (bool isPeer : {false, true}) {
            const Launch l = launch(isPeer ? opt.peer : opt.socklab);
            const bool ok = l.problem.empty() && l.firstPaintMs && (isPeer || l.firstStart);
            if (!ok) {
                ++wrong;
                std::fprintf(stderr, "WRONG: %s launch %d: %s%s\n", isPeer ? "peer" : "socklab",
                             i + 1, l.problem.c_str(),
                             !isPeer && !l.firstStart ? " (first-start demo not taken)" : "");
                continue;
            }
            (isPeer ? peer : socklab).push_back(*l.firstPaintMs);
            if (!isPeer) {
                socklabExit.push_back(l.exitMs);
            }
        }
    }
    const Percentiles s = percentiles(socklab);
    const Percentiles p = percentiles(peer);
    const Percentiles e = percentiles(socklabExit);
    std::printf("load average (1/5/15 min): %s\n", loadAverage().constData());
    std::printf("%-48s median %.1f ms, max %.1f ms (%zu launches)\n",
                "socklab, first start with the demo: first paint", s.p50, s.max, s.n);
    std::printf("%-48s median %.1f ms, max %.1f ms (%zu launches)\n",
                "peer: empty QMainWindow: first paint", p.p50, p.max, p.n);
    std::printf("%-48s median %.1f ms (first paint, quit, engine stop)\n", "socklab launch to exit",
                e.p50);
    std::printf("%-48s %.1f ms median\n", "SockLab's own cost (difference)", s.p50 - p.p50);
    printRow("start-up to the first painted window, first start with the demo (median)",
             strf("%.0f ms (max %.0f)", s.p50, s.max),
             strf("empty QMainWindow %.0f ms (max %.0f)", p.p50, p.max),
             ratioText(p.p50 > 0 ? s.p50 / p.p50 : 0.0), "< 100 ms", atMost(s.p50, 100.0));
    return wrong == 0 ? 0 : 1;
}
