// lab: the TCP-vs-UDP lab headless. The same numbered messages over kernel TCP and UDP between
// two network namespaces joined by SockLab's impaired wire, then the side-by-side table.
#include "app/cli/common.h"
#include "app/cli/impair_flags.h"
#include "app/cli/lab_drivers.h"
#include "app/cli/lab_output.h"
#include "app/cli/runner.h"
#include "core/impair/impairment_text.h"
#include "core/lab/lab_conductor.h"
#include "core/lab/lab_experiments.h"
#include "core/lab/lab_report.h"
#include "core/lab/lab_script.h"
#include "core/lab/lab_table.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace socklab::cli {

namespace {

constexpr OptionSpec kLabOptions[] = {
    {"experiment", 'e', "ID", "run a guided experiment and check its claim (list: every id)"},
    {"count", 'c', "N", "messages sent over each protocol (default 50)"},
    {"size", 's', "BYTES", "bytes per message, 8..65000 (default 100)"},
    {"interval", 'i', "TIME", "time between messages, e.g. 20ms; 0 = all at once (default 100ms)"},
    {"loss", 0, "[DIR:]P", "the wire drops P% of packets at random, e.g. 10%"},
    {"burst", 0, "[DIR:]GB,BG[,LG,LB]", "bursty loss, Gilbert-Elliott (as in relay --help)"},
    {"dup", 0, "[DIR:]P", "the wire delivers P% of packets twice"},
    {"reorder", 0, "[DIR:]P[,DEPTH]", "hold P% of packets back until DEPTH later ones passed"},
    {"delay", 0, "[DIR:]TIME", "delay every packet, e.g. 40ms"},
    {"jitter", 0, "[DIR:]TIME", "the delay varies by +-TIME"},
    {"rate", 0, "[DIR:]RATE", "link rate: 1MB/s, 10Mbit/s"},
    {"corrupt", 0, "[DIR:]P", "flip one random bit in P% of packets"},
    {"truncate", 0, "[DIR:]N", "cut longer packets to N bytes"},
    {"seed", 0, "N", "random seed: the same seed and traffic give the same fates (default 1)"},
    {"mtu", 0, "N", "MTU of the lab link, 576..65535 (default 1500)"},
    {"ipv6", '6', "", "run the pairs over IPv6 (2001:db8::1 -> 2001:db8::2)"},
    {"nodelay", 0, "", "TCP_NODELAY on the TCP sender (Nagle off)"},
    {"fallback", 0, "", "do not build the lab network: relays on loopback (no real TCP loss)"},
    {"late", 0, "TIME", "a message is late when its latency exceeds the smallest by TIME (200ms)"},
    {"messages", 'm', "", "also print every message's fate and latency"},
    {"packets", 'p', "", "also print every packet on the wire: time, direction, what, fate"},
    {"pcapng", 0, "FILE", "write the wire's packets (raw IP, fates as comments) to FILE"},
    {"ladder-svg", 0, "FILE", "write the ladder diagram (packets and socket calls) as SVG"},
    {"ladder-mode", 0, "MODE", "sequence (default: one row per event) or time (to scale)"},
    {"timeline", 0, "FILE",
     "write TCP over time as CSV: TCP_INFO every 250 ms, wire resends/drops"},
    {"verbose", 'v', "", "report each step on stderr"},
};
constexpr CommandSpec kLab{
    "lab", "[impairment] [--count N] [--size BYTES] [--interval TIME] [options]",
    "Send the same messages over TCP and UDP through an impaired wire and compare.",
    "The lab is a private network of two hosts, A (192.0.2.1) and B (192.0.2.2), each a network\n"
    "namespace inside an unprivileged user namespace with a TUN device; SockLab is the wire\n"
    "between them and impairs every IP packet. Real kernel TCP and UDP run on both ends, so TCP\n"
    "retransmits what the wire drops. Nothing is changed in the machine's own network.\n"
    "Where user namespaces or /dev/net/tun are not available, the lab says which check failed\n"
    "and runs over relays on loopback instead (UDP impaired as set; TCP only delayed).\n"
    "\n"
    "An impairment applies to both directions unless its value starts with a2b: (A->B, the\n"
    "data) or b2a: (B->A, the acknowledgements). TIME: 40ms, 1.5s. P: 10%, 2.5.\n"
    "\n"
    "--experiment ID runs one of the guided experiments (--experiment list names them): its\n"
    "explanation first, then the run (a schedule: the table; a script: each step as it\n"
    "happens), then \"claim holds: ...\" or \"claim does not hold: ...\". Options given with it\n"
    "override the experiment's preset: an impairment option changes only what it names (in the\n"
    "directions it names) and keeps the rest of the preset; --seed and --mtu for every one;\n"
    "--count, --size, --interval, --ipv6, --nodelay, --fallback, --late and --messages only\n"
    "for the schedule ones. A script step that changes the wire's impairment still does; the\n"
    "experiment's time limit applies only while nothing of its preset is overridden.\n"
    "\n"
    "Environment: SOCKLAB_LAB_TUN_DEVICE=PATH makes the lab open PATH instead of /dev/net/tun\n"
    "(for tests, and for systems with the TUN device elsewhere). A path that does not exist\n"
    "shows the fallback; a scripted experiment, which needs the lab network, fails instead.\n"
    "\n"
    "Exit status: 0 when the run completed (with --experiment: and its claim held), 1 when it\n"
    "could not run, an output could not be written or the claim did not hold, 2 for a bad\n"
    "command line.\n"
    "examples:\n"
    "  socklab-cli lab --loss 10%\n"
    "  socklab-cli lab --reorder a2b:20%,3 --delay 20ms --count 100 --interval 10ms\n"
    "  socklab-cli lab --loss 20% --pcapng wire.pcapng --messages --packets\n"
    "  socklab-cli lab --experiment loss --ladder-svg loss.svg\n"
    "  socklab-cli lab --experiment half-close --packets\n",
    kLabOptions};

/// Options that only the relays' stream impairment has: named, not "unknown option".
constexpr std::string_view kStreamOnlyOptions[] = {"segment", "coalesce", "reset-after",
                                                   "slow-close"};

/// Options of a schedule run that a scripted experiment has no use for.
constexpr std::string_view kScheduleOnlyOptions[] = {
    "count", "size", "interval", "late", "ipv6", "nodelay", "fallback", "messages", "timeline"};

/// Options that say only what to print or write (they leave an experiment's preset alone).
constexpr std::string_view kOutputOptions[] = {"experiment", "packets",     "pcapng",
                                               "ladder-svg", "ladder-mode", "verbose",
                                               "messages",   "late",        "timeline"};

/// The impairments, --seed, --mtu and SOCKLAB_LAB_TUN_DEVICE over `network`.
Status applyNetworkOptions(const Args& args, LabConfig& network) {
    if (auto st = parseImpairments(args, ImpairmentScope::Packets, kLabPrefixes, network.aToB,
                                   network.bToA);
        !st) {
        return st;
    }
    auto mtu = intOption(args, "mtu", 576, 65'535, network.mtu);
    if (!mtu) {
        return fail(mtu.error());
    }
    network.mtu = int(*mtu);
    if (const auto v = args.value("seed")) {
        auto seed = parseInteger("--seed", *v, 0, std::numeric_limits<long long>::max());
        if (!seed) {
            return fail(seed.error());
        }
        network.seed = std::uint64_t(*seed);
    }
    if (const char* tun = std::getenv("SOCKLAB_LAB_TUN_DEVICE"); tun && *tun) {
        network.tunDevice = tun;
    }
    return {};
}

/// What to print and write about the wire.
Result<LabWireOutputs> wireOutputs(const Args& args) {
    LabWireOutputs out;
    out.packets = args.has("packets");
    out.pcapng = args.value("pcapng").value_or("");
    out.ladderSvg = args.value("ladder-svg").value_or("");
    if (const auto mode = args.value("ladder-mode")) {
        if (*mode == "time") {
            out.ladderMode = LadderMode::Time;
        } else if (*mode != "sequence") {
            return fail(inputError("parse --ladder-mode", "\"" + *mode + "\"",
                                   "expected sequence or time"));
        }
    }
    return out;
}

/// Whether the command line changes anything of an experiment's preset.
bool overridesPreset(const Args& args) {
    for (const Args::Item& item : args.items()) {
        if (std::ranges::find(kOutputOptions, item.name) == std::end(kOutputOptions)) {
            return true;
        }
    }
    return std::getenv("SOCKLAB_LAB_TUN_DEVICE") != nullptr;
}

int listExperiments() {
    for (const LabExperiment& e : labExperiments()) {
        std::printf("%-12.*s %.*s\n", int(e.id.size()), e.id.data(), int(e.title.size()),
                    e.title.data());
    }
    return kExitOk;
}

int runScriptExperiment(const Args& args, const LabExperiment& experiment) {
    for (const Args::Item& item : args.items()) {
        if (std::ranges::find(kScheduleOnlyOptions, item.name) != std::end(kScheduleOnlyOptions)) {
            return report(inputError("parse arguments", "--" + item.name,
                                     "does not apply to the scripted experiment " +
                                         std::string(experiment.id)),
                          kExitUsage);
        }
    }
    std::vector<LabStep> steps = experiment.steps();
    for (LabStep& step : steps) {
        if (step.kind == LabStep::Kind::Open && step.request.role == Role::Wire) {
            if (auto st = applyNetworkOptions(args, step.request.lab); !st) {
                return report(st.error(), kExitUsage);
            }
        }
    }
    auto wire = wireOutputs(args);
    if (!wire) {
        return report(wire.error(), kExitUsage);
    }
    LabOutput output;
    output.verbose = args.has("verbose");
    output.wire = std::move(*wire);
    output.wire.title = std::string(experiment.title);
    output.experiment = &experiment;
    output.timeout_ms = overridesPreset(args) ? 0 : experiment.timeout_ms;
    printExperimentHeading(experiment);
    return runScriptLab(std::move(steps), std::move(output));
}

} // namespace

int cmdLab(std::span<const std::string> argv) {
    for (const std::string& arg : argv) {
        if (arg == "--") {
            break;
        }
        for (std::string_view name : kStreamOnlyOptions) {
            const std::string option = "--" + std::string(name);
            if (arg == option || arg.starts_with(option + "=")) {
                return report(inputError("parse arguments", option,
                                         "applies to stream relays only, not to the lab's wire"),
                              kExitUsage);
            }
        }
    }
    int exit = 0;
    const auto args = parseOrExit(kLab, argv, exit);
    if (!args) {
        return exit;
    }
    if (!args->positionals().empty()) {
        return report(inputError("parse arguments", "\"" + args->positionals()[0] + "\"",
                                 "lab takes no positional argument"),
                      kExitUsage);
    }
    const LabExperiment* experiment = nullptr;
    if (const auto id = args->value("experiment")) {
        if (*id == "list") {
            return listExperiments();
        }
        experiment = findLabExperiment(*id);
        if (!experiment) {
            return report(inputError("parse --experiment", "\"" + *id + "\"",
                                     "unknown experiment (see socklab-cli lab --experiment list)"),
                          kExitUsage);
        }
        if (experiment->kind == LabExperimentKind::Script) {
            return runScriptExperiment(*args, *experiment);
        }
    }
    LabRunSettings settings = experiment ? experiment->settings() : LabRunSettings{};
    if (auto st = applyNetworkOptions(*args, settings.network); !st) {
        return report(st.error(), kExitUsage);
    }
    auto count = intOption(*args, "count", 1, 100'000, settings.schedule.count);
    auto size = intOption(*args, "size", 8, 65'000, int(settings.schedule.size));
    for (const Error* e : {count ? nullptr : &count.error(), size ? nullptr : &size.error()}) {
        if (e) {
            return report(*e, kExitUsage);
        }
    }
    settings.schedule.count = int(*count);
    settings.schedule.size = std::size_t(*size);
    if (const auto v = args->value("interval")) {
        auto ms = parseDurationMs("--interval", *v);
        if (!ms) {
            return report(ms.error(), kExitUsage);
        }
        settings.schedule.interval_ms = *ms;
    }
    if (auto valid = settings.schedule.validate(); !valid) {
        return report(inputError("parse arguments", "lab", valid.error().message()), kExitUsage);
    }
    LabOutput output;
    if (const auto v = args->value("late")) {
        auto ms = parseDurationMs("--late", *v);
        if (!ms) {
            return report(ms.error(), kExitUsage);
        }
        output.lateMarginNs = std::int64_t(*ms) * 1'000'000;
    }
    auto wire = wireOutputs(*args);
    if (!wire) {
        return report(wire.error(), kExitUsage);
    }
    settings.ipv6 = settings.ipv6 || args->has("ipv6");
    settings.tcpNoDelay = settings.tcpNoDelay || args->has("nodelay");
    settings.fallback = settings.fallback || args->has("fallback");
    output.verbose = args->has("verbose");
    output.messages = args->has("messages");
    output.timelineCsv = args->value("timeline").value_or("");
    output.wire = std::move(*wire);
    output.wire.ipv6 = settings.ipv6;
    output.wire.title = experiment ? std::string(experiment->title) : "TCP vs UDP";
    if (experiment) {
        output.experiment = experiment;
        output.timeout_ms = overridesPreset(*args) ? 0 : experiment->timeout_ms;
        printExperimentHeading(*experiment);
    }
    return runScheduleLab(std::move(settings), std::move(output));
}

} // namespace socklab::cli
