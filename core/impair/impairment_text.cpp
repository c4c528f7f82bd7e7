#include "core/impair/impairment_text.h"

#include "core/base/translate.h"
#include "core/impair/text_util.h"

#include <array>
#include <cmath>
#include <span>

namespace socklab {

namespace {

using impair_detail::leadingNumber;
using impair_detail::lowered;
using impair_detail::trimmed;

constexpr int kMaxDurationMs = 3'600'000;
constexpr double kMaxRate = 1e12;  // bytes/s: 8 Tbit/s, far beyond any link we relay
constexpr double kMaxBytes = 1e15; // a petabyte
constexpr std::size_t kMaxSegment = 65536;

// `parse --loss "abc": expected ...`: names the field, quotes what was typed, says what works.
Error parseError(std::string_view field, std::string_view text, std::string expected) {
    return inputError("parse", std::string(field) + " \"" + std::string(text) + "\"",
                      std::move(expected));
}

struct Unit {
    std::string_view name; // lower case
    double factor;
};

// A number followed by one of `units` (matched case-insensitively after blanks; "" allowed
// when listed) -> number * factor.
std::optional<double> numberWithUnit(std::string_view text, std::span<const Unit> units) {
    std::string_view rest;
    const auto number = leadingNumber(trimmed(text), rest);
    if (!number) {
        return std::nullopt;
    }
    const std::string unit = lowered(trimmed(rest));
    for (const Unit& u : units) {
        if (unit == u.name) {
            return *number * u.factor;
        }
    }
    return std::nullopt;
}

// x rounded up to a whole number, but a decimal product that is whole up to the last bits
// rounds to it (1.1 * 1000 must give 1100, not 1101; 1e9 must stay 1e9).
double ceilWhole(double x) {
    const double nearest = std::round(x);
    return std::abs(x - nearest) <= 1e-9 * std::max(1.0, x) ? nearest : std::ceil(x);
}

constexpr std::array<Unit, 2> kPercentUnits{{{"", 1}, {"%", 1}}};
constexpr std::array<Unit, 5> kDurationUnits{
    {{"", 1}, {"ms", 1}, {"s", 1000}, {"us", 1e-3}, {"\u00b5s", 1e-3}}};
constexpr std::array<Unit, 8> kByteUnits{{{"", 1},
                                          {"b", 1},
                                          {"kb", 1e3},
                                          {"kib", 1024.0},
                                          {"mb", 1e6},
                                          {"mib", 1048576.0},
                                          {"gb", 1e9},
                                          {"gib", 1073741824.0}}};
// Byte units (K = 1000, KiB = 1024) and bit units. B and b both mean bytes: bits are spelled
// out (Mbit) or bps.
constexpr std::array<Unit, 16> kRateUnits{{{"", 1},
                                           {"b", 1},
                                           {"kb", 1e3},
                                           {"kib", 1024.0},
                                           {"mb", 1e6},
                                           {"mib", 1048576.0},
                                           {"gb", 1e9},
                                           {"gib", 1073741824.0},
                                           {"bit", 0.125},
                                           {"kbit", 125},
                                           {"mbit", 125e3},
                                           {"gbit", 125e6},
                                           {"bps", 0.125},
                                           {"kbps", 125},
                                           {"mbps", 125e3},
                                           {"gbps", 125e6}}};

} // namespace

Result<double> parsePercent(std::string_view field, std::string_view text) {
    const auto value = numberWithUnit(text, kPercentUnits);
    if (!value || *value > 100) {
        return fail(parseError(
            field, text, SL_TR("socklab", "expected a percentage 0..100 such as 10% or 2.5")));
    }
    return *value;
}

Result<int> parseDurationMs(std::string_view field, std::string_view text) {
    // Below a millisecond rounds up: the event loop's timers are whole ms, and a delay that was
    // asked for should not vanish.
    const auto value = numberWithUnit(text, kDurationUnits);
    const double ms = value ? ceilWhole(*value) : -1;
    if (!value || ms > kMaxDurationMs) {
        return fail(parseError(
            field, text,
            SL_TR("socklab", "expected a duration 0..3600s such as 40ms, 1.5s or 40 (ms)")));
    }
    return static_cast<int>(ms);
}

Result<std::uint64_t> parseRate(std::string_view field, std::string_view text) {
    // "/s" or nothing after the unit.
    std::string_view t = trimmed(text);
    if (t.ends_with("/s") || t.ends_with("/S")) {
        t.remove_suffix(2);
    }
    const auto value = numberWithUnit(t, kRateUnits);
    if (!value || *value > kMaxRate) {
        return fail(parseError(field, text,
                               SL_TR("socklab", "expected a rate such as 1MB/s, 512KiB/s, "
                                                "10Mbit/s or 1000 (bytes/s), 0 for unlimited")));
    }
    // A tiny non-zero rate rounds up to 1 B/s rather than to 0 (= unlimited).
    return static_cast<std::uint64_t>(ceilWhole(*value));
}

Result<std::pair<std::size_t, std::size_t>> parseRange(std::string_view field,
                                                       std::string_view text) {
    auto whole = [](std::string_view part) -> std::optional<std::size_t> {
        part = trimmed(part);
        std::size_t v = 0;
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
        if (part.empty() || ec != std::errc{} || end != part.data() + part.size()) {
            return std::nullopt;
        }
        return v;
    };
    const std::string_view t = trimmed(text);
    const std::size_t dots = t.find("..");
    const auto lo = whole(t.substr(0, dots));
    const auto hi = dots == std::string_view::npos ? lo : whole(t.substr(dots + 2));
    if (!lo || !hi || *lo < 1 || *hi > kMaxSegment) {
        return fail(parseError(
            field, text, SL_TR("socklab", "expected a size range 1..65536 such as 1..16 or 8")));
    }
    if (*lo > *hi) {
        return fail(parseError(
            field, text,
            trArgs(SL_TR("socklab", "the minimum %1 is above the maximum %2"), *lo, *hi)));
    }
    return std::pair{*lo, *hi};
}

Result<std::uint64_t> parseByteCount(std::string_view field, std::string_view text) {
    const auto value = numberWithUnit(text, kByteUnits);
    if (!value || *value > kMaxBytes) {
        return fail(parseError(
            field, text, SL_TR("socklab", "expected a byte count such as 1000, 64KiB or 1MB")));
    }
    return static_cast<std::uint64_t>(ceilWhole(*value));
}

} // namespace socklab
