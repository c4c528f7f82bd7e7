// Replay: the player (ReplayPlayer): its states, the pacing of the steps and what it reports
// on the way; the comparison is in replay_comparison.cpp.
#include "core/play/replay_player.h"

#include "core/base/translate.h"

#include <algorithm>
#include <iterator>
#include <limits>

namespace socklab {

namespace {

/// "300 ms": the wait timeout as the user gave it.
std::string msText(std::int64_t ns) {
    return trArgs(SL_TR("socklab", "%1 ms"), ns / 1'000'000);
}

} // namespace

ReplayPlayer::ReplayPlayer(SessionId session, ReplayScript script, ReplayOptions options)
    : m_session(session), m_script(std::move(script)), m_options(options) {
    m_cmp.sent.recordedBytes = m_script.ownBytes;
    m_cmp.sent.recordedMessages = m_script.ownMessages;
    const bool udp = m_script.protocol == CaptureProtocol::Udp;
    m_cmp.received.recordedMessages = m_script.peerMessages;
    if (udp) {
        for (const auto& d : m_script.peerDatagrams) {
            m_cmp.received.recordedBytes += d.size();
        }
    } else {
        m_cmp.received.recordedBytes = m_script.peerStream.size() + m_script.peerGapBytes;
    }
    m_cmp.peerClosedRecorded = m_script.peerCloses || m_script.peerResets;
    m_cmp.peerResetRecorded = m_script.peerResets;
    m_cmp.recordedNs = m_options.timing.scale(m_script.durationNs);
    m_notes = m_script.notes;
}

std::string ReplayPlayer::peerName() const {
    return m_script.side == ReplaySide::Client ? SL_TR("socklab", "the server")
                                               : SL_TR("socklab", "the client");
}

std::string ReplayPlayer::peerAmount(std::uint64_t n) const {
    return trArgs(m_script.protocol == CaptureProtocol::Udp ? SL_TR("socklab", "%1 datagrams")
                                                            : SL_TR("socklab", "%1 bytes"),
                  n);
}

std::uint64_t ReplayPlayer::peerCount() const {
    return m_script.protocol == CaptureProtocol::Udp ? m_cmp.received.liveMessages
                                                     : m_cmp.received.liveBytes;
}

std::uint64_t ReplayPlayer::peerTotal() const {
    return m_script.protocol == CaptureProtocol::Udp
               ? m_script.peerDatagrams.size()
               : m_script.peerStream.size() + m_script.peerGapBytes;
}

std::int64_t ReplayPlayer::quietUntilNs() const {
    return std::max(m_peerActivityNs, m_lastStepNs) +
           std::min(m_options.waitTimeoutNs, kReplayQuietNs);
}

void ReplayPlayer::noteArrival(std::uint64_t before, std::int64_t nowNs) {
    // Only a read that reaches the need of a step not run yet is ever looked up (the needs
    // grow step by step): one entry per such step at most, whatever the number of reads.
    const auto from = m_script.steps.begin() + static_cast<std::ptrdiff_t>(m_next);
    const auto it = std::upper_bound(
        from, m_script.steps.end(), before,
        [](std::uint64_t count, const ReplayStep& st) { return count < st.peerBefore; });
    if (it != m_script.steps.end() && it->peerBefore <= peerCount()) {
        m_arrivals.push_back({peerCount(), nowNs});
    }
}

void ReplayPlayer::socketError(const std::string& text) {
    m_cmp.networkError = true;
    if (m_cmp.error.empty()) {
        m_cmp.error = text;
    }
}

std::optional<std::int64_t> ReplayPlayer::peerReachedAt(const ReplayStep& step) const {
    // A wait that timed out is not waited for again by the steps after it.
    const bool waived =
        m_waived && step.peerBefore <= m_waivedCount && (!step.peerFinBefore || m_waivedFin);
    std::int64_t at = m_startNs;
    if (step.peerBefore > 0) {
        const auto it =
            std::lower_bound(m_arrivals.begin(), m_arrivals.end(), step.peerBefore,
                             [](const Arrival& a, std::uint64_t count) { return a.count < count; });
        if (it == m_arrivals.end()) {
            return waived ? std::optional(m_waivedAtNs) : std::nullopt;
        }
        at = it->atNs;
    }
    if (step.peerFinBefore) {
        if (!m_peerEnded) {
            return waived ? std::optional(std::max(at, m_waivedAtNs)) : std::nullopt;
        }
        at = std::max(at, m_peerEndNs);
    }
    return at;
}

ReplayPlayer::Due ReplayPlayer::due(const ReplayStep& step) const {
    const ReplayTiming& t = m_options.timing;
    const std::int64_t own = m_lastStepNs + t.scale(step.atNs - m_lastStepRecNs);
    if (!m_options.waitForPeer || (step.peerBefore == 0 && !step.peerFinBefore)) {
        return {own, true, 0};
    }
    if (const auto reached = peerReachedAt(step)) {
        return {std::max(own, *reached + t.scale(step.atNs - step.peerAtNs)), true, 0};
    }
    if (m_peerEnded) {
        return {std::max(own, m_peerEndNs), true, 0}; // nothing more can come
    }
    const std::int64_t expected = m_lastStepNs + t.scale(step.peerAtNs - m_lastStepRecNs);
    const std::int64_t giveUp = std::max(expected, m_peerActivityNs) + m_options.waitTimeoutNs;
    return {own, false, giveUp};
}

std::int64_t ReplayPlayer::endGiveUpNs() const {
    const std::int64_t expected =
        m_lastStepNs + m_options.timing.scale(m_script.lastPeerNs - m_lastStepRecNs);
    return std::max(expected, m_peerActivityNs) + m_options.waitTimeoutNs;
}

bool ReplayPlayer::peerFinished(std::int64_t nowNs) const {
    if (m_peerEnded) {
        return true; // no more bytes can come
    }
    if (peerCount() < peerTotal() || m_cmp.peerClosedRecorded) {
        return false;
    }
    // Every recorded byte is there and the recording has the peer staying open: done after a
    // quiet period (bytes beyond the recording are a difference, not to be left unread), or at
    // once when such bytes came already.
    return peerCount() > peerTotal() || nowNs >= quietUntilNs();
}

std::optional<std::int64_t> ReplayPlayer::deadlineNs() const {
    if (m_state == ReplayState::Playing && m_next < m_script.steps.size()) {
        const Due d = due(m_script.steps[m_next]);
        return d.peerReady ? d.atNs : d.giveUpNs;
    }
    if (m_state == ReplayState::Finishing) {
        if (!m_peerEnded && !m_cmp.peerClosedRecorded && peerCount() >= peerTotal()) {
            return std::min(endGiveUpNs(), quietUntilNs());
        }
        return endGiveUpNs();
    }
    return std::nullopt;
}

std::vector<Command> ReplayPlayer::start(std::int64_t nowNs) {
    if (m_state != ReplayState::Idle) {
        return {};
    }
    const bool waits = m_script.side == ReplaySide::Server;
    if (waits) {
        m_state = ReplayState::WaitingForPeer;
        return {};
    }
    m_pendingError.clear(); // a refused address before the one that connected
    begin(nowNs);
    return advance(nowNs);
}

void ReplayPlayer::begin(std::int64_t nowNs) {
    m_begun = true;
    m_cmp.started = true;
    m_pendingError.clear();
    m_state = ReplayState::Playing;
    m_startNs = nowNs;
    m_lastStepNs = nowNs;
    m_lastStepRecNs = 0;
    m_peerActivityNs = nowNs;
}

std::vector<Command> ReplayPlayer::onRecords(const TrafficStore& live, std::int64_t nowNs) {
    std::vector<Command> out;
    const bool udp = m_script.protocol == CaptureProtocol::Udp;
    const bool server = m_script.side == ReplaySide::Server;
    m_readSeq = forEachRecord(
        live,
        [&](const Record& r) {
            // Once done, records still complete the comparison (the last bytes and the peer's
            // FIN may be appended with the state change that ended the replay).
            const bool over = m_state == ReplayState::Done;
            if (!m_begun && r.kind == RecordKind::Error && r.connectionId == 0 &&
                (m_state == ReplayState::Idle || m_state == ReplayState::WaitingForPeer)) {
                // A refused connect, an address in use: the replay's error when the socket
                // fails (socketGone); a connect may still go on to the next address.
                m_pendingError = live.text(r);
                return;
            }
            if (m_state == ReplayState::Idle || (over && !m_begun)) {
                return;
            }
            if (over && (r.kind == RecordKind::Accepted || r.kind == RecordKind::Error)) {
                return;
            }
            if (server && !udp && r.kind == RecordKind::Accepted) {
                if (m_state == ReplayState::WaitingForPeer) {
                    m_connection = r.connectionId;
                    begin(nowNs);
                } else {
                    note(trArgs(SL_TR("socklab", "a second client (%1) was closed: the replay "
                                                 "plays one conversation"),
                                live.peer(r).toString()));
                    out.push_back(CloseSocket{m_session, r.connectionId, false});
                }
                return;
            }
            if (r.kind == RecordKind::Error &&
                (r.connectionId == m_connection || r.connectionId == 0)) {
                socketError(live.text(r));
                note(live.text(r));
                m_connectionGone = true;
                m_peerEnded = true;
                m_peerEndNs = nowNs;
                return;
            }
            if (r.connectionId != m_connection) {
                return;
            }
            switch (r.kind) {
            case RecordKind::Data:
                if (r.direction == Direction::Out) {
                    m_cmp.sent.liveBytes += r.length;
                    ++m_cmp.sent.liveMessages;
                    return;
                }
                if (r.direction != Direction::In) {
                    return;
                }
                if (server && udp) {
                    const std::string from = live.peer(r).toString();
                    if (m_state == ReplayState::WaitingForPeer) {
                        m_destination = from;
                        begin(nowNs);
                    } else if (from != m_destination) {
                        if (!m_otherSenders) {
                            note(trArgs(SL_TR("socklab", "datagrams from %1 are ignored: the "
                                                         "replay answers the first sender, %2"),
                                        from, m_destination));
                            m_otherSenders = true;
                        }
                        return;
                    }
                }
                if (m_state == ReplayState::WaitingForPeer) {
                    return;
                }
                {
                    const std::uint64_t before = peerCount();
                    compareLive(live.recordBytes(r));
                    m_peerActivityNs = nowNs;
                    noteArrival(before, nowNs);
                }
                return;
            case RecordKind::PeerClosed:
                m_peerEnded = true;
                m_peerEndNs = nowNs;
                m_cmp.peerClosed = true;
                m_peerActivityNs = nowNs;
                return;
            case RecordKind::Reset:
                if (r.flags & RecordFlag::Remote) {
                    m_cmp.peerClosed = true;
                    m_cmp.peerReset = true;
                    if (m_next < m_script.steps.size() && m_state == ReplayState::Playing) {
                        note(
                            trArgs(SL_TR("socklab", "%1 reset the connection before step %2 of %3"),
                                   peerName(), m_next + 1, m_script.steps.size()));
                    }
                }
                m_peerEnded = true;
                m_peerEndNs = nowNs;
                m_connectionGone = true;
                return;
            case RecordKind::Closed:
                m_connectionGone = true;
                if (!m_peerEnded) {
                    m_peerEnded = true;
                    m_peerEndNs = nowNs;
                }
                return;
            default:
                return;
            }
        },
        m_readSeq);
    auto more = advance(nowNs);
    out.insert(out.end(), std::make_move_iterator(more.begin()),
               std::make_move_iterator(more.end()));
    return out;
}

std::vector<Command> ReplayPlayer::onTimer(std::int64_t nowNs) {
    if (m_state != ReplayState::Playing && m_state != ReplayState::Finishing) {
        return {};
    }
    return advance(nowNs);
}

std::vector<Command> ReplayPlayer::advance(std::int64_t nowNs) {
    std::vector<Command> out;
    while (m_state == ReplayState::Playing) {
        if (m_next >= m_script.steps.size()) {
            m_state = ReplayState::Finishing;
            break;
        }
        if (m_connectionGone) {
            note(trArgs(SL_TR("socklab", "the connection ended before step %1 of %2"), m_next + 1,
                        m_script.steps.size()));
            finish(nowNs, out);
            return out;
        }
        const ReplayStep& step = m_script.steps[m_next];
        Due d = due(step);
        if (!d.peerReady) {
            if (nowNs < d.giveUpNs) {
                return out;
            }
            ++m_cmp.timeouts;
            note(trArgs(m_options.stopOnTimeout
                            ? SL_TR("socklab", "step %1: waited %2 for %3's %4 (got %5): stopped")
                            : SL_TR("socklab", "step %1: waited %2 for %3's %4 (got %5): going on"),
                        m_next + 1, msText(m_options.waitTimeoutNs), peerName(),
                        step.peerFinBefore && peerCount() >= step.peerBefore
                            ? std::string("FIN")
                            : peerAmount(step.peerBefore),
                        peerCount()));
            if (m_options.stopOnTimeout) {
                m_stopped = true;
                finish(nowNs, out);
                return out;
            }
            m_waived = true;
            m_waivedCount = step.peerBefore;
            m_waivedFin = step.peerFinBefore;
            m_waivedAtNs = nowNs;
            d = due(step);
        } else if (m_peerEnded && !peerReachedAt(step) && !m_notedPeerEnd) {
            m_notedPeerEnd = true;
            note(trArgs(SL_TR("socklab", "%1 closed after %2 (the recording had %3 before step "
                                         "%4): going on"),
                        peerName(), peerAmount(peerCount()), step.peerBefore, m_next + 1));
        }
        if (nowNs < d.atNs) {
            return out;
        }
        runStep(step, nowNs, out);
    }
    if (m_state == ReplayState::Finishing) {
        // Done when the peer is, and our last sends are on the wire (recorded by the engine).
        if (m_connectionGone || (peerFinished(nowNs) && m_cmp.sent.liveBytes >= m_postedBytes)) {
            finish(nowNs, out);
        } else if (nowNs >= endGiveUpNs()) {
            ++m_cmp.timeouts;
            const std::uint64_t total = peerTotal();
            note(peerCount() < total
                     ? trArgs(SL_TR("socklab", "waited %1 for the rest of %2's answer (got %3 of "
                                               "%4)"),
                              msText(m_options.waitTimeoutNs), peerName(), peerCount(),
                              peerAmount(total))
                     : trArgs(SL_TR("socklab",
                                    "%1 did not close within %2 (the recording has it closing)"),
                              peerName(), msText(m_options.waitTimeoutNs)));
            finish(nowNs, out);
        }
    }
    return out;
}

void ReplayPlayer::runStep(const ReplayStep& step, std::int64_t nowNs, std::vector<Command>& out) {
    switch (step.kind) {
    case ReplayStep::Kind::Send:
        out.push_back(SendData{m_session, m_connection, step.bytes, false, m_destination});
        m_postedBytes += step.bytes.size();
        break;
    case ReplayStep::Kind::Shutdown:
        if (m_script.protocol == CaptureProtocol::Tcp) {
            out.push_back(ShutdownWrite{m_session, m_connection});
        }
        break;
    case ReplayStep::Kind::Reset:
        out.push_back(CloseSocket{m_session, m_connection, true});
        m_closeSent = m_connection == 0;
        break;
    }
    ++m_next;
    m_lastStepNs = nowNs;
    m_lastStepRecNs = step.atNs;
    // Arrivals below the next step's need are looked up no more.
    const std::uint64_t need = m_next < m_script.steps.size()
                                   ? m_script.steps[m_next].peerBefore
                                   : std::numeric_limits<std::uint64_t>::max();
    m_arrivals.erase(
        m_arrivals.begin(),
        std::lower_bound(m_arrivals.begin(), m_arrivals.end(), need,
                         [](const Arrival& a, std::uint64_t count) { return a.count < count; }));
}

void ReplayPlayer::finish(std::int64_t nowNs, std::vector<Command>& out) {
    if (!m_closeSent && !m_socketGone) {
        out.push_back(CloseSocket{m_session, 0, false});
        m_closeSent = true;
    }
    end(nowNs);
}

void ReplayPlayer::end(std::int64_t nowNs) {
    if (m_state == ReplayState::Done) {
        return;
    }
    m_state = ReplayState::Done;
    m_endNs = nowNs;
}

void ReplayPlayer::socketGone(const std::string& why, std::int64_t nowNs) {
    m_socketGone = true;
    if (m_state == ReplayState::Done) {
        return;
    }
    if (!m_begun && !m_pendingError.empty()) {
        // The socket failed before the peer was there: that error is why (ECONNREFUSED,
        // EADDRINUSE), not a difference in what the peer answered.
        socketError(m_pendingError);
        note(m_pendingError);
        m_pendingError.clear();
    }
    if (m_next < m_script.steps.size() || m_state == ReplayState::Idle ||
        m_state == ReplayState::WaitingForPeer) {
        note(m_script.steps.empty() ? why
                                    : trArgs(SL_TR("socklab", "%1 at step %2 of %3"), why,
                                             m_next + 1, m_script.steps.size()));
    }
    m_connectionGone = true;
    if (m_state == ReplayState::Idle) {
        m_startNs = nowNs;
    }
    end(nowNs);
}

std::vector<Command> ReplayPlayer::stop(std::int64_t nowNs) {
    std::vector<Command> out;
    if (m_state == ReplayState::Done) {
        return out;
    }
    m_stopped = true;
    note(trArgs(SL_TR("socklab", "stopped by the user at step %1 of %2"),
                std::min(m_next + 1, stepCount()), stepCount()));
    if (m_state == ReplayState::Idle) {
        m_startNs = nowNs;
    }
    finish(nowNs, out);
    return out;
}

ReplayProgress ReplayPlayer::progress() const {
    ReplayProgress p;
    p.state = m_state;
    p.steps = m_script.steps.size();
    p.step = std::min(m_next + 1, p.steps);
    if (m_state == ReplayState::Playing && m_next < m_script.steps.size()) {
        const ReplayStep& step = m_script.steps[m_next];
        p.waitingForPeer = !due(step).peerReady;
        p.peerHave = peerCount();
        p.peerNeed = step.peerBefore;
    }
    return p;
}

std::string ReplayPlayer::progressText() const {
    const ReplayProgress p = progress();
    switch (p.state) {
    case ReplayState::WaitingForPeer:
        return SL_TR("socklab", "waiting for the client");
    case ReplayState::Playing:
        if (p.waitingForPeer) {
            return trArgs(SL_TR("socklab", "step %1 of %2: waiting for %3 (%4 of %5)"), p.step,
                          p.steps, peerName(), p.peerHave, peerAmount(p.peerNeed));
        }
        return trArgs(SL_TR("socklab", "step %1 of %2"), p.step, p.steps);
    case ReplayState::Finishing:
        return trArgs(SL_TR("socklab", "every step sent: waiting for the rest of %1's answer"),
                      peerName());
    default:
        return {};
    }
}

} // namespace socklab
