// End-to-end relay tabs: the real main window and engine, driven through the accessibility
// tree, between python3 peers. TCP: hold client -> server, edit a held message, drop another,
// inject toward the client. UDP: 100% loss counted while the server receives nothing.
#include "core/workspace/workspace_json.h"
#include "support/gui_driver.h"
#include "ui/dialogs/held_edit_dialog.h"
#include "ui/export/capture_export.h"
#include "ui/models/held_queue_model.h"
#include "ui/session/session_handle.h"
#include "ui/widgets/hold_queue_panel.h"
#include "ui/widgets/relay_direction_box.h"
#include "ui/widgets/relay_panel.h"
#include "ui/widgets/socket_form.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTemporaryDir>

using namespace socklab::ui;
using e2e::kWaitMs;

namespace {

// Prints its port, accepts one client and prints every chunk it receives (repr) until EOF.
const char* kTcpServer = "import socket\n"
                         "s=socket.socket()\n"
                         "s.bind(('127.0.0.1',0))\n"
                         "s.listen(1)\n"
                         "print(s.getsockname()[1],flush=True)\n"
                         "s.settimeout(30)\n"
                         "c,_=s.accept()\n"
                         "c.settimeout(30)\n"
                         "while True:\n"
                         "    d=c.recv(65536)\n"
                         "    if not d: break\n"
                         "    print('got',repr(d),flush=True)\n";

// Connects to the relay (argv[1]) and obeys stdin: "recv" prints what arrives, "quit" ends,
// anything else is sent.
const char* kTcpClient = "import socket,sys\n"
                         "s=socket.create_connection(('127.0.0.1',int(sys.argv[1])),timeout=30)\n"
                         "print('connected',flush=True)\n"
                         "for line in sys.stdin:\n"
                         "    cmd=line.strip()\n"
                         "    if cmd=='recv':\n"
                         "        print('received',repr(s.recv(65536)),flush=True)\n"
                         "    elif cmd=='quit':\n"
                         "        break\n"
                         "    else:\n"
                         "        s.sendall(cmd.encode())\n"
                         "        print('sent',cmd,flush=True)\n";

// Prints its port and every datagram it receives, for 30 s at most.
const char* kUdpServer = "import socket\n"
                         "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                         "s.bind(('127.0.0.1',0))\n"
                         "print(s.getsockname()[1],flush=True)\n"
                         "s.settimeout(30)\n"
                         "while True:\n"
                         "    d,a=s.recvfrom(65536)\n"
                         "    print('got',repr(d),flush=True)\n";

// Sends argv[2] datagrams "dgram N" to 127.0.0.1:argv[1], then prints "sent".
const char* kUdpClient = "import socket,sys\n"
                         "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                         "for i in range(int(sys.argv[2])):\n"
                         "    s.sendto(b'dgram %d'%i,('127.0.0.1',int(sys.argv[1])))\n"
                         "print('sent',flush=True)\n";

int portOf(const QString& address) {
    return address.section(QLatin1Char(':'), -1).toInt();
}

// Collects a process's output lines across waits.
struct Output {
    QProcess& process;
    QByteArray seen;
    bool contains(const QByteArray& text) {
        seen += process.readAllStandardOutput();
        return seen.contains(text);
    }
};

QGroupBox* directionBox(QWidget* tab, const QString& title) {
    return a11y::widget<QGroupBox>(tab, title);
}

// The hold queue's cells through the accessibility tree. Without an assistive technology
// (offscreen) Qt sends the table no model-change events, so its cached cells of removed rows
// would read empty; a screen reader gets these events, and so does the table here.
QString holdQueueText(SessionTab* tab) {
    QAccessibleInterface* table = a11y::find(tab, QStringLiteral("Hold queue"), QAccessible::Table);
    if (table && table->tableInterface()) {
        QAccessibleTableModelChangeEvent reset(tab->holdQueue()->view(),
                                               QAccessibleTableModelChangeEvent::ModelReset);
        table->tableInterface()->modelChange(&reset);
    }
    return e2e::tableText(tab, QStringLiteral("Hold queue"));
}

QString holdModelText(SessionTab* tab) {
    auto* m = tab->holdQueue()->model();
    QString t = QStringLiteral("[model rows %1:").arg(m->rowCount());
    for (int r = 0; r < m->rowCount(); ++r) {
        t += m->data(m->index(r, 4)).toString() + ",";
    }
    return t + "]";
}

// Ctrl+T, a relay of `type` (and protocol) listening on 127.0.0.1:0, forwarding to
// 127.0.0.1:upstream; waits for `state`.
SessionTab* openRelay(MainWindow& window, const QString& type, const QString& protocol,
                      int upstream, const QString& state) {
    QString why;
    SessionTab* tab = e2e::openAndWait(window,
                                       {QStringLiteral("AF_INET"), type, protocol,
                                        QStringLiteral("Relay"), QStringLiteral("Upstream address"),
                                        QStringLiteral("127.0.0.1:%1").arg(upstream)},
                                       state, why);
    if (!tab) {
        qWarning("%s", qPrintable(why));
    }
    return tab;
}

} // namespace

class TestGuiRelay : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;

private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_relay")); }
    void init() { QVERIFY(m_gui.start()); }
    void cleanup() { m_gui.stop(); }

    // A relay tab's settings, as typed in its panel, survive saving and loading a workspace.
    void relaySettingsSurviveAWorkspace() {
        QTest::keyClick(&m_gui.window(), Qt::Key_T, Qt::ControlModifier);
        SessionTab* tab = m_gui->currentTab();
        QVERIFY(a11y::choose(tab, QStringLiteral("Type"), QStringLiteral("SOCK_STREAM")));
        QVERIFY(a11y::choose(tab, QStringLiteral("Role"), QStringLiteral("Relay")));
        QVERIFY(a11y::type(tab, QStringLiteral("Upstream address"), QStringLiteral("127.0.0.1:9")));
        QVERIFY(a11y::type(tab, QStringLiteral("Seed"), QStringLiteral("77")));
        QGroupBox* toServer = directionBox(tab, QStringLiteral("Client → server"));
        QVERIFY(toServer);
        QVERIFY(a11y::type(toServer, QStringLiteral("Segment"), QStringLiteral("1..8")));
        QVERIFY(a11y::press(tab, QStringLiteral("Hold server to client")));

        socklab::Workspace saved;
        saved.tabs.push_back(tab->toWorkspaceTab());
        auto loaded = socklab::parseWorkspace(socklab::serializeWorkspace(saved), "test");
        QVERIFY2(loaded, loaded ? "" : loaded.error().message().c_str());
        QCOMPARE(loaded->tabs.size(), std::size_t(1));
        QCOMPARE(loaded->tabs[0].role, socklab::Role::Relay);
        QCOMPARE(loaded->tabs[0].remote, std::string("127.0.0.1:9"));

        QTest::keyClick(&m_gui.window(), Qt::Key_T, Qt::ControlModifier);
        SessionTab* again = m_gui->currentTab();
        QVERIFY(again != tab);
        again->loadWorkspaceTab(loaded->tabs[0]);
        const socklab::RelayConfig c = again->relayPanel()->config();
        QCOMPARE(c.seed, std::uint64_t(77));
        QCOMPARE(c.toServer.segmentMin, std::size_t(1));
        QCOMPARE(c.toServer.segmentMax, std::size_t(8));
        QVERIFY(c.holdToClient);
        QVERIFY(!c.holdToServer);
        QCOMPARE(a11y::text(directionBox(again, QStringLiteral("Client → server")),
                            QStringLiteral("Segment")),
                 QStringLiteral("1..8"));
    }

    // The form asks for the upstream before a relay can open, and names both fields.
    void relayFormNeedsTheUpstream() {
        QTest::keyClick(&m_gui.window(), Qt::Key_T, Qt::ControlModifier);
        SessionTab* tab = m_gui->currentTab();
        QVERIFY(a11y::choose(tab, QStringLiteral("Type"), QStringLiteral("SOCK_STREAM")));
        QVERIFY(a11y::choose(tab, QStringLiteral("Role"), QStringLiteral("Relay")));
        QVERIFY(a11y::find(tab, QStringLiteral("Listen address"), QAccessible::EditableText));
        QVERIFY(a11y::find(tab, QStringLiteral("Upstream address"), QAccessible::EditableText));
        QVERIFY(!a11y::press(tab, QStringLiteral("Open socket"))); // disabled: upstream missing
        QVERIFY2(tab->form()->problem().contains(QStringLiteral("Upstream address: Required")),
                 qPrintable(tab->form()->problem()));
        // The relay's settings are shown before it opens; Apply waits for a running relay.
        QVERIFY(directionBox(tab, QStringLiteral("Client → server")));
        QVERIFY(directionBox(tab, QStringLiteral("Server → client")));
        QVERIFY(a11y::find(tab, QStringLiteral("Hold queue"), QAccessible::Table));
    }

    // The relay panel, made when Relay is chosen, follows the form's last field in the Tab
    // order (it sits below the form), not after every other widget of the window.
    void tabFromTheFormReachesTheRelayPanel() {
        QTest::keyClick(&m_gui.window(), Qt::Key_T, Qt::ControlModifier);
        SessionTab* tab = m_gui->currentTab();
        QVERIFY(a11y::choose(tab, QStringLiteral("Type"), QStringLiteral("SOCK_STREAM")));
        QVERIFY(a11y::choose(tab, QStringLiteral("Role"), QStringLiteral("Relay")));
        m_gui.window().activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&m_gui.window()));
        tab->form()->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(tab->form()->isAncestorOf(QApplication::focusWidget()));
        QWidget* focus = QApplication::focusWidget();
        for (int i = 0; i < 80 && focus && tab->form()->isAncestorOf(focus); ++i) {
            QTest::keyClick(focus, Qt::Key_Tab);
            focus = QApplication::focusWidget();
        }
        QVERIFY(focus);
        QVERIFY2(tab->relayPanel()->isAncestorOf(focus),
                 qPrintable(focus->metaObject()->className() + QStringLiteral(" ") +
                            focus->accessibleName()));
    }

    void tcpHoldEditDropInject() {
        QProcess server;
        const int upstream = e2e::startPeer(server, kTcpServer);
        QVERIFY(upstream > 0);
        Output serverSaid{server, {}};

        SessionTab* tab =
            openRelay(m_gui.window(), QStringLiteral("SOCK_STREAM"), QStringLiteral("IPPROTO_TCP"),
                      upstream, QStringLiteral("Listening"));
        QVERIFY(tab);
        const int listen = portOf(tab->handle()->localText());
        QVERIFY2(listen > 0, qPrintable(tab->handle()->localText()));
        // Directions are named as a relay's in the log.
        QVERIFY(a11y::press(tab, QStringLiteral("Hold client to server")));
        QGroupBox* toServer = directionBox(tab, QStringLiteral("Client → server"));
        QVERIFY(toServer);
        QTRY_VERIFY_WITH_TIMEOUT(a11y::text(toServer, QStringLiteral("Client to server impairment"))
                                     .contains(QStringLiteral("in effect")),
                                 kWaitMs);

        QProcess client;
        QCOMPARE(e2e::startPeerLine(client, kTcpClient, {QString::number(listen)}),
                 QStringLiteral("connected"));
        Output clientSaid{client, {}};
        client.write("hello\n");
        QTRY_VERIFY2_WITH_TIMEOUT(holdQueueText(tab).contains(QStringLiteral("hello")),
                                  qPrintable(holdQueueText(tab)), kWaitMs);
        QVERIFY(holdQueueText(tab).contains(QStringLiteral("client->server")));
        QVERIFY(!serverSaid.contains("got")); // held, not forwarded

        // Edit & release: the server gets the edited bytes.
        QVERIFY(a11y::press(tab, QStringLiteral("Edit and release")));
        HeldEditDialog* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = tab->findChild<HeldEditDialog*>()) != nullptr &&
                                     dialog->isVisible(),
                                 kWaitMs);
        QCOMPARE(dialog->editor()->toPlainText(), QStringLiteral("hello"));
        QVERIFY(a11y::type(dialog, QStringLiteral("Held bytes"), QStringLiteral("HELLO!")));
        QVERIFY(a11y::press(dialog, QStringLiteral("Release edited")));
        QTRY_VERIFY2_WITH_TIMEOUT(serverSaid.contains("got b'HELLO!'"), serverSaid.seen.constData(),
                                  kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(holdQueueText(tab).isEmpty(), kWaitMs);

        // Drop: the second message never reaches the server. Then holding stops and a third
        // one goes through; a stream keeps order, so "second" would have come before it.
        client.write("second\n");
        QTRY_VERIFY2_WITH_TIMEOUT(holdQueueText(tab).contains(QStringLiteral("second")),
                                  qPrintable(holdQueueText(tab) + holdModelText(tab)), kWaitMs);
        QVERIFY(a11y::press(tab, QStringLiteral("Drop")));
        QTRY_VERIFY_WITH_TIMEOUT(holdQueueText(tab).isEmpty(), kWaitMs);
        // An edit not applied yet survives the hold switch (the relay re-announces its
        // settings when holding changes).
        QVERIFY(a11y::type(toServer, QStringLiteral("Segment"), QStringLiteral("1..8")));
        QVERIFY(a11y::press(tab, QStringLiteral("Hold client to server")));
        QTRY_VERIFY_WITH_TIMEOUT(
            !tab->relayPanel()->box(socklab::RelayDirection::ToServer)->holdBox()->isChecked(),
            kWaitMs);
        QTest::qWait(200);
        QCOMPARE(a11y::text(toServer, QStringLiteral("Segment")), QStringLiteral("1..8"));
        QVERIFY(a11y::type(toServer, QStringLiteral("Segment"), QString()));
        client.write("third\n");
        QTRY_VERIFY2_WITH_TIMEOUT(serverSaid.contains("third"), serverSaid.seen.constData(),
                                  kWaitMs);
        QVERIFY2(!serverSaid.seen.contains("second"), serverSaid.seen.constData());
        QTRY_VERIFY2_WITH_TIMEOUT(
            a11y::text(toServer, QStringLiteral("Held")) == QStringLiteral("0"),
            qPrintable(a11y::text(toServer, QStringLiteral("Held"))), kWaitMs);

        // Inject toward the client from the composer: the client receives it.
        QVERIFY(a11y::choose(tab, QStringLiteral("Inject direction"), QStringLiteral("client")));
        QVERIFY(a11y::choose(tab, QStringLiteral("Mode"), QStringLiteral("Text")));
        QVERIFY(a11y::choose(tab, QStringLiteral("Line ending"), QStringLiteral("No line")));
        QVERIFY(a11y::type(tab, QStringLiteral("Message"), QStringLiteral("ping")));
        QVERIFY(a11y::press(tab, QStringLiteral("Inject")));
        client.write("recv\n");
        QTRY_VERIFY2_WITH_TIMEOUT(clientSaid.contains("received b'ping'"),
                                  clientSaid.seen.constData(), kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(
            a11y::text(directionBox(tab, QStringLiteral("Server → client")),
                       QStringLiteral("Injected")) == QStringLiteral("1"),
            qPrintable(a11y::text(directionBox(tab, QStringLiteral("Server → client")),
                                  QStringLiteral("Injected"))),
            kWaitMs);
        // The log names the relay's directions; the pair shows its upstream.
        const QString log = e2e::tableText(tab, QStringLiteral("Log"));
        QVERIFY2(log.contains(QStringLiteral("client->server")), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("server->client")), qPrintable(log));
        const QString pairs = e2e::tableText(tab, QStringLiteral("Connections"));
        QVERIFY2(pairs.contains(QStringLiteral("127.0.0.1:%1").arg(upstream)), qPrintable(pairs));

        client.write("quit\n");
        QVERIFY(client.waitForFinished(kWaitMs));
        QVERIFY(server.waitForFinished(kWaitMs));

        // Export as pcapng: the tab's export knows it is a relay, so tshark reads the pair as
        // client <-> server (what the client sent, to the server's port) without the edited
        // and injected bytes.
        const CaptureSource source = tab->captureSource();
        QVERIFY(source.relay);
        QCOMPARE(portOf(source.upstream), upstream);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("relay.pcapng"));
        auto written = writeCapture(source, file, CaptureFormat::Pcapng);
        QVERIFY2(written, written ? "" : written.error().message().c_str());
        QVERIFY2(written->contains(QStringLiteral("edited or injected")), qPrintable(*written));
        QProcess tshark;
        tshark.start(QStringLiteral("tshark"),
                     {QStringLiteral("-r"), file, QStringLiteral("-T"), QStringLiteral("fields"),
                      QStringLiteral("-e"), QStringLiteral("tcp.dstport"), QStringLiteral("-e"),
                      QStringLiteral("tcp.payload"), QStringLiteral("-Y"),
                      QStringLiteral("tcp.len > 0")});
        QVERIFY(tshark.waitForFinished(60000));
        const QByteArray packets = tshark.readAllStandardOutput();
        const QByteArray toUpstream = QByteArray::number(upstream) + '\t';
        QVERIFY2(packets.contains(toUpstream + QByteArray("hello").toHex()), packets.constData());
        QVERIFY2(packets.contains(toUpstream + QByteArray("third").toHex()), packets.constData());
        QVERIFY2(!packets.contains(QByteArray("ping").toHex()), packets.constData());
        QVERIFY2(!packets.contains(QByteArray("HELLO!").toHex()), packets.constData());
    }

    void udpLossIsCountedAndNothingArrives() {
        QProcess server;
        const int upstream = e2e::startPeer(server, kUdpServer);
        QVERIFY(upstream > 0);
        Output serverSaid{server, {}};
        SessionTab* tab =
            openRelay(m_gui.window(), QStringLiteral("SOCK_DGRAM"), QStringLiteral("IPPROTO_UDP"),
                      upstream, QStringLiteral("Bound"));
        QVERIFY(tab);
        const int listen = portOf(tab->handle()->localText());
        QVERIFY2(listen > 0, qPrintable(tab->handle()->localText()));

        QGroupBox* toServer = directionBox(tab, QStringLiteral("Client → server"));
        QVERIFY(toServer);
        // Datagram fields only: no stream re-segmentation in a UDP relay.
        QVERIFY(!a11y::find(toServer, QStringLiteral("Segment")));
        QVERIFY(a11y::setValue(toServer, QStringLiteral("Loss"), QVariant(100.0)));
        QVERIFY(a11y::press(toServer, QStringLiteral("Apply client to server impairment")));
        QTRY_VERIFY2_WITH_TIMEOUT(
            a11y::text(toServer, QStringLiteral("Client to server impairment"))
                .contains(QStringLiteral("loss 100%")),
            qPrintable(a11y::text(toServer, QStringLiteral("Client to server impairment"))),
            kWaitMs);

        QProcess client;
        QCOMPARE(e2e::startPeerLine(client, kUdpClient, {QString::number(listen), "20"}),
                 QStringLiteral("sent"));
        QTRY_VERIFY2_WITH_TIMEOUT(
            a11y::text(toServer, QStringLiteral("Dropped")) == QStringLiteral("20"),
            qPrintable(a11y::text(toServer, QStringLiteral("Dropped"))), kWaitMs);
        QCOMPARE(a11y::text(toServer, QStringLiteral("Received")), QStringLiteral("20"));
        QCOMPARE(a11y::text(toServer, QStringLiteral("Delivered")), QStringLiteral("0"));
        QTest::qWait(300); // anything forwarded would have arrived by now on loopback
        QVERIFY2(!serverSaid.contains("got"), serverSaid.seen.constData());
        server.kill();
        server.waitForFinished(kWaitMs);
    }
};

QTEST_MAIN(TestGuiRelay)
#include "test_gui_relay.moc"
