#pragma once

#include "core/base/result.h"

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace socklab {

/// The messages a TCP-vs-UDP lab run sends: count messages of size bytes, one every
/// interval_ms, identical over both protocols.
struct LabSchedule {
    int count = 50;         ///< messages, 1..100000
    std::size_t size = 100; ///< bytes per message, 8..65000 (8 = the header alone)
    int interval_ms = 100;  ///< between two messages, 0..60000
    /// Ranges above; the error's message() names the field: "count: must be 1..100000".
    [[nodiscard]] Status validate() const;
    friend bool operator==(const LabSchedule&, const LabSchedule&) = default;
};

/// Bytes of the header that starts every lab message: '#', six decimal digits, ':'.
inline constexpr std::size_t kLabHeaderBytes = 8;

/// Message seq (1-based; 0..999999, others taken modulo 1000000) of size bytes:
/// "#000042:" then filler 'a' + (k % 26) for k = 0, 1, ...; when size >= 10 the last byte is
/// '\n' (a text view shows one message per line). A size below 8 gives the header's first bytes.
[[nodiscard]] std::vector<std::byte> labMessage(int seq, std::size_t size);

/// The sequence number in the first 8 bytes, or nullopt when they are not exactly '#', six
/// decimal digits, ':' (also when fewer than 8 bytes). Format only: "#000000:" gives 0.
[[nodiscard]] std::optional<int> parseLabMessageHeader(std::span<const std::byte> bytes);

/// True when bytes is exactly labMessage(n, size) for the n in its header (never for size < 8).
[[nodiscard]] bool labMessageIntact(std::span<const std::byte> bytes, std::size_t size);

} // namespace socklab
