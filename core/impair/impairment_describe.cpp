// rateText(), describe() and validate() of impairment_text.h: impairment settings as text and
// their range checks (the parsers are in impairment_text.cpp).
#include "core/base/translate.h"
#include "core/impair/impairment_text.h"
#include "core/impair/text_util.h"

#include <array>
#include <cmath>
#include <vector>

namespace socklab {

namespace {

using impair_detail::decimalText;

// "1 MB", "512 KiB", "1.5 kB", "100 B": binary units when the value is a whole number of KiB
// but not of kB (so 524288 reads 512 KiB, not 524.29 kB), decimal units otherwise.
std::string sizeText(std::uint64_t bytes) {
    struct Scale {
        double factor;
        const char* name;
    };
    static constexpr std::array<Scale, 3> kDecimal{{{1e9, "GB"}, {1e6, "MB"}, {1e3, "kB"}}};
    static constexpr std::array<Scale, 3> kBinary{
        {{1073741824.0, "GiB"}, {1048576.0, "MiB"}, {1024.0, "KiB"}}};
    const bool binary = bytes >= 1024 && bytes % 1024 == 0 && bytes % 1000 != 0;
    const auto& scales = binary ? kBinary : kDecimal;
    const auto value = static_cast<double>(bytes);
    for (const Scale& s : scales) {
        if (value >= s.factor) {
            return decimalText(value / s.factor, 2) + " " + s.name;
        }
    }
    return std::to_string(bytes) + " B";
}

std::string percentText(double p) {
    return decimalText(p, 3) + "%";
}

std::string delayText(int delayMs, int jitterMs) {
    return jitterMs > 0 ? trArgs(SL_TR("socklab", "delay %1\u00b1%2 ms"), delayMs, jitterMs)
                        : trArgs(SL_TR("socklab", "delay %1 ms"), delayMs);
}

std::string joined(const std::vector<std::string>& parts) {
    if (parts.empty()) {
        //: An impairment that does nothing.
        return SL_TR("socklab", "none");
    }
    std::string out;
    for (const std::string& p : parts) {
        out += (out.empty() ? "" : " \u00b7 ") + p;
    }
    return out;
}

std::vector<std::string> datagramParts(const Impairment& m) {
    std::vector<std::string> parts;
    if (m.lossPercent > 0) {
        parts.push_back(trArgs(SL_TR("socklab", "loss %1"), percentText(m.lossPercent)));
    }
    if (m.burst.pGoodToBad > 0) {
        const BurstLoss& b = m.burst;
        if (b.lossGood != 0 || b.lossBad != 100) {
            //: Gilbert-Elliott burst loss: %1 the chance to enter the bad state, %2 to leave
            //: it, %3 and %4 the loss in the good and the bad state.
            parts.push_back(
                trArgs(SL_TR("socklab", "burst loss (enter %1, leave %2, loss %3 good / %4 bad)"),
                       percentText(b.pGoodToBad), percentText(b.pBadToGood),
                       percentText(b.lossGood), percentText(b.lossBad)));
        } else {
            parts.push_back(trArgs(SL_TR("socklab", "burst loss (enter %1, leave %2)"),
                                   percentText(b.pGoodToBad), percentText(b.pBadToGood)));
        }
    }
    if (m.duplicatePercent > 0) {
        parts.push_back(trArgs(SL_TR("socklab", "dup %1"), percentText(m.duplicatePercent)));
    }
    if (m.reorderPercent > 0) {
        parts.push_back(trArgs(SL_TR("socklab", "reorder %1 (depth %2, timeout %3 ms)"),
                               percentText(m.reorderPercent), m.reorderDepth, m.reorderTimeout_ms));
    }
    if (m.corruptPercent > 0) {
        parts.push_back(trArgs(SL_TR("socklab", "corrupt %1"), percentText(m.corruptPercent)));
    }
    if (m.truncateBytes > 0) {
        parts.push_back(trArgs(SL_TR("socklab", "truncate to %1"), sizeText(m.truncateBytes)));
    }
    return parts;
}

std::vector<std::string> streamParts(const Impairment& m) {
    std::vector<std::string> parts;
    if (m.segmentMax > 0) {
        parts.push_back(trArgs(SL_TR("socklab", "segments %1..%2 B"), m.segmentMin, m.segmentMax));
    }
    if (m.coalesce_ms > 0) {
        parts.push_back(trArgs(SL_TR("socklab", "coalesce %1 ms"), m.coalesce_ms));
    }
    if (m.stall) {
        parts.push_back(SL_TR("socklab", "stall"));
    }
    if (m.resetAfterBytes > 0) {
        parts.push_back(trArgs(SL_TR("socklab", "reset after %1"), sizeText(m.resetAfterBytes)));
    }
    if (m.slowClose_ms > 0) {
        parts.push_back(trArgs(SL_TR("socklab", "slow close %1 ms"), m.slowClose_ms));
    }
    return parts;
}

Error rangeError(std::string field, std::string detail) {
    return inputError("check impairment", std::move(field), std::move(detail));
}

} // namespace

std::string rateText(std::uint64_t bytesPerSec) {
    if (bytesPerSec == 0) {
        return "unlimited";
    }
    return sizeText(bytesPerSec) + "/s";
}

std::string describe(const Impairment& impairment, bool datagram) {
    std::vector<std::string> parts = datagram ? datagramParts(impairment) : streamParts(impairment);
    if (impairment.delay_ms > 0 || impairment.jitter_ms > 0) {
        parts.push_back(delayText(impairment.delay_ms, impairment.jitter_ms));
    }
    if (impairment.rateBytesPerSec > 0) {
        parts.push_back(trArgs(SL_TR("socklab", "rate %1"), rateText(impairment.rateBytesPerSec)));
    }
    return joined(parts);
}

Status validate(const Impairment& m) {
    constexpr int kMaxMs = 3'600'000;
    const std::array<std::pair<const char*, double>, 8> percents{{
        {"loss", m.lossPercent},
        {"burst enter", m.burst.pGoodToBad},
        {"burst leave", m.burst.pBadToGood},
        {"burst loss good", m.burst.lossGood},
        {"burst loss bad", m.burst.lossBad},
        {"dup", m.duplicatePercent},
        {"reorder", m.reorderPercent},
        {"corrupt", m.corruptPercent},
    }};
    for (const auto& [name, value] : percents) {
        if (!std::isfinite(value) || value < 0 || value > 100) {
            return fail(rangeError(
                name, trArgs(SL_TR("socklab", "%1% is outside 0..100%"), decimalText(value, 3))));
        }
    }
    const std::array<std::pair<const char*, int>, 5> durations{{
        {"delay", m.delay_ms},
        {"jitter", m.jitter_ms},
        {"reorder timeout", m.reorderTimeout_ms},
        {"coalesce", m.coalesce_ms},
        {"slow close", m.slowClose_ms},
    }};
    for (const auto& [name, value] : durations) {
        if (value < 0 || value > kMaxMs) {
            return fail(rangeError(
                name, trArgs(SL_TR("socklab", "%1 ms is outside 0..3600000 ms"), value)));
        }
    }
    if (m.reorderDepth < 1) {
        return fail(
            rangeError("reorder depth", trArgs(SL_TR("socklab", "%1 is below 1"), m.reorderDepth)));
    }
    if (m.segmentMax > 65536 || (m.segmentMax > 0 && m.segmentMin < 1) ||
        m.segmentMin > m.segmentMax) {
        return fail(rangeError(
            "segments", trArgs(SL_TR("socklab", "%1..%2 is not a range 1..65536 with min <= max"),
                               m.segmentMin, m.segmentMax)));
    }
    return {};
}

} // namespace socklab
