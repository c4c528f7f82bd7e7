#include "ui/views/byte_view_accessible.h"

#include "ui/views/byte_view_base.h"

#include <QScrollBar>
#include <algorithm>

namespace socklab::ui {

namespace {

QAccessibleInterface* byteViewFactory(const QString&, QObject* object) {
    if (auto* view = qobject_cast<ByteViewBase*>(object)) {
        return new ByteViewAccessible(view);
    }
    return nullptr;
}

} // namespace

ByteViewAccessible::ByteViewAccessible(ByteViewBase* view)
    : QAccessibleWidget(view, QAccessible::EditableText) {}

void ByteViewAccessible::install() {
    static const bool installed = [] {
        QAccessible::installFactory(&byteViewFactory);
        return true;
    }();
    Q_UNUSED(installed);
}

ByteViewBase* ByteViewAccessible::view() const {
    return static_cast<ByteViewBase*>(widget());
}

QAccessible::State ByteViewAccessible::state() const {
    QAccessible::State s = QAccessibleWidget::state();
    s.readOnly = true;
    s.multiLine = true;
    s.selectableText = true;
    return s;
}

QString ByteViewAccessible::text(QAccessible::Text t) const {
    if (t == QAccessible::Value) {
        return wholeText();
    }
    return QAccessibleWidget::text(t);
}

void* ByteViewAccessible::interface_cast(QAccessible::InterfaceType type) {
    if (type == QAccessible::TextInterface) {
        return static_cast<QAccessibleTextInterface*>(this);
    }
    return QAccessibleWidget::interface_cast(type);
}

int ByteViewAccessible::Lines::rowOf(int index) const {
    const auto it = std::upper_bound(starts.begin(), starts.end(), index);
    return static_cast<int>(std::distance(starts.begin(), it)) - 1;
}

ByteViewAccessible::Lines ByteViewAccessible::lines() const {
    Lines out;
    int start = 0;
    // Only the rows that fit: the view lays out one extra row to fill a partial last line.
    const auto& rows = view()->visibleRows();
    const std::size_t shown =
        std::min(rows.size(), static_cast<std::size_t>(view()->visibleRowCount()));
    for (std::size_t i = 0; i < shown; ++i) {
        QString line = view()->rowText(rows[i]);
        out.starts << start;
        start += static_cast<int>(line.size()) + 1; // + '\n'
        out.texts << std::move(line);
    }
    return out;
}

QString ByteViewAccessible::wholeText() const {
    return lines().texts.join(QLatin1Char('\n'));
}

int ByteViewAccessible::indexOfOffset(std::uint64_t arenaOffset) const {
    const Lines l = lines();
    const auto& rows = view()->visibleRows();
    for (qsizetype i = 0; i < l.texts.size(); ++i) {
        const LayoutRow& row = rows[static_cast<std::size_t>(i)];
        if (row.isHeader() || arenaOffset >= row.arenaEnd()) {
            continue;
        }
        if (arenaOffset < row.arenaBegin()) {
            return l.starts[i]; // before this row (a byte above the window)
        }
        return l.starts[i] + view()->textRangeOf(row, arenaOffset).first;
    }
    return l.texts.isEmpty() ? 0 : static_cast<int>(l.texts.join(QLatin1Char('\n')).size());
}

std::optional<std::uint64_t> ByteViewAccessible::offsetOfIndex(int index) const {
    const Lines l = lines();
    if (l.texts.isEmpty()) {
        return std::nullopt;
    }
    const auto& rows = view()->visibleRows();
    const int r = std::max(0, l.rowOf(index));
    // A header row stands for its record's first byte: the data row after it.
    for (auto i = static_cast<std::size_t>(r); i < static_cast<std::size_t>(l.texts.size()); ++i) {
        const int within = i == static_cast<std::size_t>(r) ? index - l.starts[r] : 0;
        if (const auto offset = view()->offsetAtTextIndex(rows[i], within)) {
            return offset;
        }
    }
    return std::nullopt;
}

void ByteViewAccessible::selection(int selectionIndex, int* startOffset, int* endOffset) const {
    *startOffset = *endOffset = 0;
    const ByteSelection* sel = view()->selectionModel();
    if (selectionIndex != 0 || !sel || sel->isEmpty()) {
        return;
    }
    *startOffset = indexOfOffset(sel->begin());
    // The end: after the last selected byte's characters when it is on screen.
    const std::uint64_t last = sel->end() - 1;
    const auto& rows = view()->visibleRows();
    const Lines l = lines();
    for (qsizetype i = 0; i < l.texts.size(); ++i) {
        const LayoutRow& row = rows[static_cast<std::size_t>(i)];
        if (!row.isHeader() && last >= row.arenaBegin() && last < row.arenaEnd()) {
            *endOffset = l.starts[i] + view()->textRangeOf(row, last).second;
            return;
        }
    }
    *endOffset = indexOfOffset(sel->end());
}

int ByteViewAccessible::selectionCount() const {
    const ByteSelection* sel = view()->selectionModel();
    if (!sel || sel->isEmpty()) {
        return 0;
    }
    int start = 0;
    int end = 0;
    selection(0, &start, &end);
    return end > start ? 1 : 0; // a selection wholly off screen is not in the visible text
}

void ByteViewAccessible::addSelection(int startOffset, int endOffset) {
    setSelection(0, startOffset, endOffset);
}

void ByteViewAccessible::removeSelection(int selectionIndex) {
    if (selectionIndex == 0 && view()->selectionModel()) {
        view()->selectionModel()->clear(view()->m_origin);
    }
}

void ByteViewAccessible::setSelection(int selectionIndex, int startOffset, int endOffset) {
    if (selectionIndex != 0 || endOffset <= startOffset) {
        return;
    }
    const auto first = offsetOfIndex(startOffset);
    const auto last = offsetOfIndex(endOffset - 1);
    if (first && last) {
        view()->moveCaret(*first, false);
        view()->moveCaret(*last, true);
    }
}

int ByteViewAccessible::cursorPosition() const {
    const auto caret = view()->caret();
    return caret ? indexOfOffset(*caret) : 0;
}

void ByteViewAccessible::setCursorPosition(int position) {
    if (const auto offset = offsetOfIndex(position)) {
        view()->moveCaret(*offset, false);
    }
}

QString ByteViewAccessible::text(int startOffset, int endOffset) const {
    const QString all = wholeText();
    startOffset = std::clamp(startOffset, 0, static_cast<int>(all.size()));
    endOffset = std::clamp(endOffset, startOffset, static_cast<int>(all.size()));
    return all.mid(startOffset, endOffset - startOffset);
}

int ByteViewAccessible::characterCount() const {
    return static_cast<int>(wholeText().size());
}

QRect ByteViewAccessible::characterRect(int offset) const {
    const Lines l = lines();
    const int r = l.rowOf(offset);
    if (r < 0 || r >= l.texts.size()) {
        return {};
    }
    // Rows sit on the fixed font's grid: the character's column times the advance.
    const int column = offset - l.starts[r];
    const qreal cw = view()->charWidth();
    const QRectF cell(ByteViewBase::kMargin - view()->horizontalOffset() + column * cw,
                      r * view()->rowHeight(), cw, view()->rowHeight());
    const QPoint topLeft = view()->viewport()->mapToGlobal(cell.topLeft().toPoint());
    return {topLeft, cell.size().toSize()};
}

int ByteViewAccessible::offsetAtPoint(const QPoint& point) const {
    const QPoint pos = view()->viewport()->mapFromGlobal(point);
    const Lines l = lines();
    const int r = pos.y() / std::max(1, view()->rowHeight());
    if (pos.y() < 0 || r >= l.texts.size()) {
        return -1;
    }
    const qreal cw = view()->charWidth();
    const int column =
        static_cast<int>((pos.x() - ByteViewBase::kMargin + view()->horizontalOffset()) / cw);
    if (column < 0 || column >= l.texts[r].size()) {
        return -1;
    }
    return l.starts[r] + column;
}

void ByteViewAccessible::scrollToSubstring(int startIndex, int) {
    if (const auto offset = offsetOfIndex(startIndex)) {
        view()->ensureVisible(*offset);
    }
}

QString ByteViewAccessible::attributes(int offset, int* startOffset, int* endOffset) const {
    *startOffset = *endOffset = offset;
    return {};
}

} // namespace socklab::ui
