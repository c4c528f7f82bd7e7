#pragma once

#include "core/codec/text_decode.h"
#include "ui/views/byte_view_base.h"

#include <QHash>
#include <QRawFont>

namespace socklab::ui {

/// Text view: per record a header line, then the bytes decoded by the core text decoder
/// (UTF-8, invalid bytes marked, controls as pictures), broken after '\n' and wrapped to the
/// viewport width. Every code point takes one cell of the fixed font, left to right; code
/// points the font cannot show in one cell are drawn as a dim placeholder, so painting never
/// shapes, reorders or loads fallback fonts, and a click maps to its byte by arithmetic.
class TextView : public ByteViewBase {
    Q_OBJECT
public:
    explicit TextView(QWidget* parent = nullptr);

    [[nodiscard]] QString rowText(const LayoutRow& row) const override;
    void setDecodeOptions(const TextDecodeOptions& options);
    [[nodiscard]] const TextDecodeOptions& decodeOptions() const { return m_options; }
    /// The placeholder drawn for code points the font cannot show in one cell.
    static constexpr char32_t kPlaceholder = 0xb7;
    /// Whether a code point is drawn as itself (false: as the placeholder).
    [[nodiscard]] bool drawsCodePoint(char32_t cp) const;

protected:
    void paintDataRow(QPainter& painter, const QRect& rect, const LayoutRow& row,
                      std::span<const std::byte> bytes) override;
    [[nodiscard]] std::optional<std::uint32_t>
    byteAtX(const LayoutRow& row, std::span<const std::byte> bytes, int x) const override;
    [[nodiscard]] std::uint32_t widthForViewport(int pixels) const override;
    [[nodiscard]] QList<QRectF> byteRects(const LayoutRow& row, std::span<const std::byte> bytes,
                                          std::uint32_t index) const override;
    void changeEvent(QEvent* event) override;

private:
    struct Line {
        DecodedText decoded;
        QString text; ///< as painted ('\n' shown as a return glyph); one cell per code point
    };
    [[nodiscard]] Line layoutLine(const LayoutRow& row, std::span<const std::byte> bytes) const;
    /// Glyph of a code point in the primary font, 0 when it is not drawn as itself.
    [[nodiscard]] quint32 glyphFor(char32_t cp) const;

    TextDecodeOptions m_options{TextEncoding::Utf8, InvalidByteStyle::Replacement,
                                ControlStyle::Pictures};
    // Per code point: its glyph in the primary font (0 = placeholder). Filled on first use, so
    // later paints are table look-ups; dropped when the font changes.
    mutable QRawFont m_raw;
    mutable QHash<char32_t, quint32> m_glyphs;
};

} // namespace socklab::ui
