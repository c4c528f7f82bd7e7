#pragma once

#include <cstdint>

namespace socklab {

/// Columns a code point takes in a fixed-width cell grid, as terminals count them (wcwidth):
/// 0 for combining marks, format characters and Hangul medial/final jamo (they draw over the
/// preceding character), 2 for East Asian Wide and Fullwidth characters (CJK, Hangul
/// syllables, most emoji), 1 otherwise. Controls count 1: a byte view shows them as a marker.
/// Tables from Unicode 14.0 (EastAsianWidth.txt W/F; General_Category Mn, Me, Cf).
[[nodiscard]] std::uint8_t codePointColumns(char32_t cp);

/// Whether cp has no width of its own and combines with the character before it.
[[nodiscard]] inline bool isZeroWidthCodePoint(char32_t cp) {
    return codePointColumns(cp) == 0;
}

} // namespace socklab
