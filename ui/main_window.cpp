#include "ui/main_window.h"

#include "core/workspace/workspace_json.h"
#include "ui/bridge/core_bridge.h"
#include "ui/dialogs/show_code_dialog.h"
#include "ui/import/capture_tab.h"
#include "ui/lab/lab_networks.h"
#include "ui/lab/lab_tab.h"
#include "ui/session/session_router.h"
#include "ui/settings/dialog_folders.h"
#include "ui/shortcuts.h"
#include "ui/startup_gate.h"
#include "ui/tab_bar_accessible.h"
#include "ui/widgets/composer.h"
#include "ui/widgets/session_tab.h"
#include "ui/widgets/socket_form.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <algorithm>
#include <utility>

namespace socklab::ui {

namespace {

constexpr auto kGeometry = "mainWindow/geometry";
constexpr auto kState = "mainWindow/state";
constexpr auto kTabLayout = "sessionTab/layout3"; // connections beside the traffic
constexpr auto kFirstStartDone = "firstStartDone";
constexpr auto kLastDir = "workspace/lastDir";
constexpr int kTabTitleChars = 52;
/// At the latest this long after start-up, afterFirstPaint work runs without a paint.
constexpr int kFirstPaintWaitMs = 1000;

/// Long titles ("TCP client 127.0.0.1:47001 — Connected") would push tabs off the bar: tabs are
/// at most maxWidth wide, and the tab bar elides their titles in the middle, so kind and state
/// stay readable (the tooltip is whole). A cap in the size hint, not a style sheet: a style
/// sheet would put the bar, and every tab's close button, under the slower style sheet style.
class CappedTabBar : public QTabBar {
public:
    CappedTabBar(int maxWidth, QWidget* parent) : QTabBar(parent), m_maxWidth(maxWidth) {}

protected:
    [[nodiscard]] QSize tabSizeHint(int index) const override {
        QSize size = QTabBar::tabSizeHint(index);
        if (shape() == QTabBar::RoundedNorth || shape() == QTabBar::TriangularNorth ||
            shape() == QTabBar::RoundedSouth || shape() == QTabBar::TriangularSouth) {
            size.setWidth(std::min(size.width(), m_maxWidth));
        }
        return size;
    }

private:
    int m_maxWidth;
};

/// The window's tab widget, with a CappedTabBar.
class SessionTabWidget : public QTabWidget {
public:
    explicit SessionTabWidget(QWidget* parent) : QTabWidget(parent) {
        setTabBar(new CappedTabBar(fontMetrics().averageCharWidth() * kTabTitleChars, this));
    }
};

} // namespace

MainWindow::MainWindow(CoreBridge& bridge, QWidget* parent)
    : QMainWindow(parent), m_tabs(new SessionTabWidget(this)), m_plus(new QToolButton(m_tabs)),
      m_router(new SessionRouter(bridge, this)), m_labNetworks(new LabNetworks(this)) {
    TabBarAccessible::install(); // page tabs report which one is selected (Qt 6.4 does not)
    m_tabs->setTabsClosable(true);
    m_tabs->tabBar()->setElideMode(Qt::ElideMiddle); // tabs are capped (CappedTabBar)
    m_tabs->tabBar()->setUsesScrollButtons(false);   // crowded tabs shrink, none leaves the bar
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_plus->setText(QStringLiteral("+"));
    m_plus->setAutoRaise(true);
    m_tabs->setCornerWidget(m_plus, Qt::TopRightCorner);
    setCentralWidget(m_tabs);
    connect(m_plus, &QToolButton::clicked, this, [this] { newTab(); });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
    buildMenus();
    retranslate();
    showStatus([] { return tr("Ready"); });

    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometry).toByteArray())) {
        // 1280x820, or what the screen has room for (a 1280x800 laptop).
        QSize size(1280, 820);
        if (const QScreen* screen = QGuiApplication::primaryScreen()) {
            size = size.boundedTo(screen->availableSize());
        }
        resize(size);
    }
    restoreState(settings.value(kState).toByteArray());
    updateActions();
}

MainWindow::~MainWindow() {
    // Tabs are destroyed after this body: a lab tab unlisting its wire then must not make the
    // socket tabs' forms (and through them this half-destroyed window) react.
    m_labNetworks->blockSignals(true);
    if (!m_afterFirstPaint.empty()) {
        StartupGate::release(); // never shown: nothing waits for its first frame
    }
}

void MainWindow::startup(const QString& workspacePath, bool openSockets) {
    if (isVisible() && !m_painted && StartupGate::isOpen()) {
        // What the first frame does not show is built right after it (StartupGate).
        StartupGate::close();
        afterFirstPaint([] { StartupGate::release(); });
    }
    QSettings settings;
    if (!workspacePath.isEmpty()) {
        if (openWorkspaceFile(workspacePath, openSockets)) {
            return;
        }
    } else if (!settings.value(kFirstStartDone, false).toBool()) {
        settings.setValue(kFirstStartDone, true);
        // The demo starts its sockets, in tab order; that makes the widgets of every tab, so
        // it happens right after the window (with the selected tab) is first on screen.
        loadWorkspace(demoWorkspace(freeDemoPorts()), false);
        QList<QPointer<SessionTab>> demo;
        for (int i = 0; i < m_tabs->count(); ++i) {
            demo.append(tabAt(i));
        }
        afterFirstPaint([this, demo] { startTabs(demo); });
        showStatus([] {
            return tr("Demo workspace: an echo server, a client connected to it and two UDP "
                      "endpoints. Press Send in any tab.");
        });
        return;
    }
    if (m_tabs->count() == 0) {
        newTab();
    }
}

SessionTab* MainWindow::addTab(const WorkspaceTab* load, int index) {
    auto* tab = new SessionTab(*m_router, m_tabs);
    tab->setLabNetworks(m_labNetworks);
    if (load) {
        tab->loadWorkspaceTab(*load); // before its title is asked for
    }
    updateTabText(m_tabs->insertTab(index, tab, tab->title()));
    tab->restoreLayout(QSettings().value(kTabLayout).toByteArray());
    connect(tab, &SessionTab::titleChanged, this, [this, tab] {
        updateTabText(m_tabs->indexOf(tab));
        if (tab == currentTab()) {
            updateActions();
        }
    });
    connect(tab, &SessionTab::showCodeRequested, this, [this, tab] { showCode(tab); });
    connect(tab, &SessionTab::exportFinished, this, [this](bool ok, const QString& message) {
        showStatus([ok, message] { return ok ? message : tr("Export failed: %1").arg(message); });
        updateActions();
    });
    return tab;
}

SessionTab* MainWindow::newTab(std::optional<Preset> preset) {
    SessionTab* tab = addTab();
    tab->setRequest(presetRequest(preset.value_or(Preset::TcpClient)));
    m_tabs->setCurrentWidget(tab);
    tab->form()->setFocus();
    return tab;
}

LabTab* MainWindow::newLabTab() {
    auto* tab = new LabTab(*m_router, m_tabs);
    tab->setLabNetworks(m_labNetworks);
    updateTabText(m_tabs->addTab(tab, tab->title()));
    m_tabs->setCurrentWidget(tab);
    updateActions();
    return tab;
}

CaptureTab* MainWindow::openCaptureConversation(const QString& path,
                                                const CaptureConversation& conversation) {
    auto* tab = new CaptureTab(path, conversation, m_tabs);
    tab->setSessionRouter(m_router); // Replay… opens live sessions
    updateTabText(m_tabs->addTab(tab, tab->title()));
    connect(tab, &CaptureTab::exportRequested, this, [this, tab] { exportCaptureDialog(tab); });
    connect(tab, &CaptureTab::exportFinished, this, [this](bool ok, const QString& message) {
        showStatus([ok, message] { return ok ? message : tr("Export failed: %1").arg(message); });
        updateActions();
    });
    connect(tab, &CaptureTab::importFinished, this, [this, tab](bool ok) {
        const QPointer<CaptureTab> guard(tab);
        showStatus([ok, guard] {
            if (!guard) {
                return QString();
            }
            return ok ? tr("Imported %1").arg(guard->title())
                      : tr("Import failed: %1").arg(guard->errorText());
        });
        updateActions();
    });
    m_tabs->setCurrentWidget(tab);
    tab->start();
    updateActions();
    return tab;
}

void MainWindow::closeTab(int index) {
    if (CaptureTab* capture = captureTabAt(index)) {
        m_tabs->removeTab(index);
        capture->deleteLater(); // its import and export stop with it
        updateActions();
        return;
    }
    if (LabTab* lab = labTabAt(index)) {
        lab->shutdown();
        m_tabs->removeTab(index);
        lab->deleteLater();
        updateActions();
        return;
    }
    auto* tab = qobject_cast<SessionTab*>(m_tabs->widget(index));
    if (!tab) {
        return;
    }
    QSettings().setValue(kTabLayout, tab->saveLayout());
    tab->shutdown();
    m_tabs->removeTab(index);
    tab->deleteLater();
    updateActions();
}

void MainWindow::loadWorkspace(const Workspace& workspace, bool openSockets) {
    // All of them go: a tab shown because its neighbour closed first makes no widgets.
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (SessionTab* tab = tabAt(i)) {
            tab->prepareClose();
        }
    }
    while (m_tabs->count() > 0) {
        closeTab(0);
    }
    // The selected tab goes in first: the first tab added is the one shown, and only a tab
    // shown (or used) makes its widgets. The others go in before and after it, in order.
    const int count = int(workspace.tabs.size());
    const int selected =
        workspace.selectedTab >= 0 && workspace.selectedTab < count ? workspace.selectedTab : 0;
    for (int i = 0; i < count; ++i) {
        const int t = i == 0 ? selected : i <= selected ? i - 1 : i;
        addTab(&workspace.tabs[std::size_t(t)], t < selected ? t : -1);
    }
    if (count > 0) {
        m_tabs->setCurrentIndex(selected);
    }
    // A workspace file may come from anyone: its servers listen only when the user says so.
    if (openSockets) {
        startAllTabs();
    }
    updateActions();
}

void MainWindow::startAllTabs() {
    // In tab order, so a server tab listens before a later client tab connects.
    QList<QPointer<SessionTab>> tabs;
    for (int i = 0; i < m_tabs->count(); ++i) {
        tabs.append(tabAt(i));
    }
    startTabs(tabs);
}

void MainWindow::startTabs(const QList<QPointer<SessionTab>>& tabs) {
    for (const QPointer<SessionTab>& tab : tabs) {
        // Closed since, or replaced by another workspace's (whose sockets stay closed).
        if (tab && m_tabs->indexOf(tab) >= 0 && !tab->isOpen()) {
            tab->openSocket();
        }
    }
    updateActions();
}

void MainWindow::afterFirstPaint(std::function<void()> work) {
    if (m_painted || !isVisible()) {
        work();
        return;
    }
    m_afterFirstPaint.push_back(std::move(work));
    QTimer::singleShot(kFirstPaintWaitMs, this, &MainWindow::runAfterFirstPaint);
}

void MainWindow::runAfterFirstPaint() {
    for (const auto& work : std::exchange(m_afterFirstPaint, {})) {
        work();
    }
}

Workspace MainWindow::workspace() const {
    // Lab tabs are not part of a workspace (their settings are the experiment's), nor are
    // imported captures (the capture file is their document).
    Workspace w;
    int selected = 0;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (SessionTab* tab = tabAt(i)) {
            if (i == m_tabs->currentIndex()) {
                selected = int(w.tabs.size());
            }
            w.tabs.push_back(tab->toWorkspaceTab());
        }
    }
    w.selectedTab = selected;
    return w;
}

bool MainWindow::openWorkspaceFile(const QString& path, bool openSockets) {
    auto loaded = socklab::loadWorkspace(path.toStdString());
    if (!loaded) {
        const QString text = QString::fromStdString(loaded.error().message());
        showStatus([text] { return text; });
        QMessageBox::warning(this, tr("Open workspace"), text);
        return false;
    }
    loadWorkspace(*loaded, openSockets);
    m_workspacePath = path;
    updateWindowTitle();
    if (openSockets || m_tabs->count() == 0) {
        showStatus([path] { return tr("Opened %1").arg(path); });
    } else {
        showStatus([path] {
            const QString keys = shortcutKeys(Shortcut::StartAllTabs)
                                     .constFirst()
                                     .toString(QKeySequence::NativeText);
            return tr("Opened %1. No socket is open yet: press Open socket in a tab, or Session "
                      "> Start all tabs (%2).")
                .arg(path, keys);
        });
    }
    return true;
}

bool MainWindow::saveWorkspaceFile(const QString& path) {
    auto saved = saveWorkspace(workspace(), path.toStdString());
    if (!saved) {
        const QString text = QString::fromStdString(saved.error().message());
        showStatus([text] { return text; });
        QMessageBox::warning(this, tr("Save workspace"), text);
        return false;
    }
    m_workspacePath = path;
    updateWindowTitle();
    showStatus([path] { return tr("Saved %1").arg(path); });
    return true;
}

void MainWindow::openWorkspaceDialog() {
    if (!confirmReplaceTabs()) {
        return;
    }
    // *.socklab (application/x-socklab-workspace) since 0.1; workspaces saved as *.json open too.
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open workspace"), dialogFolder(kLastDir),
                                     tr("SockLab workspace (*.socklab *.json);;All files (*)"));
    if (!path.isEmpty()) {
        rememberDialogFolder(kLastDir, path);
        openWorkspaceFile(path);
    }
}

void MainWindow::saveWorkspaceDialog(bool askPath) {
    QString path = m_workspacePath;
    if (askPath || path.isEmpty()) {
        // New workspaces are *.socklab (the dialog adds the suffix to a bare name, and asks
        // before replacing that file); one opened as *.json keeps its name unless changed.
        const QString initial =
            path.isEmpty() ? dialogPath(kLastDir, QStringLiteral("workspace.socklab")) : path;
        QFileDialog dialog(this, tr("Save workspace"), initial,
                           tr("SockLab workspace (*.socklab *.json)"));
        dialog.setAcceptMode(QFileDialog::AcceptSave);
        dialog.setDefaultSuffix(QStringLiteral("socklab"));
        if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) {
            return;
        }
        path = dialog.selectedFiles().constFirst();
        rememberDialogFolder(kLastDir, path);
    }
    saveWorkspaceFile(path);
}

void MainWindow::showCode(SessionTab* tab) {
    if (!tab) {
        return;
    }
    CodeRequest request = tab->codeRequest();
    auto bytes = tab->composer()->currentBytes();
    const ByteVector payload = bytes ? *bytes : ByteVector{};
    request.payload = payload;
    // Non-modal: the code is for reading next to the tab, no decision is needed. One dialog
    // per tab, brought to the front when asked for again.
    // Entries of closed dialogs (and of closed tabs, whose dialog closes with them) are null.
    m_codeDialogs.removeIf([](const auto& entry) { return entry.value().isNull(); });
    QPointer<ShowCodeDialog>& dialog = m_codeDialogs[tab];
    if (dialog) {
        dialog->raise();
        dialog->activateWindow();
        return;
    }
    dialog = new ShowCodeDialog(request, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(tab, &QObject::destroyed, dialog.data(), &QWidget::close);
    dialog->show();
}

ShowCodeDialog* MainWindow::codeDialog(SessionTab* tab) const {
    return m_codeDialogs.value(tab);
}

int MainWindow::tabCount() const {
    return m_tabs->count();
}

SessionTab* MainWindow::tabAt(int index) const {
    return qobject_cast<SessionTab*>(m_tabs->widget(index));
}

SessionTab* MainWindow::currentTab() const {
    return qobject_cast<SessionTab*>(m_tabs->currentWidget());
}

LabTab* MainWindow::labTabAt(int index) const {
    return qobject_cast<LabTab*>(m_tabs->widget(index));
}

CaptureTab* MainWindow::captureTabAt(int index) const {
    return qobject_cast<CaptureTab*>(m_tabs->widget(index));
}

CaptureDocument* MainWindow::currentDocument() const {
    if (SessionTab* tab = currentTab()) {
        return tab;
    }
    return qobject_cast<CaptureTab*>(m_tabs->currentWidget());
}

void MainWindow::saveSettings() {
    QSettings settings;
    settings.setValue(kGeometry, saveGeometry());
    settings.setValue(kState, saveState());
    if (SessionTab* tab = currentTab()) {
        settings.setValue(kTabLayout, tab->saveLayout());
    }
}

void MainWindow::updateWindowTitle() {
    setWindowTitle(m_workspacePath.isEmpty() ? tr("SockLab")
                                             : tr("SockLab — %1").arg(m_workspacePath));
}

void MainWindow::updateTabText(int index) {
    QWidget* page = m_tabs->widget(index);
    QString title;
    QString tip;
    if (SessionTab* tab = tabAt(index)) {
        title = tip = tab->title();
    } else if (LabTab* lab = labTabAt(index)) {
        title = tip = lab->title();
    } else if (CaptureTab* capture = captureTabAt(index)) {
        title = capture->title();
        tip = tr("%1 (%2)").arg(title, capture->path());
    }
    if (page) {
        m_tabs->setTabText(index, title);
        m_tabs->setTabToolTip(index, tip);
    }
}

void MainWindow::showStatus(std::function<QString()> text) {
    m_status = std::move(text);
    m_statusShown = m_status();
    statusBar()->showMessage(m_statusShown);
}

void MainWindow::retranslate() {
    updateWindowTitle();
    m_tabs->setAccessibleName(tr("Sessions"));
    m_plus->setToolTip(tr("New tab (Ctrl+T)"));
    m_plus->setAccessibleName(tr("New tab"));
    retranslateMenus();
    retranslateShortcutActions(this); // the tabs' (find, copy, send…)
    // Still shown (not replaced by a tab's message or a status tip): shown again, translated.
    if (m_status && statusBar()->currentMessage() == m_statusShown) {
        showStatus(m_status);
    }
}

void MainWindow::changeEvent(QEvent* event) {
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        // The tabs get the event after this window: their titles once they are retranslated.
        QMetaObject::invokeMethod(
            this,
            [this] {
                for (int i = 0; i < m_tabs->count(); ++i) {
                    updateTabText(i);
                }
            },
            Qt::QueuedConnection);
    }
}

bool MainWindow::event(QEvent* event) {
    if (event->type() == QEvent::Paint && !m_painted) {
        m_painted = true;
        if (!m_afterFirstPaint.empty()) {
            // After this paint (the whole window's) has been done and shown.
            QTimer::singleShot(0, this, &MainWindow::runAfterFirstPaint);
        }
    }
    return QMainWindow::event(event);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    m_afterFirstPaint.clear(); // a demo not started yet stays closed
    StartupGate::release();    // its queue was in there
    saveSettings();
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (SessionTab* tab = tabAt(i)) {
            tab->shutdown();
        } else if (LabTab* lab = labTabAt(i)) {
            lab->shutdown();
        }
    }
    event->accept();
}

} // namespace socklab::ui
