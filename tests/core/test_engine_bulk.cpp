// Byte-exact 100 MiB TCP transfers through the Engine thread, both directions, against a
// python3 peer: the SHA-256 of what python sent/received equals that of the store's bytes, and
// the store's counters equal 100 MiB. Prints the loopback throughput (MB/s). Also a long capture
// at a drop-oldest cap read concurrently (the engine receives straight into store chunks).

#include "core/engine/engine.h"
#include "core/support/engine_harness.h"
#include "core/support/python_peer.h"
#include "core/support/stream_pattern.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QTest>
#include <algorithm>
#include <netinet/in.h>
#include <random>
#include <sys/socket.h>

using namespace socklab;
using namespace socklab::test;

namespace {

constexpr std::uint64_t kBulkBytes = 100ull << 20;

QByteArray toQ(const std::vector<std::byte>& b) {
    return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()));
}

// Hex SHA-256 of the first total bytes of the stream pattern.
QByteArray patternSha256(std::uint64_t total) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    std::vector<char> block(1 << 20);
    for (std::uint64_t p = 0; p < total;) {
        const std::size_t n = std::size_t(std::min<std::uint64_t>(block.size(), total - p));
        for (std::size_t i = 0; i < n; ++i) {
            block[i] = char(streamPatternAt(p + i));
        }
        hash.addData(QByteArrayView(block.data(), qsizetype(n)));
        p += n;
    }
    return hash.result().toHex();
}

// One look at the newest bytes of a store that is being written, as the GUI's byte view does;
// returns "" or what was wrong. Arena offset = stream position (one connection, In only).
std::string checkNewestBytes(const TrafficStore& store, std::vector<std::byte>& buf,
                             std::uint64_t& bytesChecked) {
    const std::uint64_t end = store.arenaEnd();
    const std::uint64_t from = end > buf.size() ? end - buf.size() : 0;
    const std::size_t got = store.readArena(from, buf);
    bytesChecked += got;
    const std::size_t bad = streamPatternMismatch(from, std::span(buf).first(got));
    return bad == SIZE_MAX ? std::string()
                           : "byte at " + std::to_string(from + bad) + " is not what was sent";
}

} // namespace

class TestEngineBulk : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!PythonPeer::available()) {
            QSKIP("python3 is not installed");
        }
    }

    void tcpBulkFromPython() {
        EngineHarness h;
        const auto listener = h.listenTcp();
        QVERIFY(listener);
        const SessionId s = listener->session;
        PythonPeer peer(R"(
            import hashlib, os, socket, sys
            total = int(sys.argv[2])
            s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            h = hashlib.sha256()
            chunk = os.urandom(1 << 20)
            sent = 0
            while sent < total:
                block = chunk[: min(len(chunk), total - sent)]
                block = bytes([sent // (1 << 20) % 256]) + block[1:]
                s.sendall(block)
                h.update(block)
                sent += len(block)
            s.close()
            print(h.hexdigest())
        )",
                        {QString::number(listener->port), QString::number(kBulkBytes)});
        QVERIFY(peer.start());
        QVERIFY(h.waitKind(s, EngineEvent::Kind::Accepted));
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(h.waitState(s, 1, SessionState::PeerClosed, 50000), "no EOF from python");
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        const QByteArray digest = peer.readLine(20000);
        QCOMPARE(peer.finish(10000), 0);
        auto store = h.engine.store(s);
        QVERIFY(store);
        std::uint64_t n = 0;
        QCOMPARE(storeSha256(*store, 1, Direction::In, &n), digest);
        QCOMPARE(n, kBulkBytes);
        QCOMPARE(store->counters(1).bytesIn, kBulkBytes);
        QCOMPARE(store->counters().bytesIn, kBulkBytes);
        qInfo("python -> engine: %.1f MB/s (%.2f s for 100 MiB)",
              double(kBulkBytes) / 1e6 / seconds, seconds);
    }

    // The plain capturing listener receives straight into the store's chunks; at a 4 MiB
    // drop-oldest cap most chunks are recycled ones. This thread reads the newest bytes the whole
    // time. Every byte it read, and every byte still held at the end, is what python sent at
    // that position; the records are contiguous and account for every byte; so do the counters.
    void tcpBulkAtDropOldestCapWithReader() {
        constexpr std::uint64_t kTotal = 64ull << 20;
        EngineHarness h;
        OpenSession open = openRequest(AF_INET, SOCK_STREAM, 0, Role::Listen, "127.0.0.1:0");
        open.store.memoryCapBytes = 4u << 20;
        open.store.policy = OverflowPolicy::DropOldest;
        const auto listener = h.listen(open);
        QVERIFY(listener);
        const SessionId s = listener->session;
        auto store = h.engine.store(s);
        QVERIFY(store);
        PythonPeer peer(streamPatternSender(),
                        {QString::number(listener->port), QString::number(kTotal)});
        QVERIFY(peer.start());
        std::vector<std::byte> buf(256 * 1024);
        std::uint64_t checked = 0;
        int looks = 0;
        std::string wrong;
        const bool all = h.waitUntil(
            [&] {
                if (wrong.empty()) {
                    wrong = checkNewestBytes(*store, buf, checked);
                }
                ++looks;
                return store->counters(1).bytesIn >= kTotal;
            },
            90000);
        QVERIFY2(wrong.empty(), wrong.c_str());
        QVERIFY2(all, "not every byte arrived");
        QVERIFY(h.waitState(s, 1, SessionState::PeerClosed, 15000));
        QCOMPARE(peer.readLine(15000), patternSha256(kTotal));
        QCOMPARE(peer.finish(10000), 0);
        QVERIFY(looks > 1 && checked > 0);

        QCOMPARE(store->counters(1).bytesIn, kTotal);
        const auto st = store->stats();
        QCOMPARE(st.arenaBytes, kTotal);
        QCOMPARE(st.evictedBytes + st.residentBytes, kTotal);
        QVERIFY(st.evictedBytes > 0);
        QVERIFY(st.residentBytes <= open.store.memoryCapBytes + open.store.chunkBytes);
        std::uint64_t next = 0;
        std::uint64_t longest = 0;
        for (const Record& r : dataRecords(*store, Direction::In)) {
            QCOMPARE(r.connectionId, ConnectionId(1));
            QCOMPARE(r.arenaOffset, next);
            QVERIFY(r.length > 0);
            next += r.length;
            longest = std::max<std::uint64_t>(longest, r.length);
        }
        QCOMPARE(next, kTotal);
        // The copy path reads at most 256 KiB a time: a longer record shows the bytes were
        // received straight into the store.
        QVERIFY2(longest > (256u << 10), qPrintable(QString::number(longest)));
        std::vector<std::byte> held(std::size_t(kTotal - store->arenaBegin()));
        QCOMPARE(store->readArena(store->arenaBegin(), held), held.size());
        QCOMPARE(streamPatternMismatch(store->arenaBegin(), held), SIZE_MAX);
        qInfo("read %d times while receiving (%llu bytes checked); %zu MiB held at the end", looks,
              static_cast<unsigned long long>(checked), held.size() >> 20);
    }

    void tcpBulkToPython() {
        EngineHarness h;
        PythonPeer peer(R"(
            import hashlib, socket
            srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)
            print(srv.getsockname()[1], flush=True)
            c, _ = srv.accept()
            h = hashlib.sha256(); n = 0
            while True:
                b = c.recv(1 << 20)
                if not b:
                    break
                h.update(b); n += len(b)
            print(n); print(h.hexdigest())
            c.close()
        )");
        QVERIFY(peer.start());
        const QByteArray port = peer.readLine(15000);
        QVERIFY(!port.isEmpty());
        const SessionId s = h.openTcpClient(port);
        QVERIFY(h.waitState(s, 0, SessionState::Connected));
        std::vector<std::byte> data(kBulkBytes);
        std::mt19937_64 rng(42);
        for (std::size_t i = 0; i + 8 <= data.size(); i += 8) {
            const std::uint64_t v = rng();
            std::memcpy(data.data() + i, &v, 8);
        }
        const QByteArray expected =
            QCryptographicHash::hash(toQ(data), QCryptographicHash::Sha256).toHex();
        QElapsedTimer timer;
        timer.start();
        SendData d;
        d.session = s;
        d.bytes = std::move(data);
        h.engine.post(std::move(d));
        h.engine.post(ShutdownWrite{s, 0});
        QVERIFY(h.waitState(s, 0, SessionState::HalfClosed, 50000));
        QCOMPARE(peer.readLine(30000).toULongLong(), kBulkBytes);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        QCOMPARE(peer.readLine(15000), expected);
        QCOMPARE(peer.finish(10000), 0);
        auto store = h.engine.store(s);
        QCOMPARE(store->counters().bytesOut, kBulkBytes);
        std::uint64_t n = 0;
        QCOMPARE(storeSha256(*store, 0, Direction::Out, &n), expected);
        QCOMPARE(n, kBulkBytes);
        qInfo("engine -> python: %.1f MB/s (%.2f s for 100 MiB)",
              double(kBulkBytes) / 1e6 / seconds, seconds);
        QVERIFY(h.waitState(s, 0, SessionState::Closed, 5000));
    }
};

QTEST_APPLESS_MAIN(TestEngineBulk)
#include "test_engine_bulk.moc"
