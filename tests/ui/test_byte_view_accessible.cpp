// The hex and text views through the accessibility tree: a screen reader reads the rows on
// screen (record header with number, time and direction, then hex or text rows), the caret as
// a text offset that follows the arrow keys, and the byte selection.
#include "ui/support/capture_fill.h"
#include "ui/views/byte_selection.h"
#include "ui/views/hex_view.h"
#include "ui/views/text_view.h"

#include <QAccessible>
#include <QAccessibleInterface>
#include <QDateTime>
#include <QtTest>

using namespace socklab;
using namespace socklab::ui;

namespace {

constexpr std::int64_t kWallNs = 1'700'000'000'123'456'000;

/// The wall-clock time as the header shows it, computed here without the view's code.
QString expectedTime() {
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(kWallNs / 1'000'000);
    return t.toString(QStringLiteral("HH:mm:ss.zzz")) + QStringLiteral("456");
}

std::shared_ptr<TrafficStore> knownStore() {
    auto store = test::makeStore();
    const Endpoint peer = Endpoint::loopback4(9000);
    const auto in = test::bytesOf("GET / HTTP/1.0\r\n");
    store->appendData(0, Direction::In, in, &peer, 0, 0, kWallNs, 0);
    const auto out = test::bytesOf("HTTP/1.0 200 OK");
    store->appendData(0, Direction::Out, out, &peer, 0, 0, kWallNs + 1'000'000'000, 0);
    return store;
}

QString expectedTimePlus1s() {
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(kWallNs / 1'000'000 + 1000);
    return t.toString(QStringLiteral("HH:mm:ss.zzz")) + QStringLiteral("456");
}

QAccessibleTextInterface* textOf(QWidget* view) {
    QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(view);
    return iface ? iface->textInterface() : nullptr;
}

QString allText(QAccessibleTextInterface* t) {
    return t->text(0, t->characterCount());
}

/// The line of the accessible text holding a character index.
QString lineAt(QAccessibleTextInterface* t, int index) {
    const QString all = allText(t);
    const auto start = all.lastIndexOf(QLatin1Char('\n'), index - 1) + 1;
    auto end = all.indexOf(QLatin1Char('\n'), index);
    if (end < 0) {
        end = all.size();
    }
    return all.mid(start, end - start);
}

} // namespace

class TestByteViewAccessible : public QObject {
    Q_OBJECT
private slots:
    void hexViewReadsVisibleRows();
    void textViewReadsDecodedText();
    void caretFollowsArrowKeys();
    void selectionAndSetCursorThroughTheInterface();
};

void TestByteViewAccessible::hexViewReadsVisibleRows() {
    HexView view;
    view.setStore(knownStore());
    view.resize(760, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(&view);
    QVERIFY(iface);
    QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Hex view"));
    QVERIFY(iface->state().readOnly);
    QVERIFY(iface->state().multiLine);
    QAccessibleTextInterface* t = iface->textInterface();
    QVERIFY(t);
    const QString expected =
        QStringLiteral("#0  ") + expectedTime() +
        QStringLiteral(
            "  \u25c0 in  127.0.0.1:9000  16 bytes\n"
            "00000000: 47 45 54 20 2f 20 48 54 54 50 2f 31 2e 30 0d 0a  GET / HTTP/1.0..\n"
            "#1  ") +
        expectedTimePlus1s() +
        QStringLiteral(
            "  \u25b6 out  127.0.0.1:9000  15 bytes\n"
            "00000000: 48 54 54 50 2f 31 2e 30 20 32 30 30 20 4f 4b     HTTP/1.0 200 OK");
    QCOMPARE(allText(t), expected);
    QCOMPARE(t->characterCount(), static_cast<int>(expected.size()));
    QCOMPARE(iface->text(QAccessible::Value), expected);
}

void TestByteViewAccessible::textViewReadsDecodedText() {
    TextView view;
    view.setStore(knownStore());
    view.resize(760, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QAccessibleTextInterface* t = textOf(&view);
    QVERIFY(t);
    // Controls as pictures (CR = U+240D) and the line end as a return glyph, as painted.
    const QStringList lines = allText(t).split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.at(0), QStringLiteral("#0  ") + expectedTime() +
                              QStringLiteral("  \u25c0 in  127.0.0.1:9000  16 bytes"));
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("GET / HTTP/1.0\u240d")),
             qPrintable(lines.at(1)));
    QCOMPARE(lines.at(1).size(), 16);
    QCOMPARE(lines.at(2), QStringLiteral("#1  ") + expectedTimePlus1s() +
                              QStringLiteral("  \u25b6 out  127.0.0.1:9000  15 bytes"));
    QCOMPARE(lines.at(3), QStringLiteral("HTTP/1.0 200 OK"));
    for (int i = 0; i < lines.size(); ++i) {
        QCOMPARE(lines.at(i), view.rowText(view.visibleRows().at(static_cast<std::size_t>(i))));
    }
}

void TestByteViewAccessible::caretFollowsArrowKeys() {
    ByteSelection selection;
    HexView view;
    view.setSelectionModel(&selection);
    view.setStore(knownStore());
    view.resize(760, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setFocus();
    QAccessibleTextInterface* t = textOf(&view);
    QVERIFY(t);
    const QString all = allText(t);
    const int row1 = static_cast<int>(all.indexOf(QStringLiteral("00000000: 47")));
    QVERIFY(row1 > 0);

    // The first arrow puts the caret on the first byte on screen: "47" of row 1.
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(t->cursorPosition(), row1 + 10);
    QCOMPARE(all.mid(t->cursorPosition(), 2), QStringLiteral("47"));
    QTest::keyClick(&view, Qt::Key_Right);
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(all.mid(t->cursorPosition(), 2), QStringLiteral("54")); // 'T' of GET
    QCOMPARE(t->cursorPosition(), row1 + 16);
    // Down moves to the same column of the next data row (the header in between is skipped).
    QTest::keyClick(&view, Qt::Key_Down);
    QVERIFY(lineAt(t, t->cursorPosition()).startsWith(QStringLiteral("00000000: 48 54 54")));
    QCOMPARE(all.mid(t->cursorPosition(), 2), QStringLiteral("54"));
    // Shift extends the selection; the interface reports it as a text range.
    QTest::keyClick(&view, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(t->selectionCount(), 1);
    int start = 0;
    int end = 0;
    t->selection(0, &start, &end);
    QCOMPARE(all.mid(start, end - start), QStringLiteral("54 50"));
    QCOMPARE(selection.end() - selection.begin(), 2u);
}

void TestByteViewAccessible::selectionAndSetCursorThroughTheInterface() {
    ByteSelection selection;
    TextView view;
    view.setSelectionModel(&selection);
    view.setStore(knownStore());
    view.resize(760, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QAccessibleTextInterface* t = textOf(&view);
    QVERIFY(t);
    const QString all = allText(t);
    const int ok = static_cast<int>(all.indexOf(QStringLiteral("200 OK")));
    QVERIFY(ok > 0);
    t->setCursorPosition(ok + 4);
    QCOMPARE(t->cursorPosition(), ok + 4);
    QVERIFY(view.caret().has_value());
    t->setSelection(0, ok, ok + 3);
    int start = 0;
    int end = 0;
    t->selection(0, &start, &end);
    QCOMPARE(all.mid(start, end - start), QStringLiteral("200"));
    QCOMPARE(selection.end() - selection.begin(), 3u);
    t->removeSelection(0);
    QVERIFY(selection.isEmpty());
    QCOMPARE(t->selectionCount(), 0);
}

QTEST_MAIN(TestByteViewAccessible)
#include "test_byte_view_accessible.moc"
