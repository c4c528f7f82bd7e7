#include "ui/views/hex_view.h"

#include "ui/views/direction_palette.h"

#include <QEvent>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>
#include <cmath>

namespace socklab::ui {

namespace {

// Offsets shown are within the record; records are far below 4 GiB, so 8 digits always fit.
const std::size_t kOffsetDigits = HexdumpLayout::offsetDigits(0);

} // namespace

HexView::HexView(QWidget* parent)
    : ByteViewBase(ByteLayout::Mode::FixedWidth, 16, ByteSelection::Origin::Hex, parent) {
    setObjectName(QStringLiteral("hexView"));
    setAccessibleName(tr("Hex view"));
}

void HexView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        setAccessibleName(tr("Hex view"));
    }
    ByteViewBase::changeEvent(event);
}

std::uint32_t HexView::widthForViewport(int) const {
    return static_cast<std::uint32_t>(m_hex.rowBytes());
}

int HexView::contentWidth() const {
    const auto columns = m_hex.lineAsciiStart(kOffsetDigits) + m_hex.rowBytes();
    return static_cast<int>(std::ceil(static_cast<qreal>(columns) * charWidth())) + 2 * kMargin;
}

QSize HexView::sizeHint() const {
    return {contentWidth() + verticalScrollBar()->sizeHint().width() + 2 * frameWidth(),
            20 * rowHeight()};
}

QList<QRectF> HexView::byteRects(const LayoutRow&, std::span<const std::byte> bytes,
                                 std::uint32_t index) const {
    if (index >= bytes.size() && !bytes.empty()) {
        return {};
    }
    const qreal cw = charWidth();
    const qreal x0 = kMargin - horizontalOffset();
    const auto hexStart = static_cast<qreal>(m_hex.lineHexStart(kOffsetDigits));
    const auto asciiStart = static_cast<qreal>(m_hex.lineAsciiStart(kOffsetDigits));
    const qreal h = rowHeight();
    return {
        QRectF(x0 + (hexStart + static_cast<qreal>(m_hex.hexColumn(index))) * cw, 0, 2 * cw, h),
        QRectF(x0 + (asciiStart + static_cast<qreal>(m_hex.asciiColumn(index))) * cw, 0, cw, h)};
}

HexdumpRow HexView::dumpRow(const LayoutRow& row, std::span<const std::byte> bytes) const {
    return hexdumpRow(bytes, row.byteBegin, 0, m_hex);
}

QString HexView::rowText(const LayoutRow& row) const {
    if (row.isHeader()) {
        return headerText(row);
    }
    const auto bytes = rowBytes(row);
    if (bytes.empty()) {
        return tr("(bytes evicted by the memory cap)");
    }
    return QString::fromStdString(hexdumpLine(dumpRow(row, bytes), m_hex));
}

std::pair<int, int> HexView::textRangeOf(const LayoutRow& row, std::uint64_t offset) const {
    const std::size_t hexStart = m_hex.lineHexStart(HexdumpLayout::offsetDigits(row.byteBegin));
    const auto first = static_cast<int>(hexStart + m_hex.hexColumn(offset - row.arenaBegin()));
    return {first, first + 2};
}

std::optional<std::uint64_t> HexView::offsetAtTextIndex(const LayoutRow& row, int index) const {
    const std::size_t count = row.byteEnd - row.byteBegin;
    if (row.isHeader() || count == 0 || rowBytes(row).empty()) {
        return std::nullopt;
    }
    const std::size_t digits = HexdumpLayout::offsetDigits(row.byteBegin);
    const auto at = static_cast<std::size_t>(std::max(index, 0));
    std::size_t byte = 0;
    if (at >= m_hex.lineAsciiStart(digits)) {
        byte = std::min(at - m_hex.lineAsciiStart(digits), count - 1);
    } else if (at >= m_hex.lineHexStart(digits)) {
        const std::size_t col = at - m_hex.lineHexStart(digits);
        for (std::size_t i = count; i-- > 0;) {
            if (m_hex.hexColumn(i) <= col) {
                byte = i; // the byte whose digits are at col, or the one before a gap
                break;
            }
        }
    }
    return row.arenaBegin() + byte;
}

void HexView::paintDataRow(QPainter& painter, const QRect& rect, const LayoutRow& row,
                           std::span<const std::byte> bytes) {
    const qreal cw = charWidth();
    const qreal x0 = rect.left() + kMargin - horizontalOffset();
    const qreal baseline =
        rect.top() + fontMetrics().ascent() + (rect.height() - fontMetrics().height()) / 2;
    if (bytes.empty()) {
        painter.setPen(eventColor(palette()));
        painter.drawText(QPointF(x0, baseline), rowText(row));
        return;
    }
    const HexdumpRow dump = dumpRow(row, bytes);
    const QString line = QString::fromStdString(hexdumpLine(dump, m_hex));
    const auto hexStart = static_cast<int>(m_hex.lineHexStart(kOffsetDigits));
    const auto asciiStart = static_cast<int>(m_hex.lineAsciiStart(kOffsetDigits));

    // Offset column in a neutral colour, bytes in the direction colour.
    painter.setPen(eventColor(palette()));
    painter.drawText(QPointF(x0, baseline), line.left(hexStart));
    painter.setPen(directionColor(row.record.direction));
    painter.drawText(QPointF(x0 + hexStart * cw, baseline), line.mid(hexStart));

    const ByteSelection* sel = selectionModel();
    if (!sel || sel->isEmpty() || sel->end() <= row.arenaBegin() ||
        sel->begin() >= row.arenaEnd()) {
        return;
    }
    const QColor hiBg = palette().color(QPalette::Highlight);
    const QColor hiFg = palette().color(QPalette::HighlightedText);
    for (std::size_t i = 0; i < dump.count; ++i) {
        if (!sel->contains(row.arenaBegin() + i)) {
            continue;
        }
        const qreal hx = x0 + (hexStart + static_cast<int>(m_hex.hexColumn(i))) * cw;
        const qreal ax = x0 + (asciiStart + static_cast<int>(m_hex.asciiColumn(i))) * cw;
        // Join adjacent selected cells so a selection reads as one band.
        const bool nextSelected = i + 1 < dump.count && sel->contains(row.arenaBegin() + i + 1);
        const int hexCells =
            nextSelected ? static_cast<int>(m_hex.hexColumn(i + 1) - m_hex.hexColumn(i)) : 2;
        painter.fillRect(QRectF(hx, rect.top(), hexCells * cw, rect.height()), hiBg);
        painter.fillRect(QRectF(ax, rect.top(), cw, rect.height()), hiBg);
        painter.setPen(hiFg);
        painter.drawText(QPointF(hx, baseline),
                         QString::fromLatin1(dump.hex.data() + m_hex.hexColumn(i), 2));
        painter.drawText(QPointF(ax, baseline), QString(QLatin1Char(dump.ascii[i])));
    }
}

std::optional<std::uint32_t> HexView::byteAtX(const LayoutRow&, std::span<const std::byte> bytes,
                                              int x) const {
    x += horizontalOffset();
    if (x < kMargin || bytes.empty()) {
        return std::nullopt;
    }
    const int col = static_cast<int>((x - kMargin) / charWidth());
    const auto hexStart = static_cast<int>(m_hex.lineHexStart(kOffsetDigits));
    const auto asciiStart = static_cast<int>(m_hex.lineAsciiStart(kOffsetDigits));
    std::optional<std::size_t> index;
    if (col >= asciiStart) {
        index = static_cast<std::size_t>(col - asciiStart);
    } else if (col >= hexStart) {
        index = m_hex.byteAtHexColumn(static_cast<std::size_t>(col - hexStart));
    }
    if (!index || *index >= bytes.size()) {
        return std::nullopt;
    }
    return static_cast<std::uint32_t>(*index);
}

} // namespace socklab::ui
