// Which options mean something on which kind of socket: the one place the UI and the engine ask.
#include "core/base/translate.h"
#include "core/net/options.h"

#include <netinet/in.h>
#include <sys/socket.h>

namespace socklab {

namespace {

struct Kind {
    bool inet;     // AF_INET or AF_INET6: has ports, IP headers, hop limits
    bool ipv4;     // AF_INET
    bool ipv6;     // AF_INET6
    bool tcp;      // inet stream whose protocol is TCP (or MPTCP, which speaks TCP's options)
    bool conn;     // inet connection-oriented: TCP, or SCTP stream/seqpacket
    bool datagram; // SOCK_DGRAM, SOCK_RAW, ...: one-to-many, so multicast and broadcast
};

Kind kindOf(const SocketSpec& spec) {
    Kind k{};
    k.ipv4 = spec.family == AF_INET;
    k.ipv6 = spec.family == AF_INET6;
    k.inet = k.ipv4 || k.ipv6;
    const bool stream = isStreamType(spec.type);
    k.tcp = k.inet && stream &&
            (spec.protocol == 0 || spec.protocol == IPPROTO_TCP || spec.protocol == IPPROTO_MPTCP);
    k.conn = k.inet && (stream || spec.type == SOCK_SEQPACKET);
    k.datagram = k.inet && isDatagramType(spec.type);
    return k;
}

} // namespace

std::string_view whyOptionDoesNotApply(OptionId id, const SocketSpec& spec) {
    const Kind k = kindOf(spec);
    switch (id) {
    case OptionId::ReuseAddr:
    case OptionId::ReusePort:
        return k.inet
                   ? ""
                   : SL_N("socklab", "Only IPv4 and IPv6 sockets bind ports that could be reused.");
    case OptionId::Broadcast:
        if (!k.ipv4) {
            return SL_N("socklab",
                        "Only IPv4 has broadcast addresses (IPv6 uses multicast instead).");
        }
        return k.datagram
                   ? ""
                   : SL_N("socklab", "Broadcast is for datagram sockets; a stream has one peer.");
    case OptionId::KeepAlive:
        return k.tcp ? "" : SL_N("socklab", "Keep-alive probes exist only on TCP connections.");
    case OptionId::RcvBuf:
    case OptionId::SndBuf:
        return "";
    case OptionId::Linger:
        return k.conn ? ""
                      : SL_N("socklab",
                             "Lingering on close matters only for TCP and SCTP connections.");
    case OptionId::OobInline:
        return k.tcp ? "" : SL_N("socklab", "Only TCP has urgent (out-of-band) data.");
    case OptionId::TcpNoDelay:
        return k.tcp ? "" : SL_N("socklab", "Nagle's algorithm exists only in TCP.");
    case OptionId::TcpSynCount:
        return k.tcp ? "" : SL_N("socklab", "Only TCP opens a connection with SYN segments.");
    case OptionId::TcpUserTimeout:
        return k.tcp ? "" : SL_N("socklab", "Only TCP retransmits unacknowledged data on a timer.");
    case OptionId::TcpKeepIdle:
    case OptionId::TcpKeepIntvl:
    case OptionId::TcpKeepCnt:
        return k.tcp ? "" : SL_N("socklab", "Keep-alive probes exist only on TCP connections.");
    case OptionId::IpTtl:
        return k.inet ? "" : SL_N("socklab", "Only IPv4 and IPv6 packets carry a hop limit.");
    case OptionId::V6Only:
        return k.ipv6 ? "" : SL_N("socklab", "Only IPv6 sockets can also accept IPv4 peers.");
    case OptionId::MulticastTtl:
    case OptionId::MulticastLoop:
    case OptionId::MulticastIf:
        if (!k.inet) {
            return SL_N("socklab", "Multicast is an IPv4 and IPv6 feature.");
        }
        return k.datagram
                   ? ""
                   : SL_N("socklab", "Multicast is for datagram sockets; a stream has one peer.");
    }
    return SL_N("socklab", "Unknown option.");
}

bool optionApplies(OptionId id, const SocketSpec& spec) {
    return whyOptionDoesNotApply(id, spec).empty();
}

} // namespace socklab
