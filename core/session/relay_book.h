#pragma once

#include "core/vocab/commands.h"
#include "core/vocab/events.h"
#include "core/vocab/relay.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace socklab {

class Session;

/// What both relay kinds keep beside their sockets: the current impairment and hold settings
/// per direction, the hold queue, and the figures event (sent on change at most every 100 ms).
class RelayBook {
public:
    /// collect fills the pipeline counters and pair counts the book does not own.
    RelayBook(Session& session, std::function<void(RelayFigures&)> collect);
    ~RelayBook();
    RelayBook(const RelayBook&) = delete;
    RelayBook& operator=(const RelayBook&) = delete;

    /// RelaySettings events for both directions (at start).
    void announce();
    [[nodiscard]] const Impairment& impairment(RelayDirection d) const;
    /// Store the new impairment, record it, announce it. The caller applies it to pipelines.
    void setImpairment(RelayDirection d, const Impairment& impairment);
    [[nodiscard]] bool holding(RelayDirection d) const;
    void setHolding(RelayDirection d, bool hold);

    /// Queue a message (HeldQueued event, Info record "held #id"). Returns its id.
    std::uint64_t hold(ConnectionId connection, RelayDirection d, std::vector<std::byte> bytes,
                       std::uint64_t recordSeq);
    /// Take held messages out: one id, or every one of direction d (id 0), in order.
    /// HeldGone events say `how` ("released", "edited", "dropped": SL_N-marked, the text stays
    /// as is; a missing id's Error event has it translated as its operation).
    std::vector<HeldMessage> take(RelayDirection d, std::uint64_t id, std::string_view how);
    /// Forget the held messages of a connection that closed (HeldGone "closed").
    void forget(ConnectionId connection);
    [[nodiscard]] std::size_t heldCount() const { return m_held.size(); }
    /// True when the hold queue is at its limit (holdLimit messages, or 16 x bufferBytes of
    /// bytes): sources stop being read until it shrinks.
    [[nodiscard]] bool holdFull() const;
    [[nodiscard]] std::size_t heldCount(ConnectionId connection, RelayDirection d) const;
    [[nodiscard]] std::size_t heldBytes(ConnectionId connection, RelayDirection d) const;

    void countInjected(RelayDirection d) {
        ++(d == RelayDirection::ToServer ? m_extra.injectedToServer : m_extra.injectedToClient);
    }
    void countHeldDropped(RelayDirection d) {
        ++(d == RelayDirection::ToServer ? m_extra.heldDroppedToServer
                                         : m_extra.heldDroppedToClient);
    }
    void countUnsent(RelayDirection d) {
        ++(d == RelayDirection::ToServer ? m_extra.unsentToServer : m_extra.unsentToClient);
        touch();
    }
    /// The held message with this id, or nullptr.
    [[nodiscard]] const HeldMessage* find(std::uint64_t id) const;
    /// Ids of the messages of connection and d held before id, oldest first.
    [[nodiscard]] std::vector<std::uint64_t> heldBefore(ConnectionId connection, RelayDirection d,
                                                        std::uint64_t id) const;
    RelayFigures& extra() { return m_extra; } ///< pairs/expired/failures kept by the kinds
    /// Something changed: a figures event follows within 100 ms.
    void touch();
    /// Figures event now.
    void emitFigures();
    [[nodiscard]] RelayFigures figures() const;

private:
    struct HeldTotals {
        std::size_t count = 0;
        std::size_t bytes = 0;
    };
    void announce(RelayDirection d);
    void addHeld(const HeldMessage& m, int sign);

    Session& m_session;
    std::function<void(RelayFigures&)> m_collect;
    Impairment m_toServer;
    Impairment m_toClient;
    bool m_holdToServer = false;
    bool m_holdToClient = false;
    std::map<std::uint64_t, HeldMessage> m_held;
    std::uint64_t m_nextHeld = 1;
    std::size_t m_heldBytes = 0;
    std::map<std::pair<ConnectionId, RelayDirection>, HeldTotals> m_heldBy; ///< O(1) lookups
    RelayFigures m_extra;
    std::optional<RelayFigures> m_lastSent;
    std::uint64_t m_timer = 0;
};

/// Record each note as an Info record flagged Impaired on connection, in direction d's terms.
void recordNotes(Session& session, ConnectionId connection, RelayDirection d,
                 const std::vector<ImpairmentNote>& notes, bool datagram);

} // namespace socklab
