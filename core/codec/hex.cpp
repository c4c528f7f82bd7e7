#include "core/codec/hex.h"

#include "core/base/translate.h"
#include "core/codec/codec_util.h"

namespace socklab {

namespace {

using codec_detail::describeChar;
using codec_detail::hexValue;

bool isHexSeparator(char c) {
    switch (c) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case ',':
    case ':':
    case ';':
    case '-':
        return true;
    default:
        return false;
    }
}

struct HexProblem {
    std::size_t position = 0;
    std::string detail;
};

// One scanner for parseHex and firstHexError so both always agree on what is an error.
// out may be null when only the error position matters.
std::optional<HexProblem> scanHex(std::string_view text, ByteVector* out) {
    const std::size_t n = text.size();
    std::size_t groupDigits = 0;
    std::size_t lastDigitPos = 0;
    int high = 0;

    auto closeGroup = [&]() -> std::optional<HexProblem> {
        if (groupDigits % 2 != 0) {
            return HexProblem{lastDigitPos,
                              trArgs(SL_TR("socklab", "odd number of hex digits, unpaired %1 at "
                                                      "position %2"),
                                     describeChar(text[lastDigitPos]), lastDigitPos)};
        }
        groupDigits = 0;
        return std::nullopt;
    };

    std::size_t i = 0;
    while (i < n) {
        const char c = text[i];
        if (isHexSeparator(c)) {
            if (auto p = closeGroup()) {
                return p;
            }
            ++i;
            continue;
        }
        const bool nextIsX = i + 1 < n && (text[i + 1] == 'x' || text[i + 1] == 'X');
        const bool prefix = nextIsX && (c == '\\' || (c == '0' && groupDigits == 0));
        if (prefix) {
            if (auto p = closeGroup()) {
                return p;
            }
            const std::size_t digitPos = i + 2;
            if (digitPos >= n || isHexSeparator(text[digitPos])) {
                const std::string prefix{c, text[i + 1]};
                return HexProblem{
                    i, trArgs(SL_TR("socklab", "prefix \"%1\" without hex digits at position %2"),
                              prefix, i)};
            }
            i = digitPos;
            continue;
        }
        const int v = hexValue(c);
        if (v < 0) {
            return HexProblem{
                i, trArgs(SL_TR("socklab", "bad hex digit %1 at position %2"), describeChar(c), i)};
        }
        if (groupDigits % 2 == 0) {
            high = v;
        } else if (out) {
            out->push_back(static_cast<std::byte>((high << 4) | v));
        }
        ++groupDigits;
        lastDigitPos = i;
        ++i;
    }
    return closeGroup();
}

} // namespace

Result<ByteVector> parseHex(std::string_view text) {
    ByteVector out;
    out.reserve(text.size() / 2);
    if (auto problem = scanHex(text, &out)) {
        return fail(inputError(SL_TR("socklab", "parse hex"), codec_detail::quotedInput(text),
                               std::move(problem->detail)));
    }
    return out;
}

std::optional<std::size_t> firstHexError(std::string_view text) {
    if (auto problem = scanHex(text, nullptr)) {
        return problem->position;
    }
    return std::nullopt;
}

std::string formatHex(ByteView bytes, std::string_view separator, bool upper) {
    std::string out;
    out.reserve(bytes.size() * (2 + separator.size()));
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i != 0) {
            out += separator;
        }
        codec_detail::appendHexByte(out, static_cast<std::uint8_t>(bytes[i]), upper);
    }
    return out;
}

} // namespace socklab
