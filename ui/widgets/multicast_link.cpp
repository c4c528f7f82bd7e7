#include "ui/widgets/multicast_link.h"

#include "ui/session/session_handle.h"
#include "ui/widgets/multicast_panel.h"

namespace socklab::ui {

MulticastLink::MulticastLink(MulticastPanel* panel, SessionHandle* handle, QObject* parent)
    : QObject(parent), m_panel(panel), m_handle(handle) {
    connect(m_panel, &MulticastPanel::joinRequested, this,
            [this](const QString& group, const QString& iface) {
                if (m_handle) {
                    m_handle->changeMembership(group, iface, true);
                }
            });
    connect(m_panel, &MulticastPanel::leaveRequested, this,
            [this](const QString& group, const QString& iface) {
                if (m_handle) {
                    m_handle->changeMembership(group, iface, false);
                }
            });
    connect(handle, &SessionHandle::stateChanged, this,
            [this](ConnectionId connection, SessionState state, const QString&, const QString&) {
                if (connection == 0) {
                    m_panel->setSessionOpen(state == SessionState::Bound ||
                                            state == SessionState::Connected);
                }
            });
    connect(handle, &SessionHandle::membershipChanged, m_panel,
            &MulticastPanel::onMembershipChanged);
    connect(handle, &SessionHandle::membershipFailed, m_panel, &MulticastPanel::onError);
}

} // namespace socklab::ui
