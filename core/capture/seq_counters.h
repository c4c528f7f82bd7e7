#pragma once

#include "core/capture/traffic_store.h"

#include <atomic>
#include <cstdint>
#include <thread>

namespace socklab::detail {

/// TrafficCounters behind a seqlock: one writer updates, any thread reads a consistent snapshot
/// without a lock (the GUI polls counters at frame rate per connection).
class SeqCounters {
public:
    /// Writer only.
    void add(Direction dir, std::uint64_t bytes, std::uint16_t flags) {
        const std::uint64_t s = m_seq.load(std::memory_order_relaxed);
        m_seq.store(s + 1, std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_release);
        if (dir == Direction::In) {
            bump(m_bytesIn, bytes);
            bump(m_messagesIn, 1);
            bump(m_oobIn, (flags & RecordFlag::Oob) ? 1 : 0);
            bump(m_truncatedIn, (flags & RecordFlag::Truncated) ? 1 : 0);
        } else if (dir == Direction::Out) {
            bump(m_bytesOut, bytes);
            bump(m_messagesOut, 1);
            bump(m_oobOut, (flags & RecordFlag::Oob) ? 1 : 0);
        }
        m_seq.store(s + 2, std::memory_order_release);
    }

    /// Any thread.
    [[nodiscard]] TrafficCounters load() const {
        TrafficCounters c;
        for (;;) {
            const std::uint64_t s = m_seq.load(std::memory_order_acquire);
            if (s & 1) {
                std::this_thread::yield(); // the writer is inside add(), maybe preempted
                continue;
            }
            c.bytesIn = m_bytesIn.load(std::memory_order_relaxed);
            c.bytesOut = m_bytesOut.load(std::memory_order_relaxed);
            c.messagesIn = m_messagesIn.load(std::memory_order_relaxed);
            c.messagesOut = m_messagesOut.load(std::memory_order_relaxed);
            c.oobIn = m_oobIn.load(std::memory_order_relaxed);
            c.oobOut = m_oobOut.load(std::memory_order_relaxed);
            c.truncatedIn = m_truncatedIn.load(std::memory_order_relaxed);
            std::atomic_thread_fence(std::memory_order_acquire);
            if (m_seq.load(std::memory_order_relaxed) == s) {
                return c;
            }
        }
    }

private:
    static void bump(std::atomic<std::uint64_t>& a, std::uint64_t n) {
        if (n) {
            a.store(a.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
        }
    }

    std::atomic<std::uint64_t> m_seq{0};
    std::atomic<std::uint64_t> m_bytesIn{0};
    std::atomic<std::uint64_t> m_bytesOut{0};
    std::atomic<std::uint64_t> m_messagesIn{0};
    std::atomic<std::uint64_t> m_messagesOut{0};
    std::atomic<std::uint64_t> m_oobIn{0};
    std::atomic<std::uint64_t> m_oobOut{0};
    std::atomic<std::uint64_t> m_truncatedIn{0};
};

} // namespace socklab::detail
