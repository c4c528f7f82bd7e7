#pragma once

#include "core/codec/bytes.h"

#include <cstdint>

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

} // namespace socklab
