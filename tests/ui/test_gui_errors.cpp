// End-to-end error paths through the accessibility tree: a refused connect is reported in its
// tab with the core's message while the app and the tab's earlier capture live on; an invalid
// hex message shows where it is wrong and sends nothing to a python3 peer.
#include "support/gui_driver.h"
#include "ui/views/hex_view.h"
#include "ui/views/text_view.h"

using namespace socklab::ui;
using e2e::kWaitMs;
using e2e::viewText;

namespace {

// Accepts one client and closes the listener at once (so the port refuses from then on),
// echoes the first message, then closes.
const char* kEchoOnceThenGone = "import socket\n"
                                "s=socket.socket()\n"
                                "s.bind(('127.0.0.1',0))\n"
                                "s.listen(1)\n"
                                "print(s.getsockname()[1],flush=True)\n"
                                "s.settimeout(30)\n"
                                "c,a=s.accept()\n"
                                "s.close()\n"
                                "c.settimeout(30)\n"
                                "c.sendall(c.recv(65536))\n"
                                "c.close()\n";

// Accepts one client and prints everything it received once the client closes.
const char* kRecorder = "import socket\n"
                        "s=socket.socket()\n"
                        "s.bind(('127.0.0.1',0))\n"
                        "s.listen(1)\n"
                        "print(s.getsockname()[1],flush=True)\n"
                        "s.settimeout(30)\n"
                        "c,a=s.accept()\n"
                        "c.settimeout(30)\n"
                        "got=b''\n"
                        "while True:\n"
                        "    d=c.recv(65536)\n"
                        "    if not d: break\n"
                        "    got+=d\n"
                        "print('received',got,flush=True)\n";

e2e::TabRecipe tcpClient(int port) {
    return {QStringLiteral("AF_INET"),        QStringLiteral("SOCK_STREAM"),
            QStringLiteral("IPPROTO_TCP"),    QStringLiteral("Connect"),
            QStringLiteral("Remote address"), QStringLiteral("127.0.0.1:%1").arg(port)};
}

} // namespace

class TestGuiErrors : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;

    static QString textView(QWidget* tab) {
        return viewText<TextView>(tab, QStringLiteral("Text view"));
    }

private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_errors")); }

    void init() { QVERIFY(m_gui.start()); }
    void cleanup() { m_gui.stop(); }

    void refusedReconnectKeepsTheAppAndTheCapture() {
        QProcess peer;
        const int port = e2e::startPeer(peer, kEchoOnceThenGone);
        QVERIFY(port > 0);
        QString why;
        SessionTab* tab =
            e2e::openAndWait(m_gui.window(), tcpClient(port), QStringLiteral("Connected"), why);
        QVERIFY2(tab, qPrintable(why));
        QVERIFY(e2e::sendText(tab, QStringLiteral("before refusal")));
        QTRY_VERIFY2_WITH_TIMEOUT(textView(tab).count(QStringLiteral("before refusal")) == 2,
                                  qPrintable(textView(tab)), kWaitMs);
        QVERIFY(peer.state() == QProcess::NotRunning ||
                peer.waitForFinished(kWaitMs)); // the listener is gone: the port refuses now
        const QString hexBefore = viewText<HexView>(tab, QStringLiteral("Hex view"));

        // The peer closed; close our side too, then open again.
        QVERIFY2(e2e::waitForState(tab, QStringLiteral("Peer closed")),
                 qPrintable(e2e::stateText(tab)));
        QVERIFY(a11y::press(tab, QStringLiteral("Close socket")));
        QTRY_VERIFY_WITH_TIMEOUT(
            a11y::find(tab, QStringLiteral("Open socket"), QAccessible::PushButton), kWaitMs);
        QVERIFY(a11y::press(tab, QStringLiteral("Open socket")));
        const QString expected =
            QStringLiteral("connect 127.0.0.1:%1: Connection refused (ECONNREFUSED)").arg(port);
        QTRY_VERIFY2_WITH_TIMEOUT(a11y::text(tab, QStringLiteral("Error")).contains(expected),
                                  qPrintable(a11y::text(tab, QStringLiteral("Error"))), kWaitMs);
        QVERIFY2(e2e::stateText(tab).contains(QStringLiteral("Failed")),
                 qPrintable(e2e::stateText(tab)));
        QTest::qWait(300); // time for a second, unwanted attempt to show
        const QString log = e2e::tableText(tab, QStringLiteral("Log"));
        QVERIFY2(log.count(expected) == 1, qPrintable(log)); // one press, one attempt

        // Still running, still this tab, and the bytes captured before are still shown.
        QVERIFY(m_gui->isVisible());
        QCOMPARE(m_gui->tabCount(), 1);
        QCOMPARE(m_gui->currentTab(), tab);
        QTest::qWait(200); // a repaint of the views after the failure
        // Reopening continues the tab's capture (Engine::reopen): the first connection's
        // records are still there, followed by the refused attempt.
        QVERIFY2(textView(tab).count(QStringLiteral("before refusal")) == 2,
                 qPrintable(textView(tab)));
        QVERIFY2(viewText<HexView>(tab, QStringLiteral("Hex view")).contains(hexBefore),
                 qPrintable(viewText<HexView>(tab, QStringLiteral("Hex view"))));
    }

    void invalidHexShowsThePositionAndSendsNothing() {
        QProcess peer;
        const int port = e2e::startPeer(peer, kRecorder);
        QVERIFY(port > 0);
        QString why;
        SessionTab* tab =
            e2e::openAndWait(m_gui.window(), tcpClient(port), QStringLiteral("Connected"), why);
        QVERIFY2(tab, qPrintable(why));
        QVERIFY(a11y::choose(tab, QStringLiteral("Mode"), QStringLiteral("Hex")));
        QVERIFY(a11y::choose(tab, QStringLiteral("Line ending"), QStringLiteral("No line")));
        QVERIFY(a11y::type(tab, QStringLiteral("Message"), QStringLiteral("68 65 6g 6c")));

        const QString problem = a11y::text(tab, QStringLiteral("Message validation"));
        QVERIFY2(problem.contains(QStringLiteral("bad hex digit")) &&
                     problem.contains(QStringLiteral("'g'")) &&
                     problem.contains(QStringLiteral("at position 7")),
                 qPrintable(problem));
        QAccessibleInterface* send =
            a11y::find(tab, QStringLiteral("Send"), QAccessible::PushButton);
        QVERIFY(send);
        QVERIFY(send->state().disabled);
        QVERIFY(!a11y::press(tab, QStringLiteral("Send")));
        // Ctrl+Enter in the editor does not send either.
        auto* editor = a11y::widget<QWidget>(tab, QStringLiteral("Message"));
        QVERIFY(editor);
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QTest::qWait(300);
        QVERIFY2(a11y::text(tab, QStringLiteral("Counters"))
                     .contains(QStringLiteral("Out 0 bytes / 0 msg")),
                 qPrintable(a11y::text(tab, QStringLiteral("Counters"))));

        // Fixed, it sends exactly the two valid bytes; the peer saw nothing else before.
        QVERIFY(a11y::type(tab, QStringLiteral("Message"), QStringLiteral("68 65")));
        QVERIFY(!send->state().disabled);
        QVERIFY(a11y::press(tab, QStringLiteral("Send")));
        QTRY_VERIFY2_WITH_TIMEOUT(a11y::text(tab, QStringLiteral("Counters"))
                                      .contains(QStringLiteral("Out 2 bytes / 1 msg")),
                                  qPrintable(a11y::text(tab, QStringLiteral("Counters"))), kWaitMs);
        QVERIFY(a11y::press(tab, QStringLiteral("Close socket")));
        // press() runs the event loop: the peer may have ended (and been reaped) already.
        QVERIFY(peer.state() == QProcess::NotRunning || peer.waitForFinished(kWaitMs));
        const QByteArray out = peer.readAllStandardOutput();
        QVERIFY2(out.trimmed() == "received b'he'", out.constData());
    }
};

QTEST_MAIN(TestGuiErrors)
#include "test_gui_errors.moc"
