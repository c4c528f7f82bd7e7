#pragma once

#include "core/codec/char_width.h"
#include "core/codec/text_decode.h"
#include "ui/views/byte_view_base.h"
#include "ui/views/cluster_shaper.h"

#include <QHash>
#include <QRawFont>
#include <optional>

namespace socklab::ui {

/// Text view: per record a header line, then the bytes decoded by the core text decoder
/// (UTF-8, invalid bytes marked, controls as pictures), broken after '\n' and wrapped to the
/// viewport width. Characters sit on a fixed cell grid, left to right in byte order (no bidi
/// reordering), taking the cells the decoder gives them: wide ones (CJK, emoji) two, combining
/// marks none (drawn over their base), others one; so a click maps to its byte by arithmetic.
/// Single-cell characters of the primary font are drawn straight from its glyphs; wide
/// characters, characters with marks and characters of other fonts are shaped once, with
/// fallback fonts, on a worker thread (ClusterShaper) and cached: a paint waits for them at most
/// kShapeWaitMs, later ones show as a placeholder until they arrive (then the view repaints).
/// What no font can draw, and each invalid byte, shows as a dim placeholder.
class TextView : public ByteViewBase {
    Q_OBJECT
public:
    explicit TextView(QWidget* parent = nullptr);

    [[nodiscard]] QString rowText(const LayoutRow& row) const override;
    [[nodiscard]] std::pair<int, int> textRangeOf(const LayoutRow& row,
                                                  std::uint64_t offset) const override;
    [[nodiscard]] std::optional<std::uint64_t> offsetAtTextIndex(const LayoutRow& row,
                                                                 int index) const override;
    void setDecodeOptions(const TextDecodeOptions& options);
    [[nodiscard]] const TextDecodeOptions& decodeOptions() const { return m_options; }
    /// The placeholder drawn for what cannot be shown (missing glyph, invalid byte).
    static constexpr char32_t kPlaceholder = kHiddenPlaceholder;
    /// Whether a code point is drawn as itself (false: as the placeholder).
    [[nodiscard]] bool drawsCodePoint(char32_t cp) const;
    /// Clusters queued for shaping whose shapes have not been drawn yet.
    [[nodiscard]] bool shapingPending() const;
    /// Cells [first, first + count) of the character holding an arena offset, on its row.
    [[nodiscard]] std::optional<std::pair<std::size_t, std::size_t>>
    cellsOf(std::uint64_t arenaOffset) const;

protected:
    void paintDataRow(QPainter& painter, const QRect& rect, const LayoutRow& row,
                      std::span<const std::byte> bytes) override;
    [[nodiscard]] std::optional<std::uint32_t>
    byteAtX(const LayoutRow& row, std::span<const std::byte> bytes, int x) const override;
    [[nodiscard]] std::uint32_t widthForViewport(int pixels) const override;
    [[nodiscard]] QList<QRectF> byteRects(const LayoutRow& row, std::span<const std::byte> bytes,
                                          std::uint32_t index) const override;
    [[nodiscard]] std::pair<std::uint64_t, std::uint64_t>
    characterBytes(std::uint64_t offset) const override;
    [[nodiscard]] std::size_t columnOf(const LayoutRow& row, std::uint64_t offset) const override;
    [[nodiscard]] std::uint64_t offsetAtColumn(const LayoutRow& row,
                                               std::size_t column) const override;
    void changeEvent(QEvent* event) override;
    /// Waits a little for clusters the paint queued for shaping (see kShapeWaitMs).
    void paintEvent(QPaintEvent* event) override;

private:
    struct Line {
        DecodedText decoded;
        QString text; ///< as decoded, with a final '\n' shown as a return glyph
    };
    [[nodiscard]] Line layoutLine(const LayoutRow& row, std::span<const std::byte> bytes) const;
    /// The decoded row holding an arena offset.
    [[nodiscard]] std::optional<std::pair<LayoutRow, Line>> lineAt(std::uint64_t offset) const;
    /// Glyph of a code point in the primary font, 0 when it is not drawn as itself.
    [[nodiscard]] quint32 glyphFor(char32_t cp) const;
    /// A cluster shaped with font fallback: its shape, or nullptr (no font draws all of it, or
    /// not shaped yet: then the paint is marked to be redone when it is).
    [[nodiscard]] const ClusterShaper::Shape* shaped(const QString& cluster) const;

    TextDecodeOptions m_options{TextEncoding::Utf8, InvalidByteStyle::Replacement,
                                ControlStyle::Pictures};
    // Per code point: its glyph in the primary font (0 = not drawn from it). Filled on first
    // use, so later paints are table look-ups; dropped when the font changes.
    mutable QRawFont m_raw;
    mutable QHash<char32_t, quint32> m_glyphs;
    // Clusters the primary font cannot draw alone, shaped on a worker thread and cached.
    ClusterShaper* m_shaper;
    // A paint waits at most this long for the clusters it queued (a fallback search for a new
    // script can take tens of milliseconds: it must not stall the GUI thread).
    static constexpr int kShapeWaitMs = 3;
    mutable bool m_shapingDeferred = false;
};

} // namespace socklab::ui
