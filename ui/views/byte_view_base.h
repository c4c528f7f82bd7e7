#pragma once

#include "core/capture/traffic_store.h"
#include "ui/views/byte_layout.h"
#include "ui/views/byte_selection.h"
#include "ui/views/record_text.h"

#include <QAbstractScrollArea>
#include <QList>
#include <QPointer>
#include <QRectF>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QPainter;

namespace socklab::ui {

/// Common part of the hex and text views: a QAbstractScrollArea that lays out and paints only
/// the rows on screen (like Wireshark's ByteViewText), scrolls by anchor row (no whole-capture
/// index), follows the tail until the user scrolls up, and selects bytes with the mouse or the
/// keyboard (a caret byte moved by arrows/PageUp/PageDown/Home/End, Shift extends).
class ByteViewBase : public QAbstractScrollArea {
    Q_OBJECT
public:
    ByteViewBase(ByteLayout::Mode mode, std::uint32_t width, ByteSelection::Origin origin,
                 QWidget* parent = nullptr);

    void setStore(std::shared_ptr<const TrafficStore> store);
    void setConnectionFilter(std::optional<std::uint32_t> connectionId);
    void setSelectionModel(ByteSelection* selection);
    [[nodiscard]] ByteSelection* selectionModel() const { return m_selection; }
    /// Name directions in record headers as a socket's (in/out) or a relay's.
    void setDirectionNames(DirectionNames names);

    /// Pick up records appended since the last call (the pane calls this at frame rate).
    void refresh();
    [[nodiscard]] bool followTail() const { return m_followTail; }
    void setFollowTail(bool follow);
    void scrollToTop();
    void scrollToBottom();
    /// Scroll so that the row holding offset is visible (no-op when already on screen).
    void ensureVisible(std::uint64_t arenaOffset);
    /// Scroll so that a record's header is the top row.
    void scrollToRecord(std::uint64_t seq);
    /// Scroll by rows (negative = up); stops following the tail when leaving the bottom.
    void scrollRows(std::int64_t delta);

    [[nodiscard]] RowRef topRow() const { return m_top; }
    [[nodiscard]] const std::vector<LayoutRow>& visibleRows() const { return m_rows; }
    [[nodiscard]] const ByteLayout& byteLayout() const { return m_layout; }
    [[nodiscard]] int rowHeight() const;
    [[nodiscard]] int visibleRowCount() const;
    /// Arena offset of the byte under a viewport point, if any.
    [[nodiscard]] std::optional<std::uint64_t> offsetAt(QPoint viewportPos) const;
    /// The byte the keyboard moves (arena offset), if any.
    [[nodiscard]] std::optional<std::uint64_t> caret() const { return m_caret; }
    /// Pixels the content is scrolled to the left.
    [[nodiscard]] int horizontalOffset() const;
    /// Plain text of a visible row as painted (for tests and accessibility).
    [[nodiscard]] virtual QString rowText(const LayoutRow& row) const = 0;
    /// Characters [first, second) of rowText(row) that show the byte at an arena offset on that
    /// data row (hex: its two digits; text: the character holding it).
    [[nodiscard]] virtual std::pair<int, int> textRangeOf(const LayoutRow& row,
                                                          std::uint64_t offset) const = 0;
    /// The byte (arena offset) a character of rowText(row) shows; on a gap or the offset
    /// field, the nearest byte of the row. nullopt for header rows and evicted bytes.
    [[nodiscard]] virtual std::optional<std::uint64_t> offsetAtTextIndex(const LayoutRow& row,
                                                                         int index) const = 0;

signals:
    void followTailChanged(bool following);

protected:
    /// Paint one data row; bytes are the row's bytes (empty when evicted).
    virtual void paintDataRow(QPainter& painter, const QRect& rect, const LayoutRow& row,
                              std::span<const std::byte> bytes) = 0;
    /// Index (within the row's bytes) of the byte at x, if any.
    [[nodiscard]] virtual std::optional<std::uint32_t>
    byteAtX(const LayoutRow& row, std::span<const std::byte> bytes, int x) const = 0;
    /// Bytes per row for a viewport width (the text view wraps to the viewport).
    [[nodiscard]] virtual std::uint32_t widthForViewport(int pixels) const = 0;
    /// Width of a data row in pixels when it does not wrap (0: fits any viewport).
    [[nodiscard]] virtual int contentWidth() const { return 0; }
    /// Cells (viewport coordinates, row top at 0) that show the byte at index of the row.
    [[nodiscard]] virtual QList<QRectF> byteRects(const LayoutRow& row,
                                                  std::span<const std::byte> bytes,
                                                  std::uint32_t index) const = 0;

    /// Bytes [begin, end) of the character shown at an arena offset: selections and the caret
    /// take whole characters (the text view: a UTF-8 sequence and the marks drawn over it).
    [[nodiscard]] virtual std::pair<std::uint64_t, std::uint64_t>
    characterBytes(std::uint64_t offset) const {
        return {offset, offset + 1};
    }
    /// Screen column of the byte at offset on its data row (Up/Down keep it): the byte index.
    [[nodiscard]] virtual std::size_t columnOf(const LayoutRow& row, std::uint64_t offset) const;
    /// The byte shown at a column of a data row, clamped to the row's last byte.
    [[nodiscard]] virtual std::uint64_t offsetAtColumn(const LayoutRow& row,
                                                       std::size_t column) const;
    /// How TextLines rows decode their bytes (they wrap by the cells characters take).
    void setLayoutTextOptions(const TextDecodeOptions& options);

    [[nodiscard]] QColor directionColor(Direction direction) const;
    [[nodiscard]] std::vector<std::byte> rowBytes(const LayoutRow& row) const;
    [[nodiscard]] const TrafficStore* store() const { return m_store.get(); }
    /// Advance of one character of the fixed font (fractional: columns must not drift).
    [[nodiscard]] qreal charWidth() const;
    /// The header line of a record (timestamp, direction, connection, length, flags).
    [[nodiscard]] QString headerText(const LayoutRow& row) const;

    static constexpr int kMargin = 4;

    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    friend class ByteViewAccessible; // moves the caret and selection for assistive technology
    /// Tells assistive technology where the caret is (after it or the selection moved).
    void notifyAccessibleCaret();
    /// Moves the caret (Shift: extends the selection from the anchor) and keeps it visible.
    void moveCaret(std::uint64_t offset, bool extend);
    /// Selects the characters from the one at a to the one at b (either order).
    void selectCharacters(std::uint64_t a, std::uint64_t b);
    [[nodiscard]] std::optional<std::uint64_t> caretStep(int key) const;
    /// The data row `delta` data rows away from ref (header rows skipped), clamped.
    [[nodiscard]] std::optional<LayoutRow> dataRowMoved(RowRef ref, std::int64_t delta) const;
    void paintCaret(QPainter& painter);
    void updateHorizontalScrollBar();
    void setTop(RowRef top);
    void relayout();
    [[nodiscard]] std::optional<RowRef> bottomTop() const; ///< top row when showing the end
    void updateScrollBar();
    void onScrollAction(int action);
    void onSelectionChanged(ByteSelection::Origin origin);
    void paintHeaderRow(QPainter& painter, const QRect& rect, const LayoutRow& row);

    ByteLayout m_layout;
    ByteSelection::Origin m_origin;
    std::shared_ptr<const TrafficStore> m_store;
    DirectionNames m_directionNames = DirectionNames::Socket;
    QPointer<ByteSelection> m_selection;
    RowRef m_top;
    std::vector<LayoutRow> m_rows;
    bool m_followTail = true;
    bool m_syncingScrollBar = false;
    bool m_sized = false;
    std::optional<std::uint64_t> m_dragAnchor;
    std::optional<std::uint64_t> m_caret;
    std::optional<std::uint64_t> m_anchor; ///< the fixed end of a keyboard selection
};

} // namespace socklab::ui
