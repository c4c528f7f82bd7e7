#pragma once
// The lab's guided experiments: each one click in a front end, with a paragraph on what to look
// for, and a claim that checks a finished run and says in plain words what happened.
//
// Two kinds:
//   Schedule: a LabRunSettings preset for the LabConductor (TCP and UDP send the same
//     messages over the impaired wire); runClaim() reads the run's two reports, the sender's
//     TCP_INFO, the wire's figures and the wire's capture.
//   Script: socket lifecycle steps for a LabScript (open, wait, send, shut down, close...);
//     scriptClaim() reads the script's actors, their captures and the wire's capture.

#include "core/lab/lab_conductor.h"
#include "core/lab/lab_report.h"
#include "core/lab/lab_script.h"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace socklab {

class TrafficStore;

/// What an experiment's run showed: whether the claim it teaches held, and what happened in
/// this run in plain words ("TCP delivered 50 of 50 messages in order after 6
/// retransmissions; UDP lost 5 and delivered 45.").
struct LabClaim {
    bool holds = false;
    std::string text;
};

/// A finished LabConductor run (Done) of a schedule experiment.
struct LabRunEvidence {
    const LabRunSettings& settings;
    const LabProtocolReport& tcp;
    const LabProtocolReport& udp;
    const std::optional<TcpInfoSnapshot>& tcpInfo; ///< LabConductor::tcpInfo()
    const std::optional<WireFigures>& wireFigures; ///< LabConductor::wireFigures()
    const TrafficStore* wire = nullptr; ///< the wire session's capture; nullptr in a fallback run
};

/// A finished LabScript (Done) of a scripted experiment.
struct LabScriptEvidence {
    const LabScript& script;
    const TrafficStore* wire = nullptr; ///< the capture of script.wire()
    /// The capture of one of the script's sessions (nullptr when unknown).
    std::function<const TrafficStore*(SessionId)> store;
};

enum class LabExperimentKind : std::uint8_t {
    Schedule = 1, ///< settings + runClaim
    Script,       ///< steps + scriptClaim
};

struct LabExperiment {
    std::string_view id;    ///< "loss", "half-close": stable, for the CLI and saved state
    std::string_view title; ///< "10% packet loss"
    /// The paragraph shown with the experiment: what it sets up and what to look for.
    std::string_view explanation;
    LabExperimentKind kind = LabExperimentKind::Schedule;
    LabRunSettings (*settings)() = nullptr;                      ///< Schedule
    LabClaim (*runClaim)(const LabRunEvidence&) = nullptr;       ///< Schedule
    std::vector<LabStep> (*steps)() = nullptr;                   ///< Script
    LabClaim (*scriptClaim)(const LabScriptEvidence&) = nullptr; ///< Script
    /// The longest a run takes on a working lab (a front end gives up after this).
    int timeout_ms = 30'000;
    /// An experiment that shows the other side of the same lesson ("" = none): the slow link
    /// with Nagle on pairs with the one with TCP_NODELAY.
    std::string_view pairedWith;
};

/// Every experiment, in the order a front end lists them.
[[nodiscard]] std::span<const LabExperiment> labExperiments();
/// By id; nullptr when there is none.
[[nodiscard]] const LabExperiment* findLabExperiment(std::string_view id);

} // namespace socklab
