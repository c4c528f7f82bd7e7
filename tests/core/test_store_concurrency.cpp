// One writer appending while readers copy records and bytes, as the engine thread and the GUI /
// CLI do. Content is a function of seq, so every byte a reader sees can be checked on its own.
// The writer either copies (appendData) or receives from a python3 peer over TCP straight into
// the store (receiveRoom / commitReceived, as the engine's stream connections do).
// Run under TSan too (ctest -L engine in the tsan preset).
#include "core/capture/traffic_store.h"
#include "core/net/socket_ops.h"
#include "core/support/python_peer.h"
#include "core/support/stream_pattern.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace socklab;
using namespace socklab::test;

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

// Bytes received straight into the store: arena offset = stream position (one connection, Data
// In only). Checks the newest bytes, bytes in the middle of what is held, and the newest records
// (contiguous, each with its own bytes) against the sender's pattern.
void receivedReaderPass(const TrafficStore& store, Failures& f, std::vector<std::byte>& buf) {
    const std::uint64_t end = store.arenaEnd();
    const std::uint64_t begin = store.arenaBegin();
    for (const std::uint64_t from :
         {end > buf.size() ? end - buf.size() : 0, begin + (end - begin) / 2}) {
        const std::size_t got = store.readArena(from, buf);
        const std::size_t bad = streamPatternMismatch(from, std::span(buf).first(got));
        if (bad != SIZE_MAX) {
            f.add("arena byte at " + std::to_string(from + bad) + " is not what was sent");
        }
    }
    const std::uint64_t endSeq = store.endSeq();
    const auto recs = store.records(endSeq > 20 ? endSeq - 20 : 0, 20);
    for (std::size_t i = 0; i < recs.size(); ++i) {
        const Record& r = recs[i];
        if (r.kind != RecordKind::Data || r.direction != Direction::In || r.length == 0) {
            f.add("record " + std::to_string(r.seq) + " is not a received Data record");
            continue;
        }
        if (i + 1 < recs.size() && recs[i + 1].arenaOffset != r.arenaOffset + r.length) {
            f.add("records " + std::to_string(r.seq) + " and the next are not contiguous");
        }
        const std::size_t got = store.readRecordBytes(
            r, 0, std::span(buf).first(std::min<std::size_t>(buf.size(), r.length)));
        if (streamPatternMismatch(r.arenaOffset, std::span(buf).first(got)) != SIZE_MAX) {
            f.add("record " + std::to_string(r.seq) + " bytes are not what was sent");
        }
    }
}

// A listening TCP socket on 127.0.0.1 (port out), or -1.
int listenLoopback(std::uint16_t& port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof sa;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 ||
        ::listen(fd, 1) != 0 || ::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len) != 0) {
        if (fd >= 0) {
            ::close(fd);
        }
        return -1;
    }
    port = ntohs(sa.sin_port);
    return fd;
}

// Accepts one connection within timeout_ms (a blocking socket with a 20 s receive timeout).
int acceptOne(int listener, int timeout_ms) {
    pollfd p{listener, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) != 1) {
        return -1;
    }
    const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    const timeval tv{20, 0};
    if (fd >= 0) {
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    return fd;
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

    // recvmsg straight into the store's chunks (the tail's room, plus a new chunk when it is
    // small) under a drop-oldest cap of four chunks, with readers checking every byte they see:
    // what was committed is exactly what python sent (SHA-256 of every record read back right
    // after its commit, before it can be evicted), no uncommitted room is ever readable
    // (recycled chunks hold older stream bytes, which would not match), and nothing is lost.
    void receiveStraightIntoStoreWithReaders() {
        if (!PythonPeer::available()) {
            QSKIP("python3 is not installed");
        }
        constexpr std::uint64_t kTotal = 24ull << 20;
        TrafficStore::Config cfg;
        cfg.chunkBytes = 64 * 1024;
        cfg.memoryCapBytes = 256 * 1024;
        cfg.policy = OverflowPolicy::DropOldest;
        TrafficStore store(cfg);
        std::uint16_t port = 0;
        const int listener = listenLoopback(port);
        QVERIFY(listener >= 0);
        PythonPeer peer(streamPatternSender(), {QString::number(port), QString::number(kTotal)});
        QVERIFY(peer.start());
        const int fd = acceptOne(listener, 15000);
        ::close(listener);
        QVERIFY(fd >= 0);

        Failures failures;
        std::atomic<bool> done{false};
        std::atomic<std::uint64_t> passes{0};
        const auto deadline = std::chrono::steady_clock::now() + kDeadline;
        std::vector<std::thread> readers;
        for (int t = 0; t < 2; ++t) {
            readers.emplace_back([&] {
                std::vector<std::byte> buf(48 * 1024);
                for (int i = 0; i < 10'000'000 && !done.load(); ++i) {
                    receivedReaderPass(store, failures, buf);
                    passes.fetch_add(1);
                }
            });
        }

        QCryptographicHash hash(QCryptographicHash::Sha256);
        std::uint64_t got = 0;
        std::uint64_t twoPieceReads = 0;
        std::string failure;
        for (int i = 0; i < 10'000'000 && got < kTotal && failure.empty(); ++i) {
            if (std::chrono::steady_clock::now() > deadline) {
                failure = "timed out";
                break;
            }
            // Short reads (a prefix of the tail's room) leave the arena end inside a chunk; the
            // others ask for a chunk's worth: the tail's room and a new chunk after it.
            const bool shortRead = i % 3 == 0;
            const std::size_t minBytes = shortRead ? 1 : cfg.chunkBytes;
            TrafficStore::ReceiveRoom room = store.receiveRoom(minBytes);
            if (room.size() < minBytes || room.first.empty()) {
                failure = "room smaller than asked";
                break;
            }
            if (shortRead) {
                room.first = room.first.first(
                    std::min<std::size_t>(room.first.size(), 1 + (i * 131) % 5000));
                room.second = {};
            } else if (i % 4 == 1) {
                // Let the sender queue more than the tail's room: the read goes on into the
                // new chunk.
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
            const auto r = sockops::recvScatter(fd, room.first, room.second, "test");
            if (!r || r->eof || r->wouldBlock) {
                failure = r ? "connection ended early" : r.error().message();
                break;
            }
            twoPieceReads += r->bytes > room.first.size() ? 1 : 0;
            const std::uint64_t seq = store.commitReceived(r->bytes, 1, Direction::In);
            const auto rec = store.record(seq);
            if (!rec || rec->arenaOffset != got || rec->length != r->bytes) {
                failure = "record " + std::to_string(seq) + " does not describe the read";
                break;
            }
            const auto bytes = store.recordBytes(*rec);
            hash.addData(QByteArrayView(reinterpret_cast<const char*>(bytes.data()),
                                        qsizetype(bytes.size())));
            got += r->bytes;
        }
        // The peer closed after kTotal: nothing more arrives, and an unused room is not kept.
        const TrafficStore::ReceiveRoom last = store.receiveRoom(1);
        const auto eof = sockops::recvScatter(fd, last.first, last.second, "test");
        ::close(fd);
        done = true;
        for (auto& t : readers) {
            t.join();
        }
        for (const auto& m : failures.messages) {
            qWarning("%s", m.c_str());
        }
        QVERIFY2(failure.empty(), failure.c_str());
        QVERIFY(eof && eof->eof);
        QCOMPARE(peer.readLine(30000), hash.result().toHex());
        QCOMPARE(peer.finish(10000), 0);
        QCOMPARE(failures.count.load(), 0);
        QVERIFY(passes.load() > 0);
        QVERIFY(twoPieceReads > 0); // some reads filled the tail and went on into a new chunk
        QCOMPARE(got, kTotal);
        QCOMPARE(store.arenaEnd(), kTotal);
        QCOMPARE(store.counters(1).bytesIn, kTotal);
        const auto st = store.stats();
        QCOMPARE(st.arenaBytes, kTotal);
        QCOMPARE(st.evictedBytes + st.residentBytes, kTotal);
        QVERIFY(st.residentBytes <= cfg.memoryCapBytes + cfg.chunkBytes);
        QCOMPARE(store.arenaBegin(), st.evictedBytes);
        // The bytes still held are the stream's last bytes, exactly.
        std::vector<std::byte> tail(static_cast<std::size_t>(kTotal - store.arenaBegin()));
        QCOMPARE(store.readArena(store.arenaBegin(), tail), tail.size());
        QCOMPARE(streamPatternMismatch(store.arenaBegin(), tail), SIZE_MAX);
        qInfo("reader passes: %llu, reads across a chunk end: %llu",
              static_cast<unsigned long long>(passes.load()),
              static_cast<unsigned long long>(twoPieceReads));
    }
};

QTEST_APPLESS_MAIN(TestStoreConcurrency)
#include "test_store_concurrency.moc"
