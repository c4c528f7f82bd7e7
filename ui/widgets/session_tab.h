#pragma once

#include "core/codegen/socket_code.h"
#include "core/vocab/events.h"
#include "core/workspace/workspace.h"
#include "ui/export/capture_document.h"

#include <QWidget>
#include <optional>

class QGroupBox;
class QPushButton;
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
class SessionTab : public QWidget, public CaptureDocument {
    Q_OBJECT
public:
    explicit SessionTab(SessionRouter& router, QWidget* parent = nullptr);
    ~SessionTab() override;

    void setRequest(const OpenSession& request);
    void loadWorkspaceTab(const WorkspaceTab& tab);
    [[nodiscard]] WorkspaceTab toWorkspaceTab() const;

    /// Ask the engine to open the socket the form describes. False (with the reason in the
    /// banner) when the form is not valid.
    bool openSocket();
    /// Close the session's socket; abortive sends RST.
    void closeSocket(bool abortive = false);
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

    [[nodiscard]] SocketForm* form() const { return m_form; }
    /// The line that stands for the form while the socket is open.
    [[nodiscard]] SocketSummary* summary() const { return m_summary; }
    /// Whether the socket form is shown (false while collapsed to the summary).
    [[nodiscard]] bool isFormShown() const;
    [[nodiscard]] Composer* composer() const { return m_composer; }
    /// Multicast memberships (shown for datagram IP sockets only).
    [[nodiscard]] MulticastPanel* multicastPanel() const { return m_multicast; }
    [[nodiscard]] TrafficPane* trafficPane() const { return m_traffic; }
    [[nodiscard]] SessionStatus* status() const { return m_status; }
    [[nodiscard]] QTableView* connectionView() const;
    [[nodiscard]] ConnectionModel* connectionModel() const;
    [[nodiscard]] ConnectionList* connectionList() const { return m_connectionList; }
    /// Relay settings and figures per direction (shown for relay tabs).
    [[nodiscard]] RelayPanel* relayPanel() const { return m_relayPanel; }
    /// The relay's hold queue (shown for relay tabs).
    [[nodiscard]] HoldQueuePanel* holdQueue() const { return m_holdQueue; }
    /// Framing and auto-reply rules (shown for the sockets that can have them).
    [[nodiscard]] ResponderPanel* responderPanel() const { return m_responders; }
    /// Scripts of sends and expected replies run against the session.
    [[nodiscard]] SequencePanel* sequencePanel() const { return m_sequences; }

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
    void buildLayout();
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

    ErrorBanner* m_banner;
    QPushButton* m_open;
    QPushButton* m_reset;
    QPushButton* m_showCode;
    QSplitter* m_mainSplit;
    QSplitter* m_rightSplit;
    QSplitter* m_sessionSplit; ///< connections | traffic (stacked for a relay)
    SocketSummary* m_summary;
    QWidget* m_leftPane;
    QWidget* m_formScroll;
    QWidget* m_relayScroll;
    RelayPanel* m_relayPanel;
    QWidget* m_respondersBox;
    QGroupBox* m_respondersGroup;
    QGroupBox* m_sequencesGroup;
    QGroupBox* m_composerBox;
    ResponderPanel* m_responders;
    QWidget* m_sequencesBox;
    SequencePanel* m_sequences;
    SequenceLink* m_sequenceLink = nullptr;
    QGroupBox* m_holdBox;
    HoldQueuePanel* m_holdQueue;
    SocketForm* m_form;
    ConnectionList* m_connectionList;
    TrafficPane* m_traffic;
    Composer* m_composer;
    QGroupBox* m_multicastBox;
    MulticastPanel* m_multicast;
    MulticastLink* m_multicastLink = nullptr;
    SessionStatus* m_status;
    SessionFigures* m_figures;
    CaptureExporter* m_exporter;
    LiveSaveLink* m_liveSave = nullptr;
};

} // namespace socklab::ui
