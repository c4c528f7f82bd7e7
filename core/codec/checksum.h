#pragma once

#include "core/codec/bytes.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace socklab {

/// Internet checksum (RFC 1071) accumulated over several spans, as if they were one buffer
/// (an odd-length span does not misalign the next one).
class InternetChecksum {
public:
    /// Adds bytes to the sum.
    void add(ByteView bytes);
    /// The checksum of everything added: store it big-endian (high byte first) in the header.
    /// A buffer that already contains its correct checksum gives 0.
    [[nodiscard]] std::uint16_t value() const;

private:
    std::uint64_t m_sum = 0;
    bool m_odd = false; ///< an odd number of bytes so far: the next byte is a low byte
};

/// Internet checksum (RFC 1071) of bytes, e.g. for an ICMP echo header plus payload with its
/// checksum field zeroed; write the result big-endian into the field.
[[nodiscard]] std::uint16_t internetChecksum(ByteView bytes);

/// The checksums a user can append to a message (composer fields, responder templates).
enum class ChecksumKind : std::uint8_t {
    Crc16Modbus = 1, ///< CRC-16/MODBUS: poly 0x8005 reflected, init 0xffff; sent low byte first
    Crc16CcittFalse, ///< CRC-16/CCITT-FALSE (IBM-3740): poly 0x1021, init 0xffff; high byte first
    Crc32,           ///< CRC-32 (ISO-HDLC, zlib's): poly 0x04c11db7 reflected, xorout 0xffffffff
    Sum8,            ///< sum of the bytes modulo 256
    Xor8,            ///< XOR of the bytes
    Lrc,             ///< Modbus ASCII LRC: two's complement of the 8-bit sum
};

/// Byte order of a multi-byte field in a message.
enum class ByteOrder : std::uint8_t {
    Big = 1, ///< most significant byte first ("network order")
    Little,
};

/// One checksum of the catalog.
struct ChecksumInfo {
    ChecksumKind kind;
    std::string_view name;  ///< token in templates and the CLI: "crc16-modbus", "crc32", "lrc"
    std::string_view title; ///< catalogue name shown to users: "CRC-16/MODBUS"
    std::size_t width;      ///< bytes appended: 1, 2 or 4
    std::uint32_t check;    ///< the value over the ASCII bytes "123456789" (catalogue check)
    ByteOrder order;        ///< the order the field is conventionally sent in
};

/// Every checksum, in ChecksumKind order.
[[nodiscard]] std::span<const ChecksumInfo> checksumCatalog();
/// The catalog entry of kind.
[[nodiscard]] const ChecksumInfo& checksumInfo(ChecksumKind kind);
/// The checksum named name (case-insensitive; '_' may stand for '-': "CRC16_MODBUS"; the
/// separators may be left out, "crc16modbus", and the title works too, "CRC-16/CCITT-FALSE").
[[nodiscard]] std::optional<ChecksumKind> checksumByName(std::string_view name);
/// The checksum of bytes (in the low `width` bytes of the result).
[[nodiscard]] std::uint32_t computeChecksum(ChecksumKind kind, ByteView bytes);
/// value as the `width` bytes of kind's field in the given order.
[[nodiscard]] ByteVector checksumField(ChecksumKind kind, std::uint32_t value, ByteOrder order);

} // namespace socklab
