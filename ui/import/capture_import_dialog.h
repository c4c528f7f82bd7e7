#pragma once

#include "core/pcapimport/capture_import.h"

#include <QDialog>
#include <vector>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace socklab::ui {

class BackgroundTask;
class ConversationModel;
class ErrorBanner;

/// File > Open capture: the conversations of one capture file, listed on a worker thread
/// (progress and Cancel while it reads), to pick the ones to open in read-only tabs. Errors
/// (not a capture, truncated, unsupported link type) are shown in the dialog with core's words.
/// Open (Enter, double-click) emits openRequested() for the selected rows.
class CaptureImportDialog : public QDialog {
    Q_OBJECT
public:
    explicit CaptureImportDialog(QString path, QWidget* parent = nullptr);
    ~CaptureImportDialog() override;

    /// Read the file (on a worker thread); listed() or the error banner follows.
    void start();
    [[nodiscard]] bool isReading() const;
    [[nodiscard]] const QString& path() const { return m_path; }
    /// The conversations of the selected rows, in file order.
    [[nodiscard]] std::vector<CaptureConversation> selectedConversations() const;
    /// The error shown ("" when none).
    [[nodiscard]] QString errorText() const;

    [[nodiscard]] ConversationModel* model() const { return m_model; }
    [[nodiscard]] QTableView* view() const { return m_view; }
    [[nodiscard]] QPushButton* openButton() const { return m_open; }

signals:
    /// The file has been read (ok) or could not be (the banner says why).
    void listed(bool ok);
    /// The user asked to open selectedConversations() of path().
    void openRequested();

private:
    void onListed(Result<CaptureSummary> summary);
    void onOpen();
    void updateButtons();
    void setSummary(const QString& text);

    QString m_path;
    BackgroundTask* m_task;
    ConversationModel* m_model;
    ErrorBanner* m_banner;
    QLabel* m_summary;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QTableView* m_view;
    QLabel* m_skipped;
    QDialogButtonBox* m_buttons;
    QPushButton* m_open;
};

} // namespace socklab::ui
