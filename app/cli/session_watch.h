#pragma once

#include "core/engine/engine.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace socklab::cli {

/// The session-level state (connection 0) a driver waits on: Up once, the first time the
/// session reaches one of its ready states (Connected, Listening, Bound...), then Failed and
/// Closed as they come. Every other event is None (drivers look at those themselves).
class SessionWatch {
public:
    enum class Step : std::uint8_t { None = 1, Up, Failed, Closed };

    SessionWatch(SessionId id, std::initializer_list<SessionState> ready)
        : m_id(id), m_ready(ready) {}

    Step onEvent(const EngineEvent& e) {
        if (e.session != m_id || e.kind != EngineEvent::Kind::StateChanged || e.connection != 0) {
            return Step::None;
        }
        if (!m_up && std::find(m_ready.begin(), m_ready.end(), e.state) != m_ready.end()) {
            m_up = true;
            return Step::Up;
        }
        if (e.state == SessionState::Failed) {
            return Step::Failed;
        }
        if (e.state == SessionState::Closed) {
            return Step::Closed;
        }
        return Step::None;
    }

    /// The session reached a ready state.
    [[nodiscard]] bool up() const { return m_up; }

private:
    SessionId m_id;
    std::vector<SessionState> m_ready;
    bool m_up = false;
};

} // namespace socklab::cli
