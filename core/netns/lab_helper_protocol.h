#pragma once

// The messages between SockLab and its lab helper process over a SOCK_SEQPACKET socketpair.
// Plain fixed-size structs: the helper is a forked child of a multi-threaded process and may
// only make system calls (no allocation, no locks), so nothing here needs parsing.

#include <cstdint>

namespace socklab::netns_detail {

/// The setup step the helper was at when it failed (HelperReply::step).
enum class SetupStep : std::int32_t {
    None = 0,
    UserNamespace,  ///< unshare(CLONE_NEWUSER)
    Setgroups,      ///< write /proc/self/setgroups
    UidMap,         ///< write /proc/self/uid_map
    GidMap,         ///< write /proc/self/gid_map
    NetNamespace,   ///< unshare(CLONE_NEWNET)
    NetNamespaceFd, ///< open /proc/self/ns/net
    TunOpen,        ///< open the TUN device
    TunSetIff,      ///< ioctl(TUNSETIFF)
    ControlSocket,  ///< socket() for the interface ioctls
    LoopbackUp,     ///< bring lo up
    Mtu,            ///< SIOCSIFMTU
    InterfaceUp,    ///< SIOCSIFFLAGS
    Address4,       ///< SIOCSIFADDR (IPv4)
    Peer4,          ///< SIOCSIFDSTADDR
    Address6,       ///< SIOCSIFADDR (IPv6); not fatal: the lab then runs IPv4 only
    Reply,          ///< sending the descriptors back
};

enum class HelperOp : std::uint32_t {
    Socket = 1, ///< socket(family, type, protocol) inside a host's namespace
};

struct HelperRequest {
    HelperOp op = HelperOp::Socket;
    std::uint32_t host = 0; ///< 1 = A, 2 = B
    std::int32_t family = 0;
    std::int32_t type = 0;
    std::int32_t protocol = 0;
};

/// The first reply (setup done: two TUN descriptors attached, A then B) and every later one
/// (a socket attached when err == 0).
struct HelperReply {
    SetupStep step = SetupStep::None; ///< setup: where it failed (err != 0)
    std::int32_t err = 0;             ///< errno, 0 = success
    std::uint32_t host = 0;           ///< setup: the host being configured when it failed
    std::int32_t ipv6Err = 0;         ///< setup: errno of the IPv6 address (0 = IPv6 works)
};

/// What the child needs, prepared by the parent before fork() (no allocation after it).
struct HelperSetup {
    int control = -1;      ///< the helper's end of the socketpair
    const char* tunDevice; ///< "/dev/net/tun"
    const char* uidMap;    ///< "0 1000 1\n"
    const char* gidMap;    ///< "0 1000 1\n"
    int mtu = 1500;
    int parent = 0; ///< SockLab's pid: the helper ends at once if it is already gone
};

/// The helper process body: never returns.
[[noreturn]] void runHelper(const HelperSetup& setup);

} // namespace socklab::netns_detail
