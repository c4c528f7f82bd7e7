#include "ui/models/row_order.h"

#include <numeric>

namespace socklab::ui {

void RowOrder::reset(std::size_t n) {
    m_slots.resize(n);
    std::iota(m_slots.begin(), m_slots.end(), std::size_t{0});
    m_rows = m_slots;
}

void RowOrder::insert(std::size_t row, std::size_t slot) {
    m_slots.insert(m_slots.begin() + static_cast<std::ptrdiff_t>(row), slot);
    m_rows.resize(m_slots.size());
    reindex(row);
}

void RowOrder::reindex(std::size_t from) {
    m_rows.resize(m_slots.size());
    for (std::size_t row = from; row < m_slots.size(); ++row) {
        m_rows[m_slots[row]] = row;
    }
}

} // namespace socklab::ui
