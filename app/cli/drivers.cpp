#include "app/cli/drivers.h"

#include "core/session/send_queue.h"

#include <algorithm>

namespace socklab::cli {

static_assert(kErrorExit == kExitFailure, "an engine error ends a run like any network failure");

namespace {

// Stop reading stdin while more than this is posted but not yet written by the engine, so
// piping a large file does not queue it all in memory. Half the send queue cap, and never so
// much that one more stdin read (64 KiB) and its chunk overhead would not fit: no piped byte is
// ever refused as "send queue full". 0 (a cap of 64 KiB): wait until the queue is empty, which
// admits any send.
constexpr std::uint64_t kStdinReadBytes = 64u << 10;

std::uint64_t maxBacklogBytes(std::size_t sendQueueBytes) {
    const std::uint64_t cap = sendQueueBytes == 0 ? SendQueue::kDefaultCapBytes : sendQueueBytes;
    const std::uint64_t room = kStdinReadBytes + 4 * SendQueue::kChunkOverheadBytes;
    return cap <= room ? 0 : std::min(cap / 2, cap - room);
}

bool isSessionState(const EngineEvent& e) {
    return e.kind == EngineEvent::Kind::StateChanged && e.connection == 0;
}

} // namespace

// ---- StreamClientDriver ----

StreamClientDriver::StreamClientDriver(Runner& runner, SessionId id, Config config)
    : m_runner(runner), m_id(id), m_config(std::move(config)),
      m_watch(id, {SessionState::Connected}) {}

void StreamClientDriver::onEvent(const EngineEvent& e) {
    if (e.session != m_id) {
        return;
    }
    m_lastActivity = Clock::now();
    if (e.kind == EngineEvent::Kind::Error) {
        m_failed = true;
    }
    switch (m_watch.onEvent(e)) {
    case SessionWatch::Step::Up:
        if (m_config.verbose) {
            notice("connected " + e.local + " -> " + e.peer);
        }
        for (const SendStep& s : m_config.steps) {
            m_runner.post(SendData{m_id, 0, s.bytes, s.oob, {}});
        }
        if (!m_config.steps.empty()) {
            shutdownWrite();
        }
        break;
    case SessionWatch::Step::Closed:
        finish(m_failed ? kExitFailure : kExitOk);
        break;
    case SessionWatch::Step::Failed:
        finish(kExitFailure);
        break;
    case SessionWatch::Step::None:
        if (isSessionState(e) && e.state == SessionState::PeerClosed &&
            (!m_config.halfClose || m_writeDone)) {
            m_runner.post(CloseSocket{m_id, 0, false});
        }
        break;
    }
}

bool StreamClientDriver::wantsStdin() const {
    if (!m_watch.up() || m_writeDone || !m_config.steps.empty()) {
        return false;
    }
    const auto store = m_runner.engine().store(m_id);
    const std::uint64_t written = store ? store->counters().bytesOut : 0;
    return m_posted - std::min(written, m_posted) <= maxBacklogBytes(m_config.sendQueueBytes);
}

void StreamClientDriver::onStdin(std::span<const std::byte> bytes) {
    m_posted += bytes.size();
    m_runner.post(SendData{m_id, 0, {bytes.begin(), bytes.end()}, false, {}});
}

void StreamClientDriver::onStdinEof() {
    if (m_config.steps.empty()) {
        shutdownWrite();
    }
}

void StreamClientDriver::shutdownWrite() {
    if (!m_writeDone) {
        m_writeDone = true;
        m_runner.post(ShutdownWrite{m_id, 0});
    }
}

std::optional<Clock::time_point> StreamClientDriver::deadline() const {
    if (m_config.timeout_ms <= 0) {
        return std::nullopt;
    }
    return m_lastActivity + std::chrono::milliseconds(m_config.timeout_ms);
}

void StreamClientDriver::onDeadline() {
    if (!m_watch.up()) {
        notice(sysError(ETIMEDOUT, "connect", m_config.target,
                        "no answer within " + std::to_string(m_config.timeout_ms) + " ms")
                   .message());
        finish(kExitFailure);
        return;
    }
    if (m_config.verbose) {
        notice("idle for " + std::to_string(m_config.timeout_ms) + " ms: closing");
    }
    finish(m_failed ? kExitFailure : kExitOk);
}

// ---- ListenDriver ----

ListenDriver::ListenDriver(Runner& runner, SessionId id, Config config)
    : m_runner(runner), m_id(id), m_config(config), m_watch(id, {SessionState::Listening}) {}

void ListenDriver::onEvent(const EngineEvent& e) {
    if (e.session != m_id) {
        return;
    }
    if (e.kind == EngineEvent::Kind::Accepted) {
        ++m_accepted;
        const bool refuse =
            (m_config.once && m_accepted > 1) ||
            (m_config.maxConnections > 0 && int(m_open.size()) >= m_config.maxConnections);
        if (refuse) {
            notice("closing connection #" + std::to_string(e.connection) + " from " + e.peer +
                   ": connection limit reached");
            m_runner.post(CloseSocket{m_id, e.connection, false});
            return;
        }
        m_open.insert(e.connection);
        m_postedAtAccept[e.connection] = m_posted;
        if (m_first == 0) {
            m_first = e.connection;
        }
        if (m_config.verbose) {
            notice("accepted #" + std::to_string(e.connection) + " from " + e.peer);
        }
        return;
    }
    if (e.kind == EngineEvent::Kind::Backpressure) {
        // Stop reading stdin while a client does not read: its queue would refuse the rest.
        if (e.backpressure) {
            m_pressure.insert(e.connection);
        } else {
            m_pressure.erase(e.connection);
        }
        return;
    }
    if (e.kind != EngineEvent::Kind::StateChanged) {
        return;
    }
    if (e.connection == 0) {
        switch (m_watch.onEvent(e)) {
        case SessionWatch::Step::Up:
            notice("listening on " + e.local);
            break;
        case SessionWatch::Step::Failed:
            finish(kExitFailure);
            break;
        case SessionWatch::Step::Closed:
            finish(kExitOk);
            break;
        case SessionWatch::Step::None:
            break;
        }
        return;
    }
    if (e.state == SessionState::Closed || e.state == SessionState::Failed) {
        m_pressure.erase(e.connection);
        m_postedAtAccept.erase(e.connection);
        if (m_open.erase(e.connection) && m_config.verbose) {
            notice("connection #" + std::to_string(e.connection) + " closed");
        }
        if (m_config.once && e.connection == m_first) {
            finish(e.state == SessionState::Failed ? kExitFailure : kExitOk);
        }
    }
}

bool ListenDriver::wantsStdin() const {
    if (!m_watch.up() || m_open.empty() || !m_pressure.empty()) {
        return false;
    }
    // As the client: no child may have more than maxBacklogBytes posted but not yet written.
    const auto store = m_runner.engine().store(m_id);
    const std::uint64_t maxBacklog = maxBacklogBytes(m_config.sendQueueBytes);
    for (const auto& [child, atAccept] : m_postedAtAccept) {
        const std::uint64_t written = store ? store->counters(child).bytesOut : 0;
        if (m_posted - atAccept - std::min(written, m_posted - atAccept) > maxBacklog) {
            return false;
        }
    }
    return true;
}

void ListenDriver::onStdin(std::span<const std::byte> bytes) {
    m_posted += bytes.size();
    m_runner.post(SendData{m_id, kAllConnections, {bytes.begin(), bytes.end()}, false, {}});
}

// ---- DatagramDriver ----

DatagramDriver::DatagramDriver(Runner& runner, SessionId id, Config config)
    : m_runner(runner), m_id(id), m_config(std::move(config)),
      m_watch(id, {SessionState::Bound, SessionState::Connected}) {}

void DatagramDriver::onEvent(const EngineEvent& e) {
    if (e.session != m_id) {
        return;
    }
    m_lastActivity = Clock::now();
    if (e.kind == EngineEvent::Kind::Error) {
        ++m_errors;
        if (m_watch.up() && m_expectedOut > 0) {
            ++m_sendErrors;
        }
    }
    switch (m_watch.onEvent(e)) {
    case SessionWatch::Step::Up:
        notice("bound to " + (e.local.empty() ? std::string("(unnamed)") : e.local) +
               (e.peer.empty() ? "" : ", connected to " + e.peer));
        for (int i = 0; i < m_config.count; ++i) {
            for (const SendStep& s : m_config.steps) {
                m_runner.post(SendData{m_id, 0, s.bytes, false, m_config.destination});
                ++m_expectedOut;
            }
        }
        break;
    case SessionWatch::Step::Failed:
        finish(kExitFailure);
        break;
    case SessionWatch::Step::Closed:
        finish(m_errors ? kExitFailure : kExitOk);
        break;
    case SessionWatch::Step::None:
        break;
    }
    checkProgress();
}

void DatagramDriver::checkProgress() {
    const auto store = m_runner.engine().store(m_id);
    if (!store || finished()) {
        return;
    }
    const TrafficCounters c = store->counters();
    if (m_config.receiveLimit > 0 && c.messagesIn >= std::uint64_t(m_config.receiveLimit)) {
        finish(m_errors ? kExitFailure : kExitOk);
        return;
    }
    if (m_expectedOut > 0 && !m_lingerUntil && c.messagesOut + m_sendErrors >= m_expectedOut &&
        m_config.receiveLimit == 0) {
        m_lingerUntil = Clock::now() + std::chrono::milliseconds(m_config.linger_ms);
    }
}

bool DatagramDriver::wantsStdin() const {
    return m_watch.up() && m_config.steps.empty() &&
           (m_config.connected || !m_config.destination.empty());
}

void DatagramDriver::onStdin(std::span<const std::byte> bytes) {
    m_runner.post(SendData{m_id, 0, {bytes.begin(), bytes.end()}, false, m_config.destination});
}

void DatagramDriver::onStdinEof() {
    if (m_config.receiveLimit == 0) {
        m_lingerUntil = Clock::now() + std::chrono::milliseconds(m_config.linger_ms);
    }
}

std::optional<Clock::time_point> DatagramDriver::deadline() const {
    if (m_lingerUntil) {
        return m_lingerUntil;
    }
    if (m_config.receiveLimit > 0 && m_config.receiveTimeout_ms > 0) {
        return m_lastActivity + std::chrono::milliseconds(m_config.receiveTimeout_ms);
    }
    return std::nullopt;
}

void DatagramDriver::onDeadline() {
    if (!m_lingerUntil && m_config.receiveLimit > 0) {
        const auto store = m_runner.engine().store(m_id);
        const std::uint64_t got = store ? store->counters().messagesIn : 0;
        notice("received " + std::to_string(got) + " of " + std::to_string(m_config.receiveLimit) +
               " datagrams: nothing more within " + std::to_string(m_config.receiveTimeout_ms) +
               " ms");
        finish(kExitFailure);
        return;
    }
    finish(m_errors ? kExitFailure : kExitOk);
}

} // namespace socklab::cli
