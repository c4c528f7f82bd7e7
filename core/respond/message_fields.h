#pragma once

#include "core/base/result.h"
#include "core/codec/bytes.h"
#include "core/codec/message_encoding.h"
#include "core/respond/reply_template.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace socklab {

/// The bytes of a composed or saved message, with or without fields: what the GUI's composer
/// and `socklab-cli run --send-saved` both send.
///
/// Without fields this is encodeMessage. With fields the content is a template (see
/// ReplyTemplate) with the message's own literal rules:
/// - Hex: a Hex-syntax template ("01 03 00 00 00 0a {crc16-modbus}"); the line ending, if any,
///   is appended after the rendered bytes.
/// - Text and Escapes: the literal text between fields is turned into bytes exactly as
///   encodeMessage would (typed line breaks become the ending, Text is encoded in `encoding`,
///   Escapes are unescaped), then the fields are rendered in place, and one more ending ends
///   the message. So a checksum covers the final bytes before it, and the closing ending
///   comes after it. Fields render ASCII bytes ({seq}, {time}) whatever the encoding.
///   "{{" and "}}" are literal braces.
///
/// Fields that need a received message ({0}..{99}, {len}) are errors here. Errors (op "parse
/// template", object the quoted content) name the 0-based byte position in content: "position
/// 4: unknown field {foo}".
[[nodiscard]] Result<ByteVector> renderMessage(MessageMode mode, std::string_view content,
                                               LineEnding ending, TextEncoding encoding,
                                               bool fields, const TemplateContext& context);

/// 0-based byte position in content of the first error renderMessage with fields reports (the
/// character to highlight), or nullopt when it renders.
[[nodiscard]] std::optional<std::size_t>
firstMessageFieldError(MessageMode mode, std::string_view content,
                       TextEncoding encoding = TextEncoding::Utf8);

/// A context for a message sent now: {seq} = seq, {time} = the wall clock and the local
/// offset from UTC (the same clock the responders use).
[[nodiscard]] TemplateContext messageContextNow(std::uint64_t seq);

} // namespace socklab
