#pragma once

#include "core/base/unique_fd.h"
#include "core/loop/event_loop.h"
#include "core/net/endpoint.h"
#include "core/session/send_queue.h"
#include "core/vocab/commands.h"
#include "core/vocab/events.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace socklab {

class Session;

/// One connected stream (or SEQPACKET) socket: the client's own socket or a listener's child.
/// Reads into the session's store, queues writes (partial writes and EAGAIN, Writable interest
/// only while bytes are queued), half-close, graceful and abortive close, urgent data.
/// The write queue is bounded (OpenSession::sendQueueBytes): a send that does not fit is refused
/// (the first of a spell as an Error, the rest counted), and a Backpressure event tells when
/// bytes pile up because the peer does not read.
class StreamConnection {
public:
    struct Callbacks {
        /// The socket is closed for good (fd released). The object may be retired via defer().
        std::function<void(StreamConnection&)> onFinished;
    };

    /// Takes ownership of fd. Nothing happens until begin().
    StreamConnection(Session& session, ConnectionId id, UniqueFd fd, Endpoint local, Endpoint peer,
                     Callbacks callbacks);
    ~StreamConnection(); ///< silent close when still open (session destroyed)
    StreamConnection(const StreamConnection&) = delete;
    StreamConnection& operator=(const StreamConnection&) = delete;

    /// Before begin(): take over what was queued (and refused) while the socket connected, as
    /// if it had been sent here (StreamClient). refusedSends > 0 means a Backpressure event
    /// with active=true is out; it ends as the queue drains, with the refusals counted.
    void adoptQueue(SendQueue queue, std::uint64_t refusedSends, std::uint64_t refusedBytes);
    /// Start watching the socket.
    void begin();
    void send(std::span<const std::byte> bytes, bool oob);
    /// Whether send() of size bytes would be queued now (false: refused, the queue is full).
    [[nodiscard]] bool admits(std::size_t size) const;
    /// shutdown(SHUT_WR) once the queue is flushed.
    void shutdownWrite();
    /// Graceful: after the queue is flushed, or at once when backpressure is in effect (the
    /// peer does not read: the queue is discarded, an Info record says how much). Abortive: at
    /// once, SO_LINGER {1,0} -> RST, the queue discarded.
    void close(bool abortive);

    [[nodiscard]] ConnectionId id() const { return m_id; }
    [[nodiscard]] int fd() const { return m_fd.get(); }
    [[nodiscard]] bool isOpen() const { return m_fd.valid(); }
    [[nodiscard]] const Endpoint& peer() const { return m_peer; }
    [[nodiscard]] const Endpoint& local() const { return m_local; }
    [[nodiscard]] std::size_t queuedBytes() const { return m_queue.bytes(); }

private:
    void onEvents(std::uint32_t events);
    void readAvailable();
    void readUrgent();
    void flush();
    void updateInterest();
    void doShutdown();
    /// Close the fd and report; kind is Closed (graceful) or Reset (ours, abortive).
    void finish(RecordKind kind, SessionState state);
    /// The connection died with err (from recv/send/SO_ERROR).
    void fail(const Error& error);
    /// A send did not fit: Error for the first of a spell, counted after that.
    void refuse(std::size_t size);
    /// Start watching the queue once it passes the backpressure threshold.
    void watchPressure();
    /// Every kPressureCheck_ms while bytes wait: report, update or end backpressure.
    void checkPressure();
    /// Backpressure off (queue drained or connection gone): event, and what was refused.
    void endPressure();
    void emitPressure(bool active);
    /// Graceful close now, dropping what is still queued (backpressure in effect).
    void closeDiscarding();

    Session& m_session;
    ConnectionId m_id;
    UniqueFd m_fd;
    Endpoint m_local;
    Endpoint m_peer;
    std::string m_label;
    Callbacks m_callbacks;
    bool m_stream; ///< SOCK_STREAM (urgent data, partial writes); false for SEQPACKET
    SendQueue m_queue;
    std::size_t m_pressureBytes;        ///< queue size from which backpressure is reported
    std::uint64_t m_written = 0;        ///< bytes the kernel took, in total
    std::uint64_t m_writtenAtCheck = 0; ///< m_written at the previous pressure check
    EventLoop::TimerId m_pressureTimer = 0;
    int m_checksAbove = 0;             ///< pressure checks in a row above the threshold
    bool m_pressure = false;           ///< a Backpressure event with active=true is out
    bool m_pressureAdopted = false;    ///< m_pressure came with the queue of a connecting client
    std::uint64_t m_reportedBytes = 0; ///< queue size in the last Backpressure event
    std::uint64_t m_refusedSends = 0;  ///< sends refused in this spell
    std::uint64_t m_refusedBytes = 0;
    std::uint64_t m_reportedRefused = 0; ///< m_refusedSends in the last Backpressure event
    bool m_reportedStalled = false;      ///< the last event said "not reading"
    bool m_peerClosed = false;
    bool m_writeShut = false;
    bool m_shutdownPending = false;
    bool m_closePending = false;
    bool m_watchUrgent = true;
};

} // namespace socklab
