#pragma once

#include "core/base/result.h"
#include "core/base/unique_fd.h"
#include "core/netns/lab_checks.h"
#include "core/vocab/lab.h"

#include <memory>
#include <string>
#include <sys/types.h>

namespace socklab {

/// The lab network: two network namespaces (hosts A and B) inside an unprivileged user
/// namespace, each with a point-to-point TUN device "wire0" (A 192.0.2.1 <-> B 192.0.2.2 and
/// 2001:db8::1/64 <-> 2001:db8::2/64, no multicast, no DAD), made by a helper process.
///
/// The helper is forked (the engine is multi-threaded and unshare(CLONE_NEWUSER) refuses
/// multi-threaded callers), makes the namespaces and devices with plain system calls, passes
/// the two TUN descriptors back over a SOCK_SEQPACKET socketpair with SCM_RIGHTS, and then
/// creates sockets inside either namespace on request. It dies with this object (its control
/// socket closes) or with SockLab (PR_SET_PDEATHSIG); the namespaces die with the last
/// descriptor into them. Nothing is configured in SockLab's own network namespace.
class LabNetwork {
public:
    /// Run the checks, then start the helper and build the network. Errors name the check or
    /// setup step that failed and what would enable it.
    static Result<std::unique_ptr<LabNetwork>> create(const LabConfig& config);
    ~LabNetwork();
    LabNetwork(const LabNetwork&) = delete;
    LabNetwork& operator=(const LabNetwork&) = delete;

    /// The non-blocking TUN descriptor of a host: reads give the IP packets the host sends,
    /// writes deliver IP packets to it.
    [[nodiscard]] int tun(LabHost host) const;
    /// socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol) inside a host's namespace.
    /// Called on the engine thread (a round trip to the helper, microseconds).
    Result<UniqueFd> socket(LabHost host, int family, int type, int protocol);
    /// Whether the hosts have their IPv6 addresses (the kernel may have IPv6 disabled).
    [[nodiscard]] bool ipv6() const { return m_ipv6Err == 0; }
    [[nodiscard]] int mtu() const { return m_mtu; }
    [[nodiscard]] pid_t helperPid() const { return m_pid; }
    /// "192.0.2.1 <-> 192.0.2.2, 2001:db8::1 <-> 2001:db8::2, MTU 1500"
    [[nodiscard]] std::string describe() const;

private:
    LabNetwork() = default;
    void stopHelper();

    pid_t m_pid = -1;
    UniqueFd m_control;
    UniqueFd m_tunA;
    UniqueFd m_tunB;
    int m_ipv6Err = 0;
    int m_mtu = 1500;
};

} // namespace socklab
