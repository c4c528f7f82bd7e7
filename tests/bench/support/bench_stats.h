#pragma once

// Figures every benchmark prints: durations in ms, percentiles, this process's memory and the
// machine's load (the machine is shared; the load says how much the figures can be trusted).

#include <QByteArray>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace socklab::bench {

using Clock = std::chrono::steady_clock;

/// d in milliseconds.
double ms(Clock::duration d);

/// p50, p99 and max of a sample (all 0 when it is empty).
struct Percentiles {
    double p50 = 0;
    double p99 = 0;
    double max = 0;
    std::size_t n = 0;
};
Percentiles percentiles(std::vector<double> v);

/// A field of /proc/self/status in KiB ("VmRSS", "VmHWM"), 0 when unreadable.
std::uint64_t procStatusKiB(const char* field);

/// /proc/loadavg, trimmed (empty when unreadable).
QByteArray loadAverage();

} // namespace socklab::bench
