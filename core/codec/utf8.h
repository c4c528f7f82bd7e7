#pragma once

#include "core/codec/bytes.h"

#include <cstddef>
#include <cstdint>

namespace socklab {

/// Outcome of decoding one UTF-8 sequence.
enum class Utf8Status : std::uint8_t {
    Valid = 1,  ///< a well-formed sequence (no overlongs, no surrogates, <= U+10FFFF)
    Invalid,    ///< the first byte cannot start a well-formed sequence here; skip 1 byte
    Incomplete, ///< all bytes are a valid prefix but the input ends before the sequence does
};

/// One decoding step: status, code point (Valid only) and bytes consumed.
struct Utf8Step {
    Utf8Status status = Utf8Status::Invalid;
    char32_t codePoint = 0;
    std::size_t length = 1; ///< Valid: 1-4; Invalid: 1; Incomplete: bytes.size()
};

/// Decodes the sequence at the start of bytes (which must not be empty).
[[nodiscard]] Utf8Step decodeUtf8Step(ByteView bytes);

/// True when every byte belongs to a well-formed UTF-8 sequence (an empty span is valid).
[[nodiscard]] bool isValidUtf8(ByteView bytes);

/// C0 controls, DEL and C1 controls (U+0000-U+001F, U+007F-U+009F).
[[nodiscard]] constexpr bool isControlCodePoint(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

} // namespace socklab
