// The wire's capture decoded (core/packet) for the experiments' claims.
#include "core/lab/lab_wire_packets.h"

#include "core/capture/traffic_store.h"

#include <algorithm>

namespace socklab {

std::uint16_t LabWirePacket::srcPort() const {
    return packet.tcp ? packet.tcp->srcPort : packet.udp ? packet.udp->srcPort : 0;
}

std::uint16_t LabWirePacket::dstPort() const {
    return packet.tcp ? packet.tcp->dstPort : packet.udp ? packet.udp->dstPort : 0;
}

bool LabWirePacket::portUnreachable() const {
    if (!packet.icmp) {
        return false;
    }
    const IcmpHeader& i = *packet.icmp;
    return i.v6 ? i.type == 1 && i.code == 4 : i.type == 3 && i.code == 3;
}

std::vector<LabWirePacket> labWirePackets(const TrafficStore& wire) {
    std::vector<LabWirePacket> out;
    forEachRecord(wire, [&](const Record& r) {
        if (r.kind != RecordKind::Data) {
            return;
        }
        LabWirePacket p;
        p.direction = wireDirectionOf(r.direction);
        p.seq = r.seq;
        p.monoNs = r.monoNs;
        p.flags = r.flags;
        p.wireDelayUs = r.wireDelayUs;
        p.bytes = wire.recordBytes(r);
        p.packet = decodePacket(p.bytes, r.wireLength);
        out.push_back(std::move(p));
    });
    return out;
}

std::vector<const LabWirePacket*> labPacketsOf(const std::vector<LabWirePacket>& packets,
                                               WireDirection direction, std::uint8_t protocol) {
    std::vector<const LabWirePacket*> out;
    for (const auto& p : packets) {
        if (p.direction == direction && p.protocol() == protocol) {
            out.push_back(&p);
        }
    }
    return out;
}

} // namespace socklab
