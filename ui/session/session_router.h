#pragma once

#include "core/vocab/events.h"

#include <QHash>
#include <QObject>

namespace socklab {
class Engine;
}

namespace socklab::ui {

class CoreBridge;
class SessionHandle;

/// Routes the bridge's engine events to the SessionHandle registered for each event's session,
/// so a handle sees only its own events. Events of ids nobody holds are dropped. Handles
/// register and unregister themselves (SessionHandle::open, its destructor); the router owns
/// none of them.
class SessionRouter : public QObject {
    Q_OBJECT
public:
    explicit SessionRouter(CoreBridge& bridge, QObject* parent = nullptr);
    ~SessionRouter() override;

    [[nodiscard]] socklab::Engine& engine();
    /// The handle registered for a session id, or null.
    [[nodiscard]] SessionHandle* handleFor(socklab::SessionId session) const;
    /// How many session ids have a handle.
    [[nodiscard]] int handleCount() const { return int(m_handles.size()); }
    /// Events delivered to a handle / dropped (no handle for their id), for tests and figures.
    [[nodiscard]] quint64 routedCount() const { return m_routed; }
    [[nodiscard]] quint64 droppedCount() const { return m_dropped; }

    void route(const socklab::EngineEvent& event);

private:
    friend class SessionHandle;
    void attach(socklab::SessionId session, SessionHandle* handle);
    void detach(socklab::SessionId session, const SessionHandle* handle);

    CoreBridge& m_bridge;
    QHash<socklab::SessionId, SessionHandle*> m_handles;
    quint64 m_routed = 0;
    quint64 m_dropped = 0;
};

} // namespace socklab::ui
