// SessionTab's texts: the title and what the tab labels itself, again on a language change.
#include "ui/session/session_controls.h"
#include "ui/session/session_handle.h"
#include "ui/views/record_text.h"
#include "ui/widgets/presets.h"
#include "ui/widgets/session_tab.h"
#include "ui/widgets/socket_form.h"

#include <QEvent>
#include <QGroupBox>
#include <QPushButton>

namespace socklab::ui {

void SessionTab::retranslate() {
    m_reset->setText(tr("Rese&t (RST)"));
    m_reset->setAccessibleName(tr("Reset (RST)"));
    m_reset->setToolTip(tr("Abortive close: SO_LINGER 0, the peer sees a reset"));
    m_showCode->setText(tr("Show &code…"));
    m_showCode->setAccessibleName(tr("Show code"));
    m_respondersGroup->setTitle(tr("Responders"));
    m_sequencesGroup->setTitle(tr("Sequences"));
    m_composerBox->setTitle(tr("Composer"));
    m_multicastBox->setTitle(tr("Multicast"));
    m_holdBox->setTitle(tr("Hold queue"));
    updateOpenButton(controls());
}

void SessionTab::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        if (!m_built) {
            updateTitle(); // its widgets get their texts when they are made
            return;
        }
        retranslate();
        updateCompact(isOpen()); // the summary line
        updateTitle();
    }
}

void SessionTab::updateOpenButton(const SessionControls& c) {
    m_open->setText(c.open ? tr("Cl&ose socket") : tr("&Open socket"));
    m_open->setAccessibleName(c.open ? tr("Close socket") : tr("Open socket"));
    m_open->setEnabled(c.openEnabled);
    m_open->setToolTip(c.openEnabled ? QString() : m_form->problem());
}

QString SessionTab::title() const {
    const auto qs = [](const std::string& s) { return QString::fromStdString(s); };
    const OpenSession r = m_handle->hasSession() ? m_handle->request()
                          : m_pendingTab         ? tabOpenRequest(*m_pendingTab)
                                                 : built()->m_form->request();
    QString address;
    if (r.role == Role::Connect) {
        address = !m_handle->peerText().isEmpty() ? m_handle->peerText() : qs(r.remote);
    } else if (r.role == Role::Relay) {
        const QString local =
            !m_handle->localText().isEmpty() ? m_handle->localText() : qs(r.local);
        address = r.remote.empty() ? local : tr("%1 → %2").arg(local, qs(r.remote));
    } else {
        address = !m_handle->localText().isEmpty() ? m_handle->localText() : qs(r.local);
    }
    QString text = kindName(r.spec, r.role);
    if (!address.isEmpty()) {
        text += QLatin1Char(' ') + address;
    }
    if (r.placement.wire != 0) {
        text += QLatin1Char(' ') +
                (r.placement.host == LabHost::A ? tr("in lab host A") : tr("in lab host B"));
    }
    const auto state = m_handle->state();
    return tr("%1 — %2").arg(text, state ? stateText(*state) : tr("not open"));
}

void SessionTab::updateTitle() {
    emit titleChanged(title());
}

} // namespace socklab::ui
