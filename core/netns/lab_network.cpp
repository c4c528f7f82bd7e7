#include "core/netns/lab_network.h"

#include "core/base/error.h"
#include "core/base/translate.h"
#include "core/netns/lab_helper_protocol.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace socklab {

namespace {

using netns_detail::HelperReply;
using netns_detail::HelperRequest;
using netns_detail::SetupStep;

constexpr int kSetupTimeoutMs = 10'000;
constexpr int kRequestTimeoutMs = 3'000;

std::string hostName(std::uint32_t host) {
    return host == 1 ? "host A" : host == 2 ? "host B" : "the lab";
}

/// Whether AppArmor's restriction (Ubuntu 24.04's default) is on: the pre-check only warns,
/// since a profile may allow SockLab; a refused step then names it.
bool appArmorRestricts(const LabConfig& config) {
    std::ifstream in(config.procRoot + "/sys/kernel/apparmor_restrict_unprivileged_userns");
    int value = 0;
    return in >> value && value != 0 && ::geteuid() != 0;
}

Error setupErrorOf(const HelperReply& reply, const LabConfig& config);

/// The operation and remedy of a failed setup step.
Error setupError(const HelperReply& reply, const LabConfig& config) {
    Error e = setupErrorOf(reply, config);
    if ((reply.err == EPERM || reply.err == EACCES) && appArmorRestricts(config)) {
        //: %1: what the step's error said before (may be empty).
        e.detail = trArgs(SL_TR("socklab", "%1; AppArmor restricts unprivileged user namespaces "
                                           "here (kernel.apparmor_restrict_unprivileged_userns=1): "
                                           "allow SockLab with a profile granting 'userns,', or "
                                           "set the sysctl to 0 (as root)"),
                          e.detail);
    }
    return e;
}

/// The operation and remedy of a failed setup step, without the AppArmor hint.
Error setupErrorOf(const HelperReply& reply, const LabConfig& config) {
    const int err = reply.err;
    const std::string object = hostName(reply.host);
    switch (reply.step) {
    case SetupStep::UserNamespace:
        return sysError(err, "lab: create user namespace", object,
                        SL_TR("socklab", "unprivileged user namespaces are not allowed here "
                                         "(enable kernel.unprivileged_userns_clone, "
                                         "user.max_user_namespaces, or allow SockLab in "
                                         "AppArmor)"));
    case SetupStep::Setgroups:
    case SetupStep::UidMap:
    case SetupStep::GidMap:
        return sysError(err, "lab: map user and group ids", object,
                        SL_TR("socklab", "the user namespace refused the mapping of your own ids"));
    case SetupStep::NetNamespace:
    case SetupStep::NetNamespaceFd:
        return sysError(err, "lab: create network namespace", object);
    case SetupStep::TunOpen:
        return sysError(err, "lab: open " + config.tunDevice, object,
                        err == ENOENT || err == ENODEV
                            ? SL_TR("socklab", "load the TUN driver: modprobe tun (as root)")
                            : trArgs(SL_TR("socklab", "make it usable by users: chmod 0666 %1 (as "
                                                      "root), as most desktop distributions ship "
                                                      "it"),
                                     config.tunDevice));
    case SetupStep::TunSetIff:
        return sysError(
            err, "lab: create TUN device wire0", object,
            SL_TR("socklab", "the kernel refused a TUN device inside the lab's namespace"));
    case SetupStep::Reply:
        return sysError(err, "lab: pass descriptors", object);
    default:
        return sysError(err, "lab: configure wire0", object);
    }
}

/// Wait up to timeoutMs for one reply (and the descriptors attached to it).
Result<HelperReply> receiveReply(int control, int timeoutMs, int (&fds)[2], int& count) {
    pollfd p{control, POLLIN, 0};
    int ready;
    do {
        ready = ::poll(&p, 1, timeoutMs);
    } while (ready < 0 && errno == EINTR);
    if (ready == 0) {
        return fail(sysError(ETIMEDOUT, "lab: wait for helper", "socklab-lab"));
    }
    HelperReply reply;
    iovec iov{&reply, sizeof reply};
    alignas(cmsghdr) char space[CMSG_SPACE(2 * sizeof(int))];
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = space;
    msg.msg_controllen = sizeof space;
    ssize_t n;
    do {
        n = ::recvmsg(control, &msg, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    count = 0;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            const auto bytes = c->cmsg_len - CMSG_LEN(0);
            count = static_cast<int>(std::min<std::size_t>(bytes / sizeof(int), 2));
            std::memcpy(fds, CMSG_DATA(c), static_cast<std::size_t>(count) * sizeof(int));
        }
    }
    if (n < 0) {
        return fail(sysError(errno, "lab: read helper reply", "socklab-lab"));
    }
    if (n != static_cast<ssize_t>(sizeof reply)) {
        for (int i = 0; i < count; ++i) {
            ::close(fds[i]);
        }
        return fail(sysError(EPIPE, "lab: read helper reply", "socklab-lab",
                             SL_TR("socklab", "the helper process ended unexpectedly")));
    }
    return reply;
}

} // namespace

Result<std::unique_ptr<LabNetwork>> LabNetwork::create(const LabConfig& config) {
    const auto checks = checkLabSupport(config);
    if (const LabCheck* failed = firstFailure(checks)) {
        return fail(inputError("lab: check " + failed->name, failed->detail, failed->remedy));
    }
    if (config.mtu < 576 || config.mtu > 65535) {
        return fail(inputError("lab: MTU", std::to_string(config.mtu),
                               SL_TR("socklab", "must be 576..65535")));
    }
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) < 0) {
        return fail(sysError(errno, "lab: socketpair", "helper control"));
    }
    UniqueFd mine(pair[0]);
    UniqueFd theirs(pair[1]);
    // Everything the child needs is made now: after fork() it may only make system calls.
    // An unprivileged process may map only its own effective ids into its user namespace.
    const std::string uidMap = "0 " + std::to_string(::geteuid()) + " 1\n";
    const std::string gidMap = "0 " + std::to_string(::getegid()) + " 1\n";
    netns_detail::HelperSetup setup{theirs.get(),   config.tunDevice.c_str(),
                                    uidMap.c_str(), gidMap.c_str(),
                                    config.mtu,     static_cast<int>(::getpid())};
    const pid_t pid = ::fork();
    if (pid < 0) {
        return fail(sysError(errno, "lab: fork", "helper process"));
    }
    if (pid == 0) {
        netns_detail::runHelper(setup);
    }
    theirs.reset();
    std::unique_ptr<LabNetwork> net(new LabNetwork);
    net->m_pid = pid;
    net->m_control = std::move(mine);
    net->m_mtu = config.mtu;
    int fds[2] = {-1, -1};
    int count = 0;
    auto reply = receiveReply(net->m_control.get(), kSetupTimeoutMs, fds, count);
    if (!reply) {
        return fail(reply.error());
    }
    if (reply->err != 0) {
        for (int i = 0; i < count; ++i) {
            ::close(fds[i]);
        }
        return fail(setupError(*reply, config));
    }
    if (count != 2) {
        for (int i = 0; i < count; ++i) {
            ::close(fds[i]);
        }
        return fail(sysError(EPROTO, "lab: receive TUN descriptors", "socklab-lab"));
    }
    net->m_tunA.reset(fds[0]);
    net->m_tunB.reset(fds[1]);
    net->m_ipv6Err = reply->ipv6Err;
    return net;
}

LabNetwork::~LabNetwork() {
    stopHelper();
}

void LabNetwork::stopHelper() {
    m_control.reset(); // the helper's recv() returns 0 and it exits
    if (m_pid <= 0) {
        return;
    }
    // Reap it; it exits at once, so wait briefly and kill it only if it hangs.
    for (int i = 0; i < 200; ++i) {
        const pid_t r = ::waitpid(m_pid, nullptr, WNOHANG);
        if (r == m_pid || (r < 0 && errno == ECHILD)) {
            m_pid = -1;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
    m_pid = -1;
}

int LabNetwork::tun(LabHost host) const {
    return host == LabHost::A ? m_tunA.get() : host == LabHost::B ? m_tunB.get() : -1;
}

Result<UniqueFd> LabNetwork::socket(LabHost host, int family, int type, int protocol) {
    const std::string object = hostName(static_cast<std::uint32_t>(host));
    if (host != LabHost::A && host != LabHost::B) {
        return fail(sysError(EINVAL, "lab: socket", object, SL_TR("socklab", "no such lab host")));
    }
    if (!m_control) {
        return fail(sysError(ENOTCONN, "lab: socket", object,
                             SL_TR("socklab", "the lab network is closed")));
    }
    HelperRequest request;
    request.host = static_cast<std::uint32_t>(host);
    request.family = family;
    request.type = type;
    request.protocol = protocol;
    ssize_t n;
    do {
        n = ::send(m_control.get(), &request, sizeof request, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n != static_cast<ssize_t>(sizeof request)) {
        return fail(sysError(n < 0 ? errno : EPIPE, "lab: socket", object,
                             SL_TR("socklab", "the lab helper process is gone")));
    }
    int fds[2] = {-1, -1};
    int count = 0;
    auto reply = receiveReply(m_control.get(), kRequestTimeoutMs, fds, count);
    if (!reply) {
        // A late answer would be taken for the next request's: the helper is done with.
        stopHelper();
        return fail(reply.error());
    }
    if (reply->err == 0 && count != 1) {
        for (int i = 0; i < count; ++i) {
            ::close(fds[i]);
        }
        stopHelper();
        return fail(sysError(EPROTO, "lab: socket", object,
                             SL_TR("socklab", "the helper answered out of step")));
    }
    if (reply->err != 0 || count != 1) {
        for (int i = 0; i < count; ++i) {
            ::close(fds[i]);
        }
        return fail(sysError(reply->err != 0 ? reply->err : EPROTO, "socket", object));
    }
    return UniqueFd(fds[0]);
}

std::string LabNetwork::describe() const {
    std::string text = std::string(kLabAddressA4) + " <-> " + std::string(kLabAddressB4);
    if (ipv6()) {
        text += ", " + std::string(kLabAddressA6) + " <-> " + std::string(kLabAddressB6);
    }
    return text + ", MTU " + std::to_string(m_mtu);
}

} // namespace socklab
