// The lab's CLI drivers: the conductor's or the script's actions carried out on the Runner.
#include "app/cli/lab_drivers.h"

#include "app/cli/common.h"
#include "app/cli/runner.h"
#include "core/base/clock.h"
#include "core/lab/lab_ladder_input.h"
#include "core/lab/lab_report.h"
#include "core/lab/lab_table.h"
#include "core/lab/lab_timeline.h"

#include <cstdio>

namespace socklab::cli {

namespace {

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

/// The capture of a session (nullptr when there is none).
LabStoreLookup storeLookup(Engine& engine) {
    return [&engine](SessionId id) -> const TrafficStore* { return engine.store(id).get(); };
}

/// What both lab drivers share: the 50 ms clock their state machine runs on and the
/// experiment's time limit. tick() is the state machine's turn.
class LabTickDriver : public Driver {
public:
    LabTickDriver(Runner& runner, LabOutput output)
        : m_runner(runner), m_output(std::move(output)) {
        if (m_output.timeout_ms > 0) {
            m_giveUpAt = Clock::now() + std::chrono::milliseconds(m_output.timeout_ms);
        }
    }

    [[nodiscard]] std::optional<Clock::time_point> deadline() const override { return m_nextTick; }

    void onDeadline() override {
        m_nextTick = Clock::now() + std::chrono::milliseconds(50);
        if (finished()) {
            return;
        }
        if (m_giveUpAt && Clock::now() >= *m_giveUpAt) {
            notice("lab: the experiment did not finish within " +
                   std::to_string(m_output.timeout_ms / 1000) + " s");
            finish(kExitFailure);
            return;
        }
        tick(monotonicNs());
    }

    [[nodiscard]] bool awaitingAnswer(SessionId) const override { return false; }

protected:
    virtual void tick(std::int64_t nowNs) = 0;

    Runner& m_runner;
    LabOutput m_output;

private:
    Clock::time_point m_nextTick = Clock::now();
    std::optional<Clock::time_point> m_giveUpAt;
};

class LabDriver final : public LabTickDriver {
public:
    LabDriver(Runner& runner, LabRunSettings settings, LabOutput output)
        : LabTickDriver(runner, std::move(output)), m_conductor(std::move(settings)) {
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

    // The conductor's clock.
    void tick(std::int64_t nowNs) override {
        std::uint64_t tcpBytes = 0;
        if (auto store = m_runner.engine().store(m_conductor.session(LabSlot::TcpServer));
            store && m_conductor.tcpConnection() != 0) {
            tcpBytes = store->counters(m_conductor.tcpConnection()).bytesIn;
        }
        carryOut(m_conductor.onTick(nowNs, tcpBytes));
    }

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
            extras.wireRetransmissions = wire->resentAtoB;
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
        const auto wireStore = m_conductor.usingFallback()
                                   ? nullptr
                                   : engine.store(m_conductor.session(LabSlot::Wire));
        if (!m_conductor.usingFallback() && !wireStore) {
            notice("lab: the wire's capture is gone");
            return false;
        }
        const auto sockets = labRunLadderSockets(m_conductor, storeLookup(engine));
        bool ok = emitWireOutputs(m_output.wire, wireStore.get(), sockets);
        if (!m_output.timelineCsv.empty()) {
            LabTimelineBuilder timeline;
            timeline.update(m_conductor.sendStartNs(), m_conductor.tcpInfoSamples(),
                            wireStore.get());
            ok = writeTimelineCsv(timeline.timeline(), m_output.timelineCsv) && ok;
        }
        if (const LabExperiment* e = m_output.experiment) {
            const LabRunEvidence evidence{
                m_conductor.settings(),    *tcp,           *udp, m_conductor.tcpInfo(),
                m_conductor.wireFigures(), wireStore.get()};
            const LabClaim claim = e->runClaim(evidence);
            printClaim(claim);
            ok = ok && claim.holds;
        }
        return ok;
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

    LabConductor m_conductor;
};

/// A scripted experiment: the LabScript's steps against the engine, each printed as it starts,
/// then the wire's outputs and the claim.
class ScriptDriver final : public LabTickDriver {
public:
    ScriptDriver(Runner& runner, std::vector<LabStep> steps, LabOutput output)
        : LabTickDriver(runner, std::move(output)), m_script(std::move(steps)) {
        carryOut(m_script.start());
    }

    void onEvent(const EngineEvent& e) override {
        if (finished()) {
            return;
        }
        if (e.kind == EngineEvent::Kind::StateChanged) {
            if (e.session == m_script.wire() && e.state == SessionState::Connected) {
                notice("lab network up: " + e.text);
            } else if (m_output.verbose) {
                notice(actorName(e.session, e.connection) + ": " + std::string(stateName(e.state)) +
                       (e.local.empty() ? "" : " " + e.local) +
                       (e.peer.empty() ? "" : " -> " + e.peer));
            }
        }
        carryOut(m_script.onEvent(e));
    }

    void tick(std::int64_t nowNs) override {
        Engine& engine = m_runner.engine();
        const LabBytesProbe bytesIn = [&engine](SessionId s, ConnectionId c) -> std::uint64_t {
            auto store = engine.store(s);
            return store ? store->counters(c).bytesIn : 0;
        };
        carryOut(m_script.onTick(nowNs, bytesIn));
    }

private:
    std::string actorName(SessionId session, ConnectionId connection) const {
        for (const LabScriptActor& a : m_script.actors()) {
            if (a.session == session && a.connection == connection && !a.name.empty()) {
                return a.name;
            }
        }
        return "session " + std::to_string(session) +
               (connection ? "#" + std::to_string(connection) : std::string());
    }

    void carryOut(std::vector<LabScriptAction> actions) {
        for (auto& a : actions) {
            switch (a.kind) {
            case LabScriptAction::Kind::Open:
                m_script.opened(a.actor, m_runner.open(std::move(a.request), a.actor));
                break;
            case LabScriptAction::Kind::Post:
                m_runner.post(std::move(a.command));
                break;
            case LabScriptAction::Kind::Step:
                std::printf("step %zu/%zu: %s\n", a.step + 1, m_script.steps().size(),
                            a.text.c_str());
                std::fflush(stdout);
                break;
            case LabScriptAction::Kind::Failed:
                notice("lab: " + a.text);
                finish(kExitFailure);
                return;
            case LabScriptAction::Kind::Done:
                finish(report() ? kExitOk : kExitFailure);
                return;
            }
        }
    }

    bool report() {
        Engine& engine = m_runner.engine();
        const auto wire = engine.store(m_script.wire());
        const auto sockets = labScriptLadderSockets(m_script, storeLookup(engine));
        std::printf("\n");
        bool ok = emitWireOutputs(m_output.wire, wire.get(), sockets);
        const LabScriptEvidence evidence{m_script, wire.get(), storeLookup(engine)};
        const LabClaim claim = m_output.experiment->scriptClaim(evidence);
        printClaim(claim);
        return ok && claim.holds;
    }

    LabScript m_script;
};

OutputOptions quietOutput() {
    OutputOptions quiet;
    quiet.format = OutputFormat::Quiet;
    return quiet;
}

} // namespace

int runScheduleLab(LabRunSettings settings, LabOutput output) {
    Runner runner(quietOutput());
    LabDriver driver(runner, std::move(settings), std::move(output));
    return runner.run(driver);
}

int runScriptLab(std::vector<LabStep> steps, LabOutput output) {
    Runner runner(quietOutput());
    ScriptDriver driver(runner, std::move(steps), std::move(output));
    return runner.run(driver);
}

} // namespace socklab::cli
