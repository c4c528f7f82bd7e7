#pragma once

#include "core/capture/traffic_store.h"
#include "core/net/options.h"
#include "core/net/socket_spec.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace socklab {

using SessionId = std::uint32_t;    ///< 0 is never a valid session
using ConnectionId = std::uint32_t; ///< 0 = the session's own socket; >0 = an accepted child

/// ConnectionId meaning "every accepted child" (listener send-to-all / close-all).
inline constexpr ConnectionId kAllConnections = 0xffffffffu;

/// What a session does with its socket after socket().
enum class Role : std::uint8_t {
    Connect = 1, ///< connect() to remote (stream, seqpacket; datagram = connected UDP)
    Listen,      ///< bind(local) + listen(); accepts children
    Bind,        ///< bind(local) only (datagram endpoint, raw socket); local may be empty
};

/// Create a session: socket(spec), options, bind/connect/listen. Outcome arrives as events.
struct OpenSession {
    SocketSpec spec;
    Role role = Role::Connect;
    /// bind address text ("0.0.0.0:0", "[::1]:9000", "/tmp/x", "@name"); "" = none
    std::string local;
    std::string remote; ///< connect target text; host names are resolved off the loop thread
    std::vector<OptionSetting> options; ///< applied after socket(), before bind/connect
    int backlog = 128;
    TrafficStore::Config store;
    /// Listener only: echo every byte received by a child back to it (like `ncat --exec cat`).
    bool echo = false;
    /// Datagram/raw only: bytes per receive slot. A longer datagram is recorded truncated
    /// (RecordFlag::Truncated, wireLength = its true size). 0 = 65536 (no UDP datagram is cut).
    std::size_t datagramBufferBytes = 0;
};

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

/// Forget a closed session entirely (its store stays alive while someone holds it).
struct DestroySession {
    SessionId session = 0;
};

using Command = std::variant<SendData, ShutdownWrite, CloseSocket, SetOption, ConnectDatagram,
                             MulticastMembership, Ping, QueryTcpInfo, DestroySession>;

} // namespace socklab
