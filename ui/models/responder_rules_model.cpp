#include "ui/models/responder_rules_model.h"

#include <QCoreApplication>

namespace socklab::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

} // namespace

QString matchKindLabel(MatchKind kind) {
    switch (kind) {
    case MatchKind::Any:
        return QCoreApplication::translate("socklab::ui::ResponderRulesModel", "any message");
    case MatchKind::Contains:
        return QCoreApplication::translate("socklab::ui::ResponderRulesModel", "contains");
    case MatchKind::StartsWith:
        return QCoreApplication::translate("socklab::ui::ResponderRulesModel", "starts with");
    case MatchKind::Regex:
        return QCoreApplication::translate("socklab::ui::ResponderRulesModel", "regex");
    case MatchKind::HexPattern:
        return QCoreApplication::translate("socklab::ui::ResponderRulesModel", "hex pattern");
    }
    return {};
}

ResponderRulesModel::ResponderRulesModel(QObject* parent) : QAbstractTableModel(parent) {}

void ResponderRulesModel::setRules(std::vector<ResponderRule> rules) {
    beginResetModel();
    m_rules = std::move(rules);
    m_hits.assign(m_rules.size(), 0);
    endResetModel();
    emit rulesChanged();
}

void ResponderRulesModel::setRule(int row, ResponderRule rule) {
    if (row < 0 || row >= rowCount()) {
        return;
    }
    m_rules[row] = std::move(rule);
    resetHits();
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    emit rulesChanged();
}

void ResponderRulesModel::insertRule(int row, ResponderRule rule) {
    row = std::clamp(row, 0, rowCount());
    beginInsertRows({}, row, row);
    m_rules.insert(m_rules.begin() + row, std::move(rule));
    m_hits.insert(m_hits.begin() + row, 0);
    endInsertRows();
    resetHits();
    emit rulesChanged();
}

void ResponderRulesModel::removeRule(int row) {
    if (row < 0 || row >= rowCount()) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_rules.erase(m_rules.begin() + row);
    m_hits.erase(m_hits.begin() + row);
    endRemoveRows();
    resetHits();
    emit rulesChanged();
}

bool ResponderRulesModel::moveRule(int row, int delta) {
    const int to = row + delta;
    if (row < 0 || row >= rowCount() || to < 0 || to >= rowCount() || delta == 0) {
        return false;
    }
    // beginMoveRows wants the destination as the row the item lands before (in old indices).
    beginMoveRows({}, row, row, {}, delta > 0 ? to + 1 : to);
    std::swap(m_rules[row], m_rules[to]);
    endMoveRows();
    resetHits();
    emit rulesChanged();
    return true;
}

void ResponderRulesModel::resetHits() {
    // The engine counts again from 0 for a new rule list; until it says so, show 0.
    if (std::any_of(m_hits.begin(), m_hits.end(), [](std::uint64_t h) { return h != 0; })) {
        std::fill(m_hits.begin(), m_hits.end(), 0);
        emit dataChanged(index(0, HitsColumn), index(rowCount() - 1, HitsColumn));
    }
}

void ResponderRulesModel::setHits(const std::vector<std::uint64_t>& hits) {
    for (int row = 0; row < rowCount(); ++row) {
        const std::uint64_t h = static_cast<std::size_t>(row) < hits.size() ? hits[row] : 0;
        if (m_hits[row] != h) {
            m_hits[row] = h;
            emit dataChanged(index(row, HitsColumn), index(row, HitsColumn));
        }
    }
}

std::uint64_t ResponderRulesModel::hits(int row) const {
    return row >= 0 && row < rowCount() ? m_hits[row] : 0;
}

int ResponderRulesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rules.size());
}

int ResponderRulesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ResponderRulesModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const ResponderRule& r = m_rules[index.row()];
    if (role == Qt::CheckStateRole && index.column() == EnabledColumn) {
        return r.enabled ? Qt::Checked : Qt::Unchecked;
    }
    if (role == Qt::TextAlignmentRole &&
        (index.column() == DelayColumn || index.column() == HitsColumn)) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    switch (index.column()) {
    case EnabledColumn:
        return role == Qt::ToolTipRole ? (r.enabled ? tr("Enabled") : tr("Disabled")) : QVariant();
    case NameColumn:
        return qs(r.name);
    case MatchColumn:
        return matchKindLabel(r.match);
    case PatternColumn:
        return qs(r.pattern);
    case ReplyColumn:
        if (r.reply.empty()) {
            return tr("(no reply)");
        }
        return r.replySyntax == TemplateSyntax::Hex ? tr("hex: %1").arg(qs(r.reply)) : qs(r.reply);
    case DelayColumn:
        return r.delayMs == 0 ? QString() : tr("%1 ms").arg(r.delayMs);
    case OnceColumn:
        return r.once ? tr("once") : QString();
    case HitsColumn:
        return QString::number(m_hits[index.row()]);
    default:
        return {};
    }
}

bool ResponderRulesModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.column() != EnabledColumn || role != Qt::CheckStateRole) {
        return false;
    }
    const bool enabled = value.toInt() == Qt::Checked;
    if (m_rules[index.row()].enabled == enabled) {
        return true;
    }
    m_rules[index.row()].enabled = enabled;
    emit dataChanged(index, index, {Qt::CheckStateRole});
    resetHits();
    emit rulesChanged();
    return true;
}

Qt::ItemFlags ResponderRulesModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == EnabledColumn) {
        f |= Qt::ItemIsUserCheckable;
    }
    return f;
}

QVariant ResponderRulesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case EnabledColumn:
        return tr("On");
    case NameColumn:
        return tr("Name");
    case MatchColumn:
        return tr("Match");
    case PatternColumn:
        return tr("Pattern");
    case ReplyColumn:
        return tr("Reply");
    case DelayColumn:
        return tr("Delay");
    case OnceColumn:
        return tr("Once");
    case HitsColumn:
        return tr("Hits");
    default:
        return {};
    }
}

} // namespace socklab::ui
