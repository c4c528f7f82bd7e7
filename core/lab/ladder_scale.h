#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace socklab {

/// A time mark on the ladder's axis (y in px, from the top of the drawing).
struct LadderTick {
    double y = 0;
    std::int64_t ns = 0; ///< the time it marks (same clock as the events)
    std::string label;   ///< relative to the layout's origin, in ms: "0 ms", "12.5 ms"
    friend bool operator==(const LadderTick&, const LadderTick&) = default;
};

/// An idle stretch that Time mode drew shorter than its duration: nothing happened strictly
/// between fromNs and toNs, drawn from y top to y bottom.
struct LadderBreak {
    double top = 0;
    double bottom = 0;
    std::int64_t fromNs = 0;
    std::int64_t toNs = 0;
    friend bool operator==(const LadderBreak&, const LadderBreak&) = default;
};

/// ns as milliseconds with exactly `decimals` decimals (0..6), rounded half away from zero:
/// ladderMsText(12'500'000, 1) == "12.5 ms", ladderMsText(-3'000'000, 0) == "-3 ms".
[[nodiscard]] std::string ladderMsText(std::int64_t ns, int decimals);

/// ns as milliseconds to the microsecond, trailing zeros dropped: "5003.25 ms", "12 ms".
[[nodiscard]] std::string ladderExactMsText(std::int64_t ns);

/// The tick spacing for a zoom: the smallest 1, 2 or 5 x 10^k ns that is at least minSpacingPx
/// apart at pxPerMs (capped at 5 x 10^17 ns).
[[nodiscard]] std::int64_t ladderTickStepNs(double pxPerMs, double minSpacingPx);

/// Time mode's y axis: y = top at the first time (the earliest event, or the origin when that is
/// earlier), then pxPerMs per millisecond, except that an idle stretch between two consecutive
/// event times longer than gapNs whose linear height would exceed gapPx is drawn gapPx tall (a
/// LadderBreak; inside it time is interpolated linearly, so y stays continuous and increasing).
/// Times before the first or after the last are extrapolated linearly. Queries are O(log n).
class LadderTimeScale {
public:
    struct Params {
        std::int64_t originNs = 0; ///< the time labelled 0 ms
        double top = 0;            ///< y of the first time
        double pxPerMs = 1;        ///< > 0
        std::int64_t gapNs = 0;    ///< compress idle stretches longer than this; 0 = never
        double gapPx = 24;         ///< height of a compressed stretch
    };

    LadderTimeScale() = default;
    /// times: every event time (any order, repeats allowed).
    LadderTimeScale(std::vector<std::int64_t> times, const Params& params);

    /// Adds event times, none before firstNs() (the caller lays out again instead). Returns
    /// the time after which y changed for times already there (a compressed stretch was
    /// split), nullopt when nothing there moved (times inside drawn stretches or after the
    /// end). O(k log n + the times after the change).
    std::optional<std::int64_t> insert(std::vector<std::int64_t> times);

    [[nodiscard]] double y(std::int64_t ns) const;
    /// The first and last time (the origin included).
    [[nodiscard]] std::int64_t firstNs() const;
    [[nodiscard]] std::int64_t lastNs() const;
    [[nodiscard]] const std::vector<LadderBreak>& breaks() const { return m_breaks; }
    /// Appends the breaks intersecting [a, b] (a <= b), top to bottom.
    void breaksIn(double a, double b, std::vector<LadderBreak>& out) const;
    /// Appends the ticks with a <= y <= b (a <= b), top to bottom: multiples of stepNs from the
    /// origin inside the drawn (not compressed) stretches between the first and the last event
    /// time, labelled with the decimals the step needs; and after each break one at the exact
    /// time the axis resumes (ladderExactMsText), leaving out step ticks within half a step
    /// after it.
    void ticksIn(double a, double b, std::int64_t stepNs, std::vector<LadderTick>& out) const;

private:
    /// A stretch between two event times: linear (slope px/ns) or compressed (a break).
    struct Piece {
        std::int64_t t0 = 0;
        std::int64_t t1 = 0;
        double y0 = 0;
        double y1 = 0;
        bool compressed = false;
    };

    [[nodiscard]] double slope() const { return m_params.pxPerMs / 1e6; }
    void grow(std::size_t from);

    Params m_params;
    std::vector<std::int64_t> m_times; ///< distinct, ascending
    /// By time (and so by y), consecutive; the first may be a lone point (a break follows it).
    std::vector<Piece> m_pieces;
    std::vector<LadderBreak> m_breaks;
};

} // namespace socklab
