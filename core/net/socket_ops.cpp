#include "core/net/socket_ops.h"

#include "core/base/translate.h"

#include <arpa/inet.h>
#include <array>
#include <cerrno>
#include <cstring>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <vector>

namespace socklab::sockops {

namespace {

std::string str(std::string_view s) {
    return std::string(s);
}

bool wouldBlock(int err) {
    return err == EAGAIN || err == EWOULDBLOCK;
}

} // namespace

Result<UniqueFd> openSocket(const SocketSpec& spec) {
    UniqueFd fd(::socket(spec.family, spec.type | SOCK_NONBLOCK | SOCK_CLOEXEC, spec.protocol));
    if (!fd) {
        return fail(sysError(errno, "socket", describe(spec)));
    }
    return fd;
}

Status bindTo(int fd, const Endpoint& local) {
    if (::bind(fd, local.data(), static_cast<socklen_t>(local.size())) != 0) {
        return fail(sysError(errno, "bind", local.toString()));
    }
    return {};
}

Status autobindUnix(int fd, std::string_view object) {
    // Linux: binding with only the family gives the socket a unique abstract name.
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof(sa_family_t)) != 0) {
        return fail(sysError(errno, "bind (autobind)", str(object)));
    }
    return {};
}

Status listenOn(int fd, int backlog, std::string_view object) {
    if (::listen(fd, backlog) != 0) {
        return fail(sysError(errno, "listen", str(object)));
    }
    return {};
}

Result<std::optional<Accepted>> acceptOne(int listenFd, std::string_view object) {
    for (;;) {
        Endpoint peer;
        socklen_t len = static_cast<socklen_t>(Endpoint::capacity());
        const int fd = ::accept4(listenFd, peer.data(), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            peer.setSize(len);
            return std::optional<Accepted>(Accepted{UniqueFd(fd), peer});
        }
        const int err = errno;
        if (err == EINTR) {
            continue;
        }
        if (wouldBlock(err)) {
            return std::optional<Accepted>();
        }
        // A connection that died in the backlog is not the listener's failure: skip it.
        if (err == ECONNABORTED || err == EPROTO) {
            continue;
        }
        return fail(sysError(err, "accept", str(object)));
    }
}

Result<bool> connectStart(int fd, const Endpoint& remote) {
    if (::connect(fd, remote.data(), static_cast<socklen_t>(remote.size())) == 0) {
        return true;
    }
    const int err = errno;
    if (err == EINPROGRESS || err == EINTR) {
        return false;
    }
    // AF_UNIX stream connect to a full backlog reports EAGAIN; it is a failure, not progress.
    return fail(sysError(err, "connect", remote.toString()));
}

Status disconnect(int fd, std::string_view object) {
    sockaddr sa{};
    sa.sa_family = AF_UNSPEC;
    if (::connect(fd, &sa, sizeof sa) != 0) {
        const int err = errno; // before translating: the translator may touch errno
        return fail(sysError(err, SL_TR("socklab", "disconnect"), str(object)));
    }
    return {};
}

int takePendingError(int fd) {
    int err = 0;
    socklen_t len = sizeof err;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) {
        return errno;
    }
    return err;
}

Result<Io> sendSome(int fd, std::span<const std::byte> bytes, bool oob, std::string_view object) {
    const int flags = MSG_NOSIGNAL | (oob ? MSG_OOB : 0);
    for (;;) {
        const ssize_t n = ::send(fd, bytes.data(), bytes.size(), flags);
        if (n >= 0) {
            return Io{static_cast<std::size_t>(n), false, false};
        }
        const int err = errno;
        if (err == EINTR) {
            continue;
        }
        if (wouldBlock(err)) {
            return Io{0, true, false};
        }
        return fail(sysError(err, oob ? "send(MSG_OOB)" : "send", str(object)));
    }
}

Result<Io> recvSome(int fd, std::span<std::byte> buffer, bool oob, std::string_view object) {
    const int flags = oob ? MSG_OOB : 0;
    for (;;) {
        const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), flags);
        if (n > 0) {
            return Io{static_cast<std::size_t>(n), false, false};
        }
        if (n == 0) {
            return Io{0, false, !buffer.empty()};
        }
        const int err = errno;
        if (err == EINTR) {
            continue;
        }
        if (wouldBlock(err)) {
            return Io{0, true, false};
        }
        return fail(sysError(err, oob ? "recv(MSG_OOB)" : "recv", str(object)));
    }
}

Result<Io> recvScatter(int fd, std::span<std::byte> first, std::span<std::byte> second,
                       std::string_view object) {
    std::array<iovec, 2> iov{iovec{first.data(), first.size()},
                             iovec{second.data(), second.size()}};
    msghdr msg{};
    msg.msg_iov = iov.data();
    msg.msg_iovlen = second.empty() ? 1 : 2;
    for (;;) {
        const ssize_t n = ::recvmsg(fd, &msg, 0);
        if (n > 0) {
            return Io{static_cast<std::size_t>(n), false, false};
        }
        if (n == 0) {
            return Io{0, false, !first.empty() || !second.empty()};
        }
        const int err = errno;
        if (err == EINTR) {
            continue;
        }
        if (wouldBlock(err)) {
            return Io{0, true, false};
        }
        return fail(sysError(err, "recv", str(object))); // as recvSome: users read "recv"
    }
}

Result<Io> sendTo(int fd, std::span<const std::byte> bytes, const Endpoint* dest,
                  std::string_view object) {
    const bool to = dest && !dest->empty();
    for (;;) {
        const ssize_t n = to ? ::sendto(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL, dest->data(),
                                        static_cast<socklen_t>(dest->size()))
                             : ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n >= 0) {
            return Io{static_cast<std::size_t>(n), false, false};
        }
        const int err = errno;
        if (err == EINTR) {
            continue;
        }
        if (wouldBlock(err)) {
            return Io{0, true, false};
        }
        return fail(sysError(err, to ? "sendto" : "send", to ? dest->toString() : str(object)));
    }
}

Result<std::size_t> recvBatch(int fd, std::span<std::byte> buffer, std::size_t slotBytes,
                              std::span<Datagram> out, std::string_view object) {
    const std::size_t slots = std::min(out.size(), slotBytes ? buffer.size() / slotBytes : 0);
    if (slots == 0) {
        return std::size_t{0};
    }
    std::vector<mmsghdr> msgs(slots);
    std::vector<iovec> iovs(slots);
    // Room for SO_RXQ_OVFL (and any other small cmsg); uint64_t elements keep cmsghdr aligned.
    std::vector<std::array<std::uint64_t, 8>> control(slots);
    for (std::size_t i = 0; i < slots; ++i) {
        iovs[i].iov_base = buffer.data() + i * slotBytes;
        iovs[i].iov_len = slotBytes;
        out[i] = Datagram{};
        msgs[i].msg_hdr.msg_name = out[i].peer.data();
        msgs[i].msg_hdr.msg_namelen = static_cast<socklen_t>(Endpoint::capacity());
        msgs[i].msg_hdr.msg_iov = &iovs[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        msgs[i].msg_hdr.msg_control = control[i].data();
        msgs[i].msg_hdr.msg_controllen = sizeof(control[i]);
    }
    for (;;) {
        // MSG_TRUNC makes msg_len the datagram's real length even when the slot was smaller.
        const int n = ::recvmmsg(fd, msgs.data(), static_cast<unsigned>(slots),
                                 MSG_DONTWAIT | MSG_TRUNC, nullptr);
        if (n >= 0) {
            for (int i = 0; i < n; ++i) {
                const auto& m = msgs[static_cast<std::size_t>(i)];
                auto& d = out[static_cast<std::size_t>(i)];
                d.wireLength = m.msg_len;
                d.truncated = (m.msg_hdr.msg_flags & MSG_TRUNC) != 0 || m.msg_len > slotBytes;
                d.length = std::min<std::size_t>(m.msg_len, slotBytes);
                d.peer.setSize(m.msg_hdr.msg_namelen);
                auto* hdr = const_cast<msghdr*>(&m.msg_hdr);
                for (cmsghdr* c = CMSG_FIRSTHDR(hdr); c != nullptr; c = CMSG_NXTHDR(hdr, c)) {
                    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL &&
                        c->cmsg_len >= CMSG_LEN(sizeof(std::uint32_t))) {
                        std::uint32_t drops = 0;
                        std::memcpy(&drops, CMSG_DATA(c), sizeof drops);
                        d.kernelDrops = drops;
                    }
                }
            }
            return static_cast<std::size_t>(n);
        }
        const int err = errno;
        if (err == EINTR) {
            continue;
        }
        if (wouldBlock(err)) {
            return std::size_t{0};
        }
        return fail(sysError(err, "recvmmsg", str(object)));
    }
}

Status enableDropCounter(int fd, std::string_view object) {
    const int on = 1;
    if (::setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on) != 0) {
        return fail(sysError(errno, "setsockopt SO_RXQ_OVFL=1", str(object)));
    }
    return {};
}

bool isBroadcastAddress(const Endpoint& address) {
    if (address.kind() != AddressKind::Inet4) {
        return false;
    }
    const auto v = ntohl(reinterpret_cast<const sockaddr_in*>(address.data())->sin_addr.s_addr);
    if (v == 0xFFFFFFFFu) {
        return true;
    }
    if ((v & 0xFFu) != 0xFFu) {
        return false; // no subnet of /24 or longer has this as its broadcast: skip getifaddrs
    }
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) {
        return false;
    }
    bool found = false;
    for (const ifaddrs* a = list; a != nullptr && !found; a = a->ifa_next) {
        if (a->ifa_addr == nullptr || a->ifa_netmask == nullptr ||
            a->ifa_addr->sa_family != AF_INET) {
            continue;
        }
        const auto ip = ntohl(reinterpret_cast<const sockaddr_in*>(a->ifa_addr)->sin_addr.s_addr);
        const auto mask =
            ntohl(reinterpret_cast<const sockaddr_in*>(a->ifa_netmask)->sin_addr.s_addr);
        // /31 and /32 have no broadcast address.
        found = mask < 0xFFFFFFFEu && (ip & mask) == (v & mask) && (v | mask) == 0xFFFFFFFFu;
    }
    ::freeifaddrs(list);
    return found;
}

Status shutdownWrite(int fd, std::string_view object) {
    if (::shutdown(fd, SHUT_WR) != 0) {
        return fail(sysError(errno, "shutdown(SHUT_WR)", str(object)));
    }
    return {};
}

Status setAbortiveLinger(int fd, std::string_view object) {
    linger lg{};
    lg.l_onoff = 1;
    lg.l_linger = 0;
    if (::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) != 0) {
        return fail(sysError(errno, "setsockopt SO_LINGER={1,0}", str(object)));
    }
    return {};
}

Endpoint localAddress(int fd) {
    Endpoint ep;
    socklen_t len = static_cast<socklen_t>(Endpoint::capacity());
    if (::getsockname(fd, ep.data(), &len) != 0) {
        return {};
    }
    ep.setSize(len);
    return ep;
}

Endpoint peerAddress(int fd) {
    Endpoint ep;
    socklen_t len = static_cast<socklen_t>(Endpoint::capacity());
    if (::getpeername(fd, ep.data(), &len) != 0) {
        return {};
    }
    ep.setSize(len);
    return ep;
}

Result<int> bytesReadable(int fd, std::string_view object) {
    int n = 0;
    if (::ioctl(fd, FIONREAD, &n) != 0) {
        return fail(sysError(errno, "ioctl FIONREAD", str(object)));
    }
    return n;
}

bool atUrgentMark(int fd) {
    return ::sockatmark(fd) == 1;
}

int socketType(int fd) {
    int type = 0;
    socklen_t len = sizeof type;
    return ::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 ? type : 0;
}

bool oobInline(int fd) {
    int on = 0;
    socklen_t len = sizeof on;
    return ::getsockopt(fd, SOL_SOCKET, SO_OOBINLINE, &on, &len) == 0 && on != 0;
}

Status multicastMembership(int fd, const Endpoint& group, std::string_view iface, bool join) {
    const std::string op =
        join ? SL_TR("socklab", "join multicast") : SL_TR("socklab", "leave multicast");
    //: %1: a multicast group address; %2: a network interface ("eth0" or an address).
    const std::string object =
        iface.empty() ? group.host() : trArgs(SL_TR("socklab", "%1 on %2"), group.host(), iface);
    if (group.kind() == AddressKind::Inet4) {
        ip_mreqn req{};
        req.imr_multiaddr = reinterpret_cast<const sockaddr_in*>(group.data())->sin_addr;
        if (!iface.empty()) {
            in_addr addr{};
            if (::inet_pton(AF_INET, std::string(iface).c_str(), &addr) == 1) {
                req.imr_address = addr;
            } else {
                const unsigned index = ::if_nametoindex(std::string(iface).c_str());
                if (index == 0) {
                    const int err = errno;
                    return fail(sysError(err, op, object,
                                         trArgs(SL_TR("socklab", "no interface %1"), iface)));
                }
                req.imr_ifindex = static_cast<int>(index);
            }
        }
        const int opt = join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP;
        if (::setsockopt(fd, IPPROTO_IP, opt, &req, sizeof req) != 0) {
            return fail(sysError(errno, op, object));
        }
        return {};
    }
    if (group.kind() == AddressKind::Inet6) {
        ipv6_mreq req{};
        req.ipv6mr_multiaddr = reinterpret_cast<const sockaddr_in6*>(group.data())->sin6_addr;
        if (!iface.empty()) {
            const unsigned index = ::if_nametoindex(std::string(iface).c_str());
            if (index == 0) {
                const int err = errno;
                return fail(
                    sysError(err, op, object, trArgs(SL_TR("socklab", "no interface %1"), iface)));
            }
            req.ipv6mr_interface = index;
        }
        const int opt = join ? IPV6_JOIN_GROUP : IPV6_LEAVE_GROUP;
        if (::setsockopt(fd, IPPROTO_IPV6, opt, &req, sizeof req) != 0) {
            return fail(sysError(errno, op, object));
        }
        return {};
    }
    return fail(inputError(op, group.toString(), SL_TR("socklab", "not an IPv4 or IPv6 address")));
}

bool isUnixFamily(int family) {
    return family == AF_UNIX;
}
bool isInet6Family(int family) {
    return family == AF_INET6;
}
bool isSeqpacketType(int type) {
    return type == SOCK_SEQPACKET;
}
bool isRawType(int type) {
    return type == SOCK_RAW;
}
bool isPlainDatagramType(int type) {
    return type == SOCK_DGRAM;
}
bool isIcmpEcho(const SocketSpec& spec) {
    return (spec.family == AF_INET && spec.protocol == IPPROTO_ICMP) ||
           (spec.family == AF_INET6 && spec.protocol == IPPROTO_ICMPV6);
}
int rawType() {
    return SOCK_RAW;
}
int inet4Family() {
    return AF_INET;
}

} // namespace socklab::sockops
