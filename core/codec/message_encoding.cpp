#include "core/codec/message_encoding.h"

#include "core/codec/codec_util.h"
#include "core/codec/escapes.h"
#include "core/codec/hex.h"
#include "core/codec/text_encode.h"

#include <string>

namespace socklab {

namespace {

void append(ByteVector& out, std::string_view chars) {
    const ByteView b = asBytes(chars);
    out.insert(out.end(), b.begin(), b.end());
}

// Escapes with a line ending: each typed line is unescaped on its own, so a typed break and an
// escaped "\n" stay distinguishable. An escape never spans a typed break (a backslash before a
// break is an error either way), so this accepts exactly what unescape(content) accepts.
Result<ByteVector> unescapeLines(std::string_view content, std::string_view eol) {
    ByteVector out;
    std::size_t start = 0;
    while (true) {
        std::size_t brk = content.find_first_of("\r\n", start);
        const std::string_view line = content.substr(
            start, brk == std::string_view::npos ? std::string_view::npos : brk - start);
        auto bytes = unescape(line);
        if (!bytes) {
            // Report the error as unescape sees the whole text: its position and quoted input
            // are then those of what the user typed.
            auto whole = unescape(content);
            return whole ? fail(bytes.error()) : fail(whole.error());
        }
        out.insert(out.end(), bytes->begin(), bytes->end());
        append(out, eol);
        if (brk == std::string_view::npos) {
            break;
        }
        start = brk + 1;
        if (content[brk] == '\r' && start < content.size() && content[start] == '\n') {
            ++start;
        }
    }
    return out;
}

bool isContinuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u;
}

// Start of the first character of text that encodeText refuses, or nullopt. Every encoding
// here is stateless, so a prefix encodes exactly when each of its characters does: a binary
// search over character boundaries finds the first bad one in O(log n) encodes.
std::optional<std::size_t> firstUnencodable(std::string_view text, TextEncoding encoding) {
    if (encodeText(text, encoding)) {
        return std::nullopt;
    }
    std::size_t good = 0;          // a prefix this long encodes
    std::size_t bad = text.size(); // a prefix this long does not
    while (true) {
        std::size_t mid = good + (bad - good) / 2;
        while (mid > good && isContinuation(text[mid])) {
            --mid;
        }
        if (mid == good) {
            // No boundary between: the character at `good` is the culprit (or the first
            // byte after it that does not continue it, for invalid UTF-8).
            std::size_t next = good + 1;
            while (next < bad && isContinuation(text[next])) {
                ++next;
            }
            if (next >= bad) {
                return good;
            }
            mid = next;
        }
        if (encodeText(text.substr(0, mid), encoding)) {
            good = mid;
        } else {
            bad = mid;
        }
    }
}

} // namespace

Result<ByteVector> encodeMessage(MessageMode mode, std::string_view content, LineEnding ending,
                                 TextEncoding encoding) {
    const std::string_view eol = lineEndingChars(ending);
    switch (mode) {
    case MessageMode::Text: {
        const std::string text = applyLineEnding(content, ending);
        if (encoding == TextEncoding::Utf8) {
            const ByteView b = asBytes(text); // as typed, as before encodings existed
            return ByteVector(b.begin(), b.end());
        }
        auto bytes = encodeText(text, encoding);
        if (!bytes && text != content) {
            // Report the error as encodeText sees the text as typed: its position is then in
            // what the user typed (line breaks always encode, so the same character fails).
            auto typed = encodeText(content, encoding);
            return typed ? fail(bytes.error()) : fail(typed.error());
        }
        return bytes;
    }
    case MessageMode::Escapes:
        if (ending == LineEnding::None) {
            return unescape(content);
        }
        return unescapeLines(content, eol);
    case MessageMode::Hex: {
        auto bytes = parseHex(content);
        if (bytes) {
            append(*bytes, eol);
        }
        return bytes;
    }
    }
    return fail(inputError("encode message", codec_detail::quotedInput(content), "unknown mode"));
}

std::optional<std::size_t> firstMessageError(MessageMode mode, std::string_view content,
                                             TextEncoding encoding) {
    switch (mode) {
    case MessageMode::Text:
        return encoding == TextEncoding::Utf8 ? std::nullopt : firstUnencodable(content, encoding);
    case MessageMode::Hex:
        return firstHexError(content);
    case MessageMode::Escapes:
        return firstEscapeError(content);
    }
    return std::nullopt;
}

} // namespace socklab
