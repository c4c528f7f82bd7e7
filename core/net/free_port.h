#pragma once

#include "core/base/result.h"
#include "core/net/socket_spec.h"

#include <cstdint>

namespace socklab {

/// A loopback port (127.0.0.1) that a socket of `spec` (AF_INET stream or datagram) can bind
/// now: `preferred` when it is free, else one the kernel picks. The probe socket is closed
/// again, so another program may take the port before it is used; good enough to lay out a
/// demo, not a reservation. Errors name the probe: "bind 127.0.0.1:0: ... (EADDRNOTAVAIL)".
/// Stream probes bind with SO_REUSEADDR as the demo's server does, so a port whose only user is
/// a TIME_WAIT left by such a server (the previous demo run) counts as free: the demo can bind
/// it and keeps its documented port. A TIME_WAIT left without SO_REUSEADDR blocks that bind
/// too, so such a port is replaced (test_demo_ports checks both).
[[nodiscard]] Result<std::uint16_t> freeLoopbackPort(const SocketSpec& spec,
                                                     std::uint16_t preferred);

} // namespace socklab
