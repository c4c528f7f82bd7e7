#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace socklab {

/// Closed intervals [lo, hi] on one axis (the ladder's y, in px), each with an id, answering
/// "which intervals intersect [a, b]" in O(log n + k) for k answers. Static: build() once,
/// query many times (the ladder rebuilds it after appends).
///
/// Made of a copy sorted by lo (answers whose lo lies in [a, b]: a binary search and a run) and
/// a centred interval tree (answers that started before a and still cover it: a stabbing query
/// that reads only what it reports, plus one entry per level).
class IntervalIndex {
public:
    struct Interval {
        double lo = 0;
        double hi = 0; ///< >= lo
        std::uint32_t id = 0;
    };

    IntervalIndex() = default;
    /// O(n log n). Intervals with hi < lo are treated as [hi, lo].
    explicit IntervalIndex(std::vector<Interval> intervals);

    /// Appends to `out` the id of every interval with lo <= b and hi >= a (a <= b, else
    /// swapped), each once, in no particular (but deterministic) order.
    void query(double a, double b, std::vector<std::uint32_t>& out) const;

    [[nodiscard]] std::size_t size() const { return m_byLo.size(); }

private:
    struct Node {
        double center = 0;
        std::uint32_t begin = 0; ///< this node's intervals: m_nodeByLo/m_nodeByHi[begin, end)
        std::uint32_t end = 0;
        std::int32_t left = -1;  ///< child node with intervals entirely below center
        std::int32_t right = -1; ///< and entirely above
    };

    std::int32_t build(std::vector<Interval>& items, std::size_t begin, std::size_t end,
                       std::vector<double>& scratch);
    void stab(double a, std::vector<std::uint32_t>& out) const;

    std::vector<Interval> m_byLo;     ///< all intervals by lo ascending
    std::vector<Node> m_nodes;        ///< m_nodes[0] is the root (when not empty)
    std::vector<Interval> m_nodeByLo; ///< per node: its intervals by lo ascending
    std::vector<Interval> m_nodeByHi; ///< per node: the same by hi descending
};

/// The ladder's items by vertical extent while the ladder grows: a static IntervalIndex over the
/// settled items (every event of theirs before a horizon time, so appends after the horizon
/// cannot move them) and a small one over the rest, rebuilt whenever they change. Queries are
/// O(log n + k); update() costs O(t log t) for the t items after the horizon.
class SettledIntervalIndex {
public:
    struct Item {
        double top = 0;
        double bottom = 0;
        std::uint32_t id = 0;
        std::int64_t lastNs = 0; ///< its latest event
    };

    /// Everything again: items with lastNs < horizonNs settled, the rest recent.
    void rebuild(const std::vector<Item>& items, std::int64_t horizonNs);
    /// Adds or replaces recent items (lastNs >= horizonNs(); settled ones cannot change).
    void update(const std::vector<Item>& items);
    void query(double a, double b, std::vector<std::uint32_t>& out) const;

    [[nodiscard]] std::int64_t horizonNs() const { return m_horizon; }
    [[nodiscard]] std::size_t recentCount() const { return m_recent.size(); }
    /// The largest bottom of all items (lowest - infinity when empty).
    [[nodiscard]] double maxBottom() const;

private:
    IntervalIndex m_settled;
    IntervalIndex m_recentIndex;
    std::vector<IntervalIndex::Interval> m_recent;
    std::unordered_map<std::uint32_t, std::size_t> m_recentPos; ///< id -> index in m_recent
    std::int64_t m_horizon = 0;
    double m_settledMax = 0;
    double m_recentMax = 0;
};

} // namespace socklab
