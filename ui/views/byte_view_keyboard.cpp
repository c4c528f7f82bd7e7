// The keyboard half of ByteViewBase: a caret byte moved by arrows, PageUp/PageDown and
// Home/End; Shift extends the selection from an anchor.
#include "ui/views/byte_view_base.h"

#include <QKeyEvent>
#include <algorithm>

namespace socklab::ui {

std::optional<LayoutRow> ByteViewBase::dataRowMoved(RowRef ref, std::int64_t delta) const {
    const std::int64_t step = delta > 0 ? 1 : -1;
    RowRef cur = m_layout.move(ref, delta);
    if (cur == ref) {
        return std::nullopt; // clamped at the first/last row: no row in that direction
    }
    // Header and byte-less rows are skipped; lifecycle records come in short runs.
    for (int guard = 0; guard < 256; ++guard) {
        const auto rows = m_layout.rows(cur, 1);
        if (rows.empty()) {
            return std::nullopt;
        }
        if (!rows.front().isHeader() && rows.front().byteEnd > rows.front().byteBegin) {
            return rows.front();
        }
        const RowRef next = m_layout.move(cur, step);
        if (next == cur) {
            return std::nullopt;
        }
        cur = next;
    }
    return std::nullopt;
}

std::optional<std::uint64_t> ByteViewBase::caretStep(int key) const {
    const auto ref = m_layout.rowForArenaOffset(*m_caret);
    if (!ref) {
        return std::nullopt;
    }
    const auto current = m_layout.rows(*ref, 1);
    if (current.empty()) {
        return std::nullopt;
    }
    const LayoutRow& row = current.front();
    const std::uint64_t index = *m_caret - row.arenaBegin();
    // Steps go by whole characters (rows never split one): the start of the one at index.
    const auto charStart = [this](const LayoutRow& r, std::uint64_t i) {
        return std::max(r.arenaBegin(), characterBytes(r.arenaBegin() + i).first);
    };
    const auto inRow = [&](const std::optional<LayoutRow>& r,
                           std::uint64_t i) -> std::optional<std::uint64_t> {
        if (!r) {
            return std::nullopt;
        }
        return charStart(*r, std::min<std::uint64_t>(i, r->byteEnd - r->byteBegin - 1));
    };
    // Up/Down keep the caret's screen column: the byte index in the hex view, the cell in the
    // text view (where wide and multi-byte characters shift bytes against cells).
    const auto vertical = [&](std::int64_t delta) -> std::optional<std::uint64_t> {
        const auto target = dataRowMoved(*ref, delta);
        if (!target) {
            return std::nullopt;
        }
        const std::uint64_t at = offsetAtColumn(*target, columnOf(row, *m_caret));
        return charStart(*target, at - target->arenaBegin());
    };
    switch (key) {
    case Qt::Key_Left:
        if (index > 0) {
            return charStart(row, index - 1);
        }
        return inRow(dataRowMoved(*ref, -1), UINT32_MAX);
    case Qt::Key_Right: {
        const std::uint64_t next = characterBytes(*m_caret).second;
        if (next < row.arenaEnd()) {
            return next;
        }
        return inRow(dataRowMoved(*ref, 1), 0);
    }
    case Qt::Key_Up:
        return vertical(-1);
    case Qt::Key_Down:
        return vertical(1);
    case Qt::Key_PageUp:
        return vertical(-visibleRowCount());
    case Qt::Key_PageDown:
        return vertical(visibleRowCount());
    case Qt::Key_Home:
        return row.arenaBegin();
    case Qt::Key_End:
        return charStart(row, row.byteEnd - row.byteBegin - 1);
    default:
        return std::nullopt;
    }
}

std::size_t ByteViewBase::columnOf(const LayoutRow& row, std::uint64_t offset) const {
    return static_cast<std::size_t>(offset - row.arenaBegin());
}

std::uint64_t ByteViewBase::offsetAtColumn(const LayoutRow& row, std::size_t column) const {
    return row.arenaBegin() + std::min<std::uint64_t>(column, row.byteEnd - row.byteBegin - 1);
}

void ByteViewBase::moveCaret(std::uint64_t offset, bool extend) {
    if (!extend || !m_anchor) {
        m_anchor = offset;
    }
    m_caret = offset;
    ensureVisible(offset);
    selectCharacters(*m_anchor, offset);
    viewport()->update();
    notifyAccessibleCaret();
}

void ByteViewBase::selectCharacters(std::uint64_t a, std::uint64_t b) {
    if (!m_selection) {
        return;
    }
    m_selection->select(characterBytes(std::min(a, b)).first, characterBytes(std::max(a, b)).second,
                        m_origin);
}

void ByteViewBase::keyPressEvent(QKeyEvent* event) {
    const int key = event->key();
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const bool arrow =
        key == Qt::Key_Left || key == Qt::Key_Right || key == Qt::Key_Up || key == Qt::Key_Down;
    if (m_store && !m_caret && arrow) {
        // The first arrow puts the caret on the selection, or on the first byte on screen.
        std::optional<std::uint64_t> start;
        if (m_selection && !m_selection->isEmpty()) {
            start = m_selection->begin();
        }
        for (const LayoutRow& row : m_rows) {
            if (!start && !row.isHeader() && row.byteEnd > row.byteBegin) {
                start = row.arenaBegin();
            }
        }
        if (start) {
            moveCaret(*start, false);
            event->accept();
            return;
        }
    }
    if (m_store && m_caret && !ctrl) {
        if (const auto next = caretStep(key)) {
            if (key == Qt::Key_PageUp || key == Qt::Key_PageDown) {
                scrollRows(key == Qt::Key_PageUp ? -visibleRowCount() : visibleRowCount());
            }
            moveCaret(*next, shift);
            event->accept();
            return;
        }
        if (arrow || key == Qt::Key_Home || key == Qt::Key_End) {
            event->accept(); // at the first or last byte: stay
            return;
        }
    }
    switch (key) {
    case Qt::Key_Up:
        scrollRows(-1);
        break;
    case Qt::Key_Down:
        scrollRows(1);
        break;
    case Qt::Key_PageUp:
        scrollRows(-visibleRowCount());
        break;
    case Qt::Key_PageDown:
        scrollRows(visibleRowCount());
        break;
    case Qt::Key_Home:
        scrollToTop();
        break;
    case Qt::Key_End:
        scrollToBottom();
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace socklab::ui
