#pragma once

#include "core/base/result.h"
#include "core/codec/bytes.h"
#include "core/codec/checksum.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace socklab {

/// How the literal parts of a template are written.
enum class TemplateSyntax : std::uint8_t {
    Text = 1, ///< text with C escapes (see unescape): "PONG {1}\r\n"
    Hex,      ///< hex digits, whitespace ignored: "01 03 02 {1} {crc16-modbus}"
};

/// What a template's fields are filled from when it is rendered.
struct TemplateContext {
    ByteView message; ///< the received message ({0}, {len}); empty in the composer
    /// Capture groups of the rule that matched: captures[i] is {i+1}; a group that took no part
    /// in the match is an empty view.
    std::vector<ByteView> captures;
    std::uint64_t seq = 0;       ///< {seq}: the rule's reply count (the composer's send count)
    std::int64_t unixTimeNs = 0; ///< {time}: wall-clock time of the reply (UTC nanoseconds)
    /// {time} in local time: offset of local time from UTC in seconds at unixTimeNs.
    std::int32_t utcOffsetSeconds = 0;
};

/// A parsed reply/composer template: literal bytes and fields.
///
/// Fields, in braces ("{{" and "}}" are literal braces):
/// - `{0}` the whole received message, `{1}`..`{99}` capture groups.
/// - `{len}` the received message's length, `{seq}` the counter; both in decimal text, or as a
///   binary field with a format: `{seq:u8}`, `{len:u16be}`, `{seq:u16le}`, `{seq:u32be}`,
///   `{seq:u32le}` (the value modulo the field's range).
/// - `{time}` local time "HH:MM:SS.mmm", `{time:iso}` UTC "2026-12-06T05:10:00.123Z",
///   `{time:unix}` seconds, `{time:unix_ms}` milliseconds (decimal text).
/// - A checksum of the catalog by name (`{crc16-modbus}`, `{crc16-ccitt}`, `{crc32}`, `{sum8}`,
///   `{xor8}`, `{lrc}`): computed over the output bytes before the field, or over a range of
///   them `{crc32:4..}` (from output byte 4), `{crc32:1..9}` (bytes 1 to 8); the byte order is
///   the catalogue's unless `:be` or `:le` follows (`{crc32:le}`, `{crc16-ccitt:2..:le}`).
///   A range beyond the bytes written so far is cut to them.
///
/// In Hex syntax the literal parts between fields are hex digits (an odd count is an error).
class ReplyTemplate {
public:
    /// Parses text (errors: op "parse template", object the quoted text, detail naming the
    /// problem and its 0-based position: "position 5: unknown field {foo}").
    [[nodiscard]] static Result<ReplyTemplate> parse(std::string_view text, TemplateSyntax syntax);

    /// The bytes for context (never fails: missing captures are empty).
    [[nodiscard]] ByteVector render(const TemplateContext& context) const;

    /// The highest capture group referenced ({0} counts as 0); -1 when none.
    [[nodiscard]] int highestCapture() const;
    /// True when the template has no fields (render gives the same bytes every time).
    [[nodiscard]] bool isLiteral() const;

    /// One piece of the template (public for tests and for the GUI's field highlighting).
    struct Part {
        enum class Kind : std::uint8_t { Literal = 1, Capture, Length, Seq, Time, Checksum };
        enum class Format : std::uint8_t { Decimal = 1, U8, U16Be, U16Le, U32Be, U32Le };
        enum class TimeStyle : std::uint8_t { Local = 1, Iso, Unix, UnixMs };
        Kind kind = Kind::Literal;
        ByteVector literal;                                ///< Literal
        int capture = 0;                                   ///< Capture
        Format format = Format::Decimal;                   ///< Length, Seq
        TimeStyle time = TimeStyle::Local;                 ///< Time
        ChecksumKind checksum = ChecksumKind::Crc16Modbus; ///< Checksum
        std::optional<ByteOrder> order;                    ///< Checksum: nullopt = the catalogue's
        std::size_t from = 0;                              ///< Checksum range start (output offset)
        std::optional<std::size_t> to; ///< Checksum range end (exclusive); nullopt = here
        std::size_t position = 0;      ///< where the part starts in the text
    };
    [[nodiscard]] const std::vector<Part>& parts() const { return m_parts; }

private:
    std::vector<Part> m_parts;
};

/// Position of the first error ReplyTemplate::parse would report, or nullopt (live validation).
[[nodiscard]] std::optional<std::size_t> firstTemplateError(std::string_view text,
                                                            TemplateSyntax syntax);

} // namespace socklab
