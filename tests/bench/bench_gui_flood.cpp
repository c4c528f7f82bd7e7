// The real GUI under a TCP flood and a UDP flood at once: does it keep painting, does memory stay
// within the store's cap, do the counters equal what the peers sent?
//
//   QT_QPA_PLATFORM=offscreen bench_gui_flood [--mib N] [--udp-count M] [--udp-size B]
//       [--switch-ms T] [--timeout-s S] [--no-reference]
//
// The main window is built as app/main.cpp builds it (Engine + CoreBridge + MainWindow) in a
// temporary QSettings scope, with a "TCP server" and a "UDP endpoint" tab opened from the presets
// (both bind 127.0.0.1:0). The TCP tab is current; every T ms the current tab switches so that
// both tabs are shown and painted. Peers are python3 processes: one sends N MiB over TCP as fast
// as loopback goes, one sends M datagrams of B bytes as fast as it can. First, as the peer, the
// same two floods go at once into plain receivers: `socat -u TCP-LISTEN:0 /dev/null` (ratio) and
// a python3 recv loop (how many datagrams a plain receiver gets with the default SO_RCVBUF).
//
// Measured on the GUI thread: the longest gap of a 1 ms timer (stall), the delay of queued calls
// posted every 5 ms from another thread (event-loop latency), the interval between painted
// frames of the traffic views, the number of paints; VmHWM against the stores' caps.
// Exit status 1 only when a count is wrong (TCP bytes or content, UDP received + kernel drops vs
// sent); 2 when the set-up fails. Speed is printed, never asserted.
#include "core/engine/engine.h"
#include "core/net/endpoint.h"
#include "ui/bridge/core_bridge.h"
#include "ui/main_window.h"
#include "ui/models/traffic_model.h"
#include "ui/views/hex_view.h"
#include "ui/views/text_view.h"
#include "ui/views/traffic_pane.h"
#include "ui/widgets/presets.h"
#include "ui/widgets/session_tab.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace socklab;
using namespace socklab::ui;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    std::uint64_t mib = 1024;
    std::uint64_t udpCount = 300'000;
    std::uint64_t udpSize = 256;
    int switchMs = 1000;
    int timeoutS = 120;
    bool reference = true;
};

Options parseOptions(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto next = [&]() -> std::uint64_t {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return std::strtoull(argv[++i], nullptr, 10);
        };
        if (a == "--mib") {
            o.mib = next();
        } else if (a == "--udp-count") {
            o.udpCount = next();
        } else if (a == "--udp-size") {
            o.udpSize = std::clamp<std::uint64_t>(next(), 1, 65507);
        } else if (a == "--switch-ms") {
            o.switchMs = static_cast<int>(next());
        } else if (a == "--timeout-s") {
            o.timeoutS = static_cast<int>(next());
        } else if (a == "--no-reference") {
            o.reference = false;
        } else {
            std::fprintf(stderr, "usage: bench_gui_flood [--mib N] [--udp-count M] [--udp-size B] "
                                 "[--switch-ms T] [--timeout-s S] [--no-reference]\n");
            std::exit(2);
        }
    }
    return o;
}

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

// The GUI thread's scheduler figures (/proc/thread-self/schedstat: ns on a CPU, ns waiting on a
// run queue): a gap of the 1 ms timer is split into work, waiting for a CPU, and the rest
// (blocked: a lock, or a late wake-up).
struct SchedSample {
    double cpuMs = 0;
    double waitMs = 0;
};

class SchedStat {
public:
    SchedStat() : m_fd(::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC)) {}
    ~SchedStat() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    SchedStat(const SchedStat&) = delete;
    SchedStat& operator=(const SchedStat&) = delete;
    SchedSample sample() const {
        char buf[128] = {};
        if (m_fd < 0 || ::pread(m_fd, buf, sizeof buf - 1, 0) <= 0) {
            return {};
        }
        unsigned long long cpu = 0;
        unsigned long long wait = 0;
        std::sscanf(buf, "%llu %llu", &cpu, &wait);
        return {static_cast<double>(cpu) / 1e6, static_cast<double>(wait) / 1e6};
    }

private:
    int m_fd;
};

// Sends N bytes whose value at stream offset i is i % 256 (every send is a whole number of
// 256-byte periods), so the capture can be checked byte for byte. Prints its own elapsed time.
constexpr auto kTcpSender = R"PY(
import socket, sys, time
port, total = int(sys.argv[1]), int(sys.argv[2])
chunk = memoryview(bytes(range(256)) * 4096)
s = socket.create_connection(("127.0.0.1", port))
t = time.monotonic()
left = total
while left > 0:
    n = min(left, len(chunk))
    s.sendall(chunk[:n])
    left -= n
s.close()
print(total, time.monotonic() - t)
)PY";

// Sends M datagrams as fast as a blocking socket lets it; prints how many send() accepted.
constexpr auto kUdpSender = R"PY(
import socket, sys, time
port, count, size = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.connect(("127.0.0.1", port))
payload = b"u" * size
sent = failed = 0
t = time.monotonic()
for _ in range(count):
    try:
        s.send(payload)
        sent += 1
    except OSError:
        failed += 1
print(sent, failed, time.monotonic() - t)
)PY";

std::uint64_t procStatusKiB(const char* field) {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith(key)) {
            return line.mid(key.size()).trimmed().split(' ').front().toULongLong();
        }
    }
    return 0;
}

// The kernel's per-socket drop counter and receive queue for a UDP socket bound to
// 127.0.0.1:port (/proc/net/udp: "... inode ref pointer drops").
struct UdpKernelFigures {
    bool found = false;
    std::uint64_t drops = 0;
    std::uint64_t rxQueue = 0;
};

UdpKernelFigures udpKernelFigures(std::uint16_t port) {
    UdpKernelFigures out;
    QFile f(QStringLiteral("/proc/net/udp"));
    if (!f.open(QIODevice::ReadOnly)) {
        return out;
    }
    const QByteArray local =
        "0100007F:" + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    for (const QByteArray& line : f.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() >= 13 && fields[1] == local) {
            out.found = true;
            out.rxQueue = fields[4].split(':').value(1).toULongLong(nullptr, 16);
            out.drops = fields.back().toULongLong();
        }
    }
    return out;
}

struct Percentiles {
    double p50 = 0;
    double p99 = 0;
    double max = 0;
    std::size_t n = 0;
};

Percentiles percentiles(std::vector<double> v) {
    Percentiles p;
    p.n = v.size();
    if (v.empty()) {
        return p;
    }
    std::sort(v.begin(), v.end());
    const auto at = [&v](double q) {
        const auto i = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
        return v[std::min(i, v.size() - 1)];
    };
    p.p50 = at(0.50);
    p.p99 = at(0.99);
    p.max = v.back();
    return p;
}

// Counts paint events of the traffic views' viewports and keeps their times.
class PaintCounter : public QObject {
public:
    std::vector<Clock::time_point> times;
    std::vector<bool> tcpTab;
    std::map<QObject*, std::uint64_t> perWidget;
    std::set<QObject*> tcpViews;
    bool recording = false;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (recording && event->type() == QEvent::Paint) {
            times.push_back(Clock::now());
            tcpTab.push_back(tcpViews.count(watched) > 0);
            ++perWidget[watched];
        }
        return false;
    }
};

// Runs the Qt event loop until done() or the deadline; polls every 5 ms.
bool spinUntil(const std::function<bool()>& done, Clock::time_point deadline) {
    QEventLoop loop;
    QTimer poll;
    bool ok = false;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done()) {
            ok = true;
            loop.quit();
        } else if (Clock::now() > deadline) {
            loop.quit();
        }
    });
    poll.start(5);
    if (done()) {
        return true;
    }
    loop.exec();
    return ok;
}

// The interpreter itself: a pyenv shim would add a shell and ~100 ms to every start.
QString pythonPath() {
    static const QString path = [] {
        QProcess p;
        p.start(QStringLiteral("python3"),
                {QStringLiteral("-c"), QStringLiteral("import sys; print(sys.executable)")});
        p.waitForFinished(10000);
        const QString out = QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
        return out.isEmpty() ? QStringLiteral("python3") : out;
    }();
    return path;
}

// A plain UDP receiver for the peer run: counts datagrams until 1.5 s of silence, then prints
// the count and its socket's kernel drop counter.
constexpr auto kUdpReceiver = R"PY(
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
print(port, flush=True)
buf = bytearray(65536)
n = 0
s.settimeout(20.0)
try:
    s.recv_into(buf)
    n = 1
    s.settimeout(1.5)
    while True:
        s.recv_into(buf)
        n += 1
except socket.timeout:
    pass
key, drops = "0100007F:%04X" % port, 0
for line in open("/proc/net/udp"):
    f = line.split()
    if len(f) > 12 and f[1] == key:
        drops = int(f[-1])
print(n, drops, flush=True)
)PY";

struct ReferenceResult {
    double mbps = 0;
    double senderMBps = 0;
    std::uint64_t udpSent = 0;
    std::uint64_t udpReceived = 0;
    std::uint64_t udpDrops = 0;
};

// The same two floods at once into plain receivers: TCP into `socat -u TCP-LISTEN:0 /dev/null`
// (socat reports the port it got), UDP into a python3 recv loop.
std::optional<ReferenceResult> referenceRun(std::uint64_t total, const Options& opt) {
    const int timeoutS = opt.timeoutS;
    if (QStandardPaths::findExecutable(QStringLiteral("socat")).isEmpty()) {
        return std::nullopt;
    }
    QProcess udpReceiver;
    udpReceiver.start(pythonPath(), {QStringLiteral("-c"), QString::fromLatin1(kUdpReceiver)});
    udpReceiver.waitForReadyRead(10000);
    const int udpPort = udpReceiver.readLine().trimmed().toInt();
    if (udpPort == 0) {
        return std::nullopt;
    }
    QProcess socat;
    socat.start(QStringLiteral("socat"),
                {QStringLiteral("-d"), QStringLiteral("-d"), QStringLiteral("-u"),
                 QStringLiteral("TCP-LISTEN:0,bind=127.0.0.1"), QStringLiteral("/dev/null")});
    if (!socat.waitForStarted(5000)) {
        return std::nullopt;
    }
    static const QRegularExpression listening(QStringLiteral("listening on AF=2 [0-9.]+:(\\d+)"));
    QByteArray log;
    int port = 0;
    const auto until = Clock::now() + std::chrono::seconds(10);
    socat.setReadChannel(QProcess::StandardError);
    while (port == 0 && Clock::now() < until) {
        socat.waitForReadyRead(200);
        log += socat.readAllStandardError();
        const auto m = listening.match(QString::fromUtf8(log));
        if (m.hasMatch()) {
            port = m.captured(1).toInt();
        }
    }
    if (port == 0) {
        socat.kill();
        socat.waitForFinished(2000);
        return std::nullopt;
    }
    QProcess sender;
    QProcess udpSender;
    const auto t0 = Clock::now();
    udpSender.start(pythonPath(), {QStringLiteral("-c"), QString::fromLatin1(kUdpSender),
                                   QString::number(udpPort), QString::number(opt.udpCount),
                                   QString::number(opt.udpSize)});
    sender.start(pythonPath(), {QStringLiteral("-c"), QString::fromLatin1(kTcpSender),
                                QString::number(port), QString::number(total)});
    const bool finished = socat.waitForFinished(timeoutS * 1000);
    const auto t1 = Clock::now();
    sender.waitForFinished(10000);
    udpSender.waitForFinished(timeoutS * 1000);
    udpReceiver.waitForFinished(30000);
    if (!finished || socat.exitCode() != 0 || sender.exitCode() != 0) {
        socat.kill();
        socat.waitForFinished(2000);
        return std::nullopt;
    }
    ReferenceResult r;
    r.mbps = static_cast<double>(total) / 1e6 / (ms(t1 - t0) / 1000.0);
    const QList<QByteArray> out = sender.readAllStandardOutput().simplified().split(' ');
    if (out.size() == 2 && out[1].toDouble() > 0) {
        r.senderMBps = static_cast<double>(total) / 1e6 / out[1].toDouble();
    }
    r.udpSent = udpSender.readAllStandardOutput().simplified().split(' ').front().toULongLong();
    const QList<QByteArray> got = udpReceiver.readAllStandardOutput().simplified().split(' ');
    if (got.size() == 2) {
        r.udpReceived = got[0].toULongLong();
        r.udpDrops = got[1].toULongLong();
    }
    return r;
}

// Checks the capture byte for byte at the start, the end and 4096 random offsets: the value at
// stream offset i must be i % 256. Returns the number of bad bytes.
std::uint64_t checkTcpContent(const TrafficStore& store, std::uint64_t total) {
    std::uint64_t bad = 0;
    std::vector<std::byte> buf(64 * 1024);
    const auto checkAt = [&](std::uint64_t offset, std::size_t len) {
        len = static_cast<std::size_t>(std::min<std::uint64_t>(len, total - offset));
        const std::size_t got = store.readArena(offset, std::span(buf.data(), len));
        if (got != len) {
            bad += len - got;
        }
        for (std::size_t i = 0; i < got; ++i) {
            if (buf[i] != static_cast<std::byte>((offset + i) & 0xff)) {
                ++bad;
            }
        }
    };
    if (total == 0) {
        return 0;
    }
    checkAt(0, buf.size());
    checkAt(total > buf.size() ? total - buf.size() : 0, buf.size());
    std::mt19937_64 rng(42);
    for (int i = 0; i < 4096; ++i) {
        checkAt(rng() % total, 512);
    }
    return bad;
}

} // namespace

int main(int argc, char** argv) {
    const Options opt = parseOptions(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES")) {
        qputenv("QT_LOGGING_RULES", "qt.text.font.db=false"); // fontconfig noise, not figures
    }
    // A throw-away settings scope: no demo workspace, the user's settings untouched.
    QTemporaryDir settingsDir;
    qputenv("XDG_CONFIG_HOME", settingsDir.path().toLocal8Bit());
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SockLabBench"));
    QApplication::setApplicationName(QStringLiteral("bench_gui_flood"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());

    const std::uint64_t total = opt.mib << 20;
    std::printf("bench_gui_flood: TCP %llu MiB, UDP %llu x %llu B, tab switch every %d ms\n",
                static_cast<unsigned long long>(opt.mib),
                static_cast<unsigned long long>(opt.udpCount),
                static_cast<unsigned long long>(opt.udpSize), opt.switchMs);

    std::optional<ReferenceResult> reference;
    if (opt.reference) {
        reference = referenceRun(total, opt);
    }

    Engine engine;
    CoreBridge bridge(engine);
    engine.start();
    int rc = 0;
    {
        MainWindow window(bridge);
        window.show();
        SessionTab* tcpTab = window.newTab(Preset::TcpServer);
        SessionTab* udpTab = window.newTab(Preset::UdpEndpoint);
        std::map<SessionId, std::uint16_t> ports;
        QObject::connect(&bridge, &CoreBridge::engineEvent, &window, [&](const EngineEvent& e) {
            if (e.kind == EngineEvent::Kind::StateChanged && e.connection == 0 &&
                (e.state == SessionState::Listening || e.state == SessionState::Bound)) {
                if (auto ep = Endpoint::parse(e.local)) {
                    ports[e.session] = ep->port();
                }
            }
        });
        if (!tcpTab->openSocket() || !udpTab->openSocket()) {
            std::fprintf(stderr, "open failed: %s / %s\n", qPrintable(tcpTab->errorText()),
                         qPrintable(udpTab->errorText()));
            return 2;
        }
        const bool up = spinUntil(
            [&] { return ports.count(tcpTab->sessionId()) && ports.count(udpTab->sessionId()); },
            Clock::now() + std::chrono::seconds(10));
        if (!up) {
            std::fprintf(stderr, "sessions did not come up: %s / %s\n",
                         qPrintable(tcpTab->errorText()), qPrintable(udpTab->errorText()));
            return 2;
        }
        const std::uint16_t tcpPort = ports[tcpTab->sessionId()];
        const std::uint16_t udpPort = ports[udpTab->sessionId()];
        const auto tcpStore = engine.store(tcpTab->sessionId());
        const auto udpStore = engine.store(udpTab->sessionId());
        window.tabs()->setCurrentWidget(tcpTab);
        spinUntil([] { return false; }, Clock::now() + std::chrono::milliseconds(300));

        PaintCounter paints;
        for (SessionTab* tab : {tcpTab, udpTab}) {
            TrafficPane* pane = tab->trafficPane();
            pane->hexView()->viewport()->installEventFilter(&paints);
            pane->textView()->viewport()->installEventFilter(&paints);
            pane->logView()->viewport()->installEventFilter(&paints);
            if (tab == tcpTab) {
                paints.tcpViews = {pane->hexView()->viewport(), pane->textView()->viewport(),
                                   pane->logView()->viewport()};
            }
        }
        const std::uint64_t baselineKiB = procStatusKiB("VmRSS");

        // Stall detector: a 1 ms precise timer; a long gap means the thread was busy.
        QElapsedTimer sinceStart;
        std::vector<double> timerGaps;
        double maxGapMs = 0;
        double maxGapAtMs = 0;
        SchedSample maxGapSched;      // of the longest gap: on a CPU, waiting for one
        double maxBusyMs = 0;         // the most CPU the GUI thread used within one gap
        double maxRunWaitMs = 0;      // the longest wait for a CPU within one gap
        std::vector<double> busyGaps; // gaps minus run-queue waits: what the GUI itself held
        qint64 lastTickNs = -1;
        const SchedStat schedStat;
        SchedSample lastSched = schedStat.sample();
        QTimer stallTimer;
        stallTimer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&stallTimer, &QTimer::timeout, [&] {
            const qint64 now = sinceStart.nsecsElapsed();
            const SchedSample sched = schedStat.sample();
            if (lastTickNs >= 0) {
                const double gap = static_cast<double>(now - lastTickNs) / 1e6;
                const SchedSample d{sched.cpuMs - lastSched.cpuMs, sched.waitMs - lastSched.waitMs};
                timerGaps.push_back(gap);
                busyGaps.push_back(std::max(0.0, gap - d.waitMs));
                if (gap > maxGapMs) {
                    maxGapMs = gap;
                    maxGapAtMs = static_cast<double>(now) / 1e6;
                    maxGapSched = d;
                }
                maxBusyMs = std::max(maxBusyMs, d.cpuMs);
                maxRunWaitMs = std::max(maxRunWaitMs, d.waitMs);
            }
            lastTickNs = now;
            lastSched = sched;
        });

        // Event-loop latency: another thread posts a queued call every 5 ms with its time.
        std::vector<double> latencies;
        std::atomic<bool> probing{true};
        QObject latencyContext;
        std::thread prober([&] {
            while (probing.load()) {
                const auto posted = Clock::now();
                QMetaObject::invokeMethod(
                    &latencyContext,
                    [&latencies, posted] { latencies.push_back(ms(Clock::now() - posted)); },
                    Qt::QueuedConnection);
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        });

        QTimer switcher;
        std::vector<Clock::time_point> switches; // frame intervals across a switch are skipped
        QObject::connect(&switcher, &QTimer::timeout, [&] {
            window.tabs()->setCurrentWidget(window.currentTab() == tcpTab ? udpTab : tcpTab);
            switches.push_back(Clock::now());
        });

        QProcess tcpSender;
        QProcess udpSender;
        paints.recording = true;
        sinceStart.start();
        stallTimer.start(1);
        if (opt.switchMs > 0) {
            switcher.start(opt.switchMs);
        }
        const auto t0 = Clock::now();
        udpSender.start(pythonPath(), {QStringLiteral("-c"), QString::fromLatin1(kUdpSender),
                                       QString::number(udpPort), QString::number(opt.udpCount),
                                       QString::number(opt.udpSize)});
        tcpSender.start(pythonPath(), {QStringLiteral("-c"), QString::fromLatin1(kTcpSender),
                                       QString::number(tcpPort), QString::number(total)});
        std::optional<Clock::time_point> tcpDone;
        std::optional<Clock::time_point> udpSenderDone;
        std::uint64_t udpSent = 0;
        std::uint64_t udpSendFailed = 0;
        double udpSenderSeconds = 0;
        std::uint64_t lastUdpCount = 0;
        Clock::time_point lastUdpChange = Clock::now();
        const auto deadline = t0 + std::chrono::seconds(opt.timeoutS);
        spinUntil(
            [&] {
                const auto now = Clock::now();
                if (!tcpDone && tcpStore->counters().bytesIn >= total) {
                    tcpDone = now;
                }
                if (!udpSenderDone && udpSender.state() == QProcess::NotRunning) {
                    udpSenderDone = now;
                    const QList<QByteArray> out =
                        udpSender.readAllStandardOutput().simplified().split(' ');
                    if (out.size() == 3) {
                        udpSent = out[0].toULongLong();
                        udpSendFailed = out[1].toULongLong();
                        udpSenderSeconds = out[2].toDouble();
                    }
                }
                const std::uint64_t udpNow = udpStore->counters().messagesIn;
                if (udpNow != lastUdpCount) {
                    lastUdpCount = udpNow;
                    lastUdpChange = now;
                }
                const bool udpSettled =
                    udpSenderDone && (udpNow + udpKernelFigures(udpPort).drops >= udpSent ||
                                      now - lastUdpChange > std::chrono::seconds(2));
                return tcpDone && udpSettled && tcpSender.state() == QProcess::NotRunning;
            },
            deadline);
        // A few more frames so the views show the end of both floods.
        switcher.stop();
        spinUntil([] { return false; }, Clock::now() + std::chrono::milliseconds(300));
        paints.recording = false;
        stallTimer.stop();
        probing = false;
        prober.join();
        QCoreApplication::processEvents();
        const double floodMs = ms(Clock::now() - t0);

        // ---- figures ----
        const std::uint64_t peakKiB = procStatusKiB("VmHWM");
        const TrafficCounters tcpC = tcpStore->counters();
        const TrafficCounters udpC = udpStore->counters();
        const auto tcpStats = tcpStore->stats();
        const auto udpStats = udpStore->stats();
        const UdpKernelFigures udpK = udpKernelFigures(udpPort);
        const std::uint64_t badBytes =
            tcpC.bytesIn == total ? checkTcpContent(*tcpStore, total) : total;
        const double tcpMBps =
            tcpDone ? static_cast<double>(total) / 1e6 / (ms(*tcpDone - t0) / 1000.0) : 0.0;
        double tcpSenderMBps = 0;
        {
            const QList<QByteArray> out = tcpSender.readAllStandardOutput().simplified().split(' ');
            if (out.size() == 2 && out[1].toDouble() > 0) {
                tcpSenderMBps = static_cast<double>(total) / 1e6 / out[1].toDouble();
            }
        }
        const Percentiles gaps = percentiles(timerGaps);
        const Percentiles lat = percentiles(latencies);
        // While the TCP flood ran, each frame had something new to show; afterwards an idle
        // view is (rightly) not repainted, so those intervals say nothing.
        // Only the TCP tab's frames, and no interval that spans a tab switch.
        std::vector<Clock::time_point> floodPaints;
        for (std::size_t i = 0; i < paints.times.size(); ++i) {
            if (paints.times[i] <= tcpDone.value_or(Clock::now()) && paints.tcpTab[i]) {
                floodPaints.push_back(paints.times[i]);
            }
        }
        std::vector<double> intervals;
        {
            std::vector<Clock::time_point> frames;
            for (const auto& t : floodPaints) {
                if (frames.empty() || t - frames.back() > std::chrono::milliseconds(4)) {
                    frames.push_back(t);
                }
            }
            for (std::size_t i = 1; i < frames.size(); ++i) {
                const bool spansSwitch =
                    std::any_of(switches.begin(), switches.end(), [&](const auto& s) {
                        return s >= frames[i - 1] && s <= frames[i];
                    });
                if (!spansSwitch) {
                    intervals.push_back(ms(frames[i] - frames[i - 1]));
                }
            }
        }
        const Percentiles frames = percentiles(intervals);
        const std::uint64_t capBytes =
            tcpStore->config().memoryCapBytes + udpStore->config().memoryCapBytes;
        const auto paintsOf = [&paints](SessionTab* tab) {
            TrafficPane* pane = tab->trafficPane();
            return paints.perWidget[pane->hexView()->viewport()] +
                   paints.perWidget[pane->textView()->viewport()] +
                   paints.perWidget[pane->logView()->viewport()];
        };
        QFile loadFile(QStringLiteral("/proc/loadavg"));
        QByteArray load;
        if (loadFile.open(QIODevice::ReadOnly)) {
            load = loadFile.readAll().trimmed();
        }

        const bool tcpOk = tcpC.bytesIn == total && badBytes == 0;
        const bool udpOk = udpK.found && udpC.messagesIn + udpK.drops == udpSent &&
                           udpC.bytesIn == udpC.messagesIn * opt.udpSize && udpSendFailed == 0;

        std::printf("\n%-44s %s\n", "load average (1/5/15 min, at the end)", load.constData());
        std::printf("%-44s %.0f ms\n", "flood duration (both floods, until settled)", floodMs);
        const Percentiles held = percentiles(busyGaps);
        std::printf("%-44s %.1f ms (target < 50)\n", "max main-thread stall (1 ms timer gap)",
                    gaps.max);
        std::printf(
            "%-44s at %.0f ms: on a CPU %.1f ms, waiting for a CPU %.1f ms, other %.1f ms\n",
            "  the longest gap", maxGapAtMs, maxGapSched.cpuMs, maxGapSched.waitMs,
            gaps.max - maxGapSched.cpuMs - maxGapSched.waitMs);
        std::printf("%-44s %.1f ms (p99 %.2f ms)\n", "  max gap not spent waiting for a CPU",
                    held.max, held.p99);
        std::printf("%-44s %.1f ms / %.1f ms\n", "  most CPU / run-queue wait within one gap",
                    maxBusyMs, maxRunWaitMs);
        std::printf("%-44s %.2f / %.2f ms (%zu gaps)\n", "  timer gap p50 / p99", gaps.p50,
                    gaps.p99, gaps.n);
        std::printf("%-44s %.2f / %.2f / %.1f ms (%zu probes)\n",
                    "event-loop latency p50 / p99 / max", lat.p50, lat.p99, lat.max, lat.n);
        std::printf("%-44s %.1f / %.1f / %.1f ms (%zu intervals)\n",
                    "TCP tab frame interval (flood, shown) p50/p99/max", frames.p50, frames.p99,
                    frames.max, frames.n);
        std::printf("%-44s %llu (TCP tab %llu, UDP tab %llu)\n", "repaints of the traffic views",
                    static_cast<unsigned long long>(paints.times.size()),
                    static_cast<unsigned long long>(paintsOf(tcpTab)),
                    static_cast<unsigned long long>(paintsOf(udpTab)));
        std::printf("%-44s %.1f MiB (baseline %.1f, growth %.1f)\n", "peak RSS (VmHWM)",
                    peakKiB / 1024.0, baselineKiB / 1024.0, (peakKiB - baselineKiB) / 1024.0);
        std::printf("%-44s %.1f MiB (TCP %.0f + UDP %.0f)\n", "store memory caps (sum)",
                    capBytes / 1048576.0, tcpStore->config().memoryCapBytes / 1048576.0,
                    udpStore->config().memoryCapBytes / 1048576.0);
        std::printf("%-44s %.1f / %.1f MiB resident, %.1f / %.1f MiB spilled\n",
                    "store payload TCP / UDP", tcpStats.residentBytes / 1048576.0,
                    udpStats.residentBytes / 1048576.0, tcpStats.spilledBytes / 1048576.0,
                    udpStats.spilledBytes / 1048576.0);
        std::printf("%-44s %.1f / %.1f MiB\n", "store memory (stats.memoryBytes) TCP / UDP",
                    tcpStats.memoryBytes / 1048576.0, udpStats.memoryBytes / 1048576.0);
        const double storesMiB =
            static_cast<double>(tcpStats.memoryBytes + udpStats.memoryBytes) / 1048576.0;
        const double growthMiB = static_cast<double>(peakKiB - baselineKiB) / 1024.0;
        std::printf("%-44s %s (growth - stores' memory = %.1f MiB)\n",
                    "peak RSS growth within caps + 64 MiB",
                    (peakKiB - baselineKiB) * 1024 <= capBytes + (64u << 20) ? "yes" : "NO",
                    growthMiB - storesMiB);
        std::printf("%-44s %.0f MB/s (python3 sender saw %.0f MB/s)\n",
                    "TCP through the GUI (receiver side)", tcpMBps, tcpSenderMBps);
        if (reference) {
            std::printf("%-44s %.0f MB/s (python3 sender saw %.0f MB/s)\n",
                        "TCP into socat -u ... /dev/null (peer)", reference->mbps,
                        reference->senderMBps);
            std::printf("%-44s %.2f\n", "ratio GUI / socat", tcpMBps / reference->mbps);
            std::printf("%-44s received %llu of %llu (%.1f%%), kernel drops %llu\n",
                        "UDP into a plain python3 receiver (peer)",
                        static_cast<unsigned long long>(reference->udpReceived),
                        static_cast<unsigned long long>(reference->udpSent),
                        reference->udpSent ? 100.0 * static_cast<double>(reference->udpReceived) /
                                                 static_cast<double>(reference->udpSent)
                                           : 0.0,
                        static_cast<unsigned long long>(reference->udpDrops));
        } else {
            std::printf("%-44s %s\n", "TCP into socat", "(not run)");
        }
        std::printf("%-44s %llu of %llu bytes, %llu bad sampled bytes -> %s\n", "TCP counter",
                    static_cast<unsigned long long>(tcpC.bytesIn),
                    static_cast<unsigned long long>(total),
                    static_cast<unsigned long long>(badBytes), tcpOk ? "OK" : "WRONG");
        std::printf("%-44s sent %llu (send failed %llu) in %.2f s = received %llu + kernel "
                    "drops %llu (rx queue %llu B) -> %s\n",
                    "UDP datagrams", static_cast<unsigned long long>(udpSent),
                    static_cast<unsigned long long>(udpSendFailed), udpSenderSeconds,
                    static_cast<unsigned long long>(udpC.messagesIn),
                    static_cast<unsigned long long>(udpK.drops),
                    static_cast<unsigned long long>(udpK.rxQueue), udpOk ? "OK" : "WRONG");
        std::printf("%-44s %llu records, %llu records\n", "store records TCP / UDP",
                    static_cast<unsigned long long>(tcpStore->endSeq() - tcpStore->beginSeq()),
                    static_cast<unsigned long long>(udpStore->endSeq() - udpStore->beginSeq()));
        std::fflush(stdout);
        if (!tcpOk || !udpOk) {
            rc = 1;
        }
        tcpSender.kill();
        udpSender.kill();
        tcpSender.waitForFinished(2000);
        udpSender.waitForFinished(2000);
        window.close();
    }
    // Stop the engine thread before the bridge it notifies goes away (as app/main.cpp does).
    engine.stop();
    return rc;
}
