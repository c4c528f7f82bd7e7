#pragma once

// Inside the replay (core/play/replay_*.cpp): the wording helpers its parsers, script, report
// and player share. Not for front ends: they include core/play/replay_player.h.

#include <cstdint>
#include <string>
#include <string_view>

namespace socklab::replay_detail {

/// "\"text\"": an input as the errors name it.
inline std::string quoted(std::string_view text) {
    // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "\"" + s + "\"".
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    out += text;
    out += '"';
    return out;
}

/// "1 byte", "2 bytes".
inline std::string plural(std::uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

} // namespace socklab::replay_detail
