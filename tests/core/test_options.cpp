// Socket options on real loopback sockets, each read back independently with getsockopt.
#include "core/base/error.h"
#include "core/net/options.h"

#include <QtTest/QtTest>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <set>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

using namespace socklab;

namespace {

// Closes on scope exit so a failed QVERIFY does not leak descriptors into later cases.
struct Fd {
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

int openSocket(int family, int type) {
    return ::socket(family, type | SOCK_CLOEXEC, 0);
}

int directInt(int fd, int level, int name) {
    int v = -12345;
    socklen_t len = sizeof v;
    if (::getsockopt(fd, level, name, &v, &len) != 0) {
        return -12345;
    }
    return v;
}

bool ipv6Available() {
    Fd s(openSocket(AF_INET6, SOCK_DGRAM));
    return s.fd >= 0;
}

std::string fdText(int fd) {
    return " on fd " + std::to_string(fd) + ": ";
}

} // namespace

class TestOptions : public QObject {
    Q_OBJECT

private slots:
    void catalogIsComplete();
    void parsesOptionText();
    void rcvBufShowsKernelDoubling();
    void tcpNoDelayRoundTrips();
    void v6OnlyChangesWhatBindAllows();
    void lingerSecondsAndOff();
    void ipTtlReachesThePacket();
    void ipv6UsesHopLimit();
    void everyOptionAppliesOnASuitableSocket();
    void errorsHaveTheDocumentedText();
    void tcpInfoOnEstablishedPair();
};

void TestOptions::catalogIsComplete() {
    const auto cat = optionCatalog();
    QCOMPARE(cat.size(), std::size_t(19));
    std::set<std::string_view> cli;
    for (const auto& o : cat) {
        QVERIFY(!o.name.empty() && !o.cliName.empty() && !o.explanation.empty());
        QVERIFY(cli.insert(o.cliName).second);
        QCOMPARE(findOption(o.id), &o);
        QCOMPARE(findOptionByName(o.name), &o);
        QCOMPARE(findOptionByName(o.cliName), &o);
    }
    QCOMPARE(findOptionByName("so_reuseaddr")->id, OptionId::ReuseAddr);
    QCOMPARE(findOptionByName("IPV6_UNICAST_HOPS")->id, OptionId::IpTtl);
    QVERIFY(findOptionByName("nosuch") == nullptr);
    QVERIFY(findOption(OptionId::ReuseAddr)->beforeBind &&
            findOption(OptionId::V6Only)->beforeBind);
    QVERIFY(findOption(OptionId::TcpNoDelay)->boolean && !findOption(OptionId::RcvBuf)->boolean);
}

// "name=value" as the CLI's -o takes it (the parser the fuzz target `option` covers).
void TestOptions::parsesOptionText() {
    const auto value = [](std::string_view text) -> std::optional<std::pair<OptionId, int>> {
        const auto r = parseOptionSetting(text);
        return r ? std::optional(std::pair(r->id, r->value)) : std::nullopt;
    };
    QVERIFY(value("reuseaddr") == std::pair(OptionId::ReuseAddr, 1));
    QVERIFY(value("SO_REUSEADDR=Off") == std::pair(OptionId::ReuseAddr, 0));
    QVERIFY(value("nodelay=yes") == std::pair(OptionId::TcpNoDelay, 1));
    QVERIFY(value("rcvbuf=65536") == std::pair(OptionId::RcvBuf, 65536));
    QVERIFY(value("linger=-1") == std::pair(OptionId::Linger, -1));
    QVERIFY(value("IPV6_UNICAST_HOPS=5") == std::pair(OptionId::IpTtl, 5));
    // A word is matched whole: a NUL after "on" is not "on".
    QVERIFY(!value(std::string_view("reuseaddr=on\0x", 14)));
    const auto message = [](std::string_view text) {
        const auto r = parseOptionSetting(text);
        return r ? std::string() : r.error().message();
    };
    QCOMPARE(
        message("nagle=1"),
        std::string("parse -o \"nagle=1\": unknown option \"nagle\" (see socklab-cli catalog)"));
    QCOMPARE(message("rcvbuf"), std::string("parse -o \"rcvbuf\": rcvbuf needs a value: rcvbuf=N"));
    QCOMPARE(message("rcvbuf=x"), std::string("parse -o rcvbuf \"x\": not an integer"));
    QCOMPARE(message("reuseaddr=2"), std::string("parse -o reuseaddr \"2\": out of range 0..1"));
    QCOMPARE(message("ttl=-2"), std::string("parse -o ttl \"-2\": out of range -1..2147483647"));
}

void TestOptions::rcvBufShowsKernelDoubling() {
    Fd s(openSocket(AF_INET, SOCK_STREAM));
    QVERIFY(s.fd >= 0);
    const auto r = applyOption(s.fd, AF_INET, {OptionId::RcvBuf, 8192});
    QVERIFY2(r.has_value(), r ? "" : r.error().message().c_str());
    QCOMPARE(r->requested, 8192);
    QCOMPARE(r->effective, 16384); // the kernel doubles it for bookkeeping overhead
    QCOMPARE(directInt(s.fd, SOL_SOCKET, SO_RCVBUF), 16384);
    const auto snd = applyOption(s.fd, AF_INET, {OptionId::SndBuf, 10000});
    QVERIFY(snd.has_value());
    QCOMPARE(snd->effective, 20000);
    QCOMPARE(*readOption(s.fd, AF_INET, OptionId::SndBuf), 20000);
}

void TestOptions::tcpNoDelayRoundTrips() {
    Fd s(openSocket(AF_INET, SOCK_STREAM));
    QCOMPARE(*readOption(s.fd, AF_INET, OptionId::TcpNoDelay), 0);
    const auto on = applyOption(s.fd, AF_INET, {OptionId::TcpNoDelay, 1});
    QVERIFY(on.has_value());
    QCOMPARE(on->effective, 1);
    QCOMPARE(directInt(s.fd, IPPROTO_TCP, TCP_NODELAY), 1);
    const auto off = applyOption(s.fd, 0, {OptionId::TcpNoDelay, 0}); // family from SO_DOMAIN
    QVERIFY(off.has_value());
    QCOMPARE(off->effective, 0);
    QCOMPARE(directInt(s.fd, IPPROTO_TCP, TCP_NODELAY), 0);
}

void TestOptions::v6OnlyChangesWhatBindAllows() {
    if (!ipv6Available()) {
        QSKIP("IPv6 is not available in this kernel");
    }
    for (const int v6only : {0, 1}) {
        Fd six(openSocket(AF_INET6, SOCK_DGRAM));
        const auto r = applyOption(six.fd, AF_INET6, {OptionId::V6Only, v6only});
        QVERIFY2(r.has_value(), r ? "" : r.error().message().c_str());
        QCOMPARE(r->effective, v6only);
        QCOMPARE(directInt(six.fd, IPPROTO_IPV6, IPV6_V6ONLY), v6only);
        sockaddr_in6 a6{};
        a6.sin6_family = AF_INET6;
        a6.sin6_addr = in6addr_any;
        QCOMPARE(::bind(six.fd, reinterpret_cast<sockaddr*>(&a6), sizeof a6), 0);
        socklen_t len = sizeof a6;
        QCOMPARE(::getsockname(six.fd, reinterpret_cast<sockaddr*>(&a6), &len), 0);
        // A dual-stack [::]:P also owns 0.0.0.0:P; a v6-only one leaves it free.
        Fd four(openSocket(AF_INET, SOCK_DGRAM));
        sockaddr_in a4{};
        a4.sin_family = AF_INET;
        a4.sin_port = a6.sin6_port;
        a4.sin_addr.s_addr = htonl(INADDR_ANY);
        const int rc = ::bind(four.fd, reinterpret_cast<sockaddr*>(&a4), sizeof a4);
        const int err = rc == 0 ? 0 : errno;
        QCOMPARE(err, v6only ? 0 : EADDRINUSE);
    }
}

void TestOptions::lingerSecondsAndOff() {
    Fd s(openSocket(AF_INET, SOCK_STREAM));
    QCOMPARE(*readOption(s.fd, AF_INET, OptionId::Linger), -1); // off by default
    for (const int seconds : {5, 0, -1}) {
        const auto r = applyOption(s.fd, AF_INET, {OptionId::Linger, seconds});
        QVERIFY2(r.has_value(), r ? "" : r.error().message().c_str());
        QCOMPARE(r->effective, seconds);
        linger l{};
        socklen_t len = sizeof l;
        QCOMPARE(::getsockopt(s.fd, SOL_SOCKET, SO_LINGER, &l, &len), 0);
        QCOMPARE(l.l_onoff != 0, seconds >= 0);
        if (seconds >= 0) {
            QCOMPARE(l.l_linger, seconds);
        }
    }
}

void TestOptions::ipTtlReachesThePacket() {
    Fd rx(openSocket(AF_INET, SOCK_DGRAM));
    Fd tx(openSocket(AF_INET, SOCK_DGRAM));
    const auto r = applyOption(tx.fd, AF_INET, {OptionId::IpTtl, 33});
    QVERIFY(r.has_value());
    QCOMPARE(r->effective, 33);
    QCOMPARE(directInt(tx.fd, IPPROTO_IP, IP_TTL), 33);
    // The receiver reports the TTL each datagram arrived with.
    const int one = 1;
    QCOMPARE(::setsockopt(rx.fd, IPPROTO_IP, IP_RECVTTL, &one, sizeof one), 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::bind(rx.fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    socklen_t alen = sizeof a;
    QCOMPARE(::getsockname(rx.fd, reinterpret_cast<sockaddr*>(&a), &alen), 0);
    QCOMPARE(::sendto(tx.fd, "x", 1, 0, reinterpret_cast<sockaddr*>(&a), sizeof a), 1);
    char data[8];
    alignas(cmsghdr) char control[64];
    iovec iov{data, sizeof data};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    timeval tv{2, 0}; // bounded wait
    QCOMPARE(::setsockopt(rx.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv), 0);
    QCOMPARE(::recvmsg(rx.fd, &msg, 0), ssize_t(1));
    int seenTtl = -1;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL) {
            std::memcpy(&seenTtl, CMSG_DATA(c), sizeof seenTtl);
        }
    }
    QCOMPARE(seenTtl, 33);
}

void TestOptions::ipv6UsesHopLimit() {
    if (!ipv6Available()) {
        QSKIP("IPv6 is not available in this kernel");
    }
    Fd s(openSocket(AF_INET6, SOCK_DGRAM));
    const auto hops = applyOption(s.fd, AF_INET6, {OptionId::IpTtl, 17});
    QVERIFY2(hops.has_value(), hops ? "" : hops.error().message().c_str());
    QCOMPARE(hops->effective, 17);
    QCOMPARE(directInt(s.fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS), 17);
    const auto mhops = applyOption(s.fd, AF_INET6, {OptionId::MulticastTtl, 4});
    QVERIFY(mhops.has_value());
    QCOMPARE(directInt(s.fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS), 4);
    const auto loop = applyOption(s.fd, AF_INET6, {OptionId::MulticastLoop, 0});
    QVERIFY(loop.has_value());
    QCOMPARE(directInt(s.fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP), 0);
    // An IPv6 socket would reject the IPv4 level: the error text names the IPv6 option.
    const auto bad = applyOption(s.fd, 0, {OptionId::IpTtl, 300});
    QVERIFY(!bad.has_value());
    QCOMPARE(bad.error().message(),
             "setsockopt IPV6_UNICAST_HOPS=300" + fdText(s.fd) + "Invalid argument (EINVAL)");
}

void TestOptions::everyOptionAppliesOnASuitableSocket() {
    const int lo = static_cast<int>(::if_nametoindex("lo"));
    QVERIFY(lo > 0);
    for (const auto& o : optionCatalog()) {
        const bool tcpOnly = o.id == OptionId::TcpNoDelay || o.id == OptionId::OobInline ||
                             o.id == OptionId::Linger || o.id == OptionId::TcpSynCount ||
                             o.id == OptionId::TcpUserTimeout || o.id == OptionId::TcpKeepIdle ||
                             o.id == OptionId::TcpKeepIntvl || o.id == OptionId::TcpKeepCnt;
        const bool v6Only = o.id == OptionId::V6Only;
        if (v6Only && !ipv6Available()) {
            continue;
        }
        const int family = v6Only ? AF_INET6 : AF_INET;
        Fd s(openSocket(family, tcpOnly ? SOCK_STREAM : SOCK_DGRAM));
        int value = 1;
        int expected = 1;
        switch (o.id) {
        case OptionId::RcvBuf:
        case OptionId::SndBuf:
            value = 6000;
            expected = 12000;
            break;
        case OptionId::Linger:
            value = expected = 3;
            break;
        case OptionId::IpTtl:
            value = expected = 99;
            break;
        case OptionId::MulticastTtl:
            value = expected = 7;
            break;
        case OptionId::TcpSynCount:
            value = expected = 3;
            break;
        case OptionId::MulticastIf:
            value = expected = lo; // IPv4 reports 127.0.0.1, mapped back to lo's index
            break;
        default:
            break;
        }
        const auto r = applyOption(s.fd, family, {o.id, value});
        QVERIFY2(r.has_value(), r ? "" : r.error().message().c_str());
        QCOMPARE(r->id, o.id);
        QCOMPARE(r->requested, value);
        QVERIFY2(r->effective == expected, std::string(o.name).c_str());
        QCOMPARE(*readOption(s.fd, family, o.id), expected);
    }
    if (ipv6Available()) {
        Fd s6(openSocket(AF_INET6, SOCK_DGRAM));
        const auto r = applyOption(s6.fd, AF_INET6, {OptionId::MulticastIf, lo});
        QVERIFY2(r.has_value(), r ? "" : r.error().message().c_str());
        QCOMPARE(r->effective, lo);
        QCOMPARE(directInt(s6.fd, IPPROTO_IPV6, IPV6_MULTICAST_IF), lo);
    }
}

void TestOptions::errorsHaveTheDocumentedText() {
    Fd udp(openSocket(AF_INET, SOCK_DGRAM));
    // Negative sizes are refused before the kernel, which would silently clamp them.
    const auto neg = applyOption(udp.fd, AF_INET, {OptionId::RcvBuf, -5});
    QVERIFY(!neg.has_value());
    QCOMPARE(neg.error().sysErrno(), EINVAL);
    QVERIFY2(neg.error().message().starts_with("setsockopt SO_RCVBUF=-5" + fdText(udp.fd) +
                                               "Invalid argument (EINVAL)"),
             neg.error().message().c_str());
    // The kernel's own EINVAL: a TTL must be 1..255 (or -1 for the default).
    const auto ttl = applyOption(udp.fd, AF_INET, {OptionId::IpTtl, 256});
    QVERIFY(!ttl.has_value());
    QCOMPARE(ttl.error().message(),
             "setsockopt IP_TTL=256" + fdText(udp.fd) + "Invalid argument (EINVAL)");
    // A TCP option on a UDP socket.
    const auto nodelay = applyOption(udp.fd, AF_INET, {OptionId::TcpNoDelay, 1});
    QVERIFY(!nodelay.has_value());
    QCOMPARE(nodelay.error().message(),
             "setsockopt TCP_NODELAY=1" + fdText(udp.fd) + "Protocol not available (ENOPROTOOPT)");
    const auto linger = applyOption(udp.fd, AF_INET, {OptionId::Linger, -2});
    QVERIFY(!linger.has_value());
    QVERIFY(linger.error().message().starts_with("setsockopt SO_LINGER=-2" + fdText(udp.fd)));
    // A closed descriptor.
    int closedFd = openSocket(AF_INET, SOCK_DGRAM);
    ::close(closedFd);
    const auto badf = readOption(closedFd, AF_INET, OptionId::ReuseAddr);
    QVERIFY(!badf.has_value());
    QCOMPARE(badf.error().message(),
             "getsockopt SO_REUSEADDR" + fdText(closedFd) + "Bad file descriptor (EBADF)");
    const auto info = readTcpInfo(udp.fd);
    QVERIFY(!info.has_value());
    // UDP refuses the TCP level (EOPNOTSUPP on current kernels); the text carries the errno.
    const int infoErr = info.error().sysErrno();
    QVERIFY(infoErr == EOPNOTSUPP || infoErr == ENOPROTOOPT);
    QCOMPARE(info.error().message(), "getsockopt TCP_INFO" + fdText(udp.fd) + errnoText(infoErr) +
                                         " (" + errnoName(infoErr) + ")");
}

void TestOptions::tcpInfoOnEstablishedPair() {
    Fd listener(openSocket(AF_INET, SOCK_STREAM));
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::bind(listener.fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    socklen_t alen = sizeof a;
    QCOMPARE(::getsockname(listener.fd, reinterpret_cast<sockaddr*>(&a), &alen), 0);
    QCOMPARE(::listen(listener.fd, 1), 0);
    Fd client(openSocket(AF_INET, SOCK_STREAM));
    QCOMPARE(::connect(client.fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    Fd server(::accept4(listener.fd, nullptr, nullptr, SOCK_CLOEXEC));
    QVERIFY(server.fd >= 0);
    const timeval tv{2, 0}; // every read below is bounded
    QCOMPARE(::setsockopt(client.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv), 0);
    QCOMPARE(::setsockopt(server.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv), 0);
    // Ping-pong so the client measures round trips on acknowledged data.
    char buf[512] = {};
    std::size_t sent = 0;
    for (int round = 0; round < 20; ++round) {
        QCOMPARE(::send(client.fd, buf, sizeof buf, 0), ssize_t(sizeof buf));
        sent += sizeof buf;
        std::size_t got = 0;
        while (got < sizeof buf) {
            const ssize_t n = ::recv(server.fd, buf, sizeof buf - got, 0);
            QVERIFY(n > 0);
            got += static_cast<std::size_t>(n);
        }
        QCOMPARE(::send(server.fd, buf, 1, 0), ssize_t(1));
        QCOMPARE(::recv(client.fd, buf, 1, 0), ssize_t(1));
    }
    const auto info = readTcpInfo(client.fd);
    QVERIFY2(info.has_value(), info ? "" : info.error().message().c_str());
    QCOMPARE(int(info->state), int(TCP_ESTABLISHED));
    QVERIFY(info->rttUs > 0);
    QVERIFY(info->sndMss > 0 && info->sndCwnd > 0);
    QCOMPARE(info->bytesAcked, std::uint64_t(sent) + 1); // RFC 4898 counts the SYN too
    QCOMPARE(info->bytesReceived, std::uint64_t(20));
    QCOMPARE(info->totalRetrans, 0u);
    // After the peer closes, the kernel reports the half-closed state.
    ::shutdown(server.fd, SHUT_WR);
    QCOMPARE(::recv(client.fd, buf, 1, 0), ssize_t(0));
    const auto after = readTcpInfo(client.fd);
    QVERIFY(after.has_value());
    QCOMPARE(int(after->state), int(TCP_CLOSE_WAIT));
}

QTEST_APPLESS_MAIN(TestOptions)
#include "test_options.moc"
