// MainWindow's menus and the actions that are not tab composition: preferences, capture export,
// opening a capture file.
#include "ui/dialogs/preferences_dialog.h"
#include "ui/export/live_save_link.h"
#include "ui/i18n/language.h"
#include "ui/import/capture_import_dialog.h"
#include "ui/main_window.h"
#include "ui/settings/dialog_folders.h"
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
    // Texts come with retranslate(), from these source texts.
    const auto named = [this](QAction* action, const char* text, const char* statusTip = nullptr) {
        m_actionTexts.append({action, text, statusTip});
        return action;
    };
    const auto menu = [&](QMenu* parent, const char* title) {
        QMenu* m = parent ? parent->addMenu(QString()) : menuBar()->addMenu(QString());
        named(m->menuAction(), title);
        return m;
    };
    QMenu* file = menu(nullptr, QT_TR_NOOP("&File"));
    applyShortcut(
        named(file->addAction(QString(), this, [this] { newTab(); }), QT_TR_NOOP("&New tab")),
        Shortcut::NewTab);
    QMenu* presets = menu(file, QT_TR_NOOP("New tab from &preset"));
    for (Preset p : allPresets()) {
        m_presetActions.append({presets->addAction(QString(), this, [this, p] { newTab(p); }), p});
    }
    applyShortcut(named(file->addAction(QString(), this, [this] { newLabTab(); }),
                        QT_TR_NOOP("New TCP vs UDP &lab"),
                        QT_TR_NOOP("The same messages over TCP and UDP through an impaired wire "
                                   "between two private hosts")),
                  Shortcut::NewLab);
    file->addSeparator();
    applyShortcut(named(file->addAction(QString(), this, &MainWindow::openWorkspaceDialog),
                        QT_TR_NOOP("&Open workspace…")),
                  Shortcut::OpenWorkspace);
    applyShortcut(named(file->addAction(QString(), this, [this] { saveWorkspaceDialog(false); }),
                        QT_TR_NOOP("&Save workspace")),
                  Shortcut::SaveWorkspace);
    applyShortcut(named(file->addAction(QString(), this, [this] { saveWorkspaceDialog(true); }),
                        QT_TR_NOOP("Save workspace &as…")),
                  Shortcut::SaveWorkspaceAs);
    named(file->addAction(QString(), this,
                          [this] {
                              if (confirmReplaceTabs()) {
                                  // The demo is SockLab's own loopback set-up: it starts.
                                  loadWorkspace(demoWorkspace(freeDemoPorts()), true);
                              }
                          }),
          QT_TR_NOOP("Open &demo workspace"));
    file->addSeparator();
    named(file->addAction(QString(), this, &MainWindow::openCaptureDialog),
          QT_TR_NOOP("Open cap&ture…"),
          QT_TR_NOOP("List the TCP connections and UDP exchanges of a pcap or pcapng file "
                     "(tcpdump, Wireshark, SockLab) and open them read-only"));
    m_exportCapture = named(
        file->addAction(QString(), this, [this] { exportCaptureDialog(currentDocument()); }),
        QT_TR_NOOP("&Export capture…"),
        QT_TR_NOOP("Save this tab's capture as pcapng (Wireshark), a hex dump or a text log"));
    applyShortcut(m_exportCapture, Shortcut::ExportCapture);
    m_cancelExport = named(file->addAction(QString(), this,
                                           [this] {
                                               if (CaptureDocument* doc = currentDocument()) {
                                                   doc->cancelExport();
                                               }
                                           }),
                           QT_TR_NOOP("Cancel e&xport"));
    m_liveSave = named(
        file->addAction(
            QString(), this,
            [this] {
                if (SessionTab* tab = currentTab()) {
                    LiveSaveLink* link = tab->liveSave();
                    // Queued: a tab going down with the window must not call back
                    // into it.
                    connect(link, &LiveSaveLink::changed, this, &MainWindow::updateActions,
                            Qt::ConnectionType(Qt::QueuedConnection | Qt::UniqueConnection));
                    link->toggle();
                }
                updateActions();
            }),
        QT_TR_NOOP("Save contin&uously…"),
        QT_TR_NOOP("Write this tab's capture to a pcapng or text file as it happens, rotating by "
                   "size, so a long session survives a crash"));
    m_liveSave->setCheckable(true);
    // A save that stopped on an error shows unchecked the next time the menu opens.
    connect(file, &QMenu::aboutToShow, this, &MainWindow::updateActions);
    file->addSeparator();
    m_closeTab =
        named(file->addAction(QString(), this, [this] { closeTab(m_tabs->currentIndex()); }),
              QT_TR_NOOP("&Close tab"));
    applyShortcut(m_closeTab, Shortcut::CloseTab);
    applyShortcut(named(file->addAction(QString(), this, &QWidget::close), QT_TR_NOOP("&Quit")),
                  Shortcut::Quit);

    QMenu* edit = menu(nullptr, QT_TR_NOOP("&Edit"));
    applyShortcut(named(edit->addAction(QString(), this, &MainWindow::preferencesDialog),
                        QT_TR_NOOP("&Preferences…"),
                        QT_TR_NOOP("Capture memory limit and what happens beyond it")),
                  Shortcut::Preferences);

    QMenu* session = menu(nullptr, QT_TR_NOOP("&Session"));
    m_toggleSocket = named(session->addAction(QString(), this,
                                              [this] {
                                                  if (SessionTab* tab = currentTab()) {
                                                      if (tab->isOpen()) {
                                                          tab->closeSocket(false);
                                                      } else {
                                                          tab->openSocket();
                                                      }
                                                  }
                                              }),
                           QT_TR_NOOP("&Open / close socket"));
    applyShortcut(m_toggleSocket, Shortcut::ToggleSocket);
    applyShortcut(named(session->addAction(QString(), this, &MainWindow::startAllTabs),
                        QT_TR_NOOP("Start &all tabs"),
                        QT_TR_NOOP("Open the socket of every tab that is not open, in tab "
                                   "order (a loaded workspace starts none by itself)")),
                  Shortcut::StartAllTabs);
    m_clearCapture = named(session->addAction(QString(), this,
                                              [this] {
                                                  if (SessionTab* tab = currentTab()) {
                                                      tab->clearCapture();
                                                      updateActions();
                                                  }
                                              }),
                           QT_TR_NOOP("C&lear capture"),
                           QT_TR_NOOP("Forget this tab's records (the socket must be closed); "
                                      "reopening without clearing continues the capture"));
    applyShortcut(m_clearCapture, Shortcut::ClearCapture);
    m_showCode = named(session->addAction(QString(), this, [this] { showCode(currentTab()); }),
                       QT_TR_NOOP("Show &code…"));
    applyShortcut(m_showCode, Shortcut::ShowCode);
    applyShortcut(named(session->addAction(QString(), this,
                                           [this] {
                                               if (m_tabs->count() > 0) {
                                                   m_tabs->setCurrentIndex(
                                                       (m_tabs->currentIndex() + 1) %
                                                       m_tabs->count());
                                               }
                                           }),
                        QT_TR_NOOP("&Next tab")),
                  Shortcut::NextTab);
    applyShortcut(named(session->addAction(QString(), this,
                                           [this] {
                                               if (m_tabs->count() > 0) {
                                                   m_tabs->setCurrentIndex((m_tabs->currentIndex() +
                                                                            m_tabs->count() - 1) %
                                                                           m_tabs->count());
                                               }
                                           }),
                        QT_TR_NOOP("&Previous tab")),
                  Shortcut::PreviousTab);

    QMenu* help = menu(nullptr, QT_TR_NOOP("&Help"));
    named(help->addAction(QString(), this,
                          [this] {
                              QMessageBox::about(
                                  this, tr("About SockLab"),
                                  tr("<b>SockLab</b> %1<br>A socket workbench: pick socket() "
                                     "arguments, see the kernel's verdict, send and watch every "
                                     "byte.")
                                      .arg(QApplication::applicationVersion()));
                          }),
          QT_TR_NOOP("&About SockLab"));
}

void MainWindow::retranslateMenus() {
    for (const ActionText& t : std::as_const(m_actionTexts)) {
        t.action->setText(tr(t.text));
        if (t.statusTip) {
            t.action->setStatusTip(tr(t.statusTip));
        }
    }
    for (const auto& [action, preset] : std::as_const(m_presetActions)) {
        action->setText(presetName(preset));
    }
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
    showStatus([problem] {
        return problem.isEmpty() ? tr("Preferences saved; they apply to new captures (new tabs, "
                                      "and tabs after Clear capture).")
                                 : problem;
    });
    if (!problem.isEmpty()) {
        QMessageBox::warning(this, tr("Preferences"), problem);
    }
}

void MainWindow::openCaptureDialog() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open capture"), dialogFolder(kCaptureDir),
        tr("Captures (*.pcap *.pcapng *.cap *.dmp);;pcap (*.pcap *.cap);;pcapng (*.pcapng);;All "
           "files (*)"));
    if (!path.isEmpty()) {
        rememberDialogFolder(kCaptureDir, path);
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
        const QString path = dialog->path();
        const QString error = dialog->errorText();
        showStatus([ok, path, error] { return ok ? tr("Listed %1").arg(path) : error; });
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
    const QString dir = dialogFolder(kExportDir);
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
        showStatus([path] { return tr("Exporting to %1…").arg(path); });
        updateActions();
    }
}

} // namespace socklab::ui
