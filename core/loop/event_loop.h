#pragma once

#include "core/base/result.h"
#include "core/base/unique_fd.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <unordered_map>

namespace socklab {

/// Readiness bits passed to fd handlers (mirrors of EPOLLIN/OUT/PRI/ERR/HUP, kept here so
/// callers need not include <sys/epoll.h>).
namespace LoopEvent {
inline constexpr std::uint32_t Readable = 1u << 0;
inline constexpr std::uint32_t Writable = 1u << 1;
inline constexpr std::uint32_t Priority = 1u << 2; ///< urgent (OOB) data pending
inline constexpr std::uint32_t Error = 1u << 3;
inline constexpr std::uint32_t Hangup = 1u << 4;
} // namespace LoopEvent

/// A single-threaded epoll loop: fd watches (level-triggered), one-shot/repeating timers and a
/// thread-safe wakeup through an eventfd. Handlers may add or remove watches and timers,
/// including their own, while being dispatched.
class EventLoop {
public:
    using FdHandler = std::function<void(std::uint32_t events)>;
    using TimerId = std::uint64_t;

    EventLoop();
    ~EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    /// False when epoll/eventfd creation failed (see initError()).
    [[nodiscard]] bool valid() const;
    [[nodiscard]] const Error& initError() const;

    /// Watch fd for the LoopEvent bits in `events` (Error/Hangup are always reported).
    Status watch(int fd, std::uint32_t events, FdHandler handler);
    /// Change the interest set of a watched fd.
    Status modify(int fd, std::uint32_t events);
    /// Stop watching fd (does not close it). No-op when not watched.
    void unwatch(int fd);
    [[nodiscard]] bool watching(int fd) const;
    /// Current interest set of fd (0 when not watched).
    [[nodiscard]] std::uint32_t interest(int fd) const;

    /// Run handler after delay_ms; repeats every delay_ms when repeat is true.
    TimerId addTimer(int delay_ms, std::function<void()> handler, bool repeat = false);
    void cancelTimer(TimerId id);

    /// Called on the loop thread after a wakeup() (coalesced: several wakeups may run it once).
    void setWakeHandler(std::function<void()> handler);
    /// Thread-safe: make the running (or next) runOnce() return promptly and run the wake handler.
    void wakeup();

    /// Wait up to timeout_ms (-1 = until something happens) and dispatch ready handlers.
    /// Returns the number of handlers run (fd handlers, timers, wake handler).
    int runOnce(int timeout_ms);

private:
    struct Watch {
        int fd = -1;
        std::uint32_t events = 0;
        std::uint64_t token = 0; ///< distinguishes a re-watched fd from a stale epoll event
        std::shared_ptr<FdHandler> handler;
    };
    struct Timer {
        std::chrono::steady_clock::time_point due;
        std::chrono::milliseconds period{0};
        bool repeat = false;
        std::shared_ptr<std::function<void()>> handler;
    };

    int runTimers();
    int timeoutFor(int timeout_ms) const;

    UniqueFd m_epoll;
    UniqueFd m_wakeFd;
    Error m_initError;
    std::uint64_t m_nextToken = 1;
    std::unordered_map<int, Watch> m_watches;
    std::unordered_map<std::uint64_t, int> m_tokenFd;
    TimerId m_nextTimer = 1;
    std::map<TimerId, Timer> m_timers;
    std::function<void()> m_wakeHandler;
};

} // namespace socklab
