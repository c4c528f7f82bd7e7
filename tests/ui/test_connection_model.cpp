// ConnectionModel: rows from Accepted events, state from StateChanged, counters from the store.
#include "core/engine/engine.h"
#include "core/net/socket_spec.h"
#include "ui/bridge/core_bridge.h"
#include "ui/models/connection_model.h"
#include "ui/support/capture_fill.h"

#include <QAbstractItemModelTester>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

using namespace socklab;
using socklab::ui::ConnectionModel;

class TestConnectionModel : public QObject {
    Q_OBJECT
private slots:
    void rowsFollowEventsAndCounters();
    void seedsFromAnExistingStore();
    void listenerWithSeveralPythonClients();
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

void TestConnectionModel::listenerWithSeveralPythonClients() {
    Engine engine;
    engine.start();
    ui::CoreBridge bridge(engine);
    ConnectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::string listening;
    connect(&bridge, &ui::CoreBridge::engineEvent, &model, &ConnectionModel::handleEvent);
    connect(&bridge, &ui::CoreBridge::engineEvent, this, [&listening](const EngineEvent& e) {
        if (e.kind == EngineEvent::Kind::StateChanged && e.connection == 0 &&
            e.state == SessionState::Listening) {
            listening = e.local;
        }
    });
    OpenSession open;
    open.spec = SocketSpec{familyByName("inet")->value, typeByName("stream")->value, 0};
    open.role = Role::Listen;
    open.local = "127.0.0.1:0";
    open.responders = ResponderConfig::echo();
    const SessionId id = engine.open(open);
    model.setStore(engine.store(id));
    QTRY_VERIFY_WITH_TIMEOUT(!listening.empty(), 5000);
    const QString port = QString::fromStdString(listening.substr(listening.rfind(':') + 1));

    // Three clients, each sending a different number of bytes and reading the echo back.
    QProcess clients;
    clients.start(QStringLiteral("python3"),
                  {QStringLiteral("-c"),
                   QStringLiteral("import socket,sys\n"
                                  "cs=[]\n"
                                  "for n in (3,5,7):\n"
                                  "    c=socket.create_connection(('127.0.0.1',int(sys.argv[1])))\n"
                                  "    c.sendall(b'x'*n); got=b''\n"
                                  "    while len(got)<n: got+=c.recv(100)\n"
                                  "    cs.append(c)\n"
                                  "print('ok', flush=True); sys.stdin.read()\n"),
                   port});
    QVERIFY(clients.waitForStarted(5000));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 3, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(clients.canReadLine(), 5000);
    QCOMPARE(clients.readLine().trimmed(), QByteArray("ok"));
    model.refresh();
    QStringList in;
    QStringList out;
    for (int row = 0; row < 3; ++row) {
        in << model.index(row, ConnectionModel::BytesInColumn).data().toString();
        out << model.index(row, ConnectionModel::BytesOutColumn).data().toString();
        QVERIFY(model.index(row, ConnectionModel::PeerColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("127.0.0.1:")));
    }
    in.sort();
    out.sort();
    QCOMPARE(in, QStringList({QStringLiteral("3"), QStringLiteral("5"), QStringLiteral("7")}));
    QCOMPARE(out, in); // echoed

    // Closing the clients shows in the state column.
    clients.closeWriteChannel();
    QVERIFY(clients.waitForFinished(5000));
    const auto closedState = [&](int row) {
        const auto id = model.connectionAt(row);
        const auto state = id ? model.stateOf(*id) : std::nullopt;
        return state && *state != SessionState::Connected;
    };
    QTRY_VERIFY_WITH_TIMEOUT(closedState(0) && closedState(1) && closedState(2), 5000);
}

QTEST_MAIN(TestConnectionModel)
#include "test_connection_model.moc"
