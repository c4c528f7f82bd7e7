#include "core/codec/text_encode.h"

#include "core/base/translate.h"
#include "core/codec/codec_util.h"
#include "core/codec/utf8.h"

#include <array>
#include <cerrno>
#include <cstdio>

namespace socklab {

namespace {

struct EncodingInfo {
    TextEncoding encoding;
    std::string_view name;
    std::string_view title;
    std::array<std::string_view, 5> aliases; ///< unused slots empty
};

// Menu order; names are saved in workspaces, so they never change.
const EncodingInfo kEncodings[] = {
    {TextEncoding::Utf8, "utf-8", "UTF-8", {"utf8"}},
    {TextEncoding::Gb18030, "gb18030", "GBK/GB18030", {"gbk", "gb2312", "cp936", "gb-18030"}},
    {TextEncoding::Big5, "big5", "Big5", {"big-5", "cp950"}},
    {TextEncoding::ShiftJis,
     "shift_jis",
     "Shift_JIS",
     {"shift-jis", "sjis", "cp932", "windows-31j", "ms_kanji"}},
    {TextEncoding::Utf16Le, "utf-16le", "UTF-16LE", {"utf16le"}},
    {TextEncoding::Utf16Be, "utf-16be", "UTF-16BE", {"utf16be"}},
    {TextEncoding::Latin1, "latin-1", "Latin-1", {"latin1", "iso-8859-1", "iso8859-1"}},
    {TextEncoding::Ascii, "ascii", "ASCII", {"us-ascii"}},
};

constexpr std::array kAll = {TextEncoding::Utf8,     TextEncoding::Gb18030, TextEncoding::Big5,
                             TextEncoding::ShiftJis, TextEncoding::Utf16Le, TextEncoding::Utf16Be,
                             TextEncoding::Latin1,   TextEncoding::Ascii};

const EncodingInfo& info(TextEncoding encoding) {
    for (const auto& e : kEncodings) {
        if (e.encoding == encoding) {
            return e;
        }
    }
    return kEncodings[0];
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    const auto lower = [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

std::string codePointName(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

Error encodeError(TextEncoding encoding, std::size_t position, std::string problem) {
    //: %1: a character position in the text; %2: what is wrong there.
    std::string detail = trArgs(SL_TR("socklab", "position %1: %2"), position, problem);
    return inputError(SL_TR("socklab", "encode text"), std::string(encodingTitle(encoding)),
                      std::move(detail));
}

Error noFormError(TextEncoding encoding, std::size_t position, char32_t cp) {
    //: %1: a character, "U+4E2D"; %2: a text encoding, "Big5".
    return encodeError(
        encoding, position,
        trArgs(SL_TR("socklab", "%1 has no %2 form"), codePointName(cp), encodingTitle(encoding)));
}

// Encodes one character (its UTF-8 bytes) with iconv and checks that decoding the result gives
// the character back; false when it has no form in the encoding, or only a lossy one.
bool encodeOne(codec_detail::Iconv& encoder, codec_detail::Iconv& decoder, ByteView utf8,
               char32_t cp, ByteVector& out) {
    const char* in = reinterpret_cast<const char*>(utf8.data());
    std::size_t inLeft = utf8.size();
    char encoded[16];
    char* encodedEnd = encoded;
    std::size_t encodedLeft = sizeof encoded;
    const std::size_t result = encoder.convert(&in, &inLeft, &encodedEnd, &encodedLeft);
    encoder.reset();
    if (result == static_cast<std::size_t>(-1) || inLeft != 0 || encodedEnd == encoded) {
        return false;
    }
    const char* back = encoded;
    std::size_t backLeft = static_cast<std::size_t>(encodedEnd - encoded);
    unsigned char utf32[8];
    char* utf32End = reinterpret_cast<char*>(utf32);
    std::size_t utf32Left = sizeof utf32;
    const std::size_t decoded = decoder.convert(&back, &backLeft, &utf32End, &utf32Left);
    decoder.reset();
    if (decoded == static_cast<std::size_t>(-1) || backLeft != 0 || utf32Left != 4) {
        return false;
    }
    const char32_t roundTrip = static_cast<char32_t>(utf32[0]) | (char32_t{utf32[1]} << 8) |
                               (char32_t{utf32[2]} << 16) | (char32_t{utf32[3]} << 24);
    if (roundTrip != cp) {
        return false;
    }
    const auto* first = reinterpret_cast<const std::byte*>(encoded);
    out.insert(out.end(), first, reinterpret_cast<const std::byte*>(encodedEnd));
    return true;
}

} // namespace

std::string_view encodingName(TextEncoding encoding) {
    return info(encoding).name;
}

std::string_view encodingTitle(TextEncoding encoding) {
    return info(encoding).title;
}

std::optional<TextEncoding> encodingByName(std::string_view name) {
    for (const auto& e : kEncodings) {
        if (equalsIgnoreCase(name, e.name) || equalsIgnoreCase(name, e.title)) {
            return e.encoding;
        }
        for (std::string_view alias : e.aliases) {
            if (!alias.empty() && equalsIgnoreCase(name, alias)) {
                return e.encoding;
            }
        }
    }
    return std::nullopt;
}

std::span<const TextEncoding> allEncodings() {
    return kAll;
}

Result<ByteVector> encodeText(std::string_view utf8, TextEncoding encoding) {
    const ByteView bytes = asBytes(utf8);
    const char* charset = codec_detail::iconvCharset(encoding);
    codec_detail::Iconv encoder;
    codec_detail::Iconv decoder;
    if (charset != nullptr) {
        encoder = codec_detail::Iconv(charset, "UTF-8");
        if (encoder.ok()) {
            decoder = codec_detail::Iconv("UTF-32LE", charset);
        }
        if (!encoder.ok() || !decoder.ok()) {
            const int err = errno; // before translating: the translator may touch errno
            return fail(
                sysError(err, SL_TR("socklab", "encode text"), std::string(encodingTitle(encoding)),
                         trArgs(SL_TR("socklab", "the C library has no %1 converter"), charset)));
        }
    }
    ByteVector out;
    out.reserve(utf8.size());
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        const Utf8Step step = decodeUtf8Step(bytes.subspan(pos));
        if (step.status == Utf8Status::Incomplete) {
            return fail(encodeError(encoding, pos, SL_TR("socklab", "UTF-8 sequence cut short")));
        }
        if (step.status == Utf8Status::Invalid) {
            std::string hex;
            codec_detail::appendHexByte(hex, static_cast<std::uint8_t>(bytes[pos]));
            return fail(encodeError(encoding, pos,
                                    trArgs(SL_TR("socklab", "invalid UTF-8 byte 0x%1"), hex)));
        }
        const char32_t cp = step.codePoint;
        const ByteView character = bytes.subspan(pos, step.length);
        bool encoded = true;
        switch (encoding) {
        case TextEncoding::Utf8:
            out.insert(out.end(), character.begin(), character.end());
            break;
        case TextEncoding::Latin1:
        case TextEncoding::Ascii:
            encoded = cp < (encoding == TextEncoding::Latin1 ? 0x100u : 0x80u);
            if (encoded) {
                out.push_back(static_cast<std::byte>(cp));
            }
            break;
        case TextEncoding::Gb18030:
        case TextEncoding::Big5:
        case TextEncoding::ShiftJis:
        case TextEncoding::Utf16Le:
        case TextEncoding::Utf16Be:
            encoded = encodeOne(encoder, decoder, character, cp, out);
            break;
        }
        if (!encoded) {
            return fail(noFormError(encoding, pos, cp));
        }
        pos += step.length;
    }
    return out;
}

} // namespace socklab
