#pragma once

#include "core/base/unique_fd.h"
#include "core/net/endpoint.h"
#include "core/vocab/commands.h"
#include "core/vocab/events.h"

#include <cstddef>
#include <deque>
#include <functional>
#include <span>
#include <vector>

namespace socklab {

class Session;

/// One connected stream (or SEQPACKET) socket: the client's own socket or a listener's child.
/// Reads into the session's store, queues writes (partial writes and EAGAIN, Writable interest
/// only while bytes are queued), half-close, graceful and abortive close, urgent data.
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

    /// Start watching the socket.
    void begin();
    void send(std::span<const std::byte> bytes, bool oob);
    /// shutdown(SHUT_WR) once the queue is flushed.
    void shutdownWrite();
    /// Graceful: after the queue is flushed. Abortive: at once, SO_LINGER {1,0} -> RST.
    void close(bool abortive);

    [[nodiscard]] ConnectionId id() const { return m_id; }
    [[nodiscard]] int fd() const { return m_fd.get(); }
    [[nodiscard]] bool isOpen() const { return m_fd.valid(); }
    [[nodiscard]] const Endpoint& peer() const { return m_peer; }
    [[nodiscard]] const Endpoint& local() const { return m_local; }
    [[nodiscard]] std::size_t queuedBytes() const { return m_queuedBytes; }

private:
    struct Chunk {
        std::vector<std::byte> bytes;
        std::size_t offset = 0;
        bool oob = false;
    };

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

    Session& m_session;
    ConnectionId m_id;
    UniqueFd m_fd;
    Endpoint m_local;
    Endpoint m_peer;
    std::string m_label;
    Callbacks m_callbacks;
    bool m_stream; ///< SOCK_STREAM (urgent data, partial writes); false for SEQPACKET
    std::deque<Chunk> m_queue;
    std::size_t m_queuedBytes = 0;
    bool m_peerClosed = false;
    bool m_writeShut = false;
    bool m_shutdownPending = false;
    bool m_closePending = false;
    bool m_watchUrgent = true;
};

} // namespace socklab
