#pragma once
// What `socklab-cli lab` prints and writes after a run, shared by the schedule run (the
// LabConductor) and the scripted experiments (a LabScript): the wire's packets (--packets),
// its pcapng (--pcapng), the ladder diagram (--ladder-svg), an experiment's heading and claim.

#include "core/lab/lab_experiments.h"
#include "core/lab/lab_ladder_input.h"
#include "core/lab/lab_timeline.h"

#include <span>
#include <string>
#include <string_view>

namespace socklab::cli {

/// The outputs of the wire a run asked for.
struct LabWireOutputs {
    bool packets = false;
    std::string pcapng;    ///< "" = none
    std::string ladderSvg; ///< "" = none
    LadderMode ladderMode = LadderMode::Sequence;
    bool ipv6 = false;
    std::string title; ///< the ladder's title
    [[nodiscard]] bool any() const { return packets || !pcapng.empty() || !ladderSvg.empty(); }
};

/// Print the wire's packets (when asked), write the pcapng and the ladder (when asked).
/// wire == nullptr (a fallback run): each asked output fails with a notice. Returns false when
/// anything failed (the failure is on stderr).
bool emitWireOutputs(const LabWireOutputs& outputs, const TrafficStore* wire,
                     std::span<const LabLadderSocket> sockets);

/// "wire packets:" then one line per packet of the wire's capture, in capture order:
///   "   12.345 ms  A->B  <packetSummary with TcpAnalyzer marks>  => <fate>"
/// time since the first packet entered the wire; fate: "dropped", "duplicated", "corrupted",
/// "reordered", "truncated" as they apply, then "held N.N ms" (how long the wire held it)
/// unless dropped, or "in flight".
void printWirePackets(const TrafficStore& wire);

/// Write --timeline's CSV (formatLabTimelineCsv) atomically; false when it failed (on stderr).
bool writeTimelineCsv(const LabTimeline& timeline, const std::string& path);

/// The fate part of a --packets line.
[[nodiscard]] std::string wireFateText(std::uint16_t flags, std::uint32_t wireDelayUs);

/// The title line and the explanation, wrapped at 78 columns, then an empty line.
void printExperimentHeading(const LabExperiment& experiment);

/// "claim holds: <text>" / "claim does not hold: <text>".
void printClaim(const LabClaim& claim);

/// `text` wrapped at `width` columns (words never split).
[[nodiscard]] std::string wrapText(std::string_view text, std::size_t width);

} // namespace socklab::cli
