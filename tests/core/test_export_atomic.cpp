// Exports replace their target atomically (write "<path>.part", fsync, rename) and can be
// cancelled or watched through the options' cancel flag and progress hook.
#include "core/capture/exporters.h"
#include "core/support/bytes.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <sys/resource.h>
#include <thread>
#include <utility>
#include <vector>

using namespace socklab;
using namespace socklab::test;

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A TCP conversation with `n` data records (plus the Connected event at seq 0).
void fill(TrafficStore& store, int n, std::size_t bytesEach = 32) {
    const Endpoint peer = Endpoint::loopback4(8080);
    store.appendEvent(0, RecordKind::Connected, "", 0, &peer);
    const std::string payload(bytesEach, 'x');
    for (int i = 0; i < n; ++i) {
        store.appendData(0, i % 2 ? Direction::In : Direction::Out, asBytes(payload), &peer);
    }
}

// Names in dir, sorted.
QStringList entries(const QTemporaryDir& dir) {
    return QDir(dir.path())
        .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
}

} // namespace

class TestExportAtomic : public QObject {
    Q_OBJECT

private slots:
    void successReplacesTargetAndLeavesNoPart() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("out.log").toStdString();
        {
            std::ofstream old(path);
            old << "an older, longer file that must be replaced entirely\n";
        }
        TrafficStore store;
        fill(store, 3);
        const auto r = exportTextLog(store, path);
        QVERIFY2(r, r ? "" : r.error().message().c_str());
        QCOMPARE(r->records, 4u);
        const std::string text = readFile(path);
        QVERIFY2(text.find("an older") == std::string::npos, text.c_str());
        QCOMPARE(std::count(text.begin(), text.end(), '\n'), 4);
        QCOMPARE(entries(dir), QStringList{"out.log"});
    }

    void failureMidwayKeepsEarlierFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("dump.txt").toStdString();
        TrafficStore store;
        fill(store, 200, 4096); // ~1.6 MB of hexdump text: several 256 KiB flushes
        QVERIFY(exportHexdump(store, path));
        const std::string good = readFile(path);
        QVERIFY(good.size() > (1u << 20));

        // A file size limit makes write() fail with EFBIG part-way through (root included).
        rlimit saved{};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = saved;
        small.rlim_cur = 300u << 10;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        const auto failed = exportHexdump(store, path);
        ::setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, oldHandler);

        QVERIFY(!failed);
        QCOMPARE(failed.error().sysErrno(), EFBIG);
        QVERIFY2(failed.error().message().starts_with("export hexdump " + path + ": "),
                 failed.error().message().c_str());
        QVERIFY(readFile(path) == good);
        QCOMPARE(entries(dir), QStringList{"dump.txt"});
    }

    void failureToCreateKeepsEarlierFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("x.pcapng").toStdString();
        TrafficStore store;
        fill(store, 10);
        QVERIFY(exportPcapng(store, path));
        const std::string good = readFile(path);
        QVERIFY(!good.empty());
        // The .part name is taken by a directory: the export cannot start.
        QVERIFY(QDir(dir.path()).mkdir("x.pcapng.part"));
        const auto blocked = exportPcapng(store, path);
        QVERIFY(!blocked);
        QCOMPARE(blocked.error().sysErrno(), EISDIR);
        QVERIFY2(blocked.error().message().starts_with("export pcapng " + path + ": "),
                 blocked.error().message().c_str());
        QVERIFY(readFile(path) == good);
        QVERIFY(QDir(dir.path()).rmdir("x.pcapng.part"));

        const std::string missing = dir.filePath("no-such-dir/x.pcapng").toStdString();
        const auto noDir = exportPcapng(store, missing);
        QVERIFY(!noDir);
        QCOMPARE(noDir.error().message(),
                 "export pcapng " + missing + ": No such file or directory (ENOENT)");
        QVERIFY(readFile(path) == good);
        QCOMPARE(entries(dir), QStringList{"x.pcapng"});
    }

    void cancelBeforeTheCall() {
        QTemporaryDir dir;
        TrafficStore store;
        fill(store, 10);
        const std::atomic<bool> cancel{true};
        const std::string pcap = dir.filePath("a.pcapng").toStdString();
        const std::string hex = dir.filePath("a.hex").toStdString();
        const std::string log = dir.filePath("a.log").toStdString();
        QVERIFY(exportPcapng(store, pcap));
        QVERIFY(exportHexdump(store, hex));
        QVERIFY(exportTextLog(store, log));
        const std::string goodPcap = readFile(pcap), goodHex = readFile(hex),
                          goodLog = readFile(log);

        PcapngOptions po;
        po.cancel = &cancel;
        const auto p = exportPcapng(store, pcap, po);
        QVERIFY(!p);
        QCOMPARE(p.error().sysErrno(), ECANCELED);
        QCOMPARE(p.error().op, std::string("export pcapng"));
        QCOMPARE(p.error().object, pcap);
        QCOMPARE(p.error().detail, std::string("cancelled"));
        QVERIFY2(p.error().message().starts_with("export pcapng " + pcap + ": ") &&
                     p.error().message().ends_with(": cancelled"),
                 p.error().message().c_str());

        TextExportOptions to;
        to.cancel = &cancel;
        const auto h = exportHexdump(store, hex, to);
        QVERIFY(!h);
        QCOMPARE(h.error().sysErrno(), ECANCELED);
        QCOMPARE(h.error().op, std::string("export hexdump"));
        const auto l = exportTextLog(store, log, to);
        QVERIFY(!l);
        QCOMPARE(l.error().sysErrno(), ECANCELED);
        QCOMPARE(l.error().op, std::string("export text log"));
        QCOMPARE(l.error().object, log);

        QVERIFY(readFile(pcap) == goodPcap);
        QVERIFY(readFile(hex) == goodHex);
        QVERIFY(readFile(log) == goodLog);
        QCOMPARE(entries(dir), (QStringList{"a.hex", "a.log", "a.pcapng"}));
    }

    void cancelFromProgressStopsEarly() {
        QTemporaryDir dir;
        TrafficStore store;
        fill(store, 20000);
        const std::string path = dir.filePath("big.pcapng").toStdString();
        QVERIFY(exportPcapng(store, path));
        const std::string good = readFile(path);

        std::atomic<bool> cancel{false};
        std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
        PcapngOptions opt;
        opt.cancel = &cancel;
        opt.progress = [&](std::uint64_t done, std::uint64_t total) {
            calls.emplace_back(done, total);
            cancel = true;
        };
        const auto r = exportPcapng(store, path, opt);
        QVERIFY(!r);
        QCOMPARE(r.error().sysErrno(), ECANCELED);
        QCOMPARE(r.error().detail, std::string("cancelled"));
        // Stopped right after the first report, long before the end; no final call.
        QCOMPARE(calls.size(), std::size_t{1});
        QVERIFY(calls[0].first > 0);
        QVERIFY(calls[0].first < 20001u / 10);
        QCOMPARE(calls[0].second, 20001u);
        QVERIFY(readFile(path) == good);
        QCOMPARE(entries(dir), QStringList{"big.pcapng"});
    }

    void progressIncreasesToTotal() {
        QTemporaryDir dir;
        TrafficStore store;
        fill(store, 30000);
        std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
        TextExportOptions opt;
        opt.range = {100, 25100};
        opt.progress = [&](std::uint64_t done, std::uint64_t total) {
            calls.emplace_back(done, total);
        };
        QElapsedTimer timer;
        timer.start();
        const auto r = exportTextLog(store, dir.filePath("p.log").toStdString(), opt);
        const qint64 ms = timer.elapsed();
        QVERIFY(r);
        QCOMPARE(r->records, 25000u);
        QVERIFY(calls.size() >= 2); // one early report, one final
        QVERIFY(calls.size() <= static_cast<std::size_t>(2 + ms / 50));
        for (std::size_t i = 0; i < calls.size(); ++i) {
            QCOMPARE(calls[i].second, 25000u);
            if (i > 0) {
                QVERIFY(calls[i].first > calls[i - 1].first);
            }
        }
        QCOMPARE(calls.front().first, 64u);
        QCOMPARE(calls.back().first, 25000u);

        // Empty range: only the final report, 0 of 0.
        calls.clear();
        opt.range = {50000, 60000};
        const auto empty = exportHexdump(store, dir.filePath("e.hex").toStdString(), opt);
        QVERIFY(empty);
        QCOMPARE(calls.size(), std::size_t{1});
        QCOMPARE(calls[0], (std::pair<std::uint64_t, std::uint64_t>{0, 0}));
    }

    void cancelFromAnotherThread() {
        QTemporaryDir dir;
        TrafficStore store;
        fill(store, 20000, 256);
        const std::string path = dir.filePath("t.hex").toStdString();
        std::atomic<bool> cancel{false};
        std::atomic<bool> started{false};
        TextExportOptions opt;
        opt.cancel = &cancel;
        // The first report lets the other thread cancel, then waits (bounded) until the flag is
        // visible here, so the export is stopped mid-way whatever the scheduling.
        opt.progress = [&](std::uint64_t, std::uint64_t) {
            started = true;
            for (int i = 0; i < 5000 && !cancel.load(); ++i) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        };
        std::thread canceller([&] {
            for (int i = 0; i < 5000 && !started.load(); ++i) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            cancel = true;
        });
        const auto r = exportHexdump(store, path, opt);
        canceller.join();
        QVERIFY(started.load());
        QVERIFY(!r);
        QCOMPARE(r.error().sysErrno(), ECANCELED);
        QVERIFY(entries(dir).isEmpty()); // no target, no .part
    }
};

QTEST_APPLESS_MAIN(TestExportAtomic)
#include "test_export_atomic.moc"
