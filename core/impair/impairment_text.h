#pragma once

#include "core/base/result.h"
#include "core/impair/impairment.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace socklab {

/// Parsers for the values a user types for an impairment (CLI flags, workspace text). Errors
/// name the field and say what is accepted: `parse --loss "abc": expected a percentage 0..100
/// such as 10% or 2.5`.
/// "10%", "10", "2.5%" -> 0..100.
[[nodiscard]] Result<double> parsePercent(std::string_view field, std::string_view text);
/// "40ms", "1.5s", "40" (ms), "250us" -> milliseconds, 0..3'600'000; a fraction of a ms rounds
/// up (250us -> 1), so a delay asked for never becomes 0.
[[nodiscard]] Result<int> parseDurationMs(std::string_view field, std::string_view text);
/// "1MB/s", "512KB/s", "10Mbit/s", "1000" (bytes/s) -> bytes per second (K = 1000, KiB = 1024).
/// Units case-insensitive, "/s" optional; B and b are bytes, bits are "bit" or "bps" (10Mbps).
/// "0" = unlimited.
[[nodiscard]] Result<std::uint64_t> parseRate(std::string_view field, std::string_view text);
/// "1..16", "8" (= 8..8) -> [min, max], 1 <= min <= max <= 65536.
[[nodiscard]] Result<std::pair<std::size_t, std::size_t>> parseRange(std::string_view field,
                                                                     std::string_view text);
/// "1000", "64KiB", "1MB" -> bytes.
[[nodiscard]] Result<std::uint64_t> parseByteCount(std::string_view field, std::string_view text);

/// A rate as text: "1 MB/s", "512 kB/s".
[[nodiscard]] std::string rateText(std::uint64_t bytesPerSec);
/// One line naming every active setting, "loss 10% · dup 2% · delay 40±10 ms"; "none" when
/// the impairment is the identity. datagram selects which kind's fields are shown.
[[nodiscard]] std::string describe(const Impairment& impairment, bool datagram);
/// Check ranges (percentages 0..100, segmentMin <= segmentMax, depth >= 1...); the error names
/// the first bad field.
[[nodiscard]] Status validate(const Impairment& impairment);

} // namespace socklab
