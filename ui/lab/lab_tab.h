#pragma once

#include "core/lab/lab_conductor.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTimer;
class QTableView;
class QTabWidget;

namespace socklab::ui {

class ErrorBanner;
class LabController;
class LadderView;
class WirePacketModel;
class LabLanesView;
class LabMessagesModel;
class LabResultModel;
class LabSettingsPanel;
class SessionRouter;
struct LabOutcome;

/// The "TCP vs UDP lab" tab: settings on the left (schedule, the wire per direction, sockets),
/// Run / Stop, and the outcome: the side-by-side figures, the lanes (writes and reads on a time
/// axis), and every message's fate. Composes; the work is in LabController and the views.
class LabTab : public QWidget {
    Q_OBJECT
public:
    explicit LabTab(SessionRouter& router, QWidget* parent = nullptr);
    ~LabTab() override;

    [[nodiscard]] QString title() const;
    /// Start a run with the settings in the form; false (reason in the banner) when a field
    /// does not parse.
    bool run();
    void stop();
    /// Close every lab socket (tab closing).
    void shutdown();

    [[nodiscard]] LabController* controller() const { return m_controller; }
    [[nodiscard]] LabSettingsPanel* settingsPanel() const { return m_settings; }
    [[nodiscard]] LabResultModel* resultModel() const { return m_results; }
    [[nodiscard]] LabMessagesModel* messagesModel() const { return m_messages; }
    [[nodiscard]] LabLanesView* lanes() const { return m_lanes; }
    [[nodiscard]] WirePacketModel* packetModel() const { return m_packets; }
    [[nodiscard]] LadderView* ladder() const { return m_ladder; }
    /// Write the ladder as PNG or SVG (by the suffix); the error text, or "" on success.
    QString exportLadder(const QString& path);
    /// Write the wire's packets as pcapng (raw IP, fates as comments); the error text or "".
    QString exportWirePcapng(const QString& path);
    /// The line saying what the run is doing or did ("Done: ...").
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] QString noticeText() const;

signals:
    void titleChanged(const QString& title);

private:
    void setStatus(const QString& text);
    void showPhase(socklab::LabConductor::Phase phase);
    void showOutcome(const LabOutcome& outcome);
    /// The figures, lanes and message fates of an outcome (final or live).
    void showReports(const LabOutcome& outcome);
    void showFailure(const QString& text);
    void refreshLive();
    void showPacketBytes(quint64 recordSeq);
    QWidget* buildPacketsPage();
    QWidget* buildLadderPage();
    void exportLadderDialog();
    void exportWireDialog();

    LabController* m_controller;
    LabSettingsPanel* m_settings;
    QPushButton* m_run;
    QPushButton* m_stop;
    QLabel* m_status;
    ErrorBanner* m_banner;
    LabResultModel* m_results;
    QTableView* m_resultView;
    LabLanesView* m_lanes;
    LabMessagesModel* m_messages;
    QTableView* m_messageView;
    QTabWidget* m_details;
    WirePacketModel* m_packets;
    QTableView* m_packetView;
    QPlainTextEdit* m_packetBytes;
    LadderView* m_ladder;
    QTimer* m_live;
};

} // namespace socklab::ui
