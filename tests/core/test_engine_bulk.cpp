// Byte-exact 100 MiB TCP transfers through the Engine thread, both directions, against a
// python3 peer: the SHA-256 of what python sent/received equals that of the store's bytes, and
// the store's counters equal 100 MiB. Prints the loopback throughput (MB/s).

#include "core/engine/engine.h"
#include "core/support/engine_harness.h"
#include "core/support/python_peer.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QTest>
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
