// Header fields of the wire's packets for the experiments' claims (a stand-in for core/packet).
#include "core/lab/lab_wire_packets.h"

#include "core/capture/traffic_store.h"

#include <algorithm>

namespace socklab {

namespace {

constexpr std::size_t kBatchRecords = 4096;
constexpr std::uint8_t kIpv6Fragment = 44;

std::uint8_t u8(std::span<const std::byte> b, std::size_t at) {
    return std::to_integer<std::uint8_t>(b[at]);
}
std::uint16_t u16(std::span<const std::byte> b, std::size_t at) {
    return static_cast<std::uint16_t>((u8(b, at) << 8) | u8(b, at + 1));
}
std::uint32_t u32(std::span<const std::byte> b, std::size_t at) {
    return (std::uint32_t{u16(b, at)} << 16) | u16(b, at + 2);
}

void transportFields(std::span<const std::byte> b, std::size_t at, LabPacketFields& f) {
    const std::size_t end = std::min(b.size(), f.totalLength);
    if (f.protocol == LabPacketFields::kTcp && at + 20 <= end) {
        const std::size_t headerBytes = std::size_t(u8(b, at + 12) >> 4) * 4;
        f.transport = true;
        f.srcPort = u16(b, at);
        f.dstPort = u16(b, at + 2);
        f.tcpFlags = static_cast<std::uint16_t>(((u8(b, at + 12) & 1) << 8) | u8(b, at + 13));
        f.payloadOffset = at + headerBytes;
        f.payloadLength = f.totalLength > f.payloadOffset ? f.totalLength - f.payloadOffset : 0;
    } else if (f.protocol == LabPacketFields::kUdp && at + 8 <= end) {
        f.transport = true;
        f.srcPort = u16(b, at);
        f.dstPort = u16(b, at + 2);
        f.payloadOffset = at + 8;
        f.payloadLength = f.totalLength > f.payloadOffset ? f.totalLength - f.payloadOffset : 0;
    } else if ((f.protocol == LabPacketFields::kIcmp || f.protocol == LabPacketFields::kIcmpv6) &&
               at + 2 <= end) {
        f.icmpType = u8(b, at);
        f.icmpCode = u8(b, at + 1);
    }
}

} // namespace

bool LabPacketFields::portUnreachable() const {
    return (protocol == kIcmp && icmpType == 3 && icmpCode == 3) ||
           (protocol == kIcmpv6 && icmpType == 1 && icmpCode == 4);
}

LabPacketFields labPacketFields(std::span<const std::byte> b) {
    LabPacketFields f;
    if (b.empty()) {
        return f;
    }
    const int version = u8(b, 0) >> 4;
    if (version == 4 && b.size() >= 20) {
        const std::size_t ihl = std::size_t(u8(b, 0) & 0x0f) * 4;
        f.version = 4;
        f.totalLength = u16(b, 2);
        f.id = u16(b, 4);
        const std::uint16_t frag = u16(b, 6);
        f.moreFragments = (frag & 0x2000) != 0;
        f.fragmentOffset = std::uint32_t(frag & 0x1fff) * 8;
        f.protocol = u8(b, 9);
        if (ihl >= 20 && f.fragmentOffset == 0) {
            transportFields(b, ihl, f);
        }
    } else if (version == 6 && b.size() >= 40) {
        f.version = 6;
        f.totalLength = 40 + std::size_t(u16(b, 4));
        f.protocol = u8(b, 6);
        std::size_t at = 40;
        if (f.protocol == kIpv6Fragment && b.size() >= at + 8) {
            f.protocol = u8(b, at);
            const std::uint16_t frag = u16(b, at + 2);
            f.fragmentOffset = std::uint32_t(frag >> 3) * 8;
            f.moreFragments = (frag & 1) != 0;
            f.id = u32(b, at + 4);
            at += 8;
        }
        if (f.fragmentOffset == 0) {
            transportFields(b, at, f);
        }
    }
    return f;
}

std::vector<LabWirePacket> labWirePackets(const TrafficStore& wire) {
    std::vector<LabWirePacket> out;
    const std::uint64_t end = wire.endSeq();
    for (std::uint64_t seq = wire.beginSeq(); seq < end;) {
        const auto batch = wire.records(
            seq, static_cast<std::size_t>(std::min<std::uint64_t>(kBatchRecords, end - seq)));
        if (batch.empty()) {
            break;
        }
        for (const Record& r : batch) {
            if (r.kind != RecordKind::Data) {
                continue;
            }
            LabWirePacket p;
            p.direction = wireDirectionOf(r.direction);
            p.monoNs = r.monoNs;
            p.flags = r.flags;
            p.wireDelayUs = r.wireDelayUs;
            p.bytes = wire.recordBytes(r);
            p.fields = labPacketFields(p.bytes);
            out.push_back(std::move(p));
        }
        seq = batch.back().seq + 1;
    }
    return out;
}

} // namespace socklab
