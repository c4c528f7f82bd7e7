// The stream relay's intercept and impairment, between python3 peers: hold, edit, drop and
// inject; releasing a later held message keeps the stream in order; inject after FIN is
// refused; re-segmentation keeps every byte; reset after exactly N bytes.

#include "core/engine/engine.h"
#include "core/support/bytes.h"
#include "core/support/engine_harness.h"
#include "core/support/python_peer.h"
#include "core/support/relay_peers.h"

#include <QTest>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace socklab;
using namespace socklab::test;

namespace {

OpenSession relayRequest(int family, const std::string& listen, const std::string& upstream) {
    return openRequest(family, SOCK_STREAM, 0, Role::Relay, listen, upstream);
}

} // namespace

class TestEngineRelayHold : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!PythonPeer::available()) {
            QSKIP("python3 is not installed");
        }
    }

    void holdEditReleaseDropAndInject() {
        EngineHarness h;
        PythonPeer peer(pairScript("inet", R"(
            c.sendall(b'abc'); time.sleep(0.2); c.sendall(b'secret')
            print('server-got', s.recv(100).decode(), flush=True)
            sys.stdin.readline()                    # the test dropped 'secret', then sends 'tail'
            c.sendall(b'tail')
            print('server-got', s.recv(100).decode(), flush=True)
            print('client-got', c.recv(100).decode(), flush=True)
        )"));
        QVERIFY(peer.start());
        const QByteArray serverPort = peer.readLine(15000);
        OpenSession req =
            relayRequest(AF_INET, "127.0.0.1:0", "127.0.0.1:" + serverPort.toStdString());
        req.relay.holdToServer = true;
        auto relay = startRelay(h, std::move(req));
        QVERIFY(relay);
        sendRelayAddress(peer, relay->local);
        auto first = h.waitKind(relay->session, EngineEvent::Kind::HeldQueued);
        QVERIFY(first);
        QCOMPARE(toQt(first->held.bytes), QByteArray("abc"));
        auto second = h.waitKind(relay->session, EngineEvent::Kind::HeldQueued);
        QVERIFY(second);
        QCOMPARE(toQt(second->held.bytes), QByteArray("secret"));
        ReleaseHeld edit;
        edit.session = relay->session;
        edit.direction = RelayDirection::ToServer;
        edit.heldId = first->held.id;
        edit.edited = true;
        edit.bytes = bytesOf("ABC!");
        h.engine.post(edit);
        QCOMPARE(peer.readLine(15000), QByteArray("server-got ABC!"));
        ReleaseHeld drop;
        drop.session = relay->session;
        drop.direction = RelayDirection::ToServer;
        drop.heldId = second->held.id;
        drop.drop = true;
        h.engine.post(drop);
        auto gone = h.waitFor(
            [&](const EngineEvent& e) {
                return e.session == relay->session && e.kind == EngineEvent::Kind::HeldGone &&
                       e.held.id == second->held.id;
            },
            15000);
        QVERIFY(gone);
        QCOMPARE(gone->text, std::string("dropped"));
        h.engine.post(HoldDirection{relay->session, RelayDirection::ToServer, false});
        // Only once the relay forwards again may the client send (else 'tail' is held too).
        QVERIFY(h.waitFor(
            [&](const EngineEvent& e) {
                return e.session == relay->session && e.kind == EngineEvent::Kind::RelaySettings &&
                       e.relayDirection == RelayDirection::ToServer && !e.holding;
            },
            15000));
        peer.process().write("go\n");
        QCOMPARE(peer.readLine(15000), QByteArray("server-got tail"));
        InjectData inject;
        inject.session = relay->session;
        inject.connection = 1;
        inject.direction = RelayDirection::ToClient;
        inject.bytes = bytesOf("injected");
        h.engine.post(inject);
        QCOMPARE(peer.readLine(15000), QByteArray("client-got injected"));
        QCOMPARE(peer.finish(15000), 0);
        auto store = h.engine.store(relay->session);
        // What arrived is captured as it arrived; what the user changed is captured flagged.
        QCOMPARE(storeBytes(*store, 1, Direction::In).left(9), QByteArray("abcsecret"));
        bool edited = false;
        bool injected = false;
        for (const Record& r : dataRecords(*store, Direction::In)) {
            edited |= (r.flags & RecordFlag::Edited) && toQt(store->recordBytes(r)) == "ABC!";
        }
        for (const Record& r : dataRecords(*store, Direction::Out)) {
            injected |=
                (r.flags & RecordFlag::Injected) && toQt(store->recordBytes(r)) == "injected";
        }
        QVERIFY(edited);
        QVERIFY(injected);
    }

    void resegmentKeepsEveryByteAndResetAfterCuts() {
        EngineHarness h;
        PythonPeer peer(pairScript("inet", R"(
            data = random.Random(5).randbytes(65536)
            c.sendall(data); c.shutdown(socket.SHUT_WR)
            got = b''
            while True:
                b = s.recv(65536)
                if not b:
                    break
                got += b
            print('same', got == data, flush=True)
        )"));
        QVERIFY(peer.start());
        const QByteArray serverPort = peer.readLine(15000);
        OpenSession req =
            relayRequest(AF_INET, "127.0.0.1:0", "127.0.0.1:" + serverPort.toStdString());
        req.relay.toServer.segmentMin = 1;
        req.relay.toServer.segmentMax = 16;
        req.relay.seed = 11;
        auto relay = startRelay(h, std::move(req));
        QVERIFY(relay);
        sendRelayAddress(peer, relay->local);
        QCOMPARE(peer.readLine(30000), QByteArray("same True"));
        QCOMPARE(peer.finish(15000), 0);
        auto store = h.engine.store(relay->session);
        bool resegmented = false;
        for (const Record& r : storeRecords(*store, RecordKind::Info, 1)) {
            resegmented |= (r.flags & RecordFlag::Impaired) != 0 &&
                           store->text(r).find("client->server") != std::string::npos;
        }
        QVERIFY(resegmented);

        PythonPeer cut(pairScript("inet", R"(
            c.sendall(b'q' * 5000)
            got = b''
            try:
                while True:
                    b = s.recv(65536)
                    if not b:
                        break
                    got += b
                print('server', len(got), 'eof', flush=True)
            except ConnectionResetError:
                print('server', len(got), 'reset', flush=True)
        )"));
        QVERIFY(cut.start());
        const QByteArray port2 = cut.readLine(15000);
        OpenSession req2 = relayRequest(AF_INET, "127.0.0.1:0", "127.0.0.1:" + port2.toStdString());
        req2.relay.toServer.resetAfterBytes = 1000;
        auto relay2 = startRelay(h, std::move(req2));
        QVERIFY(relay2);
        sendRelayAddress(cut, relay2->local);
        QCOMPARE(cut.readLine(15000), QByteArray("server 1000 reset"));
        QCOMPARE(cut.finish(15000), 0);
    }

    void releasingALaterHeldMessageKeepsTheStreamInOrder() {
        EngineHarness h;
        PythonPeer peer(pairScript("inet", R"(
            for part in (b'one,', b'two,', b'three'):
                c.sendall(part); time.sleep(0.2)
            got = b''
            while len(got) < 13:
                got += s.recv(100)
            print('server-got', got.decode(), flush=True)
            c.shutdown(socket.SHUT_WR)
            sys.stdin.readline()
        )"));
        QVERIFY(peer.start());
        const QByteArray serverPort = peer.readLine(15000);
        OpenSession req =
            relayRequest(AF_INET, "127.0.0.1:0", "127.0.0.1:" + serverPort.toStdString());
        req.relay.holdToServer = true;
        auto relay = startRelay(h, std::move(req));
        QVERIFY(relay);
        sendRelayAddress(peer, relay->local);
        std::vector<std::uint64_t> ids;
        for (int i = 0; i < 3; ++i) {
            auto held = h.waitKind(relay->session, EngineEvent::Kind::HeldQueued);
            QVERIFY(held);
            ids.push_back(held->held.id);
        }
        ReleaseHeld last;
        last.session = relay->session;
        last.direction = RelayDirection::ToServer;
        last.heldId = ids[2];
        h.engine.post(last);
        QCOMPARE(peer.readLine(15000), QByteArray("server-got one,two,three"));
        // After the client's FIN went through, injecting toward the server is refused.
        auto fin = h.waitFor(
            [&](const EngineEvent& e) {
                return e.session == relay->session && e.kind == EngineEvent::Kind::StateChanged &&
                       e.state == SessionState::PeerClosed;
            },
            15000);
        QVERIFY(fin);
        InjectData inject;
        inject.session = relay->session;
        inject.connection = 1;
        inject.direction = RelayDirection::ToServer;
        inject.bytes = bytesOf("late");
        h.engine.post(inject);
        auto refused = h.waitKind(relay->session, EngineEvent::Kind::Error);
        QVERIFY(refused);
        QVERIFY(QByteArray::fromStdString(refused->error->message()).contains("has ended"));
        peer.process().write("done\n");
        QCOMPARE(peer.finish(15000), 0);
    }
};

QTEST_GUILESS_MAIN(TestEngineRelayHold)
#include "test_engine_relay_hold.moc"
