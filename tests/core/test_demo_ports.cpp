// The demo workspace lays itself out on free loopback ports, so it works while another SockLab
// (or anything else) holds the default ports 47001-47003.
#include "core/net/free_port.h"
#include "core/net/options.h"
#include "core/net/socket_ops.h"
#include "core/workspace/workspace.h"
#include "support/python_peer.h"

#include <QTest>
#include <cerrno>
#include <string>

using namespace socklab;

namespace {

SocketSpec spec(const char* type, const char* protocol) {
    return {familyByName("AF_INET")->value, typeByName(type)->value,
            protocolByName(protocol)->value};
}

// A socket bound to 127.0.0.1:port the way the demo binds it (closed by its UniqueFd).
// Stream sockets set SO_REUSEADDR and listen, as the demo's echo server does: a TIME_WAIT left
// on the port (by an earlier SockLab run) does not stop the bind, and a listener blocks every
// later bind of the port, SO_REUSEADDR or not. `error` says why the setup failed.
struct Held {
    UniqueFd fd;
    bool bound = false;
    std::string error;
    Held(const SocketSpec& s, std::uint16_t port) {
        auto r = sockops::openSocket(s);
        if (!r) {
            error = r.error().message();
            return;
        }
        fd = std::move(*r);
        const bool stream = s.type == typeByName("SOCK_STREAM")->value;
        if (stream) {
            if (auto set = applyOption(fd.get(), s.family, {OptionId::ReuseAddr, 1}); !set) {
                error = set.error().message();
                return;
            }
        }
        Status st = sockops::bindTo(fd.get(), Endpoint::loopback4(port));
        if (st && stream) {
            st = sockops::listenOn(fd.get(), 1, "127.0.0.1:" + std::to_string(port));
        }
        if (!st) {
            error = st.error().message();
            inUse = st.error().sysErrno() == EADDRINUSE;
            return;
        }
        bound = true;
    }
    bool inUse = false; ///< the bind failed with EADDRINUSE: someone else holds the port
};

} // namespace

class TestDemoPorts : public QObject {
    Q_OBJECT
private slots:
    void aFreePreferredPortIsKept() {
        const SocketSpec tcp = spec("SOCK_STREAM", "IPPROTO_TCP");
        auto picked = freeLoopbackPort(tcp, 0);
        QVERIFY2(picked, picked ? "" : picked.error().message().c_str());
        QVERIFY(*picked != 0);
        auto again = freeLoopbackPort(tcp, *picked);
        QVERIFY(again);
        QCOMPARE(*again, *picked);
    }

    void aTakenPortIsReplacedByABindableOne() {
        for (const SocketSpec s :
             {spec("SOCK_STREAM", "IPPROTO_TCP"), spec("SOCK_DGRAM", "IPPROTO_UDP")}) {
            auto first = freeLoopbackPort(s, 0);
            QVERIFY(first);
            Held held(s, *first);
            QVERIFY2(held.bound, held.error.c_str());
            auto other = freeLoopbackPort(s, *first);
            QVERIFY2(other, other ? "" : other.error().message().c_str());
            QVERIFY(*other != 0);
            QVERIFY(*other != *first);
            Held proof(s, *other);
            QVERIFY2(proof.bound, proof.error.c_str());
        }
    }

    void demoUsesTheGivenPorts() {
        const Workspace ws = demoWorkspace({40101, 40102, 40103});
        QCOMPARE(ws.tabs.size(), std::size_t(4));
        QCOMPARE(ws.tabs[0].local, std::string("127.0.0.1:40101"));
        QCOMPARE(ws.tabs[1].remote, std::string("127.0.0.1:40101"));
        QCOMPARE(ws.tabs[2].local, std::string("127.0.0.1:40102"));
        QCOMPARE(ws.tabs[2].destination, std::string("127.0.0.1:40103"));
        QCOMPARE(ws.tabs[3].local, std::string("127.0.0.1:40103"));
        QCOMPARE(ws.tabs[3].destination, std::string("127.0.0.1:40102"));
        // The defaults stay what the README describes.
        QCOMPARE(demoWorkspace().tabs[0].local, std::string("127.0.0.1:47001"));
    }

    void demoAvoidsTakenDefaults() {
        const DemoPorts defaults;
        // Held here, or already held by someone else in a way that stops a bind like the
        // demo's (EADDRINUSE): either way the demo must move. Any other failure is a broken
        // setup, not a pass.
        Held tcp(spec("SOCK_STREAM", "IPPROTO_TCP"), defaults.tcp);
        QVERIFY2(tcp.bound || tcp.inUse, tcp.error.c_str());
        Held udp(spec("SOCK_DGRAM", "IPPROTO_UDP"), defaults.udpA);
        QVERIFY2(udp.bound || udp.inUse, udp.error.c_str());
        const DemoPorts ports = freeDemoPorts();
        QVERIFY(ports.tcp != defaults.tcp);
        QVERIFY(ports.udpA != defaults.udpA);
        QVERIFY(ports.udpA != ports.udpB);
        QVERIFY(ports.tcp != 0 && ports.udpA != 0 && ports.udpB != 0);
    }

    // After SockLab ran, its demo connection leaves a TIME_WAIT on the listener's port for a
    // minute. Linux lets a SO_REUSEADDR bind over a TIME_WAIT only when the socket that left it
    // had SO_REUSEADDR too. The demo's server sets it, so a TIME_WAIT the demo left is free for
    // the next demo and freeLoopbackPort keeps the documented port; one left by a program
    // without SO_REUSEADDR would make the demo's bind fail, so the port is replaced.
    void timeWaitPort_data() {
        QTest::addColumn<bool>("reuseAddr");
        QTest::newRow("left by a SO_REUSEADDR server, like the demo's: kept") << true;
        QTest::newRow("left by a plain server: replaced") << false;
    }
    void timeWaitPort() {
        QFETCH(bool, reuseAddr);
        if (!test::PythonPeer::available()) {
            QSKIP("python3 is needed to leave a TIME_WAIT behind");
        }
        // The side that closes first keeps TIME_WAIT: here the accepted socket on the
        // listener's port, as when the demo's server closes first.
        test::PythonPeer peer(R"(
            import socket, sys
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, int(sys.argv[1]))
            s.bind(("127.0.0.1", 0)); s.listen(1)
            port = s.getsockname()[1]
            c = socket.create_connection(("127.0.0.1", port))
            a, _ = s.accept()
            a.close(); s.close()
            c.settimeout(5); c.recv(1); c.close()
            print(port, flush=True)
        )",
                              {reuseAddr ? "1" : "0"});
        QVERIFY(peer.start());
        const QByteArray line = peer.readLine(10000);
        QCOMPARE(peer.finish(10000), 0);
        bool ok = false;
        const auto port = static_cast<std::uint16_t>(line.toUShort(&ok));
        QVERIFY2(ok && port != 0, line.constData());

        const SocketSpec tcp = spec("SOCK_STREAM", "IPPROTO_TCP");
        // The setup worked: a plain bind (no SO_REUSEADDR) is refused while TIME_WAIT lasts.
        {
            auto fd = sockops::openSocket(tcp);
            QVERIFY2(fd, fd ? "" : fd.error().message().c_str());
            const Status plain = sockops::bindTo(fd->get(), Endpoint::loopback4(port));
            QVERIFY2(!plain && plain.error().sysErrno() == EADDRINUSE,
                     "no TIME_WAIT on the port: the test's setup failed");
        }
        auto picked = freeLoopbackPort(tcp, port);
        QVERIFY2(picked, picked ? "" : picked.error().message().c_str());
        Held server(tcp, *picked); // the demo's server really can listen on what was picked
        QVERIFY2(server.bound, server.error.c_str());
        if (reuseAddr) {
            QCOMPARE(*picked, port);
        } else {
            QVERIFY(*picked != port);
            Held blocked(tcp, port);
            QVERIFY2(blocked.inUse, "a bind like the demo's worked on the replaced port");
        }
    }
};

QTEST_APPLESS_MAIN(TestDemoPorts)
#include "test_demo_ports.moc"
