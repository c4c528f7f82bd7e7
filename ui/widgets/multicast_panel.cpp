#include "ui/widgets/multicast_panel.h"

#include "core/net/interfaces.h"
#include "core/net/multicast_group.h"
#include "ui/i18n/retranslate.h"
#include "ui/models/membership_model.h"
#include "ui/widgets/presets.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <set>

namespace socklab::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

int catalogValue(const CatalogEntry* e) {
    return e ? e->value : -1;
}

} // namespace

MulticastPanel::MulticastPanel(QWidget* parent)
    : QWidget(parent), m_model(new MembershipModel(this)) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    // Beside the composer the panel is narrow: labels go above their fields when they must.
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    outer->addLayout(form);

    m_group = new QLineEdit(this);
    m_groupLabel = new QLabel(this);
    m_groupLabel->setBuddy(m_group);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->hide();
    auto* groupBox = new QVBoxLayout;
    groupBox->setContentsMargins(0, 0, 0, 0);
    groupBox->addWidget(m_group);
    groupBox->addWidget(m_problem);
    form->addRow(m_groupLabel, groupBox);

    m_interface = new QComboBox(this);
    // Long interface names ("Default (the kernel chooses)", "eth0 — 192.0.2.2") must not widen
    // the window; the open list shows them whole.
    m_interface->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_interface->setMinimumContentsLength(10);
    m_interfaceLabel = new QLabel(this);
    m_interfaceLabel->setBuddy(m_interface);
    form->addRow(m_interfaceLabel, m_interface);

    m_join = new QPushButton(this);
    m_leave = new QPushButton(this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_join);
    buttons->addWidget(m_leave);
    buttons->addStretch(1);
    outer->addLayout(buttons);

    m_list = new QTableView(this);
    m_list->setModel(m_model);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->verticalHeader()->hide();
    m_list->horizontalHeader()->setStretchLastSection(true);
    // Three rows and the header: the panel sits beside the composer and must not make the
    // bottom of the tab taller than the composer (the traffic views need the height).
    const int listHeight = m_list->horizontalHeader()->sizeHint().height() +
                           m_list->verticalHeader()->defaultSectionSize() * 3 +
                           2 * m_list->frameWidth();
    m_list->setMinimumHeight(listHeight);
    m_list->setMaximumHeight(listHeight);
    m_listLabel = new QLabel(this);
    m_listLabel->setBuddy(m_list);
    outer->addWidget(m_listLabel);
    outer->addWidget(m_list, 1);

    retranslate();
    connect(m_group, &QLineEdit::textChanged, this, &MulticastPanel::validate);
    connect(m_group, &QLineEdit::returnPressed, this, &MulticastPanel::join);
    connect(m_interface, &QComboBox::currentIndexChanged, this, &MulticastPanel::validate);
    connect(m_join, &QPushButton::clicked, this, &MulticastPanel::join);
    connect(m_leave, &QPushButton::clicked, this, &MulticastPanel::leave);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MulticastPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &MulticastPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MulticastPanel::validate);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MulticastPanel::validate);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MulticastPanel::validate);

    setTabOrder(m_group, m_interface);
    setTabOrder(m_interface, m_join);
    setTabOrder(m_join, m_leave);
    setTabOrder(m_leave, m_list);
    setFamily(catalogValue(familyByName("AF_INET")));
}

bool MulticastPanel::appliesTo(const SocketSpec& spec) {
    // UDP only: an ICMP ping socket is SOCK_DGRAM too, but has no use for group memberships.
    return (isFamily(spec.family, "AF_INET") || isFamily(spec.family, "AF_INET6")) &&
           isType(spec.type, "SOCK_DGRAM") &&
           (spec.protocol == 0 || isProtocol(spec.protocol, "IPPROTO_UDP"));
}

void MulticastPanel::setFamily(int af) {
    if (af == m_family && m_interface->count() > 0) {
        return;
    }
    m_family = af;
    fillInterfaces();
    validate();
}

void MulticastPanel::setSessionOpen(bool open) {
    if (m_open && !open) {
        m_model->sessionClosed();
    }
    m_open = open;
    validate();
}

std::vector<MulticastGroup> MulticastPanel::memberships() const {
    return m_model->memberships();
}

void MulticastPanel::setMemberships(const std::vector<MulticastGroup>& groups) {
    m_model->setMemberships(groups);
}

QString MulticastPanel::problem() const {
    return m_problem->text();
}

void MulticastPanel::onMembershipChanged(const QString& group, const QString& iface, bool joined) {
    m_model->applyChange(group, iface, joined);
}

void MulticastPanel::onError(const QString& group, const QString& iface, bool join,
                             const QString& message) {
    m_model->applyError(group, iface, join, message);
}

void MulticastPanel::fillInterfaces() {
    m_interface->clear();
    m_interface->addItem(tr("Default (the kernel chooses)"), QString());
    auto list = listInterfaces();
    if (!list) {
        m_interface->setToolTip(qs(list.error().message()));
        return;
    }
    // One entry per interface name with an address of the socket's family; the engine joins
    // by name (IPv4 could also take the address, IPv6 only the name).
    std::set<std::string> seen;
    for (const InterfaceAddress& a : *list) {
        if (a.family != m_family || !seen.insert(a.interface).second) {
            continue;
        }
        QString notes;
        if (!a.up) {
            notes += tr(" (down)");
        }
        m_interface->addItem(QStringLiteral("%1 — %2%3").arg(qs(a.interface), qs(a.address), notes),
                             qs(a.interface));
    }
}

QString MulticastPanel::currentInterface() const {
    return m_interface->currentData().toString();
}

int MulticastPanel::selectedRow() const {
    const auto rows = m_list->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void MulticastPanel::validate() {
    const QString text = m_group->text().trimmed();
    const ParsedGroup p = checkMulticastGroup(text.toStdString(), m_family);
    QString message;
    switch (p.check) {
    case GroupCheck::Ok: {
        const int row = m_model->find(text, currentInterface());
        if (row >= 0 && m_model->stateAt(row) != MembershipModel::State::Failed) {
            message = tr("%1 on %2 is already in the list.")
                          .arg(qs(p.group.host()), m_interface->currentText());
        }
        break;
    }
    case GroupCheck::Empty:
        break;
    case GroupCheck::NotAnAddress:
        message = tr("\"%1\" is not an IP address: give a group such as 239.1.2.3 or ff15::1234, "
                     "without a port.")
                      .arg(text);
        break;
    case GroupCheck::NotMulticast:
        message = tr("%1 is not a multicast address (IPv4 224.0.0.0/4, IPv6 ff00::/8).").arg(text);
        break;
    case GroupCheck::WrongFamily:
        message = isFamily(m_family, "AF_INET6")
                      ? tr("%1 is an IPv4 group; this socket is IPv6.").arg(text)
                      : tr("%1 is an IPv6 group; this socket is IPv4.").arg(text);
        break;
    }
    m_groupOk = p.check == GroupCheck::Ok && message.isEmpty();
    m_problem->setText(message);
    m_problem->setVisible(!message.isEmpty());
    m_group->setAccessibleDescription(message);
    updateButtons();
}

void MulticastPanel::updateButtons() {
    // While the socket is closed a group is listed as pending and joined when it opens.
    m_join->setEnabled(m_groupOk);
    const int row = selectedRow();
    const auto state = m_model->stateAt(row);
    // A failed or (socket closed) pending row is only forgotten; a live membership is left
    // through the socket.
    m_leave->setEnabled(row >= 0 && state != MembershipModel::State::Leaving);
}

void MulticastPanel::join() {
    if (!m_groupOk) {
        return;
    }
    const QString group = MembershipModel::canonicalGroup(m_group->text());
    const QString iface = currentInterface();
    m_model->setPending(group, iface);
    if (m_open) {
        emit joinRequested(group, iface);
    }
    m_group->clear();
}

void MulticastPanel::leave() {
    const int row = selectedRow();
    if (row < 0) {
        return;
    }
    // Nothing to leave in the kernel: a failed row, or any row while the socket is closed.
    if (m_model->stateAt(row) == MembershipModel::State::Failed || !m_open) {
        m_model->removeRow(row);
        return;
    }
    const MulticastGroup g = m_model->groupAt(row);
    m_model->setLeaving(row);
    emit leaveRequested(qs(g.group), qs(g.interface));
}

void MulticastPanel::retranslate() {
    m_group->setAccessibleName(tr("Multicast group"));
    m_group->setPlaceholderText(tr("239.1.2.3 or ff15::1234"));
    m_group->setToolTip(tr("A multicast address to join: IPv4 224.0.0.0/4 or IPv6 ff00::/8, "
                           "of the socket's family, without a port"));
    m_problem->setAccessibleName(tr("Multicast group problem"));
    m_interface->setAccessibleName(tr("Network interface"));
    m_interface->setToolTip(tr("The interface whose traffic for the group this socket receives"));
    m_join->setAccessibleName(tr("Join group"));
    m_join->setToolTip(tr("Join the group on the interface (IP_ADD_MEMBERSHIP / "
                          "IPV6_JOIN_GROUP)"));
    m_leave->setAccessibleName(tr("Leave group"));
    m_leave->setToolTip(tr("Leave the membership selected in the list (or forget a failed one)"));
    m_list->setAccessibleName(tr("Multicast memberships"));
    m_groupLabel->setText(tr("Mul&ticast group"));
    m_interfaceLabel->setText(tr("Net&work interface"));
    m_join->setText(tr("&Join"));
    m_leave->setText(tr("Le&ave"));
    m_listLabel->setText(tr("Memberships"));
    if (m_interface->count() > 0) {
        m_interface->setItemText(0, tr("Default (the kernel chooses)"));
    }
}

void MulticastPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        retranslateModel(m_model);
        validate(); // its problem, in the new language
    }
}

} // namespace socklab::ui
