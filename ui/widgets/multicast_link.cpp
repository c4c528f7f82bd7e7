#include "ui/widgets/multicast_link.h"

#include "ui/widgets/multicast_panel.h"

namespace socklab::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

} // namespace

MulticastLink::MulticastLink(MulticastPanel* panel, Post post, QObject* parent)
    : QObject(parent), m_panel(panel), m_post(std::move(post)) {
    connect(m_panel, &MulticastPanel::joinRequested, this,
            [this](const QString& group, const QString& iface) { request(group, iface, true); });
    connect(m_panel, &MulticastPanel::leaveRequested, this,
            [this](const QString& group, const QString& iface) { request(group, iface, false); });
}

void MulticastLink::setSession(SessionId session) {
    m_session = session;
}

void MulticastLink::request(const QString& group, const QString& iface, bool join) {
    if (m_session == 0 || !m_post) {
        return;
    }
    m_post(MulticastMembership{m_session, group.toStdString(), iface.toStdString(), join});
}

void MulticastLink::handleEvent(const EngineEvent& e) {
    if (m_session == 0 || e.session != m_session) {
        return;
    }
    switch (e.kind) {
    case EngineEvent::Kind::StateChanged:
        if (e.connection == 0) {
            m_panel->setSessionOpen(e.state == SessionState::Bound ||
                                    e.state == SessionState::Connected);
        }
        break;
    case EngineEvent::Kind::MembershipChanged:
        m_panel->onMembershipChanged(qs(e.membership.group), qs(e.membership.interface), e.joined);
        break;
    case EngineEvent::Kind::Error:
        if (!e.membership.group.empty()) {
            m_panel->onError(qs(e.membership.group), qs(e.membership.interface), e.joined,
                             e.error ? qs(e.error->message()) : qs(e.text));
        }
        break;
    default:
        break;
    }
}

} // namespace socklab::ui
