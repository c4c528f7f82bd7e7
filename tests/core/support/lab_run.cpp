#include "core/support/lab_run.h"

#include "core/base/clock.h"

#include <QDeadlineTimer>

namespace socklab::test {

LabRunResult runLab(EngineHarness& h, LabRunSettings settings, int timeout_ms) {
    LabRunResult run(std::move(settings));
    LabConductor& c = run.conductor;
    bool stop = false;
    auto carryOut = [&](std::vector<LabAction> actions) {
        for (auto& a : actions) {
            switch (a.kind) {
            case LabAction::Kind::Open:
                c.opened(a.slot, h.engine.open(std::move(a.request)));
                break;
            case LabAction::Kind::Post:
                h.engine.post(std::move(a.command));
                break;
            case LabAction::Kind::Notice:
                run.notices.push_back(a.text);
                break;
            case LabAction::Kind::Failed:
                run.failure = a.text;
                stop = true;
                return;
            case LabAction::Kind::Done:
                run.done = true;
                stop = true;
                return;
            }
        }
    };
    carryOut(c.start());
    QDeadlineTimer deadline(timeout_ms);
    while (!stop && !deadline.hasExpired()) {
        h.waitFor(
            [&](const EngineEvent& e) {
                if (!stop) {
                    carryOut(c.onEvent(e));
                }
                return stop;
            },
            50);
        if (stop) {
            break;
        }
        std::uint64_t tcpBytes = 0;
        if (auto store = h.engine.store(c.session(LabSlot::TcpServer));
            store && c.tcpConnection() != 0) {
            tcpBytes = store->counters(c.tcpConnection()).bytesIn;
        }
        carryOut(c.onTick(monotonicNs(), tcpBytes));
    }
    if (!stop) {
        run.failure = "the lab run did not finish within " + std::to_string(timeout_ms) + " ms";
        return run;
    }
    if (!run.done) {
        return run;
    }
    const LabSchedule& s = c.settings().schedule;
    auto tcpTx = h.engine.store(c.session(LabSlot::TcpClient));
    auto tcpRx = h.engine.store(c.session(LabSlot::TcpServer));
    auto udpTx = h.engine.store(c.session(LabSlot::UdpSender));
    auto udpRx = h.engine.store(c.session(LabSlot::UdpReceiver));
    auto tcp = analyzeLabCapture(s, LabTransport::Stream, {*tcpTx, 0}, {*tcpRx, c.tcpConnection()});
    auto udp = analyzeLabCapture(s, LabTransport::Datagram, {*udpTx, 0}, {*udpRx, 0});
    if (!tcp || !udp) {
        run.done = false;
        run.failure = (tcp ? udp.error() : tcp.error()).message();
        return run;
    }
    run.tcp = std::move(*tcp);
    run.udp = std::move(*udp);
    return run;
}

LabScriptRun runLabScript(EngineHarness& h, std::vector<LabStep> steps, int timeout_ms) {
    LabScriptRun run(std::move(steps));
    LabScript& script = run.script;
    bool stop = false;
    auto carryOut = [&](std::vector<LabScriptAction> actions) {
        for (auto& a : actions) {
            switch (a.kind) {
            case LabScriptAction::Kind::Open:
                script.opened(a.actor, h.engine.open(std::move(a.request)));
                break;
            case LabScriptAction::Kind::Post:
                h.engine.post(std::move(a.command));
                break;
            case LabScriptAction::Kind::Step:
                run.stepTexts.push_back(a.text);
                break;
            case LabScriptAction::Kind::Failed:
                run.failure = a.text;
                stop = true;
                return;
            case LabScriptAction::Kind::Done:
                run.done = true;
                stop = true;
                return;
            }
        }
    };
    const LabBytesProbe bytesIn = [&](SessionId s, ConnectionId c) -> std::uint64_t {
        auto store = h.engine.store(s);
        return store ? store->counters(c).bytesIn : 0;
    };
    carryOut(script.start());
    QDeadlineTimer deadline(timeout_ms);
    while (!stop && !deadline.hasExpired()) {
        h.waitFor(
            [&](const EngineEvent& e) {
                if (!stop) {
                    carryOut(script.onEvent(e));
                }
                return stop;
            },
            50);
        if (!stop) {
            carryOut(script.onTick(monotonicNs(), bytesIn));
        }
    }
    if (!stop) {
        run.failure = "the script did not finish within " + std::to_string(timeout_ms) + " ms";
    }
    return run;
}

std::uint64_t wirePackets(const TrafficStore& wire, Direction dir, int protocol,
                          std::uint16_t flag) {
    std::uint64_t n = 0;
    for (const auto& r : dataRecords(wire, dir)) {
        if (flag != 0 && (r.flags & flag) == 0) {
            continue;
        }
        std::byte head[48] = {};
        const std::size_t got = wire.readArena(
            r.arenaOffset, std::span(head, std::min<std::size_t>(r.length, sizeof head)));
        if (got < 20) {
            continue;
        }
        const int version = std::to_integer<int>(head[0]) >> 4;
        const int proto = version == 4 ? std::to_integer<int>(head[9])
                          : got >= 40  ? std::to_integer<int>(head[6])
                                       : -1;
        n += proto == protocol ? 1 : 0;
    }
    return n;
}

} // namespace socklab::test
