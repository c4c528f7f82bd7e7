#pragma once

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace socklab::ui {

/// The order in which a sortable table model shows its rows: a permutation of slots (the rows
/// in the order they were added, which never move) and its inverse. The caller passes the
/// ordering each time (`less` over slots, a strict total order: its keys live with the rows).
/// After some keys changed, repair() moves only what is out of place, in O(n + k log k).
class RowOrder {
public:
    [[nodiscard]] std::size_t size() const { return m_slots.size(); }
    /// The slot shown at `row`.
    [[nodiscard]] std::size_t slotAt(std::size_t row) const { return m_slots[row]; }
    /// The row that shows `slot`.
    [[nodiscard]] std::size_t rowOf(std::size_t slot) const { return m_rows[slot]; }

    /// Slots 0..n-1 in their own order.
    void reset(std::size_t n);
    /// The row a new slot goes to: after every row that is not after it.
    template <class Less> [[nodiscard]] std::size_t insertPosition(std::size_t slot, Less less) {
        const auto it = std::upper_bound(m_slots.begin(), m_slots.end(), slot, less);
        return static_cast<std::size_t>(it - m_slots.begin());
    }
    /// Lists the next slot (== size()) at `row`.
    void insert(std::size_t row, std::size_t slot);

    /// Rows in the order given (a permutation of the slots).
    void assign(std::vector<std::size_t> order) {
        m_slots = std::move(order);
        reindex();
    }
    /// Sorts every row.
    template <class Less> void sort(Less less) {
        std::sort(m_slots.begin(), m_slots.end(), less);
        reindex();
    }
    /// Whether the rows of `changed` (slots whose keys changed) still sit between neighbours
    /// that order before and after them: if so, the whole order still holds.
    template <class Less>
    [[nodiscard]] bool inOrder(const std::vector<std::size_t>& changed, Less less) const {
        const std::size_t n = m_slots.size();
        for (std::size_t slot : changed) {
            const std::size_t row = m_rows[slot];
            if ((row > 0 && less(slot, m_slots[row - 1])) ||
                (row + 1 < n && less(m_slots[row + 1], slot))) {
                return false;
            }
        }
        return true;
    }
    /// Puts the `changed` slots back in place: the others keep their order (their keys did not
    /// change), the changed ones are sorted and merged in.
    template <class Less> void repair(std::vector<std::size_t> changed, Less less) {
        std::vector<char> moved(m_slots.size(), 0);
        for (std::size_t slot : changed) {
            moved[slot] = 1;
        }
        std::vector<std::size_t> kept;
        kept.reserve(m_slots.size());
        for (std::size_t slot : m_slots) {
            if (moved[slot] == 0) {
                kept.push_back(slot);
            }
        }
        std::sort(changed.begin(), changed.end(), less);
        changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
        std::merge(kept.begin(), kept.end(), changed.begin(), changed.end(), m_slots.begin(), less);
        reindex();
    }

private:
    void reindex(std::size_t from = 0);

    std::vector<std::size_t> m_slots; ///< row -> slot
    std::vector<std::size_t> m_rows;  ///< slot -> row
};

} // namespace socklab::ui
