#include "ui/widgets/connection_list.h"

#include "ui/models/connection_model.h"
#include "ui/views/record_text.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace socklab::ui {

ConnectionList::ConnectionList(QWidget* parent)
    : QGroupBox(parent), m_view(new QTableView(this)), m_model(new ConnectionModel(this)),
      m_all(new QCheckBox(this)), m_close(new QPushButton(this)), m_reset(new QPushButton(this)) {
    auto* layout = new QVBoxLayout(this);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setModel(m_model);
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
    auto* buttons = new QHBoxLayout;
    m_all->setChecked(true);
    retranslate();
    buttons->addWidget(m_all);
    buttons->addStretch(1);
    buttons->addWidget(m_close);
    buttons->addWidget(m_reset);
    layout->addLayout(buttons);
    setTabOrder(m_view, m_all);
    setTabOrder(m_all, m_close);
    setTabOrder(m_close, m_reset);

    connect(m_all, &QCheckBox::toggled, this, &ConnectionList::onTargetChanged);
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
    int columns = 0;
    for (int c = 0; c < ConnectionModel::ColumnCount; ++c) {
        columns += m_view->columnWidth(c);
    }
    m_view->setMinimumWidth(columns + m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent) +
                            2 * m_view->frameWidth());
    // A relay's pairs sit above its traffic, so its list may be shorter than a listener's.
    const int rows = m_model->isRelay() ? kMinimumRowsRelay : kMinimumRows;
    const int row = m_view->verticalHeader()->defaultSectionSize();
    m_view->setMinimumHeight(m_view->horizontalHeader()->sizeHint().height() + rows * row +
                             2 * m_view->frameWidth());
}

void ConnectionList::setRelay(bool relay) {
    if (relay == m_model->isRelay()) {
        return;
    }
    m_model->setRelay(relay);
    sizeColumns();
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
