#include "core/loop/event_loop.h"

#include "core/base/translate.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <vector>

namespace socklab {

namespace {

// The epoll data word carries a token, never a pointer: a handler may unwatch (and the fd number
// may be reused) while later events of the same epoll_wait batch still name the old watch.
constexpr std::uint64_t kWakeToken = 0;

std::uint32_t toEpoll(std::uint32_t events) {
    std::uint32_t out = 0;
    if (events & LoopEvent::Readable) {
        out |= EPOLLIN;
    }
    if (events & LoopEvent::Writable) {
        out |= EPOLLOUT;
    }
    if (events & LoopEvent::Priority) {
        out |= EPOLLPRI;
    }
    return out;
}

std::uint32_t fromEpoll(std::uint32_t events) {
    std::uint32_t out = 0;
    if (events & EPOLLIN) {
        out |= LoopEvent::Readable;
    }
    if (events & EPOLLOUT) {
        out |= LoopEvent::Writable;
    }
    if (events & EPOLLPRI) {
        out |= LoopEvent::Priority;
    }
    if (events & EPOLLERR) {
        out |= LoopEvent::Error;
    }
    if (events & EPOLLHUP) {
        out |= LoopEvent::Hangup;
    }
    return out;
}

} // namespace

EventLoop::EventLoop() {
    m_epoll.reset(epoll_create1(EPOLL_CLOEXEC));
    if (!m_epoll) {
        const int err = errno; // before translating: the translator may touch errno
        m_initError = sysError(err, "epoll_create1", SL_TR("socklab", "event loop"));
        return;
    }
    m_wakeFd.reset(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    if (!m_wakeFd) {
        const int err = errno; // before translating: the translator may touch errno
        m_initError = sysError(err, "eventfd", SL_TR("socklab", "event loop"));
        return;
    }
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kWakeToken;
    if (epoll_ctl(m_epoll.get(), EPOLL_CTL_ADD, m_wakeFd.get(), &ev) != 0) {
        m_initError = sysError(errno, "epoll_ctl ADD", "eventfd");
    }
}

// The eventfd closes before the epoll instance (members in reverse order), as before.
EventLoop::~EventLoop() = default;

bool EventLoop::valid() const {
    return m_epoll.valid() && m_wakeFd.valid() && !m_initError.code;
}

const Error& EventLoop::initError() const {
    return m_initError;
}

Status EventLoop::watch(int fd, std::uint32_t events, FdHandler handler) {
    if (m_watches.contains(fd)) {
        unwatch(fd);
    }
    Watch w;
    w.fd = fd;
    w.events = events;
    w.token = m_nextToken++;
    w.handler = std::make_shared<FdHandler>(std::move(handler));
    epoll_event ev{};
    ev.events = toEpoll(events);
    ev.data.u64 = w.token;
    if (epoll_ctl(m_epoll.get(), EPOLL_CTL_ADD, fd, &ev) != 0) {
        return fail(sysError(errno, "epoll_ctl ADD", "fd " + std::to_string(fd)));
    }
    m_tokenFd.emplace(w.token, fd);
    m_watches.emplace(fd, std::move(w));
    return {};
}

Status EventLoop::modify(int fd, std::uint32_t events) {
    auto it = m_watches.find(fd);
    if (it == m_watches.end()) {
        return fail(sysError(ENOENT, "epoll_ctl MOD", "fd " + std::to_string(fd)));
    }
    if (it->second.events == events) {
        return {};
    }
    epoll_event ev{};
    ev.events = toEpoll(events);
    ev.data.u64 = it->second.token;
    if (epoll_ctl(m_epoll.get(), EPOLL_CTL_MOD, fd, &ev) != 0) {
        return fail(sysError(errno, "epoll_ctl MOD", "fd " + std::to_string(fd)));
    }
    it->second.events = events;
    return {};
}

void EventLoop::unwatch(int fd) {
    auto it = m_watches.find(fd);
    if (it == m_watches.end()) {
        return;
    }
    epoll_ctl(m_epoll.get(), EPOLL_CTL_DEL, fd, nullptr);
    m_tokenFd.erase(it->second.token);
    m_watches.erase(it);
}

bool EventLoop::watching(int fd) const {
    return m_watches.contains(fd);
}

std::uint32_t EventLoop::interest(int fd) const {
    auto it = m_watches.find(fd);
    return it == m_watches.end() ? 0 : it->second.events;
}

EventLoop::TimerId EventLoop::addTimer(int delay_ms, std::function<void()> handler, bool repeat) {
    const auto period = std::chrono::milliseconds(std::max(delay_ms, 0));
    Timer t;
    t.due = std::chrono::steady_clock::now() + period;
    t.period = period;
    t.repeat = repeat;
    t.handler = std::make_shared<std::function<void()>>(std::move(handler));
    const TimerId id = m_nextTimer++;
    m_timers.emplace(id, std::move(t));
    return id;
}

void EventLoop::cancelTimer(TimerId id) {
    m_timers.erase(id);
}

void EventLoop::setWakeHandler(std::function<void()> handler) {
    m_wakeHandler = std::move(handler);
}

void EventLoop::wakeup() {
    const std::uint64_t one = 1;
    // EAGAIN means the counter is already non-zero: a wakeup is pending anyway.
    [[maybe_unused]] auto n = ::write(m_wakeFd.get(), &one, sizeof one);
}

int EventLoop::timeoutFor(int timeout_ms) const {
    if (m_timers.empty()) {
        return timeout_ms;
    }
    auto next = std::chrono::steady_clock::time_point::max();
    for (const auto& [id, t] : m_timers) {
        next = std::min(next, t.due);
    }
    const auto now = std::chrono::steady_clock::now();
    int untilTimer = 0;
    if (next > now) {
        // Round up so we do not wake a fraction of a millisecond early and spin.
        untilTimer =
            static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(next - now).count());
    }
    return timeout_ms < 0 ? untilTimer : std::min(timeout_ms, untilTimer);
}

int EventLoop::runTimers() {
    const auto now = std::chrono::steady_clock::now();
    std::vector<TimerId> due;
    for (const auto& [id, t] : m_timers) {
        if (t.due <= now) {
            due.push_back(id);
        }
    }
    int ran = 0;
    for (TimerId id : due) {
        auto it = m_timers.find(id);
        if (it == m_timers.end()) {
            continue; // cancelled by an earlier handler
        }
        auto handler = it->second.handler;
        if (it->second.repeat) {
            it->second.due = now + it->second.period;
        } else {
            m_timers.erase(it);
        }
        (*handler)();
        ++ran;
    }
    return ran;
}

int EventLoop::runOnce(int timeout_ms) {
    std::array<epoll_event, 64> events{};
    const int n = epoll_wait(m_epoll.get(), events.data(), static_cast<int>(events.size()),
                             timeoutFor(timeout_ms));
    int ran = 0;
    bool woken = false;
    for (int i = 0; i < n; ++i) {
        const std::uint64_t token = events[i].data.u64;
        if (token == kWakeToken) {
            std::uint64_t count = 0;
            [[maybe_unused]] auto r = ::read(m_wakeFd.get(), &count, sizeof count);
            woken = true;
            continue;
        }
        // Find the watch by token; it may have been removed by an earlier handler.
        std::shared_ptr<FdHandler> handler;
        if (auto t = m_tokenFd.find(token); t != m_tokenFd.end()) {
            handler = m_watches.at(t->second).handler;
        }
        if (handler) {
            (*handler)(fromEpoll(events[i].events));
            ++ran;
        }
    }
    if (woken && m_wakeHandler) {
        m_wakeHandler();
        ++ran;
    }
    ran += runTimers();
    return ran;
}

} // namespace socklab
