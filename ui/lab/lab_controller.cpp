#include "ui/lab/lab_controller.h"

#include "ui/session/session_handle.h"

#include <QElapsedTimer>
#include <time.h>

namespace socklab::ui {

namespace {

std::int64_t monotonicNs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

} // namespace

LabController::LabController(SessionRouter& router, QObject* parent)
    : QObject(parent), m_router(router) {
    m_tick.setInterval(50);
    connect(&m_tick, &QTimer::timeout, this, &LabController::tick);
}

LabController::~LabController() {
    clearSessions();
}

void LabController::start(const LabRunSettings& settings) {
    m_tick.stop();
    clearSessions();
    m_outcome.reset();
    m_settings = settings;
    m_conductor = std::make_unique<LabConductor>(settings);
    emit started();
    m_tick.start();
    carryOut(m_conductor->start());
    setPhase(m_conductor->phase());
}

void LabController::stop() {
    m_tick.stop();
    for (const auto& h : m_handles) {
        if (h) {
            h->close();
        }
    }
    if (m_conductor && running()) {
        emit failed(tr("Stopped before the run ended."));
    }
    m_conductor.reset();
    setPhase(LabConductor::Phase::Idle);
}

bool LabController::running() const {
    if (!m_conductor) {
        return false;
    }
    const auto p = m_conductor->phase();
    return p != LabConductor::Phase::Idle && p != LabConductor::Phase::Done &&
           p != LabConductor::Phase::Failed;
}

LabConductor::Phase LabController::phase() const {
    return m_conductor ? m_conductor->phase() : LabConductor::Phase::Idle;
}

SessionHandle* LabController::handle(LabSlot slot) const {
    return m_handles[static_cast<std::size_t>(slot)];
}

ConnectionId LabController::tcpConnection() const {
    return m_conductor ? m_conductor->tcpConnection() : 0;
}

bool LabController::usingFallback() const {
    return m_conductor && m_conductor->usingFallback();
}

void LabController::clearSessions() {
    for (auto& h : m_handles) {
        if (h) {
            h->destroy();
            delete h.data();
        }
        h = nullptr;
    }
}

void LabController::carryOut(std::vector<LabAction> actions) {
    for (auto& a : actions) {
        if (!m_conductor) {
            return;
        }
        switch (a.kind) {
        case LabAction::Kind::Open: {
            auto& slot = m_handles[static_cast<std::size_t>(a.slot)];
            if (!slot) {
                slot = new SessionHandle(m_router, this);
                connect(slot, &SessionHandle::engineEvent, this, [this](const EngineEvent& e) {
                    if (!m_conductor) {
                        return;
                    }
                    if (e.kind == EngineEvent::Kind::WireFigures) {
                        emit wireFiguresChanged(e.wireFigures);
                    }
                    carryOut(m_conductor->onEvent(e));
                    setPhase(m_conductor ? m_conductor->phase() : LabConductor::Phase::Idle);
                });
            }
            slot->open(std::move(a.request));
            m_conductor->opened(a.slot, slot->id());
            emit sessionOpened(a.slot, slot);
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
            m_tick.stop();
            setPhase(LabConductor::Phase::Failed);
            emit failed(QString::fromStdString(a.text));
            return;
        case LabAction::Kind::Done:
            m_tick.stop();
            analyse();
            return;
        }
    }
}

void LabController::tick() {
    if (!m_conductor) {
        return;
    }
    std::uint64_t tcpBytes = 0;
    if (SessionHandle* server = handle(LabSlot::TcpServer);
        server != nullptr && m_conductor->tcpConnection() != 0) {
        tcpBytes = server->counters(m_conductor->tcpConnection()).bytesIn;
    }
    carryOut(m_conductor->onTick(monotonicNs(), tcpBytes));
    setPhase(m_conductor ? m_conductor->phase() : LabConductor::Phase::Idle);
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
        setPhase(LabConductor::Phase::Failed);
        emit failed(tr("A capture of the run is gone."));
        return;
    }
    auto tcp = analyzeLabCapture(schedule, LabTransport::Stream, {*tcpTx, 0},
                                 {*tcpRx, m_conductor->tcpConnection()});
    auto udp = analyzeLabCapture(schedule, LabTransport::Datagram, {*udpTx, 0}, {*udpRx, 0});
    if (!tcp || !udp) {
        setPhase(LabConductor::Phase::Failed);
        emit failed(QString::fromStdString((tcp ? udp.error() : tcp.error()).message()));
        return;
    }
    LabOutcome outcome{std::move(*tcp),
                       std::move(*udp),
                       m_conductor->tcpInfo(),
                       m_conductor->usingFallback() ? std::nullopt : m_conductor->wireFigures(),
                       m_conductor->usingFallback(),
                       m_conductor->tcpComplete()};
    m_outcome = outcome;
    setPhase(LabConductor::Phase::Done);
    emit finished(*m_outcome);
}

void LabController::setPhase(LabConductor::Phase phase) {
    if (phase != m_lastPhase) {
        m_lastPhase = phase;
        emit phaseChanged(phase);
    }
}

} // namespace socklab::ui
