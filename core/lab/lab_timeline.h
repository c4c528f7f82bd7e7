#pragma once
// TCP over time in a lab run: the sender's TCP_INFO as the conductor sampled it, next to what
// the wire saw of TCP (segments resent, segments dropped), on one time axis.

#include "core/lab/lab_conductor.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace socklab {

class TrafficStore;

/// Times are ns since the run started sending (negative: during the handshake).
struct LabTimeline {
    struct TcpInfoPoint {
        std::int64_t atNs = 0;
        TcpInfoSnapshot info;
    };
    std::vector<TcpInfoPoint> tcpInfo; ///< the sender's TCP_INFO, in time order
    std::vector<std::int64_t>
        resentAtoB; ///< TCP segments host A sent again (RecordFlag::WireResent)
    std::vector<std::int64_t> resentBtoA;
    std::vector<std::int64_t> droppedAtoB; ///< TCP packets from host A the wire dropped
    std::vector<std::int64_t> droppedBtoA;
    std::int64_t firstNs = 0; ///< the earliest time above (<= 0)
    std::int64_t lastNs = 0;  ///< the latest time above (>= 0)

    [[nodiscard]] bool empty() const {
        return tcpInfo.empty() && resentAtoB.empty() && resentBtoA.empty() && droppedAtoB.empty() &&
               droppedBtoA.empty();
    }
};

/// Builds a run's timeline and keeps it current: update() reads only the wire records added
/// since the last call (their flags are final when recorded), so the GUI can call it at frame
/// rate during a run.
class LabTimelineBuilder {
public:
    /// originNs: the monotonic ns that becomes time 0 (the conductor's sendStartNs(); a new
    /// origin starts over; 0, not sending yet: the timeline stays empty). samples: all TCP_INFO
    /// samples so far (the conductor keeps them). wire: the wire's capture (nullptr: no wire, as in
    /// the fallback).
    void update(std::int64_t originNs, std::span<const LabTcpInfoSample> samples,
                const TrafficStore* wire);
    [[nodiscard]] const LabTimeline& timeline() const { return m_timeline; }

private:
    void extend(std::int64_t atNs);

    std::int64_t m_originNs = 0;
    std::uint64_t m_nextSeq = 0;
    LabTimeline m_timeline;
};

/// The timeline as CSV (one row per TCP_INFO sample and per wire event, in time order):
/// time_ms,source,event,rtt_ms,rttvar_ms,cwnd,unacked,retransmits,total_retrans,
/// wire_resent_a_to_b,wire_resent_b_to_a,wire_dropped_a_to_b,wire_dropped_b_to_a. Wire rows
/// leave the TCP_INFO columns empty; every row carries the wire's running counts at its time, so
/// each row stands alone in a spreadsheet. Numbers use '.' in any locale.
[[nodiscard]] std::string formatLabTimelineCsv(const LabTimeline& timeline);

} // namespace socklab
