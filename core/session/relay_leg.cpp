#include "core/session/relay_leg.h"

#include "core/net/socket_ops.h"

#include <cerrno>

namespace socklab {

namespace {

// The same per-wakeup budget as StreamConnection: about a millisecond of copying, so one busy
// pair cannot starve the other sockets of the engine.
constexpr std::size_t kReadBytes = 256u << 10;
constexpr std::size_t kBytesPerWakeup = 1u << 20;
constexpr int kReadsPerWakeup = 64;

} // namespace

RelayLeg::RelayLeg(EventLoop& loop, std::span<std::byte> readBuffer, std::string label,
                   Callbacks callbacks)
    : m_loop(loop), m_buffer(readBuffer.first(std::min(readBuffer.size(), kReadBytes))),
      m_label(std::move(label)), m_callbacks(std::move(callbacks)) {}

RelayLeg::~RelayLeg() {
    if (m_fd.valid()) {
        m_loop.unwatch(m_fd.get());
    }
}

Status RelayLeg::attach(UniqueFd fd, bool connecting) {
    m_fd = std::move(fd);
    m_connecting = connecting;
    const std::uint32_t interest = connecting ? LoopEvent::Writable : LoopEvent::Readable;
    return m_loop.watch(m_fd.get(), interest, [this](std::uint32_t ev) { onEvents(ev); });
}

void RelayLeg::write(std::span<const std::byte> bytes) {
    if (!m_fd.valid() || bytes.empty() || m_writeShut || m_shutdownPending) {
        return;
    }
    if (!m_connecting && m_queue.empty()) {
        // Most writes complete at once: send before copying anything into the queue.
        auto r = sockops::sendSome(m_fd.get(), bytes, false, m_label);
        if (!r) {
            failWith(r.error());
            return;
        }
        if (!r->wouldBlock) {
            bytes = bytes.subspan(r->bytes);
        }
        if (bytes.empty()) {
            if (m_callbacks.onDrained) {
                m_callbacks.onDrained();
            }
            return;
        }
    }
    m_queue.emplace_back(bytes.begin(), bytes.end());
    m_queuedBytes += bytes.size();
    updateInterest();
}

void RelayLeg::shutdownWrite() {
    if (!m_fd.valid() || m_writeShut) {
        return;
    }
    m_shutdownPending = true;
    if (!m_connecting && m_queue.empty()) {
        flush();
    }
}

void RelayLeg::close(bool abortive) {
    if (!m_fd.valid()) {
        return;
    }
    if (abortive) {
        (void)sockops::setAbortiveLinger(m_fd.get(), m_label);
    }
    m_loop.unwatch(m_fd.get());
    m_fd.reset();
    m_queue.clear();
    m_queuedBytes = 0;
}

void RelayLeg::setReading(bool on) {
    if (m_reading == on) {
        return;
    }
    m_reading = on;
    if (on && m_parked && !m_eof && m_fd.valid()) {
        m_parked = false;
        if (auto st = m_loop.watch(m_fd.get(), LoopEvent::Readable,
                                   [this](std::uint32_t ev) { onEvents(ev); });
            !st) {
            failWith(st.error());
            return;
        }
    }
    updateInterest();
}

void RelayLeg::onEvents(std::uint32_t events) {
    if (m_connecting) {
        if (!(events & (LoopEvent::Writable | LoopEvent::Error | LoopEvent::Hangup))) {
            return;
        }
        if (const int err = sockops::takePendingError(m_fd.get()); err != 0) {
            failWith(sysError(err, "connect", m_label));
            return;
        }
        m_connecting = false;
        updateInterest();
        if (m_callbacks.onConnected) {
            m_callbacks.onConnected();
        }
        if (m_fd.valid()) {
            flush();
        }
        return;
    }
    if ((events & (LoopEvent::Readable | LoopEvent::Error | LoopEvent::Hangup)) && m_reading &&
        !m_eof) {
        readAvailable();
        if (!m_fd.valid()) {
            return;
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
            failWith(sysError(err, "socket", m_label));
            return;
        }
    }
    if ((events & LoopEvent::Hangup) && (m_eof || !m_reading) && m_queue.empty()) {
        // epoll reports HUP whatever the interest: with nothing to read now (EOF seen, or
        // reading paused by backpressure) it would fire forever. Stop watching; setReading(true)
        // watches again and reads what is left, the EOF included.
        m_loop.unwatch(m_fd.get());
        m_parked = true;
    }
}

void RelayLeg::readAvailable() {
    std::size_t total = 0;
    for (int i = 0; i < kReadsPerWakeup && total < kBytesPerWakeup && m_fd.valid() && m_reading;
         ++i) {
        auto r = sockops::recvSome(m_fd.get(), m_buffer, false, m_label);
        if (!r) {
            failWith(r.error());
            return;
        }
        if (r->wouldBlock) {
            return;
        }
        if (r->eof) {
            m_eof = true;
            updateInterest(); // a level-triggered EOF would fire forever
            if (m_callbacks.onEof) {
                m_callbacks.onEof();
            }
            return;
        }
        total += r->bytes;
        if (m_callbacks.onBytes) {
            m_callbacks.onBytes(std::span<const std::byte>(m_buffer).first(r->bytes));
        }
        if (r->bytes < m_buffer.size()) {
            return;
        }
    }
}

void RelayLeg::flush() {
    while (m_fd.valid() && !m_queue.empty()) {
        const auto& front = m_queue.front();
        const auto pending = std::span<const std::byte>(front).subspan(m_frontOffset);
        auto r = sockops::sendSome(m_fd.get(), pending, false, m_label);
        if (!r) {
            failWith(r.error());
            return;
        }
        if (r->wouldBlock) {
            break;
        }
        m_frontOffset += r->bytes;
        m_queuedBytes -= r->bytes;
        if (m_frontOffset == front.size()) {
            m_queue.pop_front();
            m_frontOffset = 0;
        }
    }
    if (!m_fd.valid()) {
        return;
    }
    if (m_queue.empty() && m_shutdownPending && !m_writeShut) {
        m_shutdownPending = false;
        if (auto st = sockops::shutdownWrite(m_fd.get(), m_label); !st) {
            failWith(st.error());
            return;
        }
        m_writeShut = true;
    }
    updateInterest();
    if (m_queue.empty() && m_callbacks.onDrained) {
        m_callbacks.onDrained();
    }
}

void RelayLeg::updateInterest() {
    if (!m_fd.valid() || !m_loop.watching(m_fd.get())) {
        return;
    }
    std::uint32_t interest = 0;
    if (m_connecting) {
        interest = LoopEvent::Writable;
    } else {
        if (m_reading && !m_eof) {
            interest |= LoopEvent::Readable;
        }
        if (!m_queue.empty()) {
            interest |= LoopEvent::Writable;
        }
    }
    (void)m_loop.modify(m_fd.get(), interest);
}

void RelayLeg::failWith(const Error& error) {
    if (!m_fd.valid()) {
        return;
    }
    m_loop.unwatch(m_fd.get());
    m_fd.reset();
    m_queue.clear();
    m_queuedBytes = 0;
    if (m_callbacks.onError) {
        m_callbacks.onError(error);
    }
}

} // namespace socklab
