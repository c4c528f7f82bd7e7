#include "ui/models/held_queue_model.h"

#include "core/capture/record_text.h"
#include "core/codec/escapes.h"
#include "ui/i18n/core_text.h"

#include <QLocale>
#include <algorithm>

namespace socklab::ui {

QString relayDirectionLabel(RelayDirection direction) {
    return coreText(relayDirectionText(captureDirection(direction)));
}

HeldQueueModel::HeldQueueModel(QObject* parent) : QAbstractTableModel(parent) {}

void HeldQueueModel::add(const HeldMessage& message) {
    if (rowOf(message.id) >= 0) {
        return;
    }
    // Ids ascend in arrival order; keep the rows sorted even if events arrive out of order.
    const auto at = std::ranges::upper_bound(m_rows, message.id, {}, &HeldMessage::id);
    const int row = int(at - m_rows.begin());
    beginInsertRows({}, row, row);
    m_rows.insert(at, message);
    endInsertRows();
}

void HeldQueueModel::remove(quint64 id) {
    const int row = rowOf(id);
    if (row < 0) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

void HeldQueueModel::clear() {
    if (m_rows.empty()) {
        return;
    }
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

const HeldMessage* HeldQueueModel::messageAt(int row) const {
    return row >= 0 && row < rowCount() ? &m_rows[std::size_t(row)] : nullptr;
}

int HeldQueueModel::rowOf(quint64 id) const {
    const auto it = std::ranges::find(m_rows, std::uint64_t(id), &HeldMessage::id);
    return it == m_rows.end() ? -1 : int(it - m_rows.begin());
}

int HeldQueueModel::count(RelayDirection direction) const {
    return int(std::ranges::count(m_rows, direction, &HeldMessage::direction));
}

int HeldQueueModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HeldQueueModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeldQueueModel::data(const QModelIndex& index, int role) const {
    const HeldMessage* m = index.isValid() ? messageAt(index.row()) : nullptr;
    if (!m || index.column() >= ColumnCount) {
        return {};
    }
    if (role == HeldIdRole) {
        return QVariant::fromValue<quint64>(m->id);
    }
    if (role == Qt::TextAlignmentRole &&
        (index.column() == IdColumn || index.column() == SizeColumn)) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    switch (index.column()) {
    case IdColumn:
        return QStringLiteral("#%1").arg(m->id);
    case ConnectionColumn:
        return tr("conn %1").arg(m->connection);
    case DirectionColumn:
        return relayDirectionLabel(m->direction);
    case SizeColumn:
        return tr("%n byte(s)", nullptr, int(m->bytes.size()));
    case PreviewColumn:
        return QString::fromStdString(escapePreview(m->bytes, kPreviewChars, {.keepUtf8 = true}));
    default:
        return {};
    }
}

QVariant HeldQueueModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case IdColumn:
        return tr("Held");
    case ConnectionColumn:
        return tr("Connection");
    case DirectionColumn:
        return tr("Direction");
    case SizeColumn:
        return tr("Size");
    case PreviewColumn:
        return tr("Preview");
    default:
        return {};
    }
}

} // namespace socklab::ui
