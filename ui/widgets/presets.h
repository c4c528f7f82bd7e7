#pragma once

#include "core/vocab/commands.h"

#include <QString>
#include <span>

namespace socklab::ui {

/// Quick starts offered by "New tab"; each fills the full socket form, which stays editable.
enum class Preset {
    TcpClient = 1,
    TcpServer,
    UdpEndpoint,
    UnixStream,
    UnixDatagram,
    IcmpPing,
    Relay, ///< TCP relay listening on 127.0.0.1 (a free port); the upstream is the user's to type
};

std::span<const Preset> allPresets();
QString presetName(Preset preset);
/// A ready-to-open request on loopback (abstract names for Unix, so no files are left behind).
OpenSession presetRequest(Preset preset);

/// The role a socket of this kind usually takes: Bind for datagram endpoints (UDP, Unix
/// datagram), Connect for ping and raw sockets, else `current` when the type allows it
/// (Connect or Listen for connection types; Relay for stream and datagram types).
Role defaultRole(const SocketSpec& spec, Role current);
/// Addresses a new user can open with as they are: binds go to 127.0.0.1:0 (any free port on
/// loopback), pings to 127.0.0.1, Unix sockets to an abstract name; a stream client's remote
/// stays empty (nothing listens on a fresh machine; the placeholder says what to type).
/// Unix paths are returned in `local` for Listen/Bind/Relay and in `remote` for Connect.
/// A relay listens like a server; its upstream stays empty (only the user knows it).
struct AddressDefaults {
    std::string remote;
    std::string local;
};
AddressDefaults defaultAddresses(const SocketSpec& spec, Role role);

/// Catalog number of a symbolic name ("AF_INET", "SOCK_DGRAM", "IPPROTO_ICMP"); 0 if unknown.
int familyValue(std::string_view name);
int typeValue(std::string_view name);
int protocolValue(std::string_view name);
/// True when value is the family/type/protocol with this symbolic name.
bool isFamily(int value, std::string_view name);
bool isType(int value, std::string_view name);
bool isProtocol(int value, std::string_view name);
/// A relay can take this kind of socket: SOCK_STREAM or SOCK_DGRAM, not ICMP.
bool relayFits(const SocketSpec& spec);
/// TCP over IPv4/IPv6 (TCP_INFO, urgent data and half-close make sense).
bool isTcp(const SocketSpec& spec);
/// ICMP/ICMPv6 echo sockets, which the engine pings through.
bool isIcmp(const SocketSpec& spec);
/// "TCP client", "UDP", "Unix stream server", "TCP relay"... for tab titles.
QString kindName(const SocketSpec& spec, Role role);

} // namespace socklab::ui
