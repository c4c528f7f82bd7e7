#pragma once

#include <span>
#include <string>
#include <string_view>

namespace socklab {

/// The three arguments of socket(af, type, protocol).
struct SocketSpec {
    int family = 0;   ///< AF_* number
    int type = 0;     ///< SOCK_* number (without SOCK_NONBLOCK/SOCK_CLOEXEC)
    int protocol = 0; ///< IPPROTO_* number; 0 = the family's default for the type
    friend bool operator==(const SocketSpec&, const SocketSpec&) = default;
};

/// One catalog choice: its number, symbolic name and a one-line explanation for a student.
struct CatalogEntry {
    int value;
    std::string_view name;        ///< "AF_INET", "SOCK_STREAM", "IPPROTO_TCP", "0 (default)"
    std::string_view label;       ///< short UI label: "IPv4", "Stream", "TCP"
    std::string_view explanation; ///< one sentence
};

/// Families offered: AF_INET, AF_INET6, AF_UNIX, AF_PACKET, AF_TIPC, AF_UNSPEC.
std::span<const CatalogEntry> families();
/// Types offered: SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_SEQPACKET, SOCK_PACKET, SOCK_RDM.
std::span<const CatalogEntry> types();
/// Protocols offered: 0, TCP, UDP, SCTP, UDPLITE, MPTCP, ICMP, ICMPV6, RAW.
std::span<const CatalogEntry> protocols();

const CatalogEntry* findFamily(int value);
const CatalogEntry* findType(int value);
const CatalogEntry* findProtocol(int value);
/// Lookup by symbolic name or label, case-insensitive; accepts CLI words like "inet", "inet6",
/// "unix", "stream", "dgram", "udp", "icmp", "raw", "seqpacket", and plain numbers.
const CatalogEntry* familyByName(std::string_view name);
const CatalogEntry* typeByName(std::string_view name);
const CatalogEntry* protocolByName(std::string_view name);

/// "AF_INET, SOCK_STREAM, IPPROTO_TCP"
std::string describe(const SocketSpec& spec);

/// The kernel's verdict on socket(spec): obtained by really calling socket() and closing it.
struct ProbeVerdict {
    bool ok = false;
    int err = 0;             ///< errno when !ok
    std::string errnoName;   ///< "EPROTONOSUPPORT"
    std::string summary;     ///< "Accepted by the kernel" / strerror text
    std::string explanation; ///< what the errno means for this combination
    std::string remedy;      ///< what would make it work ("needs CAP_NET_RAW (run as root...)")
};

/// Calls socket(spec.family, spec.type | SOCK_CLOEXEC, spec.protocol) and explains the outcome.
ProbeVerdict probe(const SocketSpec& spec);

/// The verdict probe() would give for socket(spec) ending with err (0 = success): lets callers
/// explain an errno they met elsewhere, and tests check texts for privileges they lack.
ProbeVerdict explainOutcome(const SocketSpec& spec, int err);

/// Role-relevant properties of a type, for the UI and the engine.
bool isStreamType(int type);   ///< SOCK_STREAM
bool isDatagramType(int type); ///< SOCK_DGRAM, SOCK_RAW, SOCK_RDM, SOCK_PACKET
bool isMessageType(int type);  ///< keeps boundaries: everything but SOCK_STREAM

} // namespace socklab
