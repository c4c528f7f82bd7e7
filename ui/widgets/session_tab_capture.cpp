// SessionTab's capture as a document: workspace conversion, export, clearing, and the
// question before a different kind of socket replaces it. The tab's widgets and socket
// lifecycle are in session_tab.cpp.
#include "ui/export/live_save_link.h"
#include "ui/session/session_handle.h"
#include "ui/views/traffic_pane.h"
#include "ui/widgets/composer.h"
#include "ui/widgets/multicast_panel.h"
#include "ui/widgets/options_panel.h"
#include "ui/widgets/relay_panel.h"
#include "ui/widgets/responder_panel.h"
#include "ui/widgets/sequence_panel.h"
#include "ui/widgets/session_status.h"
#include "ui/widgets/session_tab.h"
#include "ui/widgets/socket_form.h"

#include <QMessageBox>
#include <QPushButton>
#include <algorithm>

namespace socklab::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

} // namespace

void SessionTab::loadWorkspaceTab(const WorkspaceTab& tab) {
    if (!m_built) {
        m_pendingTab = tab; // applied when the widgets are made
        return;
    }
    applyWorkspaceTab(tab);
}

void SessionTab::applyWorkspaceTab(const WorkspaceTab& tab) {
    m_form->setRequest(tabOpenRequest(tab));
    setRelayConfig(tab.relay);
    m_responders->setConfig(tab.responders);
    m_sequences->setSequences(tab.sequences);
    m_multicast->setMemberships(tab.multicastGroups);
    std::vector<SavedMessage> history = tab.messages;
    m_composer->setHistory(history);
    if (!history.empty()) {
        m_composer->setMessage(history.front());
    }
    m_composer->setDestination(qs(tab.destination));
    m_traffic->setTextEncoding(tab.encoding); // the composer follows (textEncodingChanged)
    if (tab.liveSave || m_liveSave) {
        liveSave()->setSettings(tab.liveSave); // writes nothing before the socket opens
    }
}

WorkspaceTab SessionTab::toWorkspaceTab() const {
    if (!m_built && m_pendingTab) {
        // Never shown: what it was given is what it holds (no widgets are made to read it).
        WorkspaceTab tab = *m_pendingTab;
        tab.title = title().toStdString();
        return tab;
    }
    static_cast<void>(built()); // its form and composer describe the request
    WorkspaceTab tab;
    tab.title = title().toStdString();
    setTabOpenRequest(tab, m_form->request());
    if (tab.role == Role::Relay) {
        tab.relay = const_cast<SessionTab*>(this)->relayPanelMade()->config();
    }
    if (MulticastPanel::appliesTo(tab.spec)) {
        tab.multicastGroups = m_multicast->memberships();
    }
    if (respondersSupported(tabOpenRequest(tab))) {
        tab.responders = m_responders->lastValidConfig(); // a file that loads again
        tab.sequences = m_sequences->sequences();
    }
    tab.messages = m_composer->history();
    const SavedMessage current = m_composer->message();
    // The editor holds no name: a kept message it shows unchanged is not a new one.
    const auto sameBytes = [&current](const SavedMessage& m) {
        return m.mode == current.mode && m.content == current.content &&
               m.lineEnding == current.lineEnding && m.fields == current.fields;
    };
    if (!current.content.empty() && std::ranges::none_of(tab.messages, sameBytes)) {
        tab.messages.insert(tab.messages.begin(), current);
    }
    tab.destination = m_composer->destination().toStdString();
    tab.encoding = m_traffic->textEncoding();
    if (m_liveSave) {
        tab.liveSave = m_liveSave->settings();
    }
    return tab;
}

bool SessionTab::confirmNewCapture() {
    const TrafficCounters c = m_handle->counters();
    if (c.messagesIn + c.messagesOut == 0) {
        return true;
    }
    // A decision only the user can make, so a dialog: the capture would be gone.
    QMessageBox box(QMessageBox::Question, tr("Start a new capture?"),
                    tr("This is a different kind of socket than the one captured so far, so it "
                       "starts a new capture. The current capture (%1 messages) will be "
                       "discarded.")
                        .arg(c.messagesIn + c.messagesOut),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("Keep it with File > Export capture first, or open the new socket "
                              "in a new tab."));
    box.addButton(tr("&Discard and open"), QMessageBox::DestructiveRole);
    QPushButton* cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.exec();
    return box.clickedButton() != cancel;
}

bool SessionTab::clearCapture() {
    if (isOpen()) {
        showError(tr("clear capture: close the socket first (its capture is still growing)"));
        return false;
    }
    ensureBuilt();
    m_handle->destroy(); // the views let go of the capture (captureChanged)
    m_form->optionsPanel()->clearEffective();
    m_traffic->setLocalLabel({});
    m_status->reset();
    clearError();
    updateControls();
    updateTitle();
    return true;
}

CaptureSource SessionTab::captureSource() const {
    CaptureSource source{m_handle->store(), m_handle->request().spec, m_handle->localText()};
    source.relay = m_handle->isRelay();
    source.upstream = m_handle->peerText(); // a relay's peer is its (resolved) upstream
    return source;
}

bool SessionTab::exportCapture(const QString& path, CaptureFormat format) {
    ensureBuilt();
    if (!m_handle->store()) {
        showError(tr("export %1: nothing captured yet (open the socket first)").arg(path));
        return false;
    }
    if (!m_exporter->start(captureSource(), path, format)) {
        showError(tr("export %1: the previous export of this tab is still running").arg(path));
        return false;
    }
    return true;
}

LiveSaveLink* SessionTab::liveSave() {
    ensureBuilt(); // its bar goes into the tab's layout
    if (!m_liveSave) {
        m_liveSave = new LiveSaveLink(*m_handle, *this);
    }
    return m_liveSave;
}

void SessionTab::cancelExport() {
    m_exporter->cancel();
}

bool SessionTab::isExporting() const {
    return m_exporter->busy();
}

} // namespace socklab::ui
