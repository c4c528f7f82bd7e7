#pragma once

#include "core/base/result.h"
#include "core/net/endpoint.h"
#include "core/net/socket_spec.h"

#include <string>
#include <vector>

namespace socklab {

/// Blocking name resolution through getaddrinfo. Call it only off the event loop (the engine
/// runs it on a worker thread). Numeric input never touches DNS.
/// family: 0 = any, AF_INET or AF_INET6. socktype: SOCK_STREAM/SOCK_DGRAM/... or 0.
/// passive: true for bind addresses (empty host -> wildcard).
/// Error example: "resolve nosuch.invalid:80: Name or service not known (EAI_NONAME)".
Result<std::vector<Endpoint>> resolveBlocking(const std::string& text, int family, int socktype,
                                              bool passive);

/// Parse an address the user typed for the given family, numeric only (no DNS):
/// IPv4/IPv6 "host:port", Unix path or "@abstract". Returns an error naming the problem,
/// suitable for live validation as the user types.
Result<Endpoint> parseForFamily(std::string_view text, int family);

/// Checks a datagram's send-to destination as typed (the composer's Destination, no DNS):
/// a numeric address of the socket's family with a port (none for raw and ICMP sockets, see
/// withPortForPortless), a host name with a port (resolved when sending), or a Unix path.
/// Errors as parseForFamily's, plus "parse address \"h\": missing port: write h:PORT" for a
/// host name without one and "... port 0: a datagram needs the peer's port".
[[nodiscard]] Status checkDestination(std::string_view text, const SocketSpec& spec);

/// Raw and ICMP sockets have no ports: "127.0.0.1", "::1" or "host" typed for them gets
/// ":0" (IPv6 in brackets). Other specs, Unix families and empty text are returned unchanged.
[[nodiscard]] std::string withPortForPortless(std::string_view text, const SocketSpec& spec);

/// True when text needs DNS (a host name rather than a numeric address or Unix path).
bool needsResolution(std::string_view text, int family);

/// Symbolic name of a getaddrinfo error code, e.g. "EAI_NONAME"; "EAI_?<n>" when unknown.
std::string eaiName(int code);

} // namespace socklab
