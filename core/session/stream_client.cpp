#include "core/session/stream_client.h"

#include "core/base/translate.h"
#include "core/net/socket_ops.h"
#include "core/net/socket_spec.h"

#include <cerrno>
#include <chrono>

namespace socklab {

StreamClient::~StreamClient() {
    if (m_fd.valid()) {
        host().loop().unwatch(m_fd.get());
        m_fd.reset();
    }
}

bool StreamClient::sendQueueFull(ConnectionId connection, std::size_t size) const {
    if (connection != 0) {
        return false;
    }
    if (m_conn) {
        return m_conn->isOpen() && !m_conn->admits(size);
    }
    return !m_closed && !m_failed && !m_pending.admits(size);
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
        failConnect(fd.error());
        return false;
    }
    m_fd = std::move(*fd);
    if (!m_local.empty()) {
        if (auto st = bindLocal(m_fd.get(), m_local); !st) {
            m_fd.reset();
            failConnect(st.error());
            return false;
        }
        recordEvent(0, RecordKind::Bound, sockops::localAddress(m_fd.get()).toString());
    }
    readBackOptions(m_fd.get(), false);
    return true;
}

void StreamClient::start() {
    const OpenSession& req = request();
    m_pending = SendQueue(req.sendQueueBytes);
    if (req.remote.empty()) {
        failConnect(inputError("connect", SL_TR("socklab", "(no remote address)"),
                               SL_TR("socklab", "a remote address is needed")));
        return;
    }
    auto afterLocal = [this, alive = aliveToken()] {
        if (alive.expired() || m_closed) {
            return;
        }
        if (!prepareSocket()) {
            return;
        }
        lookup(request().remote, false,
               [this, alive = aliveToken()](Result<std::vector<Endpoint>> r) {
                   if (alive.expired() || m_closed) {
                       return;
                   }
                   if (!r || r->empty()) {
                       closeUnconnected(false);
                       failConnect(r ? inputError(SL_TR("socklab", "resolve"), request().remote,
                                                  SL_TR("socklab", "no addresses"))
                                     : r.error());
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
            failConnect(r ? inputError(SL_TR("socklab", "resolve"), request().local,
                                       SL_TR("socklab", "no addresses"))
                          : r.error());
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
    if (more) {
        reportError(0, error, SessionState::Connecting);
        // Next resolved address on a fresh socket (a failed connect leaves the old one unusable).
        if (prepareSocket()) {
            connectTo(m_candidate + 1);
        }
        return;
    }
    failConnect(error, m_local, m_candidates[m_candidate]);
}

void StreamClient::failConnect(const Error& error, const Endpoint& local, const Endpoint& remote) {
    m_failed = true;
    reportError(0, error, SessionState::Failed);
    discardPending();
    emitState(0, SessionState::Failed, local, remote);
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
    // What was sent while connecting goes first, refusals and backpressure included.
    m_conn->adoptQueue(std::move(m_pending), m_pendingRefused, m_pendingRefusedBytes);
    m_pending = SendQueue(request().sendQueueBytes);
    m_pendingRefused = 0;
    m_pendingRefusedBytes = 0;
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
    if (m_closed || m_failed || m_closeAfterConnect) {
        reportError(0, sysError(ENOTCONN, "send", request().remote),
                    m_failed ? SessionState::Failed : SessionState::Closed);
        return;
    }
    const bool stream = isStreamType(request().spec.type);
    if (command.bytes.empty() && stream) {
        return;
    }
    if (!m_pending.admits(command.bytes.size())) {
        refusePending(command.bytes.size());
        return;
    }
    m_pending.push(command.bytes, command.oob, stream);
}

void StreamClient::refusePending(std::size_t size) {
    ++m_pendingRefused;
    m_pendingRefusedBytes += size;
    if (m_pendingRefused == 1) {
        reportError(0,
                    inputError("send", request().remote,
                               trArgs(SL_TR("socklab", "send queue full (%1 waiting; the "
                                                       "connection is not established yet)"),
                                      queueSizeText(m_pending.bytes()))),
                    SessionState::Connecting);
    }
    // At most twice a second while refusals go on (the connection reports the final count).
    const auto now = std::chrono::steady_clock::now();
    if (m_pendingRefused == 1 || now - m_pendingPressureAt >= std::chrono::milliseconds(500)) {
        m_pendingPressureAt = now;
        emitPendingPressure(true);
    }
}

void StreamClient::emitPendingPressure(bool active) {
    EngineEvent e;
    e.kind = EngineEvent::Kind::Backpressure;
    e.session = id();
    e.connection = 0;
    e.state = SessionState::Connecting;
    e.backpressure = active;
    e.queuedBytes = m_pending.bytes();
    e.sendQueueCap = m_pending.capBytes();
    e.refusedSends = m_pendingRefused;
    e.text = active ? trArgs(SL_TR("socklab", "%1 queued, waiting for the connection; %2 "
                                              "send(s) refused"),
                             queueSizeText(m_pending.bytes()), m_pendingRefused)
                    : SL_TR("socklab", "send queue discarded: the connection did not come up");
    host().emit(std::move(e));
}

void StreamClient::discardPending() {
    const bool pressure = m_pendingRefused > 0;
    m_pending.clear();
    if (pressure) {
        emitPendingPressure(false);
    }
    m_pendingRefused = 0;
    m_pendingRefusedBytes = 0;
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
    discardPending();
    closeUnconnected(abortive);
    if (wasOpen) {
        emitState(0, SessionState::Closed);
    }
}

} // namespace socklab
