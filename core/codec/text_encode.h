#pragma once

#include "core/base/result.h"
#include "core/codec/bytes.h"
#include "core/codec/text_decode.h"

#include <optional>
#include <span>
#include <string_view>

namespace socklab {

/// Stable id of an encoding for saving and the CLI: "utf-8", "gb18030", "big5", "shift_jis",
/// "utf-16le", "utf-16be", "latin-1", "ascii".
[[nodiscard]] std::string_view encodingName(TextEncoding encoding);

/// Title for menus: "UTF-8", "GBK/GB18030", "Big5", "Shift_JIS", "UTF-16LE", "UTF-16BE",
/// "Latin-1", "ASCII" (also the object of encodeText's errors).
[[nodiscard]] std::string_view encodingTitle(TextEncoding encoding);

/// The encoding an id, title or common alias names, case-insensitively ("gbk", "gb2312", "utf8",
/// "sjis", "cp932", "iso-8859-1", "latin1", "us-ascii"...); nullopt when none does.
[[nodiscard]] std::optional<TextEncoding> encodingByName(std::string_view name);

/// Every encoding, in menu order (UTF-8 first).
[[nodiscard]] std::span<const TextEncoding> allEncodings();

/// The bytes of UTF-8 text in encoding (the composer's Text mode; UTF-16 without a byte order
/// mark). A character is encoded only when decoding its bytes gives it back, so a lossy mapping
/// (U+00A5 to Shift_JIS 0x5c) is an error, not a silent change. Errors (op "encode text",
/// object the encoding's title) name the 0-based byte position in utf8 of the first character
/// that cannot be encoded ("position 3: U+00E9 has no Big5 form") or of invalid UTF-8.
[[nodiscard]] Result<ByteVector> encodeText(std::string_view utf8, TextEncoding encoding);

} // namespace socklab
