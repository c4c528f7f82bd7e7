#pragma once

#include "core/lab/lab_conductor.h"

#include <QPointer>
#include <QWidget>
#include <functional>
#include <optional>

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
class LabNetworks;
class LadderView;
class LabTimelineView;
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
    /// List this tab's wire, while it is up, among the window's lab networks (socket tabs can
    /// then make their sockets in its hosts).
    void setLabNetworks(LabNetworks* networks);
    [[nodiscard]] LabSettingsPanel* settingsPanel() const { return m_settings; }
    [[nodiscard]] LabResultModel* resultModel() const { return m_results; }
    [[nodiscard]] LabMessagesModel* messagesModel() const { return m_messages; }
    [[nodiscard]] LabLanesView* lanes() const { return m_lanes; }
    [[nodiscard]] WirePacketModel* packetModel() const { return m_packets; }
    [[nodiscard]] LadderView* ladder() const { return m_ladder; }
    [[nodiscard]] LabTimelineView* timelineView() const { return m_timeline; }
    /// Write the ladder as PNG or SVG (by the suffix); the error text, or "" on success.
    QString exportLadder(const QString& path);
    /// Write the wire's packets as pcapng (raw IP, fates as comments); the error text or "".
    QString exportWirePcapng(const QString& path);
    /// Write TCP over time as CSV (formatLabTimelineCsv); the error text or "".
    QString exportTimelineCsv(const QString& path);
    /// Write each lab socket's own capture (what its socket sent and received) as pcapng into
    /// directory dir, one file per socket (tcp-client.pcapng...); the error text or "".
    QString exportSocketCaptures(const QString& dir);
    /// The line saying what the run is doing or did ("Done: ...").
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] QString noticeText() const;

signals:
    void titleChanged(const QString& title);

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the tab sets itself, in the current language (lab_tab_text.cpp).
    void retranslate();
    /// The ladder's host titles ("A 192.0.2.1"), in the current language.
    void showHostTitles();
    /// Shows text() as the status, and again in the new language after a language change.
    void showStatus(std::function<QString()> text);
    /// The status line after a run.
    [[nodiscard]] static QString outcomeText(const LabOutcome& outcome);
    void showPhase(socklab::LabConductor::Phase phase);
    void showOutcome(const LabOutcome& outcome);
    /// The figures, lanes and message fates of an outcome (final or live).
    void showReports(const LabOutcome& outcome);
    void showFailure(const QString& text);
    void refreshLive();
    void showPacketBytes(quint64 recordSeq);
    QWidget* buildPacketsPage();
    QWidget* buildLadderPage();
    QWidget* buildTimelinePage();
    void exportTimelineDialog();
    void exportSocketsDialog();
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
    QLabel* m_packetsHint = nullptr;
    QPushButton* m_saveWire = nullptr;
    QPushButton* m_saveSockets = nullptr;
    QComboBox* m_ladderMode = nullptr;
    QCheckBox* m_follow = nullptr;
    QPushButton* m_saveLadder = nullptr;
    QLabel* m_ladderLabel = nullptr;
    QLabel* m_timelineHint = nullptr;
    QPushButton* m_saveCsv = nullptr;
    QLabel* m_readout = nullptr;
    std::function<QString()> m_statusText;
    std::optional<bool> m_v6; ///< the last run's addresses (IPv6 or not), for the ladder
    LabTimelineView* m_timeline;
    QTimer* m_live;
    QPointer<LabNetworks> m_networks;
    socklab::SessionId m_listedWire = 0;
};

} // namespace socklab::ui
