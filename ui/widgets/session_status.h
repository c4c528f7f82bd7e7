#pragma once

#include "core/capture/traffic_store.h"
#include "core/net/options.h"
#include "core/vocab/events.h"

#include <QHash>
#include <QMap>
#include <QWidget>
#include <functional>
#include <optional>

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
    /// Datagrams the kernel dropped because the receive queue was full (SO_RXQ_OVFL); 0 hides.
    void setKernelDrops(std::uint64_t total);
    /// A connection's send queue backs up (active, with the core's text) or drained; the line
    /// shows "Backpressure: ..." while any connection has it.
    void setBackpressure(socklab::ConnectionId connection, bool active, const QString& text);
    void clearBackpressure();
    /// Memory the capture holds, bytes spilled to disk and bytes dropped by the capture limit;
    /// a spill-file failure (after which bytes were dropped instead) in the error colour.
    void setCaptureStats(const TrafficStore::Stats& stats,
                         const std::optional<Error>& spillError = std::nullopt);
    /// Back to "Not open" with zero counters (a cleared capture).
    void reset();

    [[nodiscard]] QString stateText() const;
    [[nodiscard]] QString countersText() const;
    [[nodiscard]] QString tcpInfoText() const;
    [[nodiscard]] QString kernelDropsText() const; ///< "" when hidden
    [[nodiscard]] QString backpressureText() const; ///< "" when hidden
    [[nodiscard]] QString captureText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the line sets itself, in the current language.
    void retranslate();
    /// Shows text() in label now, and again in the new language after a language change.
    void showText(QLabel* label, std::function<QString()> text);

    QLabel* m_state;
    QLabel* m_counters;
    QLabel* m_rates;
    QLabel* m_tcp;
    QLabel* m_extra;
    QLabel* m_drops;
    QLabel* m_backpressure;
    QMap<socklab::ConnectionId, QString> m_pressure; ///< connections with backpressure
    QLabel* m_capture;
    QHash<QLabel*, std::function<QString()>> m_texts;
    TrafficCounters m_last{};
    bool m_haveLast = false;
};

} // namespace socklab::ui
