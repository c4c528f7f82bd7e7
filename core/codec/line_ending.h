#pragma once

#include "core/base/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace socklab {

/// Line ending applied to composer text before it is sent.
enum class LineEnding : std::uint8_t {
    None = 1, ///< send the text exactly as typed
    Lf,       ///< "\n"
    Cr,       ///< "\r"
    CrLf,     ///< "\r\n"
};

/// The characters of a line ending ("" for None).
[[nodiscard]] std::string_view lineEndingChars(LineEnding ending);

/// Short name for menus and the CLI: "none", "lf", "cr", "crlf".
[[nodiscard]] std::string_view lineEndingName(LineEnding ending);

/// Parses a name as printed by lineEndingName (case-insensitive; op "parse line ending").
[[nodiscard]] Result<LineEnding> parseLineEnding(std::string_view name);

/// Applies ending to composer text: with None the text is returned unchanged; otherwise every
/// line break in the text ("\r\n", "\r" or "\n") becomes ending, and when appendFinal is set
/// one more ending is appended (a composer line "hello" is sent as "hello\r\n").
/// Apply this to the text before unescape(), so escapes typed as "\n" stay exactly as typed.
[[nodiscard]] std::string applyLineEnding(std::string_view text, LineEnding ending,
                                          bool appendFinal = true);

} // namespace socklab
