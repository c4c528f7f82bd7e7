// probe(): the kernel's own answer to socket(family, type, protocol), put into words.
#include "core/base/error.h"
#include "core/base/unique_fd.h"
#include "core/net/socket_spec.h"

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

namespace socklab {

namespace {

constexpr const char* kPingRangePath = "/proc/sys/net/ipv4/ping_group_range";

std::string famName(int v) {
    const auto* e = findFamily(v);
    return e ? std::string(e->name) : "family " + std::to_string(v);
}
std::string typeName(int v) {
    const auto* e = findType(v);
    return e ? std::string(e->name) : "type " + std::to_string(v);
}
std::string protoName(int v) {
    if (v == 0) {
        return "protocol 0";
    }
    const auto* e = findProtocol(v);
    return e ? std::string(e->name) : "protocol " + std::to_string(v);
}
std::string protoLabel(int v) {
    const auto* e = findProtocol(v);
    return e ? std::string(e->label) : "protocol " + std::to_string(v);
}

bool isIp(int family) {
    return family == AF_INET || family == AF_INET6;
}
std::string ipVersion(int family) {
    return family == AF_INET6 ? "IPv6" : "IPv4";
}
bool isPing(const SocketSpec& s) {
    return s.type == SOCK_DGRAM && ((s.family == AF_INET && s.protocol == IPPROTO_ICMP) ||
                                    (s.family == AF_INET6 && s.protocol == IPPROTO_ICMPV6));
}

std::string hex4(int v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%04x", static_cast<unsigned>(v) & 0xffffU);
    return buf;
}

// The kernel checks the effective gid and then the supplementary groups (ping_init_sock).
std::string pingGroupStatus() {
    std::ifstream in(kPingRangePath);
    long long low = 0;
    long long high = 0;
    std::string range;
    if (in >> low >> high) {
        range = std::to_string(low) + " " + std::to_string(high);
        if (low > high) {
            range += " (an empty range: no group may open ping sockets)";
        }
    } else {
        range = "unreadable (" + std::string(kPingRangePath) + ")";
    }
    std::string groups;
    const int n = getgroups(0, nullptr);
    if (n > 0) {
        std::vector<gid_t> list(static_cast<std::size_t>(n));
        const int got = getgroups(n, list.data());
        for (int i = 0; i < got; ++i) {
            groups +=
                (groups.empty() ? "" : ",") + std::to_string(list[static_cast<std::size_t>(i)]);
        }
    }
    return "net.ipv4.ping_group_range is " + range + "; your effective gid is " +
           std::to_string(getegid()) +
           " (supplementary groups: " + (groups.empty() ? "none" : groups) + ")";
}

std::string explainAcceptedIp(const SocketSpec& s) {
    const std::string v = ipVersion(s.family);
    const int p = s.protocol;
    switch (s.type) {
    case SOCK_STREAM:
        if (p == IPPROTO_MPTCP) {
            return "A Multipath " + v +
                   " TCP socket; it falls back to plain TCP when the peer "
                   "does not speak MPTCP.";
        }
        if (p == IPPROTO_SCTP) {
            return "A one-to-one SCTP socket over " + v + " (byte-stream style API).";
        }
        return "A TCP socket over " + v + (p == 0 ? " (protocol 0 picks TCP)" : "") +
               ": connect to a listener or listen() and accept() connections.";
    case SOCK_DGRAM:
        if (isPing(s)) {
            return "An unprivileged ICMP echo (\"ping\") socket over " + v +
                   ": the kernel fills in the echo identifier and checksum. Allowed because " +
                   pingGroupStatus() + ".";
        }
        if (p == IPPROTO_UDPLITE) {
            return "A UDP-Lite socket over " + v + ": like UDP, with a partial checksum.";
        }
        return "A UDP socket over " + v + (p == 0 ? " (protocol 0 picks UDP)" : "") +
               ": each send is one datagram; nothing is retransmitted.";
    case SOCK_RAW:
        if (p == IPPROTO_RAW) {
            return "A send-only raw " + v +
                   " socket: you write the whole IP header yourself; "
                   "it never receives anything.";
        }
        return "A raw " + v + " socket for " + protoLabel(p) + ": receives a copy of every " +
               protoLabel(p) + " packet for this host" +
               (s.family == AF_INET ? " (IP header included)" : " (payload only)") +
               ", and sends with the kernel adding the IP header. Allowed because the "
               "process has CAP_NET_RAW.";
    case SOCK_SEQPACKET:
        return "A one-to-many SCTP socket over " + v + ": messages keep their boundaries.";
    case SOCK_PACKET:
        return "An obsolete SOCK_PACKET socket: raw frames straight from the driver. The "
               "kernel still accepts it (with CAP_NET_RAW) but new code should use "
               "AF_PACKET with SOCK_RAW.";
    default:
        return "The kernel created a " + v + " " + typeName(s.type) + " socket.";
    }
}

std::string explainAcceptedUnix(const SocketSpec& s) {
    std::string out;
    switch (s.type) {
    case SOCK_STREAM:
        out = "A Unix stream socket: a reliable byte stream between local processes.";
        break;
    case SOCK_DGRAM:
        out = "A Unix datagram socket: reliable and ordered on one machine, with message "
              "boundaries.";
        break;
    case SOCK_SEQPACKET:
        out = "A Unix seqpacket socket: connection-based, reliable, keeps message boundaries.";
        break;
    case SOCK_RAW:
        out = "Linux accepts SOCK_RAW in AF_UNIX and silently treats it as SOCK_DGRAM.";
        break;
    default:
        out = "The kernel created a Unix " + typeName(s.type) + " socket.";
    }
    if (s.protocol == 1) {
        out += " Protocol 1 means PF_UNIX here (the same number as IPPROTO_ICMP), which "
               "AF_UNIX accepts like 0.";
    }
    return out;
}

std::string explainAcceptedPacket(const SocketSpec& s) {
    std::string out;
    switch (s.type) {
    case SOCK_RAW:
        out = "A packet socket that sees whole link-layer frames, Ethernet header included.";
        break;
    case SOCK_DGRAM:
        out = "A \"cooked\" packet socket: frames arrive with the link-layer header removed.";
        break;
    case SOCK_PACKET:
        out = "AF_PACKET with the obsolete SOCK_PACKET type (the old interface kept for "
              "compatibility); prefer SOCK_RAW.";
        break;
    default:
        out = "The kernel created a packet socket of " + typeName(s.type) + ".";
    }
    // AF_PACKET reads the protocol argument as an EtherType in network byte order.
    if (s.protocol == 0) {
        out += " Protocol 0 receives nothing until bound to an EtherType; use "
               "htons(ETH_P_ALL) to see every frame.";
    } else {
        const int etherType = ((s.protocol & 0xff) << 8) | ((s.protocol >> 8) & 0xff);
        out += " Here the protocol is an EtherType in network byte order, so " +
               std::to_string(s.protocol) + " means EtherType " + hex4(etherType) + ", not " +
               protoName(s.protocol) + ".";
    }
    return out + " Allowed because the process has CAP_NET_RAW.";
}

void explainAccepted(const SocketSpec& s, ProbeVerdict& v) {
    v.summary = "Accepted by the kernel";
    if (isIp(s.family)) {
        v.explanation = explainAcceptedIp(s);
    } else if (s.family == AF_UNIX) {
        v.explanation = explainAcceptedUnix(s);
    } else if (s.family == AF_PACKET) {
        v.explanation = explainAcceptedPacket(s);
    } else {
        v.explanation =
            "The kernel created a " + famName(s.family) + " " + typeName(s.type) + " socket.";
    }
}

void explainNoFamily(const SocketSpec& s, ProbeVerdict& v) {
    if (s.family == AF_UNSPEC) {
        v.explanation = "AF_UNSPEC means \"any family\" in address lookups (getaddrinfo); it is "
                        "not a family a socket can belong to.";
        v.remedy = "Pick a concrete family: AF_INET, AF_INET6 or AF_UNIX.";
        return;
    }
    if (s.family == AF_TIPC) {
        v.explanation = "This kernel has no AF_TIPC: the tipc module is not loaded (or TIPC "
                        "was not compiled in).";
        v.remedy = "Load it as root with 'modprobe tipc' (needs a kernel built with "
                   "CONFIG_TIPC).";
        return;
    }
    v.explanation = "This kernel does not offer " + famName(s.family) +
                    ": the family is not compiled in or its module is not loaded.";
    v.remedy = "Load the module for " + famName(s.family) +
               " (modprobe) or use a kernel built "
               "with it.";
}

void explainNoType(const SocketSpec& s, ProbeVerdict& v) {
    const std::string t = typeName(s.type);
    if (s.type == SOCK_PACKET) {
        v.explanation = "SOCK_PACKET is obsolete and only survives in AF_INET; " +
                        famName(s.family) + " has no such type.";
        v.remedy = "Use AF_PACKET with SOCK_RAW (or SOCK_DGRAM) to get link-layer frames.";
    } else if (isIp(s.family) && s.type == SOCK_SEQPACKET) {
        v.explanation = "In " + ipVersion(s.family) +
                        " only SCTP provides SOCK_SEQPACKET, and "
                        "the sctp module is not loaded, so the type has no protocol at all.";
        v.remedy = "Load SCTP as root ('modprobe sctp'), or use AF_UNIX SOCK_SEQPACKET for "
                   "local message streams.";
    } else if (isIp(s.family) && s.type == SOCK_RDM) {
        v.explanation = "IP has no reliably-delivered-message type: SOCK_RDM is offered by "
                        "TIPC (and RDS), not by " +
                        ipVersion(s.family) + ".";
        v.remedy = "Use AF_TIPC SOCK_RDM (modprobe tipc), or SOCK_STREAM/SOCK_SEQPACKET.";
    } else if (isIp(s.family)) {
        v.explanation = ipVersion(s.family) + " has no protocol registered for " + t + ".";
        v.remedy = "Use SOCK_STREAM (TCP) or SOCK_DGRAM (UDP).";
    } else if (s.family == AF_UNIX) {
        v.explanation = "AF_UNIX offers SOCK_STREAM, SOCK_DGRAM and SOCK_SEQPACKET (SOCK_RAW is "
                        "treated as SOCK_DGRAM); " +
                        t + " is not one of them.";
        v.remedy = "Choose SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET.";
    } else if (s.family == AF_PACKET) {
        v.explanation = "AF_PACKET offers SOCK_RAW (frames with link-layer header) and "
                        "SOCK_DGRAM (header removed); " +
                        t + " makes no sense for frames.";
        v.remedy = "Choose SOCK_RAW or SOCK_DGRAM.";
    } else {
        v.explanation = famName(s.family) + " does not support " + t + ".";
        v.remedy = "Choose a type this family supports.";
    }
}

void explainNoProtocol(const SocketSpec& s, ProbeVerdict& v) {
    const int p = s.protocol;
    const std::string pn = protoName(p);
    if (s.family == AF_UNIX) {
        v.explanation = "AF_UNIX has no protocols to choose from: it accepts only 0 (or 1, "
                        "PF_UNIX), and " +
                        pn + " is an IP protocol.";
        v.remedy = "Use protocol 0.";
        return;
    }
    if (!isIp(s.family)) {
        v.explanation = famName(s.family) + " has no " + pn + " for " + typeName(s.type) + ".";
        v.remedy = "Use protocol 0 (the family's default).";
        return;
    }
    const std::string ver = ipVersion(s.family);
    if (s.type == SOCK_RAW && p == 0) {
        v.explanation = "A raw socket must name the IP protocol it carries; 0 (IPPROTO_IP) is "
                        "not a protocol a raw socket can carry.";
        v.remedy = "Pick a protocol, e.g. IPPROTO_ICMP, or IPPROTO_RAW to write whole IP "
                   "headers yourself.";
    } else if (p == IPPROTO_SCTP) {
        v.explanation = s.type == SOCK_DGRAM
                            ? "SCTP has no SOCK_DGRAM mode (it offers SOCK_STREAM and "
                              "SOCK_SEQPACKET), and its module is not loaded here anyway."
                            : "SCTP is not available: the sctp kernel module is not loaded "
                              "(or SCTP was not compiled in).";
        v.remedy = "Load it as root ('modprobe sctp') and use SOCK_STREAM or SOCK_SEQPACKET.";
    } else if (s.type == SOCK_DGRAM && ((s.family == AF_INET && p == IPPROTO_ICMPV6) ||
                                        (s.family == AF_INET6 && p == IPPROTO_ICMP))) {
        v.explanation = pn + " belongs to " +
                        (p == IPPROTO_ICMP ? std::string("IPv4") : std::string("IPv6")) +
                        ", so an " + ver + " ping socket cannot use it.";
        v.remedy = s.family == AF_INET ? "Use IPPROTO_ICMP with AF_INET."
                                       : "Use IPPROTO_ICMPV6 with AF_INET6.";
    } else if (s.type == SOCK_STREAM) {
        v.explanation = "In " + ver +
                        ", SOCK_STREAM is provided by TCP and MPTCP (and SCTP "
                        "when loaded); " +
                        pn + " is not a stream protocol.";
        v.remedy = "Use protocol 0 or IPPROTO_TCP, or SOCK_DGRAM for " + protoLabel(p) + ".";
    } else if (s.type == SOCK_DGRAM) {
        v.explanation = "In " + ver +
                        ", SOCK_DGRAM is provided by UDP, UDP-Lite and ICMP "
                        "ping sockets; " +
                        pn + " is not a datagram protocol.";
        v.remedy = (p == IPPROTO_TCP || p == IPPROTO_MPTCP)
                       ? "Use SOCK_STREAM for " + protoLabel(p) + "."
                       : "Use protocol 0 or IPPROTO_UDP.";
    } else {
        v.explanation = ver + " has no " + pn + " for " + typeName(s.type) + ".";
        v.remedy = "Use protocol 0 (the default for the type).";
    }
}

void explainPermission(const SocketSpec& s, ProbeVerdict& v) {
    if (isPing(s)) {
        v.explanation = "ICMP echo (\"ping\") datagram sockets are allowed only to groups in "
                        "net.ipv4.ping_group_range (it covers IPv6 too): " +
                        pingGroupStatus() + ".";
        v.remedy = "As root: sysctl -w net.ipv4.ping_group_range=\"" + std::to_string(getegid()) +
                   " " + std::to_string(getegid()) +
                   "\" (or \"0 2147483647\" for everyone); or use a SOCK_RAW socket with "
                   "CAP_NET_RAW.";
        return;
    }
    const std::string cap = "setcap cap_net_raw+ep <program>";
    if (s.type == SOCK_PACKET) {
        v.explanation = "SOCK_PACKET is obsolete and, like every link-layer socket, needs "
                        "CAP_NET_RAW, which this process lacks.";
        v.remedy = "Use AF_PACKET with SOCK_RAW instead; it also needs CAP_NET_RAW (run as "
                   "root or " +
                   cap + ").";
    } else if (s.family == AF_PACKET) {
        v.explanation = "Packet sockets can sniff and forge every frame on an interface, so "
                        "the kernel requires CAP_NET_RAW, which this process lacks.";
        v.remedy = "Run as root, or grant the capability: " + cap + ".";
    } else if (isIp(s.family) && s.type == SOCK_RAW) {
        v.explanation = "Raw " + ipVersion(s.family) + " sockets can forge and read any " +
                        protoLabel(s.protocol) +
                        " traffic, so the kernel requires "
                        "CAP_NET_RAW, which this process lacks.";
        v.remedy = "Run as root, or grant the capability: " + cap + "." +
                   (s.protocol == IPPROTO_ICMP || s.protocol == IPPROTO_ICMPV6
                        ? " For ping alone, SOCK_DGRAM with " + protoName(s.protocol) +
                              " needs no privilege when net.ipv4.ping_group_range includes "
                              "your group."
                        : std::string());
    } else {
        v.explanation = "The kernel or a security module (SELinux, AppArmor, seccomp) denied "
                        "creating a " +
                        describe(s) + " socket.";
        v.remedy = "Check the security policy or run with more privilege.";
    }
}

} // namespace

ProbeVerdict explainOutcome(const SocketSpec& spec, int err) {
    ProbeVerdict v;
    v.ok = err == 0;
    v.err = err;
    if (v.ok) {
        explainAccepted(spec, v);
        return v;
    }
    v.errnoName = errnoName(err);
    v.summary = errnoText(err);
    switch (err) {
    case EAFNOSUPPORT:
    case EPFNOSUPPORT:
        explainNoFamily(spec, v);
        break;
    case ESOCKTNOSUPPORT:
        explainNoType(spec, v);
        break;
    case EPROTONOSUPPORT:
        explainNoProtocol(spec, v);
        break;
    case EPERM:
    case EACCES:
        explainPermission(spec, v);
        break;
    case ENOPROTOOPT:
        if (spec.protocol == IPPROTO_MPTCP) {
            v.explanation = "MPTCP is compiled in but switched off (net.mptcp.enabled = 0).";
            v.remedy = "As root: sysctl -w net.mptcp.enabled=1.";
        } else {
            v.explanation = protoName(spec.protocol) + " is present but refused to set up "
                                                       "the socket.";
            v.remedy = "Check the protocol's sysctls under /proc/sys/net.";
        }
        break;
    case EPROTOTYPE:
        v.explanation = protoName(spec.protocol) + " exists in " + famName(spec.family) +
                        " but is the wrong kind of protocol for " + typeName(spec.type) + ".";
        v.remedy = "Use protocol 0 to let the kernel choose the matching protocol.";
        break;
    case EINVAL:
        v.explanation = "The kernel rejected the arguments: " + typeName(spec.type) +
                        " is not a valid socket type value (or invalid flags were passed).";
        v.remedy = "Choose one of the listed types.";
        break;
    case EMFILE:
    case ENFILE:
        v.explanation = "No file descriptor was free (per-process or system-wide limit).";
        v.remedy = "Close sockets you no longer need or raise the limit (ulimit -n).";
        break;
    case ENOBUFS:
    case ENOMEM:
        v.explanation = "The kernel ran out of memory for a new socket.";
        v.remedy = "Free memory or close sockets, then retry.";
        break;
    default:
        v.explanation = "The kernel refused socket(" + describe(spec) + "): " + v.summary + ".";
        v.remedy = "See socket(2) for " + v.errnoName + ".";
        break;
    }
    // Whatever else failed, a student choosing SOCK_PACKET should learn it is a dead end.
    if (spec.type == SOCK_PACKET && v.explanation.find("obsolete") == std::string::npos) {
        v.explanation += " Besides, SOCK_PACKET is obsolete: use AF_PACKET with SOCK_RAW.";
    }
    return v;
}

ProbeVerdict probe(const SocketSpec& spec) {
    const UniqueFd fd(::socket(spec.family, spec.type | SOCK_CLOEXEC, spec.protocol));
    const int err = fd ? 0 : errno;
    return explainOutcome(spec, err);
}

} // namespace socklab
