// The compact open socket: while the socket is open the form collapses to one line that says
// what the socket is, the keyboard can expand it, and closing brings the form back. The peer
// is a python3 server that reports the address it saw (our local end).
#include "core/engine/engine.h"
#include "support/gui_driver.h"
#include "ui/bridge/core_bridge.h"
#include "ui/session/session_router.h"
#include "ui/views/traffic_pane.h"
#include "ui/widgets/presets.h"
#include "ui/widgets/session_tab.h"
#include "ui/views/record_text.h"
#include "ui/widgets/socket_summary.h"

#include <QApplication>
#include <QProcess>
#include <QPushButton>
#include <QTest>
#include <QToolButton>

using namespace socklab;
using namespace socklab::ui;

namespace {

const char* const kServer = R"(
import socket
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen(1)
s.settimeout(30)
print(s.getsockname()[1], flush=True)
c, a = s.accept()
print('%s:%d' % a, flush=True)
c.settimeout(30)
while c.recv(65536):
    pass
)";

} // namespace

class TestSocketSummary : public QObject {
    Q_OBJECT
private slots:
    void openSocketCollapsesToOneLine() {
        QProcess peer;
        const int port = e2e::startPeer(peer, kServer);
        if (port == 0) {
            QSKIP("python3 is needed for the peer");
        }
        Engine engine;
        engine.start();
        CoreBridge bridge(engine);
        SessionRouter router(bridge);
        SessionTab tab(router);
        tab.resize(1280, 760);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        OpenSession r = presetRequest(Preset::TcpClient);
        r.remote = "127.0.0.1:" + std::to_string(port);
        tab.setRequest(r);
        QVERIFY(tab.isFormShown());
        QVERIFY(!tab.summary()->isVisible());

        QVERIFY(tab.openSocket());
        QTRY_VERIFY_WITH_TIMEOUT(tab.state() == SessionState::Connected, e2e::kWaitMs);
        QString local; // as the peer saw it (the rest of the port line may come first)
        QVERIFY(QTest::qWaitFor(
            [&peer, &local] {
                peer.waitForReadyRead(20);
                while (local.isEmpty() && peer.canReadLine()) {
                    local = QString::fromUtf8(peer.readLine()).trimmed();
                }
                return !local.isEmpty();
            },
            e2e::kWaitMs));
        QVERIFY2(local.startsWith(QStringLiteral("127.0.0.1:")), qPrintable(local));

        const QString expected = QStringLiteral("%1 -> 127.0.0.1:%2").arg(local).arg(port);
        QTRY_VERIFY(tab.summary()->isVisible());
        const QString text = tab.summary()->text();
        QVERIFY2(text.contains(QStringLiteral("socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("TCP client")), qPrintable(text));
        QVERIFY2(text.contains(expected), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Connected")), qPrintable(text));
        QVERIFY(a11y::text(&tab, QStringLiteral("Socket summary")).contains(expected));
        QVERIFY(!tab.isFormShown());
        // The traffic views take the room the form had.
        QTRY_VERIFY(tab.trafficPane()->width() > tab.width() * 3 / 4);

        // Keyboard: Tab from "Show code" reaches the toggle; Space expands and collapses.
        tab.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&tab));
        auto* showCode = a11y::widget<QPushButton>(&tab, QStringLiteral("Show code"));
        QVERIFY(showCode);
        showCode->setFocus();
        QTest::keyClick(showCode, Qt::Key_Tab);
        QToolButton* toggle = tab.summary()->toggle();
        QCOMPARE(QApplication::focusWidget(), toggle);
        QCOMPARE(toggle->accessibleName(), QStringLiteral("Show socket form"));
        QTest::keyClick(toggle, Qt::Key_Space);
        QTRY_VERIFY(tab.isFormShown());
        QVERIFY(tab.summary()->isExpanded());
        QTest::keyClick(toggle, Qt::Key_Space);
        QTRY_VERIFY(!tab.isFormShown());

        // Expanded when the socket closes; collapsed again on the next open.
        QTest::keyClick(toggle, Qt::Key_Space);
        QTRY_VERIFY(tab.isFormShown());
        tab.closeSocket();
        QTRY_VERIFY_WITH_TIMEOUT(tab.state() == SessionState::Closed, e2e::kWaitMs);
        QTRY_VERIFY(!tab.summary()->isVisible());
        QVERIFY(tab.isFormShown());
        QVERIFY(!tab.summary()->isExpanded());
        tab.shutdown();
        peer.kill();
        peer.waitForFinished(5000);
    }

    void closingByThePeerExpandsTheForm() {
        QProcess peer;
        const int port = e2e::startPeer(peer, kServer);
        if (port == 0) {
            QSKIP("python3 is needed for the peer");
        }
        Engine engine;
        engine.start();
        CoreBridge bridge(engine);
        SessionRouter router(bridge);
        SessionTab tab(router);
        tab.show();
        OpenSession r = presetRequest(Preset::TcpClient);
        r.remote = "127.0.0.1:" + std::to_string(port);
        tab.setRequest(r);
        QVERIFY(tab.openSocket());
        QTRY_VERIFY_WITH_TIMEOUT(tab.state() == SessionState::Connected, e2e::kWaitMs);
        QTRY_VERIFY(tab.summary()->isVisible());
        QVERIFY(!tab.isFormShown());
        // The peer goes away: the connection ends (PeerClosed, still open to send), then the
        // user closes; the form returns.
        peer.kill();
        peer.waitForFinished(5000);
        QTRY_VERIFY_WITH_TIMEOUT(tab.state() == SessionState::PeerClosed || !tab.isOpen(),
                                 e2e::kWaitMs);
        if (tab.isOpen()) {
            QVERIFY2(tab.summary()->text().contains(stateText(SessionState::PeerClosed)),
                     qPrintable(tab.summary()->text()));
        }
        tab.closeSocket();
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isOpen(), e2e::kWaitMs);
        QTRY_VERIFY(tab.isFormShown());
        QVERIFY(!tab.summary()->isVisible());
        tab.shutdown();
    }
};

QTEST_MAIN(TestSocketSummary)
#include "test_socket_summary.moc"
