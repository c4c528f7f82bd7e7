// Stream sessions (TCP client, TCP listener, Unix stream) driven through the Engine thread
// against python3 peers: connect refused, EADDRINUSE,
// peer reset, half-close both ways, urgent data both ways, several clients with their own
// counters and send-to-all, Unix path and abstract addresses (with echo mode).

#include "core/engine/engine.h"
#include "core/support/bytes.h"
#include "core/support/engine_harness.h"
#include "core/support/python_peer.h"

#include <QTemporaryDir>
#include <QTest>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace socklab;
using namespace socklab::test;

namespace {

SendData sendCmd(SessionId s, ConnectionId c, std::string_view text, bool oob = false) {
    SendData d;
    d.session = s;
    d.connection = c;
    d.bytes = bytesOf(text);
    d.oob = oob;
    return d;
}

} // namespace

class TestEngineStream : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!PythonPeer::available()) {
            QSKIP("python3 is not installed");
        }
    }

    void connectRefused() {
        EngineHarness h;
        PythonPeer probe(R"(
            import socket
            s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()
        )");
        QVERIFY(probe.start());
        const QByteArray port = probe.readLine(15000);
        QCOMPARE(probe.finish(15000), 0);
        const std::string target = "127.0.0.1:" + port.toStdString();
        const SessionId s =
            h.engine.open(openRequest(AF_INET, SOCK_STREAM, 0, Role::Connect, "", target));
        auto err = h.waitKind(s, EngineEvent::Kind::Error);
        QVERIFY(err && err->error);
        const QString msg = QString::fromStdString(err->error->message());
        QVERIFY2(msg.startsWith(QString::fromStdString("connect " + target + ": ")),
                 qPrintable(msg));
        QVERIFY2(msg.contains("ECONNREFUSED"), qPrintable(msg));
        QCOMPARE(err->error->sysErrno(), ECONNREFUSED);
        QVERIFY(h.waitState(s, 0, SessionState::Failed));
        QCOMPARE(storeRecords(*h.engine.store(s), RecordKind::Error).size(), std::size_t(1));
    }

    void listenAddressInUse() {
        EngineHarness h;
        PythonPeer holder(R"(
            import socket, sys
            s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()
            print(s.getsockname()[1], flush=True)
            sys.stdin.read()
        )");
        QVERIFY(holder.start());
        const QByteArray port = holder.readLine(15000);
        const std::string local = "127.0.0.1:" + port.toStdString();
        const SessionId s =
            h.engine.open(openRequest(AF_INET, SOCK_STREAM, 0, Role::Listen, local));
        auto err = h.waitKind(s, EngineEvent::Kind::Error);
        QVERIFY(err && err->error);
        const QString msg = QString::fromStdString(err->error->message());
        QVERIFY2(msg.startsWith(QString::fromStdString("bind " + local + ": ")), qPrintable(msg));
        QVERIFY2(msg.contains("EADDRINUSE"), qPrintable(msg));
        QVERIFY(h.waitState(s, 0, SessionState::Failed));
        holder.process().closeWriteChannel();
        QCOMPARE(holder.finish(15000), 0);
    }

    void peerResetMidTransfer() {
        EngineHarness h;
        const auto listener = h.listenTcp();
        QVERIFY(listener);
        const SessionId s = listener->session;
        PythonPeer peer(R"(
            import socket, struct, sys
            s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            s.sendall(b'x' * 100000)
            got = 0
            while got < 1000:
                got += len(s.recv(65536))
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            s.close()
            print('reset', flush=True)
        )",
                        {QString::number(listener->port)});
        QVERIFY(peer.start());
        QVERIFY(h.waitKind(s, EngineEvent::Kind::Accepted));
        // Keep the engine sending while the peer resets: a transfer in both directions.
        SendData d;
        d.session = s;
        d.connection = 1;
        d.bytes.assign(4u << 20, std::byte{'y'});
        h.engine.post(std::move(d));
        QCOMPARE(peer.readLine(10000), QByteArray("reset"));
        auto err = h.waitFor(
            [&](const EngineEvent& e) {
                return e.session == s && e.kind == EngineEvent::Kind::Error && e.connection == 1;
            },
            10000);
        QVERIFY(err && err->error);
        QCOMPARE(err->error->sysErrno(), ECONNRESET);
        QVERIFY(h.waitState(s, 1, SessionState::Failed));
        auto store = h.engine.store(s);
        const auto resets = storeRecords(*store, RecordKind::Reset, 1);
        QCOMPARE(resets.size(), std::size_t(1));
        QVERIFY(resets[0].flags & RecordFlag::Remote);
        QCOMPARE(resets[0].err, ECONNRESET);
        QVERIFY(store->counters(1).bytesIn > 0);
        QCOMPARE(peer.finish(15000), 0);
    }

    void halfCloseFromEngine() {
        EngineHarness h;
        PythonPeer peer(R"(
            import socket
            srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)
            print(srv.getsockname()[1], flush=True)
            c, _ = srv.accept()
            data = b''
            while True:
                b = c.recv(100)
                if not b:
                    break
                data += b
            print(data.decode(), flush=True)
            c.sendall(b'reply after your FIN')
            c.close()
        )");
        QVERIFY(peer.start());
        const QByteArray port = peer.readLine(15000);
        const SessionId s = h.openTcpClient(port);
        h.engine.post(sendCmd(s, 0, "hello"));
        h.engine.post(ShutdownWrite{s, 0});
        QVERIFY(h.waitState(s, 0, SessionState::HalfClosed));
        QCOMPARE(peer.readLine(15000), QByteArray("hello"));
        // Our FIN plus theirs: the connection ends Closed, after their reply arrived.
        QVERIFY(h.waitState(s, 0, SessionState::Closed));
        QCOMPARE(peer.finish(15000), 0);
        auto store = h.engine.store(s);
        QCOMPARE(storeBytes(*store, 0, Direction::In), QByteArray("reply after your FIN"));
        QCOMPARE(storeRecords(*store, RecordKind::HalfClosed).size(), std::size_t(1));
        QCOMPARE(storeRecords(*store, RecordKind::PeerClosed).size(), std::size_t(1));
    }

    void halfCloseFromPeer() {
        EngineHarness h;
        const auto listener = h.listenTcp();
        QVERIFY(listener);
        const SessionId s = listener->session;
        PythonPeer peer(R"(
            import socket, sys
            s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            s.sendall(b'question')
            s.shutdown(socket.SHUT_WR)
            data = b''
            while True:
                b = s.recv(100)
                if not b:
                    break
                data += b
            print(data.decode(), flush=True)
        )",
                        {QString::number(listener->port)});
        QVERIFY(peer.start());
        QVERIFY(h.waitKind(s, EngineEvent::Kind::Accepted));
        QVERIFY(h.waitState(s, 1, SessionState::PeerClosed));
        auto store = h.engine.store(s);
        QCOMPARE(storeBytes(*store, 1, Direction::In), QByteArray("question"));
        // The peer's FIN does not stop us from answering.
        h.engine.post(sendCmd(s, 1, "answer"));
        h.engine.post(CloseSocket{s, 1, false});
        QVERIFY(h.waitState(s, 1, SessionState::Closed));
        QCOMPARE(peer.readLine(15000), QByteArray("answer"));
        QCOMPARE(peer.finish(15000), 0);
        QCOMPARE(store->counters(1).bytesOut, std::uint64_t(6));
    }

    void urgentToPython() {
        EngineHarness h;
        PythonPeer peer(R"(
            import select, socket
            srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)
            print(srv.getsockname()[1], flush=True)
            c, _ = srv.accept()
            r, w, x = select.select([], [], [c], 10)
            assert x, 'no urgent data'
            print(c.recv(1, socket.MSG_OOB).decode(), flush=True)
            data = b''
            while True:
                b = c.recv(100)
                if not b:
                    break
                data += b
            print(data.decode(), flush=True)
        )");
        QVERIFY(peer.start());
        const QByteArray port = peer.readLine(15000);
        const SessionId s = h.openTcpClient(port);
        h.engine.post(sendCmd(s, 0, "ab"));
        h.engine.post(sendCmd(s, 0, "c!", true)); // only the last byte is urgent
        h.engine.post(CloseSocket{s, 0, false});
        QVERIFY(h.waitState(s, 0, SessionState::Closed));
        QCOMPARE(peer.readLine(15000), QByteArray("!"));
        QCOMPARE(peer.readLine(15000), QByteArray("abc"));
        QCOMPARE(peer.finish(15000), 0);
        auto store = h.engine.store(s);
        QCOMPARE(store->counters().oobOut, std::uint64_t(1));
        QCOMPARE(storeBytes(*store, 0, Direction::Out, true), QByteArray("abc!"));
    }

    void urgentFromPython() {
        EngineHarness h;
        const auto listener = h.listenTcp();
        QVERIFY(listener);
        const SessionId s = listener->session;
        PythonPeer peer(R"(
            import socket, sys, time
            s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            s.sendall(b'xy')
            time.sleep(0.1)
            s.send(b'!', socket.MSG_OOB)
            time.sleep(0.1)
            s.sendall(b'z')
            s.close()
        )",
                        {QString::number(listener->port)});
        QVERIFY(peer.start());
        QVERIFY(h.waitKind(s, EngineEvent::Kind::Accepted));
        QVERIFY(h.waitState(s, 1, SessionState::PeerClosed));
        QCOMPARE(peer.finish(15000), 0);
        auto store = h.engine.store(s);
        QCOMPARE(storeBytes(*store, 1, Direction::In), QByteArray("xyz"));
        QCOMPARE(store->counters(1).oobIn, std::uint64_t(1));
        QCOMPARE(storeBytes(*store, 1, Direction::In, true), QByteArray("xy!z"));
    }

    void listenerManyClients() {
        EngineHarness h;
        const auto listener = h.listenTcp();
        QVERIFY(listener);
        const SessionId s = listener->session;
        PythonPeer peer(R"(
            import socket, sys
            port = int(sys.argv[1])
            socks = []
            for i in range(3):
                s = socket.create_connection(('127.0.0.1', port))
                s.sendall(bytes([65 + i]) * (100 * (i + 1)))
                socks.append(s)
            print('sent', flush=True)
            for s in socks:
                data = b''
                while not data.endswith(b'\n'):
                    b = s.recv(100)
                    if not b:
                        break
                    data += b
                print(data.decode().strip(), flush=True)
                s.close()
        )",
                        {QString::number(listener->port)});
        QVERIFY(peer.start());
        QCOMPARE(peer.readLine(15000), QByteArray("sent"));
        auto store = h.engine.store(s);
        QVERIFY(h.waitUntil(
            [&] {
                return store->counters(1).bytesIn == 100 && store->counters(2).bytesIn == 200 &&
                       store->counters(3).bytesIn == 300;
            },
            5000));
        QCOMPARE(storeBytes(*store, 2, Direction::In), QByteArray(200, 'B'));
        h.engine.post(sendCmd(s, kAllConnections, "to all\n"));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(peer.readLine(15000), QByteArray("to all"));
        }
        QCOMPARE(peer.finish(15000), 0);
        for (ConnectionId c = 1; c <= 3; ++c) {
            QCOMPARE(store->counters(c).bytesOut, std::uint64_t(7));
        }
        QCOMPARE(store->counters().bytesIn, std::uint64_t(600));
        QCOMPARE(store->counters().bytesOut, std::uint64_t(21));
        QCOMPARE(storeRecords(*store, RecordKind::Accepted).size(), std::size_t(3));
    }

    void abortiveCloseSendsRst() {
        EngineHarness h;
        PythonPeer peer(R"(
            import socket
            srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)
            print(srv.getsockname()[1], flush=True)
            c, _ = srv.accept()
            try:
                while c.recv(100):
                    pass
                print('fin', flush=True)
            except ConnectionResetError:
                print('reset', flush=True)
        )");
        QVERIFY(peer.start());
        const QByteArray port = peer.readLine(15000);
        const SessionId s = h.openTcpClient(port);
        QVERIFY(h.waitState(s, 0, SessionState::Connected));
        h.engine.post(sendCmd(s, 0, "bye"));
        h.engine.post(CloseSocket{s, 0, true});
        QVERIFY(h.waitState(s, 0, SessionState::Closed));
        QCOMPARE(peer.readLine(15000), QByteArray("reset"));
        QCOMPARE(peer.finish(15000), 0);
        const auto resets = storeRecords(*h.engine.store(s), RecordKind::Reset);
        QCOMPARE(resets.size(), std::size_t(1));
        QVERIFY(!(resets[0].flags & RecordFlag::Remote));
    }

    void recordsAppendedCoversStore() {
        // Run a small exchange, then check the RecordsAppended ranges tile [0, endSeq) exactly.
        EngineHarness h;
        OpenSession req = openRequest(AF_INET, SOCK_STREAM, 0, Role::Listen, "127.0.0.1:0");
        req.responders = ResponderConfig::echo();
        const auto listener = h.listen(req);
        QVERIFY(listener);
        const SessionId s = listener->session;
        PythonPeer peer(R"(
            import socket, sys
            s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            for i in range(20):
                s.sendall(b'line %d\n' % i)
                s.recv(100)
            s.close()
        )",
                        {QString::number(listener->port)});
        QVERIFY(peer.start());
        QCOMPARE(peer.finish(15000), 0);
        QVERIFY(h.waitState(s, 1, SessionState::Closed));
        auto store = h.engine.store(s);
        h.pump(200);
        std::uint64_t next = 0;
        for (const auto& e : h.log()) {
            if (e.session == s && e.kind == EngineEvent::Kind::RecordsAppended) {
                QCOMPARE(e.firstSeq, next);
                QVERIFY(e.endSeq > e.firstSeq);
                next = e.endSeq;
            }
        }
        QCOMPARE(next, store->endSeq());
        QCOMPARE(store->counters(1).bytesIn, store->counters(1).bytesOut);
    }

    void acceptSurvivesEmfile() {
#if defined(__SANITIZE_ADDRESS__)
        // UBSan's vptr check probes memory through a pipe(2); at a descriptor limit of 1 it
        // cannot, and reports a false "invalid vptr". Covered by the normal and TSan builds.
        QSKIP("the ASan/UBSan runtime needs free descriptors for its own checks");
#endif
        EngineHarness h;
        const auto listener = h.listenTcp();
        QVERIFY(listener);
        const SessionId s = listener->session;
        // The go signal travels through a FIFO opened beforehand: a plain write(2) needs no new
        // descriptor, whereas QProcess's stdin path does not work at the lowered limit.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray fifo = dir.filePath("go").toLocal8Bit();
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        PythonPeer peer(R"(
            import socket, sys
            print('ready', flush=True)
            open(sys.argv[2], 'rb').readline()
            socks = [socket.create_connection(('127.0.0.1', int(sys.argv[1]))) for i in range(4)]
            for s in socks:
                s.sendall(b'x')
            print('sent', flush=True)
            sys.stdin.read()
        )",
                        {QString::number(listener->port), QString::fromLocal8Bit(fifo)});
        QVERIFY(peer.start());
        QCOMPARE(peer.readLine(15000), QByteArray("ready"));
        const int go = ::open(fifo.constData(), O_WRONLY | O_CLOEXEC);
        QVERIFY(go >= 0);
        // No new descriptor can be allocated while the limit is 1 (fd 0 is taken): accept4
        // fails with EMFILE. Only fd-free calls happen on this thread until it is restored.
        rlimit old{};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &old), 0);
        rlimit low = old;
        low.rlim_cur = 1;
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &low), 0);
        QCOMPARE(::write(go, "go\n", 3), ssize_t(3));
        auto warning = h.waitKind(s, EngineEvent::Kind::Warning, 15000);
        // Paused, not spinning: let a few pause periods pass at the limit.
        QTest::qSleep(600);
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &old), 0);
        ::close(go);
        if (!warning) {
            h.dump();
            qWarning() << "python:" << peer.readLine(15000) << peer.errorOutput();
        }
        QVERIFY(warning);
        QVERIFY2(QString::fromStdString(warning->text).contains("EMFILE"), warning->text.c_str());
        QCOMPARE(peer.readLine(15000), QByteArray("sent"));
        // Accepting resumes after the pause once descriptors are available again.
        auto store = h.engine.store(s);
        QVERIFY(h.waitUntil([&] { return store->counters().bytesIn == 4; }, 15000));
        QCOMPARE(storeRecords(*store, RecordKind::Accepted).size(), std::size_t(4));
        peer.process().closeWriteChannel();
        QCOMPARE(peer.finish(15000), 0);
    }

    void unixPathEcho() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("echo.sock").toStdString();
        EngineHarness h;
        OpenSession req = openRequest(AF_UNIX, SOCK_STREAM, 0, Role::Listen, path);
        req.responders = ResponderConfig::echo();
        const auto listener = h.listen(req);
        QVERIFY(listener);
        const SessionId s = listener->session;
        QCOMPARE(listener->local, path);
        PythonPeer peer(R"(
            import socket, sys
            s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
            s.sendall(b'over a unix path')
            s.shutdown(socket.SHUT_WR)
            data = b''
            while True:
                b = s.recv(100)
                if not b:
                    break
                data += b
            print(data.decode(), flush=True)
        )",
                        {QString::fromStdString(path)});
        QVERIFY(peer.start());
        QCOMPARE(peer.readLine(15000), QByteArray("over a unix path"));
        QCOMPARE(peer.finish(15000), 0);
        auto store = h.engine.store(s);
        QVERIFY(h.waitState(s, 1, SessionState::Closed));
        QCOMPARE(storeBytes(*store, 1, Direction::In), QByteArray("over a unix path"));
        QCOMPARE(storeBytes(*store, 1, Direction::Out), QByteArray("over a unix path"));
        h.engine.post(CloseSocket{s, 0, false});
        QVERIFY(h.waitState(s, 0, SessionState::Closed));
        QVERIFY2(!QFile::exists(QString::fromStdString(path)), "socket file left behind");
    }

    void unixAbstractClient() {
        EngineHarness h;
        const std::string name = "socklab-test-" + std::to_string(::getpid());
        PythonPeer peer(R"(
            import socket, sys
            srv = socket.socket(socket.AF_UNIX); srv.bind('\0' + sys.argv[1]); srv.listen(1)
            print('ready', flush=True)
            c, _ = srv.accept()
            c.sendall(b'abstract hello')
            print(c.recv(100).decode(), flush=True)
            c.close()
        )",
                        {QString::fromStdString(name)});
        QVERIFY(peer.start());
        QCOMPARE(peer.readLine(15000), QByteArray("ready"));
        const SessionId s =
            h.engine.open(openRequest(AF_UNIX, SOCK_STREAM, 0, Role::Connect, "", "@" + name));
        auto connected = h.waitState(s, 0, SessionState::Connected);
        QVERIFY(connected);
        QCOMPARE(connected->peer, "@" + name);
        auto store = h.engine.store(s);
        QVERIFY(h.waitUntil([&] { return store->counters().bytesIn == 14; }, 15000));
        QCOMPARE(storeBytes(*store, 0, Direction::In), QByteArray("abstract hello"));
        h.engine.post(sendCmd(s, 0, "abstract reply"));
        QCOMPARE(peer.readLine(15000), QByteArray("abstract reply"));
        QCOMPARE(peer.finish(15000), 0);
        QVERIFY(h.waitState(s, 0, SessionState::PeerClosed));
    }
};

QTEST_APPLESS_MAIN(TestEngineStream)
#include "test_engine_stream.moc"
