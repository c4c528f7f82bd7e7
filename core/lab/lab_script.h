#pragma once

#include "core/vocab/commands.h"
#include "core/vocab/events.h"
#include "core/vocab/lab.h"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace socklab {

/// One step of a LabScript. Steps name the sockets they act on ("actors"): a session opened by
/// an Open step, or a connection a listener accepted (AwaitAccept names it).
struct LabStep {
    enum class Kind : std::uint8_t {
        /// Open `request` as `actor`: role Wire opens the lab network (the script's wire);
        /// any other role is placed in `host` of that wire (LabHost::None: SockLab's own).
        Open = 1,
        AwaitState,    ///< until `actor` has reached `state` (at any time since it was opened)
        AwaitAccept,   ///< until listener `actor` accepted a connection; it becomes `name`
        AwaitError,    ///< until `actor` reported an error with errno `err`
        AwaitBytes,    ///< until `actor` has received at least `bytes` bytes
        Pause,         ///< let timeout_ms pass (packets in flight arrive, timers run)
        Send,          ///< send `data` on `actor`
        ShutdownWrite, ///< shutdown(SHUT_WR) on `actor`: a FIN, reading goes on
        Close,         ///< close `actor`; abortive: SO_LINGER {1, 0}, the peer gets a RST
        SetImpairment, ///< from now on the wire does `impairment` to `direction`
    };
    Kind kind = Kind::Pause;
    std::string actor;
    std::string name; ///< AwaitAccept: the actor the accepted connection becomes
    /// What the step does, in plain words, shown while it runs; "" = labStepText() makes one.
    std::string text;
    LabHost host = LabHost::None;
    OpenSession request;
    SessionState state = SessionState::Connected;
    int err = 0;
    std::uint64_t bytes = 0;
    std::vector<std::byte> data;
    bool abortive = false;
    WireDirection direction = WireDirection::AtoB;
    Impairment impairment;
    /// Await*: the step fails when its condition does not hold within this; Pause: how long.
    int timeout_ms = 5000;

    static LabStep open(std::string actor, LabHost host, OpenSession request);
    static LabStep openWire(std::string actor, LabConfig network);
    static LabStep awaitState(std::string actor, SessionState state, int timeout_ms = 5000);
    static LabStep awaitAccept(std::string listener, std::string name, int timeout_ms = 5000);
    static LabStep awaitError(std::string actor, int err, int timeout_ms = 5000);
    static LabStep awaitBytes(std::string actor, std::uint64_t bytes, int timeout_ms = 5000);
    static LabStep pause(int ms);
    static LabStep send(std::string actor, std::string_view text);
    static LabStep shutdownWrite(std::string actor);
    static LabStep close(std::string actor, bool abortive);
    static LabStep setImpairment(WireDirection direction, Impairment impairment);
    /// The same step with `text` as its description.
    [[nodiscard]] LabStep said(std::string what) &&;
};

/// The step's own text, or one made from it: "client: wait for Connected (at most 5 s)".
[[nodiscard]] std::string labStepText(const LabStep& step);

/// Something the front end must do for the script.
struct LabScriptAction {
    enum class Kind : std::uint8_t {
        Open = 1, ///< open `request`, tell the script its id (opened(actor, id))
        Post,     ///< post `command`
        Step,     ///< step number `step` starts; show `text`
        Done,     ///< every step ran; check the experiment's claim
        Failed,   ///< a step failed; text says which and why
    };
    Kind kind = Kind::Step;
    std::string actor;
    OpenSession request;
    Command command;
    std::size_t step = 0;
    std::string text;
};

/// A socket the script acts on, and what the engine said about it.
struct LabScriptActor {
    std::string name; ///< "" for an accepted connection no step named yet
    SessionId session = 0;
    ConnectionId connection = 0;
    std::string local; ///< as the last StateChanged reported it
    std::string peer;
    /// Every state reached, in order; an accepted connection starts Connected.
    std::vector<SessionState> states;
    std::vector<Error> errors; ///< every Error event, in order
    [[nodiscard]] bool reached(SessionState s) const;
    [[nodiscard]] bool hadError(int err) const;
};

/// Bytes a socket has received so far (the front end reads its capture's counters):
/// bytesIn(session, connection).
using LabBytesProbe = std::function<std::uint64_t(SessionId, ConnectionId)>;

/// Runs a list of steps against the engine as a state machine free of threads and clocks, like
/// LabConductor: the front end feeds it engine events and the time (onTick at least every 100
/// ms) and carries out the actions it returns. Steps run one after another; an Await step waits
/// for its condition (seen at any time since the actor appeared, so an event that came early
/// counts) or fails after its timeout; a socket that fails while a step waits for anything
/// but a failure fails the script at once with its error. A step's time counts from the tick
/// it started in (from the next tick when an event started it); AwaitBytes is checked on
/// ticks. Nothing is closed at the end (sessions() lists what to close).
class LabScript {
public:
    enum class Phase : std::uint8_t { Idle, Running, Done, Failed };

    explicit LabScript(std::vector<LabStep> steps);

    [[nodiscard]] std::vector<LabScriptAction> start();
    /// The id the front end got for an Open action.
    void opened(std::string_view actor, SessionId id);
    [[nodiscard]] std::vector<LabScriptAction> onEvent(const EngineEvent& event);
    [[nodiscard]] std::vector<LabScriptAction> onTick(std::int64_t nowNs,
                                                      const LabBytesProbe& bytesIn);

    [[nodiscard]] Phase phase() const { return m_phase; }
    [[nodiscard]] std::span<const LabStep> steps() const { return m_steps; }
    /// The step running now (steps().size() once done).
    [[nodiscard]] std::size_t currentStep() const { return m_step; }
    [[nodiscard]] const LabScriptActor* actor(std::string_view name) const;
    [[nodiscard]] std::span<const LabScriptActor> actors() const { return m_actors; }
    /// The wire session (0 until its Open step ran).
    [[nodiscard]] SessionId wire() const { return m_wire; }
    /// Every session the script opened, in order (the front end closes them when done).
    [[nodiscard]] std::vector<SessionId> sessions() const;
    /// Why the script failed ("" unless Failed).
    [[nodiscard]] const std::string& failure() const { return m_failure; }

private:
    enum class Check : std::uint8_t { Waiting, Met, Broken };
    std::vector<LabScriptAction> advance(const LabBytesProbe* bytesIn);
    std::vector<LabScriptAction> perform(const LabStep& step);
    Check check(const LabStep& step, const LabBytesProbe* bytesIn);
    std::vector<LabScriptAction> fail(std::string why);
    LabScriptActor* find(std::string_view name);
    LabScriptActor* track(SessionId session, ConnectionId connection);
    LabScriptAction post(Command command) const;

    std::vector<LabStep> m_steps;
    std::vector<LabScriptActor> m_actors;
    Phase m_phase = Phase::Idle;
    std::size_t m_step = 0;
    bool m_performed = false;       ///< the current step's action went out
    bool m_awaitingId = false;      ///< an Open step waits for opened()
    std::int64_t m_nowNs = 0;       ///< the last tick's time
    std::int64_t m_stepStartNs = 0; ///< 0 until the first tick of the current step
    SessionId m_wire = 0;
    std::string m_failure;
};

} // namespace socklab
