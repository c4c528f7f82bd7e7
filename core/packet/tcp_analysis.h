#pragma once

// TCP conversation tracking and sequence analysis of a packet capture, following Wireshark's
// tcp.analysis rules (epan/dissectors/packet-tcp.c, tcp_analyze_sequence_number() as in
// Wireshark 4.0, re-implemented):
//
//   TcpAnalyzer a;
//   for (each captured packet, in capture order) {
//       const DecodedPacket p = decodePacket(bytes);
//       const TcpMarks m = a.feed(p, timeNs);       // m.tcp is false for non-TCP packets
//       packetSummary(p, &m);
//   }
//   a.totals().retransmissions ...
//
// Tests are made in Wireshark's order: zero window probe, zero window, previous segment not
// captured, keep-alive, window update, window full, keep-alive ACK, zero window probe ACK,
// duplicate ACK; then ACKed unseen segment; then, for segments carrying data, SYN or FIN:
// spurious retransmission, fast retransmission, out-of-order, retransmission.
//
// Timing thresholds (as Wireshark): a fast retransmission comes less than 20 ms after the last
// ACK of the other side, which must have been duplicated at least twice and name this
// segment's sequence number; an out-of-order segment comes less than the conversation's first
// RTT (SYN to the first ACK without SYN; 3 ms while unknown) after the segment that advanced
// the sequence furthest. Otherwise a segment below the next expected sequence number is a
// retransmission.
//
// ACKed unseen segment: an ACK beyond the furthest in-sequence byte seen from the other side;
// that limit then jumps to the other side's furthest byte (Wireshark 4.0's rule, so a second
// ACK over the same gap can be marked again).
//
// tests/core/test_tcp_analysis.cpp compares every mark, relative number and window with the
// installed tshark (4.0) on hand-built conversations. Known differences from Wireshark:
//  - Wireshark 4.2+ measures the out-of-order delay from the other side's last ACK instead of
//    from the furthest segment, tracks unacknowledged segments to refine "ACKed unseen" and
//    retransmission-versus-out-of-order, and adds SACK-based fast retransmission and
//    duplicate-ACK discovery; this follows 4.0 (the tests' out-of-order timings are
//    unambiguous under both rules; their second "ACKed unseen" mark is 4.0-only).
//  - A window update carrying SACK blocks becomes a duplicate ACK (as Wireshark); other
//    SACK-based analysis is not done.
//  - IP fragments are not reassembled: a fragmented TCP segment is not analysed.
//  - Segments inside ICMP errors are never analysed (as Wireshark).
//  - Bytes in flight, RTT, RTO and the 1000-unacked-segments cap are not modelled.

#include "core/packet/packet.h"

#include <cstdint>
#include <map>
#include <vector>

namespace socklab {

/// What the analyzer says about one packet.
struct TcpMarks {
    bool tcp = false;               ///< the packet had a TCP header (else nothing below is set)
    std::uint32_t conversation = 0; ///< 0-based index, in order of first packet (tcp.stream)
    /// The packet goes from the conversation's first sender (usually the client) to the other.
    bool fromFirst = true;
    std::uint32_t relSeq = 0;  ///< seq - this side's base (ISN; seq-1 when the SYN was not seen)
    std::uint32_t relAck = 0;  ///< ack - the other side's base; 0 when ACK is not set
    std::uint32_t seqBase = 0; ///< the bases used (raw numbers)
    std::uint32_t ackBase = 0;
    std::uint32_t relNextSeq = 0;    ///< relSeq + segment length (+1 for SYN/FIN) (tcp.nxtseq)
    std::uint32_t segmentLength = 0; ///< payload bytes (as the IP header says) (tcp.len)
    /// Calculated window (tcp.window_size): the raw field shifted by the sender's window scale
    /// once both SYNs carried one (never for a SYN); raw while unknown.
    std::uint32_t window = 0;
    /// The sender's window scale shift; -1 unknown (no SYN seen), -2 not in use.
    int windowScale = -1;

    bool retransmission = false;         ///< tcp.analysis.retransmission (only the plain kind)
    bool fastRetransmission = false;     ///< tcp.analysis.fast_retransmission
    bool spuriousRetransmission = false; ///< tcp.analysis.spurious_retransmission
    bool outOfOrder = false;             ///< tcp.analysis.out_of_order
    bool lostSegment = false;            ///< tcp.analysis.lost_segment (previous not captured)
    bool ackedUnseen = false;            ///< tcp.analysis.ack_lost_segment
    bool duplicateAck = false;           ///< tcp.analysis.duplicate_ack
    std::uint32_t duplicateAckNum = 0;   ///< tcp.analysis.duplicate_ack_num (1, 2, ...)
    bool zeroWindow = false;             ///< tcp.analysis.zero_window
    bool zeroWindowProbe = false;        ///< tcp.analysis.zero_window_probe
    bool zeroWindowProbeAck = false;     ///< tcp.analysis.zero_window_probe_ack
    bool keepAlive = false;              ///< tcp.analysis.keep_alive
    bool keepAliveAck = false;           ///< tcp.analysis.keep_alive_ack
    bool windowUpdate = false;           ///< tcp.analysis.window_update
    bool windowFull = false;             ///< tcp.analysis.window_full
    bool portsReused = false;            ///< tcp.analysis.reused_ports (a new conversation)
    /// Not one of Wireshark's marks: the segment carries data and starts below the furthest
    /// sequence number seen in its direction (or is a SYN with data after data). On a capture
    /// taken where the sender's packets leave (the lab wire) only a resend can do that, so it
    /// counts what the sender's tcpi_total_retrans counts for data; elsewhere a segment that
    /// fills a hole the capture missed counts too. Unlike the marks above it does not classify.
    bool resent = false;

    /// Any of Wireshark's three retransmission kinds (what the filter tcp.analysis.retransmission
    /// matches: Wireshark adds that expert item to fast and spurious ones too).
    [[nodiscard]] bool anyRetransmission() const {
        return retransmission || fastRetransmission || spuriousRetransmission;
    }
    /// Any analysis mark at all (tcp.analysis.flags, window updates included).
    [[nodiscard]] bool anyMark() const;
};

/// Running totals over everything fed so far.
struct TcpTotals {
    std::uint64_t packets = 0; ///< TCP packets fed
    std::uint64_t conversations = 0;
    std::uint64_t retransmissions = 0; ///< all three kinds (plain, fast, spurious)
    std::uint64_t fastRetransmissions = 0;
    std::uint64_t spuriousRetransmissions = 0;
    std::uint64_t outOfOrder = 0;
    std::uint64_t lostSegments = 0;
    std::uint64_t duplicateAcks = 0;
    std::uint64_t zeroWindows = 0;
    std::uint64_t zeroWindowProbes = 0;
    std::uint64_t keepAlives = 0;
    std::uint64_t windowFull = 0;
    std::uint64_t resent = 0; ///< see TcpMarks::resent

    friend bool operator==(const TcpTotals&, const TcpTotals&) = default;
};

class TcpAnalyzer {
public:
    /// Analyse the next packet of the capture (capture order, timeNs = its capture time in
    /// any fixed epoch). Non-TCP packets, IP fragments and packets whose TCP header is cut
    /// return marks with tcp == false (a cut header) or only the header facts (a cut payload
    /// is analysed with the length the IP header claims).
    TcpMarks feed(const DecodedPacket& packet, std::int64_t timeNs);

    [[nodiscard]] const TcpTotals& totals() const { return totals_; }
    /// Conversations seen so far.
    [[nodiscard]] std::size_t conversationCount() const { return conversations_.size(); }
    /// Forget everything (indexes restart at 0).
    void reset();

private:
    struct Flow {
        bool baseSet = false;
        std::uint32_t base = 0;
        int winScale = -1;                  ///< -1 unknown, -2 none, >= 0 shift
        std::uint32_t window = 0xffffffffu; ///< last raw window; unknown = max
        std::uint32_t nextSeq = 0;          ///< 0 = unknown (as Wireshark)
        std::int64_t nextSeqTime = 0;
        std::uint32_t lastAck = 0;
        std::int64_t lastAckTime = 0;
        std::uint32_t maxSeqToBeAcked = 0;
        std::uint32_t lastAckLen = 0;
        std::uint32_t dupAckNum = 0;
        std::uint32_t lastSegmentFlags = 0;
        bool isFirstAck = false;
        bool dataSeen = false;     ///< any segment with data (TcpMarks::resent)
        std::uint32_t dataEnd = 0; ///< relative end of the furthest data seen
    };
    struct Conversation {
        std::uint32_t index = 0;
        IpAddress firstAddr; ///< the first packet's sender
        std::uint16_t firstPort = 0;
        Flow flows[2]; ///< [0]: from the first sender, [1]: towards it
        bool sawFin = false;
        bool sawRst = false;
        std::int64_t synTime = -1; ///< most recent SYN (without ACK)
        std::int64_t firstRtt = 0; ///< 0 = unknown
    };
    struct Key {
        IpAddress a;
        IpAddress b;
        std::uint16_t portA = 0;
        std::uint16_t portB = 0;
        friend auto operator<=>(const Key&, const Key&) = default;
    };

    std::uint32_t analyze(Conversation& c, int fwd, const TcpHeader& t, std::uint32_t seglen,
                          std::int64_t now, TcpMarks& m);
    Conversation& newConversation(const Key& key, const IpAddress& src, std::uint16_t srcPort);

    std::vector<Conversation> conversations_;
    std::map<Key, std::size_t> byKey_; ///< the current conversation of each 4-tuple
    TcpTotals totals_;
};

} // namespace socklab
