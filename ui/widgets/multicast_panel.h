#pragma once

#include "core/net/socket_spec.h"
#include "core/vocab/open_request.h"

#include <QWidget>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace socklab::ui {

class MembershipModel;

/// Multicast memberships of a datagram IP socket: a group field validated as typed (a
/// multicast address of the socket's family), an interface picker, Join and Leave, and the
/// list of memberships with their state. It asks for joins and leaves through signals and
/// learns the outcome through onMembershipChanged()/onError(); it never talks to the engine.
class MulticastPanel : public QWidget {
    Q_OBJECT
public:
    explicit MulticastPanel(QWidget* parent = nullptr);

    /// True for the sockets the panel is for: SOCK_DGRAM on AF_INET or AF_INET6.
    [[nodiscard]] static bool appliesTo(const SocketSpec& spec);

    /// The socket's family (AF_INET/AF_INET6): groups of the other family are refused and the
    /// interface list shows interfaces with an address of this family.
    void setFamily(int af);
    /// Join and Leave act on a live socket only. Closing drops every membership in the kernel:
    /// joined rows go back to pending (the tab joins memberships() again on the next open).
    void setSessionOpen(bool open);

    /// Groups for the workspace and for OpenSession::multicastGroups (pending and joined rows).
    [[nodiscard]] std::vector<socklab::MulticastGroup> memberships() const;
    /// Replaces the list (workspace load); every row is pending until the engine confirms.
    void setMemberships(const std::vector<socklab::MulticastGroup>& groups);

    /// The validation message shown next to the group field ("" when the text is fine).
    [[nodiscard]] QString problem() const;
    [[nodiscard]] MembershipModel* model() const { return m_model; }

public slots:
    /// EngineEvent::Kind::MembershipChanged of this session (membership.group/interface,
    /// joined).
    void onMembershipChanged(const QString& group, const QString& iface, bool joined);
    /// An EngineEvent::Kind::Error whose membership.group is set (joined = what was asked).
    void onError(const QString& group, const QString& iface, bool join, const QString& message);

signals:
    /// group is canonical ("ff02::1"); iface is a name or "" for the kernel's choice.
    void joinRequested(const QString& group, const QString& iface);
    void leaveRequested(const QString& group, const QString& iface);

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the widget sets itself, in the current language.
    void retranslate();

    void fillInterfaces();
    void validate();
    void join();
    void leave();
    void updateButtons();
    [[nodiscard]] QString currentInterface() const;
    [[nodiscard]] int selectedRow() const;

    MembershipModel* m_model;
    QLineEdit* m_group;
    QLabel* m_problem;
    QComboBox* m_interface;
    QPushButton* m_join;
    QPushButton* m_leave;
    QTableView* m_list;
    int m_family = 0;
    bool m_open = false;
    bool m_groupOk = false;
    QLabel* m_groupLabel;
    QLabel* m_interfaceLabel;
    QLabel* m_listLabel;
};

} // namespace socklab::ui
