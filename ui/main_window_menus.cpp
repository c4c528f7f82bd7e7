// MainWindow's menus and the actions that are not tab composition: preferences, capture export,
// opening a capture file.
#include "ui/dialogs/preferences_dialog.h"
#include "ui/export/live_save_link.h"
#include "ui/i18n/language.h"
#include "ui/import/capture_import_dialog.h"
#include "ui/main_window.h"
#include "ui/shortcuts.h"
#include "ui/widgets/session_tab.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

namespace socklab::ui {

namespace {

constexpr auto kExportDir = "export/lastDir";
constexpr auto kExportFilter = "export/lastFilter";
constexpr auto kCaptureDir = "import/lastDir";

} // namespace

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newTabAction = file->addAction(tr("&New tab"), this, [this] { newTab(); });
    applyShortcut(newTabAction, Shortcut::NewTab);
    QMenu* presets = file->addMenu(tr("New tab from &preset"));
    for (Preset p : allPresets()) {
        presets->addAction(presetName(p), this, [this, p] { newTab(p); });
    }
    QAction* lab = file->addAction(tr("New TCP vs UDP &lab"), this, [this] { newLabTab(); });
    applyShortcut(lab, Shortcut::NewLab);
    lab->setStatusTip(tr("The same messages over TCP and UDP through an impaired wire between "
                         "two private hosts"));
    file->addSeparator();
    applyShortcut(file->addAction(tr("&Open workspace…"), this, &MainWindow::openWorkspaceDialog),
                  Shortcut::OpenWorkspace);
    applyShortcut(
        file->addAction(tr("&Save workspace"), this, [this] { saveWorkspaceDialog(false); }),
        Shortcut::SaveWorkspace);
    applyShortcut(
        file->addAction(tr("Save workspace &as…"), this, [this] { saveWorkspaceDialog(true); }),
        Shortcut::SaveWorkspaceAs);
    file->addAction(tr("Open &demo workspace"), this, [this] {
        if (confirmReplaceTabs()) {
            loadWorkspace(demoWorkspace(freeDemoPorts()));
        }
    });
    file->addSeparator();
    QAction* openCapture =
        file->addAction(tr("Open cap&ture…"), this, &MainWindow::openCaptureDialog);
    openCapture->setStatusTip(tr("List the TCP connections and UDP exchanges of a pcap or pcapng "
                                 "file (tcpdump, Wireshark, SockLab) and open them read-only"));
    m_exportCapture = file->addAction(tr("&Export capture…"), this,
                                      [this] { exportCaptureDialog(currentDocument()); });
    applyShortcut(m_exportCapture, Shortcut::ExportCapture);
    m_exportCapture->setStatusTip(
        tr("Save this tab's capture as pcapng (Wireshark), a hex dump or a text log"));
    m_cancelExport = file->addAction(tr("Cancel e&xport"), this, [this] {
        if (CaptureDocument* doc = currentDocument()) {
            doc->cancelExport();
        }
    });
    m_liveSave = file->addAction(tr("Save contin&uously…"), this, [this] {
        if (SessionTab* tab = currentTab()) {
            LiveSaveLink* link = tab->liveSave();
            // Queued: a tab going down with the window must not call back into it.
            connect(link, &LiveSaveLink::changed, this, &MainWindow::updateActions,
                    Qt::ConnectionType(Qt::QueuedConnection | Qt::UniqueConnection));
            link->toggle();
        }
        updateActions();
    });
    m_liveSave->setCheckable(true);
    m_liveSave->setStatusTip(tr("Write this tab's capture to a pcapng or text file as it "
                                "happens, rotating by size, so a long session survives a crash"));
    // A save that stopped on an error shows unchecked the next time the menu opens.
    connect(file, &QMenu::aboutToShow, this, &MainWindow::updateActions);
    file->addSeparator();
    m_closeTab =
        file->addAction(tr("&Close tab"), this, [this] { closeTab(m_tabs->currentIndex()); });
    applyShortcut(m_closeTab, Shortcut::CloseTab);
    applyShortcut(file->addAction(tr("&Quit"), this, &QWidget::close), Shortcut::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* prefs = edit->addAction(tr("&Preferences…"), this, &MainWindow::preferencesDialog);
    applyShortcut(prefs, Shortcut::Preferences);
    prefs->setStatusTip(tr("Capture memory limit and what happens beyond it"));

    QMenu* session = menuBar()->addMenu(tr("&Session"));
    m_toggleSocket = session->addAction(tr("&Open / close socket"), this, [this] {
        if (SessionTab* tab = currentTab()) {
            if (tab->isOpen()) {
                tab->closeSocket(false);
            } else {
                tab->openSocket();
            }
        }
    });
    applyShortcut(m_toggleSocket, Shortcut::ToggleSocket);
    m_clearCapture = session->addAction(tr("C&lear capture"), this, [this] {
        if (SessionTab* tab = currentTab()) {
            tab->clearCapture();
            updateActions();
        }
    });
    applyShortcut(m_clearCapture, Shortcut::ClearCapture);
    m_clearCapture->setStatusTip(tr("Forget this tab's records (the socket must be closed); "
                                    "reopening without clearing continues the capture"));
    m_showCode = session->addAction(tr("Show &code…"), this, [this] { showCode(currentTab()); });
    applyShortcut(m_showCode, Shortcut::ShowCode);
    QAction* next = session->addAction(tr("&Next tab"), this, [this] {
        if (m_tabs->count() > 0) {
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count());
        }
    });
    applyShortcut(next, Shortcut::NextTab);
    QAction* previous = session->addAction(tr("&Previous tab"), this, [this] {
        if (m_tabs->count() > 0) {
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) %
                                    m_tabs->count());
        }
    });
    applyShortcut(previous, Shortcut::PreviousTab);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About SockLab"), this, [this] {
        QMessageBox::about(this, tr("About SockLab"),
                           tr("<b>SockLab</b> %1<br>A socket workbench: pick socket() arguments, "
                              "see the kernel's verdict, send and watch every byte.")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::updateActions() {
    SessionTab* tab = currentTab();
    const bool any = tab != nullptr;
    m_toggleSocket->setEnabled(any);
    m_showCode->setEnabled(any);
    m_closeTab->setEnabled(m_tabs->count() > 0);
    // Socket tabs and imported captures export alike; only socket tabs clear theirs.
    CaptureDocument* doc = currentDocument();
    const bool captured = doc != nullptr && doc->captureSource().store != nullptr;
    m_exportCapture->setEnabled(captured && !doc->isExporting());
    m_cancelExport->setEnabled(doc != nullptr && doc->isExporting());
    m_clearCapture->setEnabled(any && captured && !tab->isOpen());
    m_liveSave->setEnabled(any);
    m_liveSave->setChecked(any && tab->liveSaveIfAny() != nullptr && tab->liveSaveIfAny()->isOn());
}

bool MainWindow::confirmReplaceTabs() {
    std::uint64_t messages = 0;
    for (int i = 0; i < tabCount(); ++i) {
        if (tabAt(i) == nullptr) {
            continue;
        }
        if (const auto store = tabAt(i)->captureSource().store) {
            const TrafficCounters c = store->counters();
            messages += c.messagesIn + c.messagesOut;
        }
    }
    if (messages == 0) {
        return true;
    }
    // A decision only the user can make: the captures would be gone.
    QMessageBox box(QMessageBox::Question, tr("Replace the open tabs?"),
                    tr("The workspace replaces all %1 tabs; their sockets close and their "
                       "captures (%2 messages) are discarded.")
                        .arg(tabCount())
                        .arg(messages),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("Keep a capture with File > Export capture first."));
    box.addButton(tr("&Replace tabs"), QMessageBox::DestructiveRole);
    QPushButton* cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.exec();
    return box.clickedButton() != cancel;
}

void MainWindow::preferencesDialog() {
    PreferencesDialog dialog(loadPreferences(), this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const Preferences prefs = dialog.preferences();
    const QString problem = savePreferences(prefs);
    if (auto* language = LanguageManager::instance();
        language != nullptr && !language->apply(resolveLanguage(prefs.language))) {
        QMessageBox::warning(this, tr("Preferences"),
                             tr("The translation could not be loaded; SockLab stays in English."));
    }
    statusBar()->showMessage(problem.isEmpty()
                                 ? tr("Preferences saved; they apply to new captures (new tabs, "
                                      "and tabs after Clear capture).")
                                 : problem);
    if (!problem.isEmpty()) {
        QMessageBox::warning(this, tr("Preferences"), problem);
    }
}

void MainWindow::openCaptureDialog() {
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open capture"), settings.value(kCaptureDir).toString(),
        tr("Captures (*.pcap *.pcapng *.cap *.dmp);;pcap (*.pcap *.cap);;pcapng (*.pcapng);;All "
           "files (*)"));
    if (!path.isEmpty()) {
        settings.setValue(kCaptureDir, QFileInfo(path).absolutePath());
        openCaptureFile(path);
    }
}

CaptureImportDialog* MainWindow::openCaptureFile(const QString& path) {
    auto* dialog = new CaptureImportDialog(path, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CaptureImportDialog::openRequested, this, [this, dialog] {
        for (const CaptureConversation& c : dialog->selectedConversations()) {
            openCaptureConversation(dialog->path(), c);
        }
    });
    connect(dialog, &CaptureImportDialog::listed, this, [this, dialog](bool ok) {
        statusBar()->showMessage(ok ? tr("Listed %1").arg(dialog->path()) : dialog->errorText());
    });
    dialog->open(); // window-modal, without a nested event loop
    dialog->start();
    return dialog;
}

void MainWindow::exportCaptureDialog(CaptureDocument* tab) {
    if (!tab) {
        return;
    }
    QSettings settings;
    const QString dir = settings.value(kExportDir).toString();
    // Kind and address, not the state: "TCP client 127.0.0.1:7000" -> TCP_client_127.0.0.1_7000
    QString suggested = tab->title().section(QStringLiteral(" — "), 0, 0);
    suggested.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
    QString filter = settings.value(kExportFilter).toString();
    const CaptureFormat lastFormat =
        suggestedCaptureFormat(tab->captureSource(), captureFormatFor(filter, QString()));
    if (lastFormat != captureFormatFor(filter, QString())) {
        filter = captureFilters().split(QStringLiteral(";;")).value(int(lastFormat) - 1);
    }
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export capture"), QDir(dir).filePath(suggested + captureSuffix(lastFormat)),
        captureFilters(), &filter);
    if (path.isEmpty()) {
        return;
    }
    // The chosen filter decides the format; a suffix of another format is replaced so the
    // file name says what is in it.
    const CaptureFormat format = captureFormatFor(filter, path);
    path = withCaptureSuffix(path, format);
    settings.setValue(kExportDir, QFileInfo(path).absolutePath());
    settings.setValue(kExportFilter, filter);
    if (tab->exportCapture(path, format)) {
        statusBar()->showMessage(tr("Exporting to %1…").arg(path));
        updateActions();
    }
}

} // namespace socklab::ui
