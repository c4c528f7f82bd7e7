#include "ui/session/session_handle.h"

#include "core/engine/engine.h"
#include "ui/session/session_controls.h"
#include "ui/session/session_router.h"

namespace socklab::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

std::vector<std::byte> bytesOf(const QByteArray& bytes) {
    const auto* data = reinterpret_cast<const std::byte*>(bytes.constData());
    return {data, data + bytes.size()};
}

} // namespace

SessionHandle::SessionHandle(SessionRouter& router, QObject* parent)
    : QObject(parent), m_router(&router) {
    // Queued connections and QSignalSpy need the relay signals' argument types.
    qRegisterMetaType<socklab::RelayFigures>();
    qRegisterMetaType<socklab::HeldMessage>();
    qRegisterMetaType<socklab::RelayDirection>();
    qRegisterMetaType<socklab::Impairment>();
}

SessionHandle::~SessionHandle() {
    destroy();
}

bool SessionHandle::isOpen() const {
    return m_id != 0 && m_state && SessionControls::isLive(*m_state);
}

bool SessionHandle::isRelay() const {
    return m_id != 0 && m_request.role == Role::Relay;
}

bool SessionHandle::isListener() const {
    return m_id != 0 && m_request.role == Role::Listen;
}

TrafficCounters SessionHandle::counters(std::optional<ConnectionId> connection) const {
    if (!m_store) {
        return {};
    }
    return connection ? m_store->counters(*connection) : m_store->counters();
}

bool SessionHandle::continuesCapture(const OpenSession& request) const {
    return m_id != 0 && request.spec == m_request.spec && request.role == m_request.role;
}

void SessionHandle::open(OpenSession request) {
    if (!m_router) {
        return;
    }
    const bool sameKind = continuesCapture(request);
    const SessionId previous = m_id;
    if (previous != 0) {
        m_router->detach(previous, this);
        if (!sameKind) {
            m_router->engine().post(DestroySession{previous});
        }
    }
    m_request = std::move(request);
    m_rulesGeneration = 0; // the new session counts the request's rules
    m_local.clear();
    m_peer.clear();
    m_state = SessionState::Resolving;
    m_tcpInfo = {};
    m_tcpConnection = 0;
    m_kernelDrops = 0;
    m_relayFigures = {};
    Engine& engine = m_router->engine();
    m_id = sameKind ? engine.reopen(previous, m_request) : engine.open(m_request);
    // Registered before the engine thread can report anything the GUI thread would route.
    m_router->attach(m_id, this);
    auto store = engine.store(m_id);
    if (store != m_store) {
        m_store = std::move(store);
        emit captureChanged();
    }
    emit opened();
}

void SessionHandle::close(bool abortive) {
    if (isOpen()) {
        post(CloseSocket{m_id, 0, abortive});
    }
}

void SessionHandle::closeConnection(ConnectionId connection, bool abortive) {
    if (m_id != 0 && connection != 0) {
        post(CloseSocket{m_id, connection, abortive});
    }
}

void SessionHandle::destroy() {
    if (m_id == 0) {
        return;
    }
    close(false);
    post(DestroySession{m_id});
    if (m_router) {
        m_router->detach(m_id, this);
    }
    m_id = 0;
    m_state.reset();
    m_local.clear();
    m_peer.clear();
    m_tcpInfo = {};
    m_tcpConnection = 0;
    m_kernelDrops = 0;
    if (m_store) {
        m_store.reset();
        emit captureChanged();
    }
}

bool SessionHandle::send(const QByteArray& bytes, ConnectionId connection, bool urgent,
                         const QString& destination) {
    if (!isOpen()) {
        return false;
    }
    SendData send;
    send.session = m_id;
    send.connection = connection;
    send.bytes = bytesOf(bytes);
    send.oob = urgent;
    send.destination = destination.toStdString();
    return post(std::move(send));
}

bool SessionHandle::sendTo(const QByteArray& bytes, const QString& destination) {
    return send(bytes, 0, false, destination);
}

bool SessionHandle::halfClose(ConnectionId connection) {
    return isOpen() && post(ShutdownWrite{m_id, connection});
}

bool SessionHandle::setOption(const OptionSetting& setting, ConnectionId connection) {
    return isOpen() && post(SetOption{m_id, connection, setting});
}

bool SessionHandle::ping(int count) {
    if (!isOpen()) {
        return false;
    }
    Ping ping;
    ping.session = m_id;
    ping.count = count;
    return post(ping);
}

bool SessionHandle::queryTcpInfo(ConnectionId connection) {
    return isOpen() && post(QueryTcpInfo{m_id, connection});
}

bool SessionHandle::changeMembership(const QString& group, const QString& iface, bool join) {
    return isOpen() &&
           post(MulticastMembership{m_id, group.toStdString(), iface.toStdString(), join});
}

bool SessionHandle::setImpairment(RelayDirection direction, const Impairment& impairment) {
    return isOpen() && isRelay() && post(SetImpairment{m_id, direction, impairment});
}

bool SessionHandle::hold(RelayDirection direction, bool hold) {
    return isOpen() && isRelay() && post(HoldDirection{m_id, direction, hold});
}

bool SessionHandle::releaseHeld(RelayDirection direction, quint64 id, bool drop, bool edited,
                                const QByteArray& bytes) {
    if (!isOpen() || !isRelay()) {
        return false;
    }
    ReleaseHeld release;
    release.session = m_id;
    release.direction = direction;
    release.heldId = id;
    release.drop = drop;
    release.edited = edited && !drop;
    if (release.edited) {
        release.bytes = bytesOf(bytes);
    }
    return post(std::move(release));
}

bool SessionHandle::inject(ConnectionId connection, RelayDirection direction,
                           const QByteArray& bytes) {
    if (!isOpen() || !isRelay()) {
        return false;
    }
    return post(InjectData{m_id, connection, direction, bytesOf(bytes)});
}

bool SessionHandle::queryRelayFigures() {
    return isOpen() && isRelay() && post(QueryRelayFigures{m_id});
}

bool SessionHandle::setResponders(const ResponderConfig& config) {
    if (!isOpen()) {
        return false;
    }
    m_request.responders = config;
    return post(SetResponders{m_id, config, ++m_rulesGeneration});
}

bool SessionHandle::post(Command command) {
    if (!m_router) {
        return false;
    }
    m_router->engine().post(std::move(command));
    return true;
}

void SessionHandle::routerGone() {
    m_router = nullptr;
}

void SessionHandle::decodeState(const EngineEvent& e) {
    const QString local = qs(e.local);
    const QString peer = qs(e.peer);
    if (e.connection == 0) {
        m_state = e.state;
        if (!local.isEmpty()) {
            m_local = local;
        }
        if (!peer.isEmpty()) {
            m_peer = peer;
        }
        if (e.error) {
            // The cause of a failure; views show it with the state.
            emit error(0, qs(e.error->message()));
        }
        emit stateChanged(0, e.state, m_local, m_peer);
        return;
    }
    emit stateChanged(e.connection, e.state, local, peer);
    if (isRelay() && !e.text.empty()) {
        emit upstreamChanged(e.connection, qs(e.text));
    }
}

void SessionHandle::deliver(const EngineEvent& e) {
    if (e.session != m_id || m_id == 0) {
        return;
    }
    emit engineEvent(e);
    switch (e.kind) {
    case EngineEvent::Kind::StateChanged:
        decodeState(e);
        break;
    case EngineEvent::Kind::Accepted:
        emit accepted(e.connection, qs(e.peer));
        if (isRelay() && !e.text.empty()) {
            emit upstreamChanged(e.connection, qs(e.text));
        }
        break;
    case EngineEvent::Kind::RecordsAppended:
        emit recordsAppended(e.firstSeq, e.endSeq);
        break;
    case EngineEvent::Kind::OptionApplied:
        emit optionApplied(e.option);
        break;
    case EngineEvent::Kind::OptionRead:
        emit optionRead(e.option);
        break;
    case EngineEvent::Kind::TcpInfo:
        m_tcpInfo = e.tcpInfo;
        m_tcpConnection = e.connection;
        emit tcpInfoChanged(e.connection, e.tcpInfo);
        break;
    case EngineEvent::Kind::PingReply:
        emit pingReply(e.ping);
        break;
    case EngineEvent::Kind::PingDone:
        emit pingDone();
        break;
    case EngineEvent::Kind::Error: {
        const QString text = e.error ? qs(e.error->message()) : qs(e.text);
        if (!e.membership.group.empty()) {
            emit membershipFailed(qs(e.membership.group), qs(e.membership.interface), e.joined,
                                  text);
        }
        emit error(e.connection, text);
        break;
    }
    case EngineEvent::Kind::MembershipChanged:
        emit membershipChanged(qs(e.membership.group), qs(e.membership.interface), e.joined);
        break;
    case EngineEvent::Kind::Warning:
        if (e.kernelDrops > 0) {
            m_kernelDrops = e.kernelDrops;
            emit kernelDropsChanged(e.kernelDrops);
        }
        emit warning(qs(e.text));
        break;
    case EngineEvent::Kind::RelayFigures:
        m_relayFigures = e.relayFigures;
        emit relayFigures(e.relayFigures);
        break;
    case EngineEvent::Kind::HeldQueued:
        emit heldQueued(e.held);
        break;
    case EngineEvent::Kind::HeldGone:
        emit heldGone(e.held.id, qs(e.text));
        break;
    case EngineEvent::Kind::RelaySettings:
        emit relaySettings(e.relayDirection, e.holding, e.impairment);
        break;
    case EngineEvent::Kind::WireFigures:
        emit wireFigures(e.wireFigures);
        break;
    case EngineEvent::Kind::SeriesDone:
        emit seriesDone(int(e.endSeq), int(e.firstSeq));
        break;
    case EngineEvent::Kind::Backpressure:
        emit backpressureChanged(e.connection, e.backpressure, qs(e.text));
        break;
    case EngineEvent::Kind::RuleHits:
        // Counts of rules replaced since (still in flight) would land on the wrong rows.
        if (e.rulesGeneration == m_rulesGeneration) {
            emit ruleHitsChanged(e.ruleHits);
        }
        break;
    }
}

} // namespace socklab::ui
