#pragma once

#include "core/respond/responder.h"

#include <QAbstractTableModel>
#include <cstdint>
#include <vector>

namespace socklab::ui {

/// A tab's responder rules in order, one row each: enabled (checkable), name, the hits the
/// engine reported, match kind, pattern, reply, delay and once. Order matters (the first
/// enabled match answers), so rows move rather than sort. Hit counts restart when rules change.
class ResponderRulesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        EnabledColumn = 0,
        NameColumn,
        HitsColumn, ///< early: the figure a user watches, visible without scrolling
        MatchColumn,
        PatternColumn,
        ReplyColumn,
        DelayColumn,
        OnceColumn,
        ColumnCount
    };

    explicit ResponderRulesModel(QObject* parent = nullptr);

    [[nodiscard]] const std::vector<socklab::ResponderRule>& rules() const { return m_rules; }
    void setRules(std::vector<socklab::ResponderRule> rules);
    [[nodiscard]] const socklab::ResponderRule& ruleAt(int row) const { return m_rules.at(row); }
    /// Replace, insert (row == rowCount() appends), remove or move one rule.
    void setRule(int row, socklab::ResponderRule rule);
    void insertRule(int row, socklab::ResponderRule rule);
    void removeRule(int row);
    /// Moves row up (delta -1) or down (+1); false at an end.
    bool moveRule(int row, int delta);
    /// Hits per rule from the engine (RuleHits); a shorter list leaves the rest at 0.
    void setHits(const std::vector<std::uint64_t>& hits);
    [[nodiscard]] std::uint64_t hits(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    /// The rules changed (any edit, move, enable toggle); not sent for hit updates.
    void rulesChanged();

private:
    void resetHits();

    std::vector<socklab::ResponderRule> m_rules;
    std::vector<std::uint64_t> m_hits;
};

/// The user-facing name of a match kind ("contains", "starts with", "regex", "hex pattern",
/// "any message"), translated.
QString matchKindLabel(socklab::MatchKind kind);

} // namespace socklab::ui
