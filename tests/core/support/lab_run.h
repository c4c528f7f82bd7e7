#pragma once
// Test helper: drive a LabConductor against a real engine (the same way the CLI and the GUI
// do), then analyse the run's captures with core/lab.
//
//   EngineHarness h;
//   auto run = runLab(h, settings);          // bounded: timeout_ms
//   QVERIFY2(run.done, run.failure.c_str());
//   run.tcp->totals.delivered; run.conductor.wireFigures(); run.notices

#include "core/lab/lab_conductor.h"
#include "core/lab/lab_report.h"
#include "core/lab/lab_script.h"
#include "core/support/engine_harness.h"

#include <optional>
#include <string>
#include <vector>

namespace socklab::test {

struct LabRunResult {
    explicit LabRunResult(LabRunSettings settings) : conductor(std::move(settings)) {}
    LabConductor conductor;
    bool done = false;
    std::string failure;              ///< Failed action text, or why the run did not finish
    std::vector<std::string> notices; ///< Notice actions, in order
    std::optional<LabProtocolReport> tcp;
    std::optional<LabProtocolReport> udp;
};

LabRunResult runLab(EngineHarness& h, LabRunSettings settings, int timeout_ms = 90'000);

/// A LabScript driven against a real engine (as a front end would: opens, posts, ticks every
/// 50 ms with the sessions' received byte counts), bounded by timeout_ms.
///
///   auto run = runLabScript(h, steps);
///   QVERIFY2(run.done, run.failure.c_str());
///   run.script.actor("A")->states; run.stepTexts
struct LabScriptRun {
    explicit LabScriptRun(std::vector<LabStep> steps) : script(std::move(steps)) {}
    LabScript script;
    bool done = false;
    std::string failure;                ///< Failed action text, or why the run did not finish
    std::vector<std::string> stepTexts; ///< Step actions, in order
};

LabScriptRun runLabScript(EngineHarness& h, std::vector<LabStep> steps, int timeout_ms = 30'000);

/// Data records of the wire in one direction whose IP packet carries `protocol` (6 TCP, 17 UDP)
/// and whose flags include `flag` (0 = every such packet).
std::uint64_t wirePackets(const TrafficStore& wire, Direction dir, int protocol,
                          std::uint16_t flag = 0);

} // namespace socklab::test
