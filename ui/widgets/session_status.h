#pragma once

#include "core/capture/traffic_store.h"
#include "core/engine/events.h"
#include "core/net/options.h"

#include <QWidget>

class QLabel;

namespace socklab::ui {

/// One line of live figures for a tab: state, bytes and messages each way, rates, TCP_INFO.
class SessionStatus : public QWidget {
    Q_OBJECT
public:
    explicit SessionStatus(QWidget* parent = nullptr);

    void setState(SessionState state, const QString& local, const QString& peer);
    /// New counters; rates are computed from the previous call and elapsed_ms.
    void setCounters(const TrafficCounters& counters, qint64 elapsed_ms);
    void setTcpInfo(const TcpInfoSnapshot& info);
    void clearTcpInfo();
    void setExtra(const QString& text); ///< e.g. last ping result

    [[nodiscard]] QString stateText() const;
    [[nodiscard]] QString countersText() const;
    [[nodiscard]] QString tcpInfoText() const;

private:
    QLabel* m_state;
    QLabel* m_counters;
    QLabel* m_rates;
    QLabel* m_tcp;
    QLabel* m_extra;
    TrafficCounters m_last{};
    bool m_haveLast = false;
};

} // namespace socklab::ui
