// The stream relay between peers the project did not write (python3 on both ends): bytes exact
// in both directions at once, FIN and RST mirrored, upstream refusal, backpressure against a
// server that never reads, a paused leg that hangs up, pcapng read back by tshark. Also over IPv6
// and Unix stream sockets. Hold, inject and impairments: test_engine_relay_hold.

#include "core/capture/exporters.h"
#include "core/engine/engine.h"
#include "core/net/free_port.h"
#include "core/support/bytes.h"
#include "core/support/engine_harness.h"
#include "core/support/python_peer.h"
#include "core/support/relay_peers.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <ctime>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

using namespace socklab;
using namespace socklab::test;

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr std::uint64_t kBulkBytes = 16ull << 20; // sanitizers: same paths, less time
#else
constexpr std::uint64_t kBulkBytes = 100ull << 20;
#endif

OpenSession relayRequest(int family, const std::string& listen, const std::string& upstream) {
    OpenSession r = openRequest(family, SOCK_STREAM, 0, Role::Relay, listen, upstream);
    return r;
}

std::map<QByteArray, QByteArray> keyValues(PythonPeer& peer, int lines) {
    std::map<QByteArray, QByteArray> out;
    for (int i = 0; i < lines; ++i) {
        const QByteArray line = peer.readLine(120000);
        const auto parts = line.split(' ');
        if (parts.size() == 2) {
            out[parts[0]] = parts[1];
        }
    }
    return out;
}

const QString kBulkBody = R"(
    N = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    res = {}
    def pump(sock, name, seed):
        def send():
            h = hashlib.sha256(); r = random.Random(seed); left = N
            while left:
                chunk = r.randbytes(min(left, 1 << 20)); sock.sendall(chunk)
                h.update(chunk); left -= len(chunk)
            sock.shutdown(socket.SHUT_WR); res[name + '_sent'] = h.hexdigest()
        t = threading.Thread(target=send); t.start()
        h = hashlib.sha256(); n = 0
        while True:
            b = sock.recv(1 << 20)
            if not b:
                break
            h.update(b); n += len(b)
        t.join(); res[name + '_recv'] = h.hexdigest(); res[name + '_n'] = n
    ts = threading.Thread(target=pump, args=(s, 'server', 2)); ts.start()
    pump(c, 'client', 1); ts.join()
    for k in sorted(res):
        print(k, res[k], flush=True)
)";

} // namespace

class TestEngineRelayStream : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!PythonPeer::available()) {
            QSKIP("python3 is not installed");
        }
    }

    void bulkBothWaysAtOnceIsByteExact() {
        EngineHarness h;
        PythonPeer peer(pairScript("inet", kBulkBody), {"-", QString::number(kBulkBytes)});
        QVERIFY(peer.start());
        const QByteArray serverPort = peer.readLine(15000);
        QVERIFY(!serverPort.isEmpty());
        auto relay = startRelay(
            h, relayRequest(AF_INET, "127.0.0.1:0", "127.0.0.1:" + serverPort.toStdString()));
        QVERIFY(relay);
        sendRelayAddress(peer, relay->local);
        auto kv = keyValues(peer, 6);
        QCOMPARE(peer.finish(120000), 0);
        QVERIFY(!kv["client_sent"].isEmpty());
        QCOMPARE(kv["server_recv"], kv["client_sent"]);
        QCOMPARE(kv["client_recv"], kv["server_sent"]);
        QCOMPARE(kv["server_n"].toULongLong(), kBulkBytes);
        QCOMPARE(kv["client_n"].toULongLong(), kBulkBytes);
        // The capture holds both directions of the pair, exactly: client->server In,
        // server->client Out.
        auto store = h.engine.store(relay->session);
        QVERIFY(h.waitState(relay->session, 1, SessionState::Closed, 30000));
        std::uint64_t in = 0;
        std::uint64_t out = 0;
        QCOMPARE(storeSha256(*store, 1, Direction::In, &in), kv["client_sent"]);
        QCOMPARE(storeSha256(*store, 1, Direction::Out, &out), kv["server_sent"]);
        QCOMPARE(in, kBulkBytes);
        QCOMPARE(out, kBulkBytes);
        QVERIFY(hasRecord(*store, RecordKind::HalfClosed, "FIN forwarded to the server", 1));
        QVERIFY(hasRecord(*store, RecordKind::HalfClosed, "FIN forwarded to the client", 1));
        h.engine.post(QueryRelayFigures{relay->session});
        auto figures = h.waitFor(
            [&](const EngineEvent& e) {
                return e.session == relay->session && e.kind == EngineEvent::Kind::RelayFigures &&
                       e.relayFigures.toServer.deliveredBytes == kBulkBytes;
            },
            15000);
        QVERIFY(figures);
        QCOMPARE(figures->relayFigures.toClient.deliveredBytes, kBulkBytes);
        QCOMPARE(figures->relayFigures.pairsTotal, std::uint64_t(1));
    }

    void halfCloseIsMirrored() {
        EngineHarness h;
        PythonPeer peer(pairScript("inet", R"(
            c.sendall(b'question'); c.shutdown(socket.SHUT_WR)
            data = b''
            while True:
                b = s.recv(100)
                if not b:
                    break
                data += b
            print('server-got', data.decode(), flush=True)
            s.sendall(b'answer'); s.shutdown(socket.SHUT_WR)
            got = b''
            while True:
                b = c.recv(100)
                if not b:
                    break
                got += b
            print('client-got', got.decode(), flush=True)
        )"));
        QVERIFY(peer.start());
        const QByteArray serverPort = peer.readLine(15000);
        auto relay = startRelay(
            h, relayRequest(AF_INET, "127.0.0.1:0", "127.0.0.1:" + serverPort.toStdString()));
        QVERIFY(relay);
        sendRelayAddress(peer, relay->local);
        // The server reads to EOF only if the client's FIN was forwarded (the relay still
        // carries the answer the other way afterwards).
        QCOMPARE(peer.readLine(15000), QByteArray("server-got question"));
        QCOMPARE(peer.readLine(15000), QByteArray("client-got answer"));
        QCOMPARE(peer.finish(15000), 0);
        auto store = h.engine.store(relay->session);
        QVERIFY(h.waitState(relay->session, 1, SessionState::Closed));
        QVERIFY(hasRecord(*store, RecordKind::PeerClosed, "client sent FIN", 1));
        QVERIFY(hasRecord(*store, RecordKind::PeerClosed, "server sent FIN", 1));
        QCOMPARE(storeBytes(*store, 1, Direction::In), QByteArray("question"));
        QCOMPARE(storeBytes(*store, 1, Direction::Out), QByteArray("answer"));

        // As pcapng, the pair reads back (tshark) as one client <-> server conversation:
        // "question" from the client's port to the server's, "answer" the other way, one FIN
        // each, no segment tshark finds out of place.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath("relay.pcapng");
        PcapngOptions options;
        options.relay = true;
        options.local = *Endpoint::parse("127.0.0.1:" + serverPort.toStdString());
        auto summary = exportPcapng(*store, file.toStdString(), options);
        QVERIFY(summary);
        QProcess tshark;
        tshark.start("tshark",
                     {"-r", file, "-T", "fields", "-e", "tcp.srcport", "-e", "tcp.dstport", "-e",
                      "tcp.flags.str", "-e", "tcp.payload", "-e", "_ws.expert.message"});
        QVERIFY(tshark.waitForFinished(60000));
        QCOMPARE(tshark.exitCode(), 0);
        const QList<QByteArray> lines = tshark.readAllStandardOutput().trimmed().split('\n');
        const QByteArray server = serverPort;
        QByteArray client;
        int fins = 0;
        bool question = false;
        bool answer = false;
        for (const QByteArray& line : lines) {
            const auto f = line.split('\t');
            QVERIFY2(f.size() >= 4, line.constData());
            // The direction and sequence numbers fit: nothing unseen, lost or retransmitted.
            QVERIFY2(!line.contains("unseen") && !line.contains("not captured") &&
                         !line.contains("etransmission"),
                     line.constData());
            if (client.isEmpty()) {
                client = f[0]; // the SYN
            }
            question |= f[0] == client && f[1] == server && f[3] == QByteArray("question").toHex();
            answer |= f[0] == server && f[1] == client && f[3] == QByteArray("answer").toHex();
            fins += f[2].contains('F') ? 1 : 0;
        }
        QVERIFY(question);
        QVERIFY(answer);
        QCOMPARE(fins, 2);
    }

    void resetIsMirroredBothWays() {
        EngineHarness h;
        PythonPeer peer(pairScript("inet", R"(
            c.sendall(b'x'); assert s.recv(1) == b'x'
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0)); s.close()
            try:
                b = c.recv(100)
                print('client-eof' if not b else 'client-data', flush=True)
            except ConnectionResetError:
                print('client-reset', flush=True)
            # and the other way: the client resets, the server sees a reset
            c2 = socket.create_connection(('127.0.0.1', relay))
            s2, _ = srv.accept()
            c2.sendall(b'y'); assert s2.recv(1) == b'y'
            c2.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0)); c2.close()
            try:
                b = s2.recv(100)
                print('server-eof' if not b else 'server-data', flush=True)
            except ConnectionResetError:
                print('server-reset', flush=True)
        )"));
        QVERIFY(peer.start());
        const QByteArray serverPort = peer.readLine(15000);
        auto relay = startRelay(
            h, relayRequest(AF_INET, "127.0.0.1:0", "127.0.0.1:" + serverPort.toStdString()));
        QVERIFY(relay);
        sendRelayAddress(peer, relay->local);
        QCOMPARE(peer.readLine(15000), QByteArray("client-reset"));
        QCOMPARE(peer.readLine(15000), QByteArray("server-reset"));
        QCOMPARE(peer.finish(15000), 0);
        auto store = h.engine.store(relay->session);
        QVERIFY(hasRecord(*store, RecordKind::Reset, "reset forwarded to the client", 1));
        QVERIFY(hasRecord(*store, RecordKind::Reset, "reset forwarded to the server", 2));
    }

    void upstreamRefusedResetsTheClient() {
        EngineHarness h;
        auto closedPort = freeLoopbackPort(SocketSpec{AF_INET, SOCK_STREAM, 0}, 0);
        QVERIFY(closedPort);
        auto relay = startRelay(
            h, relayRequest(AF_INET, "127.0.0.1:0", "127.0.0.1:" + std::to_string(*closedPort)));
        QVERIFY(relay);
        PythonPeer peer(R"(
            import socket, sys
            c = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            try:
                b = c.recv(100)
                print('eof' if not b else 'data', flush=True)
            except ConnectionResetError:
                print('reset', flush=True)
        )",
                        {QString::number(portOf(relay->local))});
        QVERIFY(peer.start());
        QCOMPARE(peer.readLine(15000), QByteArray("reset"));
        QCOMPARE(peer.finish(15000), 0);
        auto err = h.waitFor(
            [&](const EngineEvent& e) {
                return e.session == relay->session && e.kind == EngineEvent::Kind::Error &&
                       e.connection == 1;
            },
            15000);
        QVERIFY(err);
        QCOMPARE(err->error->sysErrno(), ECONNREFUSED);
        QVERIFY(QByteArray::fromStdString(err->error->message()).contains("connect 127.0.0.1:"));
        auto store = h.engine.store(relay->session);
        QVERIFY(hasRecord(*store, RecordKind::Reset, "unreachable", 1) ||
                hasRecord(*store, RecordKind::Reset, "refused", 1));
    }

    void backpressureStopsReadingTheClient() {
        EngineHarness h;
        PythonPeer peer(pairScript("inet", R"(
            # The server never reads. The client sends until the relay stops taking bytes.
            c.setblocking(False)
            chunk = b'z' * 65536; sent = 0; last = time.monotonic(); start = last
            while time.monotonic() - last < 1.5 and time.monotonic() - start < 20 and sent < (512 << 20):
                try:
                    sent += c.send(chunk); last = time.monotonic()
                except BlockingIOError:
                    time.sleep(0.01)
            print('sent', sent, flush=True)
            sys.stdin.readline()
        )"));
        QVERIFY(peer.start());
        const QByteArray serverPort = peer.readLine(15000);
        OpenSession req =
            relayRequest(AF_INET, "127.0.0.1:0", "127.0.0.1:" + serverPort.toStdString());
        req.relay.bufferBytes = 1u << 20;
        auto relay = startRelay(h, std::move(req));
        QVERIFY(relay);
        sendRelayAddress(peer, relay->local);
        const QByteArray sentLine = peer.readLine(60000);
        QVERIFY2(sentLine.startsWith("sent "), sentLine.constData());
        const std::uint64_t sent = sentLine.mid(5).toULongLong();
        auto store = h.engine.store(relay->session);
        const std::uint64_t captured = store->counters().bytesIn;
        // Kernel buffers on both legs plus the relay's 1 MiB in flight: far below what an
        // unbounded relay would have swallowed in 1.5 s of loopback.
        QVERIFY2(captured < (48u << 20), QByteArray::number(qulonglong(captured)).constData());
        QVERIFY(sent < (64u << 20));
        QVERIFY(hasRecord(*store, RecordKind::Info, "backpressure: stopped reading the client", 1));
        h.engine.post(QueryRelayFigures{relay->session});
        auto figures = h.waitFor(
            [&](const EngineEvent& e) {
                return e.session == relay->session && e.kind == EngineEvent::Kind::RelayFigures &&
                       e.relayFigures.backpressureToServer;
            },
            15000);
        QVERIFY(figures);
        // Still stalled a moment later: nothing more was read.
        QTest::qWait(300);
        QCOMPARE(store->counters().bytesIn, captured);
        peer.process().write("done\n");
        QCOMPARE(peer.finish(15000), 0);
    }

    void pausedLegThatHangsUpDoesNotSpin() {
        // Unix stream: the server never reads, the client sends until the relay stops reading
        // it, then closes. Its socket hangs up while the relay is not reading it; epoll reports
        // that whatever the interest, so a relay that kept watching would spin a core.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString serverPath = dir.filePath("server.sock");
        const std::string relayPath = dir.filePath("relay.sock").toStdString();
        PythonPeer peer(pairScript("unix", R"(
            c.setblocking(False); sent = 0; last = time.monotonic(); start = last
            while time.monotonic() - last < 1.0 and time.monotonic() - start < 20:
                try:
                    sent += c.send(b'u' * 65536); last = time.monotonic()
                except BlockingIOError:
                    time.sleep(0.01)
            c.close()
            print('closed', sent, flush=True)
            sys.stdin.readline()
        )"),
                        {serverPath});
        QVERIFY(peer.start());
        QCOMPARE(peer.readLine(15000), serverPath.toUtf8());
        OpenSession req =
            openRequest(AF_UNIX, SOCK_STREAM, 0, Role::Relay, relayPath, serverPath.toStdString());
        req.relay.bufferBytes = 256u << 10;
        EngineHarness h;
        auto relay = startRelay(h, std::move(req));
        QVERIFY(relay);
        sendRelayAddress(peer, relayPath, true);
        QVERIFY(peer.readLine(60000).startsWith("closed "));
        QTest::qWait(200);
        timespec before{};
        timespec after{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &before);
        QTest::qWait(1000);
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &after);
        const double cpu =
            double(after.tv_sec - before.tv_sec) + double(after.tv_nsec - before.tv_nsec) / 1e9;
        QVERIFY2(cpu < 0.3, QByteArray::number(cpu).constData()); // a spinning loop takes ~1.0
        peer.process().write("done\n");
        QCOMPARE(peer.finish(15000), 0);
    }

    void ipv6AndUnixStreams() {
        EngineHarness h;
        const QString echoBody = R"(
            c.sendall(b'over the relay'); print('server-got', s.recv(100).decode(), flush=True)
            s.sendall(b'and back'); print('client-got', c.recv(100).decode(), flush=True)
        )";
        PythonPeer six(pairScript("inet6", echoBody));
        QVERIFY(six.start());
        const QByteArray port6 = six.readLine(15000);
        if (port6.isEmpty()) {
            QSKIP("no ::1 on this machine");
        }
        auto relay6 =
            startRelay(h, relayRequest(AF_INET6, "[::1]:0", "[::1]:" + port6.toStdString()));
        QVERIFY(relay6);
        sendRelayAddress(six, relay6->local);
        QCOMPARE(six.readLine(15000), QByteArray("server-got over the relay"));
        QCOMPARE(six.readLine(15000), QByteArray("client-got and back"));
        QCOMPARE(six.finish(15000), 0);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString serverPath = dir.filePath("server.sock");
        const std::string relayPath = dir.filePath("relay.sock").toStdString();
        PythonPeer unix(pairScript("unix", echoBody), {serverPath});
        QVERIFY(unix.start());
        QCOMPARE(unix.readLine(15000), serverPath.toUtf8());
        auto relayU = startRelay(h, relayRequest(AF_UNIX, relayPath, serverPath.toStdString()));
        QVERIFY(relayU);
        sendRelayAddress(unix, relayPath, true);
        QCOMPARE(unix.readLine(15000), QByteArray("server-got over the relay"));
        QCOMPARE(unix.readLine(15000), QByteArray("client-got and back"));
        QCOMPARE(unix.finish(15000), 0);
    }
};

QTEST_GUILESS_MAIN(TestEngineRelayStream)
#include "test_engine_relay_stream.moc"
