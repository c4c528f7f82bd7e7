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

/// The character views show for what cannot be shown (U+00B7 MIDDLE DOT): the text view draws
/// it dimmed, the log preview writes it.
inline constexpr char32_t kHiddenPlaceholder = 0xb7;

/// Whether a code point can be shown where it stands: false for a zero-width character with
/// nothing before it to draw over (a lone combining mark, e.g. U+07AD from the bytes de ad) and
/// for private-use code points and noncharacters, which no font is expected to draw. Views show
/// kHiddenPlaceholder instead (the text view and the log preview use this one rule).
[[nodiscard]] bool isShowable(char32_t cp, bool followsShownCharacter);

} // namespace socklab
