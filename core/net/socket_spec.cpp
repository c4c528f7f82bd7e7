#include "core/net/socket_spec.h"

#include "core/base/translate.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <netinet/in.h>
#include <sys/socket.h>

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

namespace socklab {

namespace {

constexpr std::array kFamilies = {
    CatalogEntry{
        AF_INET, "AF_INET", SL_N("socklab", "IPv4"),
        SL_N("socklab",
             "Internet Protocol version 4: 32-bit addresses such as 127.0.0.1 plus a port.")},
    CatalogEntry{AF_INET6, "AF_INET6", SL_N("socklab", "IPv6"),
                 SL_N("socklab",
                      "Internet Protocol version 6: 128-bit addresses such as ::1 plus a port; can "
                      "also reach IPv4 peers through mapped addresses unless IPV6_V6ONLY is set.")},
    CatalogEntry{AF_UNIX, "AF_UNIX", SL_N("socklab", "Unix"),
                 SL_N("socklab",
                      "Local sockets between processes on the same machine, named by a file path "
                      "or an abstract name; no network involved.")},
    CatalogEntry{AF_PACKET, "AF_PACKET", SL_N("socklab", "Packet"),
                 SL_N("socklab",
                      "Link-layer access: send and receive whole frames on a network interface, "
                      "below IP (needs CAP_NET_RAW).")},
    CatalogEntry{AF_TIPC, "AF_TIPC", SL_N("socklab", "TIPC"),
                 SL_N("socklab",
                      "Transparent Inter-Process Communication, a cluster messaging protocol; "
                      "needs the tipc kernel module.")},
    CatalogEntry{AF_UNSPEC, "AF_UNSPEC", SL_N("socklab", "Unspecified"),
                 SL_N("socklab",
                      "\"Any family\": a wildcard for address lookups (getaddrinfo), not a family "
                      "you can create a socket in.")},
};

constexpr std::array kTypes = {
    CatalogEntry{SOCK_STREAM, "SOCK_STREAM", SL_N("socklab", "Stream"),
                 SL_N("socklab",
                      "Ordered, reliable, two-way, connection-based byte stream (no message "
                      "boundaries).")},
    CatalogEntry{SOCK_DGRAM, "SOCK_DGRAM", SL_N("socklab", "Datagram"),
                 SL_N("socklab",
                      "Connectionless, unreliable datagrams of bounded size; each send is one "
                      "message.")},
    CatalogEntry{SOCK_RAW, "SOCK_RAW", SL_N("socklab", "Raw"),
                 SL_N("socklab",
                      "Direct access to a lower protocol layer: you see (and may build) the "
                      "headers yourself; usually needs CAP_NET_RAW.")},
    CatalogEntry{SOCK_SEQPACKET, "SOCK_SEQPACKET", SL_N("socklab", "Seqpacket"),
                 SL_N("socklab",
                      "Ordered, reliable, connection-based like a stream, but keeps message "
                      "boundaries.")},
    CatalogEntry{SOCK_PACKET, "SOCK_PACKET", SL_N("socklab", "Packet (obsolete)"),
                 SL_N("socklab",
                      "Obsolete Linux way to get raw frames from the device driver; use AF_PACKET "
                      "instead.")},
    CatalogEntry{SOCK_RDM, "SOCK_RDM", SL_N("socklab", "RDM"),
                 SL_N("socklab",
                      "Reliably delivered messages without ordering guarantees (offered by TIPC "
                      "and RDS, not by IP).")},
};

constexpr std::array kProtocols = {
    CatalogEntry{0, "0 (default)", SL_N("socklab", "Default"),
                 SL_N("socklab",
                      "Let the kernel pick the family's usual protocol for the type (TCP for an "
                      "IP stream, UDP for an IP datagram).")},
    CatalogEntry{IPPROTO_TCP, "IPPROTO_TCP", SL_N("socklab", "TCP"),
                 SL_N("socklab",
                      "Transmission Control Protocol: reliable, ordered byte stream with "
                      "connection setup, retransmission and congestion control.")},
    CatalogEntry{IPPROTO_UDP, "IPPROTO_UDP", SL_N("socklab", "UDP"),
                 SL_N("socklab",
                      "User Datagram Protocol: small header, no connection, no retransmission; "
                      "messages may be lost, duplicated or reordered.")},
    CatalogEntry{IPPROTO_SCTP, "IPPROTO_SCTP", SL_N("socklab", "SCTP"),
                 SL_N("socklab",
                      "Stream Control Transmission Protocol: reliable messages over several "
                      "streams and addresses; needs the sctp kernel module.")},
    CatalogEntry{IPPROTO_UDPLITE, "IPPROTO_UDPLITE", SL_N("socklab", "UDP-Lite"),
                 SL_N("socklab",
                      "UDP variant whose checksum may cover only the first bytes, so damaged "
                      "payloads can still be delivered (audio, video).")},
    CatalogEntry{IPPROTO_MPTCP, "IPPROTO_MPTCP", SL_N("socklab", "MPTCP"),
                 SL_N("socklab", "Multipath TCP: one TCP-like connection spread over several paths "
                                 "(e.g. Wi-Fi and cellular) at once.")},
    CatalogEntry{IPPROTO_ICMP, "IPPROTO_ICMP", SL_N("socklab", "ICMP"),
                 SL_N("socklab",
                      "Internet Control Message Protocol for IPv4: echo (ping), unreachable and "
                      "other control messages.")},
    CatalogEntry{
        IPPROTO_ICMPV6, "IPPROTO_ICMPV6", SL_N("socklab", "ICMPv6"),
        SL_N("socklab", "ICMP for IPv6: ping, errors, and neighbour discovery (the IPv6 ARP).")},
    CatalogEntry{IPPROTO_RAW, "IPPROTO_RAW", SL_N("socklab", "Raw IP"),
                 SL_N("socklab",
                      "Send-only raw IP: you write the whole IP header yourself (IP_HDRINCL is "
                      "implied).")},
};

struct Alias {
    std::string_view word;
    int value;
};

constexpr std::array kFamilyAliases = {
    Alias{"inet", AF_INET},     Alias{"ipv4", AF_INET},      Alias{"ip4", AF_INET},
    Alias{"inet6", AF_INET6},   Alias{"ipv6", AF_INET6},     Alias{"ip6", AF_INET6},
    Alias{"unix", AF_UNIX},     Alias{"local", AF_UNIX},     Alias{"af_local", AF_UNIX},
    Alias{"packet", AF_PACKET}, Alias{"tipc", AF_TIPC},      Alias{"unspec", AF_UNSPEC},
    Alias{"pf_inet", AF_INET},  Alias{"pf_inet6", AF_INET6}, Alias{"pf_unix", AF_UNIX},
};

constexpr std::array kTypeAliases = {
    Alias{"stream", SOCK_STREAM}, Alias{"dgram", SOCK_DGRAM},         Alias{"datagram", SOCK_DGRAM},
    Alias{"raw", SOCK_RAW},       Alias{"seqpacket", SOCK_SEQPACKET}, Alias{"packet", SOCK_PACKET},
    Alias{"rdm", SOCK_RDM},
};

constexpr std::array kProtocolAliases = {
    Alias{"default", 0},
    Alias{"ip", 0},
    Alias{"ipproto_ip", 0},
    Alias{"tcp", IPPROTO_TCP},
    Alias{"udp", IPPROTO_UDP},
    Alias{"sctp", IPPROTO_SCTP},
    Alias{"udplite", IPPROTO_UDPLITE},
    Alias{"udp-lite", IPPROTO_UDPLITE},
    Alias{"mptcp", IPPROTO_MPTCP},
    Alias{"icmp", IPPROTO_ICMP},
    Alias{"icmpv6", IPPROTO_ICMPV6},
    Alias{"icmp6", IPPROTO_ICMPV6},
    Alias{"raw", IPPROTO_RAW},
};

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
        s.remove_suffix(1);
    }
    return s;
}

const CatalogEntry* findIn(std::span<const CatalogEntry> table, int value) {
    const auto it = std::ranges::find(table, value, &CatalogEntry::value);
    return it == table.end() ? nullptr : &*it;
}

// Accepts a plain number, the symbolic name ("AF_INET"), the label ("IPv4") or an alias word.
template <std::size_t N>
const CatalogEntry* lookup(std::span<const CatalogEntry> table, const std::array<Alias, N>& aliases,
                           std::string_view text) {
    text = trim(text);
    if (text.empty()) {
        return nullptr;
    }
    int number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec == std::errc() && end == text.data() + text.size()) {
        return findIn(table, number);
    }
    for (const auto& e : table) {
        if (equalsIgnoreCase(e.name, text) || equalsIgnoreCase(e.label, text)) {
            return &e;
        }
    }
    for (const auto& a : aliases) {
        if (equalsIgnoreCase(a.word, text)) {
            return findIn(table, a.value);
        }
    }
    return nullptr;
}

std::string nameOr(const CatalogEntry* e, std::string_view prefix, int value) {
    if (e != nullptr) {
        return std::string(e->name);
    }
    return std::string(prefix) + std::to_string(value);
}

} // namespace

std::span<const CatalogEntry> families() {
    return kFamilies;
}
std::span<const CatalogEntry> types() {
    return kTypes;
}
std::span<const CatalogEntry> protocols() {
    return kProtocols;
}

const CatalogEntry* findFamily(int value) {
    return findIn(kFamilies, value);
}
const CatalogEntry* findType(int value) {
    return findIn(kTypes, value);
}
const CatalogEntry* findProtocol(int value) {
    return findIn(kProtocols, value);
}

const CatalogEntry* familyByName(std::string_view name) {
    return lookup(kFamilies, kFamilyAliases, name);
}
const CatalogEntry* typeByName(std::string_view name) {
    return lookup(kTypes, kTypeAliases, name);
}
const CatalogEntry* protocolByName(std::string_view name) {
    return lookup(kProtocols, kProtocolAliases, name);
}

std::string describe(const SocketSpec& spec) {
    return nameOr(findFamily(spec.family), "family ", spec.family) + ", " +
           nameOr(findType(spec.type), "type ", spec.type) + ", " +
           nameOr(findProtocol(spec.protocol), "protocol ", spec.protocol);
}

bool isStreamType(int type) {
    return type == SOCK_STREAM;
}
bool isDatagramType(int type) {
    return type == SOCK_DGRAM || type == SOCK_RAW || type == SOCK_RDM || type == SOCK_PACKET;
}
bool isMessageType(int type) {
    return type != SOCK_STREAM;
}

} // namespace socklab
