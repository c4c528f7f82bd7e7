#pragma once

#include "core/lab/lab_conductor.h"
#include "core/lab/lab_report.h"
#include "ui/session/session_handle.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <array>
#include <memory>
#include <optional>

namespace socklab::ui {

class SessionHandle;
class SessionRouter;

/// The outcome of a finished lab run: both protocols' reports and what the wire and TCP_INFO
/// said (wire figures only when the lab network ran, not in the fallback).
struct LabOutcome {
    socklab::LabProtocolReport tcp;
    socklab::LabProtocolReport udp;
    std::optional<socklab::TcpInfoSnapshot> tcpInfo;
    std::optional<socklab::WireFigures> wire;
    bool fallback = false;
    bool tcpComplete = false;
};

/// Runs the TCP-vs-UDP lab in the GUI: one SessionHandle per lab socket (made on demand),
/// driving core's LabConductor with the handles' events and a 50 ms tick, and analysing the
/// captures when the run is done. The handles stay after the run (their captures feed the
/// views) until the next run or the controller goes.
class LabController : public QObject {
    Q_OBJECT
public:
    explicit LabController(SessionRouter& router, QObject* parent = nullptr);
    ~LabController() override;

    /// Start a run (closing the previous run's sessions first).
    void start(const socklab::LabRunSettings& settings);
    /// Stop a running run: every lab socket and the wire close.
    void stop();
    [[nodiscard]] bool running() const;
    [[nodiscard]] socklab::LabConductor::Phase phase() const;
    /// The handle of a slot in this run, or nullptr when the run has no such session.
    [[nodiscard]] SessionHandle* handle(socklab::LabSlot slot) const;
    /// The TCP server connection that carries the run (0 until accepted).
    [[nodiscard]] socklab::ConnectionId tcpConnection() const;
    [[nodiscard]] const std::optional<LabOutcome>& outcome() const { return m_outcome; }
    [[nodiscard]] bool usingFallback() const;
    [[nodiscard]] const socklab::LabRunSettings& settings() const { return m_settings; }

signals:
    /// A run started: the handles of the previous run are gone, new ones follow.
    void started();
    /// A slot got its session (views attach to its capture).
    void sessionOpened(socklab::LabSlot slot, SessionHandle* handle);
    void phaseChanged(socklab::LabConductor::Phase phase);
    /// Something to tell the user (the lab is unavailable and the fallback runs instead).
    void notice(const QString& text);
    void finished(const LabOutcome& outcome);
    void failed(const QString& text);
    /// The wire's figures changed (live).
    void wireFiguresChanged(const socklab::WireFigures& figures);

private:
    void carryOut(std::vector<socklab::LabAction> actions);
    void tick();
    void analyse();
    void clearSessions();
    void setPhase(socklab::LabConductor::Phase phase);

    SessionRouter& m_router;
    socklab::LabRunSettings m_settings;
    std::unique_ptr<socklab::LabConductor> m_conductor;
    std::array<QPointer<SessionHandle>, socklab::kLabSlots> m_handles;
    QTimer m_tick;
    std::optional<LabOutcome> m_outcome;
    socklab::LabConductor::Phase m_lastPhase = socklab::LabConductor::Phase::Idle;
};

} // namespace socklab::ui

Q_DECLARE_METATYPE(socklab::LabSlot)
