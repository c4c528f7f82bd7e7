#pragma once

#include "core/codec/hexdump.h"
#include "ui/views/byte_view_base.h"

#include <QRawFont>
#include <array>

namespace socklab::ui {

/// Hex view: per record a header line, then xxd-style rows (offset within the record, hex,
/// ASCII) drawn by the core hexdump codec; selection highlights both the hex and ASCII cells.
class HexView : public ByteViewBase {
    Q_OBJECT
public:
    explicit HexView(QWidget* parent = nullptr);

    [[nodiscard]] QString rowText(const LayoutRow& row) const override;
    [[nodiscard]] std::pair<int, int> textRangeOf(const LayoutRow& row,
                                                  std::uint64_t offset) const override;
    [[nodiscard]] std::optional<std::uint64_t> offsetAtTextIndex(const LayoutRow& row,
                                                                 int index) const override;
    [[nodiscard]] const HexdumpLayout& hexLayout() const { return m_hex; }
    [[nodiscard]] QSize sizeHint() const override;

protected:
    void changeEvent(QEvent* event) override;
    void paintDataRow(QPainter& painter, const QRect& rect, const LayoutRow& row,
                      std::span<const std::byte> bytes) override;
    [[nodiscard]] std::optional<std::uint32_t>
    byteAtX(const LayoutRow& row, std::span<const std::byte> bytes, int x) const override;
    [[nodiscard]] std::uint32_t widthForViewport(int) const override;
    [[nodiscard]] int contentWidth() const override;
    [[nodiscard]] QList<QRectF> byteRects(const LayoutRow& row, std::span<const std::byte> bytes,
                                          std::uint32_t index) const override;

private:
    [[nodiscard]] HexdumpRow dumpRow(const LayoutRow& row, std::span<const std::byte> bytes) const;
    /// Glyphs of printable ASCII in the font, one cell wide each; false when the font lacks one
    /// (then rows are drawn as text).
    [[nodiscard]] bool asciiGlyphs() const;

    HexdumpLayout m_hex{16, 1};
    // Rows are drawn as glyph runs at their cells: no text shaping per row and paint.
    mutable QRawFont m_raw;
    mutable std::array<quint32, 128> m_glyphs{};
    mutable std::optional<bool> m_glyphsOk; ///< unset until looked up for the current font
};

} // namespace socklab::ui
