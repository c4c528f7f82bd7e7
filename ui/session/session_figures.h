#pragma once

#include "core/vocab/ids.h"

#include <QElapsedTimer>
#include <QObject>
#include <optional>

class QTimer;

namespace socklab::ui {

class SessionHandle;
class SessionStatus;

/// Keeps a SessionStatus's live figures current for one handle: counters and rates twice a
/// second, TCP_INFO once a second for TCP sessions (the listener's selected connection).
class SessionFigures : public QObject {
    Q_OBJECT
public:
    SessionFigures(SessionHandle& handle, SessionStatus& status, QObject* parent = nullptr);

    /// Which connection the figures are about: `counted` (nullopt: all) for counters,
    /// `selected` for a listener's TCP_INFO.
    void setConnections(std::optional<socklab::ConnectionId> counted,
                        std::optional<socklab::ConnectionId> selected);
    /// The session (re)opened: rates start from what the capture already counted.
    void start();
    /// The session's socket ended: last figures now, no more polling of TCP_INFO.
    void socketEnded();
    void stop();
    /// Update the counters now.
    void tick();

private:
    void queryTcpInfo();

    SessionHandle& m_handle;
    SessionStatus& m_status;
    QTimer* m_ticker;
    QTimer* m_tcpTimer;
    QElapsedTimer m_sinceTick;
    std::optional<socklab::ConnectionId> m_counted;
    std::optional<socklab::ConnectionId> m_selected;
};

} // namespace socklab::ui
