#pragma once

#include "core/pcapimport/capture_import.h"
#include "ui/dialogs/replay_dialog.h"
#include "ui/export/capture_document.h"

#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;

namespace socklab::ui {

class BackgroundTask;
class CaptureExporter;
class ErrorBanner;
class ReplayPanel;
class SessionRouter;
class TrafficPane;

/// One conversation of a capture file, read-only: its summary line (file, conversation,
/// client -> server, notes), the traffic views of a socket tab (log, hex, text, find, copy)
/// over the imported store, and Export. No socket controls. The store is the client's view
/// (Out = client -> server). The import runs on a worker thread (progress, Cancel); the views
/// get the store when it is complete. Not part of workspaces.
/// Replay… plays one side of the conversation against a live peer (ReplayDialog, then a
/// ReplayPanel beside the recorded traffic: the live traffic, progress and the comparison).
class CaptureTab : public QWidget, public CaptureDocument {
    Q_OBJECT
public:
    CaptureTab(QString path, CaptureConversation conversation, QWidget* parent = nullptr);
    ~CaptureTab() override;

    /// Import the conversation (worker thread); importFinished() follows.
    void start();
    [[nodiscard]] bool isImporting() const;
    /// Stop the import; the tab then says it was cancelled and shows nothing.
    void cancelImport();

    /// "capture.pcap #2 TCP 127.0.0.1:5000 -> 127.0.0.1:7000"
    [[nodiscard]] QString title() const override;
    [[nodiscard]] const QString& path() const { return m_path; }
    [[nodiscard]] const CaptureConversation& conversation() const { return m_conversation; }
    /// The error shown in the banner ("" when none).
    [[nodiscard]] QString errorText() const;

    /// The imported store (null until the import is done), as File > Export capture writes it.
    [[nodiscard]] CaptureSource captureSource() const override;
    bool exportCapture(const QString& path, CaptureFormat format) override;
    [[nodiscard]] bool isExporting() const override;
    void cancelExport() override;

    [[nodiscard]] TrafficPane* trafficPane() const { return m_traffic; }
    [[nodiscard]] QLabel* summaryLabel() const { return m_summary; }

    /// Where replays open their sessions; without one, Replay… stays disabled.
    void setSessionRouter(SessionRouter* router);
    /// Replay…: ask how (ReplayDialog, opened window-modal), then start.
    void openReplayDialog();
    /// Start a replay now (the banner shows why not); the replay panel appears.
    bool startReplay(const ReplayRequest& request);
    /// The live side of the last replay (null before the first).
    [[nodiscard]] ReplayPanel* replayPanel() const { return m_replay; }

signals:
    void importFinished(bool ok);
    /// The Export button: the main window asks where (as File > Export capture does).
    void exportRequested();
    void exportFinished(bool ok, const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the widget sets itself, in the current language.
    void retranslate();

    void onImported(Result<CaptureConversation> result, std::shared_ptr<TrafficStore> store);
    void updateSummary();
    void updateReplayButton();
    /// Shows text() in the status line, and again in the new language after a language change.
    void showStatus(std::function<QString()> text);

    QString m_path;
    CaptureConversation m_conversation;
    std::shared_ptr<const TrafficStore> m_store;
    BackgroundTask* m_task;
    CaptureExporter* m_exporter;
    ErrorBanner* m_banner;
    QLabel* m_summary;
    QPushButton* m_export;
    QPushButton* m_replayButton;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QSplitter* m_split;
    QWidget* m_recorded;
    QLabel* m_recordedHeader;
    std::function<QString()> m_statusText; ///< what the status line says, in any language
    TrafficPane* m_traffic;
    QLabel* m_status;
    SessionRouter* m_router = nullptr;
    ReplayPanel* m_replay = nullptr;
    std::optional<ReplayRequest> m_lastReplay;
};

} // namespace socklab::ui
