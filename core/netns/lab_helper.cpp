// The lab helper process: a forked child of SockLab that makes the lab network and then creates
// sockets inside it on request. It was forked from a multi-threaded process, so it only makes
// system calls: no allocation, no stdio, no locks (see lab_helper_protocol.h).

#include "core/netns/lab_helper_protocol.h"

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

namespace socklab::netns_detail {

namespace {

/// struct in6_ifreq of <linux/ipv6.h> (that header clashes with glibc's netinet headers).
struct In6Ifreq {
    in6_addr addr;
    std::uint32_t prefixlen;
    int ifindex;
};

constexpr char kTunName[] = "wire0";

struct Failure {
    SetupStep step;
    int err;
};

std::size_t length(const char* s) {
    std::size_t n = 0;
    while (s[n] != '\0') {
        ++n;
    }
    return n;
}

bool writeFile(const char* path, const char* text) {
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    const std::size_t n = length(text);
    const bool ok = ::write(fd, text, n) == static_cast<ssize_t>(n);
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return ok;
}

void copyName(ifreq& ifr, const char* name) {
    std::memset(&ifr, 0, sizeof ifr);
    std::size_t i = 0;
    for (; name[i] != '\0' && i + 1 < IFNAMSIZ; ++i) {
        ifr.ifr_name[i] = name[i];
    }
}

bool setFlags(int sock, const char* name, short set, short clear) {
    ifreq ifr;
    copyName(ifr, name);
    if (::ioctl(sock, SIOCGIFFLAGS, &ifr) < 0) {
        return false;
    }
    ifr.ifr_flags = static_cast<short>((ifr.ifr_flags | set) & ~clear);
    return ::ioctl(sock, SIOCSIFFLAGS, &ifr) == 0;
}

bool setAddress4(int sock, const char* name, unsigned long request, const unsigned char (&a)[4]) {
    ifreq ifr;
    copyName(ifr, name);
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    std::memcpy(&sin.sin_addr, a, 4);
    std::memcpy(&ifr.ifr_addr, &sin, sizeof sin);
    return ::ioctl(sock, request, &ifr) == 0;
}

/// Configure the TUN of one host inside the current network namespace. host 1 = A, 2 = B.
/// The interface is point-to-point and has no multicast (so the kernel sends no IGMP/MLD or
/// router solicitations onto the wire: every packet on it comes from the experiment).
bool configure(std::uint32_t host, int mtu, Failure& failure, int& ipv6Err) {
    const unsigned char a4[4] = {192, 0, 2, 1};
    const unsigned char b4[4] = {192, 0, 2, 2};
    const int sock = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (sock < 0) {
        failure = {SetupStep::ControlSocket, errno};
        return false;
    }
    auto fail = [&](SetupStep step) {
        failure = {step, errno};
        ::close(sock);
        return false;
    };
    if (!setFlags(sock, "lo", IFF_UP, 0)) {
        return fail(SetupStep::LoopbackUp);
    }
    // No DAD (the address is usable at once), no link-local address, no solicitations.
    writeFile("/proc/sys/net/ipv6/conf/wire0/accept_dad", "0");
    writeFile("/proc/sys/net/ipv6/conf/wire0/addr_gen_mode", "1");
    writeFile("/proc/sys/net/ipv6/conf/wire0/router_solicitations", "0");
    ifreq ifr;
    copyName(ifr, kTunName);
    ifr.ifr_mtu = mtu;
    if (::ioctl(sock, SIOCSIFMTU, &ifr) < 0) {
        return fail(SetupStep::Mtu);
    }
    const auto& self = host == 1 ? a4 : b4;
    const auto& peer = host == 1 ? b4 : a4;
    if (!setAddress4(sock, kTunName, SIOCSIFADDR, self)) {
        return fail(SetupStep::Address4);
    }
    if (!setAddress4(sock, kTunName, SIOCSIFDSTADDR, peer)) {
        return fail(SetupStep::Peer4);
    }
    if (!setFlags(sock, kTunName, IFF_UP | IFF_RUNNING, IFF_MULTICAST)) {
        return fail(SetupStep::InterfaceUp);
    }
    copyName(ifr, kTunName);
    const bool haveIndex = ::ioctl(sock, SIOCGIFINDEX, &ifr) == 0;
    ::close(sock);

    ipv6Err = 0;
    const int sock6 = ::socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (sock6 < 0 || !haveIndex) {
        ipv6Err = errno != 0 ? errno : EAFNOSUPPORT;
        if (sock6 >= 0) {
            ::close(sock6);
        }
        return true;
    }
    In6Ifreq req{};
    // 2001:db8::1 / 2001:db8::2, prefix /64: the kernel adds the route to the other host.
    req.addr.s6_addr[0] = 0x20;
    req.addr.s6_addr[1] = 0x01;
    req.addr.s6_addr[2] = 0x0d;
    req.addr.s6_addr[3] = 0xb8;
    req.addr.s6_addr[15] = static_cast<unsigned char>(host);
    req.prefixlen = 64;
    req.ifindex = ifr.ifr_ifindex;
    if (::ioctl(sock6, SIOCSIFADDR, &req) < 0) {
        ipv6Err = errno;
    }
    ::close(sock6);
    return true;
}

bool sendReply(int control, const HelperReply& reply, const int* fds, int count) {
    iovec iov{const_cast<HelperReply*>(&reply), sizeof reply};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    alignas(cmsghdr) char space[CMSG_SPACE(2 * sizeof(int))];
    if (count > 0) {
        std::memset(space, 0, sizeof space);
        msg.msg_control = space;
        msg.msg_controllen = CMSG_SPACE(static_cast<std::size_t>(count) * sizeof(int));
        cmsghdr* c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(static_cast<std::size_t>(count) * sizeof(int));
        std::memcpy(CMSG_DATA(c), fds, static_cast<std::size_t>(count) * sizeof(int));
    }
    ssize_t n;
    do {
        n = ::sendmsg(control, &msg, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n == static_cast<ssize_t>(sizeof reply);
}

[[noreturn]] void failSetup(int control, Failure failure, std::uint32_t host) {
    HelperReply reply;
    reply.step = failure.step;
    reply.err = failure.err != 0 ? failure.err : EIO;
    reply.host = host;
    sendReply(control, reply, nullptr, 0);
    ::_exit(1);
}

/// A new network namespace for host with its TUN; returns the namespace descriptor.
int makeHost(const HelperSetup& setup, std::uint32_t host, int& tun, int& ipv6Err) {
    if (::unshare(CLONE_NEWNET) < 0) {
        failSetup(setup.control, {SetupStep::NetNamespace, errno}, host);
    }
    const int ns = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (ns < 0) {
        failSetup(setup.control, {SetupStep::NetNamespaceFd, errno}, host);
    }
    tun = ::open(setup.tunDevice, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (tun < 0) {
        failSetup(setup.control, {SetupStep::TunOpen, errno}, host);
    }
    ifreq ifr;
    copyName(ifr, kTunName);
    ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
    if (::ioctl(tun, TUNSETIFF, &ifr) < 0) {
        failSetup(setup.control, {SetupStep::TunSetIff, errno}, host);
    }
    Failure failure{};
    if (!configure(host, setup.mtu, failure, ipv6Err)) {
        failSetup(setup.control, failure, host);
    }
    return ns;
}

void serve(int control, const int (&ns)[2]) {
    for (;;) {
        HelperRequest request;
        const ssize_t n = ::recv(control, &request, sizeof request, 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n != static_cast<ssize_t>(sizeof request)) {
            return; // SockLab closed its end (or went away): the lab ends with the helper
        }
        HelperReply reply;
        int fd = -1;
        if (request.op != HelperOp::Socket || (request.host != 1 && request.host != 2)) {
            reply.err = EINVAL;
        } else if (::setns(ns[request.host - 1], CLONE_NEWNET) < 0) {
            reply.err = errno;
        } else {
            fd = ::socket(request.family, request.type | SOCK_NONBLOCK | SOCK_CLOEXEC,
                          request.protocol);
            reply.err = fd < 0 ? errno : 0;
        }
        sendReply(control, reply, fd >= 0 ? &fd : nullptr, fd >= 0 ? 1 : 0);
        if (fd >= 0) {
            ::close(fd);
        }
    }
}

} // namespace

void runHelper(const HelperSetup& setup) {
    // Die with SockLab, whichever way it ends; the namespaces die with their last descriptor.
    // PR_SET_PDEATHSIG fires when the thread that forked (the engine thread) ends, which it
    // does only as SockLab stops; the control socket's end-of-file ends the helper otherwise.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != setup.parent) {
        ::_exit(1); // SockLab ended before the signal was armed
    }
    ::prctl(PR_SET_NAME, "socklab-lab", 0, 0, 0);
    if (setup.control < 3) {
        ::_exit(1); // cannot happen (0-2 are taken); refuse rather than close stdio
    }
    // Keep only the control socket: a copy of SockLab's other descriptors here would keep
    // its listening ports and files open. close_range (Linux 5.9+), else one by one.
    const auto last = static_cast<unsigned>(setup.control);
    const bool ranged = (last == 3 || ::syscall(SYS_close_range, 3U, last - 1, 0U) == 0) &&
                        ::syscall(SYS_close_range, last + 1, ~0U, 0U) == 0;
    if (!ranged) {
        rlimit limit{};
        const long max = ::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY
                             ? static_cast<long>(limit.rlim_cur)
                             : 65536;
        for (long fd = 3; fd < max; ++fd) {
            if (fd != setup.control) {
                ::close(static_cast<int>(fd));
            }
        }
    }
    if (::unshare(CLONE_NEWUSER) < 0) {
        failSetup(setup.control, {SetupStep::UserNamespace, errno}, 0);
    }
    if (!writeFile("/proc/self/setgroups", "deny") && errno != ENOENT) {
        failSetup(setup.control, {SetupStep::Setgroups, errno}, 0);
    }
    if (!writeFile("/proc/self/uid_map", setup.uidMap)) {
        failSetup(setup.control, {SetupStep::UidMap, errno}, 0);
    }
    if (!writeFile("/proc/self/gid_map", setup.gidMap)) {
        failSetup(setup.control, {SetupStep::GidMap, errno}, 0);
    }
    int tun[2] = {-1, -1};
    int ns[2] = {-1, -1};
    int ipv6Err[2] = {0, 0};
    ns[0] = makeHost(setup, 1, tun[0], ipv6Err[0]);
    ns[1] = makeHost(setup, 2, tun[1], ipv6Err[1]);
    HelperReply ready;
    ready.ipv6Err = ipv6Err[0] != 0 ? ipv6Err[0] : ipv6Err[1];
    if (!sendReply(setup.control, ready, tun, 2)) {
        ::_exit(1);
    }
    ::close(tun[0]);
    ::close(tun[1]);
    serve(setup.control, ns);
    ::_exit(0);
}

} // namespace socklab::netns_detail
