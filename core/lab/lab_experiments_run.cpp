// The schedule experiments: a LabRunSettings preset each, and the claim that checks a finished
// run (reports, TCP_INFO, the wire's capture) and says what happened.
#include "core/base/translate.h"
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

std::string messages(std::uint64_t n) {
    return counted(n, SL_TR("socklab", "%1 message"), SL_TR("socklab", "%1 messages"));
}

std::string datagrams(std::uint64_t n) {
    return counted(n, SL_TR("socklab", "%1 datagram"), SL_TR("socklab", "%1 datagrams"));
}

std::string reads(std::uint64_t n) {
    return counted(n, SL_TR("socklab", "%1 read"), SL_TR("socklab", "%1 reads"));
}

std::string writes(std::uint64_t n) {
    return counted(n, SL_TR("socklab", "%1 write"), SL_TR("socklab", "%1 writes"));
}

std::string tcpSegments(std::uint64_t n) {
    return counted(n, SL_TR("socklab", "%1 TCP segment"), SL_TR("socklab", "%1 TCP segments"));
}

std::string udpDatagrams(std::uint64_t n) {
    return counted(n, SL_TR("socklab", "%1 UDP datagram"), SL_TR("socklab", "%1 UDP datagrams"));
}

std::string tcpDataSegments(std::uint64_t n) {
    return counted(n, SL_TR("socklab", "%1 TCP data segment"),
                   SL_TR("socklab", "%1 TCP data segments"));
}

/// "TCP delivered 100 of 100 messages in order" / "... not complete and in order": a clause
/// the claims put into their sentences.
std::string tcpDelivered(const LabProtocolReport& tcp) {
    const std::string scheduled = messages(std::uint64_t(tcp.schedule.count));
    return tcp.inOrderAndComplete
               ? trArgs(SL_TR("socklab", "TCP delivered %1 of %2 in order"), tcp.totals.delivered,
                        scheduled)
               : trArgs(SL_TR("socklab", "TCP delivered %1 of %2, not complete and in order"),
                        tcp.totals.delivered, scheduled);
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
    std::string carried; // ", carried by 50 TCP segments" when the wire was captured
    if (ev.wire != nullptr) {
        const auto packets = labWirePackets(*ev.wire);
        const auto tcp = labPacketsOf(packets, WireDirection::AtoB, IpProto::Tcp);
        //: Put in at %5 or %6 of "TCP: %1 of %2 bytes arrived in %3 ..." (nothing when the
        //: run had no wire). %1: "50 TCP segments".
        carried =
            trArgs(SL_TR("socklab", ", carried by %1"),
                   tcpSegments(countIf(tcp, [](const LabWirePacket& p) { return p.tcpData(); })));
    }
    const std::string tcpText =
        cutReads > 0
            ? trArgs(SL_TR("socklab", "TCP: %1 of %2 bytes arrived in %3 (the largest held %4; %5 "
                                      "began or ended inside a message)%6: a stream keeps the "
                                      "bytes and their order, not where one write ended."),
                     writes(t.writes.size()), size, reads(t.reads.size()),
                     messages(std::uint64_t(mostInOneRead)), reads(cutReads), carried)
            : trArgs(SL_TR("socklab", "TCP: %1 of %2 bytes arrived in %3 (the largest held %4)%5: "
                                      "a stream keeps the bytes and their order, not where one "
                                      "write ended."),
                     writes(t.writes.size()), size, reads(t.reads.size()),
                     messages(std::uint64_t(mostInOneRead)), carried);
    const std::string udpText =
        udpOnePerRead
            ? trArgs(SL_TR("socklab", "UDP: %1 arrived as %2 of exactly one message each: each "
                                      "datagram is a message of its own."),
                     datagrams(u.writes.size()), reads(u.reads.size()))
            : trArgs(SL_TR("socklab", "UDP: %1 arrived as %2, not one message each: each datagram "
                                      "is a message of its own."),
                     datagrams(u.writes.size()), reads(u.reads.size()));
    return {holds, tcpText + " " + udpText};
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
    //: %1: "TCP delivered 100 of 100 messages in order"; %2: "6 retransmissions".
    const std::string tcpText = trArgs(SL_TR("socklab", "%1 after %2 (the wire dropped %3 of its "
                                                        "data segments and %4 of B's "
                                                        "acknowledgements)."),
                                       tcpDelivered(t),
                                       counted(retrans, SL_TR("socklab", "%1 retransmission"),
                                               SL_TR("socklab", "%1 retransmissions")),
                                       dataDropped, acksDropped);
    const std::string udpText =
        std::uint64_t(u.totals.lost) == udpDropped
            ? trArgs(SL_TR("socklab", "UDP lost %1, exactly the %2 the wire dropped, and delivered "
                                      "%3: nobody sends them again."),
                     messages(std::uint64_t(u.totals.lost)), datagrams(udpDropped),
                     u.totals.delivered)
            : trArgs(SL_TR("socklab", "UDP lost %1 (the wire dropped %2) and delivered %3: nobody "
                                      "sends them again."),
                     messages(std::uint64_t(u.totals.lost)), datagrams(udpDropped),
                     u.totals.delivered);
    return {holds, tcpText + " " + udpText};
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
        trArgs(SL_TR("socklab", "The wire held back %1 and %2 until later packets had passed."),
               udpDatagrams(udpHeld), tcpDataSegments(tcpHeld)) +
        " " +
        trArgs(SL_TR("socklab", "UDP handed %1 to the application out of order (each datagram is "
                                "delivered when it arrives)."),
               messages(std::uint64_t(u.totals.outOfOrder))) +
        " " +
        //: %1: "TCP delivered 100 of 100 messages in order".
        trArgs(SL_TR("socklab", "%1: the receiving kernel kept what came early until the gap was "
                                "filled, then passed the bytes on in sequence."),
               tcpDelivered(t));
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
        trArgs(SL_TR("socklab", "The wire delivered %1 and %2 twice."), udpDatagrams(udpTwice),
               tcpDataSegments(tcpTwice)) +
        " " +
        trArgs(SL_TR("socklab", "UDP gave %1 to the application twice."),
               messages(std::uint64_t(u.totals.duplicated))) +
        " " +
        trArgs(SL_TR("socklab", "TCP received %1 bytes for the %2 sent, each once: the receiving "
                                "kernel recognised the copies by their sequence numbers and "
                                "dropped them."),
               t.totals.bytesReceived, t.totals.bytesSent);
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
        minUs <= maxUs
            ? trArgs(SL_TR("socklab", "The wire held each UDP packet %1 to %2 (%3 ms +/- %4 ms)."),
                     labMillisText(std::int64_t(minUs) * 1000),
                     labMillisText(std::int64_t(maxUs) * 1000), way.delay_ms, way.jitter_ms)
            : trArgs(SL_TR("socklab", "The wire held each UDP packet - (%1 ms +/- %2 ms)."),
                     way.delay_ms, way.jitter_ms);
    addSentence(text,
                trArgs(SL_TR("socklab", "UDP latency: min %1, median %2, max %3, and %4 out of "
                                        "order: this wire keeps packets in the order they came "
                                        "even with jitter (a packet never overtakes an earlier "
                                        "one, so it may wait for it; Linux's netem would "
                                        "reorder them instead)."),
                       ms(u.latency.minNs), ms(u.latency.p50Ns), ms(u.latency.maxNs),
                       messages(std::uint64_t(u.totals.outOfOrder))));
    //: %1: "TCP delivered 50 of 50 messages in order"; %2: "52.1 ms".
    addSentence(text, trArgs(SL_TR("socklab", "%1, median latency %2."), tcpDelivered(t),
                             ms(t.latency.p50Ns)));
    if (t.latency.p50Ns && u.latency.p50Ns && *t.latency.p50Ns > *u.latency.p50Ns * 5 / 4) {
        addSentence(text, SL_TR("socklab", "TCP's latency is higher: with Nagle on, a small write "
                                           "waits while earlier data is unacknowledged, and an "
                                           "acknowledgement takes a round trip over this link."));
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
    const std::uint64_t average = segments > 0 ? payload / segments : 0;
    std::string text =
        noDelay ? trArgs(SL_TR("socklab", "With TCP_NODELAY (Nagle off), %1 of %2 bytes left A as "
                                          "%3 (%4 bytes of data each on average; %5 bytes of "
                                          "packets for %6 bytes of data)."),
                         socklab::lab_experiments::writes(writes), t.schedule.size,
                         tcpSegments(segments), average, onWire, payload)
                : trArgs(SL_TR("socklab", "With Nagle on, %1 of %2 bytes left A as %3 (%4 bytes of "
                                          "data each on average; %5 bytes of packets for %6 bytes "
                                          "of data)."),
                         socklab::lab_experiments::writes(writes), t.schedule.size,
                         tcpSegments(segments), average, onWire, payload);
    addSentence(
        text, noDelay ? SL_TR("socklab", "Every small write went out at once in a packet of its "
                                         "own, each paying for its headers on the slow link.")
                      : SL_TR("socklab", "While data was unacknowledged, Nagle's algorithm held "
                                         "small writes back and sent them together: fewer, larger "
                                         "packets, each a little later."));
    //: %2: "TCP delivered 60 of 60 messages in order".
    addSentence(text, trArgs(SL_TR("socklab", "UDP sent %1, one per write. %2."),
                             datagrams(ev.udp.writes.size()), tcpDelivered(t)));
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
    //: How many IP fragments each datagram left as, put in at %4 of "UDP: each %1-byte message
    //: ...": "no" (none was fragmented), "3", or a range "2 to 3".
    const std::string fragmentCount =
        datagrams.empty() ? SL_TR("socklab", "no")
        : minFragments == maxFragments
            ? std::to_string(minFragments)
            : trArgs(SL_TR("socklab", "%1 to %2"), minFragments, maxFragments);
    std::string text = trArgs(
        SL_TR("socklab", "UDP: each %1-byte message (%2 bytes with its UDP header) is "
                         "larger than the %3-byte MTU, so it left A as %4 IP fragments (all "
                         "but the last with the More Fragments flag, each at its offset; "
                         "%5 fragmented, %6 not)."),
        u.schedule.size, u.schedule.size + 8, mtu, fragmentCount,
        socklab::lab_experiments::datagrams(datagrams.size()),
        counted(whole, SL_TR("socklab", "%1 UDP packet"), SL_TR("socklab", "%1 UDP packets")));
    addSentence(
        text,
        partlyArrived > 0
            ? trArgs(SL_TR("socklab", "The wire dropped a fragment of %1; each of them was lost "
                                      "whole, although %2 of them arrived: the receiver can "
                                      "only deliver a datagram it has reassembled completely "
                                      "(%3 lost, %4 delivered)."),
                     socklab::lab_experiments::datagrams(std::uint64_t(lostWhole)),
                     counted(std::uint64_t(fragmentsInVain), SL_TR("socklab", "%1 fragment"),
                             SL_TR("socklab", "%1 fragments")),
                     u.totals.lost, u.totals.delivered)
            : trArgs(SL_TR("socklab", "The wire dropped a fragment of %1; each of them was lost "
                                      "whole, no fragment of them arrived: the receiver can "
                                      "only deliver a datagram it has reassembled completely "
                                      "(%2 lost, %3 delivered)."),
                     socklab::lab_experiments::datagrams(std::uint64_t(lostWhole)), u.totals.lost,
                     u.totals.delivered));
    //: %4: "TCP delivered 40 of 40 messages in order".
    addSentence(
        text,
        trArgs(SL_TR("socklab", "TCP cut the same bytes into %1 of at most %2 bytes (its "
                                "MSS is %3), none fragmented; %4 by sending again only "
                                "the segments the wire dropped."),
               counted(segments, SL_TR("socklab", "%1 segment"), SL_TR("socklab", "%1 segments")),
               largest, mss, tcpDelivered(t)));
    return {holds, text};
}

} // namespace socklab::lab_experiments
