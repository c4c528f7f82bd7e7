#pragma once

#include "core/base/result.h"
#include "core/codec/bytes.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace socklab {

/// Parses hex text typed or pasted by a user into bytes (op "parse hex").
/// Accepts "de ad be ef", "DEADBEEF", "0xDE,0xAD", "de:ad", "de-ad", "\xde\xad" and any mix of
/// spaces, tabs, newlines, ',', ':', ';', '-' between groups. "0x" may start a group; "\x" may
/// start a group anywhere. Each group of consecutive digits must have an even count.
/// Errors name the 0-based byte position and the character, e.g.
/// `parse hex "de zz": bad hex digit 'z' at position 3`. Empty input gives no bytes.
[[nodiscard]] Result<ByteVector> parseHex(std::string_view text);

/// Position of the first error parseHex would report, or nullopt when the text is valid
/// (for live validation while the user types; cheaper than building the error).
[[nodiscard]] std::optional<std::size_t> firstHexError(std::string_view text);

/// Formats bytes as hex digit pairs joined by separator: "de ad be ef".
[[nodiscard]] std::string formatHex(ByteView bytes, std::string_view separator = " ",
                                    bool upper = false);

} // namespace socklab
