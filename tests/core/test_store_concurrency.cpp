// One writer appending while readers copy records and bytes, as the engine thread and the GUI /
// CLI do. Content is a function of seq, so every byte a reader sees can be checked on its own.
// Run under TSan too (ctest -L engine in the tsan preset).
#include "core/capture/traffic_store.h"

#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

using namespace socklab;

namespace {

constexpr std::uint64_t kRecords = 30000;
constexpr auto kDeadline = std::chrono::seconds(60);

std::size_t lengthFor(std::uint64_t seq) {
    return 1 + (seq * 37) % 700;
}
std::byte byteFor(std::uint64_t seq, std::size_t i) {
    return static_cast<std::byte>((seq * 7 + i) & 0xff);
}

struct Failures {
    std::mutex mutex;
    std::vector<std::string> messages;
    std::atomic<int> count{0};
    void add(std::string m) {
        if (count.fetch_add(1) < 5) {
            std::lock_guard lk(mutex);
            messages.push_back(std::move(m));
        }
    }
};

// One reader pass: newest records, a few old ones, bytes, counters and stats consistency.
void readerPass(const TrafficStore& store, Failures& f, std::uint64_t& lastBytes,
                std::uint64_t& lastEnd) {
    const std::uint64_t end = store.endSeq();
    if (end < lastEnd) {
        f.add("endSeq went backwards");
    }
    lastEnd = end;
    const std::uint64_t from = end > 40 ? end - 40 : 0;
    const auto recs = store.records(from, 40);
    std::uint64_t expectSeq = recs.empty() ? 0 : recs.front().seq;
    std::vector<std::byte> buf(700);
    for (const Record& r : recs) {
        if (r.seq != expectSeq++) {
            f.add("records not consecutive at " + std::to_string(r.seq));
        }
        if (r.kind != RecordKind::Data) {
            if (store.text(r) != "tick " + std::to_string(r.seq)) {
                f.add("event text wrong at " + std::to_string(r.seq));
            }
            continue;
        }
        if (r.length != lengthFor(r.seq)) {
            f.add("length wrong at " + std::to_string(r.seq));
            continue;
        }
        const std::size_t got = store.readRecordBytes(r, 0, buf);
        // Eviction only moves forward, so bytes that could not be read must now be unavailable.
        if (got == 0 && store.bytesAvailable(r)) {
            f.add("bytes missing but not evicted at " + std::to_string(r.seq));
        }
        if (got != 0 && got != r.length) {
            f.add("short read at " + std::to_string(r.seq));
        }
        for (std::size_t i = 0; i < got; ++i) {
            if (buf[i] != byteFor(r.seq, i)) {
                f.add("content wrong at seq " + std::to_string(r.seq));
                break;
            }
        }
        if (store.recordAtArenaOffset(r.arenaOffset) != std::optional(r.seq) &&
            store.beginSeq() <= r.seq) {
            f.add("recordAtArenaOffset wrong for " + std::to_string(r.seq));
        }
    }
    const TrafficCounters c = store.counters();
    if (c.bytesOut < lastBytes) {
        f.add("counter went backwards");
    }
    lastBytes = c.bytesOut;
    const auto st = store.stats();
    if (st.evictedBytes + st.spilledBytes + st.residentBytes != st.arenaBytes) {
        f.add("stats inconsistent");
    }
}

} // namespace

class TestStoreConcurrency : public QObject {
    Q_OBJECT

private:
    void run(OverflowPolicy policy) {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        TrafficStore::Config cfg;
        cfg.chunkBytes = 16 * 1024;
        cfg.memoryCapBytes = 256 * 1024;
        cfg.diskCapBytes = 2 << 20;
        cfg.maxRecords = 20000;
        cfg.policy = policy;
        cfg.spillDir = dir.path().toStdString();
        TrafficStore store(cfg);
        Failures failures;
        std::atomic<bool> done{false};
        const auto deadline = std::chrono::steady_clock::now() + kDeadline;
        std::uint64_t expectedBytes = 0;

        std::vector<std::thread> readers;
        std::atomic<std::uint64_t> passes{0};
        for (int t = 0; t < 3; ++t) {
            readers.emplace_back([&, t] {
                std::uint64_t lastBytes = 0;
                std::uint64_t lastEnd = 0;
                std::vector<std::byte> probe(64);
                for (int i = 0; i < 1'000'000 && !done.load(); ++i) {
                    if (std::chrono::steady_clock::now() > deadline) {
                        failures.add("reader timed out");
                        return;
                    }
                    readerPass(store, failures, lastBytes, lastEnd);
                    if (t == 2 && i % 50 == 0) {
                        // Searches through spilled chunks while they are being written/dropped.
                        const std::uint64_t e = store.arenaEnd();
                        const std::uint64_t b = store.arenaBegin();
                        if (e > b + 64 && store.readArena(e - 64, probe) == 64) {
                            const auto hit = store.findBytes(probe, b);
                            // A miss is legal only if the probe was evicted meanwhile.
                            if ((!hit || *hit > e - 64) && store.arenaBegin() <= e - 64) {
                                failures.add("findBytes missed resident bytes");
                            }
                        }
                    }
                    passes.fetch_add(1);
                }
            });
        }

        std::vector<std::byte> buf(700);
        for (std::uint64_t seq = 0; seq < kRecords; ++seq) {
            if (seq % 100 == 99) {
                store.appendEvent(0, RecordKind::Info, "tick " + std::to_string(seq));
                continue;
            }
            const std::size_t n = lengthFor(seq);
            for (std::size_t i = 0; i < n; ++i) {
                buf[i] = byteFor(seq, i);
            }
            if (store.appendData(0, Direction::Out, std::span(buf).first(n)) != seq) {
                failures.add("appendData returned a wrong seq at " + std::to_string(seq));
            }
            expectedBytes += n;
            if (seq % 1000 == 0) {
                std::this_thread::yield(); // let readers interleave on a 2-core machine
            }
        }
        done = true;
        for (auto& t : readers) {
            t.join();
        }
        for (const auto& m : failures.messages) {
            qWarning("%s", m.c_str());
        }
        QCOMPARE(failures.count.load(), 0);
        QVERIFY(passes.load() > 0);
        QCOMPARE(store.counters().bytesOut, expectedBytes);
        QCOMPARE(store.stats().arenaBytes, expectedBytes);
        QCOMPARE(store.endSeq(), kRecords);
        QCOMPARE(store.beginSeq(), kRecords - cfg.maxRecords);
        qInfo("reader passes: %llu", static_cast<unsigned long long>(passes.load()));
    }

private slots:
    void writerWithReadersSpill() { run(OverflowPolicy::Spill); }
    void writerWithReadersDropOldest() { run(OverflowPolicy::DropOldest); }
};

QTEST_APPLESS_MAIN(TestStoreConcurrency)
#include "test_store_concurrency.moc"
