#include "core/codec/text_decode.h"

#include "core/codec/char_width.h"
#include "core/codec/codec_util.h"
#include "core/codec/utf8.h"

#include <algorithm>

namespace socklab {

namespace {

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
    : m_options(options), m_nextOffset(firstByteOffset) {}

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
    std::size_t i = 0;
    while (i < bytes.size()) {
        const std::uint64_t offset = m_nextOffset + i;
        const auto b = static_cast<std::uint8_t>(bytes[i]);
        switch (m_options.encoding) {
        case TextEncoding::Latin1:
            emit.character(b, offset, 1);
            ++i;
            continue;
        case TextEncoding::Ascii:
            if (b < 0x80) {
                emit.character(b, offset, 1);
            } else {
                emit.invalid(b, offset);
            }
            ++i;
            continue;
        case TextEncoding::Utf8:
            break;
        }
        const Utf8Step step = decodeUtf8Step(bytes.subspan(i));
        if (step.status == Utf8Status::Incomplete && !final) {
            std::copy(bytes.begin() + static_cast<std::ptrdiff_t>(i), bytes.end(), m_pending);
            m_pendingCount = bytes.size() - i;
            break;
        }
        if (step.status == Utf8Status::Valid) {
            emit.character(step.codePoint, offset, step.length);
            i += step.length;
        } else {
            emit.invalid(b, offset);
            ++i;
        }
    }
    m_nextOffset += i;
    out.byteEnd = m_nextOffset;
    return out;
}

std::size_t alignToCharStart(ByteView bytes, std::size_t offset, TextEncoding encoding) {
    if (encoding != TextEncoding::Utf8 || offset >= bytes.size()) {
        return offset;
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
