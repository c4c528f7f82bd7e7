#include "ui/lab/lab_networks.h"

#include <algorithm>

namespace socklab::ui {

void LabNetworks::add(SessionId wire) {
    if (wire == 0 || find(wire) != nullptr) {
        return;
    }
    m_networks.push_back({wire, tr("Lab network %1").arg(++m_named)});
    emit changed();
}

void LabNetworks::remove(SessionId wire) {
    const auto it = std::ranges::find(m_networks, wire, &Network::wire);
    if (it == m_networks.end()) {
        return;
    }
    m_networks.erase(it);
    emit changed();
}

const LabNetworks::Network* LabNetworks::find(SessionId wire) const {
    const auto it = std::ranges::find(m_networks, wire, &Network::wire);
    return it == m_networks.end() ? nullptr : &*it;
}

} // namespace socklab::ui
