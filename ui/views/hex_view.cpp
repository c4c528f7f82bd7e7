#include "ui/views/hex_view.h"

#include "ui/views/direction_palette.h"

#include <QEvent>
#include <QGlyphRun>
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
    if (event->type() == QEvent::FontChange) {
        m_raw = QRawFont();
        m_glyphsOk.reset();
    }
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

bool HexView::asciiGlyphs() const {
    if (m_glyphsOk) {
        return *m_glyphsOk;
    }
    m_raw = QRawFont::fromFont(font());
    m_glyphsOk = m_raw.isValid();
    const qreal cw = charWidth();
    for (char16_t c = 0x20; *m_glyphsOk && c < 0x7f; ++c) {
        const QList<quint32> glyphs = m_raw.glyphIndexesForString(QString(QChar(c)));
        const QList<QPointF> advances =
            glyphs.size() == 1 ? m_raw.advancesForGlyphIndexes(glyphs) : QList<QPointF>{};
        if (advances.size() != 1 || (c != u' ' && glyphs.front() == 0) ||
            std::abs(advances.front().x() - cw) > cw * 0.01) {
            m_glyphsOk = false; // not a plain monospaced font: draw rows as text
        } else {
            m_glyphs[c] = glyphs.front();
        }
    }
    return *m_glyphsOk;
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
    const std::string text = hexdumpLine(dump, m_hex);
    const auto hexStart = static_cast<int>(m_hex.lineHexStart(kOffsetDigits));
    const auto asciiStart = static_cast<int>(m_hex.lineAsciiStart(kOffsetDigits));
    // Offset column in a neutral colour, bytes in the direction colour: each character at its
    // cell, as glyph runs (drawText would shape the row's text again on every paint).
    QList<quint32> glyphs[2];
    QList<QPointF> positions[2];
    bool asGlyphs = asciiGlyphs();
    for (std::size_t i = 0; asGlyphs && i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == ' ') {
            continue;
        }
        if (c < 0x20 || c >= 0x7f) {
            asGlyphs = false; // not printable ASCII: the text path below
            break;
        }
        const int run = static_cast<int>(i) < hexStart ? 0 : 1;
        glyphs[run].push_back(m_glyphs[c]);
        positions[run].push_back(QPointF(x0 + static_cast<qreal>(i) * cw, baseline));
    }
    const QString line = asGlyphs ? QString() : QString::fromStdString(text);
    // Draws the bytes part (hex and characters) in the pen's colour.
    const auto drawBytes = [&] {
        if (!asGlyphs) {
            painter.drawText(QPointF(x0 + hexStart * cw, baseline), line.mid(hexStart));
        } else if (!glyphs[1].isEmpty()) {
            QGlyphRun run;
            run.setRawFont(m_raw);
            run.setGlyphIndexes(glyphs[1]);
            run.setPositions(positions[1]);
            painter.drawGlyphRun(QPointF(0, 0), run);
        }
    };
    painter.setPen(eventColor(palette()));
    if (!asGlyphs) {
        painter.drawText(QPointF(x0, baseline), line.left(hexStart));
    } else if (!glyphs[0].isEmpty()) {
        QGlyphRun run;
        run.setRawFont(m_raw);
        run.setGlyphIndexes(glyphs[0]);
        run.setPositions(positions[0]);
        painter.drawGlyphRun(QPointF(0, 0), run);
    }
    painter.setPen(directionColor(row.record.direction));
    drawBytes();

    const ByteSelection* sel = selectionModel();
    if (!sel || sel->isEmpty() || sel->end() <= row.arenaBegin() ||
        sel->begin() >= row.arenaEnd()) {
        return;
    }
    // The selection is one range: on this row, bytes [first, last). One band over their hex
    // digits (the gaps between them included) and one over their characters, then the row's
    // text again in the highlight colour, clipped to the bands (the glyphs stay where the row
    // drew them): a few paint calls per row, not a few per selected byte.
    const std::size_t first = sel->begin() > row.arenaBegin()
                                  ? static_cast<std::size_t>(sel->begin() - row.arenaBegin())
                                  : 0;
    const std::size_t last = std::min<std::size_t>(
        dump.count,
        static_cast<std::size_t>(std::min(sel->end(), row.arenaEnd()) - row.arenaBegin()));
    if (first >= last) {
        return;
    }
    const qreal hx = x0 + (hexStart + static_cast<int>(m_hex.hexColumn(first))) * cw;
    const qreal hexEnd = x0 + (hexStart + static_cast<int>(m_hex.hexColumn(last - 1)) + 2) * cw;
    const qreal ax = x0 + (asciiStart + static_cast<int>(m_hex.asciiColumn(first))) * cw;
    const qreal asciiEnd =
        x0 + (asciiStart + static_cast<int>(m_hex.asciiColumn(last - 1)) + 1) * cw;
    const QRectF bands[] = {QRectF(hx, rect.top(), hexEnd - hx, rect.height()),
                            QRectF(ax, rect.top(), asciiEnd - ax, rect.height())};
    const QColor hiBg = palette().color(QPalette::Highlight);
    painter.save();
    painter.setPen(palette().color(QPalette::HighlightedText));
    for (const QRectF& band : bands) {
        painter.fillRect(band, hiBg);
        painter.setClipRect(band);
        drawBytes();
    }
    painter.restore();
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
