#include "core/codec/codec_util.h"

namespace socklab::codec_detail {

std::string quotedInput(std::string_view text) {
    constexpr std::size_t kMax = 48;
    std::string out = quotedVisible(text.substr(0, kMax));
    if (text.size() > kMax) {
        out += "...";
    }
    return out;
}

std::string quotedVisible(std::string_view text) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b = static_cast<std::uint8_t>(text[i]);
        if (text[i] == '\n') {
            out += "\\n";
        } else if (text[i] == '\r') {
            out += "\\r";
        } else if (text[i] == '\t') {
            out += "\\t";
        } else if (b < 0x20 || b == 0x7f) {
            out += "\\x";
            appendHexByte(out, b);
        } else {
            out += text[i];
        }
    }
    out += '"';
    return out;
}

std::string describeChar(char c) {
    const auto b = static_cast<std::uint8_t>(c);
    if (isPrintableAscii(b)) {
        return std::string("'") + c + "'";
    }
    std::string out = "'\\x";
    appendHexByte(out, b);
    return out + "'";
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

} // namespace socklab::codec_detail
