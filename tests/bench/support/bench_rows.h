#pragma once

// The one line per figure that scripts/bench.sh collects into its table, printed by every
// benchmark next to its own human-readable output:
//   @row<TAB>figure<TAB>socklab value<TAB>peer name and value<TAB>ratio<TAB>target<TAB>verdict
// Header-only, no Qt: the core benchmarks and the GUI benchmarks share it.

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <string>

namespace socklab::bench {

/// met / missed: the figure has a target; info: it is shown for context only.
enum class Verdict { Met, Missed, Info };

inline const char* verdictText(Verdict v) {
    switch (v) {
    case Verdict::Met:
        return "met";
    case Verdict::Missed:
        return "missed";
    case Verdict::Info:
        break;
    }
    return "info";
}

/// printf into a std::string.
[[gnu::format(printf, 1, 2)]] inline std::string strf(const char* format, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, format);
    const int n = std::vsnprintf(buf, sizeof buf, format, ap);
    va_end(ap);
    return n < 0 ? std::string() : std::string(buf, std::min<std::size_t>(sizeof buf - 1, n));
}

/// "2.41 GB/s", "850 MB/s" (decimal units, as iperf3 and socat users read them).
inline std::string rateText(double bytesPerSecond) {
    if (bytesPerSecond >= 1e9) {
        return strf("%.2f GB/s", bytesPerSecond / 1e9);
    }
    return strf("%.0f MB/s", bytesPerSecond / 1e6);
}

/// "0.90x"; "-" when there is nothing to compare with.
inline std::string ratioText(double ratio) {
    return ratio > 0 ? strf("%.2fx", ratio) : std::string("-");
}

/// Met when value >= wanted (a ratio or a figure where more is better), else Missed.
inline Verdict atLeast(double value, double wanted) {
    return value >= wanted ? Verdict::Met : Verdict::Missed;
}

/// Met when value <= allowed (loss, latency: less is better), else Missed.
inline Verdict atMost(double value, double allowed) {
    return value <= allowed ? Verdict::Met : Verdict::Missed;
}

/// One table row on stdout. Tabs and newlines inside a field become spaces; empty fields "-".
inline void printRow(const std::string& figure, const std::string& socklab, const std::string& peer,
                     const std::string& ratio, const std::string& target, Verdict verdict) {
    auto clean = [](std::string s) {
        for (char& c : s) {
            if (c == '\t' || c == '\n' || c == '\r') {
                c = ' ';
            }
        }
        return s.empty() ? std::string("-") : s;
    };
    std::printf("@row\t%s\t%s\t%s\t%s\t%s\t%s\n", clean(figure).c_str(), clean(socklab).c_str(),
                clean(peer).c_str(), clean(ratio).c_str(), clean(target).c_str(),
                verdictText(verdict));
    std::fflush(stdout);
}

} // namespace socklab::bench
