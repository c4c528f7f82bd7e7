#include "core/engine/event_queue.h"

namespace socklab {

void EventQueue::setNotify(std::function<void()> notify) {
    std::lock_guard lock(m_mutex);
    m_notify = std::move(notify);
}

void EventQueue::push(EngineEvent event) {
    std::function<void()> notify;
    {
        std::lock_guard lock(m_mutex);
        const bool wasEmpty = m_events.empty();
        m_events.push_back(std::move(event));
        if (wasEmpty) {
            notify = m_notify;
        }
    }
    m_cv.notify_all();
    // Outside the lock: the callback may drain() from this thread without deadlocking.
    if (notify) {
        notify();
    }
}

std::vector<EngineEvent> EventQueue::drain() {
    std::vector<EngineEvent> out;
    std::lock_guard lock(m_mutex);
    out.swap(m_events);
    return out;
}

std::vector<EngineEvent> EventQueue::waitAndDrain(int timeout_ms) {
    std::vector<EngineEvent> out;
    std::unique_lock lock(m_mutex);
    if (timeout_ms < 0) {
        m_cv.wait(lock, [this] { return !m_events.empty(); });
    } else {
        m_cv.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [this] { return !m_events.empty(); });
    }
    out.swap(m_events);
    return out;
}

std::size_t EventQueue::size() const {
    std::lock_guard lock(m_mutex);
    return m_events.size();
}

} // namespace socklab
