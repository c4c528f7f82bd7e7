#include "ui/views/text_view.h"

#include <QEvent>
#include <QGlyphRun>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace socklab::ui {

namespace {

const QChar kReturnGlyph(0x21b5); // shown where a '\n' ends a line

// A glyph that is not about one cell wide (CJK, zero-width marks) would break the cell grid.
bool fitsOneCell(qreal advance, qreal cell) {
    return std::abs(advance - cell) <= cell * 0.1;
}

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

void TextView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange) {
        m_raw = QRawFont();
        m_glyphs.clear();
    }
    ByteViewBase::changeEvent(event);
}

std::uint32_t TextView::widthForViewport(int pixels) const {
    return static_cast<std::uint32_t>(
        std::max(16, static_cast<int>((pixels - 2 * kMargin) / charWidth()) - 1));
}

quint32 TextView::glyphFor(char32_t cp) const {
    if (auto it = m_glyphs.constFind(cp); it != m_glyphs.constEnd()) {
        return *it;
    }
    if (!m_raw.isValid()) {
        // The primary font only: its cmap answers without consulting fallback fonts.
        m_raw = QRawFont::fromFont(font());
    }
    quint32 glyph = 0;
    if (m_raw.isValid() && m_raw.supportsCharacter(static_cast<uint>(cp))) {
        const QList<quint32> glyphs = m_raw.glyphIndexesForString(
            QString::fromUcs4(reinterpret_cast<const char32_t*>(&cp), 1));
        if (glyphs.size() == 1 && glyphs.front() != 0) {
            const QList<QPointF> advances = m_raw.advancesForGlyphIndexes(glyphs);
            if (!advances.isEmpty() && fitsOneCell(advances.front().x(), charWidth())) {
                glyph = glyphs.front();
            }
        }
    }
    m_glyphs.insert(cp, glyph);
    return glyph;
}

bool TextView::drawsCodePoint(char32_t cp) const {
    return glyphFor(cp) != 0;
}

TextView::Line TextView::layoutLine(const LayoutRow& row, std::span<const std::byte> bytes) const {
    Line line;
    line.decoded = decodeText(bytes, m_options, row.arenaBegin());
    line.text = QString::fromStdString(line.decoded.text);
    if (line.text.endsWith(QLatin1Char('\n'))) {
        line.text[line.text.size() - 1] = kReturnGlyph;
    }
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
    const qreal cw = charWidth();
    const qreal x0 = rect.left() + kMargin - horizontalOffset();
    const qreal baseline =
        rect.top() + fontMetrics().ascent() + (rect.height() - fontMetrics().height()) / 2;
    if (bytes.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(QPointF(x0, baseline), rowText(row));
        return;
    }
    const Line line = layoutLine(row, bytes);
    const ByteSelection* sel = selectionModel();
    const bool anySelected =
        sel && !sel->isEmpty() && sel->end() > row.arenaBegin() && sel->begin() < row.arenaEnd();
    const QList<uint> cps = line.text.toUcs4();
    // Three glyph runs: plain, placeholders (dim) and selected; each glyph at its own cell.
    enum { Plain, Placeholder, Selected, RunCount };
    QList<quint32> glyphs[RunCount];
    QList<QPointF> positions[RunCount];
    const quint32 placeholder = glyphFor(kPlaceholder);
    const QColor hiBg = palette().color(QPalette::Highlight);
    std::size_t unit = 0;
    const auto& units = line.decoded.units;
    for (qsizetype cell = 0; cell < cps.size(); ++cell) {
        while (unit + 1 < units.size() &&
               units[unit + 1].codePointOffset <= static_cast<std::size_t>(cell)) {
            ++unit;
        }
        const qreal x = x0 + static_cast<qreal>(cell) * cw;
        if (x > rect.right()) {
            break;
        }
        const bool selected =
            anySelected && unit < units.size() && sel->contains(units[unit].byteOffset);
        if (selected) {
            painter.fillRect(QRectF(x, rect.top(), cw, rect.height()), hiBg);
        }
        if (x + cw < rect.left()) {
            continue;
        }
        quint32 glyph = glyphFor(static_cast<char32_t>(cps[cell]));
        int run = selected ? Selected : Plain;
        if (glyph == 0) {
            glyph = placeholder;
            run = selected ? Selected : Placeholder;
        }
        if (glyph != 0) {
            glyphs[run].push_back(glyph);
            positions[run].push_back(QPointF(x, baseline));
        }
    }
    const QColor colors[RunCount] = {directionColor(row.record.direction),
                                     palette().color(QPalette::PlaceholderText),
                                     palette().color(QPalette::HighlightedText)};
    for (int run = 0; run < RunCount; ++run) {
        if (glyphs[run].isEmpty()) {
            continue;
        }
        QGlyphRun glyphRun;
        glyphRun.setRawFont(m_raw);
        glyphRun.setGlyphIndexes(glyphs[run]);
        glyphRun.setPositions(positions[run]);
        painter.setPen(colors[run]);
        painter.drawGlyphRun(QPointF(0, 0), glyphRun);
    }
}

QList<QRectF> TextView::byteRects(const LayoutRow& row, std::span<const std::byte> bytes,
                                  std::uint32_t index) const {
    if (bytes.empty()) {
        return {};
    }
    const Line line = layoutLine(row, bytes);
    const auto& units = line.decoded.units;
    const std::uint64_t offset = row.arenaBegin() + index;
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (offset >= units[i].byteOffset && offset < units[i].byteOffset + units[i].byteCount) {
            const std::size_t end =
                i + 1 < units.size() ? units[i + 1].codePointOffset : line.decoded.codePointLength;
            const qreal cw = charWidth();
            return {QRectF(
                kMargin - horizontalOffset() + static_cast<qreal>(units[i].codePointOffset) * cw, 0,
                static_cast<qreal>(end - units[i].codePointOffset) * cw, rowHeight())};
        }
    }
    return {};
}

std::optional<std::uint32_t> TextView::byteAtX(const LayoutRow& row,
                                               std::span<const std::byte> bytes, int x) const {
    if (bytes.empty()) {
        return std::nullopt;
    }
    const Line line = layoutLine(row, bytes);
    const qreal rel = x - kMargin + horizontalOffset();
    if (rel < 0 || line.decoded.units.empty()) {
        return std::nullopt;
    }
    const auto cell = static_cast<std::size_t>(rel / charWidth());
    if (cell >= line.decoded.codePointLength) {
        return std::nullopt;
    }
    const auto& units = line.decoded.units;
    auto it =
        std::upper_bound(units.begin(), units.end(), cell,
                         [](std::size_t c, const DecodedUnit& u) { return c < u.codePointOffset; });
    const auto& hit = *(it - 1);
    return static_cast<std::uint32_t>(hit.byteOffset - row.arenaBegin());
}

} // namespace socklab::ui
