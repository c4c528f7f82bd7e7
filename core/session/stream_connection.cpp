#include "core/session/stream_connection.h"

#include "core/base/translate.h"
#include "core/net/socket_ops.h"
#include "core/net/socket_spec.h"
#include "core/session/session.h"

#include <algorithm>
#include <cerrno>

namespace socklab {

namespace {

// A recv() asks for at least 256 KiB: few syscalls and few records per megabyte.
constexpr std::size_t kStreamReadBytes = 256u << 10;
// Bytes read per readiness event before yielding to other sockets (level-triggered: we come
// back on the next loop iteration). 8 MiB per wakeup took 60-80 ms and let a UDP socket on the
// same engine overflow its receive buffer; 1 MiB is about a millisecond of copying and still
// amortises the epoll_wait per wakeup.
constexpr std::size_t kStreamBytesPerWakeup = 1u << 20;
// Also bounds small seqpacket messages, which could otherwise keep the byte budget unspent.
constexpr int kReadsPerWakeup = 64;
// Backpressure is reported once this much (or a quarter of a smaller cap) has waited for two
// checks in a row (about a second), or at once when a send is refused; it ends when the queue
// is back under the threshold.
constexpr std::size_t kPressureBytes = 256u << 10;
constexpr int kPressureCheck_ms = 500;

} // namespace

StreamConnection::StreamConnection(Session& session, ConnectionId id, UniqueFd fd, Endpoint local,
                                   Endpoint peer, Callbacks callbacks)
    : m_session(session), m_id(id), m_fd(std::move(fd)), m_local(std::move(local)),
      m_peer(std::move(peer)), m_callbacks(std::move(callbacks)),
      m_stream(isStreamType(session.request().spec.type)),
      m_queue(session.request().sendQueueBytes),
      m_pressureBytes(std::max<std::size_t>(1, std::min(kPressureBytes, m_queue.capBytes() / 4))) {
    m_label = m_peer.empty() || m_peer.kind() == AddressKind::UnixUnnamed
                  ? (m_local.empty() ? "fd " + std::to_string(m_fd.get()) : m_local.toString())
                  : m_peer.toString();
    m_watchUrgent = m_stream;
}

StreamConnection::~StreamConnection() {
    if (m_pressureTimer != 0) {
        m_session.host().loop().cancelTimer(m_pressureTimer);
    }
    if (m_fd.valid()) {
        m_session.host().loop().unwatch(m_fd.get());
        m_fd.reset();
    }
}

void StreamConnection::adoptQueue(SendQueue queue, std::uint64_t refusedSends,
                                  std::uint64_t refusedBytes) {
    m_queue = std::move(queue);
    m_refusedSends = refusedSends;
    m_refusedBytes = refusedBytes;
    if (refusedSends > 0) {
        // The Backpressure event of the connecting client is out (begin() ends it once the queue
        // drains). The peer has not had a chance to read yet: only a stall seen from here on
        // (checkPressure) lets a close discard the queue.
        m_pressure = true;
        m_pressureAdopted = true;
        m_reportedBytes = m_queue.bytes();
        m_reportedRefused = refusedSends;
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
    watchPressure();
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
    if (!m_queue.admits(bytes.size())) {
        refuse(bytes.size());
        return;
    }
    const bool wasEmpty = m_queue.empty();
    // TCP marks only the last byte of an MSG_OOB send as urgent; the queue sends the rest as
    // normal data so that a partial write cannot move the mark.
    m_queue.push(bytes, oob, m_stream);
    if (wasEmpty) {
        flush(); // most sends complete here without waiting for Writable
    }
    watchPressure();
}

bool StreamConnection::admits(std::size_t size) const {
    return m_fd.valid() && m_queue.admits(size);
}

void StreamConnection::refuse(std::size_t size) {
    ++m_refusedSends;
    m_refusedBytes += size;
    if (m_refusedSends == 1) {
        m_session.reportError(
            m_id,
            inputError("send", m_label,
                       trArgs(SL_TR("socklab", "send queue full (%1 waiting; the peer is not "
                                               "reading)"),
                              queueSizeText(m_queue.bytes()))),
            m_peerClosed ? SessionState::PeerClosed : SessionState::Connected);
    }
    if (!m_pressure) {
        emitPressure(true);
    }
    watchPressure();
}

void StreamConnection::watchPressure() {
    const bool closeWaits = m_closePending && !m_queue.empty();
    if (m_pressureTimer != 0 || !m_fd.valid() ||
        (m_queue.bytes() < m_pressureBytes && !m_pressure && !closeWaits)) {
        return;
    }
    m_checksAbove = 0;
    m_writtenAtCheck = m_written;
    m_pressureTimer = m_session.host().loop().addTimer(
        kPressureCheck_ms, [this] { checkPressure(); }, true);
}

void StreamConnection::checkPressure() {
    if (m_closePending && m_fd.valid() && !m_queue.empty() && m_queue.bytes() < m_pressureBytes) {
        // A close waits for a small queue only while the peer still takes bytes: after four
        // checks in a row (about 2 s) in which the kernel took nothing, the rest is discarded.
        // (m_checksAbove counts those checks here: below the threshold pressure does not use it.)
        m_checksAbove = m_written == m_writtenAtCheck ? m_checksAbove + 1 : 0;
        m_writtenAtCheck = m_written;
        if (m_checksAbove >= 4) {
            closeDiscarding();
        }
        return;
    }
    if (!m_fd.valid() || m_queue.bytes() < m_pressureBytes) {
        endPressure();
        return;
    }
    ++m_checksAbove;
    if (m_checksAbove >= 2) {
        m_pressureAdopted = false; // as long above the threshold as a connected stream's pressure
    }
    const bool stalled = m_written == m_writtenAtCheck;
    if (m_pressure ? (m_queue.bytes() != m_reportedBytes || m_refusedSends != m_reportedRefused ||
                      stalled != m_reportedStalled)
                   : m_checksAbove >= 2) {
        emitPressure(true);
    }
    m_writtenAtCheck = m_written;
    if (m_closePending && m_pressure && !m_pressureAdopted) {
        closeDiscarding();
    }
}

void StreamConnection::endPressure() {
    if (m_pressureTimer != 0) {
        m_session.host().loop().cancelTimer(m_pressureTimer);
        m_pressureTimer = 0;
    }
    m_pressureAdopted = false;
    if (!m_pressure) {
        m_refusedSends = 0;
        m_refusedBytes = 0;
        return;
    }
    if (m_refusedSends > 0) {
        m_session.recordEvent(
            m_id, RecordKind::Info,
            trArgs(SL_TR("socklab", "%1 send(s) (%2) were refused while the send queue was full"),
                   m_refusedSends, queueSizeText(m_refusedBytes)),
            0, &m_peer);
    }
    emitPressure(false);
    m_refusedSends = 0;
    m_refusedBytes = 0;
}

void StreamConnection::emitPressure(bool active) {
    m_pressure = active;
    m_reportedBytes = m_queue.bytes();
    m_reportedRefused = m_refusedSends;
    EngineEvent e;
    e.kind = EngineEvent::Kind::Backpressure;
    e.session = m_session.id();
    e.connection = m_id;
    e.state = m_peerClosed ? SessionState::PeerClosed : SessionState::Connected;
    e.backpressure = active;
    e.queuedBytes = m_queue.bytes();
    e.sendQueueCap = m_queue.capBytes();
    e.refusedSends = m_refusedSends;
    const bool stalled = m_written == m_writtenAtCheck;
    m_reportedStalled = stalled;
    if (active) {
        e.text = trArgs(stalled ? SL_TR("socklab", "%1 queued, the peer is not reading")
                                : SL_TR("socklab", "%1 queued, the peer reads slower than "
                                                   "SockLab sends"),
                        queueSizeText(m_queue.bytes()));
        if (m_refusedSends > 0) {
            e.text += trArgs(SL_TR("socklab", "; %1 send(s) refused"), m_refusedSends);
        }
    } else {
        e.text = SL_TR("socklab", "send queue drained");
    }
    m_session.host().emit(std::move(e));
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
        m_queue.clear(); // an abortive close discards what the peer did not take
        finish(RecordKind::Reset, SessionState::Closed);
        return;
    }
    m_closePending = true;
    if (m_queue.empty()) {
        finish(RecordKind::Closed, SessionState::Closed);
    } else if (m_pressure && !m_pressureAdopted) {
        closeDiscarding();
    } else {
        watchPressure(); // discards the rest if the peer stops taking bytes
    }
}

void StreamConnection::closeDiscarding() {
    // The peer is not reading: waiting for the queue to drain could take forever. close()
    // now; the kernel still delivers what it took (then FIN), the rest is dropped and said so.
    m_session.recordEvent(m_id, RecordKind::Info,
                          trArgs(SL_TR("socklab", "close: %1 the peer did not read was discarded"),
                                 queueSizeText(m_queue.bytes())),
                          0, &m_peer);
    m_queue.clear();
    finish(RecordKind::Closed, SessionState::Closed);
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
    std::size_t total = 0;
    for (int i = 0; i < kReadsPerWakeup && total < kStreamBytesPerWakeup && m_fd.valid(); ++i) {
        // Plain capture receives straight into the store's chunk (no copy): the room left in
        // the tail chunk, plus a new chunk when that is small, in one recvmsg. Responders read
        // the bytes after they are recorded, when the store may already have evicted them, so
        // they (and stores with chunks too small for a full read) get a copy from the engine's
        // read buffer. Either way a read asks for at least kStreamReadBytes. SEQPACKET always
        // copies: a message must not be split across the store's chunks or cut by a small room.
        TrafficStore::ReceiveRoom room;
        if (m_stream && !m_session.inspectsStreamBytes()) {
            room = m_session.store().receiveRoom(kStreamReadBytes);
            // Keep the bytes per wakeup bounded as the copy path does.
            const std::size_t most = std::max(kStreamReadBytes, kStreamBytesPerWakeup - total);
            room.first = room.first.first(std::min(room.first.size(), most));
            room.second = room.second.first(std::min(room.second.size(), most - room.first.size()));
        }
        const bool direct = room.size() >= kStreamReadBytes;
        const auto buffer = m_session.host().ioBuffer().first(kStreamReadBytes);
        const std::size_t asked = direct ? room.size() : buffer.size();
        auto r = direct ? sockops::recvScatter(m_fd.get(), room.first, room.second, m_label)
                        : sockops::recvSome(m_fd.get(), buffer, false, m_label);
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
        total += r->bytes;
        if (direct) {
            m_session.recordReceived(m_id, r->bytes, &m_peer);
        } else {
            const auto got = buffer.first(r->bytes);
            m_session.recordData(m_id, Direction::In, got, &m_peer);
            m_session.streamReceived(m_id, got);
            if (!m_fd.valid()) {
                return; // a responder's reply failed and closed the connection
            }
        }
        if (m_stream && r->bytes < asked) {
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
        SendQueue::Chunk& c = m_queue.front();
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
        m_written += r->bytes;
        m_queue.consumed(r->bytes);
    }
    if (!m_fd.valid()) {
        return;
    }
    if (m_pressure && m_queue.bytes() < m_pressureBytes) {
        endPressure();
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
    endPressure();
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
    endPressure();
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
