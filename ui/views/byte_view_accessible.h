#pragma once

#include <QAccessibleWidget>
#include <cstdint>
#include <optional>

namespace socklab::ui {

class ByteViewBase;
struct LayoutRow;

/// What a screen reader sees of a hex or text view: a read-only multi-line text made of the
/// rows on screen, each as the view paints it (a record's header line with its number, time,
/// direction and length, then its hex or text rows), with the caret and the byte selection
/// mapped into that text. The view paints only visible rows, so the text is the visible window;
/// the view reports caret moves, selection changes and scrolling as accessibility events.
class ByteViewAccessible : public QAccessibleWidget, public QAccessibleTextInterface {
public:
    explicit ByteViewAccessible(ByteViewBase* view);

    /// Registers the factory that gives every ByteViewBase this interface (idempotent).
    static void install();

    [[nodiscard]] QAccessible::State state() const override;
    [[nodiscard]] QString text(QAccessible::Text t) const override;
    void* interface_cast(QAccessible::InterfaceType type) override;

    // QAccessibleTextInterface
    void selection(int selectionIndex, int* startOffset, int* endOffset) const override;
    [[nodiscard]] int selectionCount() const override;
    void addSelection(int startOffset, int endOffset) override;
    void removeSelection(int selectionIndex) override;
    void setSelection(int selectionIndex, int startOffset, int endOffset) override;
    [[nodiscard]] int cursorPosition() const override;
    void setCursorPosition(int position) override;
    [[nodiscard]] QString text(int startOffset, int endOffset) const override;
    [[nodiscard]] int characterCount() const override;
    [[nodiscard]] QRect characterRect(int offset) const override;
    [[nodiscard]] int offsetAtPoint(const QPoint& point) const override;
    void scrollToSubstring(int startIndex, int endIndex) override;
    [[nodiscard]] QString attributes(int offset, int* startOffset, int* endOffset) const override;

    /// Index in text() of the character that shows the byte at an arena offset, clamped to the
    /// visible window (before it: 0, after it: the end).
    [[nodiscard]] int indexOfOffset(std::uint64_t arenaOffset) const;

private:
    [[nodiscard]] ByteViewBase* view() const;
    /// The visible rows' texts and where each starts in the whole text (rows joined by '\n').
    struct Lines {
        QStringList texts;
        QList<int> starts;
        [[nodiscard]] int rowOf(int index) const;
    };
    [[nodiscard]] Lines lines() const;
    [[nodiscard]] QString wholeText() const;
    /// The byte shown at a text index (nearest byte of its row for header rows and gaps).
    [[nodiscard]] std::optional<std::uint64_t> offsetOfIndex(int index) const;
};

} // namespace socklab::ui
