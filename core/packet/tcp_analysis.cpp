#include "core/packet/tcp_analysis.h"

#include <algorithm>
#include <tuple>

namespace socklab {

namespace {

// Analysis flags of one segment (kept per side as "the last segment's flags", as Wireshark).
enum : std::uint32_t {
    kZeroWindowProbe = 1u << 0,
    kZeroWindow = 1u << 1,
    kLost = 1u << 2,
    kKeepAlive = 1u << 3,
    kWindowUpdate = 1u << 4,
    kWindowFull = 1u << 5,
    kKeepAliveAck = 1u << 6,
    kZeroWindowProbeAck = 1u << 7,
    kDuplicateAck = 1u << 8,
    kAckedUnseen = 1u << 9,
    kSpurious = 1u << 10,
    kFastRetransmission = 1u << 11,
    kOutOfOrder = 1u << 12,
    kRetransmission = 1u << 13,
};

constexpr std::int64_t kFastRetransmissionWindowNs = 20'000'000; // 20 ms
constexpr std::int64_t kDefaultOutOfOrderNs = 3'000'000;         // 3 ms while no RTT is known

// Sequence-space comparisons (modulo 2^32).
bool seqGt(std::uint32_t a, std::uint32_t b) {
    return static_cast<std::int32_t>(a - b) > 0;
}
bool seqLt(std::uint32_t a, std::uint32_t b) {
    return static_cast<std::int32_t>(a - b) < 0;
}
bool seqLe(std::uint32_t a, std::uint32_t b) {
    return static_cast<std::int32_t>(a - b) <= 0;
}

// A time difference that Wireshark computes unsigned: "earlier than" never counts as "soon".
bool within(std::int64_t delta, std::int64_t limit) {
    return delta >= 0 && delta < limit;
}

} // namespace

bool TcpMarks::anyMark() const {
    return retransmission || fastRetransmission || spuriousRetransmission || outOfOrder ||
           lostSegment || ackedUnseen || duplicateAck || zeroWindow || zeroWindowProbe ||
           zeroWindowProbeAck || keepAlive || keepAliveAck || windowUpdate || windowFull ||
           portsReused;
}

void TcpAnalyzer::reset() {
    conversations_.clear();
    byKey_.clear();
    totals_ = {};
}

TcpAnalyzer::Conversation& TcpAnalyzer::newConversation(const Key& key, const IpAddress& src,
                                                        std::uint16_t srcPort) {
    Conversation c;
    c.index = static_cast<std::uint32_t>(conversations_.size());
    c.firstAddr = src;
    c.firstPort = srcPort;
    conversations_.push_back(c);
    byKey_[key] = conversations_.size() - 1;
    ++totals_.conversations;
    return conversations_.back();
}

TcpMarks TcpAnalyzer::feed(const DecodedPacket& p, std::int64_t timeNs) {
    TcpMarks m;
    if (!p.tcp || p.tcp->partial || !p.ipComplete || p.ip.isFragment()) {
        return m;
    }
    const TcpHeader& t = *p.tcp;
    m.tcp = true;
    ++totals_.packets;

    Key key{p.ip.src, p.ip.dst, t.srcPort, t.dstPort};
    if (std::tie(key.b, key.portB) < std::tie(key.a, key.portA)) {
        std::swap(key.a, key.b);
        std::swap(key.portA, key.portB);
    }
    const auto found = byKey_.find(key);
    Conversation* c = found == byKey_.end() ? &newConversation(key, p.ip.src, t.srcPort)
                                            : &conversations_[found->second];
    int fwd = c->firstAddr == p.ip.src && c->firstPort == t.srcPort ? 0 : 1;

    const bool syn = t.has(TcpFlag::Syn);
    const bool ack = t.has(TcpFlag::Ack);
    // A SYN (or SYN-ACK) that does not repeat the side's ISN, or one after a FIN or RST,
    // starts a new conversation on the same ports. A repeated SYN restores the side's next
    // sequence number (a RST may have moved it).
    if (syn) {
        Flow& f = c->flows[fwd];
        if (f.baseSet && (t.seq != f.base || c->sawRst || c->sawFin)) {
            c = &newConversation(key, p.ip.src, t.srcPort);
            fwd = 0;
            m.portsReused = true;
        } else if (f.baseSet && !ack) {
            f.nextSeq = f.maxSeqToBeAcked;
        }
    }
    Flow& f = c->flows[fwd];
    Flow& r = c->flows[1 - fwd];
    if (!f.baseSet) {
        f.base = syn ? t.seq : t.seq - 1;
        f.baseSet = true;
    }
    if (!r.baseSet && ack) {
        r.base = t.ack - 1;
        r.baseSet = true;
    }

    const auto seglen = static_cast<std::uint32_t>(t.segmentLength);
    std::uint32_t flags = analyze(*c, fwd, t, seglen, timeNs, m);

    if (syn) {
        if (!ack) {
            c->synTime = timeNs;
        }
        f.isFirstAck = true;
    }
    if (syn == false && ack) {
        if (c->synTime >= 0 && c->firstRtt == 0) {
            c->firstRtt = timeNs - c->synTime;
        }
        f.isFirstAck = false;
    }
    if ((t.flags & (TcpFlag::Fin | TcpFlag::Ack)) == (TcpFlag::Fin | TcpFlag::Ack)) {
        c->sawFin = true;
    }
    if (t.has(TcpFlag::Rst)) {
        c->sawRst = true;
    }

    // The window as Wireshark calculates it, with the scale known before this packet's options.
    m.window = t.window;
    if (!syn && f.winScale >= 0) {
        m.window = static_cast<std::uint32_t>(t.window) << f.winScale;
    }
    // Options: window scale (any segment, as Wireshark), then a "window update" that carries
    // SACK blocks is a duplicate ACK after all.
    if (t.windowScale) {
        f.winScale = std::min<int>(*t.windowScale, 14);
    }
    if ((flags & kWindowUpdate) && !t.sack.empty()) {
        flags = (flags & ~kWindowUpdate) | kDuplicateAck;
        ++f.dupAckNum;
        m.duplicateAckNum = f.dupAckNum;
    }
    // Window scaling is in use only when both SYNs carried the option.
    if (syn) {
        if (f.winScale == -1) {
            f.winScale = -2;
            r.winScale = -2;
        } else if (ack && r.winScale == -2) {
            f.winScale = -2;
        }
    }

    m.conversation = c->index;
    m.fromFirst = fwd == 0;
    m.seqBase = f.base;
    m.ackBase = ack ? r.base : 0;
    m.relSeq = t.seq - f.base;
    m.relAck = ack ? t.ack - r.base : 0;
    m.segmentLength = seglen;
    m.relNextSeq = m.relSeq + seglen + ((t.flags & (TcpFlag::Syn | TcpFlag::Fin)) != 0 ? 1u : 0u);
    m.windowScale = f.winScale;
    if (seglen > 0) {
        // Sequence space arithmetic: a long transfer wraps the 32-bit numbers.
        const std::uint32_t end = m.relSeq + seglen;
        m.resent = f.dataSeen && (syn || seqLt(m.relSeq, f.dataEnd));
        if (!f.dataSeen || seqGt(end, f.dataEnd)) {
            f.dataEnd = end;
        }
        f.dataSeen = true;
    }

    m.zeroWindowProbe = (flags & kZeroWindowProbe) != 0;
    m.zeroWindow = (flags & kZeroWindow) != 0;
    m.lostSegment = (flags & kLost) != 0;
    m.keepAlive = (flags & kKeepAlive) != 0;
    m.windowUpdate = (flags & kWindowUpdate) != 0;
    m.windowFull = (flags & kWindowFull) != 0;
    m.keepAliveAck = (flags & kKeepAliveAck) != 0;
    m.zeroWindowProbeAck = (flags & kZeroWindowProbeAck) != 0;
    m.duplicateAck = (flags & kDuplicateAck) != 0;
    m.ackedUnseen = (flags & kAckedUnseen) != 0;
    m.spuriousRetransmission = (flags & kSpurious) != 0;
    m.fastRetransmission = (flags & kFastRetransmission) != 0;
    m.outOfOrder = (flags & kOutOfOrder) != 0;
    m.retransmission = (flags & kRetransmission) != 0;
    if (!m.duplicateAck) {
        m.duplicateAckNum = 0;
    }

    totals_.retransmissions += m.anyRetransmission() ? 1 : 0;
    totals_.fastRetransmissions += m.fastRetransmission ? 1 : 0;
    totals_.spuriousRetransmissions += m.spuriousRetransmission ? 1 : 0;
    totals_.outOfOrder += m.outOfOrder ? 1 : 0;
    totals_.lostSegments += m.lostSegment ? 1 : 0;
    totals_.duplicateAcks += m.duplicateAck ? 1 : 0;
    totals_.zeroWindows += m.zeroWindow ? 1 : 0;
    totals_.resent += m.resent ? 1 : 0;
    totals_.zeroWindowProbes += m.zeroWindowProbe ? 1 : 0;
    totals_.keepAlives += m.keepAlive ? 1 : 0;
    totals_.windowFull += m.windowFull ? 1 : 0;
    return m;
}

// Wireshark's tcp_analyze_sequence_number(), same tests in the same order. f is the sending
// side, r the other one; seq/ack/window are the raw header values.
std::uint32_t TcpAnalyzer::analyze(Conversation& c, int fwd, const TcpHeader& t,
                                   std::uint32_t seglen, std::int64_t now, TcpMarks& m) {
    Flow& f = c.flows[fwd];
    Flow& r = c.flows[1 - fwd];
    const std::uint32_t seq = t.seq;
    const std::uint32_t ack = t.ack;
    const std::uint32_t window = t.window;
    const bool synFinRst = (t.flags & (TcpFlag::Syn | TcpFlag::Fin | TcpFlag::Rst)) != 0;
    const bool synFin = (t.flags & (TcpFlag::Syn | TcpFlag::Fin)) != 0;
    std::uint32_t flags = 0;

    // The per-side checks; the first of zero window probe, keep-alive ACK, zero window probe
    // ACK and duplicate ACK that matches ends them.
    [&] {
        // Zero window probe: the next expected byte, alone, while the other side's window is 0.
        if (seglen == 1 && seq == f.nextSeq && r.window == 0) {
            flags |= kZeroWindowProbe;
            return;
        }
        if (window == 0 && !synFinRst) {
            flags |= kZeroWindow;
        }
        // Previous segment not captured: beyond the next expected sequence number.
        if (f.nextSeq != 0 && seqGt(seq, f.nextSeq) && !t.has(TcpFlag::Rst)) {
            flags |= kLost;
        }
        // Keep-alive: 0 or 1 byte starting one byte before the next expected one.
        if ((seglen == 0 || seglen == 1) && seq == f.nextSeq - 1 && !synFinRst) {
            flags |= kKeepAlive;
        }
        // Window update: no data, same seq and ack as before, another (non-zero) window.
        if (seglen == 0 && window != 0 && window != f.window && seq == f.nextSeq &&
            ack == f.lastAck && !synFinRst) {
            flags |= kWindowUpdate;
        }
        // Window full: the data reaches the right edge of the other side's advertised window.
        if (seglen > 0 && r.winScale != -1 && !synFinRst) {
            const int shift = r.isFirstAck ? 0 : (r.winScale == -2 ? 0 : r.winScale);
            if (seq + seglen == r.lastAck + (r.window << shift)) {
                flags |= kWindowFull;
            }
        }
        const bool repeat =
            seglen == 0 && window == f.window && seq == f.nextSeq && ack == f.lastAck && !synFinRst;
        if (repeat && window != 0 && (r.lastSegmentFlags & kKeepAlive) != 0) {
            flags |= kKeepAliveAck;
            return;
        }
        if (repeat && window == 0 && (r.lastSegmentFlags & kZeroWindowProbe) != 0) {
            flags |= kZeroWindowProbeAck;
            return;
        }
        if (repeat && window != 0) {
            ++f.dupAckNum;
            flags |= kDuplicateAck;
            m.duplicateAckNum = f.dupAckNum;
        }
    }();

    if (ack != f.lastAck) {
        f.dupAckNum = 0;
    }

    // ACKed unseen segment: this acknowledges more than the other side was seen to send (in
    // sequence); the limit then moves to the furthest byte seen so the mark is not repeated
    // for the same gap.
    if (r.maxSeqToBeAcked != 0 && seqGt(ack, r.maxSeqToBeAcked) && t.has(TcpFlag::Ack)) {
        flags |= kAckedUnseen;
        r.maxSeqToBeAcked = r.nextSeq;
    }

    // Retransmission, fast retransmission, out-of-order (segments with data, SYN or FIN).
    if (seglen > 0 || synFin) {
        [&] {
            if (flags & kKeepAlive) {
                return;
            }
            bool notAdvanced = f.nextSeq != 0 && seqLt(seq, f.nextSeq);
            // More than one byte starting one before the next expected: new data after a
            // zero window probe, not a retransmission.
            if (seglen > 1 && f.nextSeq - 1 == seq) {
                notAdvanced = false;
            }
            // Spurious: every byte was already acknowledged by the other side.
            if (seglen > 0 && r.lastAck != 0 && seqLe(seq + seglen, r.lastAck)) {
                flags |= kSpurious;
                return;
            }
            // Fast: what the other side's duplicate ACKs (at least 2) ask for, within 20 ms.
            if (notAdvanced && r.dupAckNum >= 2 && r.lastAck == seq &&
                within(now - r.lastAckTime, kFastRetransmissionWindowNs)) {
                flags |= kFastRetransmission;
                return;
            }
            // Out-of-order: sooner than one RTT after the furthest segment, and not a repeat of
            // the last one (unless that one carried no data).
            const std::int64_t threshold = c.firstRtt != 0 ? c.firstRtt : kDefaultOutOfOrderNs;
            if (notAdvanced && within(now - f.nextSeqTime, threshold)) {
                if (f.nextSeq != seq + seglen + (synFin ? 1u : 0u) || f.lastAckLen == 0) {
                    flags |= kOutOfOrder;
                    return;
                }
            }
            if (notAdvanced) {
                flags |= kRetransmission;
            }
        }();
    }

    std::uint32_t nextseq = seq + seglen + (synFin ? 1u : 0u);
    if (f.nextSeq == 0 || seqGt(nextseq, f.nextSeq + (synFin ? 1u : 0u))) {
        f.lastAckLen = seglen;
    }
    // The furthest sequence number seen (a zero window probe does not advance it).
    if ((seqGt(nextseq, f.nextSeq) || f.nextSeq == 0) && !(flags & kZeroWindowProbe)) {
        f.nextSeq = nextseq;
        f.nextSeqTime = now;
    }
    if ((seq == f.maxSeqToBeAcked || f.maxSeqToBeAcked == 0) && !(flags & kZeroWindowProbe)) {
        f.maxSeqToBeAcked = f.nextSeq;
    }
    f.window = window;
    f.lastAck = ack;
    f.lastAckTime = now;
    f.lastSegmentFlags = flags;
    return flags;
}

} // namespace socklab
