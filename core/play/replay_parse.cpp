// Replay: the names and parsers of a side and a timing (ReplaySide, ReplayTiming).
#include "core/play/replay_detail.h"
#include "core/play/replay_player.h"

#include <charconv>
#include <cmath>

namespace socklab {

using replay_detail::quoted;

namespace {

/// text is one finite number (value set).
bool readNumber(std::string_view text, double& value) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && ec == std::errc() && end == text.data() + text.size() &&
           std::isfinite(value);
}

} // namespace

std::string_view replaySideName(ReplaySide side) {
    return side == ReplaySide::Client ? "client" : "server";
}

Result<ReplaySide> parseReplaySide(std::string_view text) {
    if (text == "client") {
        return ReplaySide::Client;
    }
    if (text == "server") {
        return ReplaySide::Server;
    }
    return fail(inputError(SL_TR("socklab", "parse side"), quoted(text),
                           SL_TR("socklab", "expected client or server")));
}

std::int64_t ReplayTiming::scale(std::int64_t gapNs) const {
    if (gapNs <= 0 || mode == Mode::Asap) {
        return 0;
    }
    if (mode == Mode::Original || factor <= 0) {
        return gapNs;
    }
    return static_cast<std::int64_t>(std::llround(static_cast<double>(gapNs) / factor));
}

Result<double> parseReplayFactor(std::string_view text) {
    const auto bad = [&](std::string why) {
        return fail(inputError(SL_TR("socklab", "parse factor"), quoted(text), std::move(why)));
    };
    double value = 0;
    if (!readNumber(text, value)) {
        return bad(SL_TR("socklab", "expected a number such as 2 or 0.5"));
    }
    if (value < kReplayMinFactor || value > kReplayMaxFactor) {
        return bad(
            SL_TR("socklab", "the factor must be between 0.01 and 1000 (2 = twice as fast)"));
    }
    return value;
}

Result<ReplayTiming> parseReplayTiming(std::string_view text) {
    if (text == "original") {
        return ReplayTiming{};
    }
    if (text == "asap") {
        return ReplayTiming{ReplayTiming::Mode::Asap, 1.0};
    }
    std::string_view number = text;
    if (number.starts_with('x') || number.starts_with('X')) {
        number.remove_prefix(1);
    } else if (number.ends_with('x') || number.ends_with('X')) {
        number.remove_suffix(1);
    }
    auto factor = parseReplayFactor(number);
    if (!factor) {
        double ignored = 0;
        return fail(inputError(SL_TR("socklab", "parse speed"), quoted(text),
                               !readNumber(number, ignored)
                                   ? SL_TR("socklab", "expected xF (x2 = twice as fast, x0.5 = "
                                                      "half speed), original or asap")
                                   : factor.error().detail));
    }
    if (*factor == 1.0) {
        return ReplayTiming{};
    }
    return ReplayTiming{ReplayTiming::Mode::Scaled, *factor};
}

std::string replayTimingText(const ReplayTiming& timing) {
    switch (timing.mode) {
    case ReplayTiming::Mode::Asap:
        return SL_TR("socklab", "as fast as possible");
    case ReplayTiming::Mode::Scaled: {
        char buf[32];
        const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, timing.factor);
        // Appended, not "x" + std::string(...): GCC 12 warns (-Wrestrict, a false positive).
        std::string out = "x";
        out.append(buf, ec == std::errc() ? end : buf);
        return out;
    }
    default:
        return SL_TR("socklab", "original timing");
    }
}

} // namespace socklab
