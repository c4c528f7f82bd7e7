#include "core/codec/checksum.h"

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

} // namespace socklab
