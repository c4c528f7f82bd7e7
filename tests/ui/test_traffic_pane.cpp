// TrafficPane: selection sync between log, hex and text; find across the capture; copy-as;
// follow-tail; layout; accessibility; and a real engine session's bytes on screen.
#include "core/engine/engine.h"
#include "core/net/socket_spec.h"
#include "ui/models/traffic_model.h"
#include "ui/support/capture_fill.h"
#include "ui/views/byte_selection.h"
#include "ui/views/find_bar.h"
#include "ui/views/hex_view.h"
#include "ui/views/text_view.h"
#include "ui/views/traffic_pane.h"

#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

using namespace socklab;
using namespace socklab::ui;

class TestTrafficPane : public QObject {
    Q_OBJECT
private slots:
    void hexSelectionSelectsLogRowAndScrollsText();
    void logRowSelectsItsBytes();
    void findAcrossAChunkBoundary();
    void findHexAndBadInput();
    void copyAsWritesTheClipboard();
    void followTailAndLayout();
    void accessibleNamesAndShortcuts();
    void connectionFilterLimitsEveryView();
    void showsARealSessionsReply();
    void udpDatagramsKeepTheirBoundaries();

private:
    static void show(TrafficPane& pane) {
        pane.resize(1100, 700);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
    }
};

static bool shows(const ByteViewBase& view, std::uint64_t offset) {
    for (const LayoutRow& row : view.visibleRows()) {
        if (!row.isHeader() && offset >= row.arenaBegin() && offset < row.arenaEnd()) {
            return true;
        }
    }
    return false;
}

void TestTrafficPane::hexSelectionSelectsLogRowAndScrollsText() {
    auto store = test::makeStore();
    test::appendPattern(*store, 300, 64);
    TrafficPane pane;
    pane.setStore(store);
    show(pane);
    HexView* hex = pane.hexView();
    hex->scrollToTop();
    QVERIFY(!pane.textView()->followTail() || true);
    // Click the 4th byte of the first data row (record 0).
    const int h = hex->rowHeight();
    const qreal cw = QFontMetricsF(hex->font()).horizontalAdvance(QLatin1Char('0'));
    const int x = static_cast<int>(
        4 +
        static_cast<qreal>(hex->hexLayout().lineHexStart(8) + hex->hexLayout().hexColumn(3)) * cw +
        cw / 2);
    QTest::mouseClick(hex->viewport(), Qt::LeftButton, {}, QPoint(x, h + h / 2));
    QCOMPARE(pane.selection()->begin(), 3u);
    QCOMPARE(pane.selection()->end(), 4u);
    QCOMPARE(pane.logView()->currentIndex().row(), 0);
    // The text view followed the tail; the selection pulled it back to record 0.
    QVERIFY(shows(*pane.textView(), 3));
    QVERIFY(pane.statusLabel()->text().contains(QStringLiteral("selected 1 bytes at offset 3")));
}

void TestTrafficPane::logRowSelectsItsBytes() {
    auto store = test::makeStore();
    test::appendPattern(*store, 300, 64);
    store->appendEvent(0, RecordKind::PeerClosed, "");
    TrafficPane pane;
    pane.setStore(store);
    show(pane);
    pane.logView()->setCurrentIndex(pane.model()->index(150, 0));
    QCOMPARE(pane.selection()->begin(), 150u * 64u);
    QCOMPARE(pane.selection()->end(), 151u * 64u);
    QVERIFY(shows(*pane.hexView(), 150u * 64u));
    QVERIFY(shows(*pane.textView(), 150u * 64u));
    QVERIFY(!pane.hexView()->followTail());
    // A lifecycle row has no bytes: the views scroll to its header line instead.
    pane.logView()->setCurrentIndex(pane.model()->index(300, 0));
    bool headerShown = false;
    for (const LayoutRow& row : pane.hexView()->visibleRows()) {
        headerShown = headerShown || (row.isHeader() && row.record.seq == 300);
    }
    QVERIFY(headerShown);
}

void TestTrafficPane::findAcrossAChunkBoundary() {
    auto store = test::makeStore(4096); // arena chunks of 4 KiB
    test::appendText(*store, Direction::In, std::string(4093, 'a') + "NEE");
    test::appendText(*store, Direction::Out, "DLE" + std::string(5000, 'b'));
    test::appendText(*store, Direction::In, "xxNEEDLExx");
    const std::uint64_t second = 4096 + 3 + 5000 + 2;
    TrafficPane pane;
    pane.setStore(store);
    show(pane);
    pane.findBar()->setPattern(QStringLiteral("NEEDLE"), PatternKind::Text);

    QTest::keyClick(pane.hexView(), Qt::Key_F3);
    QCOMPARE(pane.selection()->begin(), 4093u);
    QCOMPARE(pane.selection()->end(), 4099u);
    QVERIFY(shows(*pane.hexView(), 4093));
    QVERIFY(pane.findBar()->statusLabel()->text().contains(QStringLiteral("offset 4093")));
    QCOMPARE(pane.logView()->currentIndex().row(), 0);

    QTest::keyClick(pane.hexView(), Qt::Key_F3);
    QCOMPARE(pane.selection()->begin(), second);
    QCOMPARE(pane.logView()->currentIndex().row(), 2);
    QVERIFY(!pane.findNext());
    QVERIFY(pane.findBar()->statusLabel()->text().startsWith(QStringLiteral("Not found")));
    QCOMPARE(pane.selection()->begin(), second); // a miss keeps the selection

    QTest::keyClick(pane.hexView(), Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(pane.selection()->begin(), 4093u);
    QVERIFY(!pane.findPrevious());

    // The same on the worker thread (what captures above the limit use).
    pane.setSyncFindLimit(0);
    QSignalSpy finished(&pane, &TrafficPane::findFinished);
    pane.findNext();
    QVERIFY(pane.isSearching());
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(pane.selection()->begin(), second);
    pane.findNext();
    QTRY_COMPARE(finished.count(), 2);
    QCOMPARE(finished.at(1).at(0).toBool(), false);
    QVERIFY(!pane.isSearching());
    // A search running when the capture goes (Clear capture sets no store) is void: no
    // selection, no crash, the find bar says nothing was found. (Backwards from `second` the
    // search hits 4093: applied to the cleared pane it would dereference no store.)
    pane.findPrevious();
    QVERIFY(pane.isSearching());
    pane.setStore(nullptr);
    QTRY_COMPARE(finished.count(), 3);
    QCOMPARE(finished.at(2).at(0).toBool(), false);
    QVERIFY(pane.selection()->isEmpty());
    QVERIFY(!pane.findBar()->statusLabel()->text().startsWith(QStringLiteral("Found")));
    pane.setStore(store);
    pane.findPrevious(); // still running when the pane is destroyed: must not crash
}

void TestTrafficPane::findHexAndBadInput() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, std::string("\x00\x01\xde\xad\xbe\xef", 6));
    TrafficPane pane;
    pane.setStore(store);
    show(pane);
    pane.findBar()->setPattern(QStringLiteral("de ad be"), PatternKind::Hex);
    QVERIFY(pane.findNext());
    QCOMPARE(pane.selection()->begin(), 2u);
    QCOMPARE(pane.selection()->end(), 5u);
    pane.findBar()->setPattern(QStringLiteral("de zz"), PatternKind::Hex);
    QVERIFY(pane.findBar()->statusLabel()->text().contains(QStringLiteral("position 3")));
    QVERIFY(!pane.findNext());
    QVERIFY(pane.findBar()->statusLabel()->text().contains(QStringLiteral("parse hex")));
}

void TestTrafficPane::copyAsWritesTheClipboard() {
    const std::string payload("GET /\r\n\x00'", 9);
    auto store = test::makeStore();
    test::appendText(*store, Direction::Out, "zz");
    test::appendText(*store, Direction::Out, payload);
    TrafficPane pane;
    pane.setStore(store);
    show(pane);
    QClipboard* clipboard = QApplication::clipboard();
    QVERIFY(!pane.copySelection(CopyKind::Hex)); // nothing selected yet
    pane.selection()->select(2, 11, ByteSelection::Origin::Program);

    pane.hexView()->setFocus();
    QTest::keyClick(pane.hexView(), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboard->text(), QStringLiteral("47 45 54 20 2f 0d 0a 00 27"));
    QVERIFY(pane.copySelection(CopyKind::CArray));
    QCOMPARE(clipboard->text(),
             QStringLiteral("unsigned char data[] = {0x47, 0x45, 0x54, 0x20, 0x2f, 0x0d, 0x0a, "
                            "0x00, 0x27};"));

    // Python bytes: Python itself is the reference.
    QVERIFY(pane.copySelection(CopyKind::PythonBytes));
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys; sys.stdout.write(repr(bytes.fromhex(sys.argv[1])))"),
                  QStringLiteral("474554202f0d0a0027")});
    QVERIFY(python.waitForFinished(10000));
    QCOMPARE(clipboard->text(), QString::fromLatin1(python.readAllStandardOutput()));
    QCOMPARE(clipboard->text(), QStringLiteral("b\"GET /\\r\\n\\x00'\""));

    pane.selection()->select(2, 9, ByteSelection::Origin::Program);
    QVERIFY(pane.copySelection(CopyKind::Text));
    QCOMPARE(clipboard->text(), QStringLiteral("GET /\r\n"));
    QVERIFY(pane.copySelection(CopyKind::EscapedText));
    QCOMPARE(clipboard->text(), QStringLiteral("GET /\\r\\n"));

    // Ctrl+Shift+C opens the "Copy as" menu.
    QTest::keyClick(pane.hexView(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(pane.copyMenu()->isVisible());
    pane.copyMenu()->close();

    // The menu offers every format under its label.
    QStringList labels;
    for (QAction* action : pane.copyMenu()->actions()) {
        labels << action->text();
    }
    QCOMPARE(labels, QStringList({QStringLiteral("Hex"), QStringLiteral("Text"),
                                  QStringLiteral("Escaped text"), QStringLiteral("C array"),
                                  QStringLiteral("Python bytes")}));
}

void TestTrafficPane::followTailAndLayout() {
    auto store = test::makeStore();
    TrafficPane pane;
    pane.setStore(store);
    show(pane);
    test::appendPattern(*store, 400, 32);
    // The pane's own timer picks the records up (it is visible and the store changed).
    QTRY_COMPARE(pane.model()->rowCount(), 400);
    QTRY_COMPARE(pane.hexView()->visibleRows().back().record.seq, 399u);
    QVERIFY(pane.followButton()->isChecked());

    QTest::keyClick(pane.hexView(), Qt::Key_PageUp);
    QVERIFY(!pane.hexView()->followTail());
    QVERIFY(!pane.followButton()->isChecked());
    test::appendPattern(*store, 10, 32);
    QTRY_COMPARE(pane.model()->rowCount(), 410);
    QVERIFY(pane.hexView()->visibleRows().back().record.seq < 409u);
    pane.followButton()->click();
    QVERIFY(pane.hexView()->followTail());
    QCOMPARE(pane.hexView()->visibleRows().back().record.seq, 409u);

    pane.layoutCombo()->setCurrentIndex(pane.layoutCombo()->findText(QStringLiteral("Hex only")));
    QCOMPARE(pane.viewLayout(), TrafficPane::ViewLayout::HexOnly);
    QVERIFY(pane.hexView()->isVisible());
    QVERIFY(!pane.textView()->isVisible());
    pane.setViewLayout(TrafficPane::ViewLayout::SideBySide);
    QVERIFY(pane.textView()->isVisible());

    // Hidden panes do no work per frame.
    pane.hide();
    test::appendPattern(*store, 5, 32);
    QTest::qWait(120);
    QCOMPARE(pane.model()->rowCount(), 410);
}

static void collectNames(QAccessibleInterface* iface, QStringList& out, int depth = 0) {
    if (!iface || depth > 12) {
        return;
    }
    const QString name = iface->text(QAccessible::Name);
    if (!name.isEmpty()) {
        out << name;
    }
    // On Linux a combo box's Name is its value; its label arrives as a Label relation.
    for (const auto& [label, relation] : iface->relations(QAccessible::Label)) {
        out << label->text(QAccessible::Name);
    }
    for (int i = 0; i < iface->childCount(); ++i) {
        collectNames(iface->child(i), out, depth + 1);
    }
}

void TestTrafficPane::accessibleNamesAndShortcuts() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, "hello");
    TrafficPane pane;
    pane.setStore(store);
    show(pane);
    QStringList names;
    collectNames(QAccessible::queryAccessibleInterface(&pane), names);
    for (const char* expected : {"Hex view", "Text view", "Log", "Find", "Find next",
                                 "Find previous", "Find as", "Copy as", "Follow tail", "Layout"}) {
        QVERIFY2(names.contains(QLatin1String(expected)),
                 qPrintable(QStringLiteral("%1 missing from %2")
                                .arg(QLatin1String(expected), names.join(QStringLiteral(", ")))));
    }
    // Ctrl+F focuses the find field from anywhere in the pane.
    pane.logView()->setFocus();
    QTest::keyClick(pane.logView(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(pane.findBar()->patternEdit()->hasFocus());
    // Tab order: find field -> kind -> previous -> next -> (the filter bar when shown) -> log ->
    // hex -> text -> the view controls.
    QWidget* w = pane.findBar()->patternEdit();
    QStringList order;
    for (int i = 0; i < 10; ++i) {
        w = w->nextInFocusChain();
        while (w && (w->focusPolicy() == Qt::NoFocus || !w->isVisible())) {
            w = w->nextInFocusChain();
        }
        order << w->accessibleName();
    }
    QVERIFY2(order.indexOf(QStringLiteral("Log")) < order.indexOf(QStringLiteral("Hex view")),
             qPrintable(order.join(QStringLiteral(", "))));
    QVERIFY2(order.indexOf(QStringLiteral("Hex view")) < order.indexOf(QStringLiteral("Text view")),
             qPrintable(order.join(QStringLiteral(", "))));
}

void TestTrafficPane::connectionFilterLimitsEveryView() {
    auto store = test::makeStore();
    store->appendEvent(0, RecordKind::Listening, "127.0.0.1:7");
    test::appendText(*store, Direction::In, "one KEY", 1);
    test::appendText(*store, Direction::In, "two KEY", 2);
    test::appendText(*store, Direction::Out, "one again KEY", 1);
    TrafficPane pane;
    pane.setStore(store);
    show(pane);
    QCOMPARE(pane.model()->rowCount(), 4);
    pane.setConnectionFilter(2);
    QCOMPARE(pane.model()->rowCount(), 1);
    for (const ByteViewBase* view : {static_cast<const ByteViewBase*>(pane.hexView()),
                                     static_cast<const ByteViewBase*>(pane.textView())}) {
        QVERIFY(!view->visibleRows().empty());
        for (const LayoutRow& row : view->visibleRows()) {
            QCOMPARE(row.record.connectionId, 2u);
        }
    }
    // Find skips the hits in other connections.
    pane.findBar()->setPattern(QStringLiteral("KEY"), PatternKind::Text);
    QVERIFY(pane.findNext());
    QCOMPARE(pane.selection()->begin(), 7u + 4u);
    QVERIFY(!pane.findNext());
    pane.setConnectionFilter(std::nullopt);
    QCOMPARE(pane.model()->rowCount(), 4);
}

void TestTrafficPane::showsARealSessionsReply() {
    // An echo peer written with Python's socket module.
    QProcess peer;
    peer.start(QStringLiteral("python3"),
               {QStringLiteral("-c"),
                QStringLiteral("import socket,time\n"
                               "s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(1)\n"
                               "print(s.getsockname()[1], flush=True)\n"
                               "c,_=s.accept(); c.settimeout(10)\n"
                               "d=c.recv(100); c.sendall(b'echo:'+d); time.sleep(2)\n")});
    QVERIFY(peer.waitForStarted(15000));
    QVERIFY(peer.waitForReadyRead(15000));
    const int port = peer.readLine().trimmed().toInt();
    QVERIFY(port > 0);

    Engine engine;
    engine.start();
    OpenSession open;
    open.spec = SocketSpec{familyByName("inet")->value, typeByName("stream")->value, 0};
    open.role = Role::Connect;
    open.remote = "127.0.0.1:" + std::to_string(port);
    const SessionId id = engine.open(open);
    TrafficPane pane;
    pane.setStore(engine.store(id));
    pane.setLocalLabel(QStringLiteral("client"));
    show(pane);
    QTRY_VERIFY_WITH_TIMEOUT(pane.model()->rowCount() > 0, 15000);
    engine.post(SendData{id, 0, test::bytesOf("ping\x01"), false, {}});

    auto rowTexts = [](const ByteViewBase& view) {
        QStringList out;
        for (const LayoutRow& row : view.visibleRows()) {
            out << view.rowText(row);
        }
        return out;
    };
    QTRY_VERIFY_WITH_TIMEOUT(
        rowTexts(*pane.hexView())
            .contains(QStringLiteral("00000000: 65 63 68 6f 3a 70 69 6e 67 01                    "
                                     "echo:ping.")),
        15000);
    QVERIFY2(rowTexts(*pane.hexView())
                 .contains(QStringLiteral("00000000: 70 69 6e 67 01") +
                           QString(35, QLatin1Char(' ')) + QStringLiteral("ping.")),
             qPrintable(rowTexts(*pane.hexView()).join(QLatin1Char('\n'))));
    QTRY_VERIFY(rowTexts(*pane.textView()).contains(QStringLiteral("echo:ping\u2401")));
    if (const QByteArray dir = qgetenv("SOCKLAB_SCREENSHOT_DIR"); !dir.isEmpty()) {
        pane.selection()->select(5, 9, ByteSelection::Origin::Program);
        pane.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/traffic_pane.png"));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x2d, 0x2d, 0x30));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
        dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
        pane.setPalette(dark);
        pane.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/traffic_pane_dark.png"));
    }
    peer.kill();
    peer.waitForFinished(15000);
}

void TestTrafficPane::udpDatagramsKeepTheirBoundaries() {
    Engine engine;
    engine.start();
    OpenSession open;
    open.spec = SocketSpec{familyByName("inet")->value, typeByName("dgram")->value, 0};
    open.role = Role::Bind;
    open.local = "127.0.0.1:0";
    const SessionId id = engine.open(open);
    std::string local;
    for (int i = 0; i < 50 && local.empty(); ++i) {
        for (const EngineEvent& e : engine.events().waitAndDrain(100)) {
            if (e.session == id && e.kind == EngineEvent::Kind::StateChanged &&
                e.state == SessionState::Bound) {
                local = e.local;
            }
        }
    }
    QVERIFY(!local.empty());
    TrafficPane pane;
    pane.setStore(engine.store(id));
    show(pane);

    QProcess sender;
    sender.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import socket,sys\n"
                                 "s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                                 "for d in (b'a', b'bb', b'ccc'): "
                                 "s.sendto(d, ('127.0.0.1', int(sys.argv[1])))\n"),
                  QString::fromStdString(local.substr(local.rfind(':') + 1))});
    QVERIFY(sender.waitForFinished(15000));
    QCOMPARE(sender.exitCode(), 0);
    QStringList lengths;
    const auto dataLengths = [&] {
        lengths.clear();
        for (int row = 0; row < pane.model()->rowCount(); ++row) {
            const QModelIndex index = pane.model()->index(row, TrafficModel::LengthColumn);
            if (index.data().isValid()) {
                lengths << index.data().toString();
            }
        }
        return lengths;
    };
    QTRY_COMPARE_WITH_TIMEOUT(
        dataLengths(), QStringList({QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}),
        15000);
    QStringList hexRows;
    for (const LayoutRow& row : pane.hexView()->visibleRows()) {
        if (!row.isHeader()) {
            hexRows << pane.hexView()->rowText(row).left(18).trimmed();
        }
    }
    QCOMPARE(hexRows,
             QStringList({QStringLiteral("00000000: 61"), QStringLiteral("00000000: 62 62"),
                          QStringLiteral("00000000: 63 63 63")}));
}

QTEST_MAIN(TestTrafficPane)
#include "test_traffic_pane.moc"
