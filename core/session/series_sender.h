#pragma once

#include "core/loop/event_loop.h"
#include "core/vocab/commands.h"

#include <cstdint>

namespace socklab {

class Session;

/// Sends a SendSeries through its session's send(): message i is due at start + (i-1) *
/// interval (absolute, so timer lateness does not add up), several due at once go together.
/// Ends with a SeriesDone event; cancels its timer when destroyed. While the connection's send
/// queue is full it waits (retrying every 10 ms) rather than have messages refused.
class SeriesSender {
public:
    SeriesSender(Session& session, SendSeries series);
    ~SeriesSender();
    SeriesSender(const SeriesSender&) = delete;
    SeriesSender& operator=(const SeriesSender&) = delete;

    void start();

private:
    void tick();

    Session& m_session;
    SendSeries m_series;
    std::int64_t m_startNs = 0;
    int m_next = 1;
    EventLoop::TimerId m_timer = 0;
};

} // namespace socklab
