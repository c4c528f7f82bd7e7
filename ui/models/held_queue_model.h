#pragma once

#include "core/vocab/relay.h"

#include <QAbstractTableModel>
#include <optional>
#include <vector>

namespace socklab::ui {

/// The hold queue of a relay: one row per held message (id, connection, direction, size and
/// a one-line preview formatted by core), in arrival order. Rows come from HeldQueued and
/// leave on HeldGone; the model keeps each message's bytes so it can be edited.
class HeldQueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        IdColumn = 0,
        ConnectionColumn,
        DirectionColumn,
        SizeColumn,
        PreviewColumn,
        ColumnCount
    };
    enum Role { HeldIdRole = Qt::UserRole + 1 };
    /// Characters of the preview column (core's escapePreview).
    static constexpr std::size_t kPreviewChars = 80;

    explicit HeldQueueModel(QObject* parent = nullptr);

    /// A message entered the queue (SessionHandle::heldQueued). An id already listed is ignored.
    void add(const socklab::HeldMessage& message);
    /// A message left the queue (SessionHandle::heldGone); unknown ids are ignored.
    void remove(quint64 id);
    /// Forget every row (a new capture).
    void clear();

    [[nodiscard]] const socklab::HeldMessage* messageAt(int row) const;
    [[nodiscard]] int rowOf(quint64 id) const;
    /// Held messages of one direction.
    [[nodiscard]] int count(socklab::RelayDirection direction) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<socklab::HeldMessage> m_rows;
};

/// "client -> server" / "server -> client", core's relay direction name, translated.
QString relayDirectionLabel(socklab::RelayDirection direction);

} // namespace socklab::ui
