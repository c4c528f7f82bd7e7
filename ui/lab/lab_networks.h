#pragma once

#include "core/vocab/ids.h"

#include <QObject>
#include <QString>
#include <vector>

namespace socklab::ui {

/// The lab networks of this window whose wire is up (one per lab tab, from its first run until
/// its next run or until the tab closes), named "Lab network 1", "Lab network 2"... in the
/// order they came up. Socket tabs offer them as the place a socket is made in (host A or B),
/// so any socket tab can join a lab's two hosts; lab tabs add and remove theirs.
class LabNetworks : public QObject {
    Q_OBJECT
public:
    struct Network {
        socklab::SessionId wire = 0;
        QString name;
    };

    explicit LabNetworks(QObject* parent = nullptr) : QObject(parent) {}

    /// The wire session is up (again): listed under a new name.
    void add(socklab::SessionId wire);
    void remove(socklab::SessionId wire);
    [[nodiscard]] const std::vector<Network>& networks() const { return m_networks; }
    [[nodiscard]] const Network* find(socklab::SessionId wire) const;

signals:
    void changed();

private:
    std::vector<Network> m_networks;
    int m_named = 0;
};

} // namespace socklab::ui
