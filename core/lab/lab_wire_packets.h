#pragma once
// The wire's capture as decoded packets, for the lab experiments' claims.

#include "core/capture/record.h"
#include "core/packet/packet.h"
#include "core/vocab/lab.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace socklab {

class TrafficStore;

/// One packet of the wire's capture (see LabWire: one record per packet, in the order the
/// packets entered the wire, with their fate).
struct LabWirePacket {
    WireDirection direction = WireDirection::AtoB;
    std::uint64_t seq = 0;         ///< the record's seq in the wire's store
    std::int64_t monoNs = 0;       ///< when it entered the wire
    std::uint16_t flags = 0;       ///< RecordFlag::Wire*
    std::uint32_t wireDelayUs = 0; ///< how long the wire held it (0: dropped or in flight)
    std::vector<std::byte> bytes;
    DecodedPacket packet;

    [[nodiscard]] bool dropped() const { return has(RecordFlag::WireDropped); }
    [[nodiscard]] bool has(std::uint16_t recordFlag) const { return (flags & recordFlag) != 0; }
    [[nodiscard]] std::uint8_t protocol() const { return packet.ip.protocol; }
    /// A TCP segment carrying data.
    [[nodiscard]] bool tcpData() const { return packet.tcp && packet.tcp->segmentLength > 0; }
    /// A TCP segment with this TcpFlag set.
    [[nodiscard]] bool tcpFlag(std::uint16_t flag) const {
        return packet.tcp && packet.tcp->has(flag);
    }
    /// TCP or UDP ports; 0 when the packet has no transport header (a later fragment).
    [[nodiscard]] std::uint16_t srcPort() const;
    [[nodiscard]] std::uint16_t dstPort() const;
    /// ICMP 3/3 or ICMPv6 1/4.
    [[nodiscard]] bool portUnreachable() const;
};

/// Every Data record of the wire's capture, in capture order, decoded.
[[nodiscard]] std::vector<LabWirePacket> labWirePackets(const TrafficStore& wire);

/// The packets of one direction whose IP protocol is `protocol` (IpProto::*; fragments too).
[[nodiscard]] std::vector<const LabWirePacket*>
labPacketsOf(const std::vector<LabWirePacket>& packets, WireDirection direction,
             std::uint8_t protocol);

} // namespace socklab
