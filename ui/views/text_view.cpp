#include "ui/views/text_view.h"

#include <QPainter>
#include <algorithm>

namespace socklab::ui {

namespace {

const QChar kReturnGlyph(0x21b5); // shown where a '\n' ends a line

} // namespace

TextView::TextView(QWidget* parent)
    : ByteViewBase(ByteLayout::Mode::TextLines, 64, ByteSelection::Origin::Text, parent) {
    setObjectName(QStringLiteral("textView"));
    setAccessibleName(tr("Text view"));
}

void TextView::setDecodeOptions(const TextDecodeOptions& options) {
    m_options = options;
    viewport()->update();
}

std::uint32_t TextView::widthForViewport(int pixels) const {
    return static_cast<std::uint32_t>(
        std::max(16, static_cast<int>((pixels - 2 * kMargin) / charWidth()) - 1));
}

TextView::Line TextView::layoutLine(const LayoutRow& row, std::span<const std::byte> bytes) const {
    Line line;
    line.decoded = decodeText(bytes, m_options, row.arenaBegin());
    line.text = QString::fromStdString(line.decoded.text);
    if (line.text.endsWith(QLatin1Char('\n'))) {
        line.text[line.text.size() - 1] = kReturnGlyph;
    }
    const QFontMetricsF fm(font());
    line.xs.reserve(line.decoded.units.size() + 1);
    qreal x = 0;
    for (std::size_t i = 0; i < line.decoded.units.size(); ++i) {
        line.xs.push_back(x);
        const std::size_t from = line.decoded.units[i].utf16Offset;
        const std::size_t to = i + 1 < line.decoded.units.size()
                                   ? line.decoded.units[i + 1].utf16Offset
                                   : static_cast<std::size_t>(line.text.size());
        x += fm.horizontalAdvance(
            line.text.mid(static_cast<qsizetype>(from), static_cast<qsizetype>(to - from)));
    }
    line.xs.push_back(x);
    return line;
}

QString TextView::rowText(const LayoutRow& row) const {
    if (row.isHeader()) {
        return headerText(row);
    }
    const auto bytes = rowBytes(row);
    if (bytes.empty()) {
        return tr("(bytes evicted by the memory cap)");
    }
    return layoutLine(row, bytes).text;
}

void TextView::paintDataRow(QPainter& painter, const QRect& rect, const LayoutRow& row,
                            std::span<const std::byte> bytes) {
    const qreal x0 = rect.left() + kMargin;
    const qreal baseline =
        rect.top() + fontMetrics().ascent() + (rect.height() - fontMetrics().height()) / 2;
    if (bytes.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(QPointF(x0, baseline), rowText(row));
        return;
    }
    const Line line = layoutLine(row, bytes);
    const ByteSelection* sel = selectionModel();
    if (sel && !sel->isEmpty() && sel->end() > row.arenaBegin() && sel->begin() < row.arenaEnd()) {
        const QColor hiBg = palette().color(QPalette::Highlight);
        for (std::size_t i = 0; i < line.decoded.units.size(); ++i) {
            if (sel->contains(line.decoded.units[i].byteOffset)) {
                painter.fillRect(
                    QRectF(x0 + line.xs[i], rect.top(), line.xs[i + 1] - line.xs[i], rect.height()),
                    hiBg);
            }
        }
    }
    painter.setPen(directionColor(row.record.direction));
    painter.drawText(QPointF(x0, baseline), line.text);
    if (sel && !sel->isEmpty()) {
        // Redraw selected characters in the highlighted-text colour, unit by unit.
        painter.setPen(palette().color(QPalette::HighlightedText));
        for (std::size_t i = 0; i < line.decoded.units.size(); ++i) {
            if (!sel->contains(line.decoded.units[i].byteOffset)) {
                continue;
            }
            const auto from = static_cast<qsizetype>(line.decoded.units[i].utf16Offset);
            const auto to = i + 1 < line.decoded.units.size()
                                ? static_cast<qsizetype>(line.decoded.units[i + 1].utf16Offset)
                                : line.text.size();
            painter.drawText(QPointF(x0 + line.xs[i], baseline), line.text.mid(from, to - from));
        }
    }
}

std::optional<std::uint32_t> TextView::byteAtX(const LayoutRow& row,
                                               std::span<const std::byte> bytes, int x) const {
    if (bytes.empty()) {
        return std::nullopt;
    }
    const Line line = layoutLine(row, bytes);
    const int rel = x - kMargin;
    if (rel < 0 || line.decoded.units.empty() || rel >= line.xs.back()) {
        return std::nullopt;
    }
    auto it = std::upper_bound(line.xs.begin(), line.xs.end(), rel);
    const auto unit = static_cast<std::size_t>(it - line.xs.begin()) - 1;
    return static_cast<std::uint32_t>(line.decoded.units[unit].byteOffset - row.arenaBegin());
}

} // namespace socklab::ui
