#pragma once

#include "core/codec/bytes.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace socklab {

/// Clipboard formats for "Copy as ...".
enum class CopyFormat : std::uint8_t {
    Hex = 1,     ///< "de ad be ef"
    CArray,      ///< unsigned char data[] = {0xde, 0xad};
    PythonBytes, ///< b'\xde\xad' (exactly Python's repr of the bytes)
    EscapedText, ///< escapeBytes() with \" escaped; unescape() gives the bytes back
};

/// Options for formatCArray.
struct CArrayOptions {
    std::string name = "data";     ///< variable name
    std::size_t bytesPerLine = 12; ///< wrap after this many bytes (like xxd -i); 0 = never
};

/// `unsigned char data[] = {0xde, 0xad};` on one line when the bytes fit on one line,
/// else one line per bytesPerLine bytes indented by 4 spaces, closed by "};". No newline at end.
[[nodiscard]] std::string formatCArray(ByteView bytes, const CArrayOptions& options = {});

/// Python bytes literal identical to Python's repr(): b'GET \r\n\x00', printable ASCII kept,
/// double quotes used when the bytes contain ' but no ".
[[nodiscard]] std::string formatPythonBytes(ByteView bytes);

/// Bytes in the chosen format with default options.
[[nodiscard]] std::string formatForCopy(ByteView bytes, CopyFormat format);

} // namespace socklab
