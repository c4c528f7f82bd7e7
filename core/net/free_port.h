#pragma once

#include "core/base/result.h"
#include "core/net/socket_spec.h"

#include <cstdint>

namespace socklab {

/// A loopback port (127.0.0.1) that a socket of `spec` (AF_INET stream or datagram) can bind
/// now: `preferred` when it is free, else one the kernel picks. The probe socket is closed
/// again, so another program may take the port before it is used; good enough to lay out a
/// demo, not a reservation. Errors name the probe: "bind 127.0.0.1:0: ... (EADDRNOTAVAIL)".
[[nodiscard]] Result<std::uint16_t> freeLoopbackPort(const SocketSpec& spec,
                                                     std::uint16_t preferred);

} // namespace socklab
