#include "tests/bench/scroll_find.h"

#include "tests/bench/support/bench_stats.h"
#include "tests/bench/support/gui_probes.h"
#include "ui/views/byte_selection.h"
#include "ui/views/find_bar.h"
#include "ui/views/traffic_pane.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <chrono>
#include <span>

namespace socklab::bench {

FindFigures findThroughPane(ui::TrafficPane& pane, std::uint64_t markerOffset, int runs) {
    FindFigures f;
    const auto& store = pane.shownStore();
    f.scanned = markerOffset - store->arenaBegin();
    bool finished = false;
    bool found = false;
    const QMetaObject::Connection c =
        QObject::connect(&pane, &ui::TrafficPane::findFinished, [&](bool hit) {
            finished = true;
            found = hit;
        });
    pane.findBar()->setPattern(QString::fromLatin1(kFindMarker), PatternKind::Text);
    for (int i = 0; i < runs; ++i) {
        pane.selection()->clear(ui::ByteSelection::Origin::Program);
        finished = false;
        const auto t0 = Clock::now();
        const bool syncHit = pane.findNext();
        if (!pane.isSearching()) {
            finished = true; // searched synchronously (a capture under the pane's sync limit)
            found = syncHit;
        }
        spinUntil([&] { return finished; }, t0 + std::chrono::seconds(120));
        const double s = ms(Clock::now() - t0) / 1000.0;
        if (!finished || !found || pane.selection()->begin() != markerOffset) {
            ++f.wrong;
            continue;
        }
        f.bytesPerSecond.push_back(static_cast<double>(f.scanned) / s);
    }
    QObject::disconnect(c);
    return f;
}

FindFigures findWithGrep(const TrafficStore& store, int runs) {
    FindFigures f;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("capture.bin"));
    {
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly)) {
            f.error = "open " + path.toStdString() + ": " + out.errorString().toStdString();
            return f;
        }
        std::vector<std::byte> buf(4u << 20);
        for (std::uint64_t at = store.arenaBegin(); at < store.arenaEnd();) {
            const std::size_t got = store.readArena(at, buf);
            if (got == 0 || out.write(reinterpret_cast<const char*>(buf.data()),
                                      static_cast<qint64>(got)) != static_cast<qint64>(got)) {
                f.error = "writing the capture to " + path.toStdString() + " failed";
                return f;
            }
            at += got;
        }
    }
    f.scanned = store.arenaEnd() - store.arenaBegin();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    for (int i = 0; i < runs; ++i) {
        QProcess grep;
        grep.setProcessEnvironment(env);
        const auto t0 = Clock::now();
        grep.start(QStringLiteral("grep"), {QStringLiteral("-c"), QStringLiteral("-F"),
                                            QString::fromLatin1(kFindMarker), path});
        const bool done = grep.waitForFinished(120000);
        const double s = ms(Clock::now() - t0) / 1000.0;
        if (!done || grep.readAllStandardOutput().trimmed() != "1") {
            ++f.wrong;
            f.error = "grep: " + grep.readAllStandardError().toStdString();
            continue;
        }
        f.bytesPerSecond.push_back(static_cast<double>(f.scanned) / s);
    }
    return f;
}

} // namespace socklab::bench
