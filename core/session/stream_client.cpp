#include "core/session/stream_client.h"

#include "core/base/translate.h"
#include "core/net/socket_ops.h"

#include <cerrno>

namespace socklab {

StreamClient::~StreamClient() {
    if (m_fd.valid()) {
        host().loop().unwatch(m_fd.get());
        m_fd.reset();
    }
}

bool StreamClient::sendQueueFull(ConnectionId connection, std::size_t size) const {
    return connection == 0 && m_conn && m_conn->isOpen() && !m_conn->admits(size);
}

int StreamClient::fdOf(ConnectionId connection) const {
    if (connection != 0) {
        return -1;
    }
    if (m_conn && m_conn->isOpen()) {
        return m_conn->fd();
    }
    return m_fd.get();
}

bool StreamClient::prepareSocket() {
    auto fd = openConfiguredSocket();
    if (!fd) {
        reportError(0, fd.error(), SessionState::Failed);
        emitState(0, SessionState::Failed);
        return false;
    }
    m_fd = std::move(*fd);
    if (!m_local.empty()) {
        if (auto st = bindLocal(m_fd.get(), m_local); !st) {
            reportError(0, st.error(), SessionState::Failed);
            emitState(0, SessionState::Failed);
            m_fd.reset();
            return false;
        }
        recordEvent(0, RecordKind::Bound, sockops::localAddress(m_fd.get()).toString());
    }
    readBackOptions(m_fd.get(), false);
    return true;
}

void StreamClient::start() {
    const OpenSession& req = request();
    if (req.remote.empty()) {
        reportError(0,
                    inputError("connect", SL_TR("socklab", "(no remote address)"),
                               SL_TR("socklab", "a remote address is needed")),
                    SessionState::Failed);
        emitState(0, SessionState::Failed);
        return;
    }
    auto afterLocal = [this, alive = aliveToken()] {
        if (alive.expired() || m_closed) {
            return;
        }
        if (!prepareSocket()) {
            return;
        }
        lookup(
            request().remote, false, [this, alive = aliveToken()](Result<std::vector<Endpoint>> r) {
                if (alive.expired() || m_closed) {
                    return;
                }
                if (!r || r->empty()) {
                    const Error err = r ? inputError(SL_TR("socklab", "resolve"), request().remote,
                                                     SL_TR("socklab", "no addresses"))
                                        : r.error();
                    reportError(0, err, SessionState::Failed);
                    emitState(0, SessionState::Failed);
                    closeUnconnected(false);
                    return;
                }
                m_candidates = std::move(*r);
                connectTo(0);
            });
    };
    if (req.local.empty()) {
        afterLocal();
        return;
    }
    lookup(req.local, true, [this, afterLocal](Result<std::vector<Endpoint>> r) {
        if (!r || r->empty()) {
            reportError(0,
                        r ? inputError(SL_TR("socklab", "resolve"), request().local,
                                       SL_TR("socklab", "no addresses"))
                          : r.error(),
                        SessionState::Failed);
            emitState(0, SessionState::Failed);
            return;
        }
        m_local = r->front();
        afterLocal();
    });
}

void StreamClient::connectTo(std::size_t index) {
    m_candidate = index;
    const Endpoint& remote = m_candidates[index];
    recordEvent(0, RecordKind::Connecting, remote.toString(), 0, &remote);
    auto r = sockops::connectStart(m_fd.get(), remote);
    if (!r) {
        connectFailed(r.error());
        return;
    }
    if (*r) {
        onConnected();
        return;
    }
    emitState(0, SessionState::Connecting, sockops::localAddress(m_fd.get()), remote);
    auto st = host().loop().watch(m_fd.get(), LoopEvent::Writable,
                                  [this](std::uint32_t) { onConnectReady(); });
    if (!st) {
        connectFailed(st.error());
    }
}

void StreamClient::onConnectReady() {
    const int err = sockops::takePendingError(m_fd.get());
    host().loop().unwatch(m_fd.get());
    if (err != 0) {
        connectFailed(sysError(err, "connect", m_candidates[m_candidate].toString()));
        return;
    }
    onConnected();
}

void StreamClient::connectFailed(const Error& error) {
    host().loop().unwatch(m_fd.get());
    m_fd.reset();
    const bool more = m_candidate + 1 < m_candidates.size();
    reportError(0, error, more ? SessionState::Connecting : SessionState::Failed);
    if (more) {
        // Next resolved address on a fresh socket (a failed connect leaves the old one unusable).
        if (prepareSocket()) {
            connectTo(m_candidate + 1);
        }
        return;
    }
    emitState(0, SessionState::Failed, m_local, m_candidates[m_candidate]);
}

void StreamClient::onConnected() {
    const Endpoint local = sockops::localAddress(m_fd.get());
    Endpoint peer = sockops::peerAddress(m_fd.get());
    if (peer.empty() || peer.kind() == AddressKind::UnixUnnamed) {
        peer = m_candidates[m_candidate];
    }
    UniqueFd fd = std::move(m_fd); // the connection owns the socket from here
    recordEvent(0, RecordKind::Connected, local.toString() + " -> " + peer.toString(), 0, &peer);
    // TCP sizes the send buffer for the path once connected (16 KiB -> MiBs on loopback).
    readBackOptions(fd.get(), true);
    emitState(0, SessionState::Connected, local, peer);
    m_conn = std::make_unique<StreamConnection>(*this, 0, std::move(fd), local, peer,
                                                StreamConnection::Callbacks{});
    for (auto& p : m_pending) {
        m_conn->send(p.bytes, p.oob);
    }
    m_pending.clear();
    m_conn->begin();
    if (m_shutdownPending) {
        m_conn->shutdownWrite();
    }
    if (m_closeAfterConnect) {
        m_conn->close(false);
    }
}

void StreamClient::send(SendData& command) {
    if (command.connection != 0) {
        unsupported(command.connection, SL_TR("socklab", "send to a child connection"));
        return;
    }
    if (m_conn) {
        m_conn->send(command.bytes, command.oob);
        return;
    }
    if (m_closed || m_closeAfterConnect || (!m_fd.valid() && !m_candidates.empty())) {
        reportError(0, sysError(ENOTCONN, "send", request().remote), SessionState::Closed);
        return;
    }
    m_pending.push_back(Pending{std::move(command.bytes), command.oob});
}

void StreamClient::shutdownWrite(ConnectionId connection) {
    if (connection != 0) {
        unsupported(connection, SL_TR("socklab", "shutdown(SHUT_WR) of a child connection"));
        return;
    }
    if (m_conn) {
        m_conn->shutdownWrite();
    } else {
        m_shutdownPending = true;
    }
}

void StreamClient::closeUnconnected(bool abortive) {
    if (!m_fd.valid()) {
        return;
    }
    host().loop().unwatch(m_fd.get());
    m_fd.reset();
    recordEvent(0, abortive ? RecordKind::Reset : RecordKind::Closed,
                SL_TR("socklab", "closed before connecting"));
}

void StreamClient::close(ConnectionId connection, bool abortive) {
    if (connection != 0 && connection != kAllConnections) {
        unsupported(connection, SL_TR("socklab", "close of a child connection"));
        return;
    }
    if (m_conn) {
        m_conn->close(abortive);
        return;
    }
    if (!abortive && !m_pending.empty() && !m_closed) {
        // Graceful means "after what was sent so far": wait for the connection to deliver it.
        m_closeAfterConnect = true;
        return;
    }
    const bool wasOpen = m_fd.valid();
    m_closed = true;
    m_pending.clear();
    closeUnconnected(abortive);
    if (wasOpen) {
        emitState(0, SessionState::Closed);
    }
}

} // namespace socklab
