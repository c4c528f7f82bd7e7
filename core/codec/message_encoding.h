#pragma once

#include "core/base/result.h"
#include "core/codec/bytes.h"
#include "core/codec/line_ending.h"
#include "core/codec/text_decode.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace socklab {

/// How a composed or saved message's content is written by the user.
enum class MessageMode : std::uint8_t {
    Text = 1, ///< the text in the tab's encoding (UTF-8 unless chosen otherwise)
    Hex,      ///< "de ad be ef"
    Escapes,  ///< C-like escapes: "\r\n", "\x00"
};

/// The bytes a message stands for: what the GUI's composer and `socklab-cli run --send-saved`
/// both send (the one implementation of this rule; README "First five minutes" tells users).
///
/// Text and Escapes behave like a terminal sending lines: with a line ending other than None,
/// every line break typed in the editor ("\n", "\r\n" or "\r") becomes that ending, and one
/// more ending ends the message ("a<break>b" with CrLf is "a\r\nb\r\n"). In Escapes mode an
/// escape the user wrote ("\n" as backslash + n) is a byte the user spelled and stays exactly
/// that byte, whatever the ending. With None the typed line breaks are sent as typed.
/// Hex: typed line breaks are whitespace between digits; the ending, if any, is appended.
///
/// Text is encoded with encodeText in `encoding` after the line ending is applied (so a UTF-16
/// ending is two bytes a character too); UTF-8 text is sent as it is. Hex and Escapes spell
/// bytes and ignore the encoding.
///
/// Errors are those of parseHex / unescape / encodeText on the content as typed, so their
/// position is the 0-based byte position in `content` (what the editor highlights; see
/// firstMessageError).
[[nodiscard]] Result<ByteVector> encodeMessage(MessageMode mode, std::string_view content,
                                               LineEnding ending,
                                               TextEncoding encoding = TextEncoding::Utf8);

/// 0-based byte position in content of the first error encodeMessage reports (the character
/// to highlight), or nullopt when it encodes. Text mode: the first character with no form in
/// encoding.
[[nodiscard]] std::optional<std::size_t>
firstMessageError(MessageMode mode, std::string_view content,
                  TextEncoding encoding = TextEncoding::Utf8);

} // namespace socklab
