#pragma once
// Inside the experiment catalog: the presets, scripts and claims of each experiment (one file
// per kind) and the small helpers their claims share. Not for front ends: they use
// labExperiments().

#include "core/capture/record.h"
#include "core/lab/lab_experiments.h"
#include "core/lab/lab_wire_packets.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace socklab::lab_experiments {

// ---- schedule experiments (lab_experiments_run.cpp)
LabRunSettings boundariesSettings();
LabClaim boundariesClaim(const LabRunEvidence& ev);
LabRunSettings lossSettings();
LabClaim lossClaim(const LabRunEvidence& ev);
LabRunSettings reorderSettings();
LabClaim reorderClaim(const LabRunEvidence& ev);
LabRunSettings duplicateSettings();
LabClaim duplicateClaim(const LabRunEvidence& ev);
LabRunSettings delaySettings();
LabClaim delayClaim(const LabRunEvidence& ev);
LabRunSettings nagleSettings();
LabRunSettings noDelaySettings();
LabClaim nagleClaim(const LabRunEvidence& ev); ///< either setting: tcpNoDelay decides the claim
LabRunSettings mtuSettings();
LabClaim mtuClaim(const LabRunEvidence& ev);

// ---- scripted experiments (lab_experiments_script.cpp)
std::vector<LabStep> halfCloseSteps();
LabClaim halfCloseClaim(const LabScriptEvidence& ev);
std::vector<LabStep> finRstSteps();
LabClaim finRstClaim(const LabScriptEvidence& ev);
std::vector<LabStep> closedPortSteps();
LabClaim closedPortClaim(const LabScriptEvidence& ev);
std::vector<LabStep> synRetriesSteps();
LabClaim synRetriesClaim(const LabScriptEvidence& ev);

// ---- shared helpers (lab_experiments_util.cpp)

/// n in the template for its number: counted(3, SL_TR("socklab", "%1 message"),
/// SL_TR("socklab", "%1 messages")) is "3 messages" (one: the template when n is 1).
std::string counted(std::uint64_t n, std::string_view one, std::string_view many);
/// Appends a sentence to a paragraph, after a space.
void addSentence(std::string& paragraph, std::string_view sentence);
/// Nanoseconds as seconds with one decimal: "2.0 s".
std::string secondsText(std::int64_t ns);
/// Every record of a store, in order.
std::vector<Record> allRecords(const TrafficStore& store);
/// The claim of an experiment that reads the wire when the run had none (fallback).
LabClaim needsTheWire();
/// The port of "192.0.2.1:40000" / "[2001:db8::1]:40000"; 0 when there is none.
std::uint16_t portOf(std::string_view address);

} // namespace socklab::lab_experiments
