#include "core/codec/utf8.h"

namespace socklab {

Utf8Step decodeUtf8Step(ByteView bytes) {
    const auto b0 = static_cast<std::uint8_t>(bytes[0]);
    if (b0 < 0x80) {
        return {Utf8Status::Valid, b0, 1};
    }
    std::size_t need = 0;
    char32_t cp = 0;
    // Allowed range of the second byte (Unicode table 3-7) rules out overlongs, surrogates
    // and code points above U+10FFFF without decoding first.
    std::uint8_t lo = 0x80;
    std::uint8_t hi = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
        need = 1;
        cp = b0 & 0x1f;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
        need = 2;
        cp = b0 & 0x0f;
        lo = b0 == 0xe0 ? 0xa0 : 0x80;
        hi = b0 == 0xed ? 0x9f : 0xbf;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        need = 3;
        cp = b0 & 0x07;
        lo = b0 == 0xf0 ? 0x90 : 0x80;
        hi = b0 == 0xf4 ? 0x8f : 0xbf;
    } else {
        return {Utf8Status::Invalid, 0, 1};
    }
    for (std::size_t k = 1; k <= need; ++k) {
        if (k >= bytes.size()) {
            return {Utf8Status::Incomplete, 0, bytes.size()};
        }
        const auto b = static_cast<std::uint8_t>(bytes[k]);
        const std::uint8_t min = k == 1 ? lo : 0x80;
        const std::uint8_t max = k == 1 ? hi : 0xbf;
        if (b < min || b > max) {
            return {Utf8Status::Invalid, 0, 1};
        }
        cp = (cp << 6) | (b & 0x3f);
    }
    return {Utf8Status::Valid, cp, need + 1};
}

bool isValidUtf8(ByteView bytes) {
    while (!bytes.empty()) {
        const Utf8Step step = decodeUtf8Step(bytes);
        if (step.status != Utf8Status::Valid) {
            return false;
        }
        bytes = bytes.subspan(step.length);
    }
    return true;
}

} // namespace socklab
