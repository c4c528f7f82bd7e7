// ConnectionModel: rows from Accepted events, state from StateChanged, counters from the store.
#include "core/engine/engine.h"
#include "core/net/socket_spec.h"
#include "ui/bridge/core_bridge.h"
#include "ui/models/connection_model.h"
#include "ui/support/capture_fill.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>
#include <random>

using namespace socklab;
using socklab::ui::ConnectionModel;

class TestConnectionModel : public QObject {
    Q_OBJECT
private slots:
    void rowsFollowEventsAndCounters();
    void seedsFromAnExistingStore();
    void listenerWithSeveralPythonClients();
    void sortsNumbersAsNumbersAndPeersByAddress();
    void sortedOrderHoldsAsRowsArriveAndCountersChange();
    void selectionFollowsItsConnectionThroughSorts();
    void randomEventsKeepTheSortedOrder();
    void seedingWhileSortedIsOneReset();
    void aNewRowIsFoundOnlyOnceInserted();
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

// The connection ids in row order.
static QList<ConnectionId> idsInOrder(const ConnectionModel& model) {
    QList<ConnectionId> out;
    for (int row = 0; row < model.rowCount(); ++row) {
        out.append(*model.connectionAt(row));
    }
    return out;
}

static void accept(ConnectionModel& model, ConnectionId id, const char* peer) {
    model.handleEvent(makeEvent(EngineEvent::Kind::Accepted, id, peer));
}

// `n` bytes in (or out) on connection `id`, as the engine records a read (a send).
static void traffic(TrafficStore& store, ConnectionId id, std::size_t n, bool in = true) {
    test::appendText(store, in ? Direction::In : Direction::Out, std::string(n, 'x'), id);
}

// Whether the rows are in the order of `column` (numbers compared as numbers through
// ConnectionModel's own counters, not through its text), ties in accept order.
static bool sortedByBytes(const ConnectionModel& model, const TrafficStore& store, bool in,
                          Qt::SortOrder order) {
    for (int row = 1; row < model.rowCount(); ++row) {
        const ConnectionId a = *model.connectionAt(row - 1);
        const ConnectionId b = *model.connectionAt(row);
        const auto bytes = [&](ConnectionId id) {
            const TrafficCounters c = store.counters(id);
            return in ? c.bytesIn : c.bytesOut;
        };
        auto ka = std::pair(bytes(a), a);
        auto kb = std::pair(bytes(b), b);
        if (order == Qt::DescendingOrder) {
            std::swap(ka, kb);
        }
        if (!(ka < kb)) {
            return false;
        }
    }
    return true;
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

void TestConnectionModel::sortsNumbersAsNumbersAndPeersByAddress() {
    auto store = test::makeStore();
    ConnectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(store);
    accept(model, 1, "127.0.0.10:5000");
    accept(model, 2, "[::1]:4000");
    accept(model, 3, "127.0.0.2:6000");
    accept(model, 4, "10.0.0.1:9");
    accept(model, 5, "127.0.0.2:10");
    accept(model, 6, "[::ffff:9.0.0.1]:1"); // IPv4-mapped: with the IPv4 peers
    accept(model, 7, "/tmp/a.sock");
    accept(model, 8, "[2001:db8::1]:80");
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);

    // Addresses by their bytes ("127.0.0.2" before "127.0.0.10"), then port; IPv4 before IPv6
    // before names that are not addresses.
    model.sort(ConnectionModel::PeerColumn, Qt::AscendingOrder);
    QCOMPARE(layout.count(), 1);
    QCOMPARE(idsInOrder(model), QList<ConnectionId>({6, 4, 5, 3, 1, 2, 8, 7}));
    model.sort(ConnectionModel::PeerColumn, Qt::DescendingOrder);
    QCOMPARE(idsInOrder(model), QList<ConnectionId>({7, 8, 2, 1, 3, 5, 4, 6}));

    // Byte counts as numbers: 9 < 10 < 100 (as text "10" < "100" < "9").
    traffic(*store, 1, 100);
    traffic(*store, 2, 9);
    traffic(*store, 3, 10);
    traffic(*store, 4, 1000);
    traffic(*store, 5, 10, false);
    model.refresh();
    model.sort(ConnectionModel::BytesInColumn, Qt::AscendingOrder);
    QCOMPARE(idsInOrder(model), QList<ConnectionId>({5, 6, 7, 8, 2, 3, 1, 4}));
    QCOMPARE(model.index(7, ConnectionModel::BytesInColumn).data().toString(),
             QLocale().toString(1000));
    model.sort(ConnectionModel::BytesInColumn, Qt::DescendingOrder);
    QCOMPARE(idsInOrder(model), QList<ConnectionId>({4, 1, 3, 2, 8, 7, 6, 5}));
    model.sort(ConnectionModel::BytesOutColumn, Qt::DescendingOrder);
    QCOMPARE(idsInOrder(model).first(), ConnectionId(5));

    // States in their life-cycle order.
    model.handleEvent(makeEvent(EngineEvent::Kind::StateChanged, 3, {}, SessionState::Closed));
    model.handleEvent(makeEvent(EngineEvent::Kind::StateChanged, 6, {}, SessionState::PeerClosed));
    model.sort(ConnectionModel::StateColumn, Qt::AscendingOrder);
    QCOMPARE(idsInOrder(model), QList<ConnectionId>({1, 2, 4, 5, 7, 8, 6, 3}));
    QCOMPARE(model.sortColumn(), int(ConnectionModel::StateColumn));

    // Column -1: the accept order again.
    model.sort(-1, Qt::AscendingOrder);
    QCOMPARE(idsInOrder(model), QList<ConnectionId>({1, 2, 3, 4, 5, 6, 7, 8}));
    QCOMPARE(model.rowForConnection(8), 7);

    // Only addresses (the sort by packed keys, not the row comparison a name needs): the same
    // order, and rows then placed by the row comparison agree with it.
    ConnectionModel addresses;
    QAbstractItemModelTester tester2(&addresses,
                                     QAbstractItemModelTester::FailureReportingMode::QtTest);
    accept(addresses, 1, "127.0.0.10:5000");
    accept(addresses, 2, "[::1]:4000");
    accept(addresses, 3, "127.0.0.2:6000");
    accept(addresses, 4, "10.0.0.1:9");
    accept(addresses, 5, "127.0.0.2:10");
    accept(addresses, 6, "[::ffff:9.0.0.1]:1");
    accept(addresses, 8, "[2001:db8::1]:80");
    addresses.sort(ConnectionModel::PeerColumn, Qt::AscendingOrder);
    QCOMPARE(idsInOrder(addresses), QList<ConnectionId>({6, 4, 5, 3, 1, 2, 8}));
    accept(addresses, 9, "127.0.0.2:10"); // equal to 5: after it
    accept(addresses, 10, "[::2]:1");
    QCOMPARE(idsInOrder(addresses), QList<ConnectionId>({6, 4, 5, 9, 3, 1, 2, 10, 8}));
    addresses.sort(ConnectionModel::PeerColumn, Qt::DescendingOrder);
    QCOMPARE(idsInOrder(addresses), QList<ConnectionId>({8, 10, 2, 1, 3, 9, 5, 4, 6}));
    // Ages: all 0 s here, so the newest first (ascending), the oldest first (descending).
    addresses.sort(ConnectionModel::AgeColumn, Qt::AscendingOrder);
    QCOMPARE(idsInOrder(addresses), QList<ConnectionId>({10, 9, 8, 6, 5, 4, 3, 2, 1}));
    addresses.sort(ConnectionModel::AgeColumn, Qt::DescendingOrder);
    QCOMPARE(idsInOrder(addresses), QList<ConnectionId>({1, 2, 3, 4, 5, 6, 8, 9, 10}));
    accept(addresses, 11, "127.0.0.1:1");
    QCOMPARE(idsInOrder(addresses).last(), ConnectionId(11));
}

void TestConnectionModel::sortedOrderHoldsAsRowsArriveAndCountersChange() {
    auto store = test::makeStore();
    ConnectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(store);
    for (ConnectionId id = 1; id <= 5; ++id) {
        accept(model, id, qPrintable(QStringLiteral("127.0.0.1:%1").arg(40000 + id)));
        traffic(*store, id, 10 * id);
    }
    model.refresh();
    model.sort(ConnectionModel::BytesInColumn, Qt::DescendingOrder);
    QCOMPARE(idsInOrder(model), QList<ConnectionId>({5, 4, 3, 2, 1}));

    // A new connection with no bytes yet lands at the end; one already with bytes (a store
    // that saw it before the accept was listed) in its place.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    accept(model, 6, "127.0.0.1:40006");
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 5);
    traffic(*store, 7, 25);
    accept(model, 7, "127.0.0.1:40007");
    QCOMPARE(inserted.at(1).at(1).toInt(), 3);
    QCOMPARE(idsInOrder(model), QList<ConnectionId>({5, 4, 3, 7, 2, 1, 6}));

    // Counters that change without changing the order: no layout change.
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    traffic(*store, 5, 1);
    traffic(*store, 6, 1);
    model.refresh();
    QCOMPARE(layout.count(), 0);
    QCOMPARE(idsInOrder(model), QList<ConnectionId>({5, 4, 3, 7, 2, 1, 6}));

    // Connection 1 overtakes everyone: one layout change, the row moves to the top.
    traffic(*store, 1, 500);
    model.refresh();
    QCOMPARE(layout.count(), 1);
    QCOMPARE(idsInOrder(model), QList<ConnectionId>({1, 5, 4, 3, 7, 2, 6}));
    QVERIFY(sortedByBytes(model, *store, true, Qt::DescendingOrder));
    // Bytes out are not the sort key: they change nothing in the order.
    traffic(*store, 6, 5000, false);
    model.refresh();
    QCOMPARE(layout.count(), 1);

    // Ascending by peer: a new peer lands between its neighbours.
    model.sort(ConnectionModel::PeerColumn, Qt::AscendingOrder);
    accept(model, 8, "127.0.0.1:40003"); // same port as 3, accepted later: after it
    QCOMPARE(model.rowForConnection(8), 3);
    accept(model, 9, "127.0.0.1:9");
    QCOMPARE(model.rowForConnection(9), 0);

    // Reset (a cleared capture) while sorted: empty, and the sort still applies.
    model.setStore(test::makeStore());
    QCOMPARE(model.rowCount(), 0);
    accept(model, 20, "127.0.0.3:1");
    accept(model, 21, "127.0.0.2:1");
    QCOMPARE(idsInOrder(model), QList<ConnectionId>({21, 20}));
}

void TestConnectionModel::selectionFollowsItsConnectionThroughSorts() {
    auto store = test::makeStore();
    ConnectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QItemSelectionModel selection(&model);
    model.setStore(store);
    for (ConnectionId id = 1; id <= 6; ++id) {
        accept(model, id, qPrintable(QStringLiteral("127.0.0.%1:1000").arg(7 - id)));
    }
    const QModelIndex three = model.index(model.rowForConnection(3), 1);
    selection.setCurrentIndex(three,
                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QPersistentModelIndex held(model.index(model.rowForConnection(5), 0));
    model.sort(ConnectionModel::PeerColumn, Qt::AscendingOrder);
    QCOMPARE(idsInOrder(model), QList<ConnectionId>({6, 5, 4, 3, 2, 1}));
    const auto idAt = [](const QModelIndex& i) {
        return i.siblingAtColumn(0).data(ConnectionModel::ConnectionIdRole).toUInt();
    };
    QCOMPARE(idAt(selection.currentIndex()), 3u);
    QCOMPARE(selection.currentIndex().column(), 1);
    QCOMPARE(selection.selectedRows().size(), 1);
    QCOMPARE(idAt(selection.selectedRows().first()), 3u);
    QCOMPARE(idAt(held), 5u);
    QCOMPARE(held.row(), 1);
    // A counter that moves the selected row: the selection moves with it.
    traffic(*store, 3, 50);
    model.refresh();
    model.sort(ConnectionModel::BytesInColumn, Qt::DescendingOrder);
    QCOMPARE(selection.currentIndex().row(), 0);
    QCOMPARE(idAt(selection.currentIndex()), 3u);
    traffic(*store, 1, 70);
    model.refresh();
    QCOMPARE(idsInOrder(model).first(), 1u);
    QCOMPARE(idAt(selection.currentIndex()), 3u);
    QCOMPARE(selection.currentIndex().row(), 1);
    QCOMPARE(idAt(held), 5u);
    // A new row above it: the selection still names connection 3.
    traffic(*store, 7, 60);
    accept(model, 7, "127.0.0.9:1");
    QCOMPARE(idsInOrder(model).mid(0, 3), QList<ConnectionId>({1, 7, 3}));
    QCOMPARE(idAt(selection.currentIndex()), 3u);
    QCOMPARE(idAt(selection.selectedRows().first()), 3u);
}

void TestConnectionModel::randomEventsKeepTheSortedOrder() {
    auto store = test::makeStore(1 << 16);
    ConnectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(store);
    std::mt19937 rng(12);
    ConnectionId next = 1;
    for (int step = 0; step < 400; ++step) {
        const unsigned what = rng() % 10;
        if (what < 3 || next < 3) {
            const QString peer = QStringLiteral("127.0.%1.%2:%3")
                                     .arg(rng() % 3)
                                     .arg(rng() % 12)
                                     .arg(rng() % 70000 % 65536);
            accept(model, next++, qPrintable(peer));
        } else if (what < 8) {
            traffic(*store, 1 + rng() % (next - 1), 1 + rng() % 300, rng() % 2 == 0);
        } else if (what == 8) {
            const int column = ConnectionModel::BytesInColumn + int(rng() % 2);
            model.sort(column, rng() % 2 ? Qt::AscendingOrder : Qt::DescendingOrder);
        } else {
            model.refresh();
        }
        if (what != 8 && model.sortColumn() >= 0 && step % 5 == 0) {
            model.refresh();
            const bool in = model.sortColumn() == ConnectionModel::BytesInColumn;
            QVERIFY2(sortedByBytes(model, *store, in, model.sortOrder()),
                     qPrintable(QStringLiteral("step %1").arg(step)));
        }
    }
    QCOMPARE(model.rowCount(), int(next - 1));
    QVERIFY(model.sortColumn() >= 0);
}

// A capture continued in a sorted list comes in one reset, already in order: no insert
// signal per connection.
void TestConnectionModel::seedingWhileSortedIsOneReset() {
    auto store = test::makeStore();
    const std::size_t bytes[] = {10, 50, 30, 20, 40};
    for (ConnectionId id = 1; id <= 5; ++id) {
        traffic(*store, id, bytes[id - 1]);
    }
    ConnectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.sort(ConnectionModel::BytesInColumn, Qt::DescendingOrder);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    model.setStore(store);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(layout.count(), 0);
    QCOMPARE(idsInOrder(model), QList<ConnectionId>({2, 5, 3, 4, 1}));
    QVERIFY(sortedByBytes(model, *store, true, Qt::DescendingOrder));
    QCOMPARE(model.rowForConnection(4), 3);
}

// Views that ask for a connection's row while it is being inserted find none before the
// insert and the right one after it (never a row out of range).
void TestConnectionModel::aNewRowIsFoundOnlyOnceInserted() {
    auto store = test::makeStore();
    ConnectionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(store);
    model.sort(ConnectionModel::PeerColumn, Qt::AscendingOrder);
    accept(model, 1, "127.0.0.1:40002");
    QList<int> before;
    QList<int> after;
    connect(&model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [&] { before.append(model.rowForConnection(2)); });
    connect(&model, &QAbstractItemModel::rowsInserted, this,
            [&] { after.append(model.rowForConnection(2)); });
    accept(model, 2, "127.0.0.1:40001");
    QCOMPARE(before, QList<int>({-1}));
    QCOMPARE(after, QList<int>({0}));
    QCOMPARE(idsInOrder(model), QList<ConnectionId>({2, 1}));
}

QTEST_MAIN(TestConnectionModel)
#include "test_connection_model.moc"
