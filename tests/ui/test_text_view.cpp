// TextView: lines break after '\n', wrap to the viewport, controls as pictures, UTF-8 decoded
// by the codec, and clicks map characters back to their bytes.
#include "ui/support/capture_fill.h"
#include "ui/views/byte_selection.h"
#include "ui/views/text_view.h"

#include <QtTest>

using namespace socklab;
using namespace socklab::ui;

class TestTextView : public QObject {
    Q_OBJECT
private slots:
    void breaksLinesAndShowsControls();
    void wrapsLongLinesWithoutSplittingUtf8();
    void clickSelectsTheCharactersBytes();
};

static QStringList texts(const TextView& view) {
    QStringList out;
    for (const LayoutRow& row : view.visibleRows()) {
        out << view.rowText(row);
    }
    return out;
}

static void showView(TextView& view, int width = 600) {
    view.resize(width, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
}

void TestTextView::breaksLinesAndShowsControls() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, "line one\nline two\r\nno newline\x01");
    test::appendText(*store, Direction::Out, "h\xc3\xa9llo \xff!");
    TextView view;
    view.setStore(store);
    showView(view);
    const QStringList rows = texts(view);
    QCOMPARE(rows.size(), 6);
    QVERIFY(rows.at(0).startsWith(QStringLiteral("#0  ")));
    QCOMPARE(rows.at(1), QStringLiteral("line one\u21b5"));
    QCOMPARE(rows.at(2), QStringLiteral("line two\u240d\u21b5"));
    QCOMPARE(rows.at(3), QStringLiteral("no newline\u2401"));
    QVERIFY(rows.at(4).startsWith(QStringLiteral("#1  ")));
    QCOMPARE(rows.at(5), QStringLiteral("h\u00e9llo \ufffd!"));
}

void TestTextView::wrapsLongLinesWithoutSplittingUtf8() {
    auto store = test::makeStore();
    std::string text;
    for (int i = 0; i < 100; ++i) {
        text += "\xc3\xa9"; // é, 2 bytes
    }
    test::appendText(*store, Direction::In, text);
    TextView view;
    view.setStore(store);
    showView(view, 300);
    const std::uint32_t width = view.byteLayout().width();
    QVERIFY(width < 200);
    const auto rows = view.visibleRows();
    QVERIFY(rows.size() > 2);
    std::uint32_t covered = 0;
    for (const LayoutRow& row : rows) {
        if (row.isHeader()) {
            continue;
        }
        // Rows wrap by cells (one per é), so a full row holds `width` characters.
        const auto cells = static_cast<std::uint32_t>(view.rowText(row).size());
        QVERIFY(cells <= width);
        QCOMPARE(row.byteEnd - row.byteBegin, 2 * cells);
        QVERIFY(cells == width || row.byteEnd == 200u);
        QCOMPARE(row.byteBegin % 2, 0u); // never inside a 2-byte sequence
        QVERIFY(!view.rowText(row).contains(QChar(0xfffd)));
        covered += row.byteEnd - row.byteBegin;
    }
    QCOMPARE(covered, 200u);
}

void TestTextView::clickSelectsTheCharactersBytes() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, "ab\xc3\xa9z\nxy");
    ByteSelection selection;
    TextView view;
    view.setSelectionModel(&selection);
    view.setStore(store);
    showView(view);
    const int h = view.rowHeight();
    const QFontMetrics fm = view.fontMetrics();
    const int y = h + h / 2;
    // Middle of the 3rd character (é, bytes 2..3) and of 'z' (byte 4).
    const int xE =
        4 + fm.horizontalAdvance(QStringLiteral("ab")) + fm.horizontalAdvance(QChar(0xe9)) / 2;
    const int xZ = 4 + fm.horizontalAdvance(QStringLiteral("ab\u00e9")) + 2;
    QCOMPARE(view.offsetAt(QPoint(xE, y)), std::optional<std::uint64_t>(2));
    QCOMPARE(view.offsetAt(QPoint(xZ, y)), std::optional<std::uint64_t>(4));
    QCOMPARE(view.offsetAt(QPoint(4 + 1, 2 * h + h / 2)), std::optional<std::uint64_t>(6));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(xZ, y));
    QCOMPARE(selection.begin(), 4u);
    QCOMPARE(selection.end(), 5u);
}

QTEST_MAIN(TestTextView)
#include "test_text_view.moc"
