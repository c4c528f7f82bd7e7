#pragma once

#include "core/net/socket_spec.h"

#include <QAbstractListModel>
#include <span>

namespace socklab::ui {

/// One axis of the socket(family, type, protocol) catalog as a list model for a dropdown.
/// Display text is "label (NAME)"; the explanation is the tooltip and ExplanationRole. Labels
/// and explanations are in the current language (coreText()); retranslate() after a change.
class SocketSpecModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum class Axis { Family = 1, Type, Protocol };
    enum Role { ValueRole = Qt::UserRole + 1, NameRole, LabelRole, ExplanationRole };

    explicit SocketSpecModel(Axis axis, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] Axis axis() const { return m_axis; }
    /// Row of the entry with this numeric value, or -1.
    [[nodiscard]] int rowOfValue(int value) const;
    /// Numeric value at row; 0 when out of range.
    [[nodiscard]] int valueAt(int row) const;
    [[nodiscard]] const CatalogEntry* entryAt(int row) const;
    /// The language changed: every row's texts change (dataChanged).
    void retranslate();

private:
    Axis m_axis;
    std::span<const CatalogEntry> m_entries;
};

} // namespace socklab::ui
