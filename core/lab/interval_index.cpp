#include "core/lab/interval_index.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace socklab {

namespace {

bool byLo(const IntervalIndex::Interval& x, const IntervalIndex::Interval& y) {
    return x.lo != y.lo ? x.lo < y.lo : x.id < y.id;
}

bool byHiDescending(const IntervalIndex::Interval& x, const IntervalIndex::Interval& y) {
    return x.hi != y.hi ? x.hi > y.hi : x.id < y.id;
}

} // namespace

IntervalIndex::IntervalIndex(std::vector<Interval> intervals) {
    for (auto& i : intervals) {
        if (i.hi < i.lo) {
            std::swap(i.lo, i.hi);
        }
    }
    m_byLo = intervals;
    std::sort(m_byLo.begin(), m_byLo.end(), byLo);
    m_nodes.reserve(intervals.size());
    m_nodeByLo.reserve(intervals.size());
    m_nodeByHi.reserve(intervals.size());
    std::vector<double> scratch(intervals.size());
    build(intervals, 0, intervals.size(), scratch);
}

// Builds the subtree of items[begin, end) (reordered in place). The centre is the median of the
// midpoints, so each side gets at most half of the intervals and the depth is O(log n).
std::int32_t IntervalIndex::build(std::vector<Interval>& items, std::size_t begin, std::size_t end,
                                  std::vector<double>& scratch) {
    if (begin == end) {
        return -1;
    }
    for (std::size_t k = begin; k < end; ++k) {
        scratch[k] = items[k].lo / 2 + items[k].hi / 2;
    }
    const auto first = scratch.begin() + static_cast<std::ptrdiff_t>(begin);
    const auto mid = first + static_cast<std::ptrdiff_t>((end - begin) / 2);
    std::nth_element(first, mid, scratch.begin() + static_cast<std::ptrdiff_t>(end));
    const double center = *mid;

    // [below | covering center | above]
    const auto range = items.begin() + static_cast<std::ptrdiff_t>(begin);
    const auto stop = items.begin() + static_cast<std::ptrdiff_t>(end);
    const auto covering =
        std::partition(range, stop, [center](const Interval& i) { return i.hi < center; });
    const auto above =
        std::partition(covering, stop, [center](const Interval& i) { return i.lo <= center; });
    const auto nodeBegin = static_cast<std::uint32_t>(m_nodeByLo.size());
    m_nodeByLo.insert(m_nodeByLo.end(), covering, above);
    m_nodeByHi.insert(m_nodeByHi.end(), covering, above);
    const auto nodeEnd = static_cast<std::uint32_t>(m_nodeByLo.size());
    std::sort(m_nodeByLo.begin() + nodeBegin, m_nodeByLo.end(), byLo);
    std::sort(m_nodeByHi.begin() + nodeBegin, m_nodeByHi.end(), byHiDescending);

    const auto self = static_cast<std::int32_t>(m_nodes.size());
    m_nodes.push_back(Node{center, nodeBegin, nodeEnd, -1, -1});
    const auto split1 = static_cast<std::size_t>(covering - items.begin());
    const auto split2 = static_cast<std::size_t>(above - items.begin());
    const std::int32_t left = build(items, begin, split1, scratch);
    const std::int32_t right = build(items, split2, end, scratch);
    m_nodes[static_cast<std::size_t>(self)].left = left;
    m_nodes[static_cast<std::size_t>(self)].right = right;
    return self;
}

// Every interval with lo < a <= hi.
void IntervalIndex::stab(double a, std::vector<std::uint32_t>& out) const {
    std::int32_t n = m_nodes.empty() ? -1 : 0;
    while (n >= 0) {
        const Node& node = m_nodes[static_cast<std::size_t>(n)];
        if (a > node.center) {
            // All here have lo <= center < a; those reaching a are a prefix by hi.
            for (std::uint32_t k = node.begin; k < node.end && m_nodeByHi[k].hi >= a; ++k) {
                out.push_back(m_nodeByHi[k].id);
            }
            n = node.right;
        } else {
            // All here have hi >= center >= a; those starting before a are a prefix by lo.
            for (std::uint32_t k = node.begin; k < node.end && m_nodeByLo[k].lo < a; ++k) {
                out.push_back(m_nodeByLo[k].id);
            }
            n = a < node.center ? node.left : -1;
        }
    }
}

void IntervalIndex::query(double a, double b, std::vector<std::uint32_t>& out) const {
    if (b < a) {
        std::swap(a, b);
    }
    // Intersecting = starts inside [a, b], or starts before a and covers a.
    auto it = std::lower_bound(m_byLo.begin(), m_byLo.end(), a,
                               [](const Interval& i, double v) { return i.lo < v; });
    for (; it != m_byLo.end() && it->lo <= b; ++it) {
        out.push_back(it->id);
    }
    stab(a, out);
}

void SettledIntervalIndex::rebuild(const std::vector<Item>& items, std::int64_t horizonNs) {
    m_horizon = horizonNs;
    std::vector<IntervalIndex::Interval> settled;
    m_recent.clear();
    m_recentPos.clear();
    for (const auto& i : items) {
        if (i.lastNs < horizonNs) {
            settled.push_back({i.top, i.bottom, i.id});
        } else {
            m_recentPos[i.id] = m_recent.size();
            m_recent.push_back({i.top, i.bottom, i.id});
        }
    }
    m_settledMax = -std::numeric_limits<double>::infinity();
    for (const auto& i : settled) {
        m_settledMax = std::max(m_settledMax, i.hi);
    }
    m_settled = IntervalIndex(std::move(settled));
    update({});
}

void SettledIntervalIndex::update(const std::vector<Item>& items) {
    for (const auto& i : items) {
        const auto [it, added] = m_recentPos.try_emplace(i.id, m_recent.size());
        if (added) {
            m_recent.push_back({i.top, i.bottom, i.id});
        } else {
            m_recent[it->second] = {i.top, i.bottom, i.id};
        }
    }
    m_recentMax = -std::numeric_limits<double>::infinity();
    for (const auto& i : m_recent) {
        m_recentMax = std::max(m_recentMax, i.hi);
    }
    m_recentIndex = IntervalIndex(m_recent);
}

double SettledIntervalIndex::maxBottom() const {
    return std::max(m_settledMax, m_recentMax);
}

void SettledIntervalIndex::query(double a, double b, std::vector<std::uint32_t>& out) const {
    m_settled.query(a, b, out);
    m_recentIndex.query(a, b, out);
}

} // namespace socklab
