#include "core/codec/text_decode.h"

#include "core/codec/char_width.h"
#include "core/codec/codec_util.h"
#include "core/codec/utf8.h"

#include <algorithm>
#include <cerrno>

namespace socklab {

namespace codec_detail {

Iconv::Iconv(const char* to, const char* from) noexcept : m_cd(iconv_open(to, from)) {}

Iconv::Iconv(Iconv&& other) noexcept : m_cd(std::exchange(other.m_cd, closed())) {}

Iconv& Iconv::operator=(Iconv&& other) noexcept {
    if (this != &other) {
        if (ok()) {
            iconv_close(m_cd);
        }
        m_cd = std::exchange(other.m_cd, closed());
    }
    return *this;
}

Iconv::~Iconv() {
    if (ok()) {
        iconv_close(m_cd);
    }
}

std::size_t Iconv::convert(const char** in, std::size_t* inLeft, char** out, std::size_t* outLeft) {
    // POSIX declares the input as char** although iconv never writes through it.
    return iconv(m_cd, const_cast<char**>(in), inLeft, out, outLeft);
}

void Iconv::reset() {
    if (ok()) {
        iconv(m_cd, nullptr, nullptr, nullptr, nullptr);
    }
}

const char* iconvCharset(TextEncoding encoding) {
    switch (encoding) {
    case TextEncoding::Gb18030:
        return "GB18030";
    case TextEncoding::Big5:
        return "BIG5";
    case TextEncoding::ShiftJis:
        // glibc's "SHIFT_JIS" reads 0x5c as U+00A5 and 0x7e as U+203E (JIS X 0201), so every
        // backslash and tilde of ASCII text would change; Windows-31J keeps ASCII, as browsers
        // do for the label Shift_JIS, and adds the NEC/IBM rows in use in Japanese text.
        return "CP932";
    case TextEncoding::Utf16Le:
        return "UTF-16LE";
    case TextEncoding::Utf16Be:
        return "UTF-16BE";
    case TextEncoding::Utf8:
    case TextEncoding::Latin1:
    case TextEncoding::Ascii:
        return nullptr;
    }
    return nullptr;
}

} // namespace codec_detail

namespace {

enum class StepStatus : std::uint8_t {
    Valid = 1,
    Invalid,    ///< the first `length` bytes are invalid, one unit each
    Incomplete, ///< the bytes are a prefix of a character that does not end before the input
};

/// One decoding step at the start of some bytes.
struct CharStep {
    StepStatus status = StepStatus::Invalid;
    char32_t codePoint = 0;
    std::size_t length = 1; ///< Valid: the character's bytes; Invalid: 1 (UTF-16: 2); else all
};

bool isUtf16(TextEncoding encoding) {
    return encoding == TextEncoding::Utf16Le || encoding == TextEncoding::Utf16Be;
}

/// Bytes an invalid unit of the encoding covers, at most `available`: UTF-16's code unit,
/// one byte elsewhere.
std::size_t invalidLength(TextEncoding encoding, std::size_t available) {
    return std::min<std::size_t>(isUtf16(encoding) ? 2 : 1, available);
}

// One character through iconv: all available bytes (at most 4, the longest character) go in
// and at most one UTF-32 character comes out, so how far the input advanced is the character's
// length. iconv's EINVAL (input ends inside a character) tells incomplete from invalid
// (EILSEQ).
CharStep iconvStep(codec_detail::Iconv& cd, TextEncoding encoding, ByteView bytes) {
    const std::size_t n = std::min<std::size_t>(bytes.size(), 4);
    if (!cd.ok()) {
        return {StepStatus::Invalid, 0, invalidLength(encoding, bytes.size())};
    }
    const char* in = reinterpret_cast<const char*>(bytes.data());
    std::size_t inLeft = n;
    unsigned char utf32[4];
    char* out = reinterpret_cast<char*>(utf32);
    std::size_t outLeft = sizeof utf32;
    const std::size_t result = cd.convert(&in, &inLeft, &out, &outLeft);
    const int err = errno;
    if (outLeft == 0 && inLeft < n) {
        if (result == static_cast<std::size_t>(-1)) {
            cd.reset(); // stopped at the next character (E2BIG or worse): start it afresh
        }
        const char32_t cp = static_cast<char32_t>(utf32[0]) | (char32_t{utf32[1]} << 8) |
                            (char32_t{utf32[2]} << 16) | (char32_t{utf32[3]} << 24);
        if (cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff)) {
            return {StepStatus::Valid, cp, n - inLeft};
        }
        return {StepStatus::Invalid, 0, invalidLength(encoding, bytes.size())};
    }
    cd.reset();
    if (result == static_cast<std::size_t>(-1) && err == EINVAL && n < 4) {
        return {StepStatus::Incomplete, 0, n};
    }
    return {StepStatus::Invalid, 0, invalidLength(encoding, bytes.size())};
}

/// Decodes the character at the start of bytes (not empty).
CharStep stepChar(TextEncoding encoding, codec_detail::Iconv& cd, ByteView bytes) {
    const auto b = static_cast<std::uint8_t>(bytes[0]);
    switch (encoding) {
    case TextEncoding::Latin1:
        return {StepStatus::Valid, b, 1};
    case TextEncoding::Ascii:
        return b < 0x80 ? CharStep{StepStatus::Valid, b, 1} : CharStep{StepStatus::Invalid, 0, 1};
    case TextEncoding::Utf8: {
        const Utf8Step step = decodeUtf8Step(bytes);
        switch (step.status) {
        case Utf8Status::Valid:
            return {StepStatus::Valid, step.codePoint, step.length};
        case Utf8Status::Incomplete:
            return {StepStatus::Incomplete, 0, step.length};
        case Utf8Status::Invalid:
            break;
        }
        return {StepStatus::Invalid, 0, 1};
    }
    case TextEncoding::Gb18030:
    case TextEncoding::Big5:
    case TextEncoding::ShiftJis:
        // ASCII-compatible: a byte below 0x80 where a character starts is that character
        // (their trail bytes can be ASCII, their lead bytes never are).
        if (b < 0x80) {
            return {StepStatus::Valid, b, 1};
        }
        return iconvStep(cd, encoding, bytes);
    case TextEncoding::Utf16Le:
    case TextEncoding::Utf16Be:
        return iconvStep(cd, encoding, bytes);
    }
    return {StepStatus::Invalid, 0, 1};
}

/// Whether a byte ends a unit wherever it stands in GB18030, Big5 or Shift_JIS text: it can
/// start no multi-byte character and is not inside one before its last byte (GB18030's 4-byte
/// form has 0x30-0x39 second and 0x81-0xfe third bytes). The ranges are those iconv accepts,
/// widened where the standards' variants differ.
bool endsUnitAnywhere(TextEncoding encoding, std::uint8_t b) {
    switch (encoding) {
    case TextEncoding::Gb18030:
        return (b < 0x81 || b == 0xff) && (b < 0x30 || b > 0x39);
    case TextEncoding::Big5:
        return b < 0x81 || b == 0xff;
    case TextEncoding::ShiftJis:
        return !((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc));
    default:
        return true;
    }
}

std::uint16_t utf16Unit(ByteView bytes, std::size_t at, bool bigEndian) {
    const auto b0 = static_cast<std::uint16_t>(bytes[at]);
    const auto b1 = static_cast<std::uint16_t>(bytes[at + 1]);
    return bigEndian ? static_cast<std::uint16_t>(b0 << 8 | b1)
                     : static_cast<std::uint16_t>(b1 << 8 | b0);
}

std::size_t alignUtf16(ByteView bytes, std::size_t offset, bool bigEndian) {
    const std::size_t at = offset & ~std::size_t{1};
    if (at + 1 >= bytes.size()) {
        return offset; // a lone byte at the end: its own invalid unit
    }
    const auto isHigh = [](std::uint16_t u) { return u >= 0xd800 && u <= 0xdbff; };
    const auto isLow = [](std::uint16_t u) { return u >= 0xdc00 && u <= 0xdfff; };
    const std::uint16_t unit = utf16Unit(bytes, at, bigEndian);
    if (isLow(unit)) {
        if (at >= 2 && isHigh(utf16Unit(bytes, at - 2, bigEndian))) {
            return at - 2;
        }
        return offset; // lone low surrogate: two invalid units
    }
    if (isHigh(unit) && !(at + 3 < bytes.size() && isLow(utf16Unit(bytes, at + 2, bigEndian)))) {
        return offset; // lone high surrogate
    }
    return at;
}

std::size_t alignMultiByte(ByteView bytes, std::size_t offset, TextEncoding encoding) {
    // Find where decoding certainly starts a unit: just after a byte that ends one anywhere,
    // or the start of the buffer.
    std::size_t start = offset;
    bool found = false;
    while (start > 0 && offset - start < kAlignScanBytes) {
        if (endsUnitAnywhere(encoding, static_cast<std::uint8_t>(bytes[start - 1]))) {
            found = true;
            break;
        }
        --start;
    }
    if (!found && start > 0) {
        return offset;
    }
    codec_detail::Iconv cd("UTF-32LE", codec_detail::iconvCharset(encoding));
    while (start < offset) {
        CharStep step = stepChar(encoding, cd, bytes.subspan(start));
        if (step.status == StepStatus::Incomplete) {
            step.length = invalidLength(encoding, step.length); // as decodeText does at the end
        }
        if (start + step.length > offset) {
            // Invalid units are one byte each, so only a valid character can cover offset.
            return step.status == StepStatus::Valid ? start : offset;
        }
        start += step.length;
    }
    return start;
}

std::size_t unitStart(const DecodedUnit& u, TextUnit unit) {
    switch (unit) {
    case TextUnit::Utf8:
        return u.textOffset;
    case TextUnit::Utf16:
        return u.utf16Offset;
    case TextUnit::CodePoint:
        return u.codePointOffset;
    case TextUnit::Column:
        return u.columnOffset;
    }
    return u.textOffset;
}

// Appends output for one source unit and records where it came from.
class Emitter {
public:
    Emitter(DecodedText& out, const TextDecodeOptions& options, bool& canCombine)
        : m_out(out), m_options(options), m_canCombine(canCombine) {}

    void character(char32_t cp, std::uint64_t offset, std::size_t byteCount) {
        begin(offset, byteCount, false);
        const bool control = cp < 0x20 || cp == 0x7f;
        if (!control || m_options.controls == ControlStyle::Keep) {
            std::uint8_t columns = codePointColumns(cp);
            if (columns == 0 && !m_canCombine) {
                columns = 1; // nothing to draw over: keep it visible on its own
            }
            put(cp, columns);
        } else if (m_options.controls == ControlStyle::Pictures) {
            put(cp == '\n' ? cp : cp == 0x7f ? char32_t{0x2421} : char32_t{0x2400 + cp}, 1);
        } else {
            escape(static_cast<std::uint8_t>(cp));
        }
        // Marks combine with shown characters only, not with a control's picture or escape.
        m_canCombine = !isControlCodePoint(cp);
        m_out.units.back().lineBreak = cp == '\n';
        end();
    }

    void invalid(std::uint8_t b, std::uint64_t offset) {
        begin(offset, 1, true);
        if (m_options.invalid == InvalidByteStyle::Replacement) {
            put(0xfffd, 1);
        } else {
            putHex(b);
        }
        m_canCombine = false;
        end();
    }

private:
    void begin(std::uint64_t offset, std::size_t byteCount, bool invalid) {
        m_out.units.push_back(
            DecodedUnit{offset, m_out.text.size(), m_out.utf16Length, m_out.codePointLength,
                        static_cast<std::uint8_t>(byteCount), invalid, m_out.columnLength, 0});
    }

    void end() {
        DecodedUnit& u = m_out.units.back();
        u.columns = static_cast<std::uint8_t>(m_out.columnLength - u.columnOffset);
    }

    void put(char32_t cp, std::uint8_t columns) {
        codec_detail::appendUtf8(m_out.text, cp);
        m_out.utf16Length += cp >= 0x10000 ? 2 : 1;
        ++m_out.codePointLength;
        m_out.columnLength += columns;
    }

    void putAscii(std::string_view s) {
        m_out.text += s;
        m_out.utf16Length += s.size();
        m_out.codePointLength += s.size();
        m_out.columnLength += s.size();
    }

    void putHex(std::uint8_t b) {
        std::string s = "\\x";
        codec_detail::appendHexByte(s, b);
        putAscii(s);
    }

    void escape(std::uint8_t b) {
        switch (b) {
        case '\n':
            putAscii("\\n");
            break;
        case '\r':
            putAscii("\\r");
            break;
        case '\t':
            putAscii("\\t");
            break;
        case 0:
            putAscii("\\0");
            break;
        default:
            putHex(b);
        }
    }

    DecodedText& m_out;
    const TextDecodeOptions& m_options;
    bool& m_canCombine; ///< the last unit (this chunk or the one before) was a shown character
};

} // namespace

std::size_t DecodedText::length(TextUnit unit) const {
    switch (unit) {
    case TextUnit::Utf8:
        return text.size();
    case TextUnit::Utf16:
        return utf16Length;
    case TextUnit::CodePoint:
        return codePointLength;
    case TextUnit::Column:
        return columnLength;
    }
    return text.size();
}

std::uint64_t DecodedText::byteOffsetAt(std::size_t index, TextUnit unit) const {
    if (index >= length(unit)) {
        return byteEnd;
    }
    if (unit == TextUnit::Column) {
        // The first unit whose cells end after index; zero-width units end where they start.
        auto it = std::partition_point(units.begin(), units.end(), [index](const DecodedUnit& u) {
            return u.columnOffset + u.columns <= index;
        });
        return it == units.end() ? byteEnd : it->byteOffset;
    }
    auto it = std::upper_bound(
        units.begin(), units.end(), index,
        [unit](std::size_t i, const DecodedUnit& u) { return i < unitStart(u, unit); });
    // index < length, so a unit starting at or before index exists.
    return std::prev(it)->byteOffset;
}

std::size_t DecodedText::textIndexAt(std::uint64_t offset, TextUnit unit) const {
    if (offset >= byteEnd) {
        return length(unit);
    }
    if (offset < byteBegin || units.empty()) {
        return 0;
    }
    auto it =
        std::upper_bound(units.begin(), units.end(), offset,
                         [](std::uint64_t o, const DecodedUnit& u) { return o < u.byteOffset; });
    if (it == units.begin()) {
        return 0;
    }
    if (unit == TextUnit::Column) {
        const auto index = static_cast<std::size_t>(std::prev(it) - units.begin());
        return units[clusterAt(index).first].columnOffset;
    }
    return unitStart(*std::prev(it), unit);
}

std::size_t DecodedText::unitIndexAt(std::uint64_t offset) const {
    auto it =
        std::upper_bound(units.begin(), units.end(), offset,
                         [](std::uint64_t o, const DecodedUnit& u) { return o < u.byteOffset; });
    if (it == units.begin()) {
        return units.size();
    }
    --it;
    if (offset >= it->byteOffset + it->byteCount) {
        return units.size();
    }
    return static_cast<std::size_t>(it - units.begin());
}

std::pair<std::size_t, std::size_t> DecodedText::clusterAt(std::size_t index) const {
    if (index >= units.size()) {
        return {units.size(), units.size()};
    }
    std::size_t first = index;
    while (first > 0 && units[first].columns == 0) {
        --first;
    }
    std::size_t last = index + 1;
    while (last < units.size() && units[last].columns == 0) {
        ++last;
    }
    return {first, last};
}

TextDecoder::TextDecoder(TextDecodeOptions options, std::uint64_t firstByteOffset)
    : m_options(options), m_nextOffset(firstByteOffset) {
    if (const char* charset = codec_detail::iconvCharset(options.encoding)) {
        m_iconv = codec_detail::Iconv("UTF-32LE", charset);
    }
}

DecodedText TextDecoder::decode(ByteView chunk, bool final) {
    DecodedText out;
    out.byteBegin = m_nextOffset;
    // A held-back sequence is at most 3 bytes; joining it with the chunk keeps one code path.
    ByteVector joined;
    ByteView bytes = chunk;
    if (m_pendingCount > 0) {
        joined.assign(m_pending, m_pending + m_pendingCount);
        joined.insert(joined.end(), chunk.begin(), chunk.end());
        bytes = joined;
        m_pendingCount = 0;
    }
    out.units.reserve(bytes.size());
    out.text.reserve(bytes.size());
    Emitter emit(out, m_options, m_canCombine);
    const TextEncoding encoding = m_options.encoding;
    std::size_t i = 0;
    while (i < bytes.size()) {
        const std::uint64_t offset = m_nextOffset + i;
        CharStep step = stepChar(encoding, m_iconv, bytes.subspan(i));
        if (step.status == StepStatus::Incomplete) {
            if (!final) {
                std::copy(bytes.begin() + static_cast<std::ptrdiff_t>(i), bytes.end(), m_pending);
                m_pendingCount = bytes.size() - i;
                break;
            }
            step = {StepStatus::Invalid, 0, invalidLength(encoding, step.length)};
        }
        if (step.status == StepStatus::Valid) {
            emit.character(step.codePoint, offset, step.length);
        } else {
            for (std::size_t k = 0; k < step.length; ++k) {
                emit.invalid(static_cast<std::uint8_t>(bytes[i + k]), offset + k);
            }
        }
        i += step.length;
    }
    m_nextOffset += i;
    out.byteEnd = m_nextOffset;
    return out;
}

std::size_t alignToCharStart(ByteView bytes, std::size_t offset, TextEncoding encoding) {
    if (offset >= bytes.size()) {
        return offset;
    }
    switch (encoding) {
    case TextEncoding::Utf8:
        break;
    case TextEncoding::Latin1:
    case TextEncoding::Ascii:
        return offset;
    case TextEncoding::Utf16Le:
    case TextEncoding::Utf16Be:
        return alignUtf16(bytes, offset, encoding == TextEncoding::Utf16Be);
    case TextEncoding::Gb18030:
    case TextEncoding::Big5:
    case TextEncoding::ShiftJis:
        return alignMultiByte(bytes, offset, encoding);
    }
    // A lead byte can never be a continuation byte, so a valid sequence starting at a lead byte
    // is where a decoder from the start of the buffer also starts a character.
    for (std::size_t back = 1; back <= 3 && back <= offset; ++back) {
        const std::size_t candidate = offset - back;
        const Utf8Step step = decodeUtf8Step(bytes.subspan(candidate));
        if (step.status == Utf8Status::Valid && candidate + step.length > offset) {
            return candidate;
        }
    }
    return offset;
}

DecodedText decodeText(ByteView bytes, const TextDecodeOptions& options, std::uint64_t baseOffset) {
    TextDecoder decoder(options, baseOffset);
    return decoder.decode(bytes, true);
}

} // namespace socklab
