#pragma once

#include "core/lab/lab_report.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace socklab {

/// Figures of the TCP run the caller knows from elsewhere; shown as "-" when absent. None of
/// them applies to UDP (its column shows "-").
struct LabTableExtras {
    std::optional<std::uint64_t> wireRetransmissions; ///< WireFigures::resentAtoB (the sender's resent segments)
    std::optional<std::uint32_t> tcpRetransmits;      ///< TCP_INFO total retransmits (sender)
    std::optional<std::uint32_t> rttUs;               ///< TCP_INFO smoothed rtt (sender)
    std::optional<std::uint32_t> cwnd;                ///< TCP_INFO congestion window, segments
};

/// One figure of the table: its label and the two columns' texts.
struct LabTableRow {
    std::string label;
    std::string tcp;
    std::string udp;
};

/// The table's rows (see formatLabTable), for front ends that lay them out themselves.
[[nodiscard]] std::vector<LabTableRow> labTableRows(const LabProtocolReport& tcp,
                                                    const LabProtocolReport& udp,
                                                    const LabTableExtras& extras);

/// The two runs side by side, one figure per line, columns "TCP" and "UDP":
///
///                                TCP     UDP
///     delivered                  3/3     2/3
///     lost                         0       1
///     ...
///     latency p99           300.0 ms  1.0 ms
///     wire retransmissions         2       -
///
/// Rows: delivered (N/scheduled), unsent (only when a run has unsent messages), lost,
/// duplicated, out of order, late, garbled, latency p50, latency p99 (ms, one decimal, "-"
/// when nothing was delivered), wire retransmissions, TCP retransmits, rtt (ms, one decimal),
/// cwnd. Labels left-aligned, values right-aligned, two spaces between columns, no trailing
/// spaces, '\n' after every line.
[[nodiscard]] std::string formatLabTable(const LabProtocolReport& tcp, const LabProtocolReport& udp,
                                         const LabTableExtras& extras);

/// Nanoseconds as milliseconds with one decimal, rounded half away from zero: "1.3 ms".
[[nodiscard]] std::string labMillisText(std::int64_t ns);

} // namespace socklab
