// SessionTab's relay parts: the relay panel (made for the first relay only: other sockets never
// show it), its settings before it exists, and the hold queue's and upstream's wiring. The
// tab's layout and socket lifecycle are in session_tab.cpp.
#include "core/net/socket_spec.h"
#include "ui/models/connection_model.h"
#include "ui/models/held_queue_model.h"
#include "ui/session/session_handle.h"
#include "ui/widgets/connection_list.h"
#include "ui/widgets/hold_queue_panel.h"
#include "ui/widgets/relay_panel.h"
#include "ui/widgets/session_tab.h"
#include "ui/widgets/socket_form.h"

#include <QScrollArea>
#include <algorithm>

namespace socklab::ui {

RelayPanel* SessionTab::relayPanelMade() {
    ensureBuilt();
    if (m_relayPanel) {
        return m_relayPanel;
    }
    m_relayPanel = new RelayPanel(m_relayScroll);
    m_relayScroll->setWidget(m_relayPanel);
    m_relayPanel->setDatagram(isDatagramType(m_form->request().spec.type));
    m_relayPanel->setConfig(m_relayConfig);
    placeInTabOrder(m_relayPanel);
    connect(m_relayPanel, &RelayPanel::applyRequested, this,
            [this](RelayDirection direction, const Impairment& impairment) {
                if (!m_handle->setImpairment(direction, impairment)) {
                    showError(tr("impairment: the relay is not open"));
                }
            });
    // Before the relay opens the Hold switches are settings (RelayConfig), not commands.
    connect(m_relayPanel, &RelayPanel::holdRequested, this,
            [this](RelayDirection direction, bool hold) {
                if (m_handle->isOpen()) {
                    m_handle->hold(direction, hold);
                }
            });
    connect(m_handle, &SessionHandle::relayFigures, m_relayPanel, &RelayPanel::setFigures);
    connect(m_handle, &SessionHandle::relaySettings, m_relayPanel, &RelayPanel::setSettings);
    return m_relayPanel;
}

void SessionTab::placeInTabOrder(QWidget* panel) {
    // Made last, its fields came last in the Tab order: put them right after the form's last
    // field, before what followed the form (as the panel sits below the form).
    QWidget* formLast = nullptr;
    QWidget* w = m_form;
    for (int steps = 0; steps < 1000; ++steps) { // the chain is a ring: bounded walk
        w = w->nextInFocusChain();
        if (w == m_form || !m_form->isAncestorOf(w)) {
            break;
        }
        if (w->focusPolicy() & Qt::TabFocus) {
            formLast = w;
        }
    }
    if (!formLast) {
        return;
    }
    QList<QWidget*> fields;
    w = panel;
    for (int steps = 0; steps < 1000; ++steps) {
        w = w->nextInFocusChain();
        if (w == panel || !panel->isAncestorOf(w)) {
            break;
        }
        const bool inField = std::ranges::any_of(
            fields, [w](const QWidget* field) { return field->isAncestorOf(w); });
        if ((w->focusPolicy() & Qt::TabFocus) && !inField) { // a spin box, not its line edit
            fields.append(w);
        }
    }
    QWidget* previous = formLast;
    for (QWidget* field : fields) {
        QWidget::setTabOrder(previous, field);
        previous = field;
    }
}

void SessionTab::setRelayConfig(const RelayConfig& config) {
    m_relayConfig = config;
    if (m_relayPanel) {
        m_relayPanel->setConfig(config);
    }
}

void SessionTab::connectRelay() {
    SessionHandle* h = m_handle;
    connect(m_holdQueue, &HoldQueuePanel::releaseRequested, this,
            [this](RelayDirection direction, quint64 id, bool drop, bool edited,
                   const QByteArray& bytes) {
                if (!m_handle->releaseHeld(direction, id, drop, edited, bytes)) {
                    showError(tr("hold queue: the relay is not open"));
                }
            });
    HeldQueueModel* held = m_holdQueue->model();
    connect(h, &SessionHandle::heldQueued, held, &HeldQueueModel::add);
    connect(h, &SessionHandle::heldGone, held, [held](quint64 id) { held->remove(id); });
    connect(h, &SessionHandle::upstreamChanged, m_connectionList->model(),
            &ConnectionModel::onUpstream);
}

} // namespace socklab::ui
