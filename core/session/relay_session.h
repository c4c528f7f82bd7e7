#pragma once

#include "core/base/unique_fd.h"
#include "core/session/relay_book.h"
#include "core/session/session.h"

namespace socklab {

/// What both relay kinds share: the request's checks, resolving the upstream (once) and the
/// listen address, the listening/bound socket's lifetime, the RelayBook, and the commands that
/// only concern the book (hold, figures). StreamRelay and DatagramRelay add their sockets.
class RelaySession : public Session {
public:
    RelaySession(SessionHost& host, SessionId id, OpenSession request,
                 std::shared_ptr<TrafficStore> store);
    ~RelaySession() override;

    /// Checks local and remote, announces the settings, resolves the upstream then the listen
    /// address, and calls openOn().
    void start() final;
    void hold(const HoldDirection& command) override;
    void queryRelayFigures() override;

protected:
    /// Create, bind (and for streams listen on) the relay's own socket at local; report
    /// failures with failOpen(), success with announceUp().
    virtual void openOn(const Endpoint& local) = 0;
    /// Fill the figures the book does not keep (pipeline counters, pairs open...).
    virtual void collect(RelayFigures& figures) const = 0;

    /// The open failed: Error event and state Failed.
    void failOpen(const Error& error);
    /// The relay's socket is up in `state` (Listening, Bound): the state event names the
    /// listen address and the upstream; a first figures event follows.
    void announceUp(SessionState state);
    /// Close the relay's own socket (pairs/mappings are the caller's): Closed record and state.
    void closeOwnSocket();
    /// The first connection id of this run: after the ids a reopened capture already holds.
    [[nodiscard]] ConnectionId firstConnectionId() const { return m_firstId; }

    RelayBook m_book;
    UniqueFd m_fd;       ///< listening (stream) or bound (datagram) socket
    Endpoint m_local;    ///< where it listens
    Endpoint m_upstream; ///< resolved at start

private:
    ConnectionId m_firstId = 1;
};

} // namespace socklab
