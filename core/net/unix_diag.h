#pragma once

#include "core/base/result.h"

#include <cstdint>

// Which live Unix sockets the kernel knows, through sock_diag (NETLINK_SOCK_DIAG, unix_diag),
// the interface `ss -x` uses. Linux only; no privileges needed.
namespace socklab {

/// Whether any live Unix socket in this network namespace is bound to the socket file with
/// this st_dev and st_ino (listening or not). Errors name the operation:
/// `unix_diag dump: Protocol not supported (EPROTONOSUPPORT)` where the kernel has no
/// unix_diag.
[[nodiscard]] Result<bool> unixSocketBoundTo(std::uint64_t device, std::uint64_t inode);

} // namespace socklab
