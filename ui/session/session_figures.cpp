#include "ui/session/session_figures.h"

#include "ui/session/session_controls.h"
#include "ui/session/session_handle.h"
#include "ui/widgets/presets.h"
#include "ui/widgets/session_status.h"

#include <QTimer>

namespace socklab::ui {

namespace {

constexpr int kTickMs = 500;
constexpr int kTcpInfoMs = 1000;

} // namespace

SessionFigures::SessionFigures(SessionHandle& handle, SessionStatus& status, QObject* parent)
    : QObject(parent), m_handle(handle), m_status(status), m_ticker(new QTimer(this)),
      m_tcpTimer(new QTimer(this)) {
    m_ticker->setInterval(kTickMs);
    m_tcpTimer->setInterval(kTcpInfoMs);
    connect(m_ticker, &QTimer::timeout, this, &SessionFigures::tick);
    connect(m_tcpTimer, &QTimer::timeout, this, &SessionFigures::queryTcpInfo);
}

void SessionFigures::setConnections(std::optional<ConnectionId> counted,
                                    std::optional<ConnectionId> selected) {
    m_counted = counted;
    m_selected = selected;
    m_status.clearTcpInfo();
    tick();
}

void SessionFigures::start() {
    m_sinceTick.start();
    m_status.setCounters(m_handle.counters(), 0);
    m_status.setKernelDrops(0);
    m_status.clearBackpressure();
    m_ticker->start();
    // A relay's own socket only listens; its pairs have two legs each (no single TCP_INFO).
    if (isTcp(m_handle.request().spec) && !m_handle.isRelay()) {
        m_tcpTimer->start();
    }
}

void SessionFigures::socketEnded() {
    m_tcpTimer->stop();
    tick();
}

void SessionFigures::stop() {
    m_ticker->stop();
    m_tcpTimer->stop();
}

void SessionFigures::tick() {
    const auto store = m_handle.store();
    if (!store) {
        return;
    }
    const auto one = m_handle.isListener() || m_handle.isRelay() ? m_counted : std::nullopt;
    m_status.setCounters(m_handle.counters(one), m_sinceTick.isValid() ? m_sinceTick.restart() : 0);
    m_status.setCaptureStats(store->stats(), store->spillError());
}

void SessionFigures::queryTcpInfo() {
    if (!m_handle.isOpen() || !isTcp(m_handle.request().spec)) {
        return;
    }
    if (m_handle.isListener()) {
        if (m_selected) {
            m_handle.queryTcpInfo(*m_selected);
        }
    } else if (m_handle.state() && SessionControls::hasTcpConnection(*m_handle.state())) {
        m_handle.queryTcpInfo(0);
    }
}

} // namespace socklab::ui
