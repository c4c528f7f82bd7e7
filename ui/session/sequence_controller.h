#pragma once

#include "core/play/sequence_player.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <optional>

namespace socklab::ui {

class SessionHandle;

/// Runs one of a tab's sequences against its session in the GUI: core's SequencePlayer does
/// the work (the same one `socklab-cli run --sequences` uses); this feeds it the session's new
/// records and a timer, posts its sends through the handle, and reports progress as text.
class SequenceController : public QObject {
    Q_OBJECT
public:
    explicit SequenceController(SessionHandle* handle, QObject* parent = nullptr);

    /// Starts `sequence` (stopping one that runs). framing cuts what arrives into messages;
    /// destination is the datagram target ("" = connected peer); connection: 0 or
    /// kAllConnections (a listener's every client). False (progress says why) when the
    /// session is not open.
    bool run(const socklab::Sequence& sequence, const socklab::FramingSpec& framing,
             const QString& destination, socklab::ConnectionId connection, bool datagram);
    void pause();
    void resume();
    void stop();

    [[nodiscard]] bool running() const { return m_player && m_player->running(); }
    [[nodiscard]] bool paused() const { return m_player && m_player->paused(); }
    [[nodiscard]] QString progressText() const { return m_progress; }

signals:
    /// The progress line changed ("Running "poll": step 3 of 7", "Finished: …", "Failed: …").
    void progressChanged(const QString& text);
    /// A run ended: ok when every expected reply came.
    void finished(bool ok, const QString& text);

private:
    void onRecords();
    void onTimer();
    void post(std::vector<socklab::SendData> sends);
    void update();
    [[nodiscard]] static std::int64_t nowNs();

    QPointer<SessionHandle> m_handle;
    std::optional<socklab::SequencePlayer> m_player;
    QTimer m_timer;
    QString m_progress;
};

} // namespace socklab::ui
