#pragma once

#include "core/capture/traffic_store.h"
#include "core/respond/framing.h"
#include "core/respond/sequence.h"
#include "core/vocab/commands.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace socklab {

/// Plays a tab's sequences against its session, one after another, for both front ends (the
/// GUI's Sequences box, `socklab-cli run --sequences`): received Data records are framed with the
/// tab's framing (one framer per connection) and fed to the runner; its sends come back as
/// SendData commands for the caller to post; the caller calls onTimer at deadlineNs().
class SequencePlayer {
public:
    /// destination: the tab's datagram target ("" = the connected peer); connection: where sends
    /// go (0, or kAllConnections for a listener); datagram: every datagram is framed alone.
    SequencePlayer(SessionId session, std::vector<Sequence> sequences, FramingSpec framing,
                   std::string destination, ConnectionId connection, bool datagram);

    /// The socket is ready: the first sequence starts (sends are returned).
    [[nodiscard]] std::vector<SendData> start(std::int64_t nowNs);
    /// New records in the tab's store (reads from where it left off).
    [[nodiscard]] std::vector<SendData> onRecords(const TrafficStore& store, std::int64_t nowNs);
    /// The deadline passed (or any time: early calls do nothing).
    [[nodiscard]] std::vector<SendData> onTimer(std::int64_t nowNs);
    /// The socket closed or failed: a running sequence fails ("the socket closed at step N"),
    /// the ones after it do not run.
    void socketGone(const std::string& why);
    /// Stop by the user: the running sequence fails ("stopped at step N"), no more run.
    void stop();
    /// Hold / continue the running sequence (see SequenceRunner::pause).
    void pause(std::int64_t nowNs);
    void resume(std::int64_t nowNs);

    [[nodiscard]] bool running() const { return m_runner.has_value(); }
    [[nodiscard]] bool paused() const { return m_runner && m_runner->paused(); }
    /// The running sequence's name and 1-based step (0 when none runs).
    [[nodiscard]] std::string currentName() const;
    [[nodiscard]] std::size_t currentStep() const;
    [[nodiscard]] std::size_t currentStepCount() const;

    [[nodiscard]] std::optional<std::int64_t> deadlineNs() const { return m_deadlineNs; }
    [[nodiscard]] bool done() const { return m_next >= m_sequences.size() && !m_runner; }
    /// One outcome per sequence that ran (in order), for the summary.
    struct Result {
        std::string name;
        SequenceOutcome outcome;
    };
    [[nodiscard]] const std::vector<Result>& results() const { return m_results; }
    [[nodiscard]] bool allOk() const;

private:
    /// Carries out a runner's actions; starts the next sequence when one finishes.
    std::vector<SendData> apply(SequenceRunner::Actions actions, std::int64_t nowNs);

    SessionId m_session;
    std::vector<Sequence> m_sequences;
    FramingSpec m_framing;
    std::string m_destination;
    ConnectionId m_connection;
    bool m_datagram;
    std::size_t m_next = 0; ///< index of the next sequence to start
    std::optional<SequenceRunner> m_runner;
    std::optional<std::int64_t> m_deadlineNs;
    std::map<std::uint32_t, Framer> m_framers;
    std::uint64_t m_readSeq = 0;
    std::vector<Result> m_results;
};

} // namespace socklab
