#include "ui/widgets/hold_queue_panel.h"

#include "ui/dialogs/held_edit_dialog.h"
#include "ui/i18n/retranslate.h"
#include "ui/models/held_queue_model.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace socklab::ui {

HoldQueuePanel::HoldQueuePanel(QWidget* parent)
    : QWidget(parent), m_model(new HeldQueueModel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 4);
    m_view->setMinimumHeight(m_view->fontMetrics().height() * 3);
    m_queueLabel = new QLabel(this);
    m_queueLabel->setBuddy(m_view);
    m_count = new QLabel(this);
    auto* top = new QHBoxLayout;
    top->addWidget(m_queueLabel);
    top->addWidget(m_count, 1);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    auto* buttons = new QGridLayout;
    m_release = new QPushButton(this);
    m_edit = new QPushButton(this);
    m_drop = new QPushButton(this);
    m_releaseAll = new QPushButton(this);
    // Two a row: the queue sits beside the composer and must not widen the window.
    buttons->addWidget(m_release, 0, 0);
    buttons->addWidget(m_edit, 0, 1);
    buttons->addWidget(m_drop, 1, 0);
    buttons->addWidget(m_releaseAll, 1, 1);
    layout->addLayout(buttons);

    retranslate();
    connect(m_release, &QPushButton::clicked, this, &HoldQueuePanel::releaseCurrent);
    connect(m_edit, &QPushButton::clicked, this, &HoldQueuePanel::editCurrent);
    connect(m_drop, &QPushButton::clicked, this, &HoldQueuePanel::dropCurrent);
    connect(m_releaseAll, &QPushButton::clicked, this, &HoldQueuePanel::releaseAll);
    connect(m_view, &QTableView::activated, this, &HoldQueuePanel::editCurrent);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_model, signal, this, &HoldQueuePanel::updateButtons);
    }
    connect(m_model, &QAbstractItemModel::modelReset, this, &HoldQueuePanel::updateButtons);
    updateButtons();
}

void HoldQueuePanel::setLive(bool live) {
    m_live = live;
    updateButtons();
}

const HeldMessage* HoldQueuePanel::current() const {
    const QModelIndex index = m_view->currentIndex();
    return m_model->messageAt(index.isValid() ? index.row() : 0);
}

void HoldQueuePanel::updateButtons() {
    const bool any = m_model->rowCount() > 0;
    for (QPushButton* b : {m_release, m_edit, m_drop, m_releaseAll}) {
        b->setEnabled(m_live && any);
    }
    const int n = m_model->rowCount();
    m_count->setText(n == 0 ? tr("none") : tr("%n waiting", nullptr, n));
    m_count->setAccessibleDescription(m_count->text());
}

void HoldQueuePanel::releaseCurrent() {
    if (const HeldMessage* m = current(); m && m_live) {
        emit releaseRequested(m->direction, m->id, false, false, {});
    }
}

void HoldQueuePanel::dropCurrent() {
    if (const HeldMessage* m = current(); m && m_live) {
        emit releaseRequested(m->direction, m->id, true, false, {});
    }
}

void HoldQueuePanel::editCurrent() {
    const HeldMessage* m = current();
    if (!m || !m_live) {
        return;
    }
    const HeldMessage copy = *m; // the row may go while the dialog is open
    // One dialog at a time, kept until the next edit (not deleted on close: whoever pressed
    // its button may still hold it when it closes).
    delete m_dialog;
    QPointer<HeldEditDialog> dialog = new HeldEditDialog(copy, this);
    m_dialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog, copy] {
        if (dialog && dialog->isValid() && m_model->rowOf(copy.id) >= 0) {
            emit releaseRequested(copy.direction, copy.id, false, true, dialog->bytes());
        }
    });
    dialog->open();
}

void HoldQueuePanel::releaseAll() {
    if (!m_live) {
        return;
    }
    for (RelayDirection d : {RelayDirection::ToServer, RelayDirection::ToClient}) {
        if (m_model->count(d) > 0) {
            emit releaseRequested(d, 0, false, false, {});
        }
    }
}

void HoldQueuePanel::retranslate() {
    m_view->setAccessibleName(tr("Hold queue"));
    m_count->setAccessibleName(tr("Held messages"));
    m_release->setAccessibleName(tr("Release"));
    m_release->setToolTip(tr("Forward the selected message as it arrived"));
    m_edit->setAccessibleName(tr("Edit and release"));
    m_edit->setToolTip(tr("Change the selected message's bytes, then forward them"));
    m_drop->setAccessibleName(tr("Drop"));
    m_drop->setToolTip(tr("Forget the selected message: it is never forwarded"));
    m_releaseAll->setAccessibleName(tr("Release all"));
    m_releaseAll->setToolTip(tr("Forward every held message of both directions, in order"));
    m_queueLabel->setText(tr("Held &messages"));
    m_release->setText(tr("Relea&se"));
    m_edit->setText(tr("&Edit && release…"));
    m_drop->setText(tr("Dro&p"));
    m_releaseAll->setText(tr("Release &all"));
}

void HoldQueuePanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        retranslateModel(m_model);
        updateButtons(); // the count
    }
}

} // namespace socklab::ui
