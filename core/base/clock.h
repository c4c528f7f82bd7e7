#pragma once

#include <cstdint>

namespace socklab {

/// CLOCK_MONOTONIC in ns: the clock of Record::monoNs, the relays' and the lab wire's schedules,
/// and the lab conductor's and scripts' ticks (which every front end feeds from here).
[[nodiscard]] std::int64_t monotonicNs();

} // namespace socklab
