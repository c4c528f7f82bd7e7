#pragma once

#include "core/capture/traffic_store.h"
#include "core/vocab/events.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <memory>
#include <optional>

namespace socklab::ui {

class SessionRouter;

/// The GUI's side of one engine session: the only object that builds engine commands for it
/// and the only one that receives its events (through the SessionRouter), decoded into typed
/// signals. It keeps the figures views show (state, addresses, capture, TCP_INFO, kernel drops).
///
/// Ownership: a handle is a QObject owned by its Qt parent (the tab that made it). Other views
/// observe it through QPointer<SessionHandle> and connect to its signals; when the owner goes,
/// the handle closes and destroys its engine session and the views' pointers become null.
/// One view may hold several handles.
///
/// The handle outlives reopening: opening the same kind of socket again continues the capture
/// (Engine::reopen); the engine gives that session a new id, which the handle registers in
/// place of the old one, so views keep the same handle.
class SessionHandle : public QObject {
    Q_OBJECT
public:
    explicit SessionHandle(SessionRouter& router, QObject* parent = nullptr);
    ~SessionHandle() override;

    [[nodiscard]] socklab::SessionId id() const { return m_id; }
    /// An engine session exists (open or closed, not forgotten).
    [[nodiscard]] bool hasSession() const { return m_id != 0; }
    /// What was last opened.
    [[nodiscard]] const socklab::OpenSession& request() const { return m_request; }
    [[nodiscard]] std::optional<socklab::SessionState> state() const { return m_state; }
    /// The session's own socket is live (not closed, not failed).
    [[nodiscard]] bool isOpen() const;
    [[nodiscard]] bool isListener() const;
    [[nodiscard]] const QString& localText() const { return m_local; }
    [[nodiscard]] const QString& peerText() const { return m_peer; }
    [[nodiscard]] std::shared_ptr<const socklab::TrafficStore> store() const { return m_store; }
    /// The capture's counters: every connection, or one accepted connection.
    [[nodiscard]] socklab::TrafficCounters
    counters(std::optional<socklab::ConnectionId> connection = std::nullopt) const;
    /// Last TCP_INFO answer (of tcpInfoConnection()).
    [[nodiscard]] const socklab::TcpInfoSnapshot& tcpInfo() const { return m_tcpInfo; }
    [[nodiscard]] socklab::ConnectionId tcpInfoConnection() const { return m_tcpConnection; }
    /// Datagrams the kernel dropped so far (SO_RXQ_OVFL); 0 after each open.
    [[nodiscard]] quint64 kernelDrops() const { return m_kernelDrops; }
    /// Opening `request` would continue this handle's capture (same kind of socket).
    [[nodiscard]] bool continuesCapture(const socklab::OpenSession& request) const;

    /// Open `request`: continues the capture for the same kind of socket, else the previous
    /// session is destroyed and a new capture starts. Outcome arrives as signals.
    void open(socklab::OpenSession request);
    /// Close the session's own socket (abortive: RST). No-op unless open.
    void close(bool abortive = false);
    /// Close one accepted connection of a listener (kAllConnections: every one).
    void closeConnection(socklab::ConnectionId connection, bool abortive = false);
    /// Close if open and forget the session; its capture is released.
    void destroy();
    /// Send on the session's socket, a child connection or kAllConnections; destination is a
    /// datagram target ("" = connected peer). False (nothing sent) when not open.
    bool send(const QByteArray& bytes, socklab::ConnectionId connection = 0, bool urgent = false,
              const QString& destination = {});
    bool sendTo(const QByteArray& bytes, const QString& destination);
    bool halfClose(socklab::ConnectionId connection = 0);
    bool setOption(const socklab::OptionSetting& setting, socklab::ConnectionId connection = 0);
    bool ping(int count);
    bool queryTcpInfo(socklab::ConnectionId connection = 0);
    /// Join (or leave) a multicast group on a datagram session; iface "" = the default.
    /// The outcome arrives as membershipChanged or membershipFailed.
    bool changeMembership(const QString& group, const QString& iface, bool join);

    /// Relay sessions only (role Relay); false when not open or not a relay.
    /// Change one direction's impairment while running (answered by relaySettings).
    bool setImpairment(socklab::RelayDirection direction, const socklab::Impairment& impairment);
    /// Hold a direction (new messages queue: heldQueued) or stop holding it.
    bool hold(socklab::RelayDirection direction, bool hold);
    /// Release (edited: with `bytes` instead of what arrived) or drop held message `id` of
    /// `direction`; id 0 = every held message of the direction, in order.
    bool releaseHeld(socklab::RelayDirection direction, quint64 id, bool drop = false,
                     bool edited = false, const QByteArray& bytes = {});
    /// Send bytes into one direction of a pair/mapping (kAllConnections: every one), as if
    /// its source had sent them; they pass through that direction's impairment.
    bool inject(socklab::ConnectionId connection, socklab::RelayDirection direction,
                const QByteArray& bytes);
    /// Ask for a relayFigures signal now (a lab wire answers with wireFigures).
    bool queryRelayFigures();
    /// Replace the running session's responders (answered by ruleHitsChanged, or error()
    /// naming the rule). The request kept for reopening gets them too. False when not open.
    bool setResponders(const socklab::ResponderConfig& config);
    /// Post any command for this handle's session (its session id must already be filled in;
    /// the lab's conductor builds them). False when the engine is gone.
    bool post(socklab::Command command);
    [[nodiscard]] bool isRelay() const;
    /// Last figures of the relay (zero before the first RelayFigures event).
    [[nodiscard]] const socklab::RelayFigures& lastRelayFigures() const { return m_relayFigures; }

signals:
    /// Every event of the session, as the engine sent it, before the typed signal below (for
    /// controllers that drive core state machines, such as the lab's conductor).
    void engineEvent(const socklab::EngineEvent& event);
    /// A new open was requested (state Resolving); captureChanged comes first when the
    /// capture is a new one.
    void opened();
    /// The capture changed (a new one, or none after destroy()).
    void captureChanged();
    void stateChanged(socklab::ConnectionId connection, socklab::SessionState state,
                      const QString& local, const QString& peer);
    void accepted(socklab::ConnectionId connection, const QString& peer);
    /// Store records [first, end) are new.
    void recordsAppended(quint64 first, quint64 end);
    void optionApplied(const socklab::OptionReadback& option);
    void optionRead(const socklab::OptionReadback& option);
    void tcpInfoChanged(socklab::ConnectionId connection, const socklab::TcpInfoSnapshot& info);
    void pingReply(const socklab::PingResult& reply);
    void pingDone();
    void error(socklab::ConnectionId connection, const QString& text);
    void warning(const QString& text);
    void kernelDropsChanged(quint64 total);
    /// A connection's send queue backs up because its peer does not read (active), with the
    /// core's text ("4.0 MiB queued, the peer is not reading"), or drained (not active).
    void backpressureChanged(socklab::ConnectionId connection, bool active, const QString& text);
    /// A multicast membership is now in effect (joined) or gone (left).
    void membershipChanged(const QString& group, const QString& iface, bool joined);
    /// Joining (join) or leaving a group failed; also reported through error().
    void membershipFailed(const QString& group, const QString& iface, bool join,
                          const QString& text);
    /// Relay: per-direction figures (on change, at most every 100 ms, and when asked).
    void relayFigures(const socklab::RelayFigures& figures);
    /// Relay: a message entered the hold queue (with its bytes).
    void heldQueued(const socklab::HeldMessage& message);
    /// Relay: held message `id` left the queue; how: "released", "edited", "dropped", "closed".
    void heldGone(quint64 id, const QString& how);
    /// Relay: a direction's hold and impairment as now in effect (at start and on change).
    void relaySettings(socklab::RelayDirection direction, bool holding,
                       const socklab::Impairment& impairment);
    /// Relay: the upstream side of pair/mapping `connection` ("local -> upstream" once
    /// connected), from its Accepted/StateChanged events.
    void upstreamChanged(socklab::ConnectionId connection, const QString& upstream);
    /// Lab wire: what the wire did so far (on change, at most every 100 ms, and when asked).
    void wireFigures(const socklab::WireFigures& figures);
    /// A SendSeries finished: sent of count messages handed to the socket.
    void seriesDone(int sent, int count);
    /// Responders: hits per rule, in rule order (when the rules are set, then as they hit).
    void ruleHitsChanged(const std::vector<std::uint64_t>& hits);

private:
    friend class SessionRouter;
    /// Called by the router with an event of this session.
    void deliver(const socklab::EngineEvent& event);
    void routerGone();
    void decodeState(const socklab::EngineEvent& event);

    QPointer<SessionRouter> m_router;
    socklab::SessionId m_id = 0;
    socklab::OpenSession m_request;
    std::optional<socklab::SessionState> m_state;
    QString m_local;
    QString m_peer;
    std::shared_ptr<const socklab::TrafficStore> m_store;
    socklab::TcpInfoSnapshot m_tcpInfo{};
    socklab::ConnectionId m_tcpConnection = 0;
    /// SetResponders sent to this session so far: RuleHits of older rules are dropped.
    std::uint64_t m_rulesGeneration = 0;
    quint64 m_kernelDrops = 0;
    socklab::RelayFigures m_relayFigures{};
};

} // namespace socklab::ui

Q_DECLARE_METATYPE(socklab::RelayFigures)
Q_DECLARE_METATYPE(socklab::HeldMessage)
Q_DECLARE_METATYPE(socklab::RelayDirection)
Q_DECLARE_METATYPE(socklab::Impairment)
Q_DECLARE_METATYPE(socklab::WireFigures)
