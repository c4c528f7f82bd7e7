// The schedule experiments: a LabRunSettings preset each, and the claim that checks a finished
// run (reports, TCP_INFO, the wire's capture) and says what happened.
#include "core/lab/lab_experiments_detail.h"
#include "core/lab/lab_table.h"

#include <algorithm>
#include <map>

namespace socklab::lab_experiments {

namespace {

LabRunSettings schedule(int count, std::size_t size, int interval_ms, std::uint64_t seed) {
    LabRunSettings s;
    s.schedule = {count, size, interval_ms};
    s.network.seed = seed;
    return s;
}

std::string ms(std::optional<std::int64_t> ns) {
    return ns ? labMillisText(*ns) : std::string("-");
}

std::uint64_t countIf(const std::vector<const LabWirePacket*>& ps, auto pred) {
    return std::uint64_t(
        std::ranges::count_if(ps, [&](const LabWirePacket* p) { return pred(*p); }));
}

/// "TCP delivered 100 of 100 messages in order" / "... but not all in order".
std::string tcpDelivered(const LabProtocolReport& tcp) {
    return "TCP delivered " + std::to_string(tcp.totals.delivered) + " of " +
           counted(std::uint64_t(tcp.schedule.count), "message", "messages") +
           (tcp.inOrderAndComplete ? " in order" : ", not complete and in order");
}

} // namespace

// ---------------------------------------------------------------- message boundaries

LabRunSettings boundariesSettings() {
    return schedule(50, 100, 0, 1);
}

LabClaim boundariesClaim(const LabRunEvidence& ev) {
    const LabProtocolReport& t = ev.tcp;
    const LabProtocolReport& u = ev.udp;
    const auto size = t.schedule.size;
    const auto count = std::size_t(t.schedule.count);
    int mostInOneRead = 0;
    std::size_t cutReads = 0; // reads that begin or end inside a message
    for (const LabBlock& r : t.reads) {
        mostInOneRead = std::max(mostInOneRead, r.lastSeq - r.firstSeq + 1);
        cutReads += (r.position % size != 0 || (r.position + r.length) % size != 0) ? 1 : 0;
    }
    const bool udpOnePerRead = std::ranges::all_of(u.reads, [&](const LabBlock& r) {
        return r.length == size && r.firstSeq == r.lastSeq && r.firstSeq != 0 && !r.damaged;
    });
    const bool holds = t.inOrderAndComplete && u.inOrderAndComplete && t.writes.size() == count &&
                       t.reads.size() < t.writes.size() && mostInOneRead > 1 &&
                       u.writes.size() == count && u.reads.size() == count && udpOnePerRead;
    std::string text = "TCP: " + counted(t.writes.size(), "write", "writes") + " of " +
                       std::to_string(size) + " bytes arrived in " +
                       counted(t.reads.size(), "read", "reads") + " (the largest held " +
                       counted(std::uint64_t(mostInOneRead), "message", "messages");
    if (cutReads > 0) {
        text += "; " + counted(cutReads, "read", "reads") + " began or ended inside a message";
    }
    text += ")";
    if (ev.wire != nullptr) {
        const auto packets = labWirePackets(*ev.wire);
        const auto tcp = labPacketsOf(packets, WireDirection::AtoB, IpProto::Tcp);
        text += ", carried by " +
                counted(countIf(tcp, [](const LabWirePacket& p) { return p.tcpData(); }),
                        "TCP segment", "TCP segments");
    }
    text += ": a stream keeps the bytes and their order, not where one write ended. UDP: " +
            counted(u.writes.size(), "datagram", "datagrams") + " arrived as " +
            counted(u.reads.size(), "read", "reads") +
            (udpOnePerRead ? " of exactly one message each" : ", not one message each") +
            ": each datagram is a message of its own.";
    return {holds, text};
}

// ---------------------------------------------------------------- 10% loss

LabRunSettings lossSettings() {
    LabRunSettings s = schedule(100, 100, 5, 5);
    s.network.aToB.lossPercent = 10;
    s.network.bToA.lossPercent = 10;
    return s;
}

LabClaim lossClaim(const LabRunEvidence& ev) {
    if (ev.wire == nullptr) {
        return needsTheWire();
    }
    const auto packets = labWirePackets(*ev.wire);
    const auto udp = labPacketsOf(packets, WireDirection::AtoB, IpProto::Udp);
    const auto tcp = labPacketsOf(packets, WireDirection::AtoB, IpProto::Tcp);
    const auto acks = labPacketsOf(packets, WireDirection::BtoA, IpProto::Tcp);
    const auto udpDropped = countIf(udp, [](const LabWirePacket& p) { return p.dropped(); });
    const auto dataDropped =
        countIf(tcp, [](const LabWirePacket& p) { return p.dropped() && p.tcpData(); });
    const auto acksDropped = countIf(acks, [](const LabWirePacket& p) { return p.dropped(); });
    const std::uint32_t retrans = ev.tcpInfo ? ev.tcpInfo->totalRetrans : 0;
    const LabProtocolReport& t = ev.tcp;
    const LabProtocolReport& u = ev.udp;
    const int count = u.schedule.count;
    const bool holds = t.inOrderAndComplete && t.totals.delivered == count && retrans > 0 &&
                       dataDropped > 0 && u.totals.lost > 0 &&
                       std::uint64_t(u.totals.lost) == udpDropped &&
                       u.totals.delivered == count - u.totals.lost;
    std::string text =
        tcpDelivered(t) + " after " + counted(retrans, "retransmission", "retransmissions") +
        " (the wire dropped " + std::to_string(dataDropped) + " of its data segments and " +
        std::to_string(acksDropped) + " of B's acknowledgements). UDP lost " +
        counted(std::uint64_t(u.totals.lost), "message", "messages") +
        (std::uint64_t(u.totals.lost) == udpDropped
             ? ", exactly the " + counted(udpDropped, "datagram", "datagrams") +
                   " the wire dropped,"
             : " (the wire dropped " + counted(udpDropped, "datagram", "datagrams") + ")") +
        " and delivered " + std::to_string(u.totals.delivered) + ": nobody sends them again.";
    return {holds, text};
}

// ---------------------------------------------------------------- reordering

LabRunSettings reorderSettings() {
    LabRunSettings s = schedule(100, 100, 5, 7);
    s.network.aToB.reorderPercent = 25;
    s.network.aToB.reorderDepth = 3;
    return s;
}

LabClaim reorderClaim(const LabRunEvidence& ev) {
    if (ev.wire == nullptr) {
        return needsTheWire();
    }
    const auto packets = labWirePackets(*ev.wire);
    const auto udp = labPacketsOf(packets, WireDirection::AtoB, IpProto::Udp);
    const auto tcp = labPacketsOf(packets, WireDirection::AtoB, IpProto::Tcp);
    const auto reordered = [](const LabWirePacket& p) { return p.has(RecordFlag::WireReordered); };
    const auto udpHeld = countIf(udp, reordered);
    const auto tcpHeld =
        countIf(tcp, [&](const LabWirePacket& p) { return p.tcpData() && reordered(p); });
    const LabProtocolReport& t = ev.tcp;
    const LabProtocolReport& u = ev.udp;
    const bool holds = udpHeld > 0 && tcpHeld > 0 && u.totals.outOfOrder > 0 &&
                       u.totals.delivered == u.schedule.count && t.inOrderAndComplete;
    const std::string text =
        "The wire held back " + counted(udpHeld, "UDP datagram", "UDP datagrams") + " and " +
        counted(tcpHeld, "TCP data segment", "TCP data segments") +
        " until later packets had passed. UDP handed " +
        counted(std::uint64_t(u.totals.outOfOrder), "message", "messages") +
        " to the application out of order (each datagram is delivered when it arrives). " +
        tcpDelivered(t) +
        ": the receiving kernel kept what came early until the gap was filled, then passed the "
        "bytes on in sequence.";
    return {holds, text};
}

// ---------------------------------------------------------------- duplication

LabRunSettings duplicateSettings() {
    LabRunSettings s = schedule(100, 100, 5, 9);
    s.network.aToB.duplicatePercent = 20;
    return s;
}

LabClaim duplicateClaim(const LabRunEvidence& ev) {
    if (ev.wire == nullptr) {
        return needsTheWire();
    }
    const auto packets = labWirePackets(*ev.wire);
    const auto udp = labPacketsOf(packets, WireDirection::AtoB, IpProto::Udp);
    const auto tcp = labPacketsOf(packets, WireDirection::AtoB, IpProto::Tcp);
    const auto twice = [](const LabWirePacket& p) { return p.has(RecordFlag::WireDuplicated); };
    const auto udpTwice = countIf(udp, twice);
    const auto tcpTwice =
        countIf(tcp, [&](const LabWirePacket& p) { return p.tcpData() && twice(p); });
    const LabProtocolReport& t = ev.tcp;
    const LabProtocolReport& u = ev.udp;
    const bool holds = udpTwice > 0 && tcpTwice > 0 &&
                       std::uint64_t(u.totals.duplicated) == udpTwice && t.inOrderAndComplete &&
                       t.totals.duplicated == 0 && t.totals.bytesReceived == t.totals.bytesSent;
    const std::string text =
        "The wire delivered " + counted(udpTwice, "UDP datagram", "UDP datagrams") + " and " +
        counted(tcpTwice, "TCP data segment", "TCP data segments") + " twice. UDP gave " +
        counted(std::uint64_t(u.totals.duplicated), "message", "messages") +
        " to the application twice. TCP received " + std::to_string(t.totals.bytesReceived) +
        " bytes for the " + std::to_string(t.totals.bytesSent) +
        " sent, each once: the receiving kernel recognised the copies by their sequence numbers "
        "and dropped them.";
    return {holds, text};
}

// ---------------------------------------------------------------- delay and jitter

LabRunSettings delaySettings() {
    LabRunSettings s = schedule(50, 100, 20, 11);
    for (Impairment* way : {&s.network.aToB, &s.network.bToA}) {
        way->delay_ms = 50;
        way->jitter_ms = 25;
    }
    return s;
}

LabClaim delayClaim(const LabRunEvidence& ev) {
    if (ev.wire == nullptr) {
        return needsTheWire();
    }
    const Impairment& way = ev.settings.network.aToB;
    const auto packets = labWirePackets(*ev.wire);
    std::uint32_t minUs = UINT32_MAX;
    std::uint32_t maxUs = 0;
    for (const LabWirePacket* p : labPacketsOf(packets, WireDirection::AtoB, IpProto::Udp)) {
        if (!p->dropped()) {
            minUs = std::min(minUs, p->wireDelayUs);
            maxUs = std::max(maxUs, p->wireDelayUs);
        }
    }
    const LabProtocolReport& t = ev.tcp;
    const LabProtocolReport& u = ev.udp;
    const std::int64_t floorNs = std::int64_t(way.delay_ms - way.jitter_ms) * 1'000'000;
    const bool varied =
        maxUs >= minUs && (maxUs - minUs) * 2 >= std::uint32_t(way.jitter_ms) * 1000;
    const bool holds = u.latency.minNs && *u.latency.minNs >= floorNs && varied &&
                       u.totals.outOfOrder == 0 && u.totals.delivered == u.schedule.count &&
                       t.inOrderAndComplete;
    std::string text =
        "The wire held each UDP packet " +
        (minUs <= maxUs ? labMillisText(std::int64_t(minUs) * 1000) + " to " +
                              labMillisText(std::int64_t(maxUs) * 1000)
                        : std::string("-")) +
        " (" + std::to_string(way.delay_ms) + " ms +/- " + std::to_string(way.jitter_ms) +
        " ms). UDP latency: min " + ms(u.latency.minNs) + ", median " + ms(u.latency.p50Ns) +
        ", max " + ms(u.latency.maxNs) + ", and " +
        counted(std::uint64_t(u.totals.outOfOrder), "message", "messages") +
        " out of order: this wire keeps packets in the order they came even with jitter (a "
        "packet never overtakes an earlier one, so it may wait for it; Linux's netem would "
        "reorder them instead). " +
        tcpDelivered(t) + ", median latency " + ms(t.latency.p50Ns) + ".";
    if (t.latency.p50Ns && u.latency.p50Ns && *t.latency.p50Ns > *u.latency.p50Ns * 5 / 4) {
        text += " TCP's latency is higher: with Nagle on, a small write waits while earlier data "
                "is unacknowledged, and an acknowledgement takes a round trip over this link.";
    }
    return {holds, text};
}

// ---------------------------------------------------------------- slow link, Nagle on / off

namespace {

LabRunSettings slowLink(bool noDelay) {
    LabRunSettings s = schedule(60, 40, 10, 13);
    for (Impairment* way : {&s.network.aToB, &s.network.bToA}) {
        way->delay_ms = 40;
        way->rateBytesPerSec = 32'000; // 256 kbit/s
    }
    s.tcpNoDelay = noDelay;
    return s;
}

} // namespace

LabRunSettings nagleSettings() {
    return slowLink(false);
}

LabRunSettings noDelaySettings() {
    return slowLink(true);
}

LabClaim nagleClaim(const LabRunEvidence& ev) {
    if (ev.wire == nullptr) {
        return needsTheWire();
    }
    const auto packets = labWirePackets(*ev.wire);
    std::uint64_t segments = 0;
    std::uint64_t payload = 0;
    std::uint64_t onWire = 0;
    for (const LabWirePacket* p : labPacketsOf(packets, WireDirection::AtoB, IpProto::Tcp)) {
        if (p->tcpData()) {
            ++segments;
            payload += p->packet.tcp->segmentLength;
            onWire += p->packet.ip.totalLength;
        }
    }
    const LabProtocolReport& t = ev.tcp;
    const auto writes = std::uint64_t(t.writes.size());
    const bool noDelay = ev.settings.tcpNoDelay;
    // Nagle on: at least two writes per segment on average. Off: about one segment per write.
    const bool shape =
        noDelay ? segments * 10 >= writes * 8 : segments > 0 && segments * 2 <= writes;
    const bool holds = t.inOrderAndComplete && writes == std::uint64_t(t.schedule.count) && shape;
    std::string text = std::string(noDelay ? "With TCP_NODELAY (Nagle off), " : "With Nagle on, ") +
                       counted(writes, "write", "writes") + " of " +
                       std::to_string(t.schedule.size) + " bytes left A as " +
                       counted(segments, "TCP segment", "TCP segments") + " (" +
                       std::to_string(segments > 0 ? payload / segments : 0) +
                       " bytes of data each on average; " + std::to_string(onWire) +
                       " bytes of packets for " + std::to_string(payload) + " bytes of data). ";
    text += noDelay ? "Every small write went out at once in a packet of its own, each paying "
                      "for its headers on the slow link."
                    : "While data was unacknowledged, Nagle's algorithm held small writes back and "
                      "sent them together: fewer, larger packets, each a little later.";
    text += " UDP sent " + counted(ev.udp.writes.size(), "datagram", "datagrams") +
            ", one per write. " + tcpDelivered(t) + ".";
    return {holds, text};
}

// ---------------------------------------------------------------- larger than the MTU

LabRunSettings mtuSettings() {
    LabRunSettings s = schedule(40, 3000, 10, 17);
    s.network.mtu = 1500;
    s.network.aToB.lossPercent = 10;
    return s;
}

LabClaim mtuClaim(const LabRunEvidence& ev) {
    if (ev.wire == nullptr) {
        return needsTheWire();
    }
    const auto packets = labWirePackets(*ev.wire);
    const auto mtu = std::size_t(ev.settings.network.mtu);
    // UDP: the fragments of each datagram, by IP identification.
    struct Datagram {
        int fragments = 0;
        int dropped = 0;
        int seq = 0; ///< from the first fragment's lab message header
    };
    std::map<std::uint32_t, Datagram> datagrams;
    std::uint64_t whole = 0; // UDP packets that were not fragments
    std::uint64_t oversize = 0;
    for (const LabWirePacket* p : labPacketsOf(packets, WireDirection::AtoB, IpProto::Udp)) {
        oversize += p->packet.ip.totalLength > mtu ? 1 : 0;
        if (!p->packet.ip.isFragment()) {
            ++whole;
            continue;
        }
        Datagram& d = datagrams[p->packet.ip.id];
        ++d.fragments;
        d.dropped += p->dropped() ? 1 : 0;
        if (p->packet.ip.fragmentOffset == 0 && p->packet.udp) {
            const auto bytes = std::span(p->bytes).subspan(
                std::min(p->packet.udp->payloadOffset, p->bytes.size()));
            d.seq = parseLabMessageHeader(bytes).value_or(0);
        }
    }
    const LabProtocolReport& u = ev.udp;
    int lostWhole = 0;     // datagrams with a dropped fragment
    int partlyArrived = 0; // ... of which some fragments did arrive
    int fragmentsInVain = 0;
    bool fatesMatch = true; // a datagram is lost exactly when one of its fragments was dropped
    int minFragments = INT32_MAX;
    int maxFragments = 0;
    for (const auto& [id, d] : datagrams) {
        minFragments = std::min(minFragments, d.fragments);
        maxFragments = std::max(maxFragments, d.fragments);
        if (d.dropped > 0) {
            ++lostWhole;
            partlyArrived += d.dropped < d.fragments ? 1 : 0;
            fragmentsInVain += d.fragments - d.dropped;
        }
        if (d.seq < 1 || d.seq > u.schedule.count) {
            fatesMatch = false;
            continue;
        }
        const LabMessageFate& fate = u.messages[std::size_t(d.seq - 1)];
        fatesMatch = fatesMatch && (d.dropped > 0 ? fate.fate == LabFate::Lost : fate.arrivals > 0);
    }
    // TCP: segments no larger than its MSS, never fragmented.
    std::size_t largest = 0;
    std::uint64_t segments = 0;
    std::uint64_t tcpFragments = 0;
    for (const LabWirePacket* p : labPacketsOf(packets, WireDirection::AtoB, IpProto::Tcp)) {
        oversize += p->packet.ip.totalLength > mtu ? 1 : 0;
        tcpFragments += p->packet.ip.isFragment() ? 1 : 0;
        if (p->tcpData() && !p->dropped()) {
            ++segments;
            largest = std::max(largest, p->packet.tcp->segmentLength);
        }
    }
    const std::size_t mss = ev.tcpInfo && ev.tcpInfo->sndMss > 0 ? ev.tcpInfo->sndMss : mtu - 40;
    const LabProtocolReport& t = ev.tcp;
    const bool holds = datagrams.size() == std::size_t(u.schedule.count) && whole == 0 &&
                       minFragments >= 2 && oversize == 0 && lostWhole > 0 && partlyArrived > 0 &&
                       fatesMatch && u.totals.lost == lostWhole && tcpFragments == 0 &&
                       largest > 0 && largest <= mss && t.inOrderAndComplete;
    std::string text =
        "UDP: each " + std::to_string(u.schedule.size) + "-byte message (" +
        std::to_string(u.schedule.size + 8) + " bytes with its UDP header) is larger than the " +
        std::to_string(mtu) + "-byte MTU, so it left A as " +
        (datagrams.empty() ? std::string("no")
         : minFragments == maxFragments
             ? std::to_string(minFragments)
             : std::to_string(minFragments) + " to " + std::to_string(maxFragments)) +
        " IP fragments (all but the last with the More Fragments flag, each at its "
        "offset; " +
        counted(datagrams.size(), "datagram", "datagrams") + " fragmented, " +
        counted(whole, "UDP packet", "UDP packets") + " not). The wire dropped a fragment of " +
        counted(std::uint64_t(lostWhole), "datagram", "datagrams") +
        "; each of them was lost whole, " +
        (partlyArrived > 0
             ? "although " + counted(std::uint64_t(fragmentsInVain), "fragment", "fragments") +
                   " of them arrived"
             : std::string("no fragment of them arrived")) +
        ": the receiver can only deliver a datagram it has reassembled completely (" +
        std::to_string(u.totals.lost) + " lost, " + std::to_string(u.totals.delivered) +
        " delivered). TCP cut the same bytes into " + counted(segments, "segment", "segments") +
        " of at most " + std::to_string(largest) + " bytes (its MSS is " + std::to_string(mss) +
        "), none fragmented; " + tcpDelivered(t) +
        " by sending again only the segments the wire dropped.";
    return {holds, text};
}

} // namespace socklab::lab_experiments
