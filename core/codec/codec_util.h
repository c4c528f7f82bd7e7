#pragma once

// Internal helpers shared by the codec sources; not part of the public API.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace socklab::codec_detail {

inline constexpr char kHexLower[] = "0123456789abcdef";
inline constexpr char kHexUpper[] = "0123456789ABCDEF";

/// Value of a hex digit, or -1.
constexpr int hexValue(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/// Appends the two hex digits of a byte.
inline void appendHexByte(std::string& out, std::uint8_t b, bool upper = false) {
    const char* digits = upper ? kHexUpper : kHexLower;
    out += digits[b >> 4];
    out += digits[b & 0x0f];
}

/// Printable 7-bit ASCII (0x20..0x7e).
constexpr bool isPrintableAscii(std::uint8_t b) {
    return b >= 0x20 && b <= 0x7e;
}

/// The input text as the error object: quoted, shortened when long so messages stay one line.
std::string quotedInput(std::string_view text);
/// The text quoted whole, control characters written as escapes (\n, \t, \x00) so that a
/// message shows what was typed on one line.
std::string quotedVisible(std::string_view text);

/// A character for an error detail: 'z', or '\x01' when not printable.
std::string describeChar(char c);

/// Appends the UTF-8 encoding of a code point (caller guarantees validity).
void appendUtf8(std::string& out, char32_t cp);

} // namespace socklab::codec_detail
