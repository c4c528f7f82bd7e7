#pragma once

// The two ways `socklab-cli lab` runs: a message schedule through core's LabConductor, or a
// scripted experiment through core's LabScript; each on the CLI Runner, printing its report.

#include "app/cli/lab_output.h"
#include "core/lab/lab_conductor.h"
#include "core/lab/lab_experiments.h"
#include "core/lab/lab_script.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace socklab::cli {

/// What a lab run prints and writes besides the table, and when it gives up.
struct LabOutput {
    bool verbose = false;
    bool messages = false;
    std::optional<std::int64_t> lateMarginNs;
    LabWireOutputs wire;
    std::string timelineCsv; ///< --timeline: "" = none (schedule runs only)
    const LabExperiment* experiment = nullptr;
    /// Give up after this long (an experiment's time limit); 0 = never.
    int timeout_ms = 0;
};

/// Run a schedule (the side-by-side table, then the wire's outputs and an experiment's claim);
/// returns the exit status.
int runScheduleLab(LabRunSettings settings, LabOutput output);
/// Run a scripted experiment's steps (each printed as it starts), then its outputs and claim.
int runScriptLab(std::vector<LabStep> steps, LabOutput output);

} // namespace socklab::cli
