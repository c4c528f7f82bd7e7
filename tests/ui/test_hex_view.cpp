// HexView: rows as xxd prints them, record headers, mouse selection, follow-tail, jumps.
#include "ui/support/capture_fill.h"
#include "ui/views/byte_selection.h"
#include "ui/views/hex_view.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QScrollBar>
#include <QtTest>

using namespace socklab;
using namespace socklab::ui;

class TestHexView : public QObject {
    Q_OBJECT
private slots:
    void rowsMatchXxd();
    void headerShowsRecordBoundaryAndTime();
    void mouseSelectsBytes();
    void followTailStopsWhenScrolledUpAndResumesAtBottom();
    void jumpsAnywhereInALargeCapture();
    void evictedRecordsDisappearFromTheTop();

private:
    static QStringList texts(const HexView& view) {
        QStringList out;
        for (const LayoutRow& row : view.visibleRows()) {
            out << view.rowText(row);
        }
        return out;
    }
};

static void showView(HexView& view) {
    view.resize(760, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
}

void TestHexView::rowsMatchXxd() {
    const std::string payload = "Hello, world! 0123456789\x01\xff";
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, payload);
    HexView view;
    view.setStore(store);
    showView(view);
    const QStringList rows = texts(view);
    QCOMPARE(rows.size(), 3);

    // The independent reference: xxd -g1 on the same bytes.
    QProcess xxd;
    xxd.start(QStringLiteral("xxd"), {QStringLiteral("-g1"), QStringLiteral("-c16")});
    if (!xxd.waitForStarted(3000)) {
        QSKIP("xxd is not installed");
    }
    xxd.write(payload.data(), static_cast<qint64>(payload.size()));
    xxd.closeWriteChannel();
    QVERIFY(xxd.waitForFinished(5000));
    const QStringList expected = QString::fromLatin1(xxd.readAllStandardOutput())
                                     .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(expected.size(), 2);
    QCOMPARE(rows.at(1), expected.at(0));
    QCOMPARE(rows.at(2), expected.at(1));
    QCOMPARE(rows.at(1),
             QStringLiteral(
                 "00000000: 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 21 20 30 31  Hello, world! 01"));
}

void TestHexView::headerShowsRecordBoundaryAndTime() {
    auto store = test::makeStore();
    const Endpoint peer = Endpoint::loopback4(9000);
    const auto hello = test::bytesOf("hi");
    store->appendData(0, Direction::In, hello, &peer, 0, 0, 1'700'000'000'123'456'000, 0);
    test::appendText(*store, Direction::Out, "yo");
    store->appendEvent(0, RecordKind::PeerClosed, "");
    HexView view;
    view.setStore(store);
    showView(view);
    const QStringList rows = texts(view);
    QCOMPARE(rows.size(), 5); // header+row, header+row, event header
    QVERIFY2(rows.at(0).startsWith(QStringLiteral("#0  ")), qPrintable(rows.at(0)));
    QVERIFY2(rows.at(0).contains(QStringLiteral(".123456")), qPrintable(rows.at(0)));
    QVERIFY(rows.at(0).contains(QStringLiteral("in")));
    QVERIFY(rows.at(0).contains(QStringLiteral("127.0.0.1:9000")));
    QVERIFY(rows.at(0).contains(QStringLiteral("2 bytes")));
    QVERIFY(rows.at(2).startsWith(QStringLiteral("#1  ")));
    QVERIFY(rows.at(2).contains(QStringLiteral("out")));
    QVERIFY(rows.at(3).startsWith(QStringLiteral("00000000: 79 6f")));
    QVERIFY2(rows.at(4).contains(QStringLiteral("peer-closed")), qPrintable(rows.at(4)));
}

void TestHexView::mouseSelectsBytes() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, "0123456789abcdefXYZ");
    ByteSelection selection;
    HexView view;
    view.setSelectionModel(&selection);
    view.setStore(store);
    showView(view);
    const int h = view.rowHeight();
    const qreal cw = QFontMetricsF(view.font()).horizontalAdvance(QLatin1Char('0'));
    const HexdumpLayout& hex = view.hexLayout();
    const auto hexX = [&](std::size_t i) {
        return static_cast<int>(
            4 + static_cast<qreal>(hex.lineHexStart(8) + hex.hexColumn(i)) * cw + cw / 2);
    };
    const auto asciiX = [&](std::size_t i) {
        return static_cast<int>(4 + static_cast<qreal>(hex.lineAsciiStart(8) + i) * cw + cw / 2);
    };
    // Row 1 is the first data row (row 0 is the record header).
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(hexX(4), h + h / 2));
    QCOMPARE(selection.begin(), 4u);
    QCOMPARE(selection.end(), 5u);
    QCOMPARE(view.offsetAt(QPoint(asciiX(10), h + h / 2)), std::optional<std::uint64_t>(10));
    QCOMPARE(view.offsetAt(QPoint(hexX(1), 2 * h + h / 2)), std::optional<std::uint64_t>(17));
    QCOMPARE(view.offsetAt(QPoint(hexX(5), 2 * h + h / 2)), std::nullopt); // past the last byte
    QCOMPARE(view.offsetAt(QPoint(hexX(0), h / 2)), std::nullopt);         // header

    // Drag from byte 2 to the second row's byte 1 (arena 17).
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, QPoint(hexX(2), h + h / 2));
    QMouseEvent move(QEvent::MouseMove, QPointF(hexX(1), 2 * h + h / 2),
                     view.viewport()->mapToGlobal(QPointF(hexX(1), 2 * h + h / 2)), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view.viewport(), &move);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, QPoint(hexX(1), 2 * h + h / 2));
    QCOMPARE(selection.begin(), 2u);
    QCOMPARE(selection.end(), 18u);
}

void TestHexView::followTailStopsWhenScrolledUpAndResumesAtBottom() {
    auto store = test::makeStore();
    test::appendPattern(*store, 200, 40);
    HexView view;
    view.setStore(store);
    showView(view);
    QSignalSpy follow(&view, &ByteViewBase::followTailChanged);
    QVERIFY(view.followTail());
    auto lastShown = [&] {
        const auto& rows = view.visibleRows();
        return rows.empty() ? 0 : rows.back().record.seq;
    };
    QCOMPARE(lastShown(), 199u);

    // Scrolling up with the wheel stops following...
    QWheelEvent wheel(QPointF(50, 50), view.viewport()->mapToGlobal(QPointF(50, 50)), {},
                      QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &wheel);
    QVERIFY(!view.followTail());
    QCOMPARE(follow.count(), 1);
    const RowRef top = view.topRow();
    test::appendPattern(*store, 50, 40);
    view.refresh();
    QCOMPARE(view.topRow(), top); // ...new traffic does not move the view
    QVERIFY(lastShown() < 249u);

    // Scrolling back down to the bottom resumes following.
    for (int i = 0; i < 200 && !view.followTail(); ++i) {
        QVERIFY(lastShown() < 249u);
        QTest::keyClick(&view, Qt::Key_PageDown);
    }
    QVERIFY(view.followTail());
    QCOMPARE(lastShown(), 249u);
    test::appendPattern(*store, 10, 40);
    view.refresh();
    QCOMPARE(lastShown(), 259u);
    QScrollBar* bar = view.verticalScrollBar();
    QCOMPARE(bar->value(), bar->maximum());
}

void TestHexView::jumpsAnywhereInALargeCapture() {
    // 64 MiB in 64 KiB records: a jump must land near the asked position, reading only rows
    // on screen (no whole-capture index).
    // SOCKLAB_LARGE_CAPTURE_MIB=1024 runs the same checks on a 1 GiB capture by hand.
    const int mib = qEnvironmentVariableIsSet("SOCKLAB_LARGE_CAPTURE_MIB")
                        ? qEnvironmentVariableIntValue("SOCKLAB_LARGE_CAPTURE_MIB")
                        : 64;
    const auto records = static_cast<std::uint64_t>(mib) * 16; // 64 KiB each
    TrafficStore::Config config;
    config.memoryCapBytes = (static_cast<std::size_t>(mib) + 64) << 20;
    auto store = std::make_shared<TrafficStore>(config);
    test::appendPattern(*store, records, 64 * 1024);
    HexView view;
    view.setStore(store);
    showView(view);
    QScrollBar* bar = view.verticalScrollBar();
    QVERIFY(bar->maximum() > mib * 60'000); // ~ 64 Ki rows of 16 bytes per MiB

    QElapsedTimer timer;
    timer.start();
    bar->setSliderPosition(bar->maximum() / 2);
    QCoreApplication::processEvents();
    const auto top = view.visibleRows().front();
    QVERIFY2(top.record.seq + 2 >= records / 2 && top.record.seq <= records / 2 + 2,
             qPrintable(QString::number(top.record.seq)));
    bar->triggerAction(QAbstractSlider::SliderToMinimum);
    QCOMPARE(view.visibleRows().front().record.seq, 0u);
    bar->triggerAction(QAbstractSlider::SliderToMaximum);
    QCOMPARE(view.visibleRows().back().record.seq, records - 1);
    QCOMPARE(view.visibleRows().back().byteEnd, 64u * 1024u);
    view.repaint();
    qInfo("%d MiB: jumps and repaints took %lld ms", mib, static_cast<long long>(timer.elapsed()));
    // Generous bound: this guards against an accidental whole-capture walk (seconds), it is
    // not a benchmark.
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
}

void TestHexView::evictedRecordsDisappearFromTheTop() {
    auto store = test::makeStore(4096, 100);
    test::appendPattern(*store, 50, 40);
    HexView view;
    view.setStore(store);
    showView(view);
    view.scrollToTop();
    QCOMPARE(view.topRow().seq, 0u);
    QVERIFY(!view.followTail());
    test::appendPattern(*store, 100, 40);
    view.refresh();
    QVERIFY(store->beginSeq() >= 50);
    QVERIFY(view.topRow().seq >= store->beginSeq());
    QCOMPARE(view.visibleRows().front().record.seq, store->beginSeq());
}

QTEST_MAIN(TestHexView)
#include "test_hex_view.moc"
