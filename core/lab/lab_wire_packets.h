#pragma once
// The few IP/TCP/UDP/ICMP header fields the lab experiments' claims read from the wire's
// capture. A stand-in until core/packet (decodePacket) is in main: the names follow its
// IpHeader/TcpHeader so the claims can switch to it field by field.

#include "core/capture/record.h"
#include "core/vocab/lab.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace socklab {

class TrafficStore;

/// Header fields of one IP packet (no link header), as far as the bytes reach.
struct LabPacketFields {
    static constexpr std::uint8_t kIcmp = 1;
    static constexpr std::uint8_t kTcp = 6;
    static constexpr std::uint8_t kUdp = 17;
    static constexpr std::uint8_t kIcmpv6 = 58;
    static constexpr std::uint16_t kFin = 0x01; ///< TCP flag bits
    static constexpr std::uint16_t kSyn = 0x02;
    static constexpr std::uint16_t kRst = 0x04;
    static constexpr std::uint16_t kAck = 0x10;

    int version = 0;                  ///< 4 or 6; 0 when not an IP packet
    std::uint8_t protocol = 0;        ///< transport (IPv6: after a fragment header)
    std::size_t totalLength = 0;      ///< IPv4 total length; IPv6 40 + payload length
    std::uint32_t id = 0;             ///< IPv4 identification; IPv6 fragment identification
    bool moreFragments = false;       ///< IPv4 MF / IPv6 M flag
    std::uint32_t fragmentOffset = 0; ///< in bytes
    /// Ports, TCP flags and payload: only when the transport header is in this packet (not in
    /// a fragment after the first).
    bool transport = false;
    std::uint16_t srcPort = 0;
    std::uint16_t dstPort = 0;
    std::uint16_t tcpFlags = 0;
    std::size_t payloadOffset = 0; ///< TCP/UDP payload: where it starts in the packet
    std::size_t payloadLength = 0; ///< TCP/UDP payload bytes in this packet (IP length based)
    std::uint8_t icmpType = 0;     ///< ICMP / ICMPv6
    std::uint8_t icmpCode = 0;

    [[nodiscard]] bool isFragment() const { return moreFragments || fragmentOffset != 0; }
    [[nodiscard]] bool hasFlag(std::uint16_t f) const { return (tcpFlags & f) != 0; }
    /// An ICMP port unreachable (ICMP 3/3, ICMPv6 1/4).
    [[nodiscard]] bool portUnreachable() const;
};

/// Decode the fields above; never reads outside bytes (version 0 when no IP header fits).
[[nodiscard]] LabPacketFields labPacketFields(std::span<const std::byte> bytes);

/// One packet of the wire's capture.
struct LabWirePacket {
    WireDirection direction = WireDirection::AtoB;
    std::int64_t monoNs = 0;       ///< delivered (dropped: entered)
    std::uint16_t flags = 0;       ///< RecordFlag::Wire*
    std::uint32_t wireDelayUs = 0; ///< how long the wire held it
    std::vector<std::byte> bytes;  ///< as delivered
    LabPacketFields fields;

    [[nodiscard]] bool dropped() const { return (flags & RecordFlag::WireDropped) != 0; }
    [[nodiscard]] bool has(std::uint16_t recordFlag) const { return (flags & recordFlag) != 0; }
    /// A TCP segment carrying data.
    [[nodiscard]] bool tcpData() const {
        return fields.protocol == LabPacketFields::kTcp && fields.transport &&
               fields.payloadLength > 0;
    }
};

/// Every Data record of the wire's capture, in capture order (delivery order), decoded.
[[nodiscard]] std::vector<LabWirePacket> labWirePackets(const TrafficStore& wire);

} // namespace socklab
