#pragma once

#include "core/vocab/open_request.h"

#include <QAbstractTableModel>
#include <QString>
#include <vector>

namespace socklab::ui {

/// The multicast groups a datagram tab wants and where each stands: group, interface and
/// state (pending, joined, leaving, failed with the error). Rows are keyed by the canonical
/// group text and the interface; events from the engine move them between states.
class MembershipModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { GroupColumn = 0, InterfaceColumn, StateColumn, ColumnCount };
    enum class State : std::uint8_t {
        Pending = 1, ///< asked for (or waiting for the socket to open), not yet confirmed
        Joined,      ///< the engine reported the membership in effect
        Leaving,     ///< leave asked for, not yet confirmed
        Failed,      ///< the join failed; error() says why
    };

    explicit MembershipModel(QObject* parent = nullptr);

    /// Row of group (any spelling of the address) on iface, or -1.
    [[nodiscard]] int find(const QString& group, const QString& iface) const;
    /// Adds a Pending row, or turns an existing row Pending; returns its row.
    int setPending(const QString& group, const QString& iface);
    /// A join or leave was asked for an existing row: Pending or Leaving.
    void setLeaving(int row);
    /// MembershipChanged: joined rows become (or are added as) Joined, left rows disappear.
    void applyChange(const QString& group, const QString& iface, bool joined);
    /// A join failed (row Failed with message) or a leave failed (row Joined again, message
    /// kept as its error).
    void applyError(const QString& group, const QString& iface, bool join, const QString& message);
    /// The socket closed: the kernel dropped every membership. Joined and Pending rows wait
    /// as Pending (joined again when the tab opens with memberships()); Leaving rows go.
    void sessionClosed();
    void removeRow(int row);
    void clear();

    [[nodiscard]] State stateAt(int row) const;
    [[nodiscard]] QString errorAt(int row) const;
    [[nodiscard]] socklab::MulticastGroup groupAt(int row) const;
    /// Groups to keep (workspace, next open): every row except Failed and Leaving ones.
    [[nodiscard]] std::vector<socklab::MulticastGroup> memberships() const;
    /// Replaces the rows with these groups, all Pending.
    void setMemberships(const std::vector<socklab::MulticastGroup>& groups);

    /// The display text of a state ("joined", "failed: ...").
    [[nodiscard]] static QString stateText(State state, const QString& error);
    /// The address in its canonical form ("FF02::1" -> "ff02::1"); text as given when it is
    /// not a multicast group.
    [[nodiscard]] static QString canonicalGroup(const QString& group);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString group; ///< canonical
        QString iface;
        State state = State::Pending;
        QString error;
    };
    void changed(int row);

    std::vector<Row> m_rows;
};

} // namespace socklab::ui
