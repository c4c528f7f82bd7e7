// End-to-end: the real main window, engine and kernel sockets, driven through the accessibility
// tree like a screen-reader user would, against python3 peers the project did not write.
#include "a11y.h"
#include "core/engine/engine.h"
#include "ui/bridge/core_bridge.h"
#include "ui/dialogs/show_code_dialog.h"
#include "ui/main_window.h"
#include "ui/views/hex_view.h"
#include "ui/views/text_view.h"
#include "ui/widgets/session_tab.h"

#include <QAccessibleTableInterface>
#include <QDialog>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <memory>

using namespace socklab;
using namespace socklab::ui;

namespace {

constexpr int kWaitMs = 10000;

const char* kTcpEcho = "import socket\n"
                       "s=socket.socket()\n"
                       "s.bind(('127.0.0.1',0))\n"
                       "s.listen(4)\n"
                       "print(s.getsockname()[1],flush=True)\n"
                       "s.settimeout(30)\n"
                       "c,a=s.accept()\n"
                       "c.settimeout(30)\n"
                       "while True:\n"
                       "    d=c.recv(65536)\n"
                       "    if not d: break\n"
                       "    c.sendall(d)\n"
                       "print('peer closed',flush=True)\n";

const char* kUdpEcho = "import socket\n"
                       "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                       "s.bind(('127.0.0.1',0))\n"
                       "print(s.getsockname()[1],flush=True)\n"
                       "s.settimeout(30)\n"
                       "d,a=s.recvfrom(65536)\n"
                       "s.sendto(d,a)\n";

// Connects, says hello, prints the first thing the server sends, then exits.
const char* kTcpClient = "import socket,sys\n"
                         "c=socket.create_connection(('127.0.0.1',int(sys.argv[1])),timeout=30)\n"
                         "c.sendall(('client %s\\n' % sys.argv[2]).encode())\n"
                         "print(c.recv(65536).decode(),flush=True)\n";

int startPeer(QProcess& peer, const char* script, const QStringList& args = {}) {
    peer.start(QStringLiteral("python3"),
               QStringList{QStringLiteral("-c"), QString::fromLatin1(script)} + args);
    if (!peer.waitForStarted(5000) || !peer.waitForReadyRead(kWaitMs)) {
        return 0;
    }
    return peer.readLine().trimmed().toInt();
}

template <class View> QString viewText(QWidget* tab, const QString& name) {
    auto* view = a11y::widget<View>(tab, name);
    if (!view) {
        return {};
    }
    QString out;
    for (const auto& row : view->visibleRows()) {
        out += view->rowText(row) + QLatin1Char('\n');
    }
    return out;
}

} // namespace

class TestGuiAcceptance : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<CoreBridge> m_bridge;
    std::unique_ptr<MainWindow> m_window;

    // Ctrl+T, then build the socket with the three dropdowns and the role.
    SessionTab* newTabFromDropdowns(const QString& family, const QString& type,
                                    const QString& protocol, const QString& role) {
        const int before = m_window->tabCount();
        QTest::keyClick(m_window.get(), Qt::Key_T, Qt::ControlModifier);
        if (m_window->tabCount() != before + 1) {
            return nullptr;
        }
        SessionTab* tab = m_window->currentTab();
        const bool ok = a11y::choose(tab, QStringLiteral("Family"), family) &&
                        a11y::choose(tab, QStringLiteral("Type"), type) &&
                        a11y::choose(tab, QStringLiteral("Protocol"), protocol) &&
                        a11y::choose(tab, QStringLiteral("Role"), role);
        return ok ? tab : nullptr;
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_gui_acceptance"));
        QSettings().clear();
    }

    void init() {
        m_engine = std::make_unique<Engine>();
        m_bridge = std::make_unique<CoreBridge>(*m_engine);
        m_engine->start();
        m_window = std::make_unique<MainWindow>(*m_bridge);
        m_window->resize(1400, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() {
        m_window.reset();
        m_engine->stop();
        m_bridge.reset();
        m_engine.reset();
    }

    void tcpClientSendsHexAndSeesTheEcho() {
        QProcess peer;
        const int port = startPeer(peer, kTcpEcho);
        QVERIFY(port > 0);
        SessionTab* tab =
            newTabFromDropdowns(QStringLiteral("AF_INET"), QStringLiteral("SOCK_STREAM"),
                                QStringLiteral("IPPROTO_TCP"), QStringLiteral("Connect"));
        QVERIFY(tab);
        QVERIFY(a11y::type(tab, QStringLiteral("Remote address"),
                           QStringLiteral("127.0.0.1:%1").arg(port)));
        QVERIFY(a11y::press(tab, QStringLiteral("Open socket")));
        QTRY_VERIFY2_WITH_TIMEOUT(
            a11y::text(tab, QStringLiteral("State"), QAccessible::StaticText)
                .contains(QStringLiteral("Connected")),
            qPrintable(a11y::text(tab, QStringLiteral("State"), QAccessible::StaticText)), kWaitMs);
        const QString tabTitle = m_window->tabs()->tabText(m_window->tabs()->currentIndex());
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
        QTest::keyClick(m_window.get(), Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(m_window->tabCount(), 0);
        QVERIFY(peer.state() == QProcess::NotRunning || peer.waitForFinished(kWaitMs));
        QVERIFY(peer.readAll().contains("peer closed"));
    }

    void udpEndpointSendsToAPeerAndSeesTheReply() {
        QProcess peer;
        const int port = startPeer(peer, kUdpEcho);
        QVERIFY(port > 0);
        SessionTab* tab =
            newTabFromDropdowns(QStringLiteral("AF_INET"), QStringLiteral("SOCK_DGRAM"),
                                QStringLiteral("IPPROTO_UDP"), QStringLiteral("Bind"));
        QVERIFY(tab);
        QVERIFY(a11y::type(tab, QStringLiteral("Local address"), QStringLiteral("127.0.0.1:0")));
        QVERIFY(a11y::press(tab, QStringLiteral("Open socket")));
        QTRY_VERIFY2_WITH_TIMEOUT(
            a11y::text(tab, QStringLiteral("State"), QAccessible::StaticText)
                .contains(QStringLiteral("Bound")),
            qPrintable(a11y::text(tab, QStringLiteral("State"), QAccessible::StaticText)), kWaitMs);
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
            newTabFromDropdowns(QStringLiteral("AF_INET"), QStringLiteral("SOCK_STREAM"),
                                QStringLiteral("IPPROTO_TCP"), QStringLiteral("Listen"));
        QVERIFY(tab);
        QVERIFY(a11y::type(tab, QStringLiteral("Local address"), QStringLiteral("127.0.0.1:0")));
        QVERIFY(a11y::press(tab, QStringLiteral("Open socket")));
        QTRY_VERIFY2_WITH_TIMEOUT(
            a11y::text(tab, QStringLiteral("State"), QAccessible::StaticText)
                .contains(QStringLiteral("Listening")),
            qPrintable(a11y::text(tab, QStringLiteral("State"), QAccessible::StaticText)), kWaitMs);
        const QString state = a11y::text(tab, QStringLiteral("State"), QAccessible::StaticText);
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
        SessionTab* tab =
            newTabFromDropdowns(QStringLiteral("AF_INET"), QStringLiteral("SOCK_STREAM"),
                                QStringLiteral("IPPROTO_TCP"), QStringLiteral("Connect"));
        QVERIFY(tab);
        QVERIFY(a11y::type(tab, QStringLiteral("Remote address"),
                           QStringLiteral("127.0.0.1:%1").arg(port)));
        QVERIFY(a11y::press(tab, QStringLiteral("Open socket")));
        QTRY_VERIFY2_WITH_TIMEOUT(
            a11y::text(tab, QStringLiteral("Error")).contains(QStringLiteral("ECONNREFUSED")),
            qPrintable(a11y::text(tab, QStringLiteral("Error"))), kWaitMs);
        QVERIFY(a11y::text(tab, QStringLiteral("Error")).contains(QStringLiteral("connect")));
        // The form is editable again, so the user can fix the address and retry.
        QTRY_VERIFY(a11y::find(tab, QStringLiteral("Open socket"), QAccessible::PushButton));
    }

    void showCodeForTheCurrentTab() {
        QTest::keyClick(m_window.get(), Qt::Key_T, Qt::ControlModifier);
        SessionTab* tab = m_window->currentTab();
        QVERIFY(tab);
        QVERIFY(a11y::type(tab, QStringLiteral("Remote address"), QStringLiteral("127.0.0.1:9")));
        QVERIFY(a11y::press(tab, QStringLiteral("Show code")));
        // Non-modal, one per tab: asking again raises the same dialog instead of a second one.
        QVERIFY(!QApplication::activeModalWidget());
        QPointer<ShowCodeDialog> dialog = m_window->codeDialog(tab);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(!dialog->isModal());
        QVERIFY(a11y::press(tab, QStringLiteral("Show code")));
        QCOMPARE(m_window->codeDialog(tab), dialog.data());
        QCOMPARE(m_window->findChildren<ShowCodeDialog*>().size(), 1);
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
        QTest::keyClick(m_window.get(), Qt::Key_T, Qt::ControlModifier);
        QVERIFY(a11y::type(m_window->currentTab(), QStringLiteral("Remote address"),
                           QStringLiteral("127.0.0.1:4321")));
        m_window->newTab(Preset::UdpEndpoint);
        const Workspace saved = m_window->workspace();
        QCOMPARE(saved.tabs.size(), std::size_t(2));
        QCOMPARE(saved.tabs[0].remote, std::string("127.0.0.1:4321"));
        QCOMPARE(saved.tabs[1].role, Role::Bind);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.json"));
        QVERIFY(m_window->saveWorkspaceFile(path));
        while (m_window->tabCount() > 0) {
            m_window->closeTab(0);
        }
        QVERIFY(m_window->openWorkspaceFile(path));
        QCOMPARE(m_window->tabCount(), 2);
        const Workspace loaded = m_window->workspace();
        QCOMPARE(loaded.tabs[0].spec, saved.tabs[0].spec);
        QCOMPARE(loaded.tabs[0].remote, saved.tabs[0].remote);
        QCOMPARE(loaded.tabs[1].local, saved.tabs[1].local);
        // Loading opens the sockets: the UDP endpoint binds.
        QTRY_VERIFY2_WITH_TIMEOUT(
            a11y::text(m_window->tabAt(1), QStringLiteral("State"), QAccessible::StaticText)
                .contains(QStringLiteral("Bound")),
            qPrintable(
                a11y::text(m_window->tabAt(1), QStringLiteral("State"), QAccessible::StaticText)),
            kWaitMs);
    }
};

QTEST_MAIN(TestGuiAcceptance)
#include "test_gui_acceptance.moc"
