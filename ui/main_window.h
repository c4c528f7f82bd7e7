#pragma once

#include "core/pcapimport/capture_import.h"
#include "core/workspace/workspace.h"
#include "ui/widgets/presets.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <functional>
#include <optional>
#include <vector>

class QAction;
class QMenu;
class QTabWidget;
class QToolButton;

namespace socklab::ui {

class CaptureDocument;
class CaptureImportDialog;
class CaptureTab;
class CoreBridge;
class LabNetworks;
class LabTab;
class SessionRouter;
class SessionTab;
class ShowCodeDialog;

/// Tabs of sessions (and of labs and imported captures) plus the actions around them
/// (new/close tab, workspaces, show code).
/// Composition only: each SessionTab does its own work. Menus and the preferences / export
/// actions live in main_window_menus.cpp.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(CoreBridge& bridge, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// What to show first: the workspace given on the command line, else the demo workspace on
    /// the very first start, else one new TCP client tab. A workspace's sockets are opened only
    /// with openSockets (the --open-sockets flag); the demo's always are, in tab order, right
    /// after the window's first paint (afterFirstPaint()).
    void startup(const QString& workspacePath, bool openSockets = false);

    /// New tab filled from a preset (TCP client when none); not opened yet.
    SessionTab* newTab(std::optional<Preset> preset = std::nullopt);
    /// A new "TCP vs UDP lab" tab, selected.
    LabTab* newLabTab();
    /// File > Open capture without the file dialog: the conversation list of a pcap/pcapng
    /// file (read on a worker thread), whose Open adds a read-only tab per chosen conversation.
    CaptureImportDialog* openCaptureFile(const QString& path);
    /// A new read-only tab for one conversation of a capture file (imported on a worker
    /// thread), selected.
    CaptureTab* openCaptureConversation(const QString& path,
                                        const socklab::CaptureConversation& conversation);
    /// Replace the tabs with a workspace's. Their sockets stay closed (each tab shows its Open
    /// socket button; Session > Start all tabs opens them) unless openSockets: then they are
    /// opened in tab order, as for the demo and --open-sockets.
    void loadWorkspace(const Workspace& workspace, bool openSockets = false);
    bool openWorkspaceFile(const QString& path, bool openSockets = false);
    /// Open the socket of every session tab that is not open, in tab order.
    void startAllTabs();
    bool saveWorkspaceFile(const QString& path);
    [[nodiscard]] Workspace workspace() const;
    void closeTab(int index);

    [[nodiscard]] int tabCount() const;
    /// The session tab at index; nullptr for other tabs (a lab tab).
    [[nodiscard]] SessionTab* tabAt(int index) const;
    [[nodiscard]] SessionTab* currentTab() const;
    [[nodiscard]] LabTab* labTabAt(int index) const;
    [[nodiscard]] CaptureTab* captureTabAt(int index) const;
    [[nodiscard]] QTabWidget* tabs() const { return m_tabs; }
    /// Routes engine events to the tabs' (and any other view's) session handles.
    [[nodiscard]] SessionRouter* router() const { return m_router; }
    /// The open Show code dialog of a tab, if any.
    [[nodiscard]] ShowCodeDialog* codeDialog(SessionTab* tab) const;
    /// Run work once the window has been painted for the first time (at once when it is not
    /// shown, or was painted already; at the latest after a short wait, for a window shown
    /// minimized): start-up work the first frame need not wait for.
    void afterFirstPaint(std::function<void()> work);

protected:
    bool event(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    /// An action (or a menu's) whose texts are the source texts given, translated again on
    /// every language change.
    struct ActionText {
        QAction* action;
        const char* text;
        const char* statusTip = nullptr;
    };

    void buildMenus();
    /// Every text the window sets itself, in the current language (tabs retranslate their own).
    void retranslate();
    void retranslateMenus();
    void updateWindowTitle();
    /// The tab bar's title and tooltip of the tab at index, from the tab.
    void updateTabText(int index);
    /// Shows text() in the status bar; a language change shows it again in the new language
    /// while it is still there.
    void showStatus(std::function<QString()> text);
    /// A new session tab at index (-1: last), filled from load if given.
    SessionTab* addTab(const WorkspaceTab* load = nullptr, int index = -1);
    /// Open the socket of each of these tabs still here and not open, in this order.
    void startTabs(const QList<QPointer<SessionTab>>& tabs);
    void runAfterFirstPaint();
    void showCode(SessionTab* tab);
    void openWorkspaceDialog();
    void openCaptureDialog();
    /// The current tab when it has a capture to export (a socket tab or a capture tab).
    [[nodiscard]] CaptureDocument* currentDocument() const;
    void saveWorkspaceDialog(bool askPath);
    void updateActions();
    void preferencesDialog();
    /// True when no tab holds captured traffic, or the user agrees to discard it.
    [[nodiscard]] bool confirmReplaceTabs();
    void exportCaptureDialog(CaptureDocument* tab);
    void saveSettings();

    QTabWidget* m_tabs;
    QToolButton* m_plus;
    SessionRouter* m_router;    ///< handles survive it in either destruction order (QPointer)
    LabNetworks* m_labNetworks; ///< lab tabs' wires, offered by socket tabs' Network choice
    QString m_workspacePath;
    QAction* m_toggleSocket = nullptr;
    QAction* m_showCode = nullptr;
    QAction* m_closeTab = nullptr;
    QAction* m_exportCapture = nullptr;
    QAction* m_clearCapture = nullptr;
    QAction* m_cancelExport = nullptr;
    QAction* m_liveSave = nullptr; ///< File > Save continuously… (checked: the tab saves)
    QHash<SessionTab*, QPointer<ShowCodeDialog>> m_codeDialogs;
    QList<ActionText> m_actionTexts;
    QList<QPair<QAction*, Preset>> m_presetActions;
    std::function<QString()> m_status; ///< what the status bar shows, in any language
    QString m_statusShown;             ///< ... as last shown
    bool m_painted = false;            ///< the window has been painted once
    std::vector<std::function<void()>> m_afterFirstPaint;
};

} // namespace socklab::ui
