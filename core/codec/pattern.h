#pragma once

#include "core/base/result.h"
#include "core/codec/bytes.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace socklab {

/// How a search (or send) pattern typed by the user is read.
enum class PatternKind : std::uint8_t {
    Text = 1, ///< the UTF-8 bytes of the text, literally
    Escaped,  ///< text with C escapes (see unescape)
    Hex,      ///< hex digits (see parseHex)
};

/// Pattern text to the bytes to look for (op "parse pattern" for an empty pattern, otherwise
/// the error of parseHex/unescape with its position).
[[nodiscard]] Result<ByteVector> parsePattern(std::string_view pattern, PatternKind kind);

/// Position of the first error parsePattern would report, or nullopt (live validation).
/// An empty pattern reports position 0.
[[nodiscard]] std::optional<std::size_t> firstPatternError(std::string_view pattern,
                                                           PatternKind kind);

/// Index of the first occurrence of needle in haystack at or after from; nullopt if none or if
/// needle is empty.
[[nodiscard]] std::optional<std::size_t> findBytes(ByteView haystack, ByteView needle,
                                                   std::size_t from = 0);

/// Index of the last occurrence of needle that starts before `before` (for "find previous").
[[nodiscard]] std::optional<std::size_t> findBytesBackward(ByteView haystack, ByteView needle,
                                                           std::size_t before);

} // namespace socklab
