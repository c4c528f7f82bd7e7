#pragma once

// The Python and C equivalent of a socket: shown by the GUI's Show code dialog and printed by
// `socklab-cli code`. Plain strings in and out.

#include "core/vocab/commands.h"

#include <cstddef>
#include <span>
#include <string>

namespace socklab {

/// What the generated program should do: the session request plus one example payload.
struct CodeRequest {
    OpenSession session;
    std::span<const std::byte> payload; ///< sent once after connect/accept; may be empty
    std::string destination;            ///< datagram sendto() target when not connected
};

/// Equivalent Python program using the standard `socket` module.
[[nodiscard]] std::string pythonCode(const CodeRequest& request);
/// Equivalent C program (POSIX sockets, Linux).
[[nodiscard]] std::string cCode(const CodeRequest& request);

} // namespace socklab
