#include "ui/models/socket_spec_model.h"

#include "ui/i18n/core_text.h"

namespace socklab::ui {

namespace {

std::span<const CatalogEntry> entriesFor(SocketSpecModel::Axis axis) {
    switch (axis) {
    case SocketSpecModel::Axis::Family:
        return families();
    case SocketSpecModel::Axis::Type:
        return types();
    case SocketSpecModel::Axis::Protocol:
        return protocols();
    }
    return {};
}

QString toQString(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace

SocketSpecModel::SocketSpecModel(Axis axis, QObject* parent)
    : QAbstractListModel(parent), m_axis(axis), m_entries(entriesFor(axis)) {}

int SocketSpecModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant SocketSpecModel::data(const QModelIndex& index, int role) const {
    const CatalogEntry* e = entryAt(index.isValid() ? index.row() : -1);
    if (!e || index.column() != 0 || index.parent().isValid()) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        if (e->label.empty() || e->label == e->name) {
            return toQString(e->name);
        }
        return QStringLiteral("%1 (%2)").arg(coreText(e->label), toQString(e->name));
    case Qt::ToolTipRole:
    case Qt::AccessibleDescriptionRole:
    case ExplanationRole:
        return coreText(e->explanation);
    case ValueRole:
        return e->value;
    case NameRole:
        return toQString(e->name);
    case LabelRole:
        return coreText(e->label);
    default:
        return {};
    }
}

QHash<int, QByteArray> SocketSpecModel::roleNames() const {
    auto names = QAbstractListModel::roleNames();
    names.insert(ValueRole, "value");
    names.insert(NameRole, "name");
    names.insert(LabelRole, "label");
    names.insert(ExplanationRole, "explanation");
    return names;
}

int SocketSpecModel::rowOfValue(int value) const {
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].value == value) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int SocketSpecModel::valueAt(int row) const {
    const CatalogEntry* e = entryAt(row);
    return e ? e->value : 0;
}

void SocketSpecModel::retranslate() {
    if (rowCount() > 0) {
        emit dataChanged(index(0), index(rowCount() - 1),
                         {Qt::DisplayRole, Qt::AccessibleTextRole, Qt::ToolTipRole,
                          Qt::AccessibleDescriptionRole, ExplanationRole, LabelRole});
    }
}

const CatalogEntry* SocketSpecModel::entryAt(int row) const {
    if (row < 0 || static_cast<std::size_t>(row) >= m_entries.size()) {
        return nullptr;
    }
    return &m_entries[static_cast<std::size_t>(row)];
}

} // namespace socklab::ui
