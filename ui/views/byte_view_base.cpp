#include "ui/views/byte_view_base.h"

#include "ui/views/byte_view_accessible.h"
#include "ui/views/direction_palette.h"
#include "ui/views/record_text.h"

#include <QAccessible>
#include <QFontDatabase>
#include <QMouseEvent>
#include <QPainter>
#include <QPen>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <climits>
#include <tuple>

namespace socklab::ui {

ByteViewBase::ByteViewBase(ByteLayout::Mode mode, std::uint32_t width, ByteSelection::Origin origin,
                           QWidget* parent)
    : QAbstractScrollArea(parent), m_layout(mode, width), m_origin(origin) {
    ByteViewAccessible::install();
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    viewport()->setCursor(Qt::IBeamCursor);
    connect(verticalScrollBar(), &QScrollBar::actionTriggered, this, &ByteViewBase::onScrollAction);
}

void ByteViewBase::setStore(std::shared_ptr<const TrafficStore> store) {
    m_store = std::move(store);
    m_layout.setStore(m_store);
    m_top = {};
    m_rows.clear();
    setFollowTail(true);
    refresh();
}

void ByteViewBase::setConnectionFilter(std::optional<std::uint32_t> connectionId) {
    m_layout.setFilter(connectionId);
    m_top = {};
    refresh();
    if (!m_followTail) {
        scrollToTop();
    }
}

void ByteViewBase::setSelectionModel(ByteSelection* selection) {
    if (m_selection) {
        disconnect(m_selection, nullptr, this, nullptr);
    }
    m_selection = selection;
    if (m_selection) {
        connect(m_selection, &ByteSelection::changed, this, &ByteViewBase::onSelectionChanged);
    }
    viewport()->update();
}

void ByteViewBase::setLayoutTextOptions(const TextDecodeOptions& options) {
    m_layout.setTextOptions(options);
    if (auto ref = m_layout.rowForSeq(m_top.seq)) {
        m_top = *ref; // row numbers changed: keep the same record at the top
    }
    refresh();
}

int ByteViewBase::horizontalOffset() const {
    return horizontalScrollBar()->value();
}

void ByteViewBase::updateHorizontalScrollBar() {
    QScrollBar* bar = horizontalScrollBar();
    const int width = contentWidth();
    bar->setRange(0, std::max(0, width - viewport()->width()));
    bar->setPageStep(std::max(1, viewport()->width()));
    bar->setSingleStep(std::max(1, static_cast<int>(charWidth())));
}

int ByteViewBase::rowHeight() const {
    return std::max(1, fontMetrics().lineSpacing());
}

int ByteViewBase::visibleRowCount() const {
    return std::max(1, viewport()->height() / rowHeight());
}

qreal ByteViewBase::charWidth() const {
    return std::max<qreal>(1.0, QFontMetricsF(font()).horizontalAdvance(QLatin1Char('0')));
}

QString ByteViewBase::headerText(const LayoutRow& row) const {
    return m_store ? recordHeaderText(*m_store, row.record, m_directionNames) : QString();
}

void ByteViewBase::setDirectionNames(DirectionNames names) {
    m_directionNames = names;
    viewport()->update();
}

std::optional<RowRef> ByteViewBase::bottomTop() const {
    auto last = m_layout.last();
    if (!last) {
        return std::nullopt;
    }
    return m_layout.move(*last, -(visibleRowCount() - 1));
}

void ByteViewBase::refresh() {
    if (!m_store) {
        m_rows.clear();
        updateScrollBar();
        viewport()->update();
        return;
    }
    auto bottom = bottomTop();
    if (m_followTail && bottom) {
        m_top = *bottom;
    } else if (auto first = m_layout.first();
               first && (m_top.seq < first->seq || m_rows.empty() || !m_store->record(m_top.seq))) {
        m_top = *first; // the top record was evicted (or nothing was shown yet)
    }
    relayout();
    updateScrollBar();
    viewport()->update();
}

void ByteViewBase::relayout() {
    const auto span = [](const std::vector<LayoutRow>& rows) {
        return rows.empty() ? std::tuple<std::size_t, std::uint64_t, std::uint32_t, std::uint64_t,
                                         std::uint32_t, std::uint32_t>{}
                            : std::tuple{rows.size(),      rows.front().record.seq,
                                         rows.front().row, rows.back().record.seq,
                                         rows.back().row,  rows.back().byteEnd};
    };
    const auto before = span(m_rows);
    m_rows = m_store ? m_layout.rows(m_top, visibleRowCount() + 1) : std::vector<LayoutRow>{};
    if (QAccessible::isActive() && span(m_rows) != before) {
        QAccessibleEvent event(this, QAccessible::VisibleDataChanged);
        QAccessible::updateAccessibility(&event);
    }
}

void ByteViewBase::notifyAccessibleCaret() {
    if (!QAccessible::isActive()) {
        return;
    }
    if (auto* iface =
            dynamic_cast<ByteViewAccessible*>(QAccessible::queryAccessibleInterface(this))) {
        QAccessibleTextCursorEvent event(this, iface->cursorPosition());
        QAccessible::updateAccessibility(&event);
        int start = 0;
        int end = 0;
        if (iface->selectionCount() > 0) {
            iface->selection(0, &start, &end);
        }
        QAccessibleTextSelectionEvent selection(this, start, end);
        QAccessible::updateAccessibility(&selection);
    }
}

void ByteViewBase::updateScrollBar() {
    QScrollBar* bar = verticalScrollBar();
    m_syncingScrollBar = true;
    const auto bottom = m_store ? bottomTop() : std::nullopt;
    const std::int64_t max = bottom ? m_layout.position(*bottom) : 0;
    bar->setRange(0, static_cast<int>(std::clamp<std::int64_t>(max, 0, INT_MAX)));
    bar->setPageStep(visibleRowCount());
    bar->setSingleStep(1);
    const std::int64_t value = m_store ? m_layout.position(m_top) : 0;
    bar->setValue(static_cast<int>(std::clamp<std::int64_t>(value, 0, INT_MAX)));
    m_syncingScrollBar = false;
}

void ByteViewBase::setTop(RowRef top) {
    const auto bottom = bottomTop();
    if (bottom && m_layout.position(top) >= m_layout.position(*bottom) &&
        static_cast<int>(m_layout.rows(top, visibleRowCount()).size()) < visibleRowCount()) {
        top = *bottom; // keep the last page full
    }
    m_top = top;
    relayout();
    updateScrollBar();
    viewport()->update();
    const bool atBottom =
        bottom && (m_top == *bottom || m_layout.position(m_top) >= m_layout.position(*bottom));
    if (atBottom != m_followTail) {
        m_followTail = atBottom;
        emit followTailChanged(m_followTail);
    }
}

void ByteViewBase::setFollowTail(bool follow) {
    if (follow) {
        if (auto bottom = bottomTop()) {
            m_top = *bottom;
            relayout();
            updateScrollBar();
            viewport()->update();
        }
    }
    if (follow != m_followTail) {
        m_followTail = follow;
        emit followTailChanged(m_followTail);
    }
}

void ByteViewBase::scrollToTop() {
    if (auto first = m_layout.first()) {
        setTop(*first);
    }
}

void ByteViewBase::scrollToBottom() {
    setFollowTail(true);
}

void ByteViewBase::scrollRows(std::int64_t delta) {
    if (!m_store || delta == 0) {
        return;
    }
    setTop(m_layout.move(m_top, delta));
}

void ByteViewBase::ensureVisible(std::uint64_t arenaOffset) {
    const int visible = visibleRowCount();
    for (int i = 0; i < std::min<int>(visible, static_cast<int>(m_rows.size())); ++i) {
        const LayoutRow& row = m_rows[static_cast<std::size_t>(i)];
        if (!row.isHeader() && arenaOffset >= row.arenaBegin() && arenaOffset < row.arenaEnd()) {
            return;
        }
    }
    if (auto ref = m_layout.rowForArenaOffset(arenaOffset)) {
        setTop(m_layout.move(*ref, -std::min(2, visible / 3)));
    }
}

void ByteViewBase::scrollToRecord(std::uint64_t seq) {
    if (auto ref = m_layout.rowForSeq(seq)) {
        setTop(*ref);
    }
}

void ByteViewBase::onScrollAction(int action) {
    QScrollBar* bar = verticalScrollBar();
    switch (action) {
    case QAbstractSlider::SliderSingleStepAdd:
        scrollRows(1);
        break;
    case QAbstractSlider::SliderSingleStepSub:
        scrollRows(-1);
        break;
    case QAbstractSlider::SliderPageStepAdd:
        scrollRows(visibleRowCount());
        break;
    case QAbstractSlider::SliderPageStepSub:
        scrollRows(-visibleRowCount());
        break;
    case QAbstractSlider::SliderToMinimum:
        scrollToTop();
        break;
    case QAbstractSlider::SliderToMaximum:
        scrollToBottom();
        break;
    case QAbstractSlider::SliderMove:
        if (bar->sliderPosition() >= bar->maximum()) {
            scrollToBottom();
        } else if (m_store) {
            setTop(m_layout.fromPosition(bar->sliderPosition()));
        }
        break;
    default:
        return;
    }
    // Rows are addressed by record, so the bar shows where the anchor really landed.
    m_syncingScrollBar = true;
    bar->setSliderPosition(bar->value());
    m_syncingScrollBar = false;
}

void ByteViewBase::scrollContentsBy(int dx, int dy) {
    if (dx != 0) {
        viewport()->update(); // rows paint shifted by horizontalOffset()
    }
    if (dy == 0 || m_syncingScrollBar || !m_store) {
        return;
    }
    // A value set from outside an action (rare): treat it as a jump.
    setTop(m_layout.fromPosition(verticalScrollBar()->value()));
}

void ByteViewBase::onSelectionChanged(ByteSelection::Origin origin) {
    if (origin != m_origin && m_selection) {
        // Another view (or find, or the log) chose bytes: the caret follows them.
        m_caret = m_anchor =
            m_selection->isEmpty() ? std::nullopt : std::optional(m_selection->begin());
        if (m_caret) {
            ensureVisible(*m_caret);
        }
        notifyAccessibleCaret();
    }
    viewport()->update();
}

std::vector<std::byte> ByteViewBase::rowBytes(const LayoutRow& row) const {
    std::vector<std::byte> bytes(row.byteEnd - row.byteBegin);
    if (!m_store || bytes.empty()) {
        return {};
    }
    bytes.resize(m_store->readRecordBytes(row.record, row.byteBegin, bytes));
    return bytes;
}

std::optional<std::uint64_t> ByteViewBase::offsetAt(QPoint pos) const {
    if (pos.y() < 0) {
        return std::nullopt;
    }
    const auto index = static_cast<std::size_t>(pos.y() / rowHeight());
    if (index >= m_rows.size() || m_rows[index].isHeader()) {
        return std::nullopt;
    }
    const LayoutRow& row = m_rows[index];
    const auto bytes = rowBytes(row);
    if (auto i = byteAtX(row, bytes, pos.x())) {
        return row.arenaBegin() + *i;
    }
    return std::nullopt;
}

QColor ByteViewBase::directionColor(Direction direction) const {
    return ui::directionColor(palette(), direction);
}

void ByteViewBase::paintHeaderRow(QPainter& painter, const QRect& rect, const LayoutRow& row) {
    painter.fillRect(rect, palette().color(QPalette::AlternateBase));
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(rect.topLeft(), rect.topRight()); // record boundary
    QColor color = directionColor(row.record.direction);
    if (row.record.kind == RecordKind::Error || row.record.kind == RecordKind::Reset) {
        color = errorColor(palette());
    }
    painter.setPen(color);
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(rect.adjusted(kMargin - horizontalOffset(), 0, -kMargin, 0),
                     Qt::AlignLeft | Qt::AlignVCenter, rowText(row));
    painter.setFont(font());
}

void ByteViewBase::paintEvent(QPaintEvent*) {
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), palette().color(QPalette::Base));
    const int h = rowHeight();
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const QRect rect(0, static_cast<int>(i) * h, viewport()->width(), h);
        const LayoutRow& row = m_rows[i];
        if (row.isHeader()) {
            paintHeaderRow(painter, rect, row);
        } else {
            paintDataRow(painter, rect, row, rowBytes(row));
        }
    }
    if (hasFocus()) {
        paintCaret(painter);
        // Focus indicator: the viewport's edge in the highlight colour.
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(viewport()->rect().adjusted(1, 1, -1, -1));
    }
}

void ByteViewBase::paintCaret(QPainter& painter) {
    if (!m_caret) {
        return;
    }
    const int h = rowHeight();
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const LayoutRow& row = m_rows[i];
        if (row.isHeader() || *m_caret < row.arenaBegin() || *m_caret >= row.arenaEnd()) {
            continue;
        }
        painter.setPen(QPen(palette().color(QPalette::Text), 1));
        painter.setBrush(Qt::NoBrush);
        const auto index = static_cast<std::uint32_t>(*m_caret - row.arenaBegin());
        for (const QRectF& cell : byteRects(row, rowBytes(row), index)) {
            painter.drawRect(cell.translated(0, static_cast<qreal>(i) * h).adjusted(0, 0, -1, -1));
        }
        return;
    }
}

void ByteViewBase::focusInEvent(QFocusEvent* event) {
    QAbstractScrollArea::focusInEvent(event);
    viewport()->update();
}

void ByteViewBase::focusOutEvent(QFocusEvent* event) {
    QAbstractScrollArea::focusOutEvent(event);
    viewport()->update();
}

void ByteViewBase::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    m_sized = true;
    const std::uint32_t width = widthForViewport(viewport()->width());
    if (width != m_layout.width()) {
        m_layout.setWidth(width);
        if (auto ref = m_layout.rowForSeq(m_top.seq)) {
            m_top = *ref; // row numbers changed: keep the same record at the top
        }
    }
    refresh();
    updateHorizontalScrollBar();
}

void ByteViewBase::changeEvent(QEvent* event) {
    QAbstractScrollArea::changeEvent(event);
    // The constructor's setFont() lands here before the subclass exists: wait for a resize.
    if (m_sized &&
        (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)) {
        m_layout.setWidth(widthForViewport(viewport()->width()));
        refresh();
        updateHorizontalScrollBar();
    }
    if (event->type() == QEvent::LanguageChange) {
        refresh(); // record headers and notes, in the new language
    }
}

void ByteViewBase::wheelEvent(QWheelEvent* event) {
    const int degrees = event->angleDelta().y() / 8;
    int rows = -degrees / 5; // 15 degrees per notch -> 3 rows
    if (rows == 0 && degrees != 0) {
        rows = degrees > 0 ? -1 : 1;
    }
    scrollRows(rows);
    event->accept();
}

void ByteViewBase::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !m_selection) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const auto offset = offsetAt(event->position().toPoint());
    if (!offset) {
        m_dragAnchor.reset();
        return;
    }
    if ((event->modifiers() & Qt::ShiftModifier) && !m_selection->isEmpty()) {
        m_dragAnchor = m_anchor ? *m_anchor : m_selection->begin();
    } else {
        m_dragAnchor = *offset;
    }
    m_anchor = m_dragAnchor;
    m_caret = characterBytes(*offset).first;
    selectCharacters(*m_dragAnchor, *offset);
    notifyAccessibleCaret();
}

void ByteViewBase::mouseMoveEvent(QMouseEvent* event) {
    if (!(event->buttons() & Qt::LeftButton) || !m_dragAnchor || !m_selection) {
        return;
    }
    const QPoint pos = event->position().toPoint();
    if (pos.y() < 0) {
        scrollRows(-1);
    } else if (pos.y() >= viewport()->height()) {
        scrollRows(1);
    }
    if (const auto offset = offsetAt(pos)) {
        m_caret = characterBytes(*offset).first;
        selectCharacters(*m_dragAnchor, *offset);
        notifyAccessibleCaret();
    }
}

void ByteViewBase::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        m_dragAnchor.reset();
    }
}

} // namespace socklab::ui
