#pragma once

#include "core/base/unique_fd.h"
#include "core/session/session.h"
#include "core/session/stream_connection.h"

#include <map>
#include <memory>

namespace socklab {

/// A listening stream or SEQPACKET socket (TCP, Unix path/abstract) and its accepted children,
/// each a StreamConnection with its own ConnectionId (1, 2, ...) and counters. Survives EMFILE
/// by pausing accept for a while (the pending connections wait in the backlog) with a Warning.
class StreamListener : public Session {
public:
    using Session::Session;
    ~StreamListener() override;

    void start() override;
    void send(SendData& command) override;
    void shutdownWrite(ConnectionId connection) override;
    void close(ConnectionId connection, bool abortive) override;
    [[nodiscard]] bool sendQueueFull(ConnectionId connection, std::size_t size) const override;

    /// How long accept stays paused after EMFILE/ENFILE.
    static constexpr int kAcceptPause_ms = 250;

protected:
    int fdOf(ConnectionId connection) const override;

private:
    void listenOn(const Endpoint& local);
    void acceptPending();
    void pauseAccept(const Error& error);
    void retire(ConnectionId id);
    StreamConnection* child(ConnectionId id);

    UniqueFd m_fd;
    Endpoint m_local;
    ConnectionId m_nextChild = 1;
    std::map<ConnectionId, std::unique_ptr<StreamConnection>> m_children;
    EventLoop::TimerId m_pauseTimer = 0;
    bool m_paused = false;
};

} // namespace socklab
