#pragma once

#include "core/capture/record.h"
#include "core/impair/impairment.h"
#include "core/vocab/ids.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace socklab {

/// The two directions of a relay. In its capture, ToServer data is recorded as Direction::In
/// (received from the client) and ToClient data as Direction::Out (received from the server,
/// sent to the client), so every view, find and export works unchanged; relay views name them
/// "client -> server" and "server -> client" (relayDirectionName).
enum class RelayDirection : std::uint8_t {
    ToServer = 1, ///< client -> server (upstream)
    ToClient,     ///< server -> client
};

[[nodiscard]] constexpr Direction captureDirection(RelayDirection d) {
    return d == RelayDirection::ToServer ? Direction::In : Direction::Out;
}
[[nodiscard]] constexpr RelayDirection relayDirectionOf(Direction d) {
    return d == Direction::Out ? RelayDirection::ToClient : RelayDirection::ToServer;
}

/// How a relay forwards (OpenSession::relay, used when role is Role::Relay): listen on
/// OpenSession::local with OpenSession::spec, forward to OpenSession::remote (the upstream).
struct RelayConfig {
    Impairment toServer; ///< what the client -> server direction does
    Impairment toClient;
    std::uint64_t seed = 1;    ///< the same seed, settings and traffic give the same fates
    bool holdToServer = false; ///< start with the direction held (see HoldDirection)
    bool holdToClient = false;
    int idleTimeout_ms = 60'000; ///< datagram: a client mapping without traffic expires
    /// Stream: bytes one direction may have in flight (pipeline + socket queue) before the relay
    /// stops reading the source; datagram: the per-direction budget of waiting bytes.
    std::size_t bufferBytes = 1u << 20;
    std::size_t holdLimit = 10'000; ///< held messages per relay; beyond: the source stalls
    friend bool operator==(const RelayConfig&, const RelayConfig&) = default;
};

/// One message waiting in a held direction (an engine-side queue the user works through).
struct HeldMessage {
    std::uint64_t id = 0;        ///< unique in the session, 1-based, ascending in arrival order
    ConnectionId connection = 0; ///< the pair (stream) or client mapping (datagram)
    RelayDirection direction = RelayDirection::ToServer;
    std::vector<std::byte> bytes;
    std::uint64_t recordSeq = 0; ///< the Data record of its arrival in the capture
};

/// The figures of one relay: per direction, what entered the impairment (after the hold queue;
/// injected messages included), what it did and what left; beside it what the hold queue and
/// the sockets did.
struct RelayFigures {
    ImpairmentCounters toServer;
    ImpairmentCounters toClient;
    std::uint64_t heldToServer = 0; ///< messages in the hold queue
    std::uint64_t heldToClient = 0;
    std::uint64_t injectedToServer = 0;
    std::uint64_t injectedToClient = 0;
    /// Messages the user dropped from the hold queue (they never entered the impairment).
    std::uint64_t heldDroppedToServer = 0;
    std::uint64_t heldDroppedToClient = 0;
    /// Datagrams the impairment delivered that could not be sent on (send queue full, a send
    /// error, an unnamed Unix client): the relay's own losses, apart from the impairment's.
    std::uint64_t unsentToServer = 0;
    std::uint64_t unsentToClient = 0;
    std::uint64_t pairs = 0;      ///< connection pairs / client mappings now open
    std::uint64_t pairsTotal = 0; ///< ever opened
    std::uint64_t upstreamFailures = 0;
    std::uint64_t expired = 0;         ///< datagram mappings expired by idle timeout
    bool backpressureToServer = false; ///< reading from the client is paused now
    bool backpressureToClient = false;
    friend bool operator==(const RelayFigures&, const RelayFigures&) = default;
};

} // namespace socklab
