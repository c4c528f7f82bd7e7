// Engine::reopen: a tab that reopens its socket keeps its capture. The old session's records
// stay, the new session appends after them, and a reopened listener numbers its children after
// the ones already captured. Peers are python3 clients/servers on loopback.
#include "support/engine_harness.h"
#include "support/python_peer.h"

#include <QTest>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace socklab;
using namespace socklab::test;

namespace {

// Connects to argv[1], sends argv[2], waits for the server to close.
const char* kClient = R"(
import socket, sys
c = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10)
c.sendall(sys.argv[2].encode())
c.shutdown(socket.SHUT_WR)
while c.recv(100):
    pass
print('done', flush=True)
)";

// Accepts two connections one after the other; echoes each until it closes.
const char* kEchoTwice = R"(
import socket
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen(2)
print(s.getsockname()[1], flush=True)
s.settimeout(10)
for _ in range(2):
    c, _a = s.accept()
    c.settimeout(10)
    while True:
        d = c.recv(65536)
        if not d:
            break
        c.sendall(d)
    c.close()
print('served', flush=True)
)";

SendData sendText(SessionId s, const char* text) {
    SendData d;
    d.session = s;
    const std::string t(text);
    for (char ch : t) {
        d.bytes.push_back(std::byte(ch));
    }
    return d;
}

} // namespace

class TestEngineReopen : public QObject {
    Q_OBJECT
private slots:
    void clientReopenContinuesTheCapture() {
        PythonPeer server(kEchoTwice);
        QVERIFY(server.start());
        const QByteArray port = server.readLine(10000);
        QVERIFY(!port.isEmpty());
        EngineHarness h;
        const SessionId first = h.openTcpClient(port);
        QVERIFY(h.waitState(first, 0, SessionState::Connected));
        const auto store = h.engine.store(first);
        QVERIFY(store);
        h.engine.post(sendText(first, "first"));
        QVERIFY(h.waitUntil([&] { return store->counters().bytesIn == 5; }, 10000));
        h.engine.post(CloseSocket{first, 0, false});
        QVERIFY(h.waitState(first, 0, SessionState::Closed));

        const SessionId second =
            h.engine.reopen(first, openRequest(AF_INET, SOCK_STREAM, 0, Role::Connect, {},
                                               "127.0.0.1:" + port.toStdString()));
        QVERIFY(second != first);
        QCOMPARE(h.engine.store(second).get(), store.get());
        const auto connected = h.waitState(second, 0, SessionState::Connected);
        if (!connected) {
            h.dump();
        }
        QVERIFY(connected);
        QVERIFY(!h.engine.store(first)); // the old session is gone, its records are not
        h.engine.post(sendText(second, "second"));
        QVERIFY(h.waitUntil([&] { return store->counters().bytesIn == 11; }, 10000));
        QCOMPARE(storeBytes(*store, 0, Direction::In), QByteArray("firstsecond"));
        QCOMPARE(storeBytes(*store, 0, Direction::Out), QByteArray("firstsecond"));
        // Two lifecycles in order: opened, ..., closed, opened, ..., connected.
        const auto opened = storeRecords(*store, RecordKind::Opened);
        const auto closed = storeRecords(*store, RecordKind::Closed);
        QCOMPARE(opened.size(), std::size_t(2));
        QVERIFY(!closed.empty());
        QVERIFY(closed.front().seq < opened.back().seq);
        QCOMPARE(store->beginSeq(), std::uint64_t(0));
        h.engine.post(CloseSocket{second, 0, false});
        QVERIFY(h.waitState(second, 0, SessionState::Closed));
        QCOMPARE(server.finish(10000), 0);
    }

    void reopenedListenerNumbersChildrenAfterTheOldOnes() {
        EngineHarness h;
        auto listener = h.listenTcp();
        QVERIFY(listener);
        const auto store = h.engine.store(listener->session);
        {
            PythonPeer client(kClient, {QString::number(listener->port), QStringLiteral("one")});
            QVERIFY(client.start());
            QVERIFY(h.waitUntil([&] { return store->counters(1).bytesIn == 3; }, 10000));
            h.engine.post(CloseSocket{listener->session, 1, false});
            QCOMPARE(client.readLine(10000), QByteArray("done"));
        }
        h.engine.post(CloseSocket{listener->session, 0, false});
        QVERIFY(h.waitState(listener->session, 0, SessionState::Closed));

        // A fresh port: the old one may be taken by another test's connection meanwhile.
        const SessionId reopened = h.engine.reopen(
            listener->session, openRequest(AF_INET, SOCK_STREAM, 0, Role::Listen, "127.0.0.1:0"));
        const auto listening = h.waitState(reopened, 0, SessionState::Listening);
        if (!listening) {
            h.dump();
        }
        QVERIFY(listening);
        const auto port = Endpoint::parse(listening->local);
        QVERIFY(port);
        PythonPeer client(kClient, {QString::number(port->port()), QStringLiteral("two")});
        QVERIFY(client.start());
        auto accepted = h.waitKind(reopened, EngineEvent::Kind::Accepted);
        QVERIFY(accepted);
        QCOMPARE(accepted->connection, ConnectionId(2));
        QVERIFY(h.waitUntil([&] { return store->counters(2).bytesIn == 3; }, 10000));
        h.engine.post(CloseSocket{reopened, 2, false});
        QCOMPARE(client.readLine(10000), QByteArray("done"));
        QCOMPARE(storeBytes(*store, 1, Direction::In), QByteArray("one"));
        QCOMPARE(storeBytes(*store, 2, Direction::In), QByteArray("two"));
        QCOMPARE(store->connectionIds(), (std::vector<std::uint32_t>{0, 1, 2}));
    }

    void reopenOfAnUnknownSessionStartsAFreshCapture() {
        EngineHarness h;
        const SessionId s =
            h.engine.reopen(9999, openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "127.0.0.1:0"));
        QVERIFY(h.waitState(s, 0, SessionState::Bound));
        const auto store = h.engine.store(s);
        QVERIFY(store);
        QCOMPARE(storeRecords(*store, RecordKind::Opened).size(), std::size_t(1));
    }
};

QTEST_APPLESS_MAIN(TestEngineReopen)
#include "test_engine_reopen.moc"
