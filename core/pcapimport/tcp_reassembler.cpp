#include "core/pcapimport/tcp_reassembler.h"

#include <algorithm>
#include <limits>

namespace socklab {

namespace {

constexpr std::uint64_t kNoLimit = std::numeric_limits<std::uint64_t>::max();

StreamEvent event(StreamEvent::Kind kind, std::uint64_t offset, std::uint64_t length,
                  std::int64_t timeNs) {
    StreamEvent e;
    e.kind = kind;
    e.offset = offset;
    e.length = length;
    e.timeNs = timeNs;
    return e;
}

} // namespace

TcpReassembler::TcpReassembler(ReassemblyBudget& budget, std::size_t historyBytes)
    : m_budget(budget), m_historyCapacity(historyBytes) {}

TcpReassembler::~TcpReassembler() {
    release(m_heldBytes);
}

void TcpReassembler::syn(std::uint32_t isn) {
    if (m_started) {
        return;
    }
    m_started = true;
    m_nextSeq = isn + 1;
}

std::int64_t TcpReassembler::offsetOf(std::uint32_t seq) const {
    // Signed 32-bit distance from the next expected byte: right across the wrap at 2^32.
    const auto diff = static_cast<std::int32_t>(seq - m_nextSeq);
    return static_cast<std::int64_t>(m_next) + diff;
}

void TcpReassembler::peerAcked(std::uint32_t ack) {
    if (!m_started) {
        // Nothing of this direction seen yet (capture started mid-connection, or after the
        // SYN): the peer says where the stream stands.
        m_started = true;
        m_nextSeq = ack;
        return;
    }
    const std::int64_t off = offsetOf(ack);
    if (off <= 0) {
        return;
    }
    auto to = static_cast<std::uint64_t>(off);
    if (m_finOffset) {
        to = std::min(to, *m_finOffset); // the FIN takes one sequence number, not a byte
    }
    m_ackedTo = std::max(m_ackedTo, to);
}

void TcpReassembler::segment(std::uint32_t seq, std::span<const std::byte> bytes,
                             std::size_t claimedLength, bool fin, std::int64_t timeNs,
                             const Sink& sink) {
    if (!m_started) {
        m_started = true;
        m_nextSeq = seq;
    }
    std::int64_t off = offsetOf(seq);
    std::uint64_t claimed = std::max<std::uint64_t>(claimedLength, bytes.size());
    if (fin && !m_finOffset && off + static_cast<std::int64_t>(claimed) >= 0) {
        m_finOffset = static_cast<std::uint64_t>(off) + claimed;
    }
    // A keep-alive probe repeats the byte before the next one (or carries none): not data.
    const bool keepAlive =
        !fin && claimed <= 1 && m_next > 0 && off == static_cast<std::int64_t>(m_next) - 1;
    if (m_ackedTo > m_next && off > static_cast<std::int64_t>(m_next)) {
        // This segment does not fill what the peer acknowledged: those bytes were not captured.
        flushHeld(m_ackedTo, GapCause::NotCaptured, timeNs, sink);
        off = offsetOf(seq);
    }
    if (claimed > 0 && !keepAlive) {
        if (off < 0) {
            // Bytes before the first one this import saw: already part of the stream's past.
            const auto before = std::min<std::uint64_t>(static_cast<std::uint64_t>(-off), claimed);
            StreamEvent e = event(StreamEvent::Kind::Retransmission, 0, before, timeNs);
            sink(e);
            bytes = bytes.subspan(std::min<std::size_t>(before, bytes.size()));
            claimed -= before;
            off = 0;
        }
        const auto start = static_cast<std::uint64_t>(off);
        if (claimed == 0) {
            // fully before the start: reported above
        } else if (start + claimed <= m_next) {
            StreamEvent e = event(StreamEvent::Kind::Retransmission, start, claimed, timeNs);
            e.resent = compare(start, bytes, claimed);
            sink(e);
        } else if (start <= m_next) {
            deliver(start, bytes, claimed, timeNs, sink);
        } else {
            hold(start, bytes, claimed, timeNs, sink);
        }
    }
    drain(timeNs, sink);
    if (m_ackedTo > m_next) {
        flushHeld(m_ackedTo, GapCause::NotCaptured, timeNs, sink);
    }
    maybeFin(timeNs, sink);
}

void TcpReassembler::finish(std::int64_t timeNs, const Sink& sink) {
    if (!m_started) {
        return;
    }
    std::uint64_t target = m_ackedTo;
    if (m_finOffset) {
        target = std::max(target, *m_finOffset);
    }
    flushHeld(kNoLimit, GapCause::NotCaptured, timeNs, sink);
    if (target > m_next) {
        gapTo(target, GapCause::NotCaptured, timeNs, sink);
    }
    maybeFin(timeNs, sink);
}

void TcpReassembler::deliver(std::uint64_t offset, std::span<const std::byte> bytes,
                             std::uint64_t claimed, std::int64_t timeNs, const Sink& sink) {
    if (offset < m_next) {
        const std::uint64_t overlap = m_next - offset;
        const auto have = static_cast<std::size_t>(std::min<std::uint64_t>(overlap, bytes.size()));
        StreamEvent e = event(StreamEvent::Kind::Retransmission, offset, overlap, timeNs);
        e.resent = compare(offset, bytes.first(have), overlap);
        sink(e);
        bytes = bytes.subspan(have);
        claimed -= overlap;
    }
    if (!bytes.empty()) {
        StreamEvent e = event(StreamEvent::Kind::Data, m_next, bytes.size(), timeNs);
        e.bytes = bytes;
        sink(e);
        remember(bytes);
        m_next += bytes.size();
        m_nextSeq += static_cast<std::uint32_t>(bytes.size());
        m_delivered += bytes.size();
    }
    if (claimed > bytes.size()) {
        gapTo(m_next + (claimed - bytes.size()), GapCause::Snaplen, timeNs, sink);
    }
}

void TcpReassembler::hold(std::uint64_t offset, std::span<const std::byte> bytes,
                          std::uint64_t claimed, std::int64_t timeNs, const Sink& sink) {
    if (m_budget.usedBytes + bytes.size() > m_budget.limitBytes) {
        if (!m_limitReported) {
            m_limitReported = true;
            sink(event(StreamEvent::Kind::BufferLimit, m_next, m_heldBytes, timeNs));
        }
        flushHeld(kNoLimit, GapCause::BufferLimit, timeNs, sink);
        if (offset + claimed <= m_next) {
            StreamEvent e = event(StreamEvent::Kind::Retransmission, offset, claimed, timeNs);
            e.resent = compare(offset, bytes, claimed);
            sink(e);
            return;
        }
        if (offset > m_next) {
            gapTo(offset, GapCause::BufferLimit, timeNs, sink);
        }
        deliver(offset, bytes, claimed, timeNs, sink);
        return;
    }
    if (auto it = m_held.find(offset); it != m_held.end()) {
        if (it->second.claimed >= claimed) {
            // The same out-of-order segment again: keep the first copy.
            sink(event(StreamEvent::Kind::Retransmission, offset, claimed, timeNs));
            return;
        }
        sink(event(StreamEvent::Kind::Retransmission, offset, it->second.claimed, timeNs));
        release(it->second.bytes.size());
        m_heldBytes -= it->second.bytes.size();
        m_held.erase(it);
    }
    StreamEvent e = event(StreamEvent::Kind::OutOfOrder, offset, claimed, timeNs);
    e.waitingFor = m_next;
    // Reported once per hole: the segments behind the first one wait for the same bytes.
    e.firstForHole = m_held.empty();
    sink(e);
    m_held.emplace(offset, Held{std::vector<std::byte>(bytes.begin(), bytes.end()), claimed});
    m_heldBytes += bytes.size();
    m_budget.usedBytes += bytes.size();
}

void TcpReassembler::drain(std::int64_t timeNs, const Sink& sink) {
    while (!m_held.empty() && m_held.begin()->first <= m_next) {
        auto node = m_held.extract(m_held.begin());
        const std::uint64_t offset = node.key();
        Held& h = node.mapped();
        release(h.bytes.size());
        m_heldBytes -= h.bytes.size();
        if (offset + h.claimed <= m_next) {
            StreamEvent e = event(StreamEvent::Kind::Retransmission, offset, h.claimed, timeNs);
            e.resent = compare(offset, h.bytes, h.claimed);
            sink(e);
            continue;
        }
        deliver(offset, h.bytes, h.claimed, timeNs, sink);
    }
}

void TcpReassembler::gapTo(std::uint64_t end, GapCause cause, std::int64_t timeNs,
                           const Sink& sink) {
    if (end <= m_next) {
        return;
    }
    StreamEvent e = event(StreamEvent::Kind::Gap, m_next, end - m_next, timeNs);
    e.gapCause = cause;
    sink(e);
    m_nextSeq += static_cast<std::uint32_t>(end - m_next);
    m_next = end;
    m_historyBegin = end; // the ring no longer holds a contiguous past
}

void TcpReassembler::flushHeld(std::uint64_t upTo, GapCause cause, std::int64_t timeNs,
                               const Sink& sink) {
    while (!m_held.empty() && m_held.begin()->first < upTo) {
        gapTo(m_held.begin()->first, cause, timeNs, sink);
        drain(timeNs, sink);
    }
    if (upTo != kNoLimit && upTo > m_next) {
        gapTo(upTo, cause, timeNs, sink);
    }
}

void TcpReassembler::maybeFin(std::int64_t timeNs, const Sink& sink) {
    if (m_finOffset && !m_finDelivered && m_next >= *m_finOffset) {
        m_finDelivered = true;
        sink(event(StreamEvent::Kind::Fin, *m_finOffset, 0, timeNs));
    }
}

void TcpReassembler::remember(std::span<const std::byte> bytes) {
    if (m_historyCapacity == 0) {
        return;
    }
    if (m_history.size() != m_historyCapacity) {
        m_history.resize(m_historyCapacity);
    }
    const std::size_t size = m_history.size();
    // Only the last `size` bytes can be kept.
    const std::size_t skip = bytes.size() > size ? bytes.size() - size : 0;
    for (std::size_t i = skip; i < bytes.size(); ++i) {
        m_history[(m_next + i) % size] = bytes[i];
    }
}

Resent TcpReassembler::compare(std::uint64_t offset, std::span<const std::byte> bytes,
                               std::uint64_t claimed) const {
    const std::size_t size = m_history.size();
    if (size == 0) {
        return Resent::NotCompared;
    }
    std::uint64_t compared = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const std::uint64_t o = offset + i;
        if (o < m_historyBegin || o >= m_next || m_next - o > size) {
            continue;
        }
        if (m_history[o % size] != bytes[i]) {
            return Resent::Differs;
        }
        ++compared;
    }
    return compared == claimed ? Resent::Same : Resent::NotCompared;
}

void TcpReassembler::release(std::size_t bytes) {
    m_budget.usedBytes -= std::min(bytes, m_budget.usedBytes);
}

} // namespace socklab
