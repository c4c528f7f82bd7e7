#include "core/session/stream_connection.h"

#include "core/base/translate.h"
#include "core/net/socket_ops.h"
#include "core/net/socket_spec.h"
#include "core/session/session.h"

#include <cerrno>

namespace socklab {

namespace {

// One recv() per 256 KiB: few syscalls and few records per megabyte.
constexpr std::size_t kStreamReadBytes = 256u << 10;
// Bytes read per readiness event before yielding to other sockets (level-triggered: we come
// back on the next loop iteration). 8 MiB per wakeup took 60-80 ms and let a UDP socket on the
// same engine overflow its receive buffer; 1 MiB is about a millisecond of copying and still
// amortises the epoll_wait per wakeup.
constexpr std::size_t kStreamBytesPerWakeup = 1u << 20;
// Also bounds small seqpacket messages, which could otherwise keep the byte budget unspent.
constexpr int kReadsPerWakeup = 64;

} // namespace

StreamConnection::StreamConnection(Session& session, ConnectionId id, UniqueFd fd, Endpoint local,
                                   Endpoint peer, Callbacks callbacks)
    : m_session(session), m_id(id), m_fd(std::move(fd)), m_local(std::move(local)),
      m_peer(std::move(peer)), m_callbacks(std::move(callbacks)),
      m_stream(isStreamType(session.request().spec.type)) {
    m_label = m_peer.empty() || m_peer.kind() == AddressKind::UnixUnnamed
                  ? (m_local.empty() ? "fd " + std::to_string(m_fd.get()) : m_local.toString())
                  : m_peer.toString();
    m_watchUrgent = m_stream;
}

StreamConnection::~StreamConnection() {
    if (m_fd.valid()) {
        m_session.host().loop().unwatch(m_fd.get());
        m_fd.reset();
    }
}

void StreamConnection::begin() {
    std::uint32_t interest = LoopEvent::Readable;
    if (m_watchUrgent) {
        interest |= LoopEvent::Priority;
    }
    if (!m_queue.empty()) {
        interest |= LoopEvent::Writable;
    }
    auto st = m_session.host().loop().watch(m_fd.get(), interest,
                                            [this](std::uint32_t ev) { onEvents(ev); });
    if (!st) {
        fail(st.error());
        return;
    }
    flush();
}

void StreamConnection::send(std::span<const std::byte> bytes, bool oob) {
    if (!m_fd.valid() || m_writeShut || m_shutdownPending || m_closePending) {
        m_session.reportError(m_id,
                              sysError(!m_fd.valid() ? ENOTCONN : ESHUTDOWN, "send", m_label,
                                       SL_TR("socklab", "the write side is closed")),
                              !m_fd.valid() ? SessionState::Closed : SessionState::HalfClosed);
        return;
    }
    if (bytes.empty() && m_stream) {
        return;
    }
    const bool wasEmpty = m_queue.empty();
    if (oob && m_stream && bytes.size() > 1) {
        // TCP marks only the last byte of an MSG_OOB send as urgent; send the rest as normal
        // data so that a partial write cannot move the mark.
        m_queue.push_back(Chunk{{bytes.begin(), bytes.end() - 1}, 0, false});
        m_queue.push_back(Chunk{{bytes.end() - 1, bytes.end()}, 0, true});
    } else {
        m_queue.push_back(Chunk{{bytes.begin(), bytes.end()}, 0, oob});
    }
    m_queuedBytes += bytes.size();
    if (wasEmpty) {
        flush(); // most sends complete here without waiting for Writable
    }
}

void StreamConnection::shutdownWrite() {
    if (!m_fd.valid() || m_writeShut) {
        return;
    }
    m_shutdownPending = true;
    if (m_queue.empty()) {
        doShutdown();
    }
}

void StreamConnection::close(bool abortive) {
    if (!m_fd.valid()) {
        return;
    }
    if (abortive) {
        if (auto st = sockops::setAbortiveLinger(m_fd.get(), m_label); !st) {
            m_session.reportError(m_id, st.error(), SessionState::Connected);
        }
        m_queue.clear();
        m_queuedBytes = 0;
        finish(RecordKind::Reset, SessionState::Closed);
        return;
    }
    m_closePending = true;
    if (m_queue.empty()) {
        finish(RecordKind::Closed, SessionState::Closed);
    }
}

void StreamConnection::onEvents(std::uint32_t events) {
    if (events & LoopEvent::Priority) {
        readUrgent();
        if (!m_fd.valid()) {
            return;
        }
    }
    if (events & (LoopEvent::Readable | LoopEvent::Error | LoopEvent::Hangup)) {
        if (!m_peerClosed) {
            readAvailable();
            if (!m_fd.valid()) {
                return;
            }
        }
    }
    if (events & LoopEvent::Writable) {
        flush();
        if (!m_fd.valid()) {
            return;
        }
    }
    if (events & LoopEvent::Error) {
        if (const int err = sockops::takePendingError(m_fd.get()); err != 0) {
            fail(sysError(err, "socket", m_label));
            return;
        }
    }
    if ((events & LoopEvent::Hangup) && m_peerClosed) {
        // Both directions are shut (or the peer is gone): nothing more can happen here.
        finish(RecordKind::Closed, SessionState::Closed);
    }
}

void StreamConnection::readAvailable() {
    auto buffer = m_session.host().ioBuffer().first(kStreamReadBytes);
    std::size_t total = 0;
    for (int i = 0; i < kReadsPerWakeup && total < kStreamBytesPerWakeup && m_fd.valid(); ++i) {
        auto r = sockops::recvSome(m_fd.get(), buffer, false, m_label);
        if (!r) {
            fail(r.error());
            return;
        }
        if (r->wouldBlock) {
            return;
        }
        if (r->eof) {
            m_peerClosed = true;
            m_session.recordEvent(m_id, RecordKind::PeerClosed, SL_TR("socklab", "peer sent FIN"),
                                  0, &m_peer);
            if (m_writeShut) {
                finish(RecordKind::Closed, SessionState::Closed);
                return;
            }
            m_session.emitState(m_id, SessionState::PeerClosed, m_local, m_peer);
            // Stop asking for Readable: a level-triggered EOF would fire forever.
            updateInterest();
            m_session.streamPeerClosed(m_id);
            return;
        }
        const auto got = buffer.first(r->bytes);
        total += r->bytes;
        m_session.recordData(m_id, Direction::In, got, &m_peer);
        m_session.streamReceived(m_id, got);
        if (!m_fd.valid()) {
            return; // a responder's reply failed and closed the connection
        }
        if (m_stream && r->bytes < buffer.size()) {
            return; // drained; level-triggered epoll reports any later arrival
        }
    }
}

void StreamConnection::readUrgent() {
    if (sockops::oobInline(m_fd.get())) {
        // SO_OOBINLINE: the urgent byte arrives in the normal stream; stop watching for it.
        m_watchUrgent = false;
        updateInterest();
        return;
    }
    std::byte b{};
    auto r = sockops::recvSome(m_fd.get(), std::span<std::byte>(&b, 1), true, m_label);
    if (!r) {
        // EINVAL: no urgent byte any more (already read). Not a connection failure.
        if (r.error().sysErrno() != EINVAL) {
            m_session.reportError(m_id, r.error(), SessionState::Connected);
        }
        return;
    }
    if (r->bytes == 1) {
        m_session.recordData(m_id, Direction::In, std::span<const std::byte>(&b, 1), &m_peer,
                             RecordFlag::Oob);
    }
}

void StreamConnection::flush() {
    while (m_fd.valid() && !m_queue.empty()) {
        Chunk& c = m_queue.front();
        const auto pending = std::span<const std::byte>(c.bytes).subspan(c.offset);
        auto r = sockops::sendSome(m_fd.get(), pending, c.oob, m_label);
        if (!r) {
            fail(r.error());
            return;
        }
        if (r->wouldBlock) {
            break;
        }
        m_session.recordData(m_id, Direction::Out, pending.first(r->bytes), &m_peer,
                             c.oob ? RecordFlag::Oob : 0);
        c.offset += r->bytes;
        m_queuedBytes -= r->bytes;
        if (c.offset == c.bytes.size()) {
            m_queue.pop_front();
        }
    }
    if (!m_fd.valid()) {
        return;
    }
    updateInterest();
    if (m_queue.empty()) {
        if (m_shutdownPending) {
            doShutdown();
        }
        if (m_closePending && m_fd.valid()) {
            finish(RecordKind::Closed, SessionState::Closed);
        }
    }
}

void StreamConnection::updateInterest() {
    if (!m_fd.valid()) {
        return;
    }
    std::uint32_t interest = 0;
    if (!m_peerClosed) {
        interest |= LoopEvent::Readable;
        if (m_watchUrgent) {
            interest |= LoopEvent::Priority;
        }
    }
    if (!m_queue.empty()) {
        interest |= LoopEvent::Writable;
    }
    (void)m_session.host().loop().modify(m_fd.get(), interest);
}

void StreamConnection::doShutdown() {
    m_shutdownPending = false;
    if (auto st = sockops::shutdownWrite(m_fd.get(), m_label); !st) {
        m_session.reportError(m_id, st.error(),
                              m_peerClosed ? SessionState::PeerClosed : SessionState::Connected);
        return;
    }
    m_writeShut = true;
    m_session.recordEvent(m_id, RecordKind::HalfClosed,
                          SL_TR("socklab", "shutdown(SHUT_WR): sent FIN"), 0, &m_peer);
    if (m_peerClosed) {
        finish(RecordKind::Closed, SessionState::Closed);
        return;
    }
    m_session.emitState(m_id, SessionState::HalfClosed, m_local, m_peer);
}

void StreamConnection::finish(RecordKind kind, SessionState state) {
    if (!m_fd.valid()) {
        return;
    }
    m_session.host().loop().unwatch(m_fd.get());
    m_fd.reset();
    m_queue.clear();
    m_queuedBytes = 0;
    m_session.recordEvent(m_id, kind,
                          kind == RecordKind::Reset
                              ? SL_TR("socklab", "closed with SO_LINGER {1,0}: sent RST")
                              : SL_TR("socklab", "closed"),
                          0, &m_peer);
    m_session.streamEnded(m_id); // before the state: the last hit counts come first
    m_session.emitState(m_id, state, m_local, m_peer);
    if (m_callbacks.onFinished) {
        m_callbacks.onFinished(*this);
    }
}

void StreamConnection::fail(const Error& error) {
    if (!m_fd.valid()) {
        return;
    }
    m_session.host().loop().unwatch(m_fd.get());
    m_fd.reset();
    m_queue.clear();
    m_queuedBytes = 0;
    const int err = error.sysErrno();
    if (err == ECONNRESET) {
        m_session.recordEvent(m_id, RecordKind::Reset, error.message(), err, &m_peer,
                              RecordFlag::Remote);
        EngineEvent e;
        e.kind = EngineEvent::Kind::Error;
        e.session = m_session.id();
        e.connection = m_id;
        e.state = SessionState::Failed;
        e.error = error;
        m_session.host().emit(std::move(e));
    } else {
        m_session.reportError(m_id, error, SessionState::Failed);
    }
    m_session.streamEnded(m_id);
    m_session.emitState(m_id, SessionState::Failed, m_local, m_peer);
    if (m_callbacks.onFinished) {
        m_callbacks.onFinished(*this);
    }
}

} // namespace socklab
