#pragma once

#include "core/codec/bytes.h"

#include <cstddef>
#include <cstdint>
#include <iconv.h>
#include <string>
#include <utility>
#include <vector>

namespace socklab {

/// How bytes are read as text. The multi-byte legacy encodings and UTF-16 are converted by the
/// C library's iconv one character at a time; names and titles are in text_encode.h.
enum class TextEncoding : std::uint8_t {
    Utf8 = 1, ///< UTF-8; ill-formed bytes are shown per InvalidByteStyle
    Latin1,   ///< ISO-8859-1: every byte is the code point of the same value
    Ascii,    ///< 7-bit ASCII: bytes >= 0x80 are invalid
    Gb18030,  ///< GB18030, a superset of GBK and GB2312 (1, 2 or 4 bytes a character); Windows'
              ///< GBK euro sign 0x80 is not in it and shows invalid
    Big5,     ///< Big5 (iconv "BIG5"): 1 or 2 bytes a character
    ShiftJis, ///< Shift_JIS as Windows and browsers read it (iconv "CP932"): ASCII below 0x80
    Utf16Le,  ///< UTF-16 little endian, no byte order mark expected (U+FEFF is a character)
    Utf16Be,  ///< UTF-16 big endian, no byte order mark expected
};

/// How a byte that is not valid in the encoding is shown (one marker per invalid byte, so every
/// invalid byte can be highlighted on its own).
enum class InvalidByteStyle : std::uint8_t {
    Replacement = 1, ///< U+FFFD
    HexEscape,       ///< "\xNN"
};

/// How C0 controls (U+0000-U+001F) and DEL are shown.
enum class ControlStyle : std::uint8_t {
    Keep = 1, ///< as they are (a text view breaks lines at '\n')
    Pictures, ///< Unicode control pictures U+2400-U+241F, U+2421 for DEL; '\n' kept
    Escape,   ///< C escapes: \n, \r, \t, \0, others \xNN
};

namespace codec_detail {

/// An iconv(3) conversion descriptor, closed when destroyed (shared by the codec sources).
class Iconv {
public:
    Iconv() = default;
    /// Opens a conversion from `from` to `to`; ok() is false when the C library has none.
    Iconv(const char* to, const char* from) noexcept;
    Iconv(Iconv&& other) noexcept;
    Iconv& operator=(Iconv&& other) noexcept;
    Iconv(const Iconv&) = delete;
    Iconv& operator=(const Iconv&) = delete;
    ~Iconv();

    /// Whether the descriptor is open.
    [[nodiscard]] bool ok() const { return m_cd != closed(); }
    /// iconv(3): converts what it can, advancing the pointers; (size_t)-1 and errno on a stop.
    std::size_t convert(const char** in, std::size_t* inLeft, char** out, std::size_t* outLeft);
    /// Back to the initial state (after an error, or between characters).
    void reset();

private:
    static iconv_t closed() { return reinterpret_cast<iconv_t>(-1); } // iconv_open's failure
    iconv_t m_cd = closed();
};

/// The iconv name of an encoding ("GB18030", "BIG5", "CP932", "UTF-16LE"...); nullptr for
/// UTF-8, Latin-1 and ASCII, which the codec handles itself.
[[nodiscard]] const char* iconvCharset(TextEncoding encoding);

} // namespace codec_detail

/// Options for TextDecoder / decodeText.
struct TextDecodeOptions {
    TextEncoding encoding = TextEncoding::Utf8;
    InvalidByteStyle invalid = InvalidByteStyle::Replacement;
    ControlStyle controls = ControlStyle::Keep;
};

/// Which position unit a text index is counted in.
enum class TextUnit : std::uint8_t {
    Utf8 = 1,  ///< bytes of DecodedText::text (std::string index)
    Utf16,     ///< UTF-16 code units (QString index)
    CodePoint, ///< Unicode code points
    Column,    ///< cells of a fixed-width grid (DecodedUnit::columns)
};

/// One piece of output and the input bytes it came from: a decoded character, an invalid byte's
/// marker, or an escape. Units are contiguous and in order in both the bytes and the text.
///
/// In a cell grid a unit takes `columns` cells starting at columnOffset: 2 for wide characters
/// (CJK, emoji), 0 for a combining mark or other zero-width character that follows a shown
/// character (it is drawn in that character's cells), 1 for most others, and one per output
/// character for escapes ("\x01" takes 4). A zero-width character with nothing to combine with
/// (at the start, after an invalid byte, a control or an escape) takes 1 so it stays visible.
struct DecodedUnit {
    std::uint64_t byteOffset = 0;    ///< absolute offset of the first source byte
    std::size_t textOffset = 0;      ///< start in DecodedText::text (UTF-8 bytes)
    std::size_t utf16Offset = 0;     ///< start in UTF-16 code units
    std::size_t codePointOffset = 0; ///< start in code points
    std::uint8_t byteCount = 1;      ///< source bytes (1-4)
    bool invalid = false;            ///< the bytes were not valid in the encoding
    std::size_t columnOffset = 0;    ///< first cell in a fixed-width grid
    std::uint8_t columns = 1;        ///< cells taken (0-4; 0: drawn over the previous unit)
    bool lineBreak = false;          ///< a '\n' character, whatever the encoding and ControlStyle
};

/// Decoded text plus the map between text positions and byte offsets.
struct DecodedText {
    std::string text;                ///< UTF-8
    std::vector<DecodedUnit> units;  ///< one per output piece, in order
    std::uint64_t byteBegin = 0;     ///< absolute offset of the first byte covered
    std::uint64_t byteEnd = 0;       ///< one past the last byte covered
    std::size_t utf16Length = 0;     ///< text length in UTF-16 code units
    std::size_t codePointLength = 0; ///< text length in code points
    std::size_t columnLength = 0;    ///< text width in cells

    /// Absolute offset of the byte that produced the character at index (in unit); byteEnd
    /// when index is at or past the end. For Column: the unit whose cells cover the index (a
    /// wide character's second cell maps to its first byte; zero-width units are never hit).
    [[nodiscard]] std::uint64_t byteOffsetAt(std::size_t index, TextUnit unit) const;
    /// Index (in unit) of the first character produced from byte offset; the text length when
    /// offset is at or past byteEnd, 0 when before byteBegin. For Column: the first cell that
    /// shows the byte (a zero-width unit's is the cell of the character it combines with).
    [[nodiscard]] std::size_t textIndexAt(std::uint64_t offset, TextUnit unit) const;
    /// Index into units of the unit holding byte offset, or units.size() when none does.
    [[nodiscard]] std::size_t unitIndexAt(std::uint64_t offset) const;
    /// The grid cluster of units[index]: [first, last) unit indices of the character that
    /// owns cells plus the zero-width units drawn over it (one unit for most text).
    [[nodiscard]] std::pair<std::size_t, std::size_t> clusterAt(std::size_t index) const;
    /// Text length in unit.
    [[nodiscard]] std::size_t length(TextUnit unit) const;
};

/// Incremental decoder for a byte stream that arrives in chunks: a multi-byte sequence split
/// across two chunks is held back and decoded whole with the next chunk, and a combining mark
/// that starts a chunk takes no cells when it follows a shown character of the last one.
///
/// Invalid input, in every encoding, is one unit per byte (never dropped, never merged):
/// - UTF-8, ASCII: each byte that does not begin a well-formed character; decoding resumes at
///   the next byte.
/// - GB18030, Big5, Shift_JIS: a byte that iconv cannot convert as the start of a character
///   (not a lead byte, or a lead byte whose following bytes do not form a mapped character) is
///   invalid on its own; decoding resumes at the next byte, so a trail byte in the ASCII range
///   after a bad lead byte is shown as that ASCII character.
/// - UTF-16: a code unit that is a lone surrogate shows its two bytes as two invalid units;
///   decoding resumes at the next code unit, so the stream stays 2-byte aligned.
/// - With final, an incomplete character at the end shows its bytes invalid the same way
///   (UTF-16: a lone byte at the end is one invalid unit).
///
/// Holds an iconv descriptor for the iconv encodings, so it can be moved but not copied.
class TextDecoder {
public:
    /// A decoder whose first byte is at absolute offset firstByteOffset.
    explicit TextDecoder(TextDecodeOptions options = {}, std::uint64_t firstByteOffset = 0);

    /// Decodes chunk (following all earlier chunks). Unless final, an incomplete sequence at
    /// the end is kept for the next call; with final it is shown as invalid bytes.
    [[nodiscard]] DecodedText decode(ByteView chunk, bool final = false);

    /// Bytes held back from the last decode (0-3).
    [[nodiscard]] std::size_t pendingBytes() const { return m_pendingCount; }

private:
    TextDecodeOptions m_options;
    std::uint64_t m_nextOffset = 0; ///< absolute offset of the first pending/next byte
    std::byte m_pending[4]{};
    std::size_t m_pendingCount = 0;
    bool m_canCombine = false;   ///< a mark next would draw over the last character shown
    codec_detail::Iconv m_iconv; ///< to UTF-32 for the iconv encodings, else closed
};

/// Start of the unit that contains bytes[offset] when decodeText(bytes) decodes it (bytes[0]
/// must start a character); offset itself when offset >= bytes.size(). Views that decode only
/// the visible window start there so no character is cut in half.
/// - UTF-8: backs up over at most three bytes when they begin a valid sequence covering offset.
/// - UTF-16: the even offset at or before offset, or two before that for the low half of a
///   surrogate pair; a byte of an invalid code unit is its own unit, so offset is returned.
/// - GB18030, Big5, Shift_JIS cannot be read backwards: a trail byte may look like a lead
///   byte or like ASCII. A byte that can be neither a lead byte nor (GB18030) the second or
///   third byte of a 4-byte character always ends a unit, so decoding forward from just after
///   the nearest such byte (or from bytes[0]) finds the start exactly. That byte is searched
///   for at most kAlignScanBytes back; past that (a long run of lead-range bytes, e.g. binary
///   data or unbroken CJK text whose trail bytes all look like lead bytes) offset is returned
///   unchanged, which may be the second byte of a character.
/// - Latin-1, ASCII: offset.
[[nodiscard]] std::size_t alignToCharStart(ByteView bytes, std::size_t offset,
                                           TextEncoding encoding = TextEncoding::Utf8);

/// How far alignToCharStart looks back for a certain character end in GB18030, Big5 and
/// Shift_JIS (the bytes between it and offset are decoded once).
inline constexpr std::size_t kAlignScanBytes = 1024;

/// Decodes bytes in one go (bytes[0] at baseOffset); an incomplete trailing sequence is invalid.
[[nodiscard]] DecodedText decodeText(ByteView bytes, const TextDecodeOptions& options = {},
                                     std::uint64_t baseOffset = 0);

} // namespace socklab
