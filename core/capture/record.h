#pragma once

#include <cstdint>

namespace socklab {

/// Which way bytes went; Local for lifecycle events that are neither sent nor received.
enum class Direction : std::uint8_t { In = 1, Out, Local };

/// What a record is: data, or one lifecycle step of a socket.
enum class RecordKind : std::uint8_t {
    Data = 1,   ///< bytes sent (Out) or received (In)
    Opened,     ///< socket() succeeded; text = "AF_INET, SOCK_STREAM, IPPROTO_TCP fd 7"
    Bound,      ///< bind() done; text = local address
    Listening,  ///< listen() done
    Connecting, ///< non-blocking connect() in progress
    Connected,  ///< connect() completed (stream) or connect() on a datagram socket
    Accepted,   ///< a listener accepted a child connection (connectionId = the child)
    HalfClosed, ///< we called shutdown(SHUT_WR)
    PeerClosed, ///< the peer's FIN: read returned 0
    Closed,     ///< we closed gracefully
    Reset,      ///< abortive close (ours: SO_LINGER 0) or ECONNRESET from the peer
    Error,      ///< an error; err = errno, text = Error::message()
    Info,       ///< anything else worth showing (option applied, multicast join, ping reply)
};

/// Record flag bits.
namespace RecordFlag {
inline constexpr std::uint16_t Oob = 1 << 0;       ///< urgent data (MSG_OOB)
inline constexpr std::uint16_t Truncated = 1 << 1; ///< datagram longer than the buffer (MSG_TRUNC)
inline constexpr std::uint16_t Broadcast = 1 << 2;
inline constexpr std::uint16_t Multicast = 1 << 3;
inline constexpr std::uint16_t Evicted = 1 << 4; ///< bytes dropped by the memory cap
inline constexpr std::uint16_t Remote = 1 << 5;  ///< event caused by the peer (reset by peer)
inline constexpr std::uint16_t Icmp = 1 << 6;    ///< an ICMP echo request/reply
/// Relay: the record is about the upstream leg (the relay's socket towards the server).
inline constexpr std::uint16_t Upstream = 1 << 7;
/// Relay: an Info record saying what the impairment or the hold queue did to a message.
inline constexpr std::uint16_t Impaired = 1 << 8;
/// Relay: bytes the user injected (Data record; they did not come from the source).
inline constexpr std::uint16_t Injected = 1 << 9;
/// Relay: bytes the user edited in the hold queue, as forwarded instead of the original.
inline constexpr std::uint16_t Edited = 1 << 10;
/// Lab wire: the packet (a Data record holding one IP packet as it entered the wire) never
/// reached the other host (random, burst or queue loss).
inline constexpr std::uint16_t WireDropped = 1 << 11;
/// Lab wire: the packet was delivered twice.
inline constexpr std::uint16_t WireDuplicated = 1 << 12;
/// Lab wire: one bit of the delivered packet was flipped (the record holds the bytes as sent;
/// the receiving kernel's checksum check then normally discards the corrupted copy).
inline constexpr std::uint16_t WireCorrupted = 1 << 13;
/// Lab wire: the packet was held back and delivered after packets that entered later.
inline constexpr std::uint16_t WireReordered = 1 << 14;
/// Lab wire: a TCP segment whose sequence numbers were already on the wire in its direction
/// (its sender retransmitted them; see TcpMarks::resent).
inline constexpr std::uint16_t WireResent = 1 << 15;
} // namespace RecordFlag

/// One entry of the capture log. Plain value, cheap to copy (~72 bytes).
struct Record {
    std::uint64_t seq = 0;          ///< 0-based index in the store, never reused
    std::int64_t wallNs = 0;        ///< CLOCK_REALTIME, ns since epoch
    std::int64_t monoNs = 0;        ///< CLOCK_MONOTONIC, ns
    std::uint32_t connectionId = 0; ///< 0 = the session's own socket; >0 = accepted child
    Direction direction = Direction::Local;
    RecordKind kind = RecordKind::Data;
    std::uint16_t flags = 0;
    std::uint32_t length = 0; ///< bytes captured in the arena
    /// Lab wire Data records: how long the wire held the packet before delivering it (delay,
    /// jitter, serialisation at the link rate, reordering), in microseconds, set when it left;
    /// 0 while in flight, for dropped packets and elsewhere.
    std::uint32_t wireDelayUs = 0;
    std::uint64_t wireLength = 0;  ///< true length on the wire (> length when truncated)
    std::uint64_t arenaOffset = 0; ///< where the bytes start in the store's byte arena
    std::uint32_t peerIndex = 0;   ///< 1-based index into the store's peer table; 0 = none
    std::uint32_t textIndex = 0;   ///< 1-based index into the store's text table; 0 = none
    std::int32_t err = 0;          ///< errno for Error/Reset records
};

} // namespace socklab
