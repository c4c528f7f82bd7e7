#include "core/codec/escapes.h"

#include "core/base/translate.h"
#include "core/codec/char_width.h"
#include "core/codec/codec_util.h"
#include "core/codec/utf8.h"

#include <algorithm>

namespace socklab {

namespace {

using codec_detail::describeChar;
using codec_detail::hexValue;

struct EscapeProblem {
    std::size_t position = 0;
    std::string detail;
};

char simpleEscape(char c) {
    switch (c) {
    case 'r':
        return '\r';
    case 'n':
        return '\n';
    case 't':
        return '\t';
    case 'a':
        return '\a';
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'v':
        return '\v';
    case 'e':
        return '\x1b';
    case '\\':
    case '"':
    case '\'':
    case '?':
        return c;
    default:
        return 0;
    }
}

// Shared by unescape and firstEscapeError; out may be null.
std::optional<EscapeProblem> scanEscapes(std::string_view text, ByteVector* out) {
    const std::size_t n = text.size();
    auto emit = [out](std::uint8_t b) {
        if (out) {
            out->push_back(static_cast<std::byte>(b));
        }
    };
    std::size_t i = 0;
    while (i < n) {
        if (text[i] != '\\') {
            emit(static_cast<std::uint8_t>(text[i]));
            ++i;
            continue;
        }
        const std::size_t start = i;
        if (i + 1 >= n) {
            return EscapeProblem{
                start, trArgs(SL_TR("socklab", "dangling backslash at position %1"), start)};
        }
        const char kind = text[i + 1];
        i += 2;
        if (const char simple = simpleEscape(kind)) {
            emit(static_cast<std::uint8_t>(simple));
            continue;
        }
        if (kind >= '0' && kind <= '7') {
            unsigned value = static_cast<unsigned>(kind - '0');
            for (int k = 0; k < 2 && i < n && text[i] >= '0' && text[i] <= '7'; ++k, ++i) {
                value = value * 8 + static_cast<unsigned>(text[i] - '0');
            }
            if (value > 0xff) {
                return EscapeProblem{
                    start,
                    trArgs(SL_TR("socklab", "octal escape above \\377 at position %1"), start)};
            }
            emit(static_cast<std::uint8_t>(value));
            continue;
        }
        if (kind == 'x') {
            int value = 0;
            int digits = 0;
            for (; digits < 2 && i < n && hexValue(text[i]) >= 0; ++digits, ++i) {
                value = value * 16 + hexValue(text[i]);
            }
            if (digits == 0) {
                return EscapeProblem{
                    start,
                    trArgs(SL_TR("socklab", "\\x without hex digits at position %1"), start)};
            }
            emit(static_cast<std::uint8_t>(value));
            continue;
        }
        if (kind == 'u' || kind == 'U') {
            const int want = kind == 'u' ? 4 : 8;
            char32_t cp = 0;
            for (int k = 0; k < want; ++k, ++i) {
                if (i >= n || hexValue(text[i]) < 0) {
                    return EscapeProblem{
                        start,
                        kind == 'u'
                            ? trArgs(SL_TR("socklab", "\\u needs 4 hex digits at position %1"),
                                     start)
                            : trArgs(SL_TR("socklab", "\\U needs 8 hex digits at position %1"),
                                     start)};
                }
                cp = cp * 16 + static_cast<char32_t>(hexValue(text[i]));
            }
            if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
                return EscapeProblem{
                    start, trArgs(SL_TR("socklab", "invalid code point at position %1"), start)};
            }
            if (out) {
                std::string utf8;
                codec_detail::appendUtf8(utf8, cp);
                for (char c : utf8) {
                    emit(static_cast<std::uint8_t>(c));
                }
            }
            continue;
        }
        const std::string shown =
            codec_detail::isPrintableAscii(static_cast<std::uint8_t>(kind))
                ? std::string("'\\") + kind + "'"
                : trArgs(SL_TR("socklab", "'\\' followed by %1"), describeChar(kind));
        return EscapeProblem{
            start, trArgs(SL_TR("socklab", "unknown escape %1 at position %2"), shown, start)};
    }
    return std::nullopt;
}

// Escapes the byte (or UTF-8 sequence) at bytes[i] into piece; returns the bytes consumed.
// shown: whether the last piece was a character shown as itself (marks combine with it); updated.
std::size_t escapeOne(std::string& piece, ByteView bytes, std::size_t i,
                      const EscapeOptions& options, bool& shown) {
    const auto b = static_cast<std::uint8_t>(bytes[i]);
    const bool followsShown = shown;
    shown = false;
    if (b >= 0x80 && options.keepUtf8) {
        const Utf8Step step = decodeUtf8Step(bytes.subspan(i));
        if (step.status == Utf8Status::Valid && !isControlCodePoint(step.codePoint)) {
            if (isShowable(step.codePoint, followsShown)) {
                piece += asChars(bytes.subspan(i, step.length));
                shown = true;
                return step.length;
            }
            if (options.placeholderForHidden) {
                piece += "\xc2\xb7"; // kHiddenPlaceholder (U+00B7) in UTF-8
                return step.length;
            }
        }
    }
    shown = b >= 0x20 && b < 0x7f && b != '\\';
    switch (b) {
    case '\\':
        piece += "\\\\";
        break;
    case '\t':
        piece += "\\t";
        break;
    case '\n':
        piece += "\\n";
        break;
    case '\r':
        piece += "\\r";
        break;
    case '"':
        piece += options.escapeDoubleQuote ? "\\\"" : "\"";
        break;
    case '\'':
        piece += options.escapeSingleQuote ? "\\'" : "'";
        break;
    case 0: {
        // "\0" then a digit would read back as a longer octal escape.
        const bool digitFollows = i + 1 < bytes.size() &&
                                  static_cast<std::uint8_t>(bytes[i + 1]) >= '0' &&
                                  static_cast<std::uint8_t>(bytes[i + 1]) <= '9';
        piece += digitFollows ? "\\x00" : "\\0";
        break;
    }
    default:
        if (codec_detail::isPrintableAscii(b)) {
            piece += static_cast<char>(b);
        } else {
            piece += "\\x";
            codec_detail::appendHexByte(piece, b);
        }
    }
    return 1;
}

// Escapes bytes until the output would exceed limit characters; never splits an escape.
// consumed receives the number of input bytes rendered.
std::string escapeLimited(ByteView bytes, const EscapeOptions& options, std::size_t limit,
                          std::size_t& consumed) {
    std::string out;
    out.reserve(std::min(limit, bytes.size() * 2));
    std::string piece;
    std::size_t i = 0;
    bool shown = false;
    while (i < bytes.size()) {
        piece.clear();
        const std::size_t n = escapeOne(piece, bytes, i, options, shown);
        if (out.size() + piece.size() > limit) {
            break;
        }
        out += piece;
        i += n;
    }
    consumed = i;
    return out;
}

} // namespace

Result<ByteVector> unescape(std::string_view text) {
    ByteVector out;
    out.reserve(text.size());
    if (auto problem = scanEscapes(text, &out)) {
        return fail(inputError(SL_TR("socklab", "parse escapes"), codec_detail::quotedInput(text),
                               std::move(problem->detail)));
    }
    return out;
}

std::optional<std::size_t> firstEscapeError(std::string_view text) {
    if (auto problem = scanEscapes(text, nullptr)) {
        return problem->position;
    }
    return std::nullopt;
}

std::string escapeBytes(ByteView bytes, const EscapeOptions& options) {
    std::size_t consumed = 0;
    return escapeLimited(bytes, options, std::string::npos, consumed);
}

std::string escapePreview(ByteView bytes, std::size_t maxChars, const EscapeOptions& options) {
    constexpr std::string_view kEllipsis = "...";
    std::size_t consumed = 0;
    std::string out = escapeLimited(bytes, options, maxChars, consumed);
    if (consumed == bytes.size()) {
        return out;
    }
    if (maxChars < kEllipsis.size()) {
        return std::string(kEllipsis.substr(0, maxChars));
    }
    out = escapeLimited(bytes, options, maxChars - kEllipsis.size(), consumed);
    return out + std::string(kEllipsis);
}

} // namespace socklab
