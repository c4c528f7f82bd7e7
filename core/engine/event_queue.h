#pragma once

#include "core/vocab/events.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace socklab {

/// The engine's outbox. The engine thread pushes; a consumer drains in one swap.
/// The notify callback runs (on the pushing thread) only on the empty -> non-empty transition,
/// so a burst of events wakes the consumer once (like libuv's async handle).
class EventQueue {
public:
    /// Called on the engine thread; must be cheap and thread-safe (e.g. post a queued call).
    void setNotify(std::function<void()> notify);
    void push(EngineEvent event);
    /// Take everything queued, in order.
    std::vector<EngineEvent> drain();
    /// Block up to timeout_ms for at least one event, then drain (CLI and tests).
    std::vector<EngineEvent> waitAndDrain(int timeout_ms);
    [[nodiscard]] std::size_t size() const;

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<EngineEvent> m_events;
    std::function<void()> m_notify;
};

} // namespace socklab
