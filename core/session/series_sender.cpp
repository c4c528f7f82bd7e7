#include "core/session/series_sender.h"

#include "core/base/translate.h"
#include "core/lab/lab_message.h"
#include "core/session/relay_pair.h"
#include "core/session/session.h"

namespace socklab {

namespace {

constexpr int kQueueFullRetry_ms = 10;

} // namespace

SeriesSender::SeriesSender(Session& session, SendSeries series)
    : m_session(session), m_series(series) {}

SeriesSender::~SeriesSender() {
    if (m_timer != 0) {
        m_session.host().loop().cancelTimer(m_timer);
    }
}

void SeriesSender::start() {
    m_startNs = monotonicNs();
    tick();
}

void SeriesSender::tick() {
    m_timer = 0;
    const std::int64_t intervalNs = std::int64_t(m_series.interval_ms) * 1'000'000;
    while (m_next <= m_series.count) {
        const std::int64_t dueNs = m_startNs + std::int64_t(m_next - 1) * intervalNs;
        const std::int64_t now = monotonicNs();
        if (dueNs > now) {
            m_timer =
                m_session.host().loop().addTimer(relayDelayMs(dueNs, now), [this] { tick(); });
            return;
        }
        if (m_series.connection != kAllConnections && !m_session.socketOpen(m_series.connection)) {
            break; // the socket closed: the series ends (SeriesDone says how far it got)
        }
        if (m_session.sendQueueFull(m_series.connection, m_series.size)) {
            // The peer is not reading: wait for room instead of losing messages (the tab shows
            // the backpressure meanwhile).
            m_timer = m_session.host().loop().addTimer(kQueueFullRetry_ms, [this] { tick(); });
            return;
        }
        SendData data;
        data.session = m_session.id();
        data.connection = m_series.connection;
        data.bytes = labMessage(m_next, m_series.size);
        m_session.send(data);
        ++m_next;
    }
    EngineEvent e;
    e.kind = EngineEvent::Kind::SeriesDone;
    e.session = m_session.id();
    e.connection = m_series.connection;
    e.firstSeq = std::uint64_t(m_series.count);
    e.endSeq = std::uint64_t(m_next - 1);
    e.text = trArgs(m_next <= m_series.count
                        ? SL_TR("socklab", "sent %1 of %2 messages (the socket closed)")
                        : SL_TR("socklab", "sent %1 of %2 messages"),
                    m_next - 1, m_series.count);
    m_session.host().emit(std::move(e));
}

} // namespace socklab
