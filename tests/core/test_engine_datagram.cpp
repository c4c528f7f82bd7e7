// Message sessions through the Engine thread against python3 peers: UDP boundaries both ways,
// truncated datagrams, connected UDP and its ICMP-driven ECONNREFUSED, Unix SEQPACKET
// boundaries, ICMP echo to 127.0.0.1, multicast on loopback, SetOption and TCP_INFO.

#include "core/engine/engine.h"
#include "core/net/options.h"
#include "core/support/bytes.h"
#include "core/support/engine_harness.h"
#include "core/support/python_peer.h"

#include <QTemporaryDir>
#include <QTest>
#include <netinet/in.h>
#include <set>
#include <sys/socket.h>
#include <unistd.h>

using namespace socklab;
using namespace socklab::test;

namespace {

SendData sendCmd(SessionId s, std::string_view text, std::string destination = {}) {
    SendData d;
    d.session = s;
    d.bytes = bytesOf(text);
    d.destination = std::move(destination);
    return d;
}

} // namespace

class TestEngineDatagram : public QObject {
    Q_OBJECT

private slots:
    // An open that asks for a connected datagram socket fails as a whole when the peer cannot
    // be reached (Failed, like a stream client), so consumers waiting for Connected learn it;
    // a later ConnectDatagram that fails leaves the bound socket as it was.
    void connectAtOpenFailureFailsTheOpen() {
        EngineHarness h;
        QTemporaryDir dir;
        OpenSession r = openRequest(AF_UNIX, SOCK_DGRAM, 0, Role::Connect, "");
        r.remote = dir.filePath("missing.sock").toStdString();
        const SessionId s = h.engine.open(r);
        QVERIFY(h.waitState(s, 0, SessionState::Failed));
        auto errs = h.errors(s);
        QVERIFY(!errs.empty());
        QVERIFY2(errs.back().error->sysErrno() == ENOENT, errs.back().error->message().c_str());
        QCOMPARE(errs.back().state, SessionState::Failed);

        const SessionId b = h.engine.open(
            openRequest(AF_UNIX, SOCK_DGRAM, 0, Role::Bind, dir.filePath("b.sock").toStdString()));
        QVERIFY(h.waitState(b, 0, SessionState::Bound));
        h.engine.post(ConnectDatagram{b, dir.filePath("missing.sock").toStdString()});
        QVERIFY(h.waitFor(
            [&](const EngineEvent& e) {
                return e.session == b && e.kind == EngineEvent::Kind::Error &&
                       e.state == SessionState::Bound;
            },
            15000));
        // Still bound: a datagram to it arrives.
        OpenSession toB = openRequest(AF_UNIX, SOCK_DGRAM, 0, Role::Connect, "");
        toB.remote = dir.filePath("b.sock").toStdString();
        const SessionId c = h.engine.open(toB);
        QVERIFY(h.waitState(c, 0, SessionState::Connected));
        h.engine.post(SendData{c, 0, bytesOf("still bound")});
        auto store = h.engine.store(b);
        QVERIFY(h.waitUntil([&] { return store->counters().messagesIn == 1; }, 15000));
    }

    void initTestCase() {
        if (!PythonPeer::available()) {
            QSKIP("python3 is not installed");
        }
    }

    void udpBoundariesBothWays() {
        EngineHarness h;
        const SessionId s =
            h.engine.open(openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "127.0.0.1:0"));
        auto bound = h.waitState(s, 0, SessionState::Bound);
        QVERIFY(bound);
        PythonPeer peer(R"(
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 0))
            print(s.getsockname()[1], flush=True)
            for n in (1, 1000, 5):
                s.sendto(b'd' * n, ('127.0.0.1', int(sys.argv[1])))
            for i in range(2):
                data, addr = s.recvfrom(65536)
                print(len(data), data.decode(), flush=True)
        )",
                        {QString::number(portOf(bound->local))});
        QVERIFY(peer.start());
        const QByteArray pyPort = peer.readLine(15000);
        auto store = h.engine.store(s);
        QVERIFY(h.waitUntil([&] { return store->counters().messagesIn == 3; }, 15000));
        const auto in = dataRecords(*store, Direction::In);
        QCOMPARE(in.size(), std::size_t(3));
        QCOMPARE(in[0].length, 1u);
        QCOMPARE(in[1].length, 1000u);
        QCOMPARE(in[2].length, 5u);
        QCOMPARE(QByteArray::fromStdString(store->peer(in[1]).toString()), "127.0.0.1:" + pyPort);
        const std::string dest = "127.0.0.1:" + pyPort.toStdString();
        h.engine.post(sendCmd(s, "first", dest));
        h.engine.post(sendCmd(s, "second!", dest));
        QCOMPARE(peer.readLine(15000), QByteArray("5 first"));
        QCOMPARE(peer.readLine(15000), QByteArray("7 second!"));
        QCOMPARE(peer.finish(15000), 0);
        QCOMPARE(store->counters().messagesOut, std::uint64_t(2));
        QCOMPARE(store->counters().bytesOut, std::uint64_t(12));
    }

    void truncatedDatagram() {
        EngineHarness h;
        OpenSession req = openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "127.0.0.1:0");
        req.datagramBufferBytes = 16;
        const SessionId s = h.engine.open(req);
        auto bound = h.waitState(s, 0, SessionState::Bound);
        QVERIFY(bound);
        PythonPeer peer(R"(
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.sendto(bytes(range(100)), ('127.0.0.1', int(sys.argv[1])))
            s.sendto(b'short', ('127.0.0.1', int(sys.argv[1])))
        )",
                        {QString::number(portOf(bound->local))});
        QVERIFY(peer.start());
        QCOMPARE(peer.finish(15000), 0);
        auto store = h.engine.store(s);
        QVERIFY(h.waitUntil([&] { return store->counters().messagesIn == 2; }, 15000));
        const auto in = dataRecords(*store, Direction::In);
        QCOMPARE(in.size(), std::size_t(2));
        QCOMPARE(in[0].length, 16u);
        QCOMPARE(in[0].wireLength, std::uint64_t(100));
        QVERIFY(in[0].flags & RecordFlag::Truncated);
        QCOMPARE(store->recordBytes(in[0])[15], std::byte{15});
        QCOMPARE(in[1].length, 5u);
        QVERIFY(!(in[1].flags & RecordFlag::Truncated));
    }

    void connectedUdpRefused() {
        PythonPeer probe(R"(
            import socket
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 0))
            print(s.getsockname()[1]); s.close()
        )");
        QVERIFY(probe.start());
        const QByteArray port = probe.readLine(15000);
        QCOMPARE(probe.finish(15000), 0);
        EngineHarness h;
        const std::string target = "127.0.0.1:" + port.toStdString();
        const SessionId s =
            h.engine.open(openRequest(AF_INET, SOCK_DGRAM, 0, Role::Connect, "", target));
        auto connected = h.waitState(s, 0, SessionState::Connected);
        QVERIFY(connected);
        QCOMPARE(connected->peer, target);
        h.engine.post(sendCmd(s, "anyone there?"));
        auto err = h.waitKind(s, EngineEvent::Kind::Error);
        QVERIFY(err && err->error);
        QCOMPARE(err->error->sysErrno(), ECONNREFUSED);
        const QString msg = QString::fromStdString(err->error->message());
        QVERIFY2(msg.contains(QString::fromStdString(target)) && msg.contains("ECONNREFUSED"),
                 qPrintable(msg));
        // The session survives an ICMP error: it can disconnect and send elsewhere.
        h.engine.post(ConnectDatagram{s, ""});
        QVERIFY(h.waitState(s, 0, SessionState::Bound));
    }

    void seqpacketBoundaries() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("seq.sock").toStdString();
        EngineHarness h;
        const SessionId s =
            h.engine.open(openRequest(AF_UNIX, SOCK_SEQPACKET, 0, Role::Listen, path));
        QVERIFY(h.waitState(s, 0, SessionState::Listening));
        PythonPeer peer(R"(
            import socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET); s.connect(sys.argv[1])
            for n in (3, 70000, 1):
                s.send(b'm' * n)
            for i in range(2):
                print(len(s.recv(100000)), flush=True)
            s.close()
        )",
                        {QString::fromStdString(path)});
        QVERIFY(peer.start());
        QVERIFY(h.waitKind(s, EngineEvent::Kind::Accepted));
        auto store = h.engine.store(s);
        QVERIFY(h.waitUntil([&] { return store->counters(1).messagesIn == 3; }, 15000));
        const auto in = dataRecords(*store, Direction::In);
        QCOMPARE(in.size(), std::size_t(3));
        QCOMPARE(in[0].length, 3u);
        QCOMPARE(in[1].length, 70000u);
        QCOMPARE(in[2].length, 1u);
        SendData a;
        a.session = s;
        a.connection = 1;
        a.bytes.assign(4, std::byte{'a'});
        SendData b = a;
        b.bytes.assign(9, std::byte{'b'});
        h.engine.post(a);
        h.engine.post(b);
        QCOMPARE(peer.readLine(15000), QByteArray("4"));
        QCOMPARE(peer.readLine(15000), QByteArray("9"));
        QCOMPARE(peer.finish(15000), 0);
        QVERIFY(h.waitState(s, 1, SessionState::PeerClosed));
    }

    void icmpEchoLoopback() {
        EngineHarness h;
        // Ping socket when net.ipv4.ping_group_range allows it; the engine falls back to a raw
        // socket (with a Warning) when we hold CAP_NET_RAW.
        const SessionId s =
            h.engine.open(openRequest(AF_INET, SOCK_DGRAM, IPPROTO_ICMP, Role::Bind, ""));
        auto first = h.waitFor(
            [&](const EngineEvent& e) {
                return e.session == s && e.kind == EngineEvent::Kind::StateChanged &&
                       (e.state == SessionState::Bound || e.state == SessionState::Failed);
            },
            15000);
        QVERIFY(first);
        if (first->state == SessionState::Failed) {
            const auto errs = h.errors(s);
            QSKIP(qPrintable("neither ping sockets nor raw sockets are permitted here: " +
                             QString::fromStdString(errs.empty() ? std::string("?")
                                                                 : errs[0].error->message())));
        }
        Ping p;
        p.session = s;
        p.target = "127.0.0.1";
        p.count = 3;
        p.interval_ms = 50;
        p.timeout_ms = 2000;
        h.engine.post(p);
        std::set<int> sequences;
        for (int i = 0; i < 3; ++i) {
            auto r = h.waitKind(s, EngineEvent::Kind::PingReply, 15000);
            QVERIFY(r);
            QVERIFY2(!r->ping.timedOut, "echo timed out");
            QCOMPARE(QString::fromStdString(r->ping.from), QString("127.0.0.1"));
            QCOMPARE(r->ping.bytes, std::size_t(56));
            QVERIFY(r->ping.rtt_us >= 0 && r->ping.rtt_us < 2'000'000);
            sequences.insert(r->ping.sequence);
        }
        QCOMPARE(sequences.size(), std::size_t(3));
        auto done = h.waitKind(s, EngineEvent::Kind::PingDone, 15000);
        QVERIFY(done);
        QVERIFY2(QString::fromStdString(done->text).startsWith("3 sent, 3 received"),
                 done->text.c_str());
        auto store = h.engine.store(s);
        const auto out = dataRecords(*store, Direction::Out);
        QCOMPARE(out.size(), std::size_t(3));
        QVERIFY(out[0].flags & RecordFlag::Icmp);
        QCOMPARE(out[0].length, 64u);
    }

    void multicastLoopback() {
        EngineHarness h;
        OpenSession req = openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "0.0.0.0:0");
        req.options = {{OptionId::ReuseAddr, 1}};
        const SessionId s = h.engine.open(req);
        auto bound = h.waitState(s, 0, SessionState::Bound);
        QVERIFY(bound);
        MulticastMembership m;
        m.session = s;
        m.group = "239.255.77.77";
        m.interface = "127.0.0.1";
        h.engine.post(m);
        PythonPeer peer(R"(
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton('127.0.0.1'))
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 1)
            s.sendto(b'to the group', ('239.255.77.77', int(sys.argv[1])))
        )",
                        {QString::number(portOf(bound->local))});
        auto store = h.engine.store(s);
        // Wait until the join is recorded before the peer sends.
        QVERIFY(
            h.waitUntil([&] { return !storeRecords(*store, RecordKind::Info).empty(); }, 15000));
        if (!h.errors(s).empty()) {
            QSKIP(qPrintable("multicast join refused here: " +
                             QString::fromStdString(h.errors(s)[0].error->message())));
        }
        QVERIFY(peer.start());
        QCOMPARE(peer.finish(15000), 0);
        if (!h.waitUntil([&] { return store->counters().messagesIn == 1; }, 3000)) {
            QSKIP("no multicast route on loopback in this environment");
        }
        QCOMPARE(storeBytes(*store, 0, Direction::In), QByteArray("to the group"));
    }

    void driveWithoutThread() {
        // runOnce() on the caller's thread, no engine thread: open, send to self, receive.
        Engine engine;
        const SessionId s =
            engine.open(openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "127.0.0.1:0"));
        std::string local;
        for (int i = 0; i < 50 && local.empty(); ++i) {
            engine.runOnce(20);
            for (const auto& e : engine.events().drain()) {
                if (e.session == s && e.kind == EngineEvent::Kind::StateChanged &&
                    e.state == SessionState::Bound) {
                    local = e.local;
                }
            }
        }
        QVERIFY(!local.empty());
        engine.post(sendCmd(s, "loop", local));
        auto store = engine.store(s);
        for (int i = 0; i < 50 && store->counters().messagesIn == 0; ++i) {
            engine.runOnce(20);
        }
        QCOMPARE(storeBytes(*store, 0, Direction::In), QByteArray("loop"));
        QCOMPARE(store->counters().bytesOut, std::uint64_t(4));
    }

    void setOptionAndTcpInfo() {
        EngineHarness h;
        OpenSession req = openRequest(AF_INET, SOCK_STREAM, 0, Role::Listen, "127.0.0.1:0");
        req.options = {{OptionId::ReuseAddr, 1}};
        const SessionId s = h.engine.open(req);
        auto applied = h.waitKind(s, EngineEvent::Kind::OptionApplied);
        QVERIFY(applied);
        QCOMPARE(applied->option.id, OptionId::ReuseAddr);
        QCOMPARE(applied->option.effective, 1);
        auto listening = h.waitState(s, 0, SessionState::Listening);
        QVERIFY(listening);
        PythonPeer peer(R"(
            import socket, sys
            s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            sys.stdin.read()
        )",
                        {QString::number(portOf(listening->local))});
        QVERIFY(peer.start());
        QVERIFY(h.waitKind(s, EngineEvent::Kind::Accepted));
        h.engine.post(SetOption{s, 1, OptionSetting{OptionId::TcpNoDelay, 1}});
        auto nodelay = h.waitKind(s, EngineEvent::Kind::OptionApplied);
        QVERIFY(nodelay);
        QCOMPARE(nodelay->connection, 1u);
        QCOMPARE(nodelay->option.id, OptionId::TcpNoDelay);
        QCOMPARE(nodelay->option.effective, 1);
        h.engine.post(QueryTcpInfo{s, 1});
        auto info = h.waitKind(s, EngineEvent::Kind::TcpInfo);
        QVERIFY(info);
        QCOMPARE(int(info->tcpInfo.state), 1); // TCP_ESTABLISHED
        QVERIFY(info->tcpInfo.sndMss > 0);
        h.engine.post(QueryTcpInfo{s, 7});
        auto err = h.waitKind(s, EngineEvent::Kind::Error);
        QVERIFY(err && err->error);
        peer.process().closeWriteChannel();
        QCOMPARE(peer.finish(15000), 0);
    }
};

QTEST_APPLESS_MAIN(TestEngineDatagram)
#include "test_engine_datagram.moc"
