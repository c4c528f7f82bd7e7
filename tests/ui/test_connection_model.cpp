// ConnectionModel: rows from Accepted events, state from StateChanged, counters from the store.
#include "ui/models/connection_model.h"
#include "ui/support/capture_fill.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace socklab;
using socklab::ui::ConnectionModel;

class TestConnectionModel : public QObject {
    Q_OBJECT
private slots:
    void rowsFollowEventsAndCounters();
    void seedsFromAnExistingStore();
};

static EngineEvent makeEvent(EngineEvent::Kind kind, ConnectionId id, std::string peer = {},
                             SessionState state = SessionState::Connected) {
    EngineEvent e;
    e.kind = kind;
    e.session = 1;
    e.connection = id;
    e.peer = std::move(peer);
    e.state = state;
    return e;
}

void TestConnectionModel::rowsFollowEventsAndCounters() {
    auto store = test::makeStore();
    ConnectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(store);
    QCOMPARE(model.rowCount(), 0);
    model.handleEvent(makeEvent(EngineEvent::Kind::Accepted, 1, "127.0.0.1:50001"));
    model.handleEvent(makeEvent(EngineEvent::Kind::Accepted, 2, "127.0.0.1:50002"));
    model.handleEvent(makeEvent(EngineEvent::Kind::StateChanged, 0)); // the listener itself: no row
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.connectionAt(1), std::optional<ConnectionId>(2));
    QCOMPARE(model.connectionAt(2), std::nullopt);
    QCOMPARE(model.index(0, ConnectionModel::PeerColumn).data().toString(),
             QStringLiteral("conn 1 127.0.0.1:50001"));
    QCOMPARE(model.index(0, ConnectionModel::StateColumn).data().toString(),
             QString::fromStdString(std::string(stateName(SessionState::Connected))));

    test::appendText(*store, Direction::In, "12345", 2);
    test::appendText(*store, Direction::Out, "abc", 2);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.refresh();
    QVERIFY(changed.count() >= 1);
    QCOMPARE(model.index(1, ConnectionModel::BytesInColumn).data().toString(), QStringLiteral("5"));
    QCOMPARE(model.index(1, ConnectionModel::BytesOutColumn).data().toString(),
             QStringLiteral("3"));
    QCOMPARE(model.index(0, ConnectionModel::BytesInColumn).data().toString(), QStringLiteral("0"));

    model.handleEvent(makeEvent(EngineEvent::Kind::StateChanged, 1, {}, SessionState::PeerClosed));
    QCOMPARE(model.stateOf(1), std::optional<SessionState>(SessionState::PeerClosed));
    QCOMPARE(model.index(0, ConnectionModel::StateColumn).data().toString(),
             QString::fromStdString(std::string(stateName(SessionState::PeerClosed))));
    QCOMPARE(model.rowForConnection(2), 1);
    QVERIFY(
        model.index(0, ConnectionModel::AgeColumn).data().toString().endsWith(QStringLiteral("s")));
}

void TestConnectionModel::seedsFromAnExistingStore() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, "x", 0);
    test::appendText(*store, Direction::In, "yy", 4);
    ConnectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(store);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.connectionAt(0), std::optional<ConnectionId>(4));
    QCOMPARE(model.index(0, ConnectionModel::BytesInColumn).data().toString(), QStringLiteral("2"));
}

QTEST_MAIN(TestConnectionModel)
#include "test_connection_model.moc"
