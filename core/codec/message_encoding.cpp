#include "core/codec/message_encoding.h"

#include "core/codec/codec_util.h"
#include "core/codec/escapes.h"
#include "core/codec/hex.h"

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

} // namespace

Result<ByteVector> encodeMessage(MessageMode mode, std::string_view content, LineEnding ending) {
    const std::string_view eol = lineEndingChars(ending);
    switch (mode) {
    case MessageMode::Text: {
        const std::string text = applyLineEnding(content, ending);
        const ByteView b = asBytes(text);
        return ByteVector(b.begin(), b.end());
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

} // namespace socklab
