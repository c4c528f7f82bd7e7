#include "ui/models/membership_model.h"

#include "core/net/multicast_group.h"

namespace socklab::ui {

MembershipModel::MembershipModel(QObject* parent) : QAbstractTableModel(parent) {}

QString MembershipModel::canonicalGroup(const QString& group) {
    const ParsedGroup p = checkMulticastGroup(group.toStdString(), 0);
    return p.check == GroupCheck::Ok ? QString::fromStdString(p.group.host()) : group.trimmed();
}

int MembershipModel::find(const QString& group, const QString& iface) const {
    const QString g = canonicalGroup(group);
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].group == g && m_rows[i].iface == iface) {
            return int(i);
        }
    }
    return -1;
}

int MembershipModel::setPending(const QString& group, const QString& iface) {
    int row = find(group, iface);
    if (row < 0) {
        row = int(m_rows.size());
        beginInsertRows({}, row, row);
        m_rows.push_back(Row{canonicalGroup(group), iface, State::Pending, {}});
        endInsertRows();
        return row;
    }
    m_rows[std::size_t(row)].state = State::Pending;
    m_rows[std::size_t(row)].error.clear();
    changed(row);
    return row;
}

void MembershipModel::setLeaving(int row) {
    if (row < 0 || row >= rowCount()) {
        return;
    }
    m_rows[std::size_t(row)].state = State::Leaving;
    m_rows[std::size_t(row)].error.clear();
    changed(row);
}

void MembershipModel::applyChange(const QString& group, const QString& iface, bool joined) {
    const int row = find(group, iface);
    if (!joined) {
        removeRow(row);
        return;
    }
    // A join nobody here asked for (another front end, a reopened workspace) is listed too.
    const int r = row >= 0 ? row : setPending(group, iface);
    m_rows[std::size_t(r)].state = State::Joined;
    m_rows[std::size_t(r)].error.clear();
    changed(r);
}

void MembershipModel::applyError(const QString& group, const QString& iface, bool join,
                                 const QString& message) {
    int row = find(group, iface);
    if (row < 0) {
        if (!join) {
            return; // leaving something we do not list: nothing to show it on
        }
        row = setPending(group, iface);
    }
    Row& r = m_rows[std::size_t(row)];
    r.state = join ? State::Failed : State::Joined;
    r.error = message;
    changed(row);
}

void MembershipModel::sessionClosed() {
    for (int row = rowCount() - 1; row >= 0; --row) {
        Row& r = m_rows[std::size_t(row)];
        if (r.state == State::Leaving) {
            removeRow(row);
        } else if (r.state == State::Joined) {
            r.state = State::Pending;
            changed(row);
        }
    }
}

void MembershipModel::removeRow(int row) {
    if (row < 0 || row >= rowCount()) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

void MembershipModel::clear() {
    if (m_rows.empty()) {
        return;
    }
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

MembershipModel::State MembershipModel::stateAt(int row) const {
    return row >= 0 && row < rowCount() ? m_rows[std::size_t(row)].state : State::Failed;
}

QString MembershipModel::errorAt(int row) const {
    return row >= 0 && row < rowCount() ? m_rows[std::size_t(row)].error : QString();
}

MulticastGroup MembershipModel::groupAt(int row) const {
    if (row < 0 || row >= rowCount()) {
        return {};
    }
    const Row& r = m_rows[std::size_t(row)];
    return {r.group.toStdString(), r.iface.toStdString()};
}

std::vector<MulticastGroup> MembershipModel::memberships() const {
    std::vector<MulticastGroup> out;
    for (const Row& r : m_rows) {
        if (r.state == State::Pending || r.state == State::Joined) {
            out.push_back({r.group.toStdString(), r.iface.toStdString()});
        }
    }
    return out;
}

void MembershipModel::setMemberships(const std::vector<MulticastGroup>& groups) {
    beginResetModel();
    m_rows.clear();
    for (const MulticastGroup& g : groups) {
        const QString group = canonicalGroup(QString::fromStdString(g.group));
        const QString iface = QString::fromStdString(g.interface);
        if (find(group, iface) < 0) {
            m_rows.push_back(Row{group, iface, State::Pending, {}});
        }
    }
    endResetModel();
}

QString MembershipModel::stateText(State state, const QString& error) {
    switch (state) {
    case State::Pending:
        return tr("pending");
    case State::Joined:
        return error.isEmpty() ? tr("joined") : tr("joined (leave failed: %1)").arg(error);
    case State::Leaving:
        return tr("leaving");
    case State::Failed:
        return tr("failed: %1").arg(error);
    }
    return {};
}

void MembershipModel::changed(int row) {
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int MembershipModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MembershipModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MembershipModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& r = m_rows[std::size_t(index.row())];
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
        case GroupColumn:
            return r.group;
        case InterfaceColumn:
            return r.iface.isEmpty() ? tr("default") : r.iface;
        case StateColumn:
            return stateText(r.state, r.error);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && !r.error.isEmpty()) {
        return r.error;
    }
    return {};
}

QVariant MembershipModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case GroupColumn:
        return tr("Group");
    case InterfaceColumn:
        return tr("Interface");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

} // namespace socklab::ui
