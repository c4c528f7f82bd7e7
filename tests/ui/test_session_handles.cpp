// Session handles over a real engine: the router hands each handle only its own session's
// events; several views share one handle; closing a tab (or deleting a handle) destroys the
// engine session. Peers are python3 sockets on loopback.
#include "core/engine/engine.h"
#include "support/gui_driver.h"
#include "ui/bridge/core_bridge.h"
#include "ui/main_window.h"
#include "ui/models/connection_model.h"
#include "ui/session/session_handle.h"
#include "ui/session/session_router.h"
#include "ui/widgets/presets.h"
#include "ui/widgets/session_tab.h"

#include <QAbstractItemModelTester>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace socklab;
using namespace socklab::ui;

namespace {

// Echoes every connection; prints its port, then "accepted H:P" and "eof H:P" per connection.
// Gives up after 30 s without a new connection.
const char* const kEchoServer = R"(
import socket, threading
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen(16)
s.settimeout(30)
print(s.getsockname()[1], flush=True)
def serve(c, a):
    print('accepted %s:%d' % a, flush=True)
    while True:
        d = c.recv(65536)
        if not d:
            break
        c.sendall(d)
    print('eof %s:%d' % a, flush=True)
    c.close()
while True:
    c, a = s.accept()
    threading.Thread(target=serve, args=(c, a), daemon=True).start()
)";

// Connects `n` clients to port argv[1], prints each local address, holds them until stdin ends.
const char* const kClients = R"(
import socket, sys
cs = []
for i in range(int(sys.argv[2])):
    c = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10)
    cs.append(c)
    print('%s:%d' % c.getsockname(), flush=True)
sys.stdin.read()
)";

OpenSession tcpClient(int port) {
    OpenSession r = presetRequest(Preset::TcpClient);
    r.remote = "127.0.0.1:" + std::to_string(port);
    r.options.clear();
    return r;
}

/// Lines the peer printed so far, waiting (bounded) until one equals `line`.
bool waitForLine(QProcess& peer, QStringList& seen, const QString& line) {
    return QTest::qWaitFor(
        [&] {
            while (peer.canReadLine()) {
                seen << QString::fromUtf8(peer.readLine()).trimmed();
            }
            return seen.contains(line);
        },
        e2e::kWaitMs);
}

/// The hit counts a ruleHitsChanged signal carried (one QSignalSpy entry).
std::vector<std::uint64_t> hitsOf(const QList<QVariant>& emitted) {
    return emitted.at(0).value<std::vector<std::uint64_t>>();
}

bool isConnected(const SessionHandle& h) {
    return h.state() == SessionState::Connected;
}

} // namespace

class TestSessionHandles : public QObject {
    Q_OBJECT

    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<CoreBridge> m_bridge;
    std::unique_ptr<SessionRouter> m_router;
    QProcess m_peer;
    int m_port = 0;

private slots:
    void init() {
        m_engine = std::make_unique<Engine>();
        m_engine->start();
        m_bridge = std::make_unique<CoreBridge>(*m_engine);
        m_router = std::make_unique<SessionRouter>(*m_bridge);
        m_port = e2e::startPeer(m_peer, kEchoServer);
        if (m_port == 0) {
            QSKIP("python3 is needed for the echo peer");
        }
    }

    void cleanup() {
        m_peer.kill();
        m_peer.waitForFinished(5000);
        m_router.reset();
        m_engine->stop();
        m_bridge.reset();
        m_engine.reset();
    }

    void eventsReachOnlyTheirOwnHandle() {
        SessionHandle a(*m_router);
        SessionHandle b(*m_router);
        a.open(tcpClient(m_port));
        b.open(tcpClient(m_port));
        QVERIFY(a.id() != 0 && b.id() != 0 && a.id() != b.id());
        QCOMPARE(m_router->handleFor(a.id()), &a);
        QCOMPARE(m_router->handleFor(b.id()), &b);
        QTRY_VERIFY_WITH_TIMEOUT(isConnected(a) && isConnected(b), e2e::kWaitMs);

        QSignalSpy aRecords(&a, &SessionHandle::recordsAppended);
        QSignalSpy bRecords(&b, &SessionHandle::recordsAppended);
        QSignalSpy aStates(&a, &SessionHandle::stateChanged);
        QSignalSpy bStates(&b, &SessionHandle::stateChanged);
        QSignalSpy engineEvents(m_bridge.get(), &CoreBridge::engineEvent);
        const auto eventsOf = [&engineEvents](SessionId id) {
            int n = 0;
            for (const QList<QVariant>& args : engineEvents) {
                n += args.at(0).value<EngineEvent>().session == id ? 1 : 0;
            }
            return n;
        };

        // Traffic on A only: A hears about it (the echo comes back), B hears nothing.
        QVERIFY(a.send("alpha"));
        QTRY_COMPARE_WITH_TIMEOUT(a.counters().bytesIn, quint64(5), e2e::kWaitMs);
        QTRY_VERIFY(aRecords.count() > 0);
        QTest::qWait(100); // anything misrouted would be delivered by now
        QVERIFY(eventsOf(a.id()) > 0);
        QCOMPARE(bRecords.count(), 0);
        QCOMPARE(bStates.count(), 0);
        QCOMPARE(b.counters().bytesOut, quint64(0));

        // Traffic on B only: the other way round.
        aRecords.clear();
        engineEvents.clear();
        QVERIFY(b.send("bravo!"));
        QTRY_COMPARE_WITH_TIMEOUT(b.counters().bytesIn, quint64(6), e2e::kWaitMs);
        QTRY_VERIFY(bRecords.count() > 0);
        QTest::qWait(100);
        QVERIFY(eventsOf(b.id()) > 0);
        QCOMPARE(aRecords.count(), 0);
        QCOMPARE(a.counters().bytesIn, quint64(5));

        // Closing A changes A's state only.
        a.close();
        QTRY_COMPARE_WITH_TIMEOUT(a.state(), std::optional(SessionState::Closed), e2e::kWaitMs);
        QTest::qWait(100);
        QVERIFY(aStates.count() > 0);
        QCOMPARE(bStates.count(), 0);
        QVERIFY(isConnected(b));
        QVERIFY(b.isOpen());
    }

    void unknownSessionsAreDropped() {
        const quint64 dropped = m_router->droppedCount();
        EngineEvent e;
        e.kind = EngineEvent::Kind::Error;
        e.session = 424242;
        e.text = "nobody's";
        m_router->route(e);
        QCOMPARE(m_router->droppedCount(), dropped + 1);
    }

    void reopeningKeepsTheHandleAndTheCapture() {
        SessionHandle h(*m_router);
        QSignalSpy captures(&h, &SessionHandle::captureChanged);
        h.open(tcpClient(m_port));
        QTRY_VERIFY_WITH_TIMEOUT(isConnected(h), e2e::kWaitMs);
        QVERIFY(h.send("one"));
        QTRY_COMPARE_WITH_TIMEOUT(h.counters().bytesIn, quint64(3), e2e::kWaitMs);
        const SessionId first = h.id();
        const auto store = h.store();
        h.close();
        QTRY_COMPARE_WITH_TIMEOUT(h.state(), std::optional(SessionState::Closed), e2e::kWaitMs);
        QVERIFY(h.continuesCapture(tcpClient(m_port)));
        h.open(tcpClient(m_port));
        // The engine numbers the continued session anew; the handle follows it.
        QVERIFY(h.id() != first);
        QCOMPARE(m_router->handleFor(h.id()), &h);
        QCOMPARE(m_router->handleFor(first), nullptr);
        QCOMPARE(h.store(), store);
        QCOMPARE(captures.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(isConnected(h), e2e::kWaitMs);
        QVERIFY(h.send("two"));
        QTRY_COMPARE_WITH_TIMEOUT(h.counters().bytesIn, quint64(6), e2e::kWaitMs);
    }

    void ruleHitsOfReplacedRulesAreNotShown() {
        // Rules replaced twice in a row: the engine answers each SetResponders with the counts
        // of its rules; the first answer arrives when the view already shows the second set and
        // must not land on its rows.
        SessionHandle h(*m_router);
        OpenSession echo = tcpClient(m_port);
        ResponderRule a;
        a.match = MatchKind::Contains;
        a.pattern = "x";
        echo.responders.rules = {a};
        QSignalSpy hits(&h, &SessionHandle::ruleHitsChanged);
        h.open(echo);
        QTRY_VERIFY_WITH_TIMEOUT(isConnected(h), e2e::kWaitMs);
        for (qsizetype i = 0; i < hits.size(); ++i) {
            QCOMPARE(hitsOf(hits.at(i)).size(), std::size_t(1)); // the open request's rules
        }
        hits.clear();
        ResponderConfig three;
        three.rules = {a, a, a};
        ResponderConfig two;
        two.rules = {a, a};
        QVERIFY(h.setResponders(three));
        QVERIFY(h.setResponders(two)); // before any answer is delivered (same event-loop turn)
        QVERIFY(h.send("x"));
        const std::vector<std::uint64_t> oneHit(std::initializer_list<std::uint64_t>({1, 0}));
        QTRY_VERIFY_WITH_TIMEOUT(!hits.isEmpty() && hitsOf(hits.last()) == oneHit, e2e::kWaitMs);
        for (qsizetype i = 0; i < hits.size(); ++i) {
            QCOMPARE(hitsOf(hits.at(i)).size(), std::size_t(2));
        }
    }

    void twoViewsOnOneHandleBothUpdate() {
        OpenSession listen = presetRequest(Preset::TcpServer);
        listen.local = "127.0.0.1:0";
        listen.responders = {};
        listen.options.clear();
        SessionHandle h(*m_router);
        ConnectionModel first;
        ConnectionModel second;
        QAbstractItemModelTester firstTester(&first);
        QAbstractItemModelTester secondTester(&second);
        for (ConnectionModel* view : {&first, &second}) {
            connect(&h, &SessionHandle::captureChanged, view,
                    [view, &h] { view->setStore(h.store()); });
            connect(&h, &SessionHandle::accepted, view, &ConnectionModel::onAccepted);
            connect(&h, &SessionHandle::stateChanged, view, &ConnectionModel::onStateChanged);
        }
        h.open(listen);
        QTRY_COMPARE_WITH_TIMEOUT(h.state(), std::optional(SessionState::Listening), e2e::kWaitMs);
        const int port = h.localText().section(QLatin1Char(':'), -1).toInt();
        QVERIFY2(port > 0, qPrintable(h.localText()));

        QProcess clients;
        clients.start(QStringLiteral("python3"),
                      {QStringLiteral("-c"), QString::fromLatin1(kClients), QString::number(port),
                       QStringLiteral("2")});
        QVERIFY(clients.waitForStarted(5000));
        QStringList locals;
        QVERIFY(QTest::qWaitFor(
            [&] {
                while (clients.canReadLine()) {
                    locals << QString::fromUtf8(clients.readLine()).trimmed();
                }
                return locals.size() == 2;
            },
            e2e::kWaitMs));
        for (ConnectionModel* view : {&first, &second}) {
            QTRY_COMPARE_WITH_TIMEOUT(view->rowCount(), 2, e2e::kWaitMs);
            QStringList peers;
            for (int row = 0; row < 2; ++row) {
                peers << view->data(view->index(row, ConnectionModel::PeerColumn)).toString();
            }
            for (const QString& local : locals) {
                QVERIFY2(peers.join(u' ').contains(local), qPrintable(peers.join(u',')));
            }
        }
        clients.closeWriteChannel(); // the clients close; both views see the end
        QVERIFY(clients.waitForFinished(e2e::kWaitMs));
        for (ConnectionModel* view : {&first, &second}) {
            for (int row = 0; row < 2; ++row) {
                const auto id = view->connectionAt(row);
                QVERIFY(id);
                QTRY_VERIFY_WITH_TIMEOUT(view->stateOf(*id) == SessionState::PeerClosed ||
                                             view->stateOf(*id) == SessionState::Closed,
                                         e2e::kWaitMs);
            }
        }
    }

    void deletingAHandleDestroysItsSession() {
        QStringList seen;
        auto* h = new SessionHandle(*m_router);
        h->open(tcpClient(m_port));
        QTRY_VERIFY_WITH_TIMEOUT(isConnected(*h), e2e::kWaitMs);
        const SessionId id = h->id();
        const QString local = h->localText();
        QVERIFY(m_engine->store(id));
        QVERIFY(waitForLine(m_peer, seen, QStringLiteral("accepted ") + local));
        delete h;
        QCOMPARE(m_router->handleFor(id), nullptr);
        QCOMPARE(m_router->handleCount(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!m_engine->store(id), e2e::kWaitMs);
        QVERIFY2(waitForLine(m_peer, seen, QStringLiteral("eof ") + local),
                 qPrintable(seen.join(u'\n')));
    }

    void closingATabReleasesItsHandle() {
        e2e::useFreshSettings(QStringLiteral("test_session_handles"));
        QStringList seen;
        MainWindow window(*m_bridge);
        SessionTab* tab = window.newTab(Preset::TcpClient);
        tab->setRequest(tcpClient(m_port));
        QVERIFY(tab->openSocket());
        QTRY_VERIFY_WITH_TIMEOUT(tab->state() == SessionState::Connected, e2e::kWaitMs);
        QPointer<SessionHandle> handle = tab->handle();
        const SessionId id = tab->sessionId();
        const QString local = handle->localText();
        QCOMPARE(window.router()->handleFor(id), handle.data());
        QVERIFY(m_engine->store(id));
        // A second view holds the same handle while the tab lives.
        ConnectionModel observer;
        connect(handle.data(), &SessionHandle::stateChanged, &observer,
                &ConnectionModel::onStateChanged);

        window.closeTab(window.tabs()->indexOf(tab));
        QTRY_VERIFY(handle.isNull());
        QCOMPARE(window.router()->handleFor(id), nullptr);
        QCOMPARE(window.router()->handleCount(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!m_engine->store(id), e2e::kWaitMs);
        QVERIFY2(waitForLine(m_peer, seen, QStringLiteral("eof ") + local),
                 qPrintable(seen.join(u'\n')));
    }
};

QTEST_MAIN(TestSessionHandles)
#include "test_session_handles.moc"
