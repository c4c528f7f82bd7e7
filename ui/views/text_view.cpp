#include "ui/views/text_view.h"

#include "core/codec/char_width.h"
#include "ui/views/direction_palette.h"

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

// End (exclusive) in code points of the units [first, last).
std::size_t codePointEnd(const DecodedText& d, std::size_t last) {
    return last < d.units.size() ? d.units[last].codePointOffset : d.codePointLength;
}

} // namespace

TextView::TextView(QWidget* parent)
    : ByteViewBase(ByteLayout::Mode::TextLines, 64, ByteSelection::Origin::Text, parent),
      m_shaper(new ClusterShaper(this)) {
    m_shaper->setFont(font(), devicePixelRatioF());
    connect(m_shaper, &ClusterShaper::ready, viewport(), qOverload<>(&QWidget::update));
    setObjectName(QStringLiteral("textView"));
    setAccessibleName(tr("Text view"));
    setLayoutTextOptions(m_options);
}

void TextView::setDecodeOptions(const TextDecodeOptions& options) {
    m_options = options;
    setLayoutTextOptions(m_options);
}

void TextView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange) {
        m_raw = QRawFont();
        m_glyphs.clear();
        m_shaper->setFont(font(), devicePixelRatioF());
    }
    if (event->type() == QEvent::LanguageChange) {
        setAccessibleName(tr("Text view"));
    }
    ByteViewBase::changeEvent(event);
}

void TextView::paintEvent(QPaintEvent* event) {
    m_shaper->setFont(font(), devicePixelRatioF()); // no-op unless the screen changed
    m_shapingDeferred = false;
    ByteViewBase::paintEvent(event);
    // Clusters seen for the first time were queued for the worker: when they come back within
    // a few milliseconds (a script whose font is loaded), paint again with them; otherwise they
    // arrive later with ClusterShaper::ready, which repaints.
    if (m_shapingDeferred && m_shaper->wait(kShapeWaitMs)) {
        m_shapingDeferred = false;
        ByteViewBase::paintEvent(event);
    }
}

bool TextView::shapingPending() const {
    return m_shaper->pending();
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

const ClusterShaper::Shape* TextView::shaped(const QString& cluster) const {
    const auto [state, shape] = m_shaper->lookup(cluster);
    if (state == ClusterShaper::State::Pending) {
        m_shapingDeferred = true;
    }
    return shape;
}

bool TextView::drawsCodePoint(char32_t cp) const {
    if (!isShowable(cp, false)) {
        return false; // alone a mark has nothing to draw over; private use: no font expected
    }
    return glyphFor(cp) != 0 ||
           m_shaper->shapeNow(QString::fromUcs4(reinterpret_cast<const char32_t*>(&cp), 1)) !=
               nullptr;
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

std::pair<int, int> TextView::textRangeOf(const LayoutRow& row, std::uint64_t offset) const {
    const auto bytes = rowBytes(row);
    if (bytes.empty()) {
        return {0, 0};
    }
    const DecodedText decoded = layoutLine(row, bytes).decoded;
    const auto [begin, end] = characterBytes(offset);
    const auto first = decoded.textIndexAt(std::max(begin, row.arenaBegin()), TextUnit::Utf16);
    const auto last = decoded.textIndexAt(std::min(end, row.arenaEnd()), TextUnit::Utf16);
    return {static_cast<int>(first), static_cast<int>(std::max(last, first + 1))};
}

std::optional<std::uint64_t> TextView::offsetAtTextIndex(const LayoutRow& row, int index) const {
    const auto bytes = rowBytes(row);
    if (row.isHeader() || bytes.empty()) {
        return std::nullopt;
    }
    const DecodedText decoded = layoutLine(row, bytes).decoded;
    const std::uint64_t offset =
        decoded.byteOffsetAt(static_cast<std::size_t>(std::max(index, 0)), TextUnit::Utf16);
    return characterBytes(std::min(offset, row.arenaEnd() - 1)).first;
}

void TextView::paintDataRow(QPainter& painter, const QRect& rect, const LayoutRow& row,
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
    const Line line = layoutLine(row, bytes);
    const DecodedText& decoded = line.decoded;
    const ByteSelection* sel = selectionModel();
    const bool anySelected =
        sel && !sel->isEmpty() && sel->end() > row.arenaBegin() && sel->begin() < row.arenaEnd();
    const QList<uint> cps = line.text.toUcs4();
    // Single-cell glyphs of the primary font go into three glyph runs (plain, placeholders
    // dim, selected), each glyph at its own cell; shaped clusters are drawn as they come.
    enum { Plain, Placeholder, Selected, RunCount };
    QList<quint32> glyphs[RunCount];
    QList<QPointF> positions[RunCount];
    const quint32 placeholder = glyphFor(kPlaceholder);
    const QColor colors[RunCount] = {directionColor(row.record.direction), eventColor(palette()),
                                     palette().color(QPalette::HighlightedText)};
    const QColor hiBg = palette().color(QPalette::Highlight);
    const auto& units = decoded.units;
    const auto addPlaceholder = [&](qreal x, qreal width, bool selected) {
        if (placeholder != 0) {
            const int run = selected ? Selected : Placeholder;
            glyphs[run].push_back(placeholder);
            positions[run].push_back(QPointF(x + (width - cw) / 2, baseline));
        }
    };
    for (std::size_t first = 0; first < units.size();) {
        const std::size_t begin = first;
        const std::size_t last = decoded.clusterAt(first).second;
        const DecodedUnit& u = units[first];
        const DecodedUnit& end = units[last - 1];
        const qreal x = x0 + static_cast<qreal>(u.columnOffset) * cw;
        const qreal width = static_cast<qreal>(u.columns) * cw;
        if (x > rect.right()) {
            break;
        }
        const std::uint64_t byteBegin = u.byteOffset;
        const std::uint64_t byteEnd = end.byteOffset + end.byteCount;
        const std::size_t cpBegin = u.codePointOffset;
        const std::size_t cpEnd = codePointEnd(decoded, last);
        first = last;
        // A character is highlighted when any of its bytes is selected (a selection made in
        // the hex view may start inside one).
        const bool selected = anySelected && sel->begin() < byteEnd && sel->end() > byteBegin;
        if (selected) {
            painter.fillRect(QRectF(x, rect.top(), width, rect.height()), hiBg);
        }
        if (x + width < rect.left()) {
            continue;
        }
        if (u.invalid && m_options.invalid == InvalidByteStyle::Replacement) {
            addPlaceholder(x, width, selected); // one per invalid byte
            continue;
        }
        const auto cpCount = static_cast<qsizetype>(cpEnd - cpBegin);
        if (last == begin + 1 && cpCount == u.columns) {
            // One cell per code point (most text, escapes): primary font glyphs, else shaped.
            for (qsizetype k = 0; k < cpCount; ++k) {
                const auto cp = static_cast<char32_t>(cps[static_cast<qsizetype>(cpBegin) + k]);
                const qreal cx = x + static_cast<qreal>(k) * cw;
                if (!isShowable(cp, false)) {
                    addPlaceholder(cx, cw, selected); // a lone mark, private use (core rule)
                } else if (const quint32 glyph = glyphFor(cp); glyph != 0) {
                    const int run = selected ? Selected : Plain;
                    glyphs[run].push_back(glyph);
                    positions[run].push_back(QPointF(cx, baseline));
                } else if (const auto* shape = shaped(QString::fromUcs4(&cp, 1))) {
                    ClusterShaper::draw(painter, *shape, cx, baseline, cw,
                                        colors[selected ? Selected : Plain]);
                } else {
                    addPlaceholder(cx, cw, selected);
                }
            }
            continue;
        }
        // A wide character, or a character with marks drawn over it: shaped as one cluster.
        QString cluster;
        for (std::size_t k = cpBegin; k < cpEnd; ++k) {
            const auto cp = static_cast<char32_t>(cps[static_cast<qsizetype>(k)]);
            cluster.append(QString::fromUcs4(&cp, 1));
        }
        if (const auto* shape = shaped(cluster)) {
            ClusterShaper::draw(painter, *shape, x, baseline, width,
                                colors[selected ? Selected : Plain]);
        } else {
            addPlaceholder(x, width, selected);
        }
    }
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

std::optional<std::pair<LayoutRow, TextView::Line>> TextView::lineAt(std::uint64_t offset) const {
    const auto ref = byteLayout().rowForArenaOffset(offset);
    if (!ref) {
        return std::nullopt;
    }
    const auto rows = byteLayout().rows(*ref, 1);
    if (rows.empty() || rows.front().isHeader()) {
        return std::nullopt;
    }
    const auto bytes = rowBytes(rows.front());
    if (bytes.empty()) {
        return std::nullopt;
    }
    return std::pair{rows.front(), layoutLine(rows.front(), bytes)};
}

std::pair<std::uint64_t, std::uint64_t> TextView::characterBytes(std::uint64_t offset) const {
    if (const auto found = lineAt(offset)) {
        const DecodedText& d = found->second.decoded;
        const std::size_t index = d.unitIndexAt(offset);
        if (index < d.units.size()) {
            const auto [first, last] = d.clusterAt(index);
            const DecodedUnit& end = d.units[last - 1];
            return {d.units[first].byteOffset, end.byteOffset + end.byteCount};
        }
    }
    return {offset, offset + 1};
}

std::optional<std::pair<std::size_t, std::size_t>>
TextView::cellsOf(std::uint64_t arenaOffset) const {
    if (const auto found = lineAt(arenaOffset)) {
        const DecodedText& d = found->second.decoded;
        const std::size_t index = d.unitIndexAt(arenaOffset);
        if (index < d.units.size()) {
            const DecodedUnit& owner = d.units[d.clusterAt(index).first];
            return std::pair{owner.columnOffset, std::size_t{owner.columns}};
        }
    }
    return std::nullopt;
}

std::size_t TextView::columnOf(const LayoutRow& row, std::uint64_t offset) const {
    const auto bytes = rowBytes(row);
    if (bytes.empty()) {
        return ByteViewBase::columnOf(row, offset);
    }
    return layoutLine(row, bytes).decoded.textIndexAt(offset, TextUnit::Column);
}

std::uint64_t TextView::offsetAtColumn(const LayoutRow& row, std::size_t column) const {
    const auto bytes = rowBytes(row);
    if (bytes.empty()) {
        return ByteViewBase::offsetAtColumn(row, column);
    }
    const DecodedText decoded = layoutLine(row, bytes).decoded;
    if (decoded.columnLength == 0) {
        return row.arenaBegin();
    }
    // A shorter row: its last character; the second cell of a wide one: that character.
    return decoded.byteOffsetAt(std::min(column, decoded.columnLength - 1), TextUnit::Column);
}

QList<QRectF> TextView::byteRects(const LayoutRow& row, std::span<const std::byte> bytes,
                                  std::uint32_t index) const {
    if (bytes.empty()) {
        return {};
    }
    const Line line = layoutLine(row, bytes);
    const DecodedText& d = line.decoded;
    const std::size_t unit = d.unitIndexAt(row.arenaBegin() + index);
    if (unit >= d.units.size()) {
        return {};
    }
    const DecodedUnit& owner = d.units[d.clusterAt(unit).first];
    const qreal cw = charWidth();
    return {QRectF(kMargin - horizontalOffset() + static_cast<qreal>(owner.columnOffset) * cw, 0,
                   static_cast<qreal>(owner.columns) * cw, rowHeight())};
}

std::optional<std::uint32_t> TextView::byteAtX(const LayoutRow& row,
                                               std::span<const std::byte> bytes, int x) const {
    if (bytes.empty()) {
        return std::nullopt;
    }
    const qreal rel = x - kMargin + horizontalOffset();
    if (rel < 0) {
        return std::nullopt;
    }
    const Line line = layoutLine(row, bytes);
    const auto cell = static_cast<std::size_t>(rel / charWidth());
    if (cell >= line.decoded.columnLength) {
        return std::nullopt;
    }
    // The second cell of a wide character maps to its first byte, like the first.
    return static_cast<std::uint32_t>(line.decoded.byteOffsetAt(cell, TextUnit::Column) -
                                      row.arenaBegin());
}

} // namespace socklab::ui
