#include "core/lab/ladder_scale.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace socklab {

namespace {

constexpr std::uint64_t pow10(int k) {
    std::uint64_t v = 1;
    for (int i = 0; i < k; ++i) {
        v *= 10;
    }
    return v;
}

// Decimals a tick step needs in ms: 0 for whole ms, 1 for 0.5 ms, ... 6 for 1 ns.
int stepDecimals(std::int64_t stepNs) {
    int zeros = 0;
    while (stepNs > 0 && stepNs % 10 == 0 && zeros < 6) {
        stepNs /= 10;
        ++zeros;
    }
    return 6 - zeros;
}

} // namespace

std::string ladderMsText(std::int64_t ns, int decimals) {
    decimals = std::clamp(decimals, 0, 6);
    const std::uint64_t unit = pow10(6 - decimals);
    const bool negative = ns < 0;
    const std::uint64_t magnitude =
        negative ? 0 - static_cast<std::uint64_t>(ns) : static_cast<std::uint64_t>(ns);
    const std::uint64_t rounded = magnitude / unit + (magnitude % unit >= (unit + 1) / 2 ? 1 : 0);
    const std::uint64_t scale = pow10(decimals);
    std::string out = negative && rounded > 0 ? "-" : "";
    out += std::to_string(rounded / scale);
    if (decimals > 0) {
        std::string frac = std::to_string(rounded % scale);
        out += '.';
        out.append(static_cast<std::size_t>(decimals) - frac.size(), '0');
        out += frac;
    }
    return out + " ms";
}

std::string ladderExactMsText(std::int64_t ns) {
    std::string text = ladderMsText(ns, 3);
    const auto dot = text.find('.');
    if (dot != std::string::npos) {
        auto last = text.find(' ');
        while (last > dot + 1 && text[last - 1] == '0') {
            text.erase(--last, 1);
        }
        if (last == dot + 1) {
            text.erase(dot, 1);
        }
    }
    return text;
}

std::int64_t ladderTickStepNs(double pxPerMs, double minSpacingPx) {
    const double pxPerNs = pxPerMs / 1e6;
    std::int64_t decade = 1;
    for (int k = 0; k <= 17; ++k, decade *= 10) {
        for (const std::int64_t c : {1, 2, 5}) {
            if (static_cast<double>(c * decade) * pxPerNs >= minSpacingPx) {
                return c * decade;
            }
        }
    }
    return 5 * pow10(17);
}

LadderTimeScale::LadderTimeScale(std::vector<std::int64_t> times, const Params& params)
    : m_params(params), m_times(std::move(times)) {
    m_times.push_back(params.originNs);
    std::sort(m_times.begin(), m_times.end());
    m_times.erase(std::unique(m_times.begin(), m_times.end()), m_times.end());
    m_pieces.push_back(Piece{m_times.front(), m_times.front(), params.top, params.top, false});
    grow(0);
}

// Adds the pieces between m_times[from] (where the pieces end now) and the last time.
void LadderTimeScale::grow(std::size_t from) {
    double y = m_pieces.back().y1;
    for (std::size_t i = from + 1; i < m_times.size(); ++i) {
        const std::int64_t t0 = m_times[i - 1];
        const std::int64_t t1 = m_times[i];
        const double linear = static_cast<double>(t1 - t0) * slope();
        if (m_params.gapNs > 0 && t1 - t0 > m_params.gapNs && linear > m_params.gapPx) {
            m_pieces.push_back(Piece{t0, t1, y, y + m_params.gapPx, true});
            m_breaks.push_back(LadderBreak{y, y + m_params.gapPx, t0, t1});
            y += m_params.gapPx;
            continue;
        }
        Piece& last = m_pieces.back();
        if (!last.compressed) {
            last.t1 = t1;
            last.y1 = last.y0 + static_cast<double>(t1 - last.t0) * slope();
            y = last.y1;
        } else {
            m_pieces.push_back(Piece{t0, t1, y, y + linear, false});
            y += linear;
        }
    }
}

std::optional<std::int64_t> LadderTimeScale::insert(std::vector<std::int64_t> times) {
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    if (times.empty()) {
        return std::nullopt;
    }
    if (m_times.empty()) { // default-constructed
        *this = LadderTimeScale(std::move(times), m_params);
        return std::nullopt;
    }
    const std::int64_t oldLast = m_times.back();
    // A new time strictly inside a compressed stretch splits it: y changes after its start.
    // Inside a linear stretch, or after the end, nothing drawn so far moves.
    std::optional<std::int64_t> changedFrom;
    for (const std::int64_t t : times) {
        if (t >= oldLast) {
            break;
        }
        auto it = std::upper_bound(m_pieces.begin(), m_pieces.end(), t,
                                   [](std::int64_t v, const Piece& p) { return v < p.t0; });
        if (it == m_pieces.begin()) {
            continue; // before the first time: not allowed, nothing to split
        }
        const Piece& p = *std::prev(it);
        if (p.compressed && p.t0 < t && t < p.t1) {
            changedFrom = p.t0;
            break; // the earliest one decides: times are sorted
        }
    }
    const auto at = std::lower_bound(m_times.begin(), m_times.end(), times.front());
    std::vector<std::int64_t> merged;
    merged.reserve(static_cast<std::size_t>(m_times.end() - at) + times.size());
    std::set_union(at, m_times.end(), times.begin(), times.end(), std::back_inserter(merged));
    m_times.erase(at, m_times.end());
    m_times.insert(m_times.end(), merged.begin(), merged.end());

    const std::int64_t resumeAt = changedFrom.value_or(oldLast);
    if (changedFrom) {
        // Drop the split stretch and everything after it.
        auto piece = std::find_if(m_pieces.begin(), m_pieces.end(),
                                  [&](const Piece& p) { return p.compressed && p.t0 == resumeAt; });
        m_pieces.erase(piece, m_pieces.end());
        auto br = std::find_if(m_breaks.begin(), m_breaks.end(),
                               [&](const LadderBreak& b) { return b.fromNs >= resumeAt; });
        m_breaks.erase(br, m_breaks.end());
    }
    grow(static_cast<std::size_t>(std::lower_bound(m_times.begin(), m_times.end(), resumeAt) -
                                  m_times.begin()));
    return changedFrom;
}

std::int64_t LadderTimeScale::firstNs() const {
    return m_times.empty() ? m_params.originNs : m_times.front();
}

std::int64_t LadderTimeScale::lastNs() const {
    return m_times.empty() ? m_params.originNs : m_times.back();
}

double LadderTimeScale::y(std::int64_t ns) const {
    if (m_pieces.empty()) {
        return m_params.top + static_cast<double>(ns - m_params.originNs) * slope();
    }
    const Piece& first = m_pieces.front();
    if (ns <= first.t0) {
        return first.y0 + static_cast<double>(ns - first.t0) * slope();
    }
    const Piece& last = m_pieces.back();
    if (ns >= last.t1) {
        return last.y1 + static_cast<double>(ns - last.t1) * slope();
    }
    auto it = std::upper_bound(m_pieces.begin(), m_pieces.end(), ns,
                               [](std::int64_t t, const Piece& p) { return t < p.t0; });
    const Piece& p = *std::prev(it);
    if (p.compressed) {
        return p.y0 +
               (p.y1 - p.y0) * static_cast<double>(ns - p.t0) / static_cast<double>(p.t1 - p.t0);
    }
    return p.y0 + static_cast<double>(ns - p.t0) * slope();
}

void LadderTimeScale::breaksIn(double a, double b, std::vector<LadderBreak>& out) const {
    auto it = std::lower_bound(m_breaks.begin(), m_breaks.end(), a,
                               [](const LadderBreak& br, double v) { return br.bottom < v; });
    for (; it != m_breaks.end() && it->top <= b; ++it) {
        out.push_back(*it);
    }
}

void LadderTimeScale::ticksIn(double a, double b, std::int64_t stepNs,
                              std::vector<LadderTick>& out) const {
    if (stepNs <= 0) {
        return;
    }
    const int decimals = stepDecimals(stepNs);
    const std::int64_t origin = m_params.originNs;
    auto it = std::lower_bound(m_pieces.begin(), m_pieces.end(), a,
                               [](const Piece& p, double v) { return p.y1 < v; });
    for (; it != m_pieces.end() && it->y0 <= b; ++it) {
        const Piece& p = *it;
        if (p.compressed) {
            // The axis starts again after a break: a tick at the exact first time.
            if (p.y1 >= a && p.y1 <= b) {
                out.push_back(LadderTick{p.y1, p.t1, ladderExactMsText(p.t1 - origin)});
            }
            continue;
        }
        const bool afterBreak = it != m_pieces.begin() && std::prev(it)->compressed;
        const double ya = std::max(a, p.y0);
        const double yb = std::min(b, p.y1);
        const double ta = static_cast<double>(p.t0) + (ya - p.y0) / slope();
        const double tb = static_cast<double>(p.t0) + (yb - p.y0) / slope();
        const auto step = static_cast<double>(stepNs);
        const auto mLo =
            static_cast<std::int64_t>(std::floor((ta - static_cast<double>(origin)) / step));
        const auto mHi =
            static_cast<std::int64_t>(std::ceil((tb - static_cast<double>(origin)) / step));
        for (std::int64_t m = mLo; m <= mHi; ++m) {
            const std::int64_t t = origin + m * stepNs;
            if (t < p.t0 || t > p.t1 || (afterBreak && (t - p.t0) * 2 < stepNs)) {
                continue;
            }
            const double y = p.y0 + static_cast<double>(t - p.t0) * slope();
            if (y >= a && y <= b) {
                out.push_back(LadderTick{y, t, ladderMsText(t - origin, decimals)});
            }
        }
    }
}

} // namespace socklab
