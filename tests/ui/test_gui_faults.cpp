// A peer that never reads, end to end through the accessibility tree: a repeat floods a TCP
// client tab, the send queue fills, the tab shows "Backpressure: …" (accessible name "Send
// backpressure") and the refusal in its error banner, then Reset (RST) closes at once, the
// label goes away and the python3 peer sees ECONNRESET. A tab whose "Send queue limit" is 64k
// refuses with kilobytes waiting instead of the default 4 MiB, and keeps the limit in the
// workspace.
#include "support/gui_driver.h"
#include "ui/widgets/socket_form.h"

#include <QRegularExpression>

using namespace socklab::ui;
using e2e::kWaitMs;

namespace {

// Accepts one client with a small receive buffer and reads nothing until a line arrives on
// stdin; then drains and says how the connection ended.
const char* kNeverReads = "import socket,sys\n"
                          "s=socket.socket()\n"
                          "s.setsockopt(socket.SOL_SOCKET,socket.SO_RCVBUF,4096)\n"
                          "s.bind(('127.0.0.1',0))\n"
                          "s.listen(1)\n"
                          "print(s.getsockname()[1],flush=True)\n"
                          "s.settimeout(30)\n"
                          "c,a=s.accept()\n"
                          "sys.stdin.readline()\n"
                          "n=0\n"
                          "try:\n"
                          "    while True:\n"
                          "        d=c.recv(1<<20)\n"
                          "        if not d:\n"
                          "            print('eof',n,flush=True)\n"
                          "            break\n"
                          "        n+=len(d)\n"
                          "except ConnectionResetError:\n"
                          "    print('ECONNRESET',n,flush=True)\n";

e2e::TabRecipe tcpClient(int port) {
    return {QStringLiteral("AF_INET"),        QStringLiteral("SOCK_STREAM"),
            QStringLiteral("IPPROTO_TCP"),    QStringLiteral("Connect"),
            QStringLiteral("Remote address"), QStringLiteral("127.0.0.1:%1").arg(port)};
}

// Ctrl+T, a TCP client to 127.0.0.1:port with "Send queue limit" typed, opened.
SessionTab* openLimitedClient(MainWindow& window, int port, const QString& limit, QString& why) {
    QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
    SessionTab* tab = window.currentTab();
    if (!tab || !a11y::type(tab, QStringLiteral("Remote address"),
                            QStringLiteral("127.0.0.1:%1").arg(port))) {
        why = QStringLiteral("no TCP client form");
        return nullptr;
    }
    if (!a11y::type(tab, QStringLiteral("Send queue limit"), limit)) {
        why = QStringLiteral("no Send queue limit field");
        return nullptr;
    }
    if (!a11y::press(tab, QStringLiteral("Open socket"))) {
        why = QStringLiteral("Open socket refused: ") + tab->form()->problem();
        return nullptr;
    }
    if (!e2e::waitForState(tab, QStringLiteral("Connected"))) {
        why = QStringLiteral("not connected: ") + tab->errorText();
        return nullptr;
    }
    return tab;
}

// Repeat 2 KiB messages with no pause until stopped.
bool startFlood(SessionTab* tab) {
    return a11y::choose(tab, QStringLiteral("Mode"), QStringLiteral("Text")) &&
           a11y::type(tab, QStringLiteral("Message"), QString(2048, QLatin1Char('z'))) &&
           a11y::setValue(tab, QStringLiteral("Repeat"), 100000) &&
           a11y::setValue(tab, QStringLiteral("every"), 0) &&
           a11y::press(tab, QStringLiteral("Start repeat"));
}

QString pressureText(QWidget* tab) {
    return a11y::text(tab, QStringLiteral("Send backpressure"), QAccessible::StaticText);
}

QString errorText(QWidget* tab) {
    return a11y::text(tab, QStringLiteral("Error"));
}

} // namespace

class TestGuiFaults : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;

private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_faults")); }

    void init() { QVERIFY(m_gui.start()); }
    void cleanup() { m_gui.stop(); }

    void neverReadingPeerShowsBackpressureAndResets() {
        QProcess peer;
        const int port = e2e::startPeer(peer, kNeverReads);
        QVERIFY(port > 0);
        QString why;
        SessionTab* tab =
            e2e::openAndWait(m_gui.window(), tcpClient(port), QStringLiteral("Connected"), why);
        QVERIFY2(tab, qPrintable(why));
        QVERIFY(pressureText(tab).isEmpty());

        // 2 KiB messages, repeated with no pause: far more than the kernel and the 4 MiB send
        // queue hold while the peer reads nothing.
        QVERIFY(a11y::choose(tab, QStringLiteral("Mode"), QStringLiteral("Text")));
        QVERIFY(a11y::type(tab, QStringLiteral("Message"), QString(2048, QLatin1Char('z'))));
        QVERIFY(a11y::setValue(tab, QStringLiteral("Repeat"), 100000));
        QVERIFY(a11y::setValue(tab, QStringLiteral("every"), 0));
        QVERIFY(a11y::press(tab, QStringLiteral("Start repeat")));

        QTRY_VERIFY2_WITH_TIMEOUT(errorText(tab).contains(QStringLiteral("send queue full (")),
                                  qPrintable(errorText(tab)), 30000);
        const QString error = errorText(tab);
        QVERIFY2(error.contains(QStringLiteral("send 127.0.0.1:%1: send queue full (").arg(port)),
                 qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral(" MiB waiting; the peer is not reading)")),
                 qPrintable(error));
        QTRY_VERIFY2_WITH_TIMEOUT(pressureText(tab).startsWith(QStringLiteral("Backpressure: ")),
                                  qPrintable(pressureText(tab)), kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(
            pressureText(tab).contains(QStringLiteral(" MiB queued, the peer is not reading")),
            qPrintable(pressureText(tab)), kWaitMs);
        QVERIFY(a11y::press(tab, QStringLiteral("Stop repeat")));

        // Reset works at once with the queue full; the label goes; the peer sees RST.
        QElapsedTimer t;
        t.start();
        QVERIFY(a11y::press(tab, QStringLiteral("Reset (RST)")));
        QVERIFY2(e2e::waitForState(tab, QStringLiteral("Closed"), 2000),
                 qPrintable(e2e::stateText(tab)));
        QVERIFY2(t.elapsed() < 5000, "Reset waited for the send queue");
        QTRY_VERIFY2_WITH_TIMEOUT(pressureText(tab).isEmpty(), qPrintable(pressureText(tab)),
                                  kWaitMs);
        peer.write("go\n");
        QVERIFY(peer.waitForFinished(kWaitMs));
        const QByteArray out = peer.readAll().trimmed(); // the port line may end here
        QVERIFY2(out.startsWith("ECONNRESET "), out.constData());
    }

    void smallSendQueueLimitRefusesEarlier() {
        QProcess peer;
        const int port = e2e::startPeer(peer, kNeverReads);
        QVERIFY(port > 0);
        QString why;
        SessionTab* tab = openLimitedClient(m_gui.window(), port, QStringLiteral("64k"), why);
        QVERIFY2(tab, qPrintable(why));
        QCOMPARE(m_gui->workspace().tabs.back().sendQueueBytes, std::size_t(64u << 10));
        QVERIFY(startFlood(tab));
        // Refused with at most 64 KiB waiting (the default would let 4 MiB pile up first).
        QTRY_VERIFY2_WITH_TIMEOUT(errorText(tab).contains(QStringLiteral("send queue full (")),
                                  qPrintable(errorText(tab)), 30000);
        const QRegularExpression refused(
            QStringLiteral("send 127\\.0\\.0\\.1:%1: send queue full \\((\\d+)\\.\\d KiB "
                           "waiting; the peer is not reading\\)")
                .arg(port));
        const auto m = refused.match(errorText(tab));
        QVERIFY2(m.hasMatch(), qPrintable(errorText(tab)));
        QVERIFY2(m.captured(1).toInt() <= 64, qPrintable(errorText(tab)));
        QTRY_VERIFY2_WITH_TIMEOUT(
            pressureText(tab).contains(QStringLiteral(" KiB queued, the peer is not reading")),
            qPrintable(pressureText(tab)), kWaitMs);
        QVERIFY(a11y::press(tab, QStringLiteral("Stop repeat")));
        QVERIFY(a11y::press(tab, QStringLiteral("Reset (RST)")));
        QVERIFY(e2e::waitForState(tab, QStringLiteral("Closed"), 5000));
        peer.write("go\n");
        QVERIFY(peer.waitForFinished(kWaitMs));
    }
};

QTEST_MAIN(TestGuiFaults)
#include "test_gui_faults.moc"
