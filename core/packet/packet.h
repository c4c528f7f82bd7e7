#pragma once

// Decoding of raw IP packets (no link header), as the lab wire stores them: IPv4 and IPv6
// (with hop-by-hop, routing, destination-options and fragment extension headers), TCP (options
// included), UDP, ICMP and ICMPv6 (echo, and the packet an error message quotes).
//
//   const DecodedPacket p = decodePacket(bytes);   // never throws, never reads out of bounds
//   if (!p.problem.empty()) ...                    // malformed or truncated: what is wrong
//   if (p.tcp) use(p.tcp->seq, p.tcp->flags);
//   packetSummary(p) == "TCP 192.0.2.1:40000 -> 192.0.2.2:7000 [SYN] seq=1000 win=64240 len=0 "
//                       "mss=1460 ws=128 sack_perm";
//
// Whatever could be decoded before a problem is kept: a packet cut inside its TCP header still
// has its IP header and ports.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace socklab {

struct TcpMarks;

/// An IPv4 or IPv6 address (bytes in network order; an IPv4 address uses the first 4).
struct IpAddress {
    bool v6 = false;
    std::array<std::uint8_t, 16> bytes{};

    friend bool operator==(const IpAddress&, const IpAddress&) = default;
    friend auto operator<=>(const IpAddress&, const IpAddress&) = default;
};

/// "192.0.2.1", "2001:db8::1" (RFC 5952: lower case, longest zero run compressed, an IPv4-mapped
/// address as "::ffff:192.0.2.1").
[[nodiscard]] std::string addressText(const IpAddress& a);
/// "192.0.2.1:5000", "[2001:db8::1]:5000".
[[nodiscard]] std::string endpointText(const IpAddress& a, std::uint16_t port);

/// IP protocol numbers used here.
namespace IpProto {
inline constexpr std::uint8_t HopByHop = 0;
inline constexpr std::uint8_t Icmp = 1;
inline constexpr std::uint8_t Tcp = 6;
inline constexpr std::uint8_t Udp = 17;
inline constexpr std::uint8_t Routing = 43;
inline constexpr std::uint8_t Fragment = 44;
inline constexpr std::uint8_t Icmpv6 = 58;
inline constexpr std::uint8_t NoNext = 59;
inline constexpr std::uint8_t DestOptions = 60;
} // namespace IpProto

/// Whether a checksum was verified.
enum class ChecksumStatus : std::uint8_t {
    NotChecked = 0, ///< the bytes it covers are not all here (truncated packet, IP fragment)
    Good,
    Bad,
    Absent, ///< UDP over IPv4 with checksum 0 (sender did not compute one)
};

/// The IP header (IPv4, or IPv6 with its extension headers).
struct IpHeader {
    int version = 0; ///< 4 or 6; 0 when not even that could be read
    IpAddress src;
    IpAddress dst;
    /// IPv4: IHL * 4. IPv6: 40 + the extension headers skipped to reach the transport.
    std::size_t headerLength = 0;
    /// IPv4: the total length field. IPv6: 40 + the payload length field.
    std::size_t totalLength = 0;
    std::uint8_t ttl = 0;             ///< IPv4 TTL / IPv6 hop limit
    std::uint8_t protocol = 0;        ///< transport protocol (IPv6: after the extension headers)
    std::uint8_t tos = 0;             ///< IPv4 TOS / IPv6 traffic class
    std::uint32_t id = 0;             ///< IPv4 identification / IPv6 fragment header identification
    bool dontFragment = false;        ///< IPv4 DF
    bool moreFragments = false;       ///< IPv4 MF / IPv6 fragment header M flag
    std::uint32_t fragmentOffset = 0; ///< in bytes (the field * 8)
    std::uint16_t headerChecksum = 0; ///< IPv4 only
    bool headerChecksumValid = false; ///< IPv4 only (IPv6 has no header checksum)
    std::uint8_t nextHeader = 0;      ///< IPv6: the fixed header's next header field
    std::uint16_t payloadLength = 0;  ///< IPv6: the payload length field
    std::uint32_t flowLabel = 0;      ///< IPv6
    bool fragmentHeader = false;      ///< IPv6: a fragment header was present
    std::vector<std::uint8_t> extensionHeaders; ///< IPv6: types of the headers skipped, in order

    /// Part of a fragmented datagram (MF set or a non-zero offset).
    [[nodiscard]] bool isFragment() const { return moreFragments || fragmentOffset != 0; }
};

/// TCP flag bits (the low byte of the flags field; NS/AE is bit 8).
namespace TcpFlag {
inline constexpr std::uint16_t Fin = 0x01;
inline constexpr std::uint16_t Syn = 0x02;
inline constexpr std::uint16_t Rst = 0x04;
inline constexpr std::uint16_t Psh = 0x08;
inline constexpr std::uint16_t Ack = 0x10;
inline constexpr std::uint16_t Urg = 0x20;
inline constexpr std::uint16_t Ece = 0x40;
inline constexpr std::uint16_t Cwr = 0x80;
inline constexpr std::uint16_t Ns = 0x100;
} // namespace TcpFlag

struct SackBlock {
    std::uint32_t left = 0;
    std::uint32_t right = 0;
    friend bool operator==(const SackBlock&, const SackBlock&) = default;
};

struct TcpHeader {
    std::uint16_t srcPort = 0;
    std::uint16_t dstPort = 0;
    std::uint32_t seq = 0;
    std::uint32_t ack = 0;
    std::uint8_t dataOffset = 0; ///< header length in 32-bit words
    std::uint16_t flags = 0;     ///< TcpFlag bits
    std::uint16_t window = 0;    ///< raw window field (not scaled)
    std::uint16_t checksum = 0;
    std::uint16_t urgentPointer = 0;
    ChecksumStatus checksumStatus = ChecksumStatus::NotChecked;
    /// Options.
    std::optional<std::uint16_t> mss;
    std::optional<std::uint8_t> windowScale; ///< the shift count as sent
    bool sackPermitted = false;
    std::vector<SackBlock> sack;
    std::optional<std::uint32_t> tsVal;
    std::optional<std::uint32_t> tsEcr;
    /// Payload: offset from the start of the packet and bytes present there.
    std::size_t payloadOffset = 0;
    std::size_t payloadLength = 0;
    /// The payload length the IP header claims (> payloadLength when the packet is truncated).
    std::size_t segmentLength = 0;
    /// Only the first 8 bytes were present (a header quoted by ICMP): ports and seq are valid.
    bool partial = false;

    [[nodiscard]] bool has(std::uint16_t flag) const { return (flags & flag) != 0; }
};

struct UdpHeader {
    std::uint16_t srcPort = 0;
    std::uint16_t dstPort = 0;
    std::uint16_t length = 0; ///< the length field (header + payload)
    std::uint16_t checksum = 0;
    ChecksumStatus checksumStatus = ChecksumStatus::NotChecked;
    std::size_t payloadOffset = 0;
    std::size_t payloadLength = 0; ///< bytes present
    bool partial = false;          ///< quoted by ICMP: only the 8-byte header is meaningful
};

/// The packet an ICMP error quotes (its IP header and first transport bytes), decoded one level.
struct QuotedPacket {
    IpHeader ip;
    std::optional<std::uint16_t> srcPort; ///< TCP/UDP ports when the quote reaches them
    std::optional<std::uint16_t> dstPort;
    std::optional<std::uint32_t> tcpSeq;     ///< TCP: the quoted sequence number
    std::optional<std::uint16_t> icmpEchoId; ///< quoted ICMP echo
    std::optional<std::uint16_t> icmpEchoSeq;
    std::string problem; ///< empty unless the quoted IP header itself is malformed
};

struct IcmpHeader {
    bool v6 = false; ///< ICMPv6
    std::uint8_t type = 0;
    std::uint8_t code = 0;
    std::uint16_t checksum = 0;
    ChecksumStatus checksumStatus = ChecksumStatus::NotChecked;
    /// Echo request/reply: identifier and sequence number.
    bool echo = false;
    std::uint16_t echoId = 0;
    std::uint16_t echoSeq = 0;
    /// Fragmentation needed (ICMP 3/4) next-hop MTU, packet too big (ICMPv6 2) MTU; else 0.
    std::uint32_t mtu = 0;
    /// Error messages (destination unreachable, time exceeded, packet too big, parameter
    /// problem, source quench, redirect): the packet that caused it.
    std::optional<QuotedPacket> quoted;
    std::size_t payloadOffset = 0; ///< after the 8-byte ICMP header
    std::size_t payloadLength = 0;

    /// Error message (as opposed to echo / informational).
    [[nodiscard]] bool isError() const;
};

struct DecodedPacket {
    std::size_t capturedLength = 0; ///< bytes given to decodePacket
    std::size_t wireLength = 0;     ///< the packet's length (>= capturedLength)
    IpHeader ip;
    /// The IP header (and IPv6 extension headers) decoded completely: the payload was found.
    bool ipComplete = false;
    std::optional<TcpHeader> tcp;
    std::optional<UdpHeader> udp;
    std::optional<IcmpHeader> icmp;
    /// Empty when the packet decoded cleanly; else what is wrong, e.g. "IPv4 header length 4
    /// words is below the minimum 5" or "TCP header cut after 12 of 20 bytes".
    std::string problem;
    /// Informational, not an error, e.g. "fragment at offset 1480: the transport header is in
    /// the first fragment" or "captured 96 of 1500 bytes".
    std::string note;

    [[nodiscard]] bool ok() const { return problem.empty(); }
    /// IPv4/IPv6 fragment other than the first: its transport header is elsewhere.
    [[nodiscard]] bool nonFirstFragment() const { return ip.fragmentOffset != 0; }
};

/// Decode one IP packet (the version nibble picks IPv4 or IPv6). Never throws; reads only
/// within bytes. Bytes after the IP total length (link padding) are ignored.
///
/// wireLength: the packet's real length when bytes is a capture cut short on purpose
/// (Record::wireLength); 0 = bytes is the whole packet. An IP length beyond the packet is a
/// problem, and the payload is what is there (as Wireshark takes it: a lying header). An IP
/// length within wireLength but beyond bytes is only a note ("captured 96 of 1500 bytes"): the
/// segment length is the one the header gives and checksums are not verified.
[[nodiscard]] DecodedPacket decodePacket(std::span<const std::byte> bytes,
                                         std::size_t wireLength = 0);

/// Internet checksum (RFC 1071) of bytes, folded and complemented; 0 over data that includes a
/// correct checksum field.
[[nodiscard]] std::uint16_t internetChecksum(std::span<const std::uint8_t> bytes,
                                             std::uint32_t initial = 0);

/// "[SYN, ACK]"-style names of the set flags in Wireshark's order (FIN SYN RST PSH ACK URG ECE
/// CWR NS), joined by ", "; "<None>" when none is set.
[[nodiscard]] std::string tcpFlagsText(std::uint16_t flags);

/// "echo request", "destination unreachable (port unreachable)", "packet too big (mtu 1280)",
/// "time exceeded (ttl exceeded in transit)", "type 42 code 0" for unknown ones.
[[nodiscard]] std::string icmpDescription(const IcmpHeader& icmp);

/// One line describing the packet, like the Info column of tshark, deterministic:
///
///   TCP <src:port> -> <dst:port> [<flags>] seq=<n> [ack=<n>] win=<n> len=<n>
///       [mss=<n>] [ws=<multiplier>] [sack_perm] [sack=<l>-<r>,...] [tsval=<n> tsecr=<n>]
///       [bad checksum] [<analysis marks>]
///   UDP <src:port> -> <dst:port> len=<payload bytes> [bad checksum]
///   ICMP <src> -> <dst> echo request id=<n> seq=<n> len=<payload bytes>
///   ICMP <src> -> <dst> destination unreachable (port unreachable) for UDP <src:port> ->
///       <dst:port>        (ICMPv6 likewise; the quoted packet's protocol and endpoints)
///   IPv4 <src> -> <dst> fragment id=0x<hex> offset=<bytes> len=<bytes> [more] (<proto name>)
///   IPv4 <src> -> <dst> protocol <n> len=<bytes>
///
/// Without marks, seq/ack are the raw numbers and win the raw field; with marks (from
/// TcpAnalyzer::feed for this packet) they are relative (as Wireshark shows them), win is the
/// calculated window and SACK edges are relative; the analysis marks follow as Wireshark names
/// them in the Info column: " [TCP Retransmission]", " [TCP Fast Retransmission]",
/// " [TCP Spurious Retransmission]", " [TCP Out-Of-Order]", " [TCP Previous segment not
/// captured]", " [TCP ACKed unseen segment]", " [TCP Dup ACK #<n>]", " [TCP ZeroWindow]",
/// " [TCP ZeroWindowProbe]", " [TCP ZeroWindowProbeAck]", " [TCP Keep-Alive]",
/// " [TCP Keep-Alive ACK]", " [TCP Window Update]", " [TCP Window Full]",
/// " [TCP Port numbers reused]". Then, in this order: " [first fragment, id=0x<hex>]" for the
/// first fragment of a fragmented datagram, " [bad IPv4 header checksum]", and
/// " [malformed: <problem>]" when the packet has a problem. A packet whose IP header could not be
/// read is "malformed: <problem>" alone.
[[nodiscard]] std::string packetSummary(const DecodedPacket& p, const TcpMarks* marks = nullptr);

} // namespace socklab
