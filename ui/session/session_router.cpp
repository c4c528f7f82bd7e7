#include "ui/session/session_router.h"

#include "ui/bridge/core_bridge.h"
#include "ui/session/session_handle.h"

namespace socklab::ui {

SessionRouter::SessionRouter(CoreBridge& bridge, QObject* parent)
    : QObject(parent), m_bridge(bridge) {
    connect(&m_bridge, &CoreBridge::engineEvent, this, &SessionRouter::route);
}

SessionRouter::~SessionRouter() {
    // Handles that outlive the router must not call back into it.
    const auto handles = m_handles;
    m_handles.clear();
    for (SessionHandle* handle : handles) {
        handle->routerGone();
    }
}

Engine& SessionRouter::engine() {
    return m_bridge.engine();
}

SessionHandle* SessionRouter::handleFor(SessionId session) const {
    return m_handles.value(session, nullptr);
}

void SessionRouter::route(const EngineEvent& event) {
    SessionHandle* handle = m_handles.value(event.session, nullptr);
    if (!handle) {
        ++m_dropped;
        return;
    }
    ++m_routed;
    handle->deliver(event);
}

void SessionRouter::attach(SessionId session, SessionHandle* handle) {
    if (session != 0) {
        m_handles.insert(session, handle);
    }
}

void SessionRouter::detach(SessionId session, const SessionHandle* handle) {
    auto it = m_handles.find(session);
    if (it != m_handles.end() && it.value() == handle) {
        m_handles.erase(it);
    }
}

} // namespace socklab::ui
