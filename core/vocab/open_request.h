#pragma once

#include "core/capture/traffic_store.h"
#include "core/net/options.h"
#include "core/net/socket_spec.h"
#include "core/net/unix_socket_file.h"
#include "core/respond/responder.h"
#include "core/vocab/ids.h"
#include "core/vocab/lab.h"
#include "core/vocab/relay.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace socklab {

/// What a session does with its socket after socket().
enum class Role : std::uint8_t {
    Connect = 1, ///< connect() to remote (stream, seqpacket; datagram = connected UDP)
    Listen,      ///< bind(local) + listen(); accepts children
    Bind,        ///< bind(local) only (datagram endpoint, raw socket); local may be empty
    Relay,       ///< listen/bind on local, forward every client to remote (see RelayConfig)
    /// The lab wire: build the lab network (see LabConfig) and carry every IP packet between
    /// its two hosts through the impairment; spec, local and remote are not used.
    Wire,
};

/// A multicast group membership: the group address and the interface it is joined on.
struct MulticastGroup {
    std::string group;     ///< "239.1.2.3" or "ff02::1234" (no port, no brackets)
    std::string interface; ///< name ("lo") or IPv4 address; "" = the kernel's choice
    friend bool operator==(const MulticastGroup&, const MulticastGroup&) = default;
};

/// The smallest and largest send queue cap a user may set (--send-queue, a tab's "Send queue
/// limit", a workspace's "sendQueue"); OpenSession::sendQueueBytes itself takes any value.
inline constexpr std::size_t kMinSendQueueBytes = 64u << 10;
inline constexpr std::size_t kMaxSendQueueBytes = 1u << 30;

/// A send queue limit as a user types it: a size parseByteSize reads ("64k", "4M", "1G",
/// "1.5M", "65536"), kMinSendQueueBytes..kMaxSendQueueBytes. Errors:
/// `parse send queue limit "32k": out of range 64k..1G`, `parse send queue limit "5x":
/// expected a size like 10M, 512k or 4096 (bytes)`.
[[nodiscard]] Result<std::size_t> parseSendQueueLimit(std::string_view text);
/// The short form parseSendQueueLimit reads back ("64k", "4M", "1536k").
[[nodiscard]] std::string sendQueueLimitText(std::size_t bytes);

/// Create a session: socket(spec), options, bind/connect/listen. Outcome arrives as events.
struct OpenSession {
    SocketSpec spec;
    Role role = Role::Connect;
    /// bind address text ("0.0.0.0:0", "[::1]:9000", "/tmp/x", "@name"); "" = none
    std::string local;
    std::string remote; ///< connect target text; host names are resolved off the loop thread
    std::vector<OptionSetting> options; ///< applied after socket(), before bind/connect
    int backlog = 128;
    /// Mode of the socket file a bind to a Unix path creates (owner-only by default); not
    /// used for abstract names or IP addresses.
    std::uint32_t unixMode = kDefaultUnixMode;
    /// Stream and seqpacket connections: bytes a connection may hold that the kernel has not
    /// taken yet (per connection; a single larger send is still taken when nothing waits).
    /// Sends beyond it are refused ("send queue full"). 0 = SendQueue::kDefaultCapBytes (4 MiB).
    /// A user sets it from kMinSendQueueBytes to kMaxSendQueueBytes (parseSendQueueLimit).
    std::size_t sendQueueBytes = 0;
    TrafficStore::Config store;
    /// Stream, seqpacket and datagram sockets (not relays, wires or raw sockets): framing and
    /// auto-reply rules applied to what arrives (a listener's to every connection). The echo
    /// of earlier versions is ResponderConfig::echo().
    ResponderConfig responders;
    /// Datagram/raw only: bytes per receive slot. A longer datagram is recorded truncated
    /// (RecordFlag::Truncated, wireLength = its true size). 0 = 65536 (no UDP datagram is cut).
    std::size_t datagramBufferBytes = 0;
    /// Datagram only: groups joined right after bind, in order; each success is a
    /// MembershipChanged event, each failure an Error event naming the group.
    std::vector<MulticastGroup> multicastGroups;
    /// Relay only: impairment, hold and buffer settings.
    RelayConfig relay;
    /// Wire only: the lab network and what its wire does.
    LabConfig lab;
    /// Any kind but Wire: create the socket inside a lab host of a running wire session
    /// (placement.wire) instead of in SockLab's own network namespace.
    LabPlacement placement;
};

/// Whether a request's kind can have responders: stream, seqpacket and datagram sockets that
/// connect, listen or bind (not relays, lab wires, raw or ICMP sockets). Error op "responders".
[[nodiscard]] Result<void> respondersSupported(const OpenSession& request);

/// The exposure warning (exposureText) for request's own socket bound to local: the address
/// the kernel reports once open, or the request's local text before. Listeners and relays
/// warn on a wildcard or non-loopback address; datagram and raw binds only when the request
/// names a port (a port-0 bind is a client's ephemeral port). "" for clients, loopback, Unix
/// and sockets placed in a lab host.
[[nodiscard]] std::string exposureWarning(const OpenSession& request, std::string_view local);

} // namespace socklab
