#pragma once

#include "core/vocab/commands.h"
#include "core/vocab/events.h"

#include <QObject>
#include <functional>

namespace socklab::ui {

class MulticastPanel;

/// Joins a MulticastPanel to one datagram session: the panel's join/leave requests become
/// MulticastMembership commands given to post, and the session's events (state, membership
/// changes, membership errors) reach the panel. The tab (or a session handle) feeds it events.
class MulticastLink : public QObject {
    Q_OBJECT
public:
    using Post = std::function<void(socklab::Command)>;

    MulticastLink(MulticastPanel* panel, Post post, QObject* parent = nullptr);

    /// The session whose events count and to which commands go; 0 = none (requests dropped).
    void setSession(socklab::SessionId session);
    [[nodiscard]] socklab::SessionId session() const { return m_session; }
    /// Any engine event; only the session's own are used.
    void handleEvent(const socklab::EngineEvent& event);

private:
    void request(const QString& group, const QString& iface, bool join);

    MulticastPanel* m_panel;
    Post m_post;
    socklab::SessionId m_session = 0;
};

} // namespace socklab::ui
