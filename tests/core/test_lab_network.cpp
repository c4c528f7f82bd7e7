// The lab network (core/netns): a forked helper builds two network namespaces with a TUN each
// inside a user namespace. Checked with real packets: a UDP datagram sent by a socket in host A
// comes out of A's TUN as an IPv4 packet, and written into B's TUN it reaches a socket in B.
// Also: the checks refuse clearly (simulated machines without TUN / user namespaces), the host
// namespace is never touched, the helper is gone after the network closes.
#include "core/netns/lab_network.h"

#include <QTemporaryDir>
#include <QTest>
#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <set>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

using namespace socklab;

namespace {

std::set<std::string> hostInterfaces() {
    std::set<std::string> names;
    if (struct if_nameindex* list = if_nameindex()) {
        for (auto* p = list; p->if_index != 0; ++p) {
            names.insert(p->if_name);
        }
        if_freenameindex(list);
    }
    return names;
}

sockaddr_in address4(const char* text, int port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    inet_pton(AF_INET, text, &a.sin_addr);
    return a;
}

/// Read packets from fd until one with the given IP protocol arrives (or 2 s pass).
std::vector<std::byte> readPacket(int fd, int protocol) {
    std::vector<std::byte> buf(70000);
    for (int i = 0; i < 50; ++i) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) {
            continue;
        }
        const ssize_t n = read(fd, buf.data(), buf.size());
        if (n >= 20 && (std::to_integer<int>(buf[0]) >> 4) == 4 &&
            std::to_integer<int>(buf[9]) == protocol) {
            buf.resize(static_cast<std::size_t>(n));
            return buf;
        }
    }
    return {};
}

bool processAlive(pid_t pid) {
    return kill(pid, 0) == 0 || errno != ESRCH;
}

} // namespace

class TestLabNetwork : public QObject {
    Q_OBJECT

private slots:
    void udpCrossesTheWire() {
        const auto before = hostInterfaces();
        auto net = LabNetwork::create(LabConfig{});
        QVERIFY2(net.has_value(), net ? "" : net.error().message().c_str());
        QVERIFY((*net)->tun(LabHost::A) >= 0);
        QVERIFY((*net)->tun(LabHost::B) >= 0);
        QCOMPARE((*net)->describe().substr(0, 22), std::string("192.0.2.1 <-> 192.0.2."));

        auto a = (*net)->socket(LabHost::A, AF_INET, SOCK_DGRAM, 0);
        auto b = (*net)->socket(LabHost::B, AF_INET, SOCK_DGRAM, 0);
        QVERIFY2(a && b, "lab sockets");
        const auto bAddr = address4("192.0.2.2", 9000);
        QCOMPARE(bind(b->get(), reinterpret_cast<const sockaddr*>(&bAddr), sizeof bAddr), 0);
        // The socket in A binds A's address: it lives in A's namespace, not in SockLab's,
        // where the address does not exist.
        const auto aAddr = address4("192.0.2.1", 9001);
        QCOMPARE(bind(a->get(), reinterpret_cast<const sockaddr*>(&aAddr), sizeof aAddr), 0);
        const int host = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        QCOMPARE(bind(host, reinterpret_cast<const sockaddr*>(&aAddr), sizeof aAddr), -1);
        QCOMPARE(errno, EADDRNOTAVAIL);
        close(host);

        const char text[] = "through the wire";
        QCOMPARE(sendto(a->get(), text, sizeof text, 0, reinterpret_cast<const sockaddr*>(&bAddr),
                        sizeof bAddr),
                 ssize_t(sizeof text));
        const auto packet = readPacket((*net)->tun(LabHost::A), IPPROTO_UDP);
        QVERIFY2(!packet.empty(), "no UDP packet out of A's TUN");
        // Source 192.0.2.1, destination 192.0.2.2.
        QCOMPARE(std::to_integer<int>(packet[12]), 192);
        QCOMPARE(std::to_integer<int>(packet[15]), 1);
        QCOMPARE(std::to_integer<int>(packet[19]), 2);
        QCOMPARE(write((*net)->tun(LabHost::B), packet.data(), packet.size()),
                 ssize_t(packet.size()));
        pollfd p{b->get(), POLLIN, 0};
        QCOMPARE(poll(&p, 1, 2000), 1);
        char got[64] = {};
        sockaddr_in from{};
        socklen_t fromLen = sizeof from;
        QCOMPARE(
            recvfrom(b->get(), got, sizeof got, 0, reinterpret_cast<sockaddr*>(&from), &fromLen),
            ssize_t(sizeof text));
        QCOMPARE(QByteArray(got), QByteArray(text));
        char fromText[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &from.sin_addr, fromText, sizeof fromText);
        QCOMPARE(QByteArray(fromText), QByteArray("192.0.2.1"));

        const pid_t helper = (*net)->helperPid();
        QVERIFY(processAlive(helper));
        net->reset();
        QVERIFY(!processAlive(helper));
        QCOMPARE(hostInterfaces(), before);
    }

    void ipv6HostsHaveTheirAddresses() {
        auto net = LabNetwork::create(LabConfig{});
        QVERIFY2(net.has_value(), net ? "" : net.error().message().c_str());
        if (!(*net)->ipv6()) {
            QSKIP("IPv6 is disabled in this kernel");
        }
        auto b = (*net)->socket(LabHost::B, AF_INET6, SOCK_STREAM, 0);
        QVERIFY(b.has_value());
        sockaddr_in6 a6{};
        a6.sin6_family = AF_INET6;
        inet_pton(AF_INET6, "2001:db8::2", &a6.sin6_addr);
        // No duplicate address detection: the address is usable at once.
        QCOMPARE(bind(b->get(), reinterpret_cast<const sockaddr*>(&a6), sizeof a6), 0);
    }

    void socketRequestsAreChecked() {
        auto net = LabNetwork::create(LabConfig{});
        QVERIFY(net.has_value());
        auto bad = (*net)->socket(LabHost::A, 12345, SOCK_DGRAM, 0);
        QVERIFY(!bad);
        QCOMPARE(bad.error().sysErrno(), EAFNOSUPPORT);
        QVERIFY(!(*net)->socket(LabHost::None, AF_INET, SOCK_DGRAM, 0));
    }

    void missingTunDeviceRefusesClearly() {
        LabConfig config;
        config.tunDevice = "/nonexistent/net/tun";
        const auto checks = checkLabSupport(config);
        const LabCheck* failed = firstFailure(checks);
        QVERIFY(failed != nullptr);
        QCOMPARE(failed->name, std::string("TUN device"));
        QVERIFY(failed->remedy.find("modprobe tun") != std::string::npos);
        auto net = LabNetwork::create(config);
        QVERIFY(!net);
        QCOMPARE(QString::fromStdString(net.error().message()),
                 QStringLiteral("lab: check TUN device /nonexistent/net/tun: No such file or "
                                "directory (ENOENT): load the TUN driver: modprobe tun (as root)"));
    }

    void disabledUserNamespacesRefuseClearly() {
        QTemporaryDir proc;
        std::filesystem::create_directories(proc.path().toStdString() + "/sys/user");
        std::ofstream(proc.path().toStdString() + "/sys/user/max_user_namespaces") << "0\n";
        LabConfig config;
        config.procRoot = proc.path().toStdString();
        auto net = LabNetwork::create(config);
        QVERIFY(!net);
        QCOMPARE(QString::fromStdString(net.error().message()),
                 QStringLiteral("lab: check user namespaces user.max_user_namespaces is 0: allow "
                                "user namespaces: sysctl -w user.max_user_namespaces=10000 (as "
                                "root)"));
        QVERIFY(!labFallbackText().empty());
    }

    void badMtuRefused() {
        LabConfig config;
        config.mtu = 100;
        auto net = LabNetwork::create(config);
        QVERIFY(!net);
        QVERIFY(net.error().message().find("576..65535") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestLabNetwork)
#include "test_lab_network.moc"
