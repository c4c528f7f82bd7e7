// TextView with wide and combining characters: CJK and emoji take two cells, a combining mark
// draws over its base, invalid bytes stay one dot each; clicks, the caret and a selection
// shared with the hex view cover the bytes of whole characters.
#include "core/codec/char_width.h"
#include "ui/support/capture_fill.h"
#include "ui/support/text_view_cells.h"
#include "ui/views/byte_selection.h"
#include "ui/views/direction_palette.h"
#include "ui/views/hex_view.h"
#include "ui/views/text_view.h"

#include <QImage>
#include <QtTest>

using namespace socklab;
using namespace socklab::ui;
using namespace socklab::test;

class TestTextViewWide : public QObject {
    Q_OBJECT
private slots:
    void wideCharactersTakeTwoCells();
    void wideCharactersAreDrawnNotDotted();
    void composedAndDecomposedTakeOneCell();
    void invalidBytesAreDotsPerByte();
    void hexSelectionHighlightsWholeCells();
    void wideCharacterSplitAcrossRecords();
    void keyboardStepsOverWholeCharacters();
    void upAndDownKeepTheCellColumn();
    void rowsWrapByCells();
    void otherScriptsAreShapedOffThePaint();
};

namespace {

using Range = std::pair<std::uint64_t, std::uint64_t>;

Range range(const ByteSelection& s) {
    return {s.begin(), s.end()};
}

// Pixels differing from the base colour in cells [cell, cell + count) of a display row.
int ink(const QImage& image, const TextView& view, int row, int cell, int count,
        const QColor& base) {
    const qreal cw = cellWidth(view);
    const int h = view.rowHeight();
    int n = 0;
    for (int x = static_cast<int>(std::ceil(4 + cell * cw));
         x < static_cast<int>(4 + (cell + count) * cw); ++x) {
        for (int y = row * h; y < (row + 1) * h; ++y) {
            n += image.pixelColor(x, y) != base ? 1 : 0;
        }
    }
    return n;
}

// Whether any pixel of cell `cell` on display row `row` has the highlight colour.
bool highlighted(const QImage& image, const TextView& view, int row, int cell) {
    const QColor hi = view.palette().color(QPalette::Highlight);
    const int x = static_cast<int>(4 + (cell + 0.5) * cellWidth(view));
    for (int y = row * view.rowHeight(); y < (row + 1) * view.rowHeight(); ++y) {
        if (image.pixelColor(x, y) == hi) {
            return true;
        }
    }
    return false;
}

} // namespace

void TestTextViewWide::wideCharactersTakeTwoCells() {
    auto store = test::makeStore();
    // 日本語 (3 bytes each), U+1F600 (4 bytes), 'z'
    test::appendText(*store, Direction::In,
                     "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xf0\x9f\x98\x80z");
    ByteSelection selection;
    TextView view;
    showStore(view, store, &selection);
    const int y = rowY(view, 1);
    const std::uint64_t expected[] = {0, 0, 3, 3, 6, 6, 9, 9, 13};
    for (int cell = 0; cell < 9; ++cell) {
        QCOMPARE(view.offsetAt(QPoint(cellX(view, cell), y)),
                 std::optional<std::uint64_t>(expected[cell]));
    }
    QCOMPARE(view.offsetAt(QPoint(cellX(view, 9), y)), std::nullopt);
    // Either half of a wide character selects all of its bytes.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(cellX(view, 3), y));
    QCOMPARE(range(selection), Range(3, 6));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(cellX(view, 6), y));
    QCOMPARE(range(selection), Range(9, 13));
    // A drag from 本's second cell to the emoji's first takes 本 through the emoji.
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, QPoint(cellX(view, 3), y));
    QTest::mouseMove(view.viewport(), QPoint(cellX(view, 6), y));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, QPoint(cellX(view, 6), y));
    QCOMPARE(range(selection), Range(3, 13));
    QCOMPARE(view.cellsOf(7), (std::optional<std::pair<std::size_t, std::size_t>>({4, 2}))); // 語
}

void TestTextViewWide::wideCharactersAreDrawnNotDotted() {
    TextView view;
    QVERIFY(view.drawsCodePoint(U'\u65e5')); // 日 from a fallback font (Droid Sans Fallback)
    QVERIFY(!view.drawsCodePoint(U'\U0010FFFD'));
    QVERIFY(!view.drawsCodePoint(U'\u0301')); // a mark alone has nothing to draw over
    auto store = test::makeStore();
    // Row 1: 日 and, for comparison, a code point no font has (U+10FFFD: a dot over 1 cell).
    test::appendText(*store, Direction::In, "\xe6\x97\xa5\xf4\x8f\xbf\xbd");
    view.setStore(store);
    showView(view);
    const QImage image = view.viewport()->grab().toImage();
    const QColor base = view.palette().color(QPalette::Base);
    const int wide = ink(image, view, 1, 0, 2, base);
    const int dot = ink(image, view, 1, 2, 1, base);
    QVERIFY2(dot > 0, "the placeholder is drawn");
    QVERIFY2(wide > 3 * dot, qPrintable(QStringLiteral("日 ink %1, dot %2").arg(wide).arg(dot)));
    // The glyph spreads over both of its cells.
    QVERIFY(ink(image, view, 1, 0, 1, base) > dot);
    QVERIFY(ink(image, view, 1, 1, 1, base) > dot);
}

void TestTextViewWide::composedAndDecomposedTakeOneCell() {
    auto store = test::makeStore();
    // "café|" composed (U+00E9) and decomposed (e + U+0301), then "cafe|" without the accent.
    test::appendText(*store, Direction::In, "caf\xc3\xa9|\ncafe\xcc\x81|\ncafe|");
    ByteSelection selection;
    TextView view;
    showStore(view, store, &selection);
    QCOMPARE(view.offsetAt(QPoint(cellX(view, 3), rowY(view, 1))), std::optional<std::uint64_t>(3));
    QCOMPARE(view.offsetAt(QPoint(cellX(view, 4), rowY(view, 1))), std::optional<std::uint64_t>(5));
    // Decomposed: bytes 7.. "cafe" 7-10, U+0301 11-12, '|' 13; the bar is in cell 4 as well.
    QCOMPARE(view.offsetAt(QPoint(cellX(view, 3), rowY(view, 2))),
             std::optional<std::uint64_t>(10));
    QCOMPARE(view.offsetAt(QPoint(cellX(view, 4), rowY(view, 2))),
             std::optional<std::uint64_t>(13));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(cellX(view, 3), rowY(view, 2)));
    QCOMPARE(range(selection), Range(10, 13)); // e and its accent
    QCOMPARE(view.cellsOf(12), (std::optional<std::pair<std::size_t, std::size_t>>({3, 1})));
    selection.clear(ByteSelection::Origin::Program);
    // The accent is drawn over the e: more ink than the plain e in the same cell.
    const QImage image = view.viewport()->grab().toImage();
    const QColor base = view.palette().color(QPalette::Base);
    const int composed = ink(image, view, 1, 3, 1, base);
    const int decomposed = ink(image, view, 2, 3, 1, base);
    const int plain = ink(image, view, 3, 3, 1, base);
    QVERIFY2(
        decomposed > plain && composed > plain,
        qPrintable(
            QStringLiteral("é %1, e+U+0301 %2, e %3").arg(composed).arg(decomposed).arg(plain)));
    // The bars after them line up.
    QCOMPARE(ink(image, view, 1, 4, 1, base), ink(image, view, 2, 4, 1, base));
}

void TestTextViewWide::invalidBytesAreDotsPerByte() {
    auto store = test::makeStore();
    // Row 1: 'a', a truncated 3-byte sequence, 0xff, 'b'. Row 2: U+10FFFD (no font) for the dot.
    test::appendText(*store, Direction::In,
                     "a\xe6\x97\xff"
                     "b\n\xf4\x8f\xbf\xbd");
    ByteSelection selection;
    TextView view;
    showStore(view, store, &selection);
    const int y = rowY(view, 1);
    for (int cell = 0; cell < 5; ++cell) {
        QCOMPARE(view.offsetAt(QPoint(cellX(view, cell), y)), std::optional<std::uint64_t>(cell));
    }
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(cellX(view, 2), y));
    QCOMPARE(range(selection), Range(2, 3)); // one invalid byte
    selection.clear(ByteSelection::Origin::Program);
    // Each invalid byte's cell looks exactly like the placeholder cell below the first.
    const QImage image = view.viewport()->grab().toImage();
    const qreal cw = cellWidth(view);
    const int h = view.rowHeight();
    const QRect cellBelow(static_cast<int>(4 + 0 * cw), 2 * h, static_cast<int>(cw), h);
    const QImage dot = image.copy(cellBelow);
    for (int cell = 1; cell <= 3; ++cell) {
        const QImage invalid = image.copy(
            QRect(static_cast<int>(4 + cell * cw), h, static_cast<int>(cw), h).translated(0, 0));
        // Cells start at fractional x: compare ink counts, not pixels.
        int inkInvalid = 0;
        int inkDot = 0;
        const QColor base = view.palette().color(QPalette::Base);
        for (int x = 0; x < invalid.width(); ++x) {
            for (int yy = 0; yy < invalid.height(); ++yy) {
                inkInvalid += invalid.pixelColor(x, yy) != base ? 1 : 0;
                inkDot += dot.pixelColor(x, yy) != base ? 1 : 0;
            }
        }
        QVERIFY(inkDot > 0);
        QVERIFY2(
            std::abs(inkInvalid - inkDot) <= 2,
            qPrintable(QStringLiteral("cell %1: %2 vs %3").arg(cell).arg(inkInvalid).arg(inkDot)));
    }
}

void TestTextViewWide::hexSelectionHighlightsWholeCells() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In,
                     "a\xe6\x97\xa5\xe6\x9c\xac"
                     "b"); // a 日 本 b
    ByteSelection selection;
    TextView text;
    HexView hex;
    text.setSelectionModel(&selection);
    hex.setSelectionModel(&selection);
    text.setStore(store);
    hex.setStore(store);
    showView(text);
    // The hex view selects the middle byte of 日 only: both of its cells light up, not 本's.
    selection.select(2, 3, ByteSelection::Origin::Hex);
    QCOMPARE(text.caret(), std::optional<std::uint64_t>(2));
    QImage image = text.viewport()->grab().toImage();
    QVERIFY(!highlighted(image, text, 1, 0));
    QVERIFY(highlighted(image, text, 1, 1));
    QVERIFY(highlighted(image, text, 1, 2));
    QVERIFY(!highlighted(image, text, 1, 3));
    // A click in the text view on 本's second cell selects its three bytes for the hex view.
    QTest::mouseClick(text.viewport(), Qt::LeftButton, {}, QPoint(cellX(text, 4), rowY(text, 1)));
    QCOMPARE(range(selection), Range(4, 7));
    QCOMPARE(hex.caret(), std::optional<std::uint64_t>(4));
    image = text.viewport()->grab().toImage();
    QVERIFY(!highlighted(image, text, 1, 2));
    QVERIFY(highlighted(image, text, 1, 3));
    QVERIFY(highlighted(image, text, 1, 4));
    QVERIFY(!highlighted(image, text, 1, 5));
}

void TestTextViewWide::wideCharacterSplitAcrossRecords() {
    auto store = test::makeStore();
    // 日 = e6 97 a5 arrives in two reads: each record is decoded on its own (a header line sits
    // between them), so both halves are invalid bytes, one cell each, each selectable.
    test::appendText(*store, Direction::In, "ab\xe6\x97");
    test::appendText(*store, Direction::In,
                     "\xa5"
                     "cd");
    ByteSelection selection;
    TextView view;
    showStore(view, store, &selection);
    QCOMPARE(view.rowText(view.visibleRows()[1]), QStringLiteral("ab\ufffd\ufffd"));
    QCOMPARE(view.rowText(view.visibleRows()[3]), QStringLiteral("\ufffdcd"));
    using Cells = std::optional<std::pair<std::size_t, std::size_t>>;
    QCOMPARE(view.cellsOf(2), Cells({2, 1}));
    QCOMPARE(view.cellsOf(3), Cells({3, 1}));
    QCOMPARE(view.cellsOf(4), Cells({0, 1}));
    QCOMPARE(view.cellsOf(5), Cells({1, 1}));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(cellX(view, 3), rowY(view, 1)));
    QCOMPARE(range(selection), Range(3, 4));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(cellX(view, 0), rowY(view, 3)));
    QCOMPARE(range(selection), Range(4, 5));
    // Selected from the hex view, the three bytes light the two halves.
    selection.select(2, 5, ByteSelection::Origin::Hex);
    const QImage image = view.viewport()->grab().toImage();
    QVERIFY(!highlighted(image, view, 1, 1));
    QVERIFY(highlighted(image, view, 1, 2));
    QVERIFY(highlighted(image, view, 1, 3));
    QVERIFY(highlighted(image, view, 3, 0));
    QVERIFY(!highlighted(image, view, 3, 1));
}

void TestTextViewWide::keyboardStepsOverWholeCharacters() {
    auto store = test::makeStore();
    // x, 日 (1-3), e + U+0301 (4-6), U+1F600 (7-10), y (11)
    test::appendText(*store, Direction::In,
                     "x\xe6\x97\xa5"
                     "e\xcc\x81\xf0\x9f\x98\x80y");
    ByteSelection selection;
    TextView view;
    showStore(view, store, &selection);
    view.setFocus();
    QTRY_VERIFY(view.hasFocus());
    QTest::keyClick(&view, Qt::Key_Right); // caret on x
    const std::uint64_t stops[] = {1, 4, 7, 11};
    for (std::uint64_t stop : stops) {
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(view.caret(), std::optional<std::uint64_t>(stop));
    }
    QTest::keyClick(&view, Qt::Key_Right); // last character: stays
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(11));
    QTest::keyClick(&view, Qt::Key_Left);
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(7));
    QCOMPARE(range(selection), Range(7, 11));
    QTest::keyClick(&view, Qt::Key_Left, Qt::ShiftModifier);
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(4));
    QCOMPARE(range(selection), Range(4, 11)); // é (with its mark) and the emoji
    QTest::keyClick(&view, Qt::Key_Home, Qt::ShiftModifier);
    QCOMPARE(range(selection), Range(0, 11));
    QTest::keyClick(&view, Qt::Key_End);
    QCOMPARE(range(selection), Range(11, 12));
}

void TestTextViewWide::upAndDownKeepTheCellColumn() {
    auto store = test::makeStore();
    // Row 1: 日本語 (cells 0-5, bytes 0-8) + '\n' (9); row 2: "abcdefgh" + '\n' (10-18);
    // row 3: "\xc3\xa9\xc3\xa9z" (é é z, bytes 19-23).
    test::appendText(*store, Direction::In,
                     "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\nabcdefgh\n\xc3\xa9\xc3\xa9z");
    ByteSelection selection;
    TextView view;
    showStore(view, store, &selection);
    view.setFocus();
    QTRY_VERIFY(view.hasFocus());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(cellX(view, 2), rowY(view, 1)));
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(3)); // 本
    QTest::keyClick(&view, Qt::Key_Down);
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(12)); // 'c', cell 2 (byte index 3: 'd')
    QTest::keyClick(&view, Qt::Key_Right);
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(14)); // 'e', cell 4
    QTest::keyClick(&view, Qt::Key_Up);
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(6)); // 語 covers cells 4-5
    QCOMPARE(range(selection), Range(6, 9));
    QTest::keyClick(&view, Qt::Key_Down);
    QTest::keyClick(&view, Qt::Key_Left); // 'd', cell 3
    QTest::keyClick(&view, Qt::Key_Down);
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(23)); // short row: its last character
    QTest::keyClick(&view, Qt::Key_Up);
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(12)); // z's cell 2: 'c'
    QTest::keyClick(&view, Qt::Key_Left);                     // 'b', cell 1
    QTest::keyClick(&view, Qt::Key_Down);
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(21)); // second é (bytes 21-22)
    QCOMPARE(range(selection), Range(21, 23));
}

void TestTextViewWide::rowsWrapByCells() {
    auto store = test::makeStore();
    std::string text;
    for (int i = 0; i < 100; ++i) {
        text += "\xe6\x97\xa5"; // 日: 3 bytes, 2 cells
    }
    test::appendText(*store, Direction::In, text);
    TextView view;
    view.setStore(store);
    showView(view, 300);
    const std::uint32_t width = view.byteLayout().width();
    std::uint32_t covered = 0;
    int full = 0;
    for (const LayoutRow& row : view.visibleRows()) {
        if (row.isHeader()) {
            continue;
        }
        const auto chars = static_cast<std::uint32_t>(view.rowText(row).size());
        QCOMPARE(row.byteEnd - row.byteBegin, 3 * chars); // never a split character
        QVERIFY(2 * chars <= width);                      // fits its cells
        full += 2 * chars + 1 >= width ? 1 : 0;           // and fills them
        covered += row.byteEnd - row.byteBegin;
    }
    QVERIFY(full >= 2);
    QVERIFY(covered > 0);

    // A long record is split in slices: rows after a slice boundary that cuts a character
    // (16 KiB is not a multiple of 3) still start on character boundaries.
    std::string longText;
    for (int i = 0; i < 7000; ++i) {
        longText += "\xe6\x97\xa5";
    }
    test::appendText(*store, Direction::In, longText);
    view.refresh();
    view.scrollToBottom();
    int rows = 0;
    for (const LayoutRow& row : view.visibleRows()) {
        if (row.isHeader()) {
            continue;
        }
        ++rows;
        QCOMPARE(row.byteBegin % 3, 0u);
        QVERIFY(!view.rowText(row).contains(QChar(0xfffd)));
    }
    QVERIFY(rows > 2);
    QCOMPARE(view.visibleRows().back().byteEnd, 21000u);
}

QTEST_MAIN(TestTextViewWide)
#include "test_text_view_wide.moc"

// Characters of scripts the primary font lacks are shaped (font fallback) on a worker thread:
// a paint never waits long for them; they are drawn once they arrive (the view repaints), in
// the row's colour, and each selected one in the highlight text colour.
void TestTextViewWide::otherScriptsAreShapedOffThePaint() {
    auto store = test::makeStore();
    // Hebrew ALEF, Arabic BEH (fallback fonts), 日 (two cells), 'z'; row 2: U+10FFFD (a dot).
    test::appendText(*store, Direction::In, "\xd7\x90\xd8\xa8\xe6\x97\xa5z\n\xf4\x8f\xbf\xbd");
    ByteSelection selection;
    TextView view;
    showStore(view, store, &selection);
    QTRY_VERIFY(!view.shapingPending());
    view.viewport()->repaint();
    QVERIFY(!view.shapingPending());
    const QColor base = view.palette().color(QPalette::Base);
    QImage image = view.viewport()->grab().toImage();
    const int dot = ink(image, view, 2, 0, 1, base);
    QVERIFY(dot > 0);
    for (int cell = 0; cell < 4; ++cell) {
        const int drawn = ink(image, view, 1, cell, 1, base);
        QVERIFY2(
            drawn > dot,
            qPrintable(QStringLiteral("cell %1: ink %2, dot %3").arg(cell).arg(drawn).arg(dot)));
    }
    // In the row's colour: some pixel of 日's cells has the direction colour's hue.
    const QColor in = directionColor(view.palette(), Direction::In);
    bool coloured = false;
    const qreal cw = cellWidth(view);
    for (int x = static_cast<int>(4 + cw * 2.1); x < static_cast<int>(4 + cw * 3.9); ++x) {
        for (int y = view.rowHeight(); y < 2 * view.rowHeight(); ++y) {
            const QColor c = image.pixelColor(x, y);
            coloured = coloured || (c != base && std::abs(c.hueF() - in.hueF()) < 0.05 &&
                                    c.saturationF() > 0.3);
        }
    }
    QVERIFY(coloured);
    // Selected: the Hebrew letter's cell is highlighted and still drawn.
    selection.select(0, 2, ByteSelection::Origin::Program);
    QTRY_VERIFY(highlighted(view.viewport()->grab().toImage(), view, 1, 0));
    image = view.viewport()->grab().toImage();
    QVERIFY(ink(image, view, 1, 0, 1, view.palette().color(QPalette::Highlight)) > 0);
}
