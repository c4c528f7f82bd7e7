// The datagram relay with python3 peers: several clients at once each get their own replies
// (one upstream socket per client address), a mapping expires after its idle timeout,
// impairment statistics over 10,000 numbered datagrams match the settings and the relay's
// exact counters, the same seed gives the same fates, and a Unix datagram relay answers
// clients through its autobound upstream socket.

#include "core/engine/engine.h"
#include "core/support/bytes.h"
#include "core/support/engine_harness.h"
#include "core/support/python_peer.h"
#include "core/support/relay_peers.h"

#include <QTemporaryDir>
#include <QTest>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace socklab;
using namespace socklab::test;

namespace {

/// The relay's figures now: the answer to a query is the last figures event once the queue
/// is quiet (earlier ones, sent on change, may still be unread).
std::optional<RelayFigures> figuresNow(EngineHarness& h, SessionId s) {
    h.engine.post(QueryRelayFigures{s});
    std::optional<RelayFigures> last;
    for (int i = 0; i < 1000; ++i) {
        auto ev = h.waitFor(
            [&](const EngineEvent& e) {
                return e.session == s && e.kind == EngineEvent::Kind::RelayFigures;
            },
            last ? 300 : 15000);
        if (!ev) {
            break;
        }
        last = ev->relayFigures;
    }
    return last;
}

// A UDP server that records numbered datagrams (4-byte big-endian sequence + padding) and, once
// 1 s passes without one, prints how many arrived, how many were duplicates, how many arrived
// after a higher number (reordered), and which numbers never arrived (hashed).
const QString kSequenceServer = R"(
    import socket, sys, struct, hashlib, time
    srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    srv.bind(('127.0.0.1', 0)); print(srv.getsockname()[1], flush=True)
    relay = int(sys.stdin.readline()); N = int(sys.argv[1])
    cli = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    cli.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
    for i in range(N):
        cli.sendto(struct.pack('>I', i) + b'.' * 28, ('127.0.0.1', relay))
        if i % 50 == 49:
            time.sleep(0.005)  # about 10,000/s: no kernel drop even on a loaded machine
    srv.settimeout(1.0)
    seen = []
    try:
        while True:
            seen.append(struct.unpack('>I', srv.recv(100)[:4])[0])
    except socket.timeout:
        pass
    dups = len(seen) - len(set(seen))
    late = 0; top = -1
    for x in seen:
        if x < top:
            late += 1
        top = max(top, x)
    missing = sorted(set(range(N)) - set(seen))
    print('received', len(seen), flush=True)
    print('duplicates', dups, flush=True)
    print('late', late, flush=True)
    print('missing', len(missing), hashlib.sha256(str(missing).encode()).hexdigest()[:16], flush=True)
)";

struct SequenceRun {
    std::uint64_t received = 0;
    std::uint64_t duplicates = 0;
    std::uint64_t late = 0;
    std::uint64_t missing = 0;
    QByteArray missingHash;
    RelayFigures figures;
};

std::optional<SequenceRun> runSequence(const Impairment& impairment, std::uint64_t seed, int n) {
    EngineHarness h;
    PythonPeer peer(kSequenceServer, {QString::number(n)});
    if (!peer.start()) {
        return std::nullopt;
    }
    const QByteArray serverPort = peer.readLine(15000);
    OpenSession req = openRequest(AF_INET, SOCK_DGRAM, 0, Role::Relay, "127.0.0.1:0",
                                  "127.0.0.1:" + serverPort.toStdString());
    req.relay.toServer = impairment;
    req.relay.seed = seed;
    auto relay = startRelay(h, std::move(req), SessionState::Bound);
    if (!relay) {
        return std::nullopt;
    }
    peer.process().write(QByteArray::number(portOf(relay->local)) + "\n");
    SequenceRun run;
    auto value = [&](const QByteArray& key) -> QList<QByteArray> {
        const QByteArray line = peer.readLine(60000);
        const auto parts = line.split(' ');
        if (parts.size() < 2 || parts[0] != key) {
            qWarning() << "unexpected line" << line;
            return {};
        }
        return parts;
    };
    auto r = value("received");
    auto d = value("duplicates");
    auto l = value("late");
    auto m = value("missing");
    if (r.isEmpty() || d.isEmpty() || l.isEmpty() || m.size() < 3 || peer.finish(15000) != 0) {
        return std::nullopt;
    }
    run.received = r[1].toULongLong();
    run.duplicates = d[1].toULongLong();
    run.late = l[1].toULongLong();
    run.missing = m[1].toULongLong();
    run.missingHash = m[2];
    auto f = figuresNow(h, relay->session);
    if (!f) {
        return std::nullopt;
    }
    run.figures = *f;
    return run;
}

} // namespace

class TestEngineRelayDatagram : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!PythonPeer::available()) {
            QSKIP("python3 is not installed");
        }
    }

    void eachClientGetsItsOwnReplies() {
        EngineHarness h;
        PythonPeer peer(R"(
            import socket, sys, threading
            srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); srv.bind(('127.0.0.1', 0))
            print(srv.getsockname()[1], flush=True)
            relay = int(sys.stdin.readline())
            sources = set()
            def serve():
                for _ in range(15):
                    data, addr = srv.recvfrom(100); sources.add(addr)
                    srv.sendto(b'echo:' + data, addr)
            t = threading.Thread(target=serve); t.start()
            clients = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(3)]
            for k in range(5):
                for i, c in enumerate(clients):
                    c.sendto(b'from-%d-%d' % (i, k), ('127.0.0.1', relay))
            ok = True
            for i, c in enumerate(clients):
                c.settimeout(10)
                got = sorted(c.recv(100) for _ in range(5))
                ok = ok and got == sorted(b'echo:from-%d-%d' % (i, k) for k in range(5))
            t.join()
            print('ok', ok, 'sources', len(sources), flush=True)
        )");
        QVERIFY(peer.start());
        const QByteArray serverPort = peer.readLine(15000);
        auto relay = startRelay(h,
                                openRequest(AF_INET, SOCK_DGRAM, 0, Role::Relay, "127.0.0.1:0",
                                            "127.0.0.1:" + serverPort.toStdString()),
                                SessionState::Bound);
        QVERIFY(relay);
        peer.process().write(QByteArray::number(portOf(relay->local)) + "\n");
        QCOMPARE(peer.readLine(30000), QByteArray("ok True sources 3"));
        QCOMPARE(peer.finish(15000), 0);
        auto f = figuresNow(h, relay->session);
        QVERIFY(f);
        QCOMPARE(f->pairsTotal, std::uint64_t(3));
        QCOMPARE(f->toServer.delivered, std::uint64_t(15));
        QCOMPARE(f->toClient.delivered, std::uint64_t(15));
        auto store = h.engine.store(relay->session);
        for (ConnectionId c : {1u, 2u, 3u}) {
            QCOMPARE(storeRecords(*store, RecordKind::Data, c).size(), std::size_t(10));
        }
    }

    void mappingExpiresAfterIdleTimeout() {
        EngineHarness h;
        PythonPeer peer(R"(
            import socket, sys
            srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); srv.bind(('127.0.0.1', 0))
            print(srv.getsockname()[1], flush=True)
            relay = int(sys.stdin.readline())
            c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); c.settimeout(10)
            c.sendto(b'one', ('127.0.0.1', relay)); d, a = srv.recvfrom(100); first = a
            print('got', d.decode(), flush=True)
            sys.stdin.readline()
            c.sendto(b'two', ('127.0.0.1', relay)); d, a = srv.recvfrom(100)
            print('got', d.decode(), 'new-source', a != first, flush=True)
        )");
        QVERIFY(peer.start());
        const QByteArray serverPort = peer.readLine(15000);
        OpenSession req = openRequest(AF_INET, SOCK_DGRAM, 0, Role::Relay, "127.0.0.1:0",
                                      "127.0.0.1:" + serverPort.toStdString());
        req.relay.idleTimeout_ms = 300;
        auto relay = startRelay(h, std::move(req), SessionState::Bound);
        QVERIFY(relay);
        peer.process().write(QByteArray::number(portOf(relay->local)) + "\n");
        QCOMPARE(peer.readLine(15000), QByteArray("got one"));
        auto expired = h.waitState(relay->session, 1, SessionState::Closed, 5000);
        QVERIFY(expired);
        QVERIFY(QByteArray::fromStdString(expired->text).contains("expired after 300 ms idle"));
        peer.process().write("again\n");
        QCOMPARE(peer.readLine(15000), QByteArray("got two new-source True"));
        QCOMPARE(peer.finish(15000), 0);
        auto accepted = h.waitFor(
            [&](const EngineEvent& e) {
                return e.session == relay->session && e.kind == EngineEvent::Kind::Accepted &&
                       e.connection == 2;
            },
            5000);
        QVERIFY(accepted);
        auto f = figuresNow(h, relay->session);
        QVERIFY(f);
        QCOMPARE(f->expired, std::uint64_t(1));
    }

    void impairmentStatisticsAndRepeatability() {
        constexpr int kCount = 10'000;
        Impairment imp;
        imp.lossPercent = 10;
        imp.duplicatePercent = 5;
        imp.reorderPercent = 5;
        imp.reorderDepth = 3;
        auto a = runSequence(imp, 42, kCount);
        QVERIFY(a);
        const ImpairmentCounters& c = a->figures.toServer;
        QCOMPARE(c.received, std::uint64_t(kCount));
        // Exact: what left the relay is what the server counted, and the relay's books balance.
        QCOMPARE(c.delivered, a->received);
        QCOMPARE(c.delivered + c.waiting, c.received - c.dropped + c.duplicated);
        QCOMPARE(c.waiting, std::uint64_t(0));
        QCOMPARE(c.duplicated, a->duplicates);
        QCOMPARE(c.dropped, a->missing + 0); // a duplicate never revives a dropped number
        // Within tolerance of the settings (10,000 draws: sigma of 10% is 0.3%).
        QVERIFY2(c.dropped >= 850 && c.dropped <= 1150, QByteArray::number(qulonglong(c.dropped)));
        QVERIFY2(c.duplicated >= 350 && c.duplicated <= 650,
                 QByteArray::number(qulonglong(c.duplicated)));
        QVERIFY2(c.reordered >= 350 && c.reordered <= 650,
                 QByteArray::number(qulonglong(c.reordered)));
        // Sequence numbers prove it: numbers arrived after higher ones.
        QVERIFY(a->late >= c.reordered / 2);

        auto b = runSequence(imp, 42, kCount);
        QVERIFY(b);
        QCOMPARE(b->missingHash, a->missingHash);
        QCOMPARE(b->figures.toServer.dropped, c.dropped);
        QCOMPARE(b->figures.toServer.duplicated, c.duplicated);
        QCOMPARE(b->figures.toServer.reordered, c.reordered);

        auto other = runSequence(imp, 43, kCount);
        QVERIFY(other);
        QVERIFY(other->missingHash != a->missingHash);
    }

    void unixDatagramRelayAnswersClients() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString serverPath = dir.filePath("server.sock");
        const QString relayPath = dir.filePath("relay.sock");
        const QString clientPath = dir.filePath("client.sock");
        PythonPeer peer(R"(
            import socket, sys
            srv = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); srv.bind(sys.argv[1])
            print('ready', flush=True)
            sys.stdin.readline()
            c = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); c.bind(sys.argv[3]); c.settimeout(10)
            c.sendto(b'unix hello', sys.argv[2])
            d, a = srv.recvfrom(100); srv.sendto(b'reply to ' + d, a)
            print(c.recv(100).decode(), flush=True)
        )",
                        {serverPath, relayPath, clientPath});
        QVERIFY(peer.start());
        QCOMPARE(peer.readLine(15000), QByteArray("ready"));
        EngineHarness h;
        auto relay = startRelay(h,
                                openRequest(AF_UNIX, SOCK_DGRAM, 0, Role::Relay,
                                            relayPath.toStdString(), serverPath.toStdString()),
                                SessionState::Bound);
        QVERIFY(relay);
        peer.process().write("go\n");
        QCOMPARE(peer.readLine(15000), QByteArray("reply to unix hello"));
        QCOMPARE(peer.finish(15000), 0);
    }
};

QTEST_GUILESS_MAIN(TestEngineRelayDatagram)
#include "test_engine_relay_datagram.moc"
