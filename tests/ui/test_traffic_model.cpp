// TrafficModel: rows follow the store at refresh time (inserts at the end, removals at the
// front), lifecycle events are rows, previews come from the codec, filters work.
#include "ui/models/traffic_model.h"
#include "ui/support/capture_fill.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace socklab;
using socklab::ui::TrafficModel;

class TestTrafficModel : public QObject {
    Q_OBJECT
private slots:
    void growsOnRefreshOnly();
    void showsColumns();
    void lifecycleEventsAreRows();
    void evictedRecordsLeaveFromTheFront();
    void connectionFilter();
    void mapsArenaOffsetsToRows();
};

void TestTrafficModel::growsOnRefreshOnly() {
    auto store = test::makeStore();
    TrafficModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(store);
    QCOMPARE(model.rowCount(), 0);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    for (int i = 0; i < 100; ++i) {
        test::appendText(*store, Direction::In, "packet");
    }
    QCOMPARE(model.rowCount(), 0); // nothing per packet
    model.refresh();
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(inserted.count(), 1); // one insert per frame
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 99);

    test::appendText(*store, Direction::Out, "more");
    model.refresh();
    QCOMPARE(model.rowCount(), 101);
    QCOMPARE(inserted.count(), 2);
    model.refresh(); // no change, no signal
    QCOMPARE(inserted.count(), 2);
}

void TestTrafficModel::showsColumns() {
    auto store = test::makeStore();
    TrafficModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(store);
    test::appendText(*store, Direction::In, "GET / HTTP/1.1\r\n\x01");
    const Endpoint peer = Endpoint::loopback4(4242);
    const auto bytes = test::bytesOf(std::string(100, 'x'));
    store->appendData(3, Direction::Out, bytes, &peer, RecordFlag::Oob);
    model.refresh();
    QCOMPARE(model.rowCount(), 2);
    auto text = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(text(0, TrafficModel::DirectionColumn), QStringLiteral("in"));
    QCOMPARE(text(0, TrafficModel::LengthColumn), QStringLiteral("17"));
    QCOMPARE(text(0, TrafficModel::PreviewColumn), QStringLiteral("GET / HTTP/1.1\\r\\n\\x01"));
    QVERIFY(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d\\.\\d{6}$"))
                .match(text(0, TrafficModel::TimeColumn))
                .hasMatch());
    QCOMPARE(text(1, TrafficModel::DirectionColumn), QStringLiteral("out"));
    QCOMPARE(text(1, TrafficModel::ConnectionColumn), QStringLiteral("conn 3 127.0.0.1:4242"));
    QCOMPARE(text(1, TrafficModel::FlagsColumn), QStringLiteral("OOB"));
    QCOMPARE(text(1, TrafficModel::PreviewColumn), QString(48, QLatin1Char('x')) + QChar(0x2026));
    QCOMPARE(model.index(1, 0).data(TrafficModel::SeqRole).toULongLong(), 1ull);
    QCOMPARE(model.index(1, 0).data(TrafficModel::ArenaOffsetRole).toULongLong(), 17ull);
}

void TestTrafficModel::lifecycleEventsAreRows() {
    auto store = test::makeStore();
    TrafficModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(store);
    store->appendEvent(0, RecordKind::Connected, "127.0.0.1:80");
    test::appendText(*store, Direction::In, "hi");
    store->appendEvent(0, RecordKind::Reset, "connection reset by peer", 104, nullptr,
                       RecordFlag::Remote);
    model.refresh();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, TrafficModel::DirectionColumn).data().toString(),
             QStringLiteral("connected"));
    QCOMPARE(model.index(0, TrafficModel::PreviewColumn).data().toString(),
             QStringLiteral("connected: 127.0.0.1:80"));
    QCOMPARE(model.index(0, TrafficModel::LengthColumn).data(), QVariant());
    QCOMPARE(model.index(2, TrafficModel::DirectionColumn).data().toString(),
             QStringLiteral("reset"));
    QCOMPARE(model.index(2, TrafficModel::FlagsColumn).data().toString(), QStringLiteral("REMOTE"));
}

void TestTrafficModel::evictedRecordsLeaveFromTheFront() {
    auto store = test::makeStore(4096, 10); // keep at most 10 records
    TrafficModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(store);
    for (int i = 0; i < 8; ++i) {
        test::appendText(*store, Direction::In, "r" + std::to_string(i));
    }
    model.refresh();
    QCOMPARE(model.rowCount(), 8);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 8; i < 30; ++i) {
        test::appendText(*store, Direction::In, "r" + std::to_string(i));
    }
    model.refresh();
    QVERIFY(store->beginSeq() > 0);
    QCOMPARE(static_cast<std::uint64_t>(model.rowCount()), store->endSeq() - store->beginSeq());
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.index(0, 0).data(TrafficModel::SeqRole).toULongLong(), store->beginSeq());
    QCOMPARE(model.index(model.rowCount() - 1, TrafficModel::PreviewColumn).data().toString(),
             QStringLiteral("r29"));
}

void TestTrafficModel::connectionFilter() {
    auto store = test::makeStore();
    TrafficModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(store);
    for (int i = 0; i < 10; ++i) {
        test::appendText(*store, Direction::In, "c" + std::to_string(i % 3), i % 3);
    }
    model.setConnectionFilter(1);
    QCOMPARE(model.rowCount(), 3); // records 1, 4, 7
    QCOMPARE(model.seqAt(1), std::optional<std::uint64_t>(4));
    test::appendText(*store, Direction::Out, "late", 1);
    test::appendText(*store, Direction::Out, "other", 2);
    model.refresh();
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(3, TrafficModel::PreviewColumn).data().toString(), QStringLiteral("late"));
    QCOMPARE(model.rowForSeq(10), 3);
    QCOMPARE(model.rowForSeq(11), -1);
    model.setConnectionFilter(std::nullopt);
    QCOMPARE(model.rowCount(), 12);
}

void TestTrafficModel::mapsArenaOffsetsToRows() {
    auto store = test::makeStore();
    TrafficModel model;
    model.setStore(store);
    test::appendText(*store, Direction::In, "0123456789");  // arena 0..9
    store->appendEvent(0, RecordKind::Info, "note");        // no bytes
    test::appendText(*store, Direction::Out, "abcdefghij"); // arena 10..19
    model.refresh();
    QCOMPARE(model.rowForArenaOffset(0), 0);
    QCOMPARE(model.rowForArenaOffset(9), 0);
    QCOMPARE(model.rowForArenaOffset(10), 2);
    QCOMPARE(model.rowForArenaOffset(19), 2);
    QCOMPARE(model.rowForArenaOffset(20), -1);
}

QTEST_MAIN(TestTrafficModel)
#include "test_traffic_model.moc"
