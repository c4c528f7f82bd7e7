#pragma once

#include <QObject>
#include <QPointer>

namespace socklab::ui {

class MulticastPanel;
class SessionHandle;

/// Joins a MulticastPanel to one session handle: the panel's join/leave requests go to the
/// handle, and the handle's state, membership changes and membership errors reach the panel.
class MulticastLink : public QObject {
    Q_OBJECT
public:
    MulticastLink(MulticastPanel* panel, SessionHandle* handle, QObject* parent = nullptr);

private:
    MulticastPanel* m_panel;
    QPointer<SessionHandle> m_handle;
};

} // namespace socklab::ui
