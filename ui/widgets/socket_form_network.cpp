// SocketForm's Network choice: this machine, or host A or B of a lab network that is up.
#include "ui/lab/lab_networks.h"
#include "ui/widgets/socket_form.h"

#include <QComboBox>
#include <QSignalBlocker>
#include <algorithm>

namespace socklab::ui {

LabPlacement SocketForm::placement() const {
    const QVariantList v = m_network->currentData().toList();
    if (v.size() != 2) {
        return {};
    }
    return {SessionId(v[0].toUInt()), v[1].toInt() == 0 ? LabHost::A : LabHost::B};
}

void SocketForm::setLabNetworks(LabNetworks* networks) {
    if (m_labNetworks) {
        disconnect(m_labNetworks, nullptr, this, nullptr);
    }
    m_labNetworks = networks;
    if (networks) {
        connect(networks, &LabNetworks::changed, this, [this] { fillNetworks(placement()); });
    }
    fillNetworks(placement());
}

void SocketForm::fillNetworks(LabPlacement keep) {
    {
        const QSignalBlocker block(m_network);
        m_network->clear();
        m_network->addItem(tr("This machine"));
        if (m_labNetworks) {
            for (const LabNetworks::Network& n : m_labNetworks->networks()) {
                m_network->addItem(tr("%1, host A (192.0.2.1, 2001:db8::1)").arg(n.name),
                                   QVariantList{n.wire, 0});
                m_network->addItem(tr("%1, host B (192.0.2.2, 2001:db8::2)").arg(n.name),
                                   QVariantList{n.wire, 1});
            }
        }
        int index =
            keep.wire == 0
                ? 0
                : m_network->findData(QVariantList{keep.wire, keep.host == LabHost::A ? 0 : 1});
        if (index < 0) {
            // Its lab went away (ran again, stopped, closed): say so rather than switch to this
            // machine behind the user's back.
            m_network->addItem(
                tr("Lab network gone (was host %1)")
                    .arg(keep.host == LabHost::A ? QStringLiteral("A") : QStringLiteral("B")),
                QVariantList{keep.wire, keep.host == LabHost::A ? 0 : 1});
            index = m_network->count() - 1;
        }
        m_network->setCurrentIndex(index);
    }
    onRoleChanged();
}

} // namespace socklab::ui
