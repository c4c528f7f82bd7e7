// CoreBridge: engine events reach the GUI thread in order, one drain per burst.
#include "core/engine/engine.h"
#include "core/net/socket_spec.h"
#include "ui/bridge/core_bridge.h"

#include <QProcess>
#include <QSignalSpy>
#include <QtTest>
#include <thread>

using namespace socklab;
using socklab::ui::CoreBridge;

class TestBridge : public QObject {
    Q_OBJECT
private slots:
    void deliversInOrderAndCoalesces();
    void eventsQueuedBeforeTheBridgeAreDelivered();
    void destructorClearsTheCallback();
    void deliversARealTcpSessionsEvents();
};

static EngineEvent warning(int n) {
    EngineEvent e;
    e.kind = EngineEvent::Kind::Warning;
    e.session = 1;
    e.text = std::to_string(n);
    return e;
}

void TestBridge::deliversInOrderAndCoalesces() {
    Engine engine;
    CoreBridge bridge(engine);
    std::vector<std::string> seen;
    connect(&bridge, &CoreBridge::engineEvent, this,
            [&seen](const EngineEvent& e) { seen.push_back(e.text); });
    QCoreApplication::processEvents(); // the constructor's initial (empty) drain

    constexpr int kBurst = 5000;
    // The GUI thread does not run while the engine-side thread pushes: the whole burst must
    // arrive as one queued call and one drain.
    std::thread pusher([&engine] {
        for (int i = 0; i < kBurst; ++i) {
            engine.events().push(warning(i));
        }
    });
    pusher.join();
    QCOMPARE(engine.events().size(), std::size_t{kBurst});
    QTRY_COMPARE(seen.size(), std::size_t{kBurst});
    QCOMPARE(bridge.drainCount(), quint64{1});
    for (int i = 0; i < kBurst; ++i) {
        QCOMPARE(seen[static_cast<std::size_t>(i)], std::to_string(i));
    }

    // A second burst while the GUI runs concurrently: still in order, far fewer drains.
    std::thread pusher2([&engine] {
        for (int i = kBurst; i < 2 * kBurst; ++i) {
            engine.events().push(warning(i));
        }
    });
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), std::size_t{2 * kBurst}, 10000);
    pusher2.join();
    QTRY_COMPARE(seen.size(), std::size_t{2 * kBurst});
    for (int i = 0; i < 2 * kBurst; ++i) {
        QCOMPARE(seen[static_cast<std::size_t>(i)], std::to_string(i));
    }
    QVERIFY2(bridge.drainCount() < quint64{kBurst},
             qPrintable(QString::number(bridge.drainCount())));
}

void TestBridge::eventsQueuedBeforeTheBridgeAreDelivered() {
    Engine engine;
    engine.events().push(warning(1));
    engine.events().push(warning(2));
    CoreBridge bridge(engine);
    QSignalSpy spy(&bridge, &CoreBridge::engineEvent);
    QTRY_COMPARE(spy.count(), 2);
    QCOMPARE(spy.at(0).at(0).value<EngineEvent>().text, std::string("1"));
}

void TestBridge::destructorClearsTheCallback() {
    Engine engine;
    int delivered = 0;
    {
        CoreBridge bridge(engine);
        connect(&bridge, &CoreBridge::engineEvent, this, [&delivered] { ++delivered; });
        engine.events().push(warning(1)); // posted, not yet run
    }
    engine.events().push(warning(2)); // no bridge: must not crash or deliver
    QTest::qWait(50);
    QCOMPARE(delivered, 0);
    QCOMPARE(engine.events().size(), std::size_t{2});
}

void TestBridge::deliversARealTcpSessionsEvents() {
    // The peer is Python's socket module: listen on port 0, print the port, send, linger.
    QProcess peer;
    peer.start(QStringLiteral("python3"),
               {QStringLiteral("-c"),
                QStringLiteral("import socket,sys,time\n"
                               "s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(1)\n"
                               "print(s.getsockname()[1], flush=True)\n"
                               "c,_=s.accept(); c.sendall(b'hello from py'); time.sleep(3)\n")});
    QVERIFY(peer.waitForStarted(5000));
    QVERIFY(peer.waitForReadyRead(5000));
    const int port = peer.readLine().trimmed().toInt();
    QVERIFY(port > 0);

    Engine engine;
    engine.start();
    CoreBridge bridge(engine);
    std::vector<EngineEvent> events;
    connect(&bridge, &CoreBridge::engineEvent, this,
            [&events](const EngineEvent& e) { events.push_back(e); });

    OpenSession open;
    open.spec = SocketSpec{familyByName("inet")->value, typeByName("stream")->value, 0};
    open.role = Role::Connect;
    open.remote = "127.0.0.1:" + std::to_string(port);
    const SessionId id = engine.open(open);
    auto connected = [&] {
        for (const auto& e : events) {
            if (e.session == id && e.kind == EngineEvent::Kind::StateChanged &&
                e.state == SessionState::Connected) {
                return true;
            }
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(connected(), 5000);
    auto store = engine.store(id);
    QVERIFY(store);
    QTRY_COMPARE_WITH_TIMEOUT(store->counters().bytesIn, std::uint64_t{13}, 5000);
    // RecordsAppended ranges arrive in order and cover the received record.
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(events.begin(), events.end(),
                                         [&](const EngineEvent& e) {
                                             return e.kind == EngineEvent::Kind::RecordsAppended &&
                                                    e.endSeq == store->endSeq();
                                         }),
                             5000);
    std::uint64_t end = 0;
    for (const auto& e : events) {
        if (e.session == id && e.kind == EngineEvent::Kind::RecordsAppended) {
            QVERIFY(e.firstSeq >= end);
            QVERIFY(e.endSeq > e.firstSeq);
            end = e.endSeq;
        }
    }
    peer.kill();
    peer.waitForFinished(3000);
}

QTEST_MAIN(TestBridge)
#include "test_bridge.moc"
