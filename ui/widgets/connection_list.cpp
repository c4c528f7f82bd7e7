#include "ui/widgets/connection_list.h"

#include "ui/models/connection_model.h"
#include "ui/views/record_text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace socklab::ui {

ConnectionList::ConnectionList(QWidget* parent)
    : QGroupBox(parent), m_view(new QTableView(this)), m_model(new ConnectionModel(this)),
      m_sortLabel(new QLabel(this)), m_sortBy(new QComboBox(this)),
      m_descending(new QCheckBox(this)), m_all(new QCheckBox(this)), m_close(new QPushButton(this)),
      m_reset(new QPushButton(this)) {
    auto* layout = new QVBoxLayout(this);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setModel(m_model);
    // The model sorts itself (no proxy): accept order first; a header click sorts ascending,
    // the next descending, the third goes back to the accept order.
    QHeaderView* header = m_view->horizontalHeader();
    header->setSortIndicatorClearable(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    // One line per connection, columns sized from the font (not measured per row).
    const QFontMetrics fm = m_view->fontMetrics();
    const auto widthOf = [&fm](const char* sample) {
        return fm.horizontalAdvance(QLatin1String(sample)) + 16;
    };
    m_view->verticalHeader()->setDefaultSectionSize(fm.lineSpacing() + 6);
    m_view->setColumnWidth(ConnectionModel::PeerColumn, widthOf("conn 99 127.255.255.255:65535"));
    // The widest state name as shown (translated), so no state is cut.
    int stateWidth = 0;
    for (SessionState st :
         {SessionState::Resolving, SessionState::Connecting, SessionState::Connected,
          SessionState::Listening, SessionState::Bound, SessionState::HalfClosed,
          SessionState::PeerClosed, SessionState::Closed, SessionState::Failed}) {
        stateWidth = std::max(stateWidth, fm.horizontalAdvance(stateText(st)) + 16);
    }
    m_view->setColumnWidth(ConnectionModel::StateColumn, stateWidth);
    sizeColumns();
    layout->addWidget(m_view, 1);
    auto* sortRow = new QHBoxLayout;
    m_sortLabel->setBuddy(m_sortBy);
    for (int i = 0; i < 1 + ConnectionModel::ColumnCount; ++i) {
        m_sortBy->addItem(QString(), i - 1); // -1: accept order, then the columns
    }
    m_descending->setEnabled(false);
    sortRow->addWidget(m_sortLabel);
    sortRow->addWidget(m_sortBy);
    sortRow->addWidget(m_descending);
    sortRow->addStretch(1);
    layout->addLayout(sortRow);
    m_all->setChecked(true);
    retranslate();
    layout->addWidget(m_all);
    // A row of their own: beside "All connections" they kept a listener tab wider than a
    // 1280-pixel screen (responders, this list and the traffic pane side by side).
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_close);
    buttons->addWidget(m_reset);
    layout->addLayout(buttons);
    setTabOrder(m_view, m_sortBy);
    setTabOrder(m_sortBy, m_descending);
    setTabOrder(m_descending, m_all);
    setTabOrder(m_all, m_close);
    setTabOrder(m_close, m_reset);

    connect(m_all, &QCheckBox::toggled, this, &ConnectionList::onTargetChanged);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &ConnectionList::showSort);
    connect(m_sortBy, &QComboBox::currentIndexChanged, this, &ConnectionList::applySortChoice);
    connect(m_descending, &QCheckBox::toggled, this, &ConnectionList::applySortChoice);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        if (selected()) {
            m_all->setChecked(false);
        }
        onTargetChanged();
    });
    connect(m_close, &QPushButton::clicked, this, [this] {
        if (auto c = selected()) {
            emit closeRequested(*c, false);
        }
    });
    connect(m_reset, &QPushButton::clicked, this, [this] {
        if (auto c = selected()) {
            emit closeRequested(*c, true);
        }
    });
}

void ConnectionList::sizeColumns() {
    const QFontMetrics fm = m_view->fontMetrics();
    // The byte columns as wide as their (translated) headers or a large count.
    const auto headerWidth = [&](int column) {
        const QString header = m_model->headerData(column, Qt::Horizontal).toString();
        return std::max(fm.horizontalAdvance(header),
                        fm.horizontalAdvance(QLatin1String("9999999999"))) +
               24;
    };
    m_view->setColumnWidth(ConnectionModel::BytesInColumn,
                           headerWidth(ConnectionModel::BytesInColumn));
    m_view->setColumnWidth(ConnectionModel::BytesOutColumn,
                           headerWidth(ConnectionModel::BytesOutColumn));
    m_view->setColumnWidth(ConnectionModel::AgeColumn,
                           fm.horizontalAdvance(QLatin1String("999 s")) + 16);
    // At least the peer and its state; the counters scroll into view when the pane is narrow
    // (a listener tab's three panes must fit a 1280-pixel screen beside the responders).
    const int columns = m_view->columnWidth(ConnectionModel::PeerColumn) +
                        m_view->columnWidth(ConnectionModel::StateColumn);
    m_view->setMinimumWidth(columns + m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent) +
                            2 * m_view->frameWidth());
    // A relay's pairs sit above its traffic, so its list may be shorter than a listener's.
    const int rows = m_model->isRelay() ? kMinimumRowsRelay : kMinimumRows;
    const int row = m_view->verticalHeader()->defaultSectionSize();
    // The horizontal scroll bar shows whenever the pane is narrower than the columns.
    m_view->setMinimumHeight(m_view->horizontalHeader()->sizeHint().height() + rows * row +
                             m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent) +
                             2 * m_view->frameWidth());
}

void ConnectionList::setRelay(bool relay) {
    if (relay == m_model->isRelay()) {
        return;
    }
    m_model->setRelay(relay);
    retranslate(); // the column names in "Sort by"
    sizeColumns();
}

void ConnectionList::applySortChoice() {
    const int column = m_sortBy->currentData().toInt();
    m_descending->setEnabled(column >= 0);
    // Through the header, as a click: QTableView::sortByColumn (Qt 6.4) sorts once for the
    // indicator's signal and once more itself. Sorting is enabled, so the signal sorts.
    m_view->horizontalHeader()->setSortIndicator(column, m_descending->isChecked() && column >= 0
                                                             ? Qt::DescendingOrder
                                                             : Qt::AscendingOrder);
}

void ConnectionList::showSort(int column, Qt::SortOrder order) {
    const QSignalBlocker blockSort(m_sortBy);
    const QSignalBlocker blockOrder(m_descending);
    const int index = m_sortBy->findData(column);
    m_sortBy->setCurrentIndex(index < 0 ? 0 : index);
    // The accept order has no direction; "Descending" keeps its tick for the next column
    // (arrowing through "Sort by" passes the accept order).
    if (column >= 0) {
        m_descending->setChecked(order == Qt::DescendingOrder);
    }
    m_descending->setEnabled(column >= 0);
}

std::optional<ConnectionId> ConnectionList::selected() const {
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid()) {
        return std::nullopt;
    }
    return m_model->connectionAt(current.row());
}

bool ConnectionList::allConnections() const {
    return m_all->isChecked();
}

void ConnectionList::setAllConnections(bool all) {
    m_all->setChecked(all);
}

std::optional<ConnectionId> ConnectionList::target() const {
    return m_all->isChecked() ? std::nullopt : selected();
}

QWidget* ConnectionList::lastFocusable() const {
    return m_reset;
}

void ConnectionList::onTargetChanged() {
    const bool one = selected().has_value();
    m_close->setEnabled(one);
    m_reset->setEnabled(one);
    emit targetChanged();
}

void ConnectionList::retranslate() {
    m_view->setAccessibleName(tr("Connections"));
    m_view->horizontalHeader()->setAccessibleName(tr("Connection columns"));
    m_view->horizontalHeader()->setToolTip(
        tr("Click a column to sort by it; again for descending, a third time for accept order"));
    m_sortLabel->setText(tr("Sort b&y"));
    m_sortBy->setAccessibleName(tr("Sort by"));
    m_sortBy->setItemText(0, tr("Accept order"));
    for (int c = 0; c < ConnectionModel::ColumnCount; ++c) {
        m_sortBy->setItemText(c + 1, m_model->headerData(c, Qt::Horizontal).toString());
    }
    // No mnemonic of its own (the letters are taken in a listener tab): Alt+Y, then Tab.
    m_descending->setText(tr("Descending"));
    m_descending->setAccessibleName(tr("Descending"));
    m_all->setAccessibleName(tr("All connections"));
    m_all->setToolTip(tr("Send to every connection and show all traffic; untick to use the "
                         "connection selected above"));
    m_close->setAccessibleName(tr("Close connection"));
    m_reset->setAccessibleName(tr("Reset connection"));
    setTitle(tr("Connections"));
    m_all->setText(tr("&All connections"));
    m_close->setText(tr("Close connection"));
    m_reset->setText(tr("Reset connection"));
}

void ConnectionList::changeEvent(QEvent* event) {
    QGroupBox::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
        sizeColumns();
    }
}

} // namespace socklab::ui
