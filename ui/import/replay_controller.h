#pragma once

#include "core/play/replay_player.h"
#include "core/vocab/events.h"
#include "ui/dialogs/replay_dialog.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>
#include <optional>

namespace socklab::ui {

class SessionHandle;
class SessionRouter;

/// Runs a replay of a capture conversation in the GUI: core's ReplayPlayer does the work (the
/// same one `socklab-cli replay` uses); this opens the live session through a SessionHandle of
/// its own (a new one per run, so each run has a fresh capture), feeds the player the
/// session's new records, states and a timer, posts its commands through the handle, and
/// reports progress and the comparison as text.
class ReplayController : public QObject {
    Q_OBJECT
public:
    explicit ReplayController(SessionRouter& router, QObject* parent = nullptr);
    ~ReplayController() override;

    /// Start a replay of `recorded` (the imported store of `conversation`), stopping one that
    /// runs. False (errorText() says why) when the script or the address is refused.
    bool start(const socklab::TrafficStore& recorded,
               const socklab::CaptureConversation& conversation, const ReplayRequest& request);
    /// Stop by the user: no more steps, the session is closed, the comparison is final.
    void stop();
    /// The language changed: the status is said again (statusChanged) in the new language.
    void retranslate();

    [[nodiscard]] bool running() const { return m_player && !m_player->done(); }
    [[nodiscard]] bool hasRun() const { return m_player.has_value(); }
    [[nodiscard]] SessionHandle* handle() const;
    [[nodiscard]] std::shared_ptr<const socklab::TrafficStore> liveStore() const;
    [[nodiscard]] QString errorText() const { return m_error; }
    /// "Connecting…", "Step 2 of 4: waiting for the server (3 of 8 bytes)", then the summary.
    [[nodiscard]] QString statusText() const { return m_status; }
    /// Core's full report and notes (English), one per line, for a tooltip.
    [[nodiscard]] QString reportText() const;
    [[nodiscard]] std::optional<socklab::ReplayComparison> comparison() const;

    /// The comparison as a translated sentence.
    [[nodiscard]] static QString summaryText(const socklab::ReplayComparison& c,
                                             socklab::ReplaySide side);
    /// "3 byte(s)", "1 message(s)", "2 datagram(s)" (translated, plural forms, 64-bit counts
    /// as the locale writes them).
    [[nodiscard]] static QString bytesText(std::uint64_t n);
    [[nodiscard]] static QString messagesText(std::uint64_t n);
    [[nodiscard]] static QString datagramsText(std::uint64_t n);

signals:
    /// A new run opened its session: the live store to show.
    void liveStoreChanged(std::shared_ptr<const socklab::TrafficStore> store);
    void statusChanged(const QString& text);
    /// The run ended (done, stopped, or the socket failed); identical as the comparison says.
    void finished(bool identical);

private:
    void onState(socklab::ConnectionId connection, socklab::SessionState state,
                 const QString& local);
    void onRecords();
    void onTimer();
    void post(std::vector<socklab::Command> commands);
    void update();
    [[nodiscard]] static QString whereText(socklab::SessionState state, const QString& local);
    /// The player's progress in words (translated).
    [[nodiscard]] QString progressText() const;
    [[nodiscard]] static std::int64_t nowNs();

    SessionRouter& m_router;
    QPointer<SessionHandle> m_handle;
    std::optional<socklab::ReplayPlayer> m_player;
    socklab::ReplaySide m_side = socklab::ReplaySide::Client;
    QTimer m_timer;
    QString m_status;
    QString m_error;
    QString m_where; ///< "listening on 127.0.0.1:7000" / "connected to …"
    std::optional<socklab::SessionState> m_whereState; ///< what m_where says, with m_whereLocal
    QString m_whereLocal;
    bool m_reported = false;
};

} // namespace socklab::ui
