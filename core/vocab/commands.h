#pragma once

#include "core/net/options.h"
#include "core/vocab/ids.h"
#include "core/vocab/open_request.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace socklab {

/// Send bytes. connection: 0 = the session's socket, a child id, or kAllConnections.
struct SendData {
    SessionId session = 0;
    ConnectionId connection = 0;
    std::vector<std::byte> bytes;
    bool oob = false;        ///< MSG_OOB (stream sockets only)
    std::string destination; ///< datagram sendto() target; "" = the connected/default peer
};

/// shutdown(SHUT_WR): half-close the write side.
struct ShutdownWrite {
    SessionId session = 0;
    ConnectionId connection = 0;
};

/// Close a child connection or the whole session (connection 0).
/// abortive: SO_LINGER{1,0} then close, so the peer sees RST.
struct CloseSocket {
    SessionId session = 0;
    ConnectionId connection = 0;
    bool abortive = false;
};

/// setsockopt + getsockopt read-back on an open socket; result arrives as OptionApplied.
struct SetOption {
    SessionId session = 0;
    ConnectionId connection = 0;
    OptionSetting setting;
};

/// Datagram: connect() to remote, or disconnect (AF_UNSPEC) when remote is empty.
struct ConnectDatagram {
    SessionId session = 0;
    std::string remote;
};

/// Join or leave a multicast group on a datagram session.
struct MulticastMembership {
    SessionId session = 0;
    std::string group;     ///< "239.1.2.3" or "ff02::1234"
    std::string interface; ///< name ("lo") or IPv4 address; "" = default
    bool join = true;
};

/// ICMP/ICMPv6 echo on a session whose spec is (AF_INET, SOCK_DGRAM|SOCK_RAW, IPPROTO_ICMP)
/// or the ICMPv6 equivalents. Replies are matched by identifier+sequence and timed.
struct Ping {
    SessionId session = 0;
    std::string target; ///< "127.0.0.1"; "" = the session's remote
    int count = 4;
    int interval_ms = 1000;
    int timeout_ms = 2000;
    std::size_t payloadBytes = 56;
};

/// Ask for a TCP_INFO snapshot; answered by a TcpInfo event.
struct QueryTcpInfo {
    SessionId session = 0;
    ConnectionId connection = 0;
};

/// Relay: change one direction's impairment while running (recorded as an Info event).
struct SetImpairment {
    SessionId session = 0;
    RelayDirection direction = RelayDirection::ToServer;
    Impairment impairment;
};

/// Relay: hold a direction (new messages queue as HeldMessage instead of being forwarded) or
/// stop holding it (what is queued stays queued until released or dropped).
struct HoldDirection {
    SessionId session = 0;
    RelayDirection direction = RelayDirection::ToServer;
    bool hold = true;
};

/// Relay: release (optionally with edited bytes) or drop held messages. heldId 0 = all of
/// the direction, in order.
struct ReleaseHeld {
    SessionId session = 0;
    RelayDirection direction = RelayDirection::ToServer;
    std::uint64_t heldId = 0;
    bool drop = false;
    bool edited = false; ///< forward `bytes` instead of what arrived
    std::vector<std::byte> bytes;
};

/// Relay: send bytes (a datagram for datagram relays) into one direction of a pair/mapping as
/// if they came from its source: they pass through that direction's impairment.
/// connection = the pair or mapping; kAllConnections = every one.
struct InjectData {
    SessionId session = 0;
    ConnectionId connection = 0;
    RelayDirection direction = RelayDirection::ToServer;
    std::vector<std::byte> bytes;
};

/// Relay: ask for a RelayFigures event now (the relay also sends them on every change, at
/// most every 100 ms).
struct QueryRelayFigures {
    SessionId session = 0;
};

/// Send the lab's numbered messages (core/lab/lab_message.h: "#000001:abc...\n"): `count`
/// messages of `size` bytes, message i at start + (i-1) * interval_ms (0 = all at once), each an
/// ordinary send (a datagram each on datagram sockets). A SeriesDone event follows the last; a
/// new series replaces a running one; a socket that closed ends it (SeriesDone then says how
/// many were handed to the socket before).
struct SendSeries {
    SessionId session = 0;
    ConnectionId connection = 0;
    int count = 0;
    std::size_t size = 0;
    int interval_ms = 0;
};

/// Replace a session's responders (framing and rules) while it runs: hit counts start again
/// from 0, replies already scheduled are still sent, and messages under way are cut afresh
/// when the framing changed. Answered by a RuleHits event (or an Error event naming the rule).
struct SetResponders {
    SessionId session = 0;
    ResponderConfig config;
    /// Copied into the RuleHits events of these rules, so a front end can tell counts of the
    /// rules it replaced (still in flight) from counts of the new ones. 0 = the open request's.
    std::uint64_t generation = 0;
};

/// Responders: ask for a RuleHits event now (counts not yet reported are included).
struct QueryRuleHits {
    SessionId session = 0;
};

/// Forget a closed session entirely (its store stays alive while someone holds it).
struct DestroySession {
    SessionId session = 0;
};

using Command = std::variant<SendData, ShutdownWrite, CloseSocket, SetOption, ConnectDatagram,
                             MulticastMembership, Ping, QueryTcpInfo, DestroySession, SetImpairment,
                             HoldDirection, ReleaseHeld, InjectData, QueryRelayFigures, SendSeries,
                             SetResponders, QueryRuleHits>;

} // namespace socklab
