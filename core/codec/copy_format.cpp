#include "core/codec/copy_format.h"

#include "core/codec/codec_util.h"
#include "core/codec/escapes.h"
#include "core/codec/hex.h"

#include <algorithm>

namespace socklab {

std::string formatCArray(ByteView bytes, const CArrayOptions& options) {
    std::string out = "unsigned char " + options.name + "[] = {";
    const std::size_t perLine = options.bytesPerLine == 0 ? bytes.size() : options.bytesPerLine;
    const bool oneLine = bytes.size() <= perLine;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (!oneLine && i % perLine == 0) {
            out += i == 0 ? "\n    " : ",\n    ";
        } else if (i != 0) {
            out += ", ";
        }
        out += "0x";
        codec_detail::appendHexByte(out, static_cast<std::uint8_t>(bytes[i]));
    }
    out += oneLine ? "};" : "\n};";
    return out;
}

std::string formatPythonBytes(ByteView bytes) {
    // Python's bytes repr picks the quote that needs no escaping when it can.
    const bool hasSingle = std::ranges::find(bytes, std::byte{'\''}) != bytes.end();
    const bool hasDouble = std::ranges::find(bytes, std::byte{'"'}) != bytes.end();
    const char quote = hasSingle && !hasDouble ? '"' : '\'';
    std::string out = "b";
    out += quote;
    for (std::byte byte : bytes) {
        const auto b = static_cast<std::uint8_t>(byte);
        if (b == static_cast<std::uint8_t>(quote) || b == '\\') {
            out += '\\';
            out += static_cast<char>(b);
        } else if (b == '\t') {
            out += "\\t";
        } else if (b == '\n') {
            out += "\\n";
        } else if (b == '\r') {
            out += "\\r";
        } else if (codec_detail::isPrintableAscii(b)) {
            out += static_cast<char>(b);
        } else {
            out += "\\x";
            codec_detail::appendHexByte(out, b);
        }
    }
    out += quote;
    return out;
}

std::string formatForCopy(ByteView bytes, CopyFormat format) {
    switch (format) {
    case CopyFormat::Hex:
        return formatHex(bytes);
    case CopyFormat::CArray:
        return formatCArray(bytes);
    case CopyFormat::PythonBytes:
        return formatPythonBytes(bytes);
    case CopyFormat::EscapedText:
        return escapeBytes(bytes, EscapeOptions{.escapeDoubleQuote = true});
    }
    return formatHex(bytes);
}

} // namespace socklab
