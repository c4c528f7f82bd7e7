#pragma once

#include "core/codec/bytes.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace socklab {

/// Shape of a hexdump row and the column geometry of its cells (xxd conventions).
/// Columns are 0-based character indexes into HexdumpRow::hex / HexdumpRow::ascii, or into a
/// whole line from hexdumpLine() for the line* functions. All text is ASCII, so a column is
/// both a byte index and a character index.
struct HexdumpLayout {
    std::size_t bytesPerRow = 16; ///< 1..256 (like xxd -c); other values are clamped
    std::size_t groupBytes = 2;   ///< bytes per space-separated hex group (xxd -g); 0 = no spaces

    /// bytesPerRow clamped to 1..256.
    [[nodiscard]] std::size_t rowBytes() const;
    /// Rows needed for byteCount bytes.
    [[nodiscard]] std::size_t rowCount(std::size_t byteCount) const;
    /// Column of the first of the two hex digits of byte i (0 <= i < rowBytes()) in the hex text.
    [[nodiscard]] std::size_t hexColumn(std::size_t i) const;
    /// Column of byte i in the ASCII text (always i).
    [[nodiscard]] std::size_t asciiColumn(std::size_t i) const { return i; }
    /// Width of the hex text of a full row (no trailing space).
    [[nodiscard]] std::size_t hexWidth() const;
    /// Byte index whose hex digits cover hex-text column col; nullopt on a gap or past the end.
    [[nodiscard]] std::optional<std::size_t> byteAtHexColumn(std::size_t col) const;
    /// Digits of the offset field of a row at offset: 8, more when the offset needs them.
    [[nodiscard]] static std::size_t offsetDigits(std::uint64_t offset);
    /// Column where the hex text starts in a line whose offset field has offsetDigits digits.
    [[nodiscard]] std::size_t lineHexStart(std::size_t offsetDigits) const;
    /// Column where the ASCII text starts in such a line.
    [[nodiscard]] std::size_t lineAsciiStart(std::size_t offsetDigits) const;
};

/// One row of a hexdump as structured data, for views that draw cells themselves.
struct HexdumpRow {
    std::uint64_t offset = 0; ///< absolute offset of the row's first byte
    std::size_t count = 0;    ///< bytes in this row (< bytesPerRow only on the last row)
    std::string hex;          ///< "4865 6c6c 6f", not padded; see HexdumpLayout::hexColumn
    std::string ascii;        ///< printable ASCII as is, anything else '.'
};

/// Row rowIndex of bytes (bytes[0] is at baseOffset); an empty row past the end.
/// Views call this for the visible rows only.
[[nodiscard]] HexdumpRow hexdumpRow(ByteView bytes, std::uint64_t baseOffset, std::size_t rowIndex,
                                    const HexdumpLayout& layout = {});

/// All rows of bytes (bytes[0] is at baseOffset). No rows for no bytes.
[[nodiscard]] std::vector<HexdumpRow> hexdumpRows(ByteView bytes, std::uint64_t baseOffset,
                                                  const HexdumpLayout& layout = {});

/// One xxd-style line, no newline: "00000010: 4865 6c6c 6f                      Hello".
[[nodiscard]] std::string hexdumpLine(const HexdumpRow& row, const HexdumpLayout& layout = {});

/// The whole dump as xxd prints it (`xxd -c N -g G -o base`): one line per row, each ending
/// in '\n'; empty for no bytes.
[[nodiscard]] std::string hexdumpText(ByteView bytes, std::uint64_t baseOffset = 0,
                                      const HexdumpLayout& layout = {});

/// The character a hexdump shows for a byte in the ASCII column ('.' when not printable).
[[nodiscard]] char hexdumpAsciiChar(std::byte b);

} // namespace socklab
