// The option catalog: names, CLI words and one-line explanations.
#include "core/net/options.h"

#include "core/base/translate.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace socklab {

namespace {

constexpr std::array kOptions = {
    OptionInfo{OptionId::ReuseAddr, "SO_REUSEADDR", "reuseaddr",
               SL_N("socklab",
                    "Allow bind() to a local address still in TIME_WAIT, so a restarted server can "
                    "listen on its port at once."),
               true, true},
    OptionInfo{OptionId::ReusePort, "SO_REUSEPORT", "reuseport",
               SL_N("socklab",
                    "Let several sockets of the same user bind the same address and port; the "
                    "kernel spreads incoming connections or datagrams between them."),
               true, true},
    OptionInfo{
        OptionId::Broadcast, "SO_BROADCAST", "broadcast",
        SL_N("socklab", "Permit sending datagrams to a broadcast address such as 255.255.255.255."),
        true, false},
    OptionInfo{OptionId::KeepAlive, "SO_KEEPALIVE", "keepalive",
               SL_N("socklab",
                    "Send periodic probes on an idle connection to detect a peer that vanished."),
               true, false},
    OptionInfo{OptionId::RcvBuf, "SO_RCVBUF", "rcvbuf",
               SL_N("socklab",
                    "Receive buffer size in bytes; the kernel doubles the request for bookkeeping "
                    "and caps it at net.core.rmem_max."),
               false, false},
    OptionInfo{OptionId::SndBuf, "SO_SNDBUF", "sndbuf",
               SL_N("socklab",
                    "Send buffer size in bytes; the kernel doubles the request for bookkeeping and "
                    "caps it at net.core.wmem_max."),
               false, false},
    OptionInfo{OptionId::Linger, "SO_LINGER", "linger",
               SL_N("socklab",
                    "What close() does with unsent data: -1 = return at once and send in the "
                    "background, 0 = discard and reset the connection, N = wait up to N seconds."),
               false, false},
    OptionInfo{OptionId::OobInline, "SO_OOBINLINE", "oobinline",
               SL_N("socklab", "Deliver TCP urgent (out-of-band) data in the normal data stream."),
               true, false},
    OptionInfo{OptionId::TcpNoDelay, "TCP_NODELAY", "nodelay",
               SL_N("socklab",
                    "Disable Nagle's algorithm: send small segments immediately instead of "
                    "collecting them while data is unacknowledged."),
               true, false},
    OptionInfo{OptionId::IpTtl, "IP_TTL", "ttl",
               SL_N("socklab",
                    "Hop limit of outgoing unicast packets (IP_TTL for IPv4, IPV6_UNICAST_HOPS for "
                    "IPv6); each router decrements it and drops the packet at 0."),
               false, false},
    OptionInfo{OptionId::V6Only, "IPV6_V6ONLY", "v6only",
               SL_N("socklab",
                    "Restrict an IPv6 socket to IPv6; when off it also accepts IPv4 peers as "
                    "::ffff:a.b.c.d mapped addresses."),
               true, true},
    OptionInfo{OptionId::MulticastTtl, "IP_MULTICAST_TTL", "mcast-ttl",
               SL_N("socklab",
                    "Hop limit of outgoing multicast datagrams (IPV6_MULTICAST_HOPS for IPv6); 1 "
                    "keeps them on the local network."),
               false, false},
    OptionInfo{OptionId::MulticastLoop, "IP_MULTICAST_LOOP", "mcast-loop",
               SL_N("socklab",
                    "Whether multicast datagrams you send are also delivered back to listeners on "
                    "this host."),
               true, false},
    OptionInfo{OptionId::MulticastIf, "IP_MULTICAST_IF", "mcast-if",
               SL_N("socklab",
                    "Interface (by index; 0 = routing table decides) used to send multicast "
                    "datagrams."),
               false, false},
    OptionInfo{OptionId::TcpSynCount, "TCP_SYNCNT", "syncnt",
               SL_N("socklab",
                    "How many times connect() retransmits an unanswered SYN before it fails with "
                    "ETIMEDOUT (0 = net.ipv4.tcp_syn_retries, 6 by default: about two minutes)."),
               false, true},
    OptionInfo{OptionId::TcpUserTimeout, "TCP_USER_TIMEOUT", "user-timeout",
               SL_N("socklab",
                    "Milliseconds sent data may stay unacknowledged before the connection is "
                    "dropped with ETIMEDOUT, so a peer that vanished is noticed (0 = the kernel's "
                    "retransmission limit, about 15 minutes)."),
               false, false},
    OptionInfo{OptionId::TcpKeepIdle, "TCP_KEEPIDLE", "keepidle",
               SL_N("socklab",
                    "Seconds a connection is idle before the first keep-alive probe (with "
                    "SO_KEEPALIVE; net.ipv4.tcp_keepalive_time, 7200 by default)."),
               false, false},
    OptionInfo{OptionId::TcpKeepIntvl, "TCP_KEEPINTVL", "keepintvl",
               SL_N("socklab",
                    "Seconds between unanswered keep-alive probes (net.ipv4.tcp_keepalive_intvl, "
                    "75 by default)."),
               false, false},
    OptionInfo{OptionId::TcpKeepCnt, "TCP_KEEPCNT", "keepcnt",
               SL_N("socklab", "Unanswered keep-alive probes before the connection is dropped with "
                               "ETIMEDOUT (net.ipv4.tcp_keepalive_probes, 9 by default)."),
               false, false},
};

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

std::span<const OptionInfo> optionCatalog() {
    return kOptions;
}

const OptionInfo* findOption(OptionId id) {
    const auto it = std::ranges::find(kOptions, id, &OptionInfo::id);
    return it == kOptions.end() ? nullptr : &*it;
}

const OptionInfo* findOptionByName(std::string_view name) {
    for (const auto& o : kOptions) {
        if (equalsIgnoreCase(o.name, name) || equalsIgnoreCase(o.cliName, name)) {
            return &o;
        }
    }
    // The IPv6 spellings name the same options.
    constexpr std::array<std::pair<std::string_view, OptionId>, 4> kAliases = {{
        {"IPV6_UNICAST_HOPS", OptionId::IpTtl},
        {"IPV6_MULTICAST_HOPS", OptionId::MulticastTtl},
        {"IPV6_MULTICAST_LOOP", OptionId::MulticastLoop},
        {"IPV6_MULTICAST_IF", OptionId::MulticastIf},
    }};
    for (const auto& [alias, id] : kAliases) {
        if (equalsIgnoreCase(alias, name)) {
            return findOption(id);
        }
    }
    return nullptr;
}

} // namespace socklab
