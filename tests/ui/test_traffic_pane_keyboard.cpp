// TrafficPane without a mouse: select bytes in the hex or text view with the keyboard and copy
// them with Ctrl+C; the log row follows.
#include "ui/models/traffic_model.h"
#include "ui/support/capture_fill.h"
#include "ui/views/byte_selection.h"
#include "ui/views/hex_view.h"
#include "ui/views/text_view.h"
#include "ui/views/traffic_pane.h"

#include <QApplication>
#include <QClipboard>
#include <QTableView>
#include <QtTest>

using namespace socklab;
using namespace socklab::ui;

class TestTrafficPaneKeyboard : public QObject {
    Q_OBJECT
private slots:
    void keyboardSelectionInHexIsCopied();
    void keyboardSelectionInTextTakesWholeCharacters();
};

namespace {

void showPane(TrafficPane& pane) {
    pane.resize(1000, 700);
    pane.show();
    QVERIFY(QTest::qWaitForWindowActive(&pane));
}

} // namespace

void TestTrafficPaneKeyboard::keyboardSelectionInHexIsCopied() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, "zz");
    test::appendText(*store, Direction::Out, "GET /\r\n");
    TrafficPane pane;
    pane.setStore(store);
    showPane(pane);
    pane.hexView()->scrollToTop();
    pane.hexView()->setFocus();
    QTRY_VERIFY(pane.hexView()->hasFocus());
    QTest::keyClick(pane.hexView(), Qt::Key_Right); // caret on byte 0
    QTest::keyClick(pane.hexView(), Qt::Key_Down);  // the next record's first byte
    QCOMPARE(pane.hexView()->caret(), std::optional<std::uint64_t>(2));
    QTest::keyClick(pane.hexView(), Qt::Key_End, Qt::ShiftModifier);
    QCOMPARE(pane.selection()->begin(), 2u);
    QCOMPARE(pane.selection()->end(), 9u);
    QCOMPARE(pane.logView()->currentIndex().row(), 1);
    QApplication::clipboard()->clear();
    QTest::keyClick(pane.hexView(), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("47 45 54 20 2f 0d 0a"));
}

void TestTrafficPaneKeyboard::keyboardSelectionInTextTakesWholeCharacters() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, "h\xc3\xa9llo");
    TrafficPane pane;
    pane.setStore(store);
    showPane(pane);
    TextView* text = pane.textView();
    text->setFocus();
    QTRY_VERIFY(text->hasFocus());
    QTest::keyClick(text, Qt::Key_Right);                    // caret on 'h'
    QTest::keyClick(text, Qt::Key_Right, Qt::ShiftModifier); // onto é (2 bytes)
    QCOMPARE(text->caret(), std::optional<std::uint64_t>(1));
    QCOMPARE(pane.selection()->end(), 3u);                   // é whole
    QTest::keyClick(text, Qt::Key_Right, Qt::ShiftModifier); // over é's second byte to 'l'
    QCOMPARE(text->caret(), std::optional<std::uint64_t>(3));
    QApplication::clipboard()->clear();
    QTest::keyClick(text, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("h\u00e9l"));
}

QTEST_MAIN(TestTrafficPaneKeyboard)
#include "test_traffic_pane_keyboard.moc"
