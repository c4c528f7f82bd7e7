// setsockopt/getsockopt for every OptionId; the family picks the IPv4 or IPv6 level.
#include "core/base/translate.h"
#include "core/net/options.h"

#include <cerrno>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace socklab {

namespace {

struct Native {
    int level;
    int name;
    const char* symbol;
};

Native nativeFor(OptionId id, bool v6) {
    switch (id) {
    case OptionId::ReuseAddr:
        return {SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR"};
    case OptionId::ReusePort:
        return {SOL_SOCKET, SO_REUSEPORT, "SO_REUSEPORT"};
    case OptionId::Broadcast:
        return {SOL_SOCKET, SO_BROADCAST, "SO_BROADCAST"};
    case OptionId::KeepAlive:
        return {SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE"};
    case OptionId::RcvBuf:
        return {SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF"};
    case OptionId::SndBuf:
        return {SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF"};
    case OptionId::Linger:
        return {SOL_SOCKET, SO_LINGER, "SO_LINGER"};
    case OptionId::OobInline:
        return {SOL_SOCKET, SO_OOBINLINE, "SO_OOBINLINE"};
    case OptionId::TcpNoDelay:
        return {IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY"};
    case OptionId::TcpSynCount:
        return {IPPROTO_TCP, TCP_SYNCNT, "TCP_SYNCNT"};
    case OptionId::TcpUserTimeout:
        return {IPPROTO_TCP, TCP_USER_TIMEOUT, "TCP_USER_TIMEOUT"};
    case OptionId::TcpKeepIdle:
        return {IPPROTO_TCP, TCP_KEEPIDLE, "TCP_KEEPIDLE"};
    case OptionId::TcpKeepIntvl:
        return {IPPROTO_TCP, TCP_KEEPINTVL, "TCP_KEEPINTVL"};
    case OptionId::TcpKeepCnt:
        return {IPPROTO_TCP, TCP_KEEPCNT, "TCP_KEEPCNT"};
    case OptionId::V6Only:
        return {IPPROTO_IPV6, IPV6_V6ONLY, "IPV6_V6ONLY"};
    case OptionId::IpTtl:
        return v6 ? Native{IPPROTO_IPV6, IPV6_UNICAST_HOPS, "IPV6_UNICAST_HOPS"}
                  : Native{IPPROTO_IP, IP_TTL, "IP_TTL"};
    case OptionId::MulticastTtl:
        return v6 ? Native{IPPROTO_IPV6, IPV6_MULTICAST_HOPS, "IPV6_MULTICAST_HOPS"}
                  : Native{IPPROTO_IP, IP_MULTICAST_TTL, "IP_MULTICAST_TTL"};
    case OptionId::MulticastLoop:
        return v6 ? Native{IPPROTO_IPV6, IPV6_MULTICAST_LOOP, "IPV6_MULTICAST_LOOP"}
                  : Native{IPPROTO_IP, IP_MULTICAST_LOOP, "IP_MULTICAST_LOOP"};
    case OptionId::MulticastIf:
        return v6 ? Native{IPPROTO_IPV6, IPV6_MULTICAST_IF, "IPV6_MULTICAST_IF"}
                  : Native{IPPROTO_IP, IP_MULTICAST_IF, "IP_MULTICAST_IF"};
    }
    return {0, 0, nullptr};
}

// An error's object: "SO_RCVBUF=100 on fd 7".
std::string onFd(std::string_view what, int fd) {
    //: What a failed socket call was about: %1 an option ("SO_RCVBUF=100"), %2 the descriptor.
    return trArgs(SL_TR("socklab", "%1 on fd %2"), what, fd);
}

// family 0: ask the socket itself, so callers holding only an fd still get the right level.
Result<bool> isV6(int fd, int family) {
    if (family == 0) {
        socklen_t len = sizeof family;
        if (::getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &len) != 0) {
            const int err = errno; // before onFd: the translator may touch errno
            return fail(sysError(err, "getsockopt", onFd("SO_DOMAIN", fd)));
        }
    }
    return family == AF_INET6;
}

// IPv4 reports the multicast interface only by address, so map between index and address.
in_addr ipv4AddressOf(unsigned index) {
    in_addr found{};
    ifaddrs* list = nullptr;
    if (index == 0 || ::getifaddrs(&list) != 0) {
        return found;
    }
    for (const ifaddrs* it = list; it != nullptr; it = it->ifa_next) {
        if (it->ifa_addr != nullptr && it->ifa_addr->sa_family == AF_INET &&
            ::if_nametoindex(it->ifa_name) == index) {
            found = reinterpret_cast<const sockaddr_in*>(it->ifa_addr)->sin_addr;
            break;
        }
    }
    ::freeifaddrs(list);
    return found;
}

int indexOfIpv4Address(in_addr addr) {
    int index = 0;
    ifaddrs* list = nullptr;
    if (addr.s_addr == htonl(INADDR_ANY) || ::getifaddrs(&list) != 0) {
        return index;
    }
    for (const ifaddrs* it = list; it != nullptr; it = it->ifa_next) {
        if (it->ifa_addr != nullptr && it->ifa_addr->sa_family == AF_INET &&
            reinterpret_cast<const sockaddr_in*>(it->ifa_addr)->sin_addr.s_addr == addr.s_addr) {
            index = static_cast<int>(::if_nametoindex(it->ifa_name));
            break;
        }
    }
    ::freeifaddrs(list);
    return index;
}

} // namespace

Result<int> readOption(int fd, int family, OptionId id) {
    const auto v6 = isV6(fd, family);
    if (!v6) {
        return fail(v6.error());
    }
    const Native n = nativeFor(id, *v6);
    if (n.symbol == nullptr) {
        return fail(inputError("getsockopt",
                               onFd(trArgs(SL_TR("socklab", "option %1"), int(id)), fd),
                               SL_TR("socklab", "unknown option id")));
    }
    auto failed = [&] {
        const int err = errno; // before onFd: the translator may touch errno
        return fail(sysError(err, "getsockopt", onFd(n.symbol, fd)));
    };
    if (id == OptionId::Linger) {
        linger l{};
        socklen_t len = sizeof l;
        if (::getsockopt(fd, n.level, n.name, &l, &len) != 0) {
            return failed();
        }
        return l.l_onoff != 0 ? l.l_linger : -1;
    }
    if (id == OptionId::MulticastIf && !*v6) {
        in_addr addr{};
        socklen_t len = sizeof addr;
        if (::getsockopt(fd, n.level, n.name, &addr, &len) != 0) {
            return failed();
        }
        return indexOfIpv4Address(addr);
    }
    int value = 0;
    socklen_t len = sizeof value;
    if (::getsockopt(fd, n.level, n.name, &value, &len) != 0) {
        return failed();
    }
    return value;
}

Result<OptionReadback> applyOption(int fd, int family, const OptionSetting& setting) {
    const auto v6 = isV6(fd, family);
    if (!v6) {
        return fail(v6.error());
    }
    const OptionId id = setting.id;
    const int value = setting.value;
    const Native n = nativeFor(id, *v6);
    if (n.symbol == nullptr) {
        return fail(inputError("setsockopt",
                               onFd(trArgs(SL_TR("socklab", "option %1"), int(id)), fd),
                               SL_TR("socklab", "unknown option id")));
    }
    const std::string object = onFd(n.symbol + ("=" + std::to_string(value)), fd);
    // The kernel would not refuse these: it reads a negative size as a huge unsigned number
    // and silently clamps it, and SO_LINGER has no encoding for -2.
    if ((id == OptionId::RcvBuf || id == OptionId::SndBuf) && value < 0) {
        return fail(
            sysError(EINVAL, "setsockopt", object,
                     trArgs(SL_TR("socklab", "negative size rejected before the call (the "
                                             "kernel would clamp it to %1)"),
                            id == OptionId::RcvBuf ? "net.core.rmem_max" : "net.core.wmem_max")));
    }
    if (id == OptionId::Linger && value < -1) {
        return fail(
            sysError(EINVAL, "setsockopt", object,
                     SL_TR("socklab", "linger is seconds, 0 (abortive close) or -1 (off)")));
    }
    int rc = 0;
    if (id == OptionId::Linger) {
        const linger l{value >= 0 ? 1 : 0, value >= 0 ? value : 0};
        rc = ::setsockopt(fd, n.level, n.name, &l, sizeof l);
    } else if (id == OptionId::MulticastIf && !*v6) {
        ip_mreqn req{};
        req.imr_ifindex = value;
        req.imr_address = ipv4AddressOf(static_cast<unsigned>(value));
        rc = ::setsockopt(fd, n.level, n.name, &req, sizeof req);
    } else {
        rc = ::setsockopt(fd, n.level, n.name, &value, sizeof value);
    }
    if (rc != 0) {
        return fail(sysError(errno, "setsockopt", object));
    }
    const auto effective = readOption(fd, *v6 ? AF_INET6 : AF_INET, id);
    if (!effective) {
        return fail(effective.error());
    }
    return OptionReadback{id, value, *effective};
}

} // namespace socklab
