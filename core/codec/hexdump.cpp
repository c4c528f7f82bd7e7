#include "core/codec/hexdump.h"

#include "core/codec/codec_util.h"

#include <algorithm>

namespace socklab {

namespace {

constexpr std::size_t kMaxRowBytes = 256;

// Space between the hex text and the ASCII text, as xxd prints it.
constexpr std::size_t kAsciiGap = 2;
// ": " after the offset.
constexpr std::size_t kOffsetSep = 2;

} // namespace

std::size_t HexdumpLayout::rowBytes() const {
    return std::clamp<std::size_t>(bytesPerRow, 1, kMaxRowBytes);
}

std::size_t HexdumpLayout::rowCount(std::size_t byteCount) const {
    return (byteCount + rowBytes() - 1) / rowBytes();
}

std::size_t HexdumpLayout::hexColumn(std::size_t i) const {
    return 2 * i + (groupBytes == 0 ? 0 : i / groupBytes);
}

std::size_t HexdumpLayout::hexWidth() const {
    return hexColumn(rowBytes() - 1) + 2;
}

std::optional<std::size_t> HexdumpLayout::byteAtHexColumn(std::size_t col) const {
    const std::size_t cellsWidth = groupBytes == 0 ? 0 : 2 * groupBytes + 1;
    std::size_t i = 0;
    if (cellsWidth == 0) {
        i = col / 2;
    } else {
        const std::size_t group = col / cellsWidth;
        const std::size_t inGroup = col % cellsWidth;
        if (inGroup == 2 * groupBytes) {
            return std::nullopt; // the space between groups
        }
        i = group * groupBytes + inGroup / 2;
    }
    if (i >= rowBytes()) {
        return std::nullopt;
    }
    return i;
}

std::size_t HexdumpLayout::offsetDigits(std::uint64_t offset) {
    std::size_t digits = 1;
    for (std::uint64_t v = offset >> 4; v != 0; v >>= 4) {
        ++digits;
    }
    return std::max<std::size_t>(digits, 8);
}

std::size_t HexdumpLayout::lineHexStart(std::size_t offsetDigits) const {
    return offsetDigits + kOffsetSep;
}

std::size_t HexdumpLayout::lineAsciiStart(std::size_t offsetDigits) const {
    return lineHexStart(offsetDigits) + hexWidth() + kAsciiGap;
}

char hexdumpAsciiChar(std::byte b) {
    const auto v = static_cast<std::uint8_t>(b);
    return codec_detail::isPrintableAscii(v) ? static_cast<char>(v) : '.';
}

HexdumpRow hexdumpRow(ByteView bytes, std::uint64_t baseOffset, std::size_t rowIndex,
                      const HexdumpLayout& layout) {
    const std::size_t perRow = layout.rowBytes();
    HexdumpRow row;
    const std::size_t first = rowIndex * perRow;
    row.offset = baseOffset + first;
    if (first >= bytes.size()) {
        return row;
    }
    const ByteView slice = bytes.subspan(first, std::min(perRow, bytes.size() - first));
    row.count = slice.size();
    row.hex.reserve(layout.hexWidth());
    row.ascii.reserve(slice.size());
    for (std::size_t i = 0; i < slice.size(); ++i) {
        if (i != 0 && layout.groupBytes != 0 && i % layout.groupBytes == 0) {
            row.hex += ' ';
        }
        codec_detail::appendHexByte(row.hex, static_cast<std::uint8_t>(slice[i]));
        row.ascii += hexdumpAsciiChar(slice[i]);
    }
    return row;
}

std::vector<HexdumpRow> hexdumpRows(ByteView bytes, std::uint64_t baseOffset,
                                    const HexdumpLayout& layout) {
    std::vector<HexdumpRow> rows;
    const std::size_t n = layout.rowCount(bytes.size());
    rows.reserve(n);
    for (std::size_t r = 0; r < n; ++r) {
        rows.push_back(hexdumpRow(bytes, baseOffset, r, layout));
    }
    return rows;
}

std::string hexdumpLine(const HexdumpRow& row, const HexdumpLayout& layout) {
    const std::size_t digits = HexdumpLayout::offsetDigits(row.offset);
    std::string line;
    line.reserve(layout.lineAsciiStart(digits) + row.ascii.size());
    for (std::size_t d = digits; d-- > 0;) {
        line += codec_detail::kHexLower[(row.offset >> (4 * d)) & 0x0f];
    }
    line += ": ";
    line += row.hex;
    line.append(layout.hexWidth() - std::min(row.hex.size(), layout.hexWidth()) + kAsciiGap, ' ');
    line += row.ascii;
    return line;
}

std::string hexdumpText(ByteView bytes, std::uint64_t baseOffset, const HexdumpLayout& layout) {
    std::string out;
    const std::size_t n = layout.rowCount(bytes.size());
    for (std::size_t r = 0; r < n; ++r) {
        out += hexdumpLine(hexdumpRow(bytes, baseOffset, r, layout), layout);
        out += '\n';
    }
    return out;
}

} // namespace socklab
