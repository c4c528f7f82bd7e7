// HexView without a mouse: arrows, PageUp/PageDown and Home/End move a caret byte, Shift
// extends the selection; the focused view shows a focus frame; a narrow view scrolls sideways
// so the ASCII column stays reachable.
#include "ui/support/capture_fill.h"
#include "ui/views/byte_selection.h"
#include "ui/views/hex_view.h"

#include <QImage>
#include <QScrollBar>
#include <QtTest>

using namespace socklab;
using namespace socklab::ui;

class TestHexViewKeyboard : public QObject {
    Q_OBJECT
private slots:
    void arrowsMoveTheCaretAndShiftSelects();
    void pageKeysMoveByAScreen();
    void focusFrameIsPainted();
    void narrowViewScrollsToTheAsciiColumn();
};

namespace {

using Range = std::pair<std::uint64_t, std::uint64_t>;

Range range(const ByteSelection& s) {
    return {s.begin(), s.end()};
}

void showFocused(HexView& view, int width = 700, int height = 300) {
    view.resize(width, height);
    view.show();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.setFocus();
    QTRY_VERIFY(view.hasFocus());
}

} // namespace

void TestHexViewKeyboard::arrowsMoveTheCaretAndShiftSelects() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, "0123456789abcdefXYZ"); // 19 bytes: rows of 16 + 3
    store->appendEvent(0, RecordKind::Info, "between");             // a lifecycle row to step over
    test::appendText(*store, Direction::Out, "hello");              // arena 19..23
    ByteSelection selection;
    HexView view;
    view.setSelectionModel(&selection);
    view.setStore(store);
    view.scrollToTop();
    showFocused(view);
    QCOMPARE(view.caret(), std::nullopt);

    QTest::keyClick(&view, Qt::Key_Right); // the first arrow places the caret
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(0));
    QCOMPARE(range(selection), Range(0, 1));
    QTest::keyClick(&view, Qt::Key_Right);
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(range(selection), Range(2, 3));
    for (int i = 0; i < 3; ++i) {
        QTest::keyClick(&view, Qt::Key_Right, Qt::ShiftModifier);
    }
    QCOMPARE(range(selection), Range(2, 6));
    QTest::keyClick(&view, Qt::Key_Down, Qt::ShiftModifier); // short last row: clamped
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(18));
    QCOMPARE(range(selection), Range(2, 19));
    QTest::keyClick(&view, Qt::Key_Down, Qt::ShiftModifier); // over two headers and an event
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(21));
    QCOMPARE(range(selection), Range(2, 22));
    QTest::keyClick(&view, Qt::Key_End, Qt::ShiftModifier);
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(23));
    // The caret byte is inclusive and the selection end exclusive: anchor 2 to caret 23 (the
    // last byte of "hello") is [2, 24). [2, 20) is what Shift+Home gives (caret on 19).
    QCOMPARE(range(selection), Range(2, 24));
    QTest::keyClick(&view, Qt::Key_Home, Qt::ShiftModifier);
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(19));
    QCOMPARE(range(selection), Range(2, 20));
    QTest::keyClick(&view, Qt::Key_End, Qt::ShiftModifier);
    QCOMPARE(range(selection), Range(2, 24));
    QTest::keyClick(&view, Qt::Key_Home);
    QCOMPARE(range(selection), Range(19, 20));
    QTest::keyClick(&view, Qt::Key_Left); // back across the records
    QCOMPARE(range(selection), Range(18, 19));
    QTest::keyClick(&view, Qt::Key_Up);
    QCOMPARE(range(selection), Range(2, 3));
    QTest::keyClick(&view, Qt::Key_Up); // first row: stays
    QCOMPARE(range(selection), Range(2, 3));
    QTest::keyClick(&view, Qt::Key_Left, Qt::ShiftModifier);
    QTest::keyClick(&view, Qt::Key_Left, Qt::ShiftModifier);
    QCOMPARE(range(selection), Range(0, 3)); // extends backwards from the anchor

    // A selection made elsewhere moves the caret there.
    selection.select(20, 22, ByteSelection::Origin::Log);
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(20));
    QTest::keyClick(&view, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(range(selection), Range(20, 22));
}

void TestHexViewKeyboard::pageKeysMoveByAScreen() {
    auto store = test::makeStore();
    test::appendPattern(*store, 1, 16 * 200); // one record, 200 rows
    ByteSelection selection;
    HexView view;
    view.setSelectionModel(&selection);
    view.setStore(store);
    view.scrollToTop();
    showFocused(view);
    QTest::keyClick(&view, Qt::Key_Down); // caret at byte 0
    QTest::keyClick(&view, Qt::Key_Right);
    const auto page = static_cast<std::uint64_t>(view.visibleRowCount());
    QTest::keyClick(&view, Qt::Key_PageDown);
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(1 + 16 * page));
    QTest::keyClick(&view, Qt::Key_PageDown, Qt::ShiftModifier);
    QCOMPARE(range(selection), Range(1 + 16 * page, 2 + 32 * page));
    // The caret's row is on screen.
    bool shown = false;
    for (const LayoutRow& row : view.visibleRows()) {
        shown = shown || (!row.isHeader() && row.arenaBegin() <= 1 + 32 * page &&
                          1 + 32 * page < row.arenaEnd());
    }
    QVERIFY(shown);
    QTest::keyClick(&view, Qt::Key_PageUp);
    QCOMPARE(view.caret(), std::optional<std::uint64_t>(1 + 16 * page));
}

void TestHexViewKeyboard::focusFrameIsPainted() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, "focus");
    HexView view;
    view.setStore(store);
    showFocused(view);
    const QColor highlight = view.palette().color(QPalette::Highlight);
    const int y = view.viewport()->height() / 2;
    QCOMPARE(view.viewport()->grab().toImage().pixelColor(1, y), highlight);
    view.clearFocus();
    QTRY_VERIFY(!view.hasFocus());
    QVERIFY(view.viewport()->grab().toImage().pixelColor(1, y) != highlight);
}

void TestHexViewKeyboard::narrowViewScrollsToTheAsciiColumn() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, "0123456789abcdef");
    ByteSelection selection;
    HexView view;
    view.setSelectionModel(&selection);
    view.setStore(store);
    showFocused(view, 220, 200);
    QScrollBar* bar = view.horizontalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QVERIFY(bar->isVisible());
    const qreal cw = QFontMetricsF(view.font()).horizontalAdvance(QLatin1Char('0'));
    const auto asciiStart =
        static_cast<qreal>(view.hexLayout().lineAsciiStart(HexdumpLayout::offsetDigits(0)));
    const qreal lastAscii = 4 + (asciiStart + 15.5) * cw; // content x of the last ASCII cell
    QVERIFY(lastAscii > view.viewport()->width());        // cut off before scrolling
    bar->setValue(bar->maximum());
    const int y = view.rowHeight() + view.rowHeight() / 2;
    const int x = static_cast<int>(lastAscii) - bar->value();
    QVERIFY(x > 0 && x < view.viewport()->width());
    QCOMPARE(view.offsetAt(QPoint(x, y)), std::optional<std::uint64_t>(15));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(x, y));
    QCOMPARE(range(selection), Range(15, 16));
    QVERIFY(view.verticalScrollBar()->maximum() >= 0); // rows still addressed by record
}

QTEST_MAIN(TestHexViewKeyboard)
#include "test_hex_view_keyboard.moc"
