#pragma once

#include "core/net/endpoint.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace socklab {

/// Who can reach a socket bound to an address.
enum class AddressExposure : std::uint8_t {
    Local = 1,     ///< loopback (127.0.0.0/8, ::1, ::ffff:127.x), a Unix socket, or no address
    AllInterfaces, ///< a wildcard: 0.0.0.0, ::, ::ffff:0.0.0.0
    Network,       ///< a specific address that is not loopback (192.168.1.5, fe80::1%eth0)
};

/// The exposure of a bound address.
[[nodiscard]] AddressExposure addressExposure(const Endpoint& bound);

/// The warning both front ends show for a socket that listens (listening) or receives
/// datagrams on bound, "" for a Local address: "Listening on all interfaces: other machines
/// on your network can connect." / "Bound to 192.168.1.5: reachable from that network."
[[nodiscard]] std::string exposureText(const Endpoint& bound, bool listening);

/// The same from address text ("0.0.0.0:7000", "[::]:0", "192.0.2.1:53"); "" for text that is
/// not a numeric IP address (a host name is resolved only when the socket opens).
[[nodiscard]] std::string exposureText(std::string_view address, bool listening);

} // namespace socklab
