// The demo workspace lays itself out on free loopback ports, so it works while another SockLab
// (or anything else) holds the default ports 47001-47003.
#include "core/net/free_port.h"
#include "core/net/socket_ops.h"
#include "core/workspace/workspace.h"

#include <QTest>

using namespace socklab;

namespace {

SocketSpec spec(const char* type, const char* protocol) {
    return {familyByName("AF_INET")->value, typeByName(type)->value,
            protocolByName(protocol)->value};
}

// A socket bound to 127.0.0.1:port, closed when it goes out of scope.
struct Held {
    int fd = -1;
    bool bound = false;
    Held(const SocketSpec& s, std::uint16_t port) {
        auto r = sockops::openSocket(s);
        if (r) {
            fd = *r;
            bound = sockops::bindTo(fd, Endpoint::loopback4(port)).has_value();
        }
    }
    ~Held() {
        if (fd >= 0) {
            sockops::closeFd(fd);
        }
    }
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;
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
            QVERIFY(held.bound);
            auto other = freeLoopbackPort(s, *first);
            QVERIFY2(other, other ? "" : other.error().message().c_str());
            QVERIFY(*other != 0);
            QVERIFY(*other != *first);
            Held proof(s, *other);
            QVERIFY(proof.bound);
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
        // Held here, or already taken by someone else: either way the demo must move.
        Held tcp(spec("SOCK_STREAM", "IPPROTO_TCP"), defaults.tcp);
        Held udp(spec("SOCK_DGRAM", "IPPROTO_UDP"), defaults.udpA);
        const DemoPorts ports = freeDemoPorts();
        QVERIFY(ports.tcp != defaults.tcp);
        QVERIFY(ports.udpA != defaults.udpA);
        QVERIFY(ports.udpA != ports.udpB);
        QVERIFY(ports.tcp != 0 && ports.udpA != 0 && ports.udpB != 0);
    }
};

QTEST_APPLESS_MAIN(TestDemoPorts)
#include "test_demo_ports.moc"
