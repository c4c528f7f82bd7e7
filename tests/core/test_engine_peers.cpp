// The engine against peers the project did not write, on loopback: socat on both ends of TCP,
// IPv6 on [::1], a host name that needs the resolver worker, a raw IPv4 socket with a chosen
// protocol (needs CAP_NET_RAW), and the Broadcast record flag for 127.255.255.255 (Linux
// routes the lo subnet's broadcast address locally once SO_BROADCAST is on).

#include "core/engine/engine.h"
#include "core/net/options.h"
#include "core/support/bytes.h"
#include "core/support/engine_harness.h"
#include "core/support/python_peer.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace socklab;
using namespace socklab::test;

namespace {

SendData sendCmd(SessionId s, ConnectionId c, std::string_view text, std::string dest = {}) {
    SendData d;
    d.session = s;
    d.connection = c;
    d.bytes = bytesOf(text);
    d.destination = std::move(dest);
    return d;
}

bool haveSocat() {
    return !QStandardPaths::findExecutable("socat").isEmpty();
}

/// Read from a process until its stdout holds `want` bytes or the time is up.
QByteArray readStdout(QProcess& p, int want, int timeout_ms) {
    QByteArray out;
    QDeadlineTimer deadline(timeout_ms);
    while (out.size() < want && !deadline.hasExpired()) {
        p.waitForReadyRead(100);
        out += p.readAllStandardOutput();
    }
    return out;
}

} // namespace

class TestEnginePeers : public QObject {
    Q_OBJECT

private slots:
    void socatConnectsToEngineListener() {
        if (!haveSocat()) {
            QSKIP("socat is not installed");
        }
        EngineHarness h;
        const SessionId s =
            h.engine.open(openRequest(AF_INET, SOCK_STREAM, 0, Role::Listen, "127.0.0.1:0"));
        auto listening = h.waitState(s, 0, SessionState::Listening);
        QVERIFY(listening);
        QProcess socat;
        socat.start("socat", {"-", QString("TCP:127.0.0.1:%1").arg(portOf(listening->local))});
        QVERIFY(socat.waitForStarted(5000));
        auto accepted = h.waitKind(s, EngineEvent::Kind::Accepted);
        QVERIFY(accepted);
        h.engine.post(sendCmd(s, accepted->connection, "from engine\n"));
        QCOMPARE(readStdout(socat, 12, 15000), QByteArray("from engine\n"));
        socat.write("from socat\n");
        QVERIFY(socat.waitForBytesWritten(5000)); // no event loop here: flush by hand
        socat.closeWriteChannel();                // socat sends FIN after stdin's EOF
        QVERIFY(h.waitState(s, accepted->connection, SessionState::PeerClosed));
        auto store = h.engine.store(s);
        QCOMPARE(storeBytes(*store, accepted->connection, Direction::In),
                 QByteArray("from socat\n"));
        QCOMPARE(QByteArray::fromStdString(accepted->peer).left(10), QByteArray("127.0.0.1:"));
        h.engine.post(CloseSocket{s, accepted->connection, false});
        QVERIFY(socat.waitForFinished(15000));
        QCOMPARE(socat.exitCode(), 0);
    }

    void engineConnectsToSocatListener() {
        if (!haveSocat()) {
            QSKIP("socat is not installed");
        }
        // socat picks the port (port 0) and says which at -d -d.
        QProcess socat;
        socat.start("socat", {"-d", "-d", "TCP-LISTEN:0,bind=127.0.0.1", "-"});
        QVERIFY(socat.waitForStarted(5000));
        QByteArray err;
        const QRegularExpression re("listening on .*127\\.0\\.0\\.1:(\\d+)");
        QRegularExpressionMatch m;
        QDeadlineTimer deadline(15000);
        while (!(m = re.match(QString::fromUtf8(err))).hasMatch() && !deadline.hasExpired()) {
            socat.waitForReadyRead(100);
            err += socat.readAllStandardError();
        }
        QVERIFY2(m.hasMatch(), err.constData());
        EngineHarness h;
        const SessionId s = h.engine.open(openRequest(AF_INET, SOCK_STREAM, 0, Role::Connect, "",
                                                      "127.0.0.1:" + m.captured(1).toStdString()));
        QVERIFY(h.waitState(s, 0, SessionState::Connected));
        h.engine.post(sendCmd(s, 0, "to socat\n"));
        QCOMPARE(readStdout(socat, 9, 15000), QByteArray("to socat\n"));
        socat.write("to engine\n");
        QVERIFY(socat.waitForBytesWritten(5000));
        socat.closeWriteChannel();
        QVERIFY(h.waitState(s, 0, SessionState::PeerClosed));
        QCOMPARE(storeBytes(*h.engine.store(s), 0, Direction::In), QByteArray("to engine\n"));
        h.engine.post(CloseSocket{s, 0, false});
        QVERIFY(socat.waitForFinished(15000));
    }

    void ipv6StreamAndDatagram() {
        if (!PythonPeer::available()) {
            QSKIP("python3 is not installed");
        }
        EngineHarness h;
        const SessionId tcp =
            h.engine.open(openRequest(AF_INET6, SOCK_STREAM, 0, Role::Listen, "[::1]:0"));
        auto listening = h.waitFor(
            [&](const EngineEvent& e) {
                return e.session == tcp && (e.kind == EngineEvent::Kind::Error ||
                                            (e.kind == EngineEvent::Kind::StateChanged &&
                                             e.state == SessionState::Listening));
            },
            15000);
        QVERIFY(listening);
        if (listening->kind == EngineEvent::Kind::Error &&
            listening->error->sysErrno() == EADDRNOTAVAIL) {
            QSKIP("no ::1 on this machine (IPv6 disabled)");
        }
        QCOMPARE(QByteArray::fromStdString(listening->local).left(6), QByteArray("[::1]:"));
        const SessionId udp =
            h.engine.open(openRequest(AF_INET6, SOCK_DGRAM, 0, Role::Bind, "[::1]:0"));
        auto bound = h.waitState(udp, 0, SessionState::Bound);
        QVERIFY(bound);
        PythonPeer peer(
            R"(
            import socket, sys
            c = socket.create_connection(('::1', int(sys.argv[1])))
            c.sendall(b'six over tcp'); print(c.recv(100).decode(), flush=True)
            u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u.bind(('::1', 0))
            u.sendto(b'six over udp', ('::1', int(sys.argv[2])))
            print(u.getsockname()[1], flush=True)
            print(u.recvfrom(100)[0].decode(), flush=True)
        )",
            {QString::number(portOf(listening->local)), QString::number(portOf(bound->local))});
        QVERIFY(peer.start());
        auto accepted = h.waitKind(tcp, EngineEvent::Kind::Accepted);
        QVERIFY(accepted);
        QCOMPARE(QByteArray::fromStdString(accepted->peer).left(6), QByteArray("[::1]:"));
        auto tcpStore = h.engine.store(tcp);
        QVERIFY(h.waitUntil([&] { return tcpStore->counters().bytesIn == 12; }, 15000));
        QCOMPARE(storeBytes(*tcpStore, accepted->connection, Direction::In),
                 QByteArray("six over tcp"));
        h.engine.post(sendCmd(tcp, accepted->connection, "tcp back"));
        QCOMPARE(peer.readLine(15000), QByteArray("tcp back"));
        const QByteArray pyPort = peer.readLine(15000);
        auto udpStore = h.engine.store(udp);
        QVERIFY(h.waitUntil([&] { return udpStore->counters().messagesIn == 1; }, 15000));
        const auto in = dataRecords(*udpStore, Direction::In);
        QCOMPARE(QByteArray::fromStdString(udpStore->peer(in[0]).toString()), "[::1]:" + pyPort);
        h.engine.post(sendCmd(udp, 0, "udp back", "[::1]:" + pyPort.toStdString()));
        QCOMPARE(peer.readLine(15000), QByteArray("udp back"));
        QCOMPARE(peer.finish(15000), 0);
    }

    void hostNameGoesThroughResolver() {
        if (!PythonPeer::available()) {
            QSKIP("python3 is not installed");
        }
        // An AF_INET session: the resolver asks for IPv4 addresses of "localhost" only.
        PythonPeer peer(R"(
            import socket
            ls = socket.socket(); ls.bind(('127.0.0.1', 0)); ls.listen(); ls.settimeout(20)
            print(ls.getsockname()[1], flush=True)
            c, a = ls.accept(); print(c.recv(100).decode(), flush=True)
        )");
        QVERIFY(peer.start());
        const QByteArray port = peer.readLine(15000);
        QVERIFY(!port.isEmpty());
        EngineHarness h;
        const SessionId s = h.engine.open(openRequest(AF_INET, SOCK_STREAM, 0, Role::Connect, "",
                                                      "localhost:" + port.toStdString()));
        if (!h.waitState(s, 0, SessionState::Resolving)) {
            h.dump();
            QFAIL("no Resolving state: the name did not go to the resolver worker");
        }
        auto connected = h.waitState(s, 0, SessionState::Connected);
        QVERIFY(connected);
        QVERIFY(QByteArray::fromStdString(connected->peer).endsWith(":" + port));
        h.engine.post(sendCmd(s, 0, "resolved"));
        QCOMPARE(peer.readLine(15000), QByteArray("resolved"));
        QCOMPARE(peer.finish(15000), 0);
    }

    void rawSocketWithChosenProtocol() {
        if (!PythonPeer::available()) {
            QSKIP("python3 is not installed");
        }
        // 253: reserved for experimentation (RFC 3692), so nothing else on lo speaks it.
        constexpr int kProto = 253;
        const int probe = ::socket(AF_INET, SOCK_RAW, kProto);
        if (probe < 0) {
            QSKIP("raw sockets need CAP_NET_RAW");
        }
        ::close(probe);
        EngineHarness h;
        const SessionId s =
            h.engine.open(openRequest(AF_INET, SOCK_RAW, kProto, Role::Bind, "127.0.0.1"));
        QVERIFY(h.waitState(s, 0, SessionState::Bound));
        PythonPeer peer(R"(
            import socket
            r = socket.socket(socket.AF_INET, socket.SOCK_RAW, 253); r.settimeout(15)
            r.sendto(b'raw payload', ('127.0.0.1', 0))
            print('sent', flush=True)
            while True:
                pkt, a = r.recvfrom(2000)
                body = pkt[(pkt[0] & 15) * 4:]
                if body == b'engine raw': print(pkt[9], body.decode(), flush=True); break
        )");
        QVERIFY(peer.start());
        QCOMPARE(peer.readLine(15000), QByteArray("sent"));
        auto store = h.engine.store(s);
        // The engine's own send comes back to it too (raw IPv4 sockets see every packet of
        // their protocol), so wait for the python one specifically.
        QVERIFY(h.waitUntil(
            [&] {
                for (const Record& r : dataRecords(*store, Direction::In)) {
                    if (QByteArray(reinterpret_cast<const char*>(store->recordBytes(r).data()),
                                   static_cast<qsizetype>(r.length))
                            .endsWith("raw payload")) {
                        return true;
                    }
                }
                return false;
            },
            15000));
        const auto in = dataRecords(*store, Direction::In);
        const auto bytes = store->recordBytes(in[0]);
        QCOMPARE(in[0].length, 20u + 11u); // raw IPv4 delivers the IP header
        QCOMPARE(static_cast<int>(bytes[9]), kProto);
        h.engine.post(sendCmd(s, 0, "engine raw", "127.0.0.1"));
        QCOMPARE(peer.readLine(15000), QByteArray("253 engine raw"));
        QCOMPARE(peer.finish(15000), 0);
    }

    void broadcastFlagOnLoopbackBroadcast() {
        if (!PythonPeer::available()) {
            QSKIP("python3 is not installed");
        }
        PythonPeer peer(R"(
            import socket
            r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); r.bind(('0.0.0.0', 0))
            r.settimeout(15)
            print(r.getsockname()[1], flush=True)
            for i in range(2):
                print(r.recvfrom(100)[0].decode(), flush=True)
        )");
        QVERIFY(peer.start());
        const std::string port = peer.readLine(15000).toStdString();
        QVERIFY(!port.empty());
        EngineHarness h;
        OpenSession req = openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "127.0.0.1:0");
        req.options.push_back(OptionSetting{OptionId::Broadcast, 1});
        const SessionId s = h.engine.open(req);
        QVERIFY(h.waitState(s, 0, SessionState::Bound));
        h.engine.post(sendCmd(s, 0, "to all", "127.255.255.255:" + port));
        QCOMPARE(peer.readLine(15000), QByteArray("to all"));
        h.engine.post(sendCmd(s, 0, "to one", "127.0.0.1:" + port));
        QCOMPARE(peer.readLine(15000), QByteArray("to one"));
        QCOMPARE(peer.finish(15000), 0);
        auto store = h.engine.store(s);
        QVERIFY(h.waitUntil([&] { return store->counters().messagesOut == 2; }, 15000));
        const auto out = dataRecords(*store, Direction::Out);
        QCOMPARE(out.size(), std::size_t(2));
        QVERIFY(out[0].flags & RecordFlag::Broadcast);
        QVERIFY(!(out[1].flags & RecordFlag::Broadcast));
    }
};

QTEST_APPLESS_MAIN(TestEnginePeers)
#include "test_engine_peers.moc"
