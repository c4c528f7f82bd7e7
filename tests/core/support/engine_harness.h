#pragma once

// Test helper: an Engine on its own thread plus a log of every event it emitted.
//
//   EngineHarness h;                                  // Engine started on construction
//   SessionId s = h.engine.open(request);
//   auto ev = h.waitFor([&](const EngineEvent& e) {   // bounded wait (ms), scans new events;
//       return e.session == s && e.kind == EngineEvent::Kind::Accepted; }, 5000);
//   QVERIFY(ev);                                      // std::optional<EngineEvent>
//   h.waitState(s, 0, SessionState::Listening);       // shorthand for StateChanged
//   auto l = h.listenTcp();                           // open 127.0.0.1:0 + wait Listening
//   QVERIFY(l);                                       // l->session, l->port
//   SessionId c = h.openTcpClient(port);              // client to 127.0.0.1:<port>
//   h.waitUntil([&] { return store->counters().bytesIn >= n; }, 30000); // polls + drains
//   h.log();                                          // every event so far, in order
//   h.dump();                                         // qDebug() of the log (on failure)
//
// waitFor() only matches events that arrived after the previous successful waitFor()
// (a cursor), so a sequence of waits reads like the protocol. errors(s) lists Error events.
// Byte helpers: storeBytes() concatenates a connection's Data bytes in one direction;
// storeSha256() hashes them without building one big buffer.

#include "core/engine/engine.h"

#include <QByteArray>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace socklab::test {

class EngineHarness {
public:
    EngineHarness();
    ~EngineHarness();

    Engine engine;

    using Pred = std::function<bool(const EngineEvent&)>;
    /// First event after the cursor matching pred, waiting up to timeout_ms.
    std::optional<EngineEvent> waitFor(const Pred& pred, int timeout_ms);
    std::optional<EngineEvent> waitState(SessionId s, ConnectionId c, SessionState state,
                                         int timeout_ms = 15000);
    std::optional<EngineEvent> waitKind(SessionId s, EngineEvent::Kind kind,
                                        int timeout_ms = 15000);
    /// A session that reached Listening: its id, local address and (IP) the port it got.
    struct Listener {
        SessionId session = 0;
        std::string local;
        std::uint16_t port = 0; ///< 0 off IP
    };
    /// Opens request and waits for its Listening state; nullopt if it did not get there.
    std::optional<Listener> listen(const OpenSession& request, int timeout_ms = 15000);
    /// listen() on a TCP listener at 127.0.0.1:0.
    std::optional<Listener> listenTcp(int timeout_ms = 15000);
    /// Opens a TCP client session to 127.0.0.1:port (port as a peer printed it); does not wait.
    SessionId openTcpClient(const QByteArray& port);
    /// Poll cond (draining events meanwhile) until true or timeout. Returns cond().
    bool waitUntil(const std::function<bool()>& cond, int timeout_ms);
    /// Drain whatever is queued now into the log.
    void pump(int timeout_ms = 0);

    [[nodiscard]] const std::vector<EngineEvent>& log() const { return m_log; }
    [[nodiscard]] std::vector<EngineEvent> errors(SessionId s) const;
    void dump() const;

private:
    std::vector<EngineEvent> m_log;
    std::size_t m_cursor = 0;
};

/// Concatenated Data bytes of one connection and direction (Oob records included only if asked).
QByteArray storeBytes(const TrafficStore& store, ConnectionId connection, Direction dir,
                      bool includeOob = false);
/// Hex SHA-256 of the same bytes, streamed; bytesOut receives the byte count.
QByteArray storeSha256(const TrafficStore& store, ConnectionId connection, Direction dir,
                       std::uint64_t* bytesOut = nullptr);
/// Records of the store matching a kind (and connection, unless kAllConnections).
std::vector<Record> storeRecords(const TrafficStore& store, RecordKind kind,
                                 ConnectionId connection = kAllConnections);
/// The Data records of the store in one direction (every connection).
std::vector<Record> dataRecords(const TrafficStore& store, Direction dir);

/// OpenSession for a spec given by numbers, with the common fields set.
OpenSession openRequest(int family, int type, int protocol, Role role, std::string local,
                        std::string remote = {});

} // namespace socklab::test
