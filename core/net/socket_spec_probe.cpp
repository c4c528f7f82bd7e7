// probe(): the kernel's own answer to socket(family, type, protocol), put into words.
#include "core/base/error.h"
#include "core/base/translate.h"
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
    //: An unknown address family, by number.
    return e ? std::string(e->name) : trArgs(SL_TR("socklab", "family %1"), v);
}
std::string typeName(int v) {
    const auto* e = findType(v);
    return e ? std::string(e->name) : trArgs(SL_TR("socklab", "type %1"), v);
}
std::string protoName(int v) {
    if (v == 0) {
        return trArgs(SL_TR("socklab", "protocol %1"), 0);
    }
    const auto* e = findProtocol(v);
    return e ? std::string(e->name) : trArgs(SL_TR("socklab", "protocol %1"), v);
}
std::string protoLabel(int v) {
    const auto* e = findProtocol(v);
    // The label is marked in the catalog (SL_N); here it goes into a sentence, so translate it.
    return e ? translate("socklab", e->label) : trArgs(SL_TR("socklab", "protocol %1"), v);
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
        //: %1 and %2: the range's bounds (group ids).
        range = low > high ? trArgs(SL_TR("socklab", "%1 %2 (an empty range: no group may open "
                                                     "ping sockets)"),
                                    low, high)
                           : std::to_string(low) + " " + std::to_string(high);
    } else {
        range = trArgs(SL_TR("socklab", "unreadable (%1)"), kPingRangePath);
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
    if (groups.empty()) {
        //: %1: the range, "1 0 (an empty range...)"; %2: a group id.
        return trArgs(SL_TR("socklab", "net.ipv4.ping_group_range is %1; your effective gid is %2 "
                                       "(supplementary groups: none)"),
                      range, getegid());
    }
    //: %1: the range, "0 2147483647"; %2: a group id; %3: group ids, "4,24,27".
    return trArgs(SL_TR("socklab", "net.ipv4.ping_group_range is %1; your effective gid is %2 "
                                   "(supplementary groups: %3)"),
                  range, getegid(), groups);
}

std::string explainAcceptedIp(const SocketSpec& s) {
    const std::string v = ipVersion(s.family);
    const int p = s.protocol;
    switch (s.type) {
    case SOCK_STREAM:
        if (p == IPPROTO_MPTCP) {
            return trArgs(SL_TR("socklab", "A Multipath %1 TCP socket; it falls back to plain TCP "
                                           "when the peer does not speak MPTCP."),
                          v);
        }
        if (p == IPPROTO_SCTP) {
            return trArgs(
                SL_TR("socklab", "A one-to-one SCTP socket over %1 (byte-stream style API)."), v);
        }
        return p == 0 ? trArgs(SL_TR("socklab", "A TCP socket over %1 (protocol 0 picks TCP): "
                                                "connect to a listener or listen() and accept() "
                                                "connections."),
                               v)
                      : trArgs(SL_TR("socklab", "A TCP socket over %1: connect to a listener or "
                                                "listen() and accept() connections."),
                               v);
    case SOCK_DGRAM:
        if (isPing(s)) {
            return trArgs(SL_TR("socklab", "An unprivileged ICMP echo (\"ping\") socket over %1: "
                                           "the kernel fills in the echo identifier and checksum. "
                                           "Allowed because %2."),
                          v, pingGroupStatus());
        }
        if (p == IPPROTO_UDPLITE) {
            return trArgs(
                SL_TR("socklab", "A UDP-Lite socket over %1: like UDP, with a partial checksum."),
                v);
        }
        return p == 0 ? trArgs(SL_TR("socklab", "A UDP socket over %1 (protocol 0 picks UDP): "
                                                "each send is one datagram; nothing is "
                                                "retransmitted."),
                               v)
                      : trArgs(SL_TR("socklab", "A UDP socket over %1: each send is one datagram; "
                                                "nothing is retransmitted."),
                               v);
    case SOCK_RAW:
        if (p == IPPROTO_RAW) {
            return trArgs(SL_TR("socklab", "A send-only raw %1 socket: you write the whole IP "
                                           "header yourself; it never receives anything."),
                          v);
        }
        return s.family == AF_INET
                   ? trArgs(SL_TR("socklab", "A raw %1 socket for %2: receives a copy of every %2 "
                                             "packet for this host (IP header included), and "
                                             "sends with the kernel adding the IP header. Allowed "
                                             "because the process has CAP_NET_RAW."),
                            v, protoLabel(p))
                   : trArgs(SL_TR("socklab", "A raw %1 socket for %2: receives a copy of every %2 "
                                             "packet for this host (payload only), and sends with "
                                             "the kernel adding the IP header. Allowed because "
                                             "the process has CAP_NET_RAW."),
                            v, protoLabel(p));
    case SOCK_SEQPACKET:
        return trArgs(
            SL_TR("socklab", "A one-to-many SCTP socket over %1: messages keep their boundaries."),
            v);
    case SOCK_PACKET:
        return SL_TR("socklab", "An obsolete SOCK_PACKET socket: raw frames straight from the "
                                "driver. The kernel still accepts it (with CAP_NET_RAW) but new "
                                "code should use AF_PACKET with SOCK_RAW.");
    default:
        return trArgs(SL_TR("socklab", "The kernel created a %1 %2 socket."), v, typeName(s.type));
    }
}

std::string explainAcceptedUnix(const SocketSpec& s) {
    std::string out;
    switch (s.type) {
    case SOCK_STREAM:
        out = SL_TR("socklab",
                    "A Unix stream socket: a reliable byte stream between local processes.");
        break;
    case SOCK_DGRAM:
        out = SL_TR("socklab", "A Unix datagram socket: reliable and ordered on one machine, "
                               "with message boundaries.");
        break;
    case SOCK_SEQPACKET:
        out =
            SL_TR("socklab",
                  "A Unix seqpacket socket: connection-based, reliable, keeps message boundaries.");
        break;
    case SOCK_RAW:
        out = SL_TR("socklab",
                    "Linux accepts SOCK_RAW in AF_UNIX and silently treats it as SOCK_DGRAM.");
        break;
    default:
        out = trArgs(SL_TR("socklab", "The kernel created a Unix %1 socket."), typeName(s.type));
    }
    if (s.protocol == 1) {
        //: %1: the sentence before (what the socket is).
        out = trArgs(SL_TR("socklab", "%1 Protocol 1 means PF_UNIX here (the same number as "
                                      "IPPROTO_ICMP), which AF_UNIX accepts like 0."),
                     out);
    }
    return out;
}

std::string explainAcceptedPacket(const SocketSpec& s) {
    std::string out;
    switch (s.type) {
    case SOCK_RAW:
        out = SL_TR("socklab",
                    "A packet socket that sees whole link-layer frames, Ethernet header included.");
        break;
    case SOCK_DGRAM:
        out =
            SL_TR("socklab",
                  "A \"cooked\" packet socket: frames arrive with the link-layer header removed.");
        break;
    case SOCK_PACKET:
        out = SL_TR("socklab", "AF_PACKET with the obsolete SOCK_PACKET type (the old interface "
                               "kept for compatibility); prefer SOCK_RAW.");
        break;
    default:
        out =
            trArgs(SL_TR("socklab", "The kernel created a packet socket of %1."), typeName(s.type));
    }
    // AF_PACKET reads the protocol argument as an EtherType in network byte order.
    if (s.protocol == 0) {
        //: %1: the sentence before (what the packet socket is).
        out = trArgs(SL_TR("socklab", "%1 Protocol 0 receives nothing until bound to an EtherType; "
                                      "use htons(ETH_P_ALL) to see every frame."),
                     out);
    } else {
        const int etherType = ((s.protocol & 0xff) << 8) | ((s.protocol >> 8) & 0xff);
        //: %1: the sentence before; %2: the protocol number; %3: it as EtherType, "0x0800";
        //: %4: the protocol it would mean in IP, "IPPROTO_ICMP".
        out = trArgs(SL_TR("socklab", "%1 Here the protocol is an EtherType in network byte order, "
                                      "so %2 means EtherType %3, not %4."),
                     out, s.protocol, hex4(etherType), protoName(s.protocol));
    }
    //: %1: the sentences before.
    return trArgs(SL_TR("socklab", "%1 Allowed because the process has CAP_NET_RAW."), out);
}

void explainAccepted(const SocketSpec& s, ProbeVerdict& v) {
    v.summary = SL_TR("socklab", "Accepted by the kernel");
    if (isIp(s.family)) {
        v.explanation = explainAcceptedIp(s);
    } else if (s.family == AF_UNIX) {
        v.explanation = explainAcceptedUnix(s);
    } else if (s.family == AF_PACKET) {
        v.explanation = explainAcceptedPacket(s);
    } else {
        v.explanation = trArgs(SL_TR("socklab", "The kernel created a %1 %2 socket."),
                               famName(s.family), typeName(s.type));
    }
}

void explainNoFamily(const SocketSpec& s, ProbeVerdict& v) {
    if (s.family == AF_UNSPEC) {
        v.explanation = SL_TR("socklab", "AF_UNSPEC means \"any family\" in address lookups "
                                         "(getaddrinfo); it is not a family a socket can belong "
                                         "to.");
        v.remedy = SL_TR("socklab", "Pick a concrete family: AF_INET, AF_INET6 or AF_UNIX.");
        return;
    }
    if (s.family == AF_TIPC) {
        v.explanation = SL_TR("socklab", "This kernel has no AF_TIPC: the tipc module is not "
                                         "loaded (or TIPC was not compiled in).");
        v.remedy = SL_TR("socklab", "Load it as root with 'modprobe tipc' (needs a kernel built "
                                    "with CONFIG_TIPC).");
        return;
    }
    v.explanation = trArgs(SL_TR("socklab", "This kernel does not offer %1: the family is not "
                                            "compiled in or its module is not loaded."),
                           famName(s.family));
    v.remedy =
        trArgs(SL_TR("socklab", "Load the module for %1 (modprobe) or use a kernel built with it."),
               famName(s.family));
}

// Returns true when the explanation already says that SOCK_PACKET is obsolete.
bool explainNoType(const SocketSpec& s, ProbeVerdict& v) {
    const std::string t = typeName(s.type);
    if (s.type == SOCK_PACKET) {
        v.explanation = trArgs(SL_TR("socklab", "SOCK_PACKET is obsolete and only survives in "
                                                "AF_INET; %1 has no such type."),
                               famName(s.family));
        v.remedy = SL_TR("socklab",
                         "Use AF_PACKET with SOCK_RAW (or SOCK_DGRAM) to get link-layer frames.");
        return true;
    }
    if (isIp(s.family) && s.type == SOCK_SEQPACKET) {
        v.explanation = trArgs(SL_TR("socklab", "In %1 only SCTP provides SOCK_SEQPACKET, and the "
                                                "sctp module is not loaded, so the type has no "
                                                "protocol at all."),
                               ipVersion(s.family));
        v.remedy = SL_TR("socklab", "Load SCTP as root ('modprobe sctp'), or use AF_UNIX "
                                    "SOCK_SEQPACKET for local message streams.");
    } else if (isIp(s.family) && s.type == SOCK_RDM) {
        v.explanation = trArgs(SL_TR("socklab", "IP has no reliably-delivered-message type: "
                                                "SOCK_RDM is offered by TIPC (and RDS), not by "
                                                "%1."),
                               ipVersion(s.family));
        v.remedy = SL_TR("socklab",
                         "Use AF_TIPC SOCK_RDM (modprobe tipc), or SOCK_STREAM/SOCK_SEQPACKET.");
    } else if (isIp(s.family)) {
        v.explanation = trArgs(SL_TR("socklab", "%1 has no protocol registered for %2."),
                               ipVersion(s.family), t);
        v.remedy = SL_TR("socklab", "Use SOCK_STREAM (TCP) or SOCK_DGRAM (UDP).");
    } else if (s.family == AF_UNIX) {
        v.explanation = trArgs(SL_TR("socklab", "AF_UNIX offers SOCK_STREAM, SOCK_DGRAM and "
                                                "SOCK_SEQPACKET (SOCK_RAW is treated as "
                                                "SOCK_DGRAM); %1 is not one of them."),
                               t);
        v.remedy = SL_TR("socklab", "Choose SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET.");
    } else if (s.family == AF_PACKET) {
        v.explanation = trArgs(SL_TR("socklab", "AF_PACKET offers SOCK_RAW (frames with link-layer "
                                                "header) and SOCK_DGRAM (header removed); %1 makes "
                                                "no sense for frames."),
                               t);
        v.remedy = SL_TR("socklab", "Choose SOCK_RAW or SOCK_DGRAM.");
    } else {
        v.explanation = trArgs(SL_TR("socklab", "%1 does not support %2."), famName(s.family), t);
        v.remedy = SL_TR("socklab", "Choose a type this family supports.");
    }
    return false;
}

void explainNoProtocol(const SocketSpec& s, ProbeVerdict& v) {
    const int p = s.protocol;
    const std::string pn = protoName(p);
    if (s.family == AF_UNIX) {
        v.explanation = trArgs(SL_TR("socklab", "AF_UNIX has no protocols to choose from: it "
                                                "accepts only 0 (or 1, PF_UNIX), and %1 is an IP "
                                                "protocol."),
                               pn);
        v.remedy = SL_TR("socklab", "Use protocol 0.");
        return;
    }
    if (!isIp(s.family)) {
        v.explanation = trArgs(SL_TR("socklab", "%1 has no %2 for %3."), famName(s.family), pn,
                               typeName(s.type));
        v.remedy = SL_TR("socklab", "Use protocol 0 (the family's default).");
        return;
    }
    const std::string ver = ipVersion(s.family);
    if (s.type == SOCK_RAW && p == 0) {
        v.explanation = SL_TR("socklab", "A raw socket must name the IP protocol it carries; 0 "
                                         "(IPPROTO_IP) is not a protocol a raw socket can carry.");
        v.remedy = SL_TR("socklab", "Pick a protocol, e.g. IPPROTO_ICMP, or IPPROTO_RAW to write "
                                    "whole IP headers yourself.");
    } else if (p == IPPROTO_SCTP) {
        v.explanation = s.type == SOCK_DGRAM
                            ? SL_TR("socklab", "SCTP has no SOCK_DGRAM mode (it offers SOCK_STREAM "
                                               "and SOCK_SEQPACKET), and its module is not loaded "
                                               "here anyway.")
                            : SL_TR("socklab", "SCTP is not available: the sctp kernel module is "
                                               "not loaded (or SCTP was not compiled in).");
        v.remedy = SL_TR("socklab", "Load it as root ('modprobe sctp') and use SOCK_STREAM or "
                                    "SOCK_SEQPACKET.");
    } else if (s.type == SOCK_DGRAM && ((s.family == AF_INET && p == IPPROTO_ICMPV6) ||
                                        (s.family == AF_INET6 && p == IPPROTO_ICMP))) {
        v.explanation = trArgs(SL_TR("socklab", "%1 belongs to %2, so an %3 ping socket cannot "
                                                "use it."),
                               pn, p == IPPROTO_ICMP ? "IPv4" : "IPv6", ver);
        v.remedy = s.family == AF_INET ? SL_TR("socklab", "Use IPPROTO_ICMP with AF_INET.")
                                       : SL_TR("socklab", "Use IPPROTO_ICMPV6 with AF_INET6.");
    } else if (s.type == SOCK_STREAM) {
        v.explanation = trArgs(SL_TR("socklab", "In %1, SOCK_STREAM is provided by TCP and "
                                                "MPTCP (and SCTP when loaded); %2 is not a stream "
                                                "protocol."),
                               ver, pn);
        v.remedy = trArgs(SL_TR("socklab", "Use protocol 0 or IPPROTO_TCP, or SOCK_DGRAM for %1."),
                          protoLabel(p));
    } else if (s.type == SOCK_DGRAM) {
        v.explanation = trArgs(SL_TR("socklab", "In %1, SOCK_DGRAM is provided by UDP, UDP-Lite "
                                                "and ICMP ping sockets; %2 is not a datagram "
                                                "protocol."),
                               ver, pn);
        v.remedy = (p == IPPROTO_TCP || p == IPPROTO_MPTCP)
                       ? trArgs(SL_TR("socklab", "Use SOCK_STREAM for %1."), protoLabel(p))
                       : SL_TR("socklab", "Use protocol 0 or IPPROTO_UDP.");
    } else {
        v.explanation = trArgs(SL_TR("socklab", "%1 has no %2 for %3."), ver, pn, typeName(s.type));
        v.remedy = SL_TR("socklab", "Use protocol 0 (the default for the type).");
    }
}

// Returns true when the explanation already says that SOCK_PACKET is obsolete.
bool explainPermission(const SocketSpec& s, ProbeVerdict& v) {
    if (isPing(s)) {
        v.explanation = trArgs(SL_TR("socklab", "ICMP echo (\"ping\") datagram sockets are "
                                                "allowed only to groups in "
                                                "net.ipv4.ping_group_range (it covers IPv6 too): "
                                                "%1."),
                               pingGroupStatus());
        v.remedy = trArgs(SL_TR("socklab", "As root: sysctl -w net.ipv4.ping_group_range=\"%1 %1\" "
                                           "(or \"0 2147483647\" for everyone); or use a SOCK_RAW "
                                           "socket with CAP_NET_RAW."),
                          getegid());
        return false;
    }
    const std::string cap = "setcap cap_net_raw+ep <program>";
    if (s.type == SOCK_PACKET) {
        v.explanation = SL_TR("socklab", "SOCK_PACKET is obsolete and, like every link-layer "
                                         "socket, needs CAP_NET_RAW, which this process lacks.");
        v.remedy = trArgs(SL_TR("socklab", "Use AF_PACKET with SOCK_RAW instead; it also needs "
                                           "CAP_NET_RAW (run as root or %1)."),
                          cap);
        return true;
    }
    if (s.family == AF_PACKET) {
        v.explanation = SL_TR("socklab", "Packet sockets can sniff and forge every frame on an "
                                         "interface, so the kernel requires CAP_NET_RAW, which "
                                         "this process lacks.");
        v.remedy = trArgs(SL_TR("socklab", "Run as root, or grant the capability: %1."), cap);
    } else if (isIp(s.family) && s.type == SOCK_RAW) {
        v.explanation = trArgs(SL_TR("socklab", "Raw %1 sockets can forge and read any %2 "
                                                "traffic, so the kernel requires CAP_NET_RAW, "
                                                "which this process lacks."),
                               ipVersion(s.family), protoLabel(s.protocol));
        v.remedy = s.protocol == IPPROTO_ICMP || s.protocol == IPPROTO_ICMPV6
                       ? trArgs(SL_TR("socklab", "Run as root, or grant the capability: %1. For "
                                                 "ping alone, SOCK_DGRAM with %2 needs no "
                                                 "privilege when net.ipv4.ping_group_range "
                                                 "includes your group."),
                                cap, protoName(s.protocol))
                       : trArgs(SL_TR("socklab", "Run as root, or grant the capability: %1."), cap);
    } else {
        v.explanation = trArgs(SL_TR("socklab", "The kernel or a security module (SELinux, "
                                                "AppArmor, seccomp) denied creating a %1 socket."),
                               describe(s));
        v.remedy = SL_TR("socklab", "Check the security policy or run with more privilege.");
    }
    return false;
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
    bool saidObsolete = false;
    switch (err) {
    case EAFNOSUPPORT:
    case EPFNOSUPPORT:
        explainNoFamily(spec, v);
        break;
    case ESOCKTNOSUPPORT:
        saidObsolete = explainNoType(spec, v);
        break;
    case EPROTONOSUPPORT:
        explainNoProtocol(spec, v);
        break;
    case EPERM:
    case EACCES:
        saidObsolete = explainPermission(spec, v);
        break;
    case ENOPROTOOPT:
        if (spec.protocol == IPPROTO_MPTCP) {
            v.explanation =
                SL_TR("socklab", "MPTCP is compiled in but switched off (net.mptcp.enabled = 0).");
            v.remedy = SL_TR("socklab", "As root: sysctl -w net.mptcp.enabled=1.");
        } else {
            v.explanation =
                trArgs(SL_TR("socklab", "%1 is present but refused to set up the socket."),
                       protoName(spec.protocol));
            v.remedy = SL_TR("socklab", "Check the protocol's sysctls under /proc/sys/net.");
        }
        break;
    case EPROTOTYPE:
        v.explanation = trArgs(SL_TR("socklab", "%1 exists in %2 but is the wrong kind of "
                                                "protocol for %3."),
                               protoName(spec.protocol), famName(spec.family), typeName(spec.type));
        v.remedy =
            SL_TR("socklab", "Use protocol 0 to let the kernel choose the matching protocol.");
        break;
    case EINVAL:
        v.explanation = trArgs(SL_TR("socklab", "The kernel rejected the arguments: %1 is not a "
                                                "valid socket type value (or invalid flags were "
                                                "passed)."),
                               typeName(spec.type));
        v.remedy = SL_TR("socklab", "Choose one of the listed types.");
        break;
    case EMFILE:
    case ENFILE:
        v.explanation =
            SL_TR("socklab", "No file descriptor was free (per-process or system-wide limit).");
        v.remedy =
            SL_TR("socklab", "Close sockets you no longer need or raise the limit (ulimit -n).");
        break;
    case ENOBUFS:
    case ENOMEM:
        v.explanation = SL_TR("socklab", "The kernel ran out of memory for a new socket.");
        v.remedy = SL_TR("socklab", "Free memory or close sockets, then retry.");
        break;
    default:
        v.explanation = trArgs(SL_TR("socklab", "The kernel refused socket(%1): %2."),
                               describe(spec), v.summary);
        v.remedy = trArgs(SL_TR("socklab", "See socket(2) for %1."), v.errnoName);
        break;
    }
    // Whatever else failed, a student choosing SOCK_PACKET should learn it is a dead end.
    if (spec.type == SOCK_PACKET && !saidObsolete) {
        //: %1: the explanation so far.
        v.explanation = trArgs(
            SL_TR("socklab", "%1 Besides, SOCK_PACKET is obsolete: use AF_PACKET with SOCK_RAW."),
            v.explanation);
    }
    return v;
}

ProbeVerdict probe(const SocketSpec& spec) {
    const UniqueFd fd(::socket(spec.family, spec.type | SOCK_CLOEXEC, spec.protocol));
    const int err = fd ? 0 : errno;
    return explainOutcome(spec, err);
}

} // namespace socklab
