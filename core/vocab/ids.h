#pragma once

#include <cstdint>

namespace socklab {

using SessionId = std::uint32_t;    ///< 0 is never a valid session
using ConnectionId = std::uint32_t; ///< 0 = the session's own socket; >0 = an accepted child

/// ConnectionId meaning "every accepted child" (listener send-to-all / close-all).
inline constexpr ConnectionId kAllConnections = 0xffffffffu;

} // namespace socklab
