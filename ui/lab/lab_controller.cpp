#include "ui/lab/lab_controller.h"

#include "core/base/clock.h"

#include <QDateTime>

namespace socklab::ui {

namespace {

/// Runs with more message bytes than this show their figures at the end only.
constexpr std::uint64_t kLiveBytesLimit = 8u << 20;

std::string slotKey(LabSlot slot) {
    return "slot:" + std::to_string(int(slot));
}

SessionId commandSession(const Command& command) {
    return std::visit([](const auto& c) { return c.session; }, command);
}

} // namespace

LabController::LabController(SessionRouter& router, QObject* parent)
    : QObject(parent), m_router(router) {
    m_tick.setInterval(50);
    connect(&m_tick, &QTimer::timeout, this, &LabController::tick);
}

LabController::~LabController() {
    blockSignals(true); // the tab that listens is already gone
    clearSessions();
}

void LabController::start(const LabRunSettings& settings, const LabExperiment* experiment) {
    m_tick.stop();
    clearSessions();
    m_outcome.reset();
    m_script.reset();
    m_settings = settings;
    m_experiment = experiment;
    m_conductor = std::make_unique<LabConductor>(settings);
    m_liveWire.reset();
    m_timeline = {};
    m_timelineFinal = false;
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    emit started();
    m_tick.start();
    carryOut(m_conductor->start());
    setPhase(m_conductor ? m_conductor->phase() : LabConductor::Phase::Failed);
}

void LabController::startScript(const LabExperiment& experiment) {
    m_tick.stop();
    clearSessions();
    m_outcome.reset();
    m_conductor.reset();
    m_timeline = {};
    m_experiment = &experiment;
    m_script = std::make_unique<LabScript>(experiment.steps());
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    emit started();
    m_tick.start();
    setPhase(LabConductor::Phase::Sending); // "running" for a script
    carryOut(m_script->start());
}

void LabController::stop() {
    const bool wasRunning = running();
    m_tick.stop();
    for (const auto& [key, h] : m_handles) {
        if (h) {
            h->close();
        }
    }
    m_conductor.reset();
    m_script.reset();
    setPhase(LabConductor::Phase::Idle);
    if (wasRunning) {
        emit failed(tr("Stopped before the run ended."));
    }
}

bool LabController::running() const {
    return m_phase != LabConductor::Phase::Idle && m_phase != LabConductor::Phase::Done &&
           m_phase != LabConductor::Phase::Failed;
}

LabConductor::Phase LabController::phase() const {
    return m_phase;
}

SessionHandle* LabController::handle(LabSlot slot) const {
    const auto it = m_handles.find(slotKey(slot));
    return it == m_handles.end() ? nullptr : it->second.data();
}

SessionHandle* LabController::handleOf(SessionId id) const {
    for (const auto& [key, h] : m_handles) {
        if (h && h->id() == id) {
            return h;
        }
    }
    return nullptr;
}

std::shared_ptr<const TrafficStore> LabController::wireStore() const {
    if (m_script) {
        SessionHandle* h = handleOf(m_script->wire());
        return h ? h->store() : nullptr;
    }
    SessionHandle* h = handle(LabSlot::Wire);
    return h && !usingFallback() ? h->store() : nullptr;
}

LabStoreLookup LabController::storeLookup() const {
    return [this](SessionId id) -> const TrafficStore* {
        SessionHandle* h = handleOf(id);
        return h ? h->store().get() : nullptr;
    };
}

std::vector<LabLadderSocket> LabController::ladderSockets() const {
    if (m_script) {
        return labScriptLadderSockets(*m_script, storeLookup());
    }
    if (m_conductor) {
        return labRunLadderSockets(*m_conductor, storeLookup());
    }
    return {};
}

std::vector<std::pair<QString, std::shared_ptr<const TrafficStore>>>
LabController::captureSockets() const {
    static const std::map<std::string, QString> kSlotNames = {
        {slotKey(LabSlot::TcpServer), QStringLiteral("tcp-server")},
        {slotKey(LabSlot::UdpReceiver), QStringLiteral("udp-receiver")},
        {slotKey(LabSlot::TcpClient), QStringLiteral("tcp-client")},
        {slotKey(LabSlot::UdpSender), QStringLiteral("udp-sender")},
        {slotKey(LabSlot::TcpRelay), QStringLiteral("tcp-relay")},
        {slotKey(LabSlot::UdpRelay), QStringLiteral("udp-relay")},
    };
    const SessionId wire =
        m_script ? m_script->wire() : (handle(LabSlot::Wire) ? handle(LabSlot::Wire)->id() : 0);
    std::vector<std::pair<QString, std::shared_ptr<const TrafficStore>>> out;
    for (const auto& [key, h] : m_handles) {
        if (!h || !h->store() || (wire != 0 && h->id() == wire)) {
            continue;
        }
        QString name;
        if (const auto it = kSlotNames.find(key); it != kSlotNames.end()) {
            name = it->second;
        } else if (key.starts_with("actor:")) {
            // A script's actor ("client", "server"...): letters, digits and '-' only.
            for (const QChar c : QString::fromStdString(key.substr(6))) {
                name += c.isLetterOrNumber() && c.unicode() < 128 ? c.toLower() : QChar(u'-');
            }
        }
        if (name.isEmpty()) {
            continue;
        }
        QString file = name + QStringLiteral(".pcapng");
        for (int n = 2; std::ranges::any_of(out, [&](const auto& o) { return o.first == file; });
             ++n) {
            file = name + QStringLiteral("-%1.pcapng").arg(n);
        }
        out.emplace_back(file, h->store());
    }
    return out;
}

ConnectionId LabController::tcpConnection() const {
    return m_conductor ? m_conductor->tcpConnection() : 0;
}

bool LabController::usingFallback() const {
    return m_conductor && m_conductor->usingFallback();
}

std::optional<LabOutcome> LabController::liveOutcome() const {
    if (!m_conductor || !running() || m_conductor->tcpConnection() == 0 ||
        (m_phase != LabConductor::Phase::Sending && m_phase != LabConductor::Phase::Settling)) {
        return std::nullopt;
    }
    SessionHandle* tcpTx = handle(LabSlot::TcpClient);
    SessionHandle* tcpRx = handle(LabSlot::TcpServer);
    SessionHandle* udpTx = handle(LabSlot::UdpSender);
    SessionHandle* udpRx = handle(LabSlot::UdpReceiver);
    if (!tcpTx || !tcpRx || !udpTx || !udpRx || !tcpTx->store() || !tcpRx->store() ||
        !udpTx->store() || !udpRx->store()) {
        return std::nullopt;
    }
    const LabSchedule& schedule = m_settings.schedule;
    // The analysis reads every byte of the run: live only while that stays small.
    if (std::uint64_t(schedule.count) * schedule.size > kLiveBytesLimit) {
        return std::nullopt;
    }
    auto tcp =
        analyzeLabCapture(schedule, LabTransport::Stream, {*tcpTx->store(), 0},
                          {*tcpRx->store(), m_conductor->tcpConnection()}, std::nullopt, true);
    auto udp = analyzeLabCapture(schedule, LabTransport::Datagram, {*udpTx->store(), 0},
                                 {*udpRx->store(), 0}, std::nullopt, true);
    if (!tcp || !udp) {
        return std::nullopt;
    }
    LabOutcome live;
    live.tcp = std::move(*tcp);
    live.udp = std::move(*udp);
    live.tcpInfo = m_conductor->tcpInfo(); // asked every 250 ms by the conductor
    live.fallback = m_conductor->usingFallback();
    if (!live.fallback) {
        live.wire = m_liveWire;
    }
    return live;
}

const LabTimeline& LabController::timeline() {
    // While the run goes, and once more after it ended (the last refresh); then the wire may carry
    // socket tabs' traffic (Network: a lab host), which is not the run's.
    if (m_conductor && (running() || !m_timelineFinal)) {
        m_timeline.update(m_conductor->sendStartNs(), m_conductor->tcpInfoSamples(),
                          wireStore().get());
        m_timelineFinal = !running();
    }
    return m_timeline.timeline();
}

void LabController::setWire(SessionId wire) {
    if (wire != m_wireUp) {
        m_wireUp = wire;
        emit wireChanged(wire);
    }
}

void LabController::clearSessions() {
    setWire(0);
    for (auto& [key, h] : m_handles) {
        delete h.data(); // closes and forgets its engine session
    }
    m_handles.clear();
}

SessionHandle* LabController::handleFor(const std::string& key) {
    QPointer<SessionHandle>& slot = m_handles[key];
    if (!slot) {
        slot = new SessionHandle(m_router, this);
        connect(slot, &SessionHandle::engineEvent, this, &LabController::onEvent);
    }
    return slot;
}

void LabController::onEvent(const EngineEvent& e) {
    if (e.kind == EngineEvent::Kind::WireFigures) {
        m_liveWire = e.wireFigures;
    }
    if (e.kind == EngineEvent::Kind::StateChanged && e.connection == 0) {
        const SessionHandle* h = handleOf(e.session);
        if (h != nullptr && h->request().role == Role::Wire) {
            setWire(e.state == SessionState::Connected ? e.session : 0);
        }
    }
    if (m_conductor) {
        carryOut(m_conductor->onEvent(e));
        if (m_conductor && m_phase != LabConductor::Phase::Done &&
            m_phase != LabConductor::Phase::Failed) {
            setPhase(m_conductor->phase());
        }
    } else if (m_script) {
        carryOut(m_script->onEvent(e));
    }
}

void LabController::carryOut(std::vector<LabAction> actions) {
    for (auto& a : actions) {
        if (!m_conductor) {
            return;
        }
        switch (a.kind) {
        case LabAction::Kind::Open: {
            SessionHandle* h = handleFor(slotKey(a.slot));
            h->open(std::move(a.request));
            m_conductor->opened(a.slot, h->id());
            break;
        }
        case LabAction::Kind::Post:
            if (SessionHandle* h = handle(a.slot)) {
                h->post(std::move(a.command));
            }
            break;
        case LabAction::Kind::Notice:
            emit notice(QString::fromStdString(a.text));
            break;
        case LabAction::Kind::Failed:
            fail(QString::fromStdString(a.text));
            return;
        case LabAction::Kind::Done:
            m_tick.stop();
            analyse();
            return;
        }
    }
}

void LabController::carryOut(std::vector<LabScriptAction> actions) {
    for (auto& a : actions) {
        if (!m_script) {
            return;
        }
        switch (a.kind) {
        case LabScriptAction::Kind::Open: {
            SessionHandle* h = handleFor("actor:" + a.actor);
            h->open(std::move(a.request));
            m_script->opened(a.actor, h->id());
            break;
        }
        case LabScriptAction::Kind::Post:
            if (SessionHandle* h = handleOf(commandSession(a.command))) {
                h->post(std::move(a.command));
            }
            break;
        case LabScriptAction::Kind::Step:
            emit stepStarted(int(a.step), int(m_script->steps().size()),
                             QString::fromStdString(a.text));
            break;
        case LabScriptAction::Kind::Failed:
            fail(QString::fromStdString(a.text));
            return;
        case LabScriptAction::Kind::Done:
            m_tick.stop();
            checkScript();
            return;
        }
    }
}

void LabController::tick() {
    if (m_experiment &&
        QDateTime::currentMSecsSinceEpoch() - m_startedMs > m_experiment->timeout_ms + 5000) {
        fail(tr("The experiment did not finish within %1 s.")
                 .arg((m_experiment->timeout_ms + 5000) / 1000));
        return;
    }
    if (m_conductor) {
        std::uint64_t tcpBytes = 0;
        if (SessionHandle* server = handle(LabSlot::TcpServer);
            server != nullptr && m_conductor->tcpConnection() != 0) {
            tcpBytes = server->counters(m_conductor->tcpConnection()).bytesIn;
        }
        carryOut(m_conductor->onTick(monotonicNs(), tcpBytes));
        if (m_conductor && running()) {
            setPhase(m_conductor->phase());
        }
    } else if (m_script) {
        carryOut(m_script->onTick(monotonicNs(), [this](SessionId id, ConnectionId c) {
            SessionHandle* h = handleOf(id);
            return h ? h->counters(c).bytesIn : std::uint64_t(0);
        }));
    }
}

void LabController::fail(const QString& text) {
    m_tick.stop();
    setPhase(LabConductor::Phase::Failed);
    emit failed(text);
}

void LabController::analyse() {
    const LabSchedule& schedule = m_settings.schedule;
    auto storeOf = [this](LabSlot slot) {
        SessionHandle* h = handle(slot);
        return h ? h->store() : nullptr;
    };
    const auto tcpTx = storeOf(LabSlot::TcpClient);
    const auto tcpRx = storeOf(LabSlot::TcpServer);
    const auto udpTx = storeOf(LabSlot::UdpSender);
    const auto udpRx = storeOf(LabSlot::UdpReceiver);
    if (!tcpTx || !tcpRx || !udpTx || !udpRx) {
        fail(tr("A capture of the run is gone."));
        return;
    }
    auto tcp = analyzeLabCapture(schedule, LabTransport::Stream, {*tcpTx, 0},
                                 {*tcpRx, m_conductor->tcpConnection()});
    auto udp = analyzeLabCapture(schedule, LabTransport::Datagram, {*udpTx, 0}, {*udpRx, 0});
    if (!tcp || !udp) {
        fail(QString::fromStdString((tcp ? udp.error() : tcp.error()).message()));
        return;
    }
    LabOutcome outcome;
    outcome.tcp = std::move(*tcp);
    outcome.udp = std::move(*udp);
    outcome.tcpInfo = m_conductor->tcpInfo();
    outcome.fallback = m_conductor->usingFallback();
    outcome.wire = outcome.fallback ? std::nullopt : m_conductor->wireFigures();
    outcome.tcpComplete = m_conductor->tcpComplete();
    if (m_experiment && m_experiment->runClaim) {
        const auto wire = wireStore();
        outcome.claim =
            m_experiment->runClaim({m_settings, outcome.tcp, outcome.udp, m_conductor->tcpInfo(),
                                    m_conductor->wireFigures(), wire.get()});
    }
    m_outcome = std::move(outcome);
    setPhase(LabConductor::Phase::Done);
    emit finished(*m_outcome);
}

void LabController::checkScript() {
    LabOutcome outcome;
    outcome.schedule = false;
    if (m_experiment && m_experiment->scriptClaim) {
        const auto wire = wireStore();
        outcome.claim = m_experiment->scriptClaim({*m_script, wire.get(), storeLookup()});
    }
    m_outcome = std::move(outcome);
    setPhase(LabConductor::Phase::Done);
    emit finished(*m_outcome);
}

void LabController::setPhase(LabConductor::Phase phase) {
    if (phase != m_phase) {
        m_phase = phase;
        emit phaseChanged(phase);
    }
}

} // namespace socklab::ui
