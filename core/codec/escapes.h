#pragma once

#include "core/base/result.h"
#include "core/codec/bytes.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace socklab {

/// Turns text with C-style escapes into bytes (op "parse escapes").
/// Supported: \r \n \t \0 \\ \" \' \? \a \b \f \v \e, \xN or \xNN (1-2 hex digits, never more),
/// \N \NN \NNN (octal, at most 3 digits, value <= 0377), \uXXXX and \UXXXXXXXX (exactly 4/8 hex
/// digits, encoded as UTF-8; surrogates and values above U+10FFFF are errors). Other characters
/// are copied as they are (UTF-8 stays UTF-8). Errors give the backslash's 0-based position.
[[nodiscard]] Result<ByteVector> unescape(std::string_view text);

/// Position of the first error unescape would report, or nullopt (for live validation).
[[nodiscard]] std::optional<std::size_t> firstEscapeError(std::string_view text);

/// How escapeBytes renders bytes.
struct EscapeOptions {
    bool escapeDoubleQuote = false; ///< emit \" (for text pasted between double quotes)
    bool escapeSingleQuote = false; ///< emit \' (for text pasted between single quotes)
    bool keepUtf8 = false;          ///< keep valid printable UTF-8 sequences instead of \xNN
    /// With keepUtf8: a character that cannot be shown where it stands (isShowable(), e.g. a
    /// combining mark with no character before it) is written as kHiddenPlaceholder, as the
    /// text view draws it. For display only: unescape() cannot restore those bytes. Without
    /// this option such a character is escaped byte by byte.
    bool placeholderForHidden = false;
};

/// Renders bytes as printable text for log previews: printable ASCII kept, "\\" for a backslash,
/// \0 \t \n \r for those controls, \xNN for everything else. unescape() turns the result back
/// into the same bytes (\0 becomes \x00 when a digit follows, so it cannot be misread as octal).
[[nodiscard]] std::string escapeBytes(ByteView bytes, const EscapeOptions& options = {});

/// escapeBytes() cut to at most maxChars output bytes for a one-line log preview: never splits
/// an escape or a kept UTF-8 sequence, ends in "..." (counted in maxChars) when bytes were left
/// out, and only reads as many input bytes as it shows.
[[nodiscard]] std::string escapePreview(ByteView bytes, std::size_t maxChars,
                                        const EscapeOptions& options = {});

} // namespace socklab
