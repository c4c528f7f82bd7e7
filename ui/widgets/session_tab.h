#pragma once

#include "core/codegen/socket_code.h"
#include "core/vocab/commands.h"
#include "core/vocab/events.h"
#include "core/workspace/workspace.h"
#include "ui/export/capture_export.h"

#include <QWidget>
#include <optional>

class QCheckBox;
class QElapsedTimer;
class QGroupBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTableView;
class QTimer;
class QToolButton;

namespace socklab::ui {

class Composer;
class ConnectionModel;
class CoreBridge;
class SessionStatus;
class SocketForm;
class TrafficPane;

/// One socket session: the form that describes it, its traffic, the composer, live figures and,
/// for listeners, the accepted connections. Errors of this session are shown here.
class SessionTab : public QWidget {
    Q_OBJECT
public:
    explicit SessionTab(CoreBridge& bridge, QWidget* parent = nullptr);
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

    [[nodiscard]] SessionId sessionId() const { return m_session; }
    [[nodiscard]] std::optional<SessionState> state() const { return m_state; }
    [[nodiscard]] bool isOpen() const;
    [[nodiscard]] QString title() const;
    [[nodiscard]] CodeRequest codeRequest() const;
    /// The error shown in the banner ("" when none).
    [[nodiscard]] QString errorText() const;

    [[nodiscard]] SocketForm* form() const { return m_form; }
    [[nodiscard]] Composer* composer() const { return m_composer; }
    [[nodiscard]] TrafficPane* trafficPane() const { return m_traffic; }
    [[nodiscard]] SessionStatus* status() const { return m_status; }
    [[nodiscard]] QTableView* connectionView() const { return m_connectionView; }
    [[nodiscard]] ConnectionModel* connectionModel() const { return m_connections; }

    /// Forget the capture (the next open starts an empty one). Refused while the socket is
    /// open, with the reason in the banner. Reopening without clearing continues the capture.
    bool clearCapture();
    /// The capture of this tab (store is null before the first open).
    [[nodiscard]] CaptureSource captureSource() const;
    /// Write the capture on a worker thread. Errors appear in this tab's banner; success is
    /// reported by exportFinished. False when an export of this tab is still running.
    bool exportCapture(const QString& path, CaptureFormat format);
    [[nodiscard]] bool isExporting() const;
    /// Stop the running export; its target file is left as it was.
    void cancelExport();

    /// Splitter layout, for QSettings.
    [[nodiscard]] QByteArray saveLayout() const;
    void restoreLayout(const QByteArray& state);

public slots:
    void handleEvent(const socklab::EngineEvent& event);
    void showError(const QString& text);
    void clearError();

signals:
    void titleChanged(const QString& title);
    void showCodeRequested();
    /// An export of this tab ended; on failure the message is also in the tab's banner.
    void exportFinished(bool ok, const QString& message);

private:
    void onSend(const QByteArray& bytes, bool urgent, const QString& destination);
    void onFormChanged();
    /// Ask before a different kind of socket replaces a capture holding traffic.
    [[nodiscard]] bool confirmNewCapture();
    void updateControls();
    void updateTitle();
    void tick();
    void queryTcpInfo();
    void onConnectionSelection();
    [[nodiscard]] ConnectionId sendTarget() const;
    [[nodiscard]] std::optional<ConnectionId> selectedConnection() const;
    [[nodiscard]] bool isListener() const;

    CoreBridge& m_bridge;
    SessionId m_session = 0;
    OpenSession m_opened; ///< what was last opened (the form may change after)
    std::optional<SessionState> m_state;
    QString m_local;
    QString m_peer;
    std::shared_ptr<const TrafficStore> m_store;

    QLabel* m_banner;
    QToolButton* m_bannerClose;
    QWidget* m_bannerBox;
    QPushButton* m_open;
    QPushButton* m_reset;
    QPushButton* m_showCode;
    QSplitter* m_mainSplit;
    QSplitter* m_rightSplit;
    SocketForm* m_form;
    QGroupBox* m_connectionBox;
    QTableView* m_connectionView;
    ConnectionModel* m_connections;
    QCheckBox* m_allConnections;
    QPushButton* m_closeConnection;
    QPushButton* m_resetConnection;
    TrafficPane* m_traffic;
    Composer* m_composer;
    SessionStatus* m_status;
    QTimer* m_ticker;
    QTimer* m_tcpTimer;
    std::unique_ptr<QElapsedTimer> m_sinceTick;
    CaptureExporter* m_exporter;
};

} // namespace socklab::ui
