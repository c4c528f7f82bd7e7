#pragma once

#include "core/codegen/socket_code.h"
#include "core/vocab/events.h"
#include "core/workspace/workspace.h"
#include "ui/export/capture_document.h"

#include <QWidget>
#include <optional>

class QGroupBox;
class QPushButton;
class QScrollArea;
class QSplitter;
class QTableView;

namespace socklab::ui {

class Composer;
class MulticastLink;
class MulticastPanel;
class ConnectionList;
class ConnectionModel;
class ErrorBanner;
class HoldQueuePanel;
class LabNetworks;
class LiveSaveLink;
class RelayPanel;
class ResponderPanel;
class SequenceLink;
class SequencePanel;
class SessionFigures;
class SessionHandle;
class SessionRouter;
class SessionStatus;
class SocketForm;
class SocketSummary;
class TrafficPane;
struct SessionControls;

/// One socket session laid out: the form that describes it (a one-line summary while the
/// socket is open), its traffic, the composer, live figures and, for listeners, the accepted
/// connections. Errors of this session are shown here. The tab only wires widgets to its
/// SessionHandle, which builds the engine commands and decodes the session's events; which
/// control applies when is SessionControls' rule.
///
/// The widgets are made when the tab is first shown or first used (any accessor or action
/// below), not when it is constructed: a workspace's tabs behind the selected one cost nothing
/// at start-up. Until then a loaded workspace tab, layout and lab networks are kept aside.
class SessionTab : public QWidget, public CaptureDocument {
    Q_OBJECT
public:
    explicit SessionTab(SessionRouter& router, QWidget* parent = nullptr);
    ~SessionTab() override;

    void setRequest(const OpenSession& request);
    /// Fill the tab from a workspace tab (kept for later when the widgets are not made yet).
    void loadWorkspaceTab(const WorkspaceTab& tab);
    /// Lab wires the form's Network choice offers.
    void setLabNetworks(LabNetworks* networks);
    /// Whether the widgets have been made (first show or first use).
    [[nodiscard]] bool isBuilt() const { return m_built; }
    void setVisible(bool visible) override;
    [[nodiscard]] WorkspaceTab toWorkspaceTab() const;

    /// Ask the engine to open the socket the form describes. False (with the reason in the
    /// banner) when the form is not valid.
    bool openSocket();
    /// Close the session's socket; abortive sends RST.
    void closeSocket(bool abortive = false);
    /// About to close with others (a workspace replaced): showing it no longer makes widgets.
    void prepareClose();
    /// Close and forget the session (tab closing).
    void shutdown();

    /// The session this tab shows; other views may observe it (QPointer) while the tab lives.
    [[nodiscard]] SessionHandle* handle() const { return m_handle; }
    [[nodiscard]] SessionId sessionId() const;
    [[nodiscard]] std::optional<SessionState> state() const;
    [[nodiscard]] bool isOpen() const;
    [[nodiscard]] QString title() const override;
    [[nodiscard]] CodeRequest codeRequest() const;
    /// The error shown in the banner ("" when none).
    [[nodiscard]] QString errorText() const;

    [[nodiscard]] SocketForm* form() const { return built()->m_form; }
    /// The line that stands for the form while the socket is open.
    [[nodiscard]] SocketSummary* summary() const { return built()->m_summary; }
    /// Whether the socket form is shown (false while collapsed to the summary).
    [[nodiscard]] bool isFormShown() const;
    [[nodiscard]] Composer* composer() const { return built()->m_composer; }
    /// Multicast memberships (shown for datagram IP sockets only).
    [[nodiscard]] MulticastPanel* multicastPanel() const { return built()->m_multicast; }
    [[nodiscard]] TrafficPane* trafficPane() const { return built()->m_traffic; }
    [[nodiscard]] SessionStatus* status() const { return built()->m_status; }
    [[nodiscard]] QTableView* connectionView() const;
    [[nodiscard]] ConnectionModel* connectionModel() const;
    [[nodiscard]] ConnectionList* connectionList() const { return built()->m_connectionList; }
    /// Relay settings and figures per direction (shown for relay tabs).
    [[nodiscard]] RelayPanel* relayPanel() const { return built()->relayPanelMade(); }
    /// The relay's hold queue (shown for relay tabs).
    [[nodiscard]] HoldQueuePanel* holdQueue() const { return built()->m_holdQueue; }
    /// Framing and auto-reply rules (shown for the sockets that can have them).
    [[nodiscard]] ResponderPanel* responderPanel() const { return built()->m_responders; }
    /// Scripts of sends and expected replies run against the session.
    [[nodiscard]] SequencePanel* sequencePanel() const { return built()->m_sequences; }

    /// Forget the capture (the next open starts an empty one). Refused while the socket is
    /// open, with the reason in the banner. Reopening without clearing continues the capture.
    bool clearCapture();
    /// The capture of this tab (store is null before the first open).
    [[nodiscard]] CaptureSource captureSource() const override;
    /// Write the capture on a worker thread. Errors appear in this tab's banner; success is
    /// reported by exportFinished. False when an export of this tab is still running.
    bool exportCapture(const QString& path, CaptureFormat format) override;
    [[nodiscard]] bool isExporting() const override;
    /// Stop the running export; its target file is left as it was.
    void cancelExport() override;
    /// Continuous save of the capture (File > Save continuously…), kept in the workspace; made
    /// on first use (a tab that never saves continuously has none).
    [[nodiscard]] LiveSaveLink* liveSave();
    /// The continuous save if there is one (nullptr otherwise).
    [[nodiscard]] const LiveSaveLink* liveSaveIfAny() const { return m_liveSave; }

    /// Splitter layout, for QSettings.
    [[nodiscard]] QByteArray saveLayout() const;
    void restoreLayout(const QByteArray& state);

public slots:
    void showError(const QString& text);
    void clearError();

signals:
    void titleChanged(const QString& title);
    void showCodeRequested();
    /// An export of this tab ended; on failure the message is also in the tab's banner.
    void exportFinished(bool ok, const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Make the widgets now if they are not made yet (then apply what was kept aside).
    void ensureBuilt();
    /// This tab with its widgets made (for the const accessors: making them is not a change
    /// anyone can observe apart from the time it takes).
    [[nodiscard]] SessionTab* built() const {
        const_cast<SessionTab*>(this)->ensureBuilt();
        return const_cast<SessionTab*>(this);
    }
    void buildLayout();
    void applyWorkspaceTab(const WorkspaceTab& tab);
    /// The relay settings and figures, made now if needed (only relays show them).
    RelayPanel* relayPanelMade();
    /// A panel made after the form: its fields follow the form's in the Tab order.
    void placeInTabOrder(QWidget* panel);
    void setRelayConfig(const RelayConfig& config);
    /// Every text the tab sets itself, in the current language (session_tab_text.cpp).
    void retranslate();
    /// The Open/Close button's texts for these controls.
    void updateOpenButton(const SessionControls& c);
    void connectWidgets();
    void connectHandle();
    void connectRelay();
    void connectResponders();
    void onCaptureChanged();
    void onOwnState(SessionState state);
    void onPingReply(const PingResult& reply);
    [[nodiscard]] SessionControls controls() const;
    void updateCompact(bool open);
    void onSend(const QByteArray& bytes, bool urgent, const QString& destination);
    void onFormChanged();
    /// Ask before a different kind of socket replaces a capture holding traffic.
    [[nodiscard]] bool confirmNewCapture();
    void updateControls();
    void updateTitle();
    void onConnectionSelection();
    [[nodiscard]] ConnectionId sendTarget() const;

    SessionHandle* m_handle;

    ErrorBanner* m_banner = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_reset = nullptr;
    QPushButton* m_showCode = nullptr;
    QSplitter* m_mainSplit = nullptr;
    QSplitter* m_rightSplit = nullptr;
    QSplitter* m_sessionSplit = nullptr; ///< connections | traffic (stacked for a relay)
    SocketSummary* m_summary = nullptr;
    QWidget* m_leftPane = nullptr;
    QWidget* m_formScroll = nullptr;
    QScrollArea* m_relayScroll = nullptr;
    RelayPanel* m_relayPanel = nullptr; ///< made for the first relay (relayPanelMade())
    RelayConfig m_relayConfig;          ///< the relay settings given, for the panel
    QWidget* m_respondersBox = nullptr;
    QGroupBox* m_respondersGroup = nullptr;
    QGroupBox* m_sequencesGroup = nullptr;
    QGroupBox* m_composerBox = nullptr;
    ResponderPanel* m_responders = nullptr;
    QWidget* m_sequencesBox = nullptr;
    SequencePanel* m_sequences = nullptr;
    SequenceLink* m_sequenceLink = nullptr;
    QGroupBox* m_holdBox = nullptr;
    HoldQueuePanel* m_holdQueue = nullptr;
    SocketForm* m_form = nullptr;
    ConnectionList* m_connectionList = nullptr;
    TrafficPane* m_traffic = nullptr;
    Composer* m_composer = nullptr;
    QGroupBox* m_multicastBox = nullptr;
    MulticastPanel* m_multicast = nullptr;
    MulticastLink* m_multicastLink = nullptr;
    SessionStatus* m_status = nullptr;
    SessionFigures* m_figures = nullptr;
    CaptureExporter* m_exporter = nullptr;
    LiveSaveLink* m_liveSave = nullptr;
    bool m_built = false;
    bool m_closing = false; ///< prepareClose() or shutdown(): shown only on its way out
    std::optional<WorkspaceTab> m_pendingTab; ///< loaded before the widgets were made
    QByteArray m_pendingLayout;               ///< restored before the widgets were made
    LabNetworks* m_labNetworks = nullptr;
};

} // namespace socklab::ui
