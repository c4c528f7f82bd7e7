// lab: the TCP-vs-UDP lab headless. The same numbered messages over kernel TCP and UDP between
// two network namespaces joined by SockLab's impaired wire, then the side-by-side table.
#include "app/cli/common.h"
#include "app/cli/impair_flags.h"
#include "app/cli/runner.h"
#include "core/capture/exporters.h"
#include "core/impair/impairment_text.h"
#include "core/lab/lab_conductor.h"
#include "core/lab/lab_report.h"
#include "core/lab/lab_table.h"

#include <cstdio>
#include <limits>
#include <time.h>

namespace socklab::cli {

namespace {

constexpr OptionSpec kLabOptions[] = {
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
    {"pcapng", 0, "FILE", "write the wire's packets (raw IP, fates as comments) to FILE"},
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
    "Exit status: 0 when the run completed, 1 when it could not run, 2 for a bad command line.\n"
    "examples:\n"
    "  socklab-cli lab --loss 10%\n"
    "  socklab-cli lab --reorder a2b:20%,3 --delay 20ms --count 100 --interval 10ms\n"
    "  socklab-cli lab --loss 20% --pcapng wire.pcapng --messages\n",
    kLabOptions};

std::int64_t monotonicNs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

const char* slotLabel(LabSlot slot) {
    switch (slot) {
    case LabSlot::Wire:
        return "wire";
    case LabSlot::TcpServer:
        return "tcp-rx";
    case LabSlot::UdpReceiver:
        return "udp-rx";
    case LabSlot::TcpClient:
        return "tcp-tx";
    case LabSlot::UdpSender:
        return "udp-tx";
    case LabSlot::TcpRelay:
        return "tcp-relay";
    case LabSlot::UdpRelay:
        return "udp-relay";
    }
    return "";
}

struct LabOutput {
    bool verbose = false;
    bool messages = false;
    std::string pcapng;
    std::optional<std::int64_t> lateMarginNs;
};

class LabDriver final : public Driver {
public:
    LabDriver(Runner& runner, LabRunSettings settings, LabOutput output)
        : m_runner(runner), m_conductor(std::move(settings)), m_output(std::move(output)) {
        carryOut(m_conductor.start());
    }

    void onEvent(const EngineEvent& e) override {
        if (finished()) {
            return;
        }
        if (m_output.verbose && e.kind == EngineEvent::Kind::StateChanged && e.connection == 0) {
            for (std::size_t i = 0; i < kLabSlots; ++i) {
                if (m_conductor.session(LabSlot(i)) == e.session) {
                    notice(std::string(slotLabel(LabSlot(i))) + ": " +
                           std::string(stateName(e.state)) +
                           (e.local.empty() ? "" : " " + e.local) +
                           (e.peer.empty() ? "" : " -> " + e.peer));
                }
            }
        }
        if (e.kind == EngineEvent::Kind::StateChanged &&
            e.session == m_conductor.session(LabSlot::Wire) && e.state == SessionState::Connected) {
            notice("lab network up: " + e.text);
        }
        carryOut(m_conductor.onEvent(e));
    }

    [[nodiscard]] std::optional<Clock::time_point> deadline() const override { return m_nextTick; }

    // The conductor's clock: every 50 ms.
    void onDeadline() override {
        m_nextTick = Clock::now() + std::chrono::milliseconds(50);
        if (finished()) {
            return;
        }
        std::uint64_t tcpBytes = 0;
        if (auto store = m_runner.engine().store(m_conductor.session(LabSlot::TcpServer));
            store && m_conductor.tcpConnection() != 0) {
            tcpBytes = store->counters(m_conductor.tcpConnection()).bytesIn;
        }
        carryOut(m_conductor.onTick(monotonicNs(), tcpBytes));
    }

    [[nodiscard]] bool awaitingAnswer(SessionId) const override { return false; }

private:
    void carryOut(std::vector<LabAction> actions) {
        for (auto& a : actions) {
            switch (a.kind) {
            case LabAction::Kind::Open:
                m_conductor.opened(a.slot, m_runner.open(std::move(a.request), slotLabel(a.slot)));
                break;
            case LabAction::Kind::Post:
                m_runner.post(std::move(a.command));
                break;
            case LabAction::Kind::Notice:
                notice(a.text);
                break;
            case LabAction::Kind::Failed:
                notice("lab: " + a.text);
                finish(kExitFailure);
                return;
            case LabAction::Kind::Done:
                if (m_output.verbose) {
                    notice(a.text);
                }
                finish(printReport() ? kExitOk : kExitFailure);
                return;
            }
        }
    }

    bool printReport() {
        Engine& engine = m_runner.engine();
        const LabSchedule& schedule = m_conductor.settings().schedule;
        auto tcpTx = engine.store(m_conductor.session(LabSlot::TcpClient));
        auto tcpRx = engine.store(m_conductor.session(LabSlot::TcpServer));
        auto udpTx = engine.store(m_conductor.session(LabSlot::UdpSender));
        auto udpRx = engine.store(m_conductor.session(LabSlot::UdpReceiver));
        if (!tcpTx || !tcpRx || !udpTx || !udpRx) {
            notice("lab: a capture of the run is gone");
            return false;
        }
        std::optional<std::int64_t> late;
        auto tcp = analyzeLabCapture(schedule, LabTransport::Stream, {*tcpTx, 0},
                                     {*tcpRx, m_conductor.tcpConnection()}, late);
        auto udp =
            analyzeLabCapture(schedule, LabTransport::Datagram, {*udpTx, 0}, {*udpRx, 0}, late);
        if (!tcp || !udp) {
            notice((tcp ? udp.error() : tcp.error()).message());
            return false;
        }
        if (m_output.lateMarginNs) {
            // The threshold is relative to each run's fastest message: analyse again with it.
            auto withMargin = [&](const LabProtocolReport& r) -> std::optional<std::int64_t> {
                if (!r.latency.minNs) {
                    return std::nullopt;
                }
                return *r.latency.minNs + *m_output.lateMarginNs;
            };
            tcp = analyzeLabCapture(schedule, LabTransport::Stream, {*tcpTx, 0},
                                    {*tcpRx, m_conductor.tcpConnection()}, withMargin(*tcp));
            udp = analyzeLabCapture(schedule, LabTransport::Datagram, {*udpTx, 0}, {*udpRx, 0},
                                    withMargin(*udp));
        }
        LabTableExtras extras;
        if (const auto& info = m_conductor.tcpInfo()) {
            extras.tcpRetransmits = info->totalRetrans;
            extras.rttUs = info->rttUs;
            extras.cwnd = info->sndCwnd;
        }
        if (const auto& wire = m_conductor.wireFigures(); wire && !m_conductor.usingFallback()) {
            extras.wireRetransmissions = wire->resentSegments;
        }
        if (m_conductor.usingFallback()) {
            std::printf("(fallback: relays on loopback; TCP saw no real loss)\n");
        }
        std::fputs(formatLabTable(*tcp, *udp, extras).c_str(), stdout);
        if (const auto& wire = m_conductor.wireFigures(); wire && !m_conductor.usingFallback()) {
            printWire(*wire);
        }
        if (m_output.messages) {
            printMessages("TCP", *tcp);
            printMessages("UDP", *udp);
        }
        std::fflush(stdout);
        return writePcapng();
    }

    static void printWire(const WireFigures& w) {
        auto line = [](const char* name, std::uint64_t packets, const ImpairmentCounters& c) {
            std::printf("wire %s: %llu packets, %llu dropped, %llu duplicated, %llu reordered, "
                        "%llu corrupted, %llu delivered\n",
                        name, static_cast<unsigned long long>(packets),
                        static_cast<unsigned long long>(c.dropped),
                        static_cast<unsigned long long>(c.duplicated),
                        static_cast<unsigned long long>(c.reordered),
                        static_cast<unsigned long long>(c.corrupted),
                        static_cast<unsigned long long>(c.delivered));
        };
        line("A->B", w.packetsAtoB, w.aToB);
        line("B->A", w.packetsBtoA, w.bToA);
    }

    static void printMessages(const char* protocol, const LabProtocolReport& r) {
        std::printf("%s messages:\n", protocol);
        for (const auto& m : r.messages) {
            std::string latency = m.latencyNs ? labMillisText(*m.latencyNs) : "-";
            std::printf("  #%06d %-12s %10s%s\n", m.seq, std::string(labFateName(m.fate)).c_str(),
                        latency.c_str(),
                        m.arrivals > 1 ? (" x" + std::to_string(m.arrivals)).c_str() : "");
        }
    }

    bool writePcapng() {
        if (m_output.pcapng.empty()) {
            return true;
        }
        if (m_conductor.usingFallback()) {
            notice("lab: no wire in the fallback, so no packets to write to " + m_output.pcapng);
            return false;
        }
        return writeWirePcapng();
    }

    bool writeWirePcapng();

    Runner& m_runner;
    LabConductor m_conductor;
    LabOutput m_output;
    Clock::time_point m_nextTick = Clock::now();
};

bool LabDriver::writeWirePcapng() {
    const auto store = m_runner.engine().store(m_conductor.session(LabSlot::Wire));
    if (!store) {
        notice("export pcapng " + m_output.pcapng + ": the wire's capture is gone");
        return false;
    }
    PcapngOptions options;
    options.wire = true;
    auto summary = exportPcapng(*store, m_output.pcapng, options);
    if (!summary) {
        notice(summary.error().message());
        return false;
    }
    notice("wrote " + std::to_string(summary->packets) + " wire packets to " + m_output.pcapng);
    return true;
}

} // namespace

int cmdLab(std::span<const std::string> argv) {
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
    LabRunSettings settings;
    if (auto st = parseImpairments(*args, ImpairmentScope::Packets, kLabPrefixes,
                                   settings.network.aToB, settings.network.bToA);
        !st) {
        return report(st.error(), kExitUsage);
    }
    auto count = intOption(*args, "count", 1, 100'000, settings.schedule.count);
    auto size = intOption(*args, "size", 8, 65'000, long(settings.schedule.size));
    auto mtu = intOption(*args, "mtu", 576, 65'535, settings.network.mtu);
    for (const Error* e : {count ? nullptr : &count.error(), size ? nullptr : &size.error(),
                           mtu ? nullptr : &mtu.error()}) {
        if (e) {
            return report(*e, kExitUsage);
        }
    }
    settings.schedule.count = int(*count);
    settings.schedule.size = std::size_t(*size);
    settings.network.mtu = int(*mtu);
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
    if (const auto v = args->value("seed")) {
        auto seed = parseInteger("--seed", *v, 0, std::numeric_limits<long long>::max());
        if (!seed) {
            return report(seed.error(), kExitUsage);
        }
        settings.network.seed = std::uint64_t(*seed);
    }
    LabOutput output;
    if (const auto v = args->value("late")) {
        auto ms = parseDurationMs("--late", *v);
        if (!ms) {
            return report(ms.error(), kExitUsage);
        }
        output.lateMarginNs = std::int64_t(*ms) * 1'000'000;
    }
    settings.ipv6 = args->has("ipv6");
    settings.tcpNoDelay = args->has("nodelay");
    settings.fallback = args->has("fallback");
    output.verbose = args->has("verbose");
    output.messages = args->has("messages");
    output.pcapng = args->value("pcapng").value_or("");
    OutputOptions quiet;
    quiet.format = OutputFormat::Quiet;
    Runner runner(quiet);
    LabDriver driver(runner, std::move(settings), std::move(output));
    return runner.run(driver);
}

} // namespace socklab::cli
