// Received bytes shown as text (core/codec/text_decode, text_encode): decodeText in every
// encoding and style, the incremental TextDecoder over arbitrary chunks, alignToCharStart, the
// position maps, and encodeText's promise that what it encodes decodes back. Input: encoding
// and styles in the first byte, the chunk cut points from the second, then the bytes.
#include "core/codec/text_decode.h"
#include "core/codec/text_encode.h"
#include "core/codec/utf8.h"
#include "tests/fuzz/fuzz_check.h"

#include <algorithm>

using namespace socklab;
using socklab::fuzz::check;

namespace {

void checkShape(const DecodedText& d, std::size_t bytes, std::uint64_t base) {
    check(d.byteBegin == base, "byteBegin at the base offset");
    check(d.byteEnd >= d.byteBegin && d.byteEnd - d.byteBegin <= bytes, "byteEnd within input");
    check(isValidUtf8(asBytes(d.text)), "decoded text is valid UTF-8");
    std::uint64_t at = d.byteBegin;
    std::size_t textAt = 0;
    for (const DecodedUnit& u : d.units) {
        check(u.byteOffset == at, "units tile the bytes");
        check(u.byteCount >= 1 && u.byteCount <= 4, "a unit covers 1-4 bytes");
        check(u.textOffset >= textAt && u.textOffset <= d.text.size(), "text offsets in order");
        at += u.byteCount;
        textAt = u.textOffset;
    }
    check(at == d.byteEnd, "units end at byteEnd");
    check(d.length(TextUnit::Utf8) == d.text.size(), "UTF-8 length is the text size");
    check(d.codePointLength <= d.text.size(), "code points within UTF-8 bytes");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) {
        return 0;
    }
    const auto encodings = allEncodings();
    TextDecodeOptions options;
    options.encoding = encodings[data[0] % encodings.size()];
    options.invalid = static_cast<InvalidByteStyle>(1 + (data[0] >> 4) % 2);
    options.controls = static_cast<ControlStyle>(1 + (data[0] >> 5) % 3);
    const std::uint8_t cuts = data[1];
    const ByteView bytes = fuzz::bytesOf(data + 2, size - 2);

    const std::uint64_t base = 1000;
    const DecodedText whole = decodeText(bytes, options, base);
    checkShape(whole, bytes.size(), base);
    check(whole.byteEnd - whole.byteBegin == bytes.size(), "decodeText covers every byte");

    // Fed in chunks, the decoder gives the same text: split sequences are held back.
    TextDecoder decoder(options, base);
    std::string joined;
    std::size_t at = 0;
    std::size_t step = 1 + cuts % 7;
    while (at < bytes.size()) {
        const std::size_t n = std::min(step, bytes.size() - at);
        const DecodedText part = decoder.decode(bytes.subspan(at, n), at + n == bytes.size());
        check(decoder.pendingBytes() <= 3, "at most 3 bytes held back");
        joined += part.text;
        at += n;
        step = 1 + (step * 5 + cuts) % 11;
    }
    check(joined == whole.text, "chunked decoding equals decoding in one go");

    // Position maps stay inside the text and the bytes.
    for (std::size_t i = 0; i <= whole.text.size() && i < 64; i += 7) {
        for (TextUnit unit :
             {TextUnit::Utf8, TextUnit::Utf16, TextUnit::CodePoint, TextUnit::Column}) {
            const std::uint64_t off = whole.byteOffsetAt(i, unit);
            check(off >= whole.byteBegin && off <= whole.byteEnd, "byteOffsetAt within bytes");
            const std::size_t index = whole.textIndexAt(base + i, unit);
            check(index <= whole.length(unit), "textIndexAt within text");
        }
        const std::size_t unitIndex = whole.unitIndexAt(base + i);
        if (unitIndex < whole.units.size()) {
            const auto [first, last] = whole.clusterAt(unitIndex);
            check(first <= unitIndex && unitIndex < last && last <= whole.units.size(),
                  "clusterAt holds the unit");
        }
    }
    for (std::size_t off = 0; off < bytes.size() && off < 64; off += 5) {
        check(alignToCharStart(bytes, off, options.encoding) <= off, "align moves back only");
    }

    // Text the encoder accepts decodes back to itself (no lossy mapping).
    const std::string_view typed = asChars(bytes);
    const auto encoded = encodeText(typed, options.encoding);
    check(encoded.has_value() || !isValidUtf8(bytes) || options.encoding != TextEncoding::Utf8,
          "valid UTF-8 always encodes as UTF-8");
    if (encoded) {
        TextDecodeOptions plain;
        plain.encoding = options.encoding;
        check(decodeText(*encoded, plain).text == typed, "encodeText then decodeText round trip");
    }
    // Names of encodings read back.
    for (const TextEncoding e : encodings) {
        check(encodingByName(encodingName(e)) == e, "encodingName reads back");
        check(encodingByName(encodingTitle(e)) == e, "encodingTitle reads back");
    }
    return 0;
}
