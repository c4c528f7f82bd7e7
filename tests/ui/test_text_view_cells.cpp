// TextView cell geometry: narrow characters take one fixed cell, left to right (no bidi
// reordering), so a click maps to its byte by arithmetic; code points no font can draw show a
// placeholder. Wide characters and combining marks: test_text_view_wide.
#include "ui/support/capture_fill.h"
#include "ui/support/text_view_cells.h"
#include "ui/views/byte_selection.h"
#include "ui/views/text_view.h"

#include <QImage>
#include <QtTest>

using namespace socklab;
using namespace socklab::ui;
using namespace socklab::test;

class TestTextViewCells : public QObject {
    Q_OBJECT
private slots:
    void clicksMapCellsToBytes();
    void rightToLeftTextStaysInLogicalOrder();
    void missingGlyphsBecomePlaceholders();
};

void TestTextViewCells::clicksMapCellsToBytes() {
    auto store = test::makeStore();
    // a b é(2 bytes) z € (3 bytes) \xff (invalid) q
    test::appendText(*store, Direction::In, "ab\xc3\xa9z\xe2\x82\xac\xffq");
    ByteSelection selection;
    TextView view;
    showStore(view, store, &selection);
    const int y = view.rowHeight() + view.rowHeight() / 2;
    const std::uint64_t expected[] = {0, 1, 2, 4, 5, 8, 9};
    for (int cell = 0; cell < 7; ++cell) {
        QCOMPARE(view.offsetAt(QPoint(cellX(view, cell), y)),
                 std::optional<std::uint64_t>(expected[cell]));
    }
    QCOMPARE(view.offsetAt(QPoint(cellX(view, 7), y)), std::nullopt); // past the end
    // A click selects the whole character: all three bytes of the euro sign.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(cellX(view, 4), y));
    QCOMPARE(selection.begin(), 5u);
    QCOMPARE(selection.end(), 8u);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(cellX(view, 5), y));
    QCOMPARE(selection.begin(), 8u); // the invalid byte alone
    QCOMPARE(selection.end(), 9u);
}

void TestTextViewCells::rightToLeftTextStaysInLogicalOrder() {
    auto store = test::makeStore();
    // Hebrew alef, bet (2 bytes each), then 'c': bidi would draw alef right of bet.
    test::appendText(*store, Direction::In,
                     "\xd7\x90\xd7\x91"
                     "c");
    TextView view;
    view.setStore(store);
    showView(view);
    const int y = view.rowHeight() + view.rowHeight() / 2;
    QCOMPARE(view.offsetAt(QPoint(cellX(view, 0), y)), std::optional<std::uint64_t>(0));
    QCOMPARE(view.offsetAt(QPoint(cellX(view, 1), y)), std::optional<std::uint64_t>(2));
    QCOMPARE(view.offsetAt(QPoint(cellX(view, 2), y)), std::optional<std::uint64_t>(4));
}

void TestTextViewCells::missingGlyphsBecomePlaceholders() {
    TextView view;
    QVERIFY(view.drawsCodePoint(U'A'));
    QVERIFY(view.drawsCodePoint(TextView::kPlaceholder));
    QVERIFY(!view.drawsCodePoint(U'\U0010FFFD')); // private use, plane 16: no font has it

    // A row of such characters still paints something in every cell (the placeholder).
    auto store = test::makeStore();
    std::string text;
    for (int i = 0; i < 8; ++i) {
        text += "\xf4\x8f\xbf\xbd"; // U+10FFFD
    }
    test::appendText(*store, Direction::In, text);
    view.setStore(store);
    showView(view);
    const QImage image = view.viewport()->grab().toImage();
    const QColor base = view.palette().color(QPalette::Base);
    const int h = view.rowHeight();
    const qreal cw = cellWidth(view);
    for (int cell = 0; cell < 8; ++cell) {
        bool inked = false;
        for (int x = static_cast<int>(4 + cell * cw); x < static_cast<int>(4 + (cell + 1) * cw);
             ++x) {
            for (int y = h; y < 2 * h && !inked; ++y) {
                inked = image.pixelColor(x, y) != base;
            }
        }
        QVERIFY2(inked, qPrintable(QStringLiteral("cell %1 is blank").arg(cell)));
    }
}

QTEST_MAIN(TestTextViewCells)
#include "test_text_view_cells.moc"
