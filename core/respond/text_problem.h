#pragma once

// Internal to core/respond: an error found in text a user typed (a reply template, a message
// with fields), at a byte position of the whole text, and the rewording of a codec's detail
// whose position is relative to a piece of it.

#include <cstddef>
#include <string>
#include <string_view>

namespace socklab::respond_detail {

/// Where (0-based byte in the typed text) and what.
struct TextProblem {
    std::size_t position = 0;
    std::string detail;
};

/// "position 3: x" (translated): a detail at a position of the typed text.
[[nodiscard]] std::string positionText(std::size_t position, std::string_view detail);

/// A codec's or parser's detail without the position it names ("position 3: x", also as
/// positionText translates it, and the English "x at position 3" become "x"): the caller puts
/// the position in the whole text.
[[nodiscard]] std::string withoutPosition(std::string detail, std::size_t local);

} // namespace socklab::respond_detail
