#pragma once

#include "core/vocab/ids.h"

#include <QGroupBox>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace socklab::ui {

class ConnectionModel;

/// A listener's accepted connections: the table, "All connections" (send to and show every
/// one) and close / reset of the selected one. Tall enough for several rows. Sorted by a click
/// on a column header (again: descending, a third time: accept order) or, from the keyboard,
/// with "Sort by" and "Descending" below the table; both show the same sort.
class ConnectionList : public QGroupBox {
    Q_OBJECT
public:
    /// Rows the table shows at least.
    static constexpr int kMinimumRows = 6;
    static constexpr int kMinimumRowsRelay = 2;

    explicit ConnectionList(QWidget* parent = nullptr);

    [[nodiscard]] QTableView* view() const { return m_view; }
    [[nodiscard]] ConnectionModel* model() const { return m_model; }
    /// The connection under the table's cursor, if any.
    [[nodiscard]] std::optional<socklab::ConnectionId> selected() const;
    /// "All connections" is ticked.
    [[nodiscard]] bool allConnections() const;
    void setAllConnections(bool all);
    /// One connection to address, or nullopt for every one.
    [[nodiscard]] std::optional<socklab::ConnectionId> target() const;
    [[nodiscard]] QWidget* lastFocusable() const;
    /// Show a relay's pairs (headers client -> upstream, bytes -> server / -> client).
    void setRelay(bool relay);

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the widget sets itself, in the current language.
    void retranslate();

    void sizeColumns();
    /// "Sort by" / "Descending" chose a sort: the view sorts (and shows it in its header).
    void applySortChoice();
    /// The header's sort indicator moved: "Sort by" / "Descending" show it.
    void showSort(int column, Qt::SortOrder order);

public:
signals:
    /// The addressed connection(s) changed.
    void targetChanged();
    void closeRequested(socklab::ConnectionId connection, bool abortive);

private:
    void onTargetChanged();

    QTableView* m_view;
    ConnectionModel* m_model;
    QLabel* m_sortLabel;
    QComboBox* m_sortBy;
    QCheckBox* m_descending;
    QCheckBox* m_all;
    QPushButton* m_close;
    QPushButton* m_reset;
};

} // namespace socklab::ui
