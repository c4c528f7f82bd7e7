#pragma once

// Generating example code is logic, not presentation, so it is plain C++ with no Qt and could
// move to core/ (its owners permitting) for the CLI to reuse.

#include "core/vocab/commands.h"

#include <cstddef>
#include <span>
#include <string>

namespace socklab::ui {

/// What the generated program should do: the session request plus one example payload.
struct CodeRequest {
    OpenSession session;
    std::span<const std::byte> payload; ///< sent once after connect/accept; may be empty
    std::string destination;            ///< datagram sendto() target when not connected
};

/// Equivalent Python program using the standard `socket` module.
std::string pythonCode(const CodeRequest& request);
/// Equivalent C program (POSIX sockets, Linux).
std::string cCode(const CodeRequest& request);

} // namespace socklab::ui
