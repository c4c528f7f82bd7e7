#pragma once

#include "core/lab/lab_conductor.h"
#include "core/lab/lab_experiments.h"
#include "core/lab/lab_ladder_input.h"
#include "core/lab/lab_report.h"
#include "core/lab/lab_script.h"
#include "core/lab/lab_timeline.h"
#include "ui/session/session_handle.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace socklab::ui {

class SessionRouter;

/// The outcome of a finished lab run. Schedule runs: both protocols' reports and what the wire
/// and TCP_INFO said (wire figures only when the lab network ran, not in the fallback).
/// Experiments add their claim.
struct LabOutcome {
    bool schedule = true; ///< false: a scripted experiment (no reports)
    socklab::LabProtocolReport tcp;
    socklab::LabProtocolReport udp;
    std::optional<socklab::TcpInfoSnapshot> tcpInfo;
    std::optional<socklab::WireFigures> wire;
    bool fallback = false;
    bool tcpComplete = false;
    std::optional<socklab::LabClaim> claim;
};

/// Runs the TCP-vs-UDP lab in the GUI: a message schedule through core's LabConductor, or a
/// guided experiment (a schedule preset, or a LabScript of socket steps), with one
/// SessionHandle per lab socket (made on demand), fed the handles' events and a 50 ms tick;
/// analyses the captures and checks the experiment's claim when the run is done. The handles
/// stay after the run (their captures feed the views) until the next run.
class LabController : public QObject {
    Q_OBJECT
public:
    explicit LabController(SessionRouter& router, QObject* parent = nullptr);
    ~LabController() override;

    /// Start a schedule run (closing the previous run's sessions first); experiment: the
    /// schedule experiment whose claim to check afterwards (nullptr: none).
    void start(const socklab::LabRunSettings& settings,
               const socklab::LabExperiment* experiment = nullptr);
    /// Start a scripted experiment.
    void startScript(const socklab::LabExperiment& experiment);
    /// Stop a running run: every lab socket and the wire close.
    void stop();
    [[nodiscard]] bool running() const;
    [[nodiscard]] socklab::LabConductor::Phase phase() const;
    /// The handle of a conductor slot in this run, or nullptr.
    [[nodiscard]] SessionHandle* handle(socklab::LabSlot slot) const;
    /// The wire's capture of this run (nullptr before the wire opened or in a fallback run).
    [[nodiscard]] std::shared_ptr<const socklab::TrafficStore> wireStore() const;
    /// The lab sockets of this run for the ladder (schedule or script).
    [[nodiscard]] std::vector<socklab::LabLadderSocket> ladderSockets() const;
    [[nodiscard]] socklab::ConnectionId tcpConnection() const;
    /// Each lab socket of this run (not the wire) with its own capture, with its file name
    /// ("tcp-client.pcapng", "udp-receiver.pcapng", a script's actor...; each name once), in a
    /// stable order.
    [[nodiscard]] std::vector<std::pair<QString, std::shared_ptr<const socklab::TrafficStore>>>
    captureSockets() const;
    /// While a schedule run sends and settles: both protocols' reports of what arrived so far
    /// (messages not arrived yet are Pending), TCP_INFO and the wire's figures as last heard;
    /// nullopt before sending starts and for scripted experiments.
    [[nodiscard]] std::optional<LabOutcome> liveOutcome() const;
    /// TCP over time in this run: the conductor's TCP_INFO samples (every 250 ms) and the
    /// wire's resent and dropped TCP segments, brought up to date by each call (only new wire
    /// records are read); kept after the run ends or is stopped, until the next run. Empty for
    /// scripted experiments and before a run.
    const socklab::LabTimeline& timeline();
    [[nodiscard]] const std::optional<LabOutcome>& outcome() const { return m_outcome; }
    [[nodiscard]] bool usingFallback() const;
    [[nodiscard]] const socklab::LabRunSettings& settings() const { return m_settings; }

signals:
    /// A run started: the handles of the previous run are gone, new ones follow.
    void started();
    void phaseChanged(socklab::LabConductor::Phase phase);
    /// Something to tell the user (the lab is unavailable and the fallback runs instead).
    void notice(const QString& text);
    /// A scripted experiment's step began (text in plain words).
    void stepStarted(int index, int count, const QString& text);
    void finished(const LabOutcome& outcome);
    void failed(const QString& text);
    /// The run's wire came up (its session id), or is gone (0: stopped, closed, a new run).
    void wireChanged(socklab::SessionId wire);

private:
    SessionHandle* handleFor(const std::string& key);
    [[nodiscard]] SessionHandle* handleOf(socklab::SessionId id) const;
    [[nodiscard]] socklab::LabStoreLookup storeLookup() const;
    void onEvent(const socklab::EngineEvent& e);
    void carryOut(std::vector<socklab::LabAction> actions);
    void carryOut(std::vector<socklab::LabScriptAction> actions);
    void tick();
    void analyse();
    void checkScript();
    void fail(const QString& text);
    void clearSessions();
    void setPhase(socklab::LabConductor::Phase phase);
    void setWire(socklab::SessionId wire);

    SessionRouter& m_router;
    socklab::LabRunSettings m_settings;
    const socklab::LabExperiment* m_experiment = nullptr;
    std::unique_ptr<socklab::LabConductor> m_conductor;
    std::unique_ptr<socklab::LabScript> m_script;
    std::map<std::string, QPointer<SessionHandle>> m_handles; ///< by slot or actor name
    QTimer m_tick;
    qint64 m_startedMs = 0;
    std::optional<LabOutcome> m_outcome;
    std::optional<socklab::WireFigures> m_liveWire;
    socklab::LabTimelineBuilder m_timeline;
    bool m_timelineFinal = false;    ///< read once after the run ended: no more updates
    socklab::SessionId m_wireUp = 0; ///< the wire whose Connected was seen (0: none)
    socklab::LabConductor::Phase m_phase = socklab::LabConductor::Phase::Idle;
};

} // namespace socklab::ui

Q_DECLARE_METATYPE(socklab::LabSlot)
