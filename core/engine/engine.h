#pragma once

#include "core/capture/traffic_store.h"
#include "core/engine/event_queue.h"
#include "core/vocab/commands.h"

#include <memory>

namespace socklab {

/// The socket engine: owns every socket and one epoll loop. Thread-safe front door:
/// open()/post() from any thread; events come out of events().
/// Either start() a dedicated engine thread, or drive it from the caller with runOnce() (tests).
class Engine {
public:
    Engine();
    ~Engine(); ///< stops the thread, closes every socket
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    /// Start the engine thread. Idempotent.
    void start();
    /// Stop and join the engine thread (sockets stay open until destruction).
    void stop();
    /// Run one loop iteration on the calling thread (only when not started). Returns the number
    /// of handlers dispatched.
    int runOnce(int timeout_ms);

    /// Create a session; the id is valid at once, the outcome arrives as events.
    SessionId open(OpenSession request);
    /// Replace session `previous` by a new one that continues its capture: `previous` is
    /// destroyed (its socket closed), then the new session opens and appends after the
    /// records already there (listener children get ids after the ones already captured).
    /// request.store is ignored then; a fresh capture is made when `previous` is unknown.
    SessionId reopen(SessionId previous, OpenSession request);
    /// Queue a command for the engine thread and wake it.
    void post(Command command);

    /// The session's capture (thread-safe reads). Null for unknown ids.
    [[nodiscard]] std::shared_ptr<const TrafficStore> store(SessionId session) const;
    EventQueue& events();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace socklab
