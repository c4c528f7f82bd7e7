// End-to-end: the real main window, engine and kernel sockets, driven through the accessibility
// tree like a screen-reader user would, against python3 peers the project did not write.
#include "support/gui_driver.h"
#include "ui/dialogs/show_code_dialog.h"
#include "ui/views/hex_view.h"
#include "ui/views/text_view.h"

#include <QDialog>
#include <QPointer>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTemporaryDir>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace socklab;
using namespace socklab::ui;
using e2e::kWaitMs;
using e2e::startPeer;
using e2e::viewText;

namespace {

// Connects, says hello, prints the first thing the server sends, then exits.
const char* kTcpClient = "import socket,sys\n"
                         "c=socket.create_connection(('127.0.0.1',int(sys.argv[1])),timeout=30)\n"
                         "c.sendall(('client %s\\n' % sys.argv[2]).encode())\n"
                         "print(c.recv(65536).decode(),flush=True)\n";

// Connects to 127.0.0.1:argv[1] once: prints "connected" or the exception's name.
const char* kPyConnectOnce = "import socket,sys\n"
                             "s=socket.socket()\n"
                             "s.settimeout(5)\n"
                             "try:\n"
                             "    s.connect(('127.0.0.1',int(sys.argv[1])))\n"
                             "    print('connected',flush=True)\n"
                             "except OSError as e:\n"
                             "    print(type(e).__name__,flush=True)\n";

} // namespace

class TestGuiAcceptance : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;

private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_acceptance")); }

    void init() { QVERIFY(m_gui.start()); }

    void cleanup() { m_gui.stop(); }

    void tcpClientSendsHexAndSeesTheEcho() {
        QProcess peer;
        const int port = startPeer(peer, e2e::kPyTcpEcho);
        QVERIFY(port > 0);
        SessionTab* tab = e2e::openAndWait(m_gui.window(), e2e::tcpClientRecipe(port),
                                           QStringLiteral("Connected"));
        QVERIFY(tab);
        const QString tabTitle = m_gui->tabs()->tabText(m_gui->tabs()->currentIndex());
        QVERIFY2(tabTitle.contains(QStringLiteral("TCP client")) &&
                     tabTitle.contains(QString::number(port)) &&
                     tabTitle.contains(QStringLiteral("Connected")),
                 qPrintable(tabTitle));

        QVERIFY(a11y::choose(tab, QStringLiteral("Mode"), QStringLiteral("Hex")));
        QVERIFY(a11y::choose(tab, QStringLiteral("Line ending"), QStringLiteral("No line")));
        QVERIFY(a11y::type(tab, QStringLiteral("Message"), QStringLiteral("68 65 6c 6c 6f 21")));
        QVERIFY(a11y::press(tab, QStringLiteral("Send")));
        // Sent and echoed: the bytes appear twice in the hex view and "hello!" in the text view.
        QTRY_VERIFY_WITH_TIMEOUT(viewText<HexView>(tab, QStringLiteral("Hex view"))
                                         .count(QStringLiteral("68 65 6c 6c 6f 21")) >= 2,
                                 kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            viewText<TextView>(tab, QStringLiteral("Text view")).count(QStringLiteral("hello!")) >=
                2,
            kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(a11y::text(tab, QStringLiteral("Counters"))
                                      .contains(QStringLiteral("In 6 bytes / 1 msg")),
                                  qPrintable(a11y::text(tab, QStringLiteral("Counters"))), kWaitMs);
        // TCP_INFO is polled while connected.
        QTRY_VERIFY2_WITH_TIMEOUT(
            a11y::text(tab, QStringLiteral("TCP info")).contains(QStringLiteral("cwnd")),
            qPrintable(a11y::text(tab, QStringLiteral("TCP info"))), kWaitMs);

        // Ctrl+W closes the tab and its socket: the peer sees end of stream.
        QTest::keyClick(&m_gui.window(), Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(m_gui->tabCount(), 0);
        QVERIFY(peer.state() == QProcess::NotRunning || peer.waitForFinished(kWaitMs));
        QVERIFY(peer.readAll().contains("peer closed"));
    }

    void udpEndpointSendsToAPeerAndSeesTheReply() {
        QProcess peer;
        const int port = startPeer(peer, e2e::kPyUdpEcho);
        QVERIFY(port > 0);
        SessionTab* tab =
            e2e::openAndWait(m_gui.window(), e2e::udpBindRecipe(), QStringLiteral("Bound"));
        QVERIFY(tab);
        QVERIFY(a11y::type(tab, QStringLiteral("Destination"),
                           QStringLiteral("127.0.0.1:%1").arg(port)));
        QVERIFY(a11y::choose(tab, QStringLiteral("Mode"), QStringLiteral("Hex")));
        QVERIFY(a11y::choose(tab, QStringLiteral("Line ending"), QStringLiteral("No line")));
        QVERIFY(a11y::type(tab, QStringLiteral("Message"), QStringLiteral("75 64 70 00 21")));
        QVERIFY(a11y::press(tab, QStringLiteral("Send")));
        QTRY_VERIFY_WITH_TIMEOUT(viewText<HexView>(tab, QStringLiteral("Hex view"))
                                         .count(QStringLiteral("75 64 70 00 21")) >= 2,
                                 kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            viewText<TextView>(tab, QStringLiteral("Text view")).count(QStringLiteral("udp")) >= 2,
            kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(a11y::text(tab, QStringLiteral("Counters"))
                                      .contains(QStringLiteral("In 5 bytes / 1 msg")),
                                  qPrintable(a11y::text(tab, QStringLiteral("Counters"))), kWaitMs);
        QVERIFY(peer.state() == QProcess::NotRunning || peer.waitForFinished(kWaitMs));
    }

    void listenerShowsClientsAndSendsToAll() {
        SessionTab* tab =
            e2e::openAndWait(m_gui.window(),
                             {QStringLiteral("AF_INET"), QStringLiteral("SOCK_STREAM"),
                              QStringLiteral("IPPROTO_TCP"), QStringLiteral("Listen"),
                              QStringLiteral("Local address"), QStringLiteral("127.0.0.1:0")},
                             QStringLiteral("Listening"));
        QVERIFY(tab);
        const QString state = e2e::stateText(tab);
        const auto m = QRegularExpression(QStringLiteral("127\\.0\\.0\\.1:(\\d+)")).match(state);
        QVERIFY2(m.hasMatch(), qPrintable(state));
        const QString port = m.captured(1);
        QVERIFY(port.toInt() > 0);

        constexpr int kClients = 3;
        std::array<QProcess, kClients> clients;
        for (int i = 0; i < kClients; ++i) {
            clients[i].start(
                QStringLiteral("python3"),
                {QStringLiteral("-c"), QString::fromLatin1(kTcpClient), port, QString::number(i)});
            QVERIFY(clients[i].waitForStarted(5000));
        }
        QAccessibleInterface* table =
            a11y::find(tab, QStringLiteral("Connections"), QAccessible::Table);
        QVERIFY(table && table->tableInterface());
        QTRY_COMPARE_WITH_TIMEOUT(table->tableInterface()->rowCount(), kClients, kWaitMs);
        for (int i = 0; i < kClients; ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(viewText<TextView>(tab, QStringLiteral("Text view"))
                                         .contains(QStringLiteral("client %1").arg(i)),
                                     kWaitMs);
        }
        QAccessibleInterface* all =
            a11y::find(tab, QStringLiteral("All connections"), QAccessible::CheckBox);
        QVERIFY(all && all->state().checked);
        QVERIFY(a11y::choose(tab, QStringLiteral("Mode"), QStringLiteral("Text")));
        QVERIFY(a11y::type(tab, QStringLiteral("Message"), QStringLiteral("to all")));
        QVERIFY(a11y::press(tab, QStringLiteral("Send")));
        for (auto& client : clients) {
            QVERIFY(client.state() == QProcess::NotRunning || client.waitForFinished(kWaitMs));
            QVERIFY2(client.readAllStandardOutput().contains("to all"),
                     client.readAllStandardError().constData());
        }
    }

    void refusedConnectShowsTheErrorInItsTab() {
        // A port that was just free: nothing listens there any more.
        QProcess probe;
        probe.start(QStringLiteral("python3"),
                    {QStringLiteral("-c"),
                     QStringLiteral("import socket\ns=socket.socket()\ns.bind(('127.0.0.1',0))\n"
                                    "print(s.getsockname()[1])\ns.close()\n")});
        QVERIFY(probe.waitForFinished(kWaitMs));
        const int port = probe.readAllStandardOutput().trimmed().toInt();
        QVERIFY(port > 0);
        QString why;
        SessionTab* tab = e2e::openTab(m_gui.window(), e2e::tcpClientRecipe(port), why);
        QVERIFY2(tab, qPrintable(why));
        QTRY_VERIFY2_WITH_TIMEOUT(
            a11y::text(tab, QStringLiteral("Error")).contains(QStringLiteral("ECONNREFUSED")),
            qPrintable(a11y::text(tab, QStringLiteral("Error"))), kWaitMs);
        QVERIFY(a11y::text(tab, QStringLiteral("Error")).contains(QStringLiteral("connect")));
        // The form is editable again, so the user can fix the address and retry.
        QTRY_VERIFY(a11y::find(tab, QStringLiteral("Open socket"), QAccessible::PushButton));
    }

    void showCodeForTheCurrentTab() {
        QTest::keyClick(&m_gui.window(), Qt::Key_T, Qt::ControlModifier);
        SessionTab* tab = m_gui->currentTab();
        QVERIFY(tab);
        QVERIFY(a11y::type(tab, QStringLiteral("Remote address"), QStringLiteral("127.0.0.1:9")));
        QVERIFY(a11y::press(tab, QStringLiteral("Show code")));
        // Non-modal, one per tab: asking again raises the same dialog instead of a second one.
        QVERIFY(!QApplication::activeModalWidget());
        QPointer<ShowCodeDialog> dialog = m_gui->codeDialog(tab);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(!dialog->isModal());
        QVERIFY(a11y::press(tab, QStringLiteral("Show code")));
        QCOMPARE(m_gui->codeDialog(tab), dialog.data());
        QCOMPARE(m_gui->findChildren<ShowCodeDialog*>().size(), 1);
        const QString python = a11y::text(dialog, QStringLiteral("Python code"));
        dialog->findChild<QTabWidget*>()->setCurrentIndex(1); // the "C" page
        const QString c = a11y::text(dialog, QStringLiteral("C code"));
        dialog->close();
        QTRY_VERIFY(!dialog); // deleted on close
        QVERIFY2(python.contains(QStringLiteral("s.connect((\"127.0.0.1\", 9))")),
                 qPrintable(python));
        QVERIFY2(c.contains(QStringLiteral("socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)")),
                 qPrintable(c));
    }

    void workspaceRoundTrip() {
        QTest::keyClick(&m_gui.window(), Qt::Key_T, Qt::ControlModifier);
        QVERIFY(a11y::type(m_gui->currentTab(), QStringLiteral("Remote address"),
                           QStringLiteral("127.0.0.1:4321")));
        m_gui->newTab(Preset::UdpEndpoint);
        const Workspace saved = m_gui->workspace();
        QCOMPARE(saved.tabs.size(), std::size_t(2));
        QCOMPARE(saved.tabs[0].remote, std::string("127.0.0.1:4321"));
        QCOMPARE(saved.tabs[1].role, Role::Bind);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.json"));
        QVERIFY(m_gui->saveWorkspaceFile(path));
        while (m_gui->tabCount() > 0) {
            m_gui->closeTab(0);
        }
        QVERIFY(m_gui->openWorkspaceFile(path));
        QCOMPARE(m_gui->tabCount(), 2);
        const Workspace loaded = m_gui->workspace();
        QCOMPARE(loaded.tabs[0].spec, saved.tabs[0].spec);
        QCOMPARE(loaded.tabs[0].remote, saved.tabs[0].remote);
        QCOMPARE(loaded.tabs[1].local, saved.tabs[1].local);
        // Loading opens no socket: the tabs wait to be started.
        QTest::qWait(200);
        QVERIFY2(m_gui->tabs()->tabText(1).contains(QStringLiteral("not open")),
                 qPrintable(m_gui->tabs()->tabText(1)));
        QVERIFY(
            a11y::find(m_gui->tabAt(1), QStringLiteral("Open socket"), QAccessible::PushButton));
        QVERIFY(!m_gui->tabAt(1)->isOpen());
    }

    // A server tab of a loaded workspace listens only once started: a python3 client is
    // refused before and served after.
    void workspaceServerListensOnlyOnceStarted() {
        QProcess probe;
        probe.start(QStringLiteral("python3"),
                    {QStringLiteral("-c"),
                     QStringLiteral("import socket\ns=socket.socket()\ns.bind(('127.0.0.1',0))\n"
                                    "print(s.getsockname()[1])\ns.close()\n")});
        QVERIFY(probe.waitForFinished(kWaitMs));
        const int port = probe.readAllStandardOutput().trimmed().toInt();
        QVERIFY(port > 0);
        Workspace w;
        WorkspaceTab server;
        server.spec = {AF_INET, SOCK_STREAM, IPPROTO_TCP};
        server.role = Role::Listen;
        server.local = "127.0.0.1:" + std::to_string(port);
        w.tabs.push_back(server);
        m_gui->loadWorkspace(w);
        QCOMPARE(m_gui->tabCount(), 1);
        const auto connectOnce = [port] {
            QProcess client;
            client.start(
                QStringLiteral("python3"),
                {QStringLiteral("-c"), QString::fromLatin1(kPyConnectOnce), QString::number(port)});
            client.waitForFinished(kWaitMs);
            return client.readAllStandardOutput().trimmed();
        };
        QTest::qWait(200);
        QCOMPARE(connectOnce(), QByteArray("ConnectionRefusedError"));
        QVERIFY(a11y::press(m_gui->tabAt(0), QStringLiteral("Open socket")));
        QVERIFY(e2e::waitForState(m_gui->tabAt(0), QStringLiteral("Listening")));
        QCOMPARE(connectOnce(), QByteArray("connected"));
    }
};

QTEST_MAIN(TestGuiAcceptance)
#include "test_gui_acceptance.moc"
