#include "core/codec/checksum.h"

#include <array>
#include <iterator>
#include <string>

namespace socklab {

void InternetChecksum::add(ByteView bytes) {
    // Words are big-endian 16-bit values; a 64-bit accumulator cannot overflow for any buffer
    // that fits in memory (2^48 words), so carries are folded only at the end.
    for (std::byte byte : bytes) {
        const auto b = static_cast<std::uint64_t>(byte);
        m_sum += m_odd ? b : (b << 8);
        m_odd = !m_odd;
    }
}

std::uint16_t InternetChecksum::value() const {
    std::uint64_t sum = m_sum;
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<std::uint16_t>(~sum & 0xffff);
}

std::uint16_t internetChecksum(ByteView bytes) {
    InternetChecksum sum;
    sum.add(bytes);
    return sum.value();
}

namespace {

// A CRC in the Rocksoft model (Williams, "A painless guide to CRC error detection
// algorithms"): every catalogued CRC is these six parameters; one routine computes them all.
struct CrcModel {
    unsigned widthBits; ///< 8..32
    std::uint32_t poly; ///< normal (not reflected) form, top bit implied
    std::uint32_t init;
    bool refIn;
    bool refOut;
    std::uint32_t xorOut;
};

constexpr std::uint32_t reflect(std::uint32_t value, unsigned bits) {
    std::uint32_t out = 0;
    for (unsigned i = 0; i < bits; ++i) {
        out = (out << 1) | ((value >> i) & 1u);
    }
    return out;
}

constexpr std::uint32_t maskOf(unsigned bits) {
    return bits >= 32 ? 0xffffffffu : (std::uint32_t{1} << bits) - 1;
}

// A model with its byte-at-a-time table. A reflected-input CRC keeps its register reflected
// and shifts right (no per-byte reflection); the others shift left with the top bits aligned.
class Crc {
public:
    constexpr explicit Crc(CrcModel model) : m_model(model) {
        const unsigned w = model.widthBits;
        const std::uint32_t top = std::uint32_t{1} << (w - 1);
        const std::uint32_t poly = model.refIn ? reflect(model.poly, w) : model.poly;
        for (std::uint32_t byte = 0; byte < 256; ++byte) {
            std::uint32_t r = model.refIn ? byte : byte << (w - 8);
            for (int bit = 0; bit < 8; ++bit) {
                if (model.refIn) {
                    r = (r & 1u) ? (r >> 1) ^ poly : r >> 1;
                } else {
                    r = (r & top) ? (r << 1) ^ poly : r << 1;
                }
            }
            m_table[byte] = r & maskOf(w);
        }
    }

    template <class Range> constexpr std::uint32_t compute(const Range& bytes) const {
        const unsigned w = m_model.widthBits;
        std::uint32_t r = m_model.refIn ? reflect(m_model.init, w) : m_model.init;
        for (auto byte : bytes) {
            const auto b = static_cast<std::uint8_t>(byte);
            if (m_model.refIn) {
                r = m_table[(r ^ b) & 0xffu] ^ (r >> 8);
            } else {
                r = m_table[((r >> (w - 8)) ^ b) & 0xffu] ^ (r << 8);
            }
            r &= maskOf(w);
        }
        if (m_model.refIn != m_model.refOut) {
            r = reflect(r, w);
        }
        return (r ^ m_model.xorOut) & maskOf(w);
    }

private:
    CrcModel m_model;
    std::array<std::uint32_t, 256> m_table{};
};

constexpr Crc kCrc16Modbus({16, 0x8005, 0xffff, true, true, 0});
constexpr Crc kCrc16CcittFalse({16, 0x1021, 0xffff, false, false, 0});
constexpr Crc kCrc32({32, 0x04c11db7, 0xffffffff, true, true, 0xffffffff});

constexpr ChecksumInfo kCatalog[] = {
    {ChecksumKind::Crc16Modbus, "crc16-modbus", "CRC-16/MODBUS", 2, 0x4b37, ByteOrder::Little},
    {ChecksumKind::Crc16CcittFalse, "crc16-ccitt", "CRC-16/CCITT-FALSE", 2, 0x29b1, ByteOrder::Big},
    // zlib and Ethernet append CRC-32 low byte first; many serial protocols send it high byte
    // first, which a template asks for with ":be".
    {ChecksumKind::Crc32, "crc32", "CRC-32", 4, 0xcbf43926, ByteOrder::Little},
    {ChecksumKind::Sum8, "sum8", "Sum-8", 1, 0xdd, ByteOrder::Big},
    {ChecksumKind::Xor8, "xor8", "XOR-8", 1, 0x31, ByteOrder::Big},
    {ChecksumKind::Lrc, "lrc", "LRC", 1, 0x23, ByteOrder::Big},
};

constexpr std::size_t indexOf(ChecksumKind kind) {
    return static_cast<std::size_t>(kind) - 1;
}

constexpr bool catalogInKindOrder() {
    for (std::size_t i = 0; i < std::size(kCatalog); ++i) {
        if (indexOf(kCatalog[i].kind) != i) {
            return false;
        }
    }
    return true;
}
static_assert(catalogInKindOrder());

template <class Range> constexpr std::uint8_t byteSum(const Range& bytes) {
    std::uint8_t sum = 0;
    for (auto byte : bytes) {
        sum = static_cast<std::uint8_t>(sum + static_cast<std::uint8_t>(byte));
    }
    return sum;
}

template <class Range> constexpr std::uint8_t byteXor(const Range& bytes) {
    std::uint8_t x = 0;
    for (auto byte : bytes) {
        x ^= static_cast<std::uint8_t>(byte);
    }
    return x;
}

// A template so that the catalogue can be checked at compile time over a string_view.
template <class Range> constexpr std::uint32_t computeOver(ChecksumKind kind, const Range& bytes) {
    switch (kind) {
    case ChecksumKind::Crc16Modbus:
        return kCrc16Modbus.compute(bytes);
    case ChecksumKind::Crc16CcittFalse:
        return kCrc16CcittFalse.compute(bytes);
    case ChecksumKind::Crc32:
        return kCrc32.compute(bytes);
    case ChecksumKind::Sum8:
        return byteSum(bytes);
    case ChecksumKind::Xor8:
        return byteXor(bytes);
    case ChecksumKind::Lrc:
        return static_cast<std::uint8_t>(-byteSum(bytes));
    }
    return 0;
}

// The catalogue's check values are what the code computes (the tests check it again at run time).
constexpr bool checkValuesHold() {
    for (const ChecksumInfo& info : kCatalog) {
        if (computeOver(info.kind, std::string_view("123456789")) != info.check) {
            return false;
        }
    }
    return true;
}
static_assert(checkValuesHold());

// Lower case without '-', '_' and '/', so "CRC16_MODBUS", "crc16modbus" and the title
// "CRC-16/MODBUS" all read as the same name.
std::string normalizedName(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c == '-' || c == '_' || c == '/') {
            continue;
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

} // namespace

std::span<const ChecksumInfo> checksumCatalog() {
    return kCatalog;
}

const ChecksumInfo& checksumInfo(ChecksumKind kind) {
    const std::size_t i = indexOf(kind);
    // A value outside the enum (a bad cast) gets the first entry rather than a wild read.
    return i < std::size(kCatalog) ? kCatalog[i] : kCatalog[0];
}

std::optional<ChecksumKind> checksumByName(std::string_view name) {
    const std::string wanted = normalizedName(name);
    if (wanted.empty()) {
        return std::nullopt;
    }
    for (const ChecksumInfo& info : kCatalog) {
        if (normalizedName(info.name) == wanted || normalizedName(info.title) == wanted) {
            return info.kind;
        }
    }
    return std::nullopt;
}

std::uint32_t computeChecksum(ChecksumKind kind, ByteView bytes) {
    return computeOver(kind, bytes);
}

ByteVector checksumField(ChecksumKind kind, std::uint32_t value, ByteOrder order) {
    const std::size_t width = checksumInfo(kind).width;
    ByteVector out(width);
    for (std::size_t i = 0; i < width; ++i) {
        const std::size_t shift = 8 * (order == ByteOrder::Little ? i : width - 1 - i);
        out[i] = static_cast<std::byte>((value >> shift) & 0xffu);
    }
    return out;
}

} // namespace socklab
