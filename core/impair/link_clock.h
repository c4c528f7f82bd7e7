#pragma once

#include "core/impair/rng.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace socklab::impair_detail {

/// A link of a given rate, one thing on the wire at a time: departure = max(earliest, previous
/// departure) + size / rate. With rate 0 (unlimited) it only keeps departures in FIFO order.
class LinkClock {
public:
    /// Schedule `bytes` that may leave at `earliestNs` at `bytesPerSec`; returns the departure.
    std::int64_t schedule(std::int64_t earliestNs, std::size_t bytes, std::uint64_t bytesPerSec) {
        last_ = std::max(earliestNs, last_) + serialisationNs(bytes, bytesPerSec);
        return last_;
    }

    /// Time on the wire of `bytes` at `bytesPerSec`, rounded up to whole ns; 0 when unlimited.
    static std::int64_t serialisationNs(std::size_t bytes, std::uint64_t bytesPerSec) {
        if (bytesPerSec == 0 || bytes == 0) {
            return 0;
        }
        const Wide ns = static_cast<Wide>(bytes) * 1'000'000'000u;
        return static_cast<std::int64_t>((ns + bytesPerSec - 1) / bytesPerSec);
    }

private:
    std::int64_t last_ = std::numeric_limits<std::int64_t>::min();
};

} // namespace socklab::impair_detail
