// TrafficPane without a mouse: select bytes in the hex or text view with the keyboard and copy
// them with Ctrl+C; the log row follows. Tab walks the pane in visual order, Ctrl+F and F6 /
// Shift+F6 jump, and every view shows where the focus is.
#include "ui/models/traffic_model.h"
#include "ui/support/capture_fill.h"
#include "ui/views/byte_selection.h"
#include "ui/views/find_bar.h"
#include "ui/views/hex_view.h"
#include "ui/views/text_view.h"
#include "ui/views/traffic_pane.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLineEdit>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

using namespace socklab;
using namespace socklab::ui;

class TestTrafficPaneKeyboard : public QObject {
    Q_OBJECT
private slots:
    void keyboardSelectionInHexIsCopied();
    void keyboardSelectionInTextTakesWholeCharacters();
    void tabWalksThePaneInVisualOrder();
    void ctrlFAndF6JumpBetweenViews();
    void focusedViewsShowAFrame();
};

namespace {

void showPane(TrafficPane& pane) {
    pane.resize(1000, 700);
    pane.show();
    QVERIFY(QTest::qWaitForWindowActive(&pane));
}

QString nameOf(const QWidget* w) {
    if (!w) {
        return QStringLiteral("(none)");
    }
    return w->accessibleName().isEmpty() ? QString::fromLatin1(w->metaObject()->className())
                                         : w->accessibleName();
}

// Presses key on the focused widget and returns the accessible name of the new focus.
QString press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QWidget* focus = QApplication::focusWidget();
    if (!focus) {
        return QStringLiteral("(none)");
    }
    QTest::keyClick(focus, static_cast<Qt::Key>(key), modifiers);
    return nameOf(QApplication::focusWidget());
}

// Whether the pixel one in from the middle of the left edge is the highlight colour.
bool framed(QAbstractScrollArea* view) {
    const QImage image = view->viewport()->grab().toImage();
    return image.pixelColor(1, image.height() / 2) == view->palette().color(QPalette::Highlight);
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

void TestTrafficPaneKeyboard::tabWalksThePaneInVisualOrder() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, "tab");
    TrafficPane pane;
    pane.setStore(store);
    showPane(pane);
    pane.findBar()->patternEdit()->setFocus();
    QTRY_VERIFY(pane.findBar()->patternEdit()->hasFocus());
    // Top to bottom: find bar, (the filter bar when shown), log, hex, text, then the view
    // controls below them.
    const QStringList forward{
        QStringLiteral("Find as"),  QStringLiteral("Find previous"), QStringLiteral("Find next"),
        QStringLiteral("Log"),      QStringLiteral("Hex view"),      QStringLiteral("Text view"),
        QStringLiteral("Filter"),   QStringLiteral("Follow tail"),   QStringLiteral("Layout"),
        QStringLiteral("Encoding"), QStringLiteral("Copy as")};
    QStringList seen;
    for (qsizetype i = 0; i < forward.size(); ++i) {
        seen << press(Qt::Key_Tab);
    }
    QCOMPARE(seen, forward);
    QVERIFY(pane.copyButton()->hasFocus());
    // And back.
    seen.clear();
    for (qsizetype i = 0; i < forward.size(); ++i) {
        seen << press(Qt::Key_Backtab, Qt::ShiftModifier);
    }
    QStringList backward(forward.rbegin() + 1, forward.rend());
    backward << QStringLiteral("Find");
    QCOMPARE(seen, backward);
    // The views are above the controls on screen too.
    const auto top = [&pane](QWidget* w) { return w->mapTo(&pane, QPoint(0, 0)).y(); };
    QVERIFY(top(pane.findBar()) < top(pane.logView()));
    QVERIFY(top(pane.logView()) < top(pane.hexView()));
    QVERIFY(top(pane.hexView()) < top(pane.followButton()));
    QCOMPARE(top(pane.followButton()), top(pane.copyButton()));
}

void TestTrafficPaneKeyboard::ctrlFAndF6JumpBetweenViews() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, "jump");
    TrafficPane pane;
    pane.setStore(store);
    showPane(pane);
    pane.hexView()->setFocus();
    QTRY_VERIFY(pane.hexView()->hasFocus());
    pane.findBar()->patternEdit()->setText(QStringLiteral("ju"));
    QCOMPARE(press(Qt::Key_F, Qt::ControlModifier), QStringLiteral("Find"));
    QCOMPARE(pane.findBar()->patternEdit()->selectedText(), QStringLiteral("ju"));
    QStringList seen;
    for (int i = 0; i < 4; ++i) {
        seen << press(Qt::Key_F6);
    }
    QCOMPARE(seen, (QStringList{QStringLiteral("Log"), QStringLiteral("Hex view"),
                                QStringLiteral("Text view"), QStringLiteral("Find")}));
    seen.clear();
    for (int i = 0; i < 4; ++i) {
        seen << press(Qt::Key_F6, Qt::ShiftModifier);
    }
    QCOMPARE(seen, (QStringList{QStringLiteral("Text view"), QStringLiteral("Hex view"),
                                QStringLiteral("Log"), QStringLiteral("Find")}));
    // A hidden view is skipped.
    pane.setViewLayout(TrafficPane::ViewLayout::HexOnly);
    pane.logView()->setFocus();
    QTRY_VERIFY(pane.logView()->hasFocus());
    QCOMPARE(press(Qt::Key_F6), QStringLiteral("Hex view"));
    QCOMPARE(press(Qt::Key_F6), QStringLiteral("Find"));
    // Told to assistive technology and in the tooltip.
    QVERIFY(pane.hexView()->accessibleDescription().contains(QStringLiteral("F6")));
    QVERIFY(pane.logView()->accessibleDescription().contains(QStringLiteral("Ctrl+F")));
    QVERIFY(pane.findBar()->patternEdit()->toolTip().contains(QStringLiteral("Shift+F6")));
}

void TestTrafficPaneKeyboard::focusedViewsShowAFrame() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, "frame");
    TrafficPane pane;
    pane.setStore(store);
    showPane(pane);
    QAbstractScrollArea* views[] = {pane.logView(), pane.hexView(), pane.textView()};
    for (QAbstractScrollArea* view : views) {
        view->setFocus();
        QTRY_VERIFY(view->hasFocus());
        for (QAbstractScrollArea* other : views) {
            QVERIFY2(framed(other) == (other == view),
                     qPrintable(nameOf(view) + QStringLiteral(" focused, ") + nameOf(other)));
        }
    }
}

QTEST_MAIN(TestTrafficPaneKeyboard)
#include "test_traffic_pane_keyboard.moc"
