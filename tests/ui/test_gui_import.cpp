// File > Open capture: a pcap written by libpcap (the core tests' writer) listed in the
// conversation dialog, conversations opened in read-only tabs (exact bytes in the text view,
// find, pcapng export read back by tshark), files that are not captures, and Replay… (the
// client side against a python3 server, the server side of the UDP exchange against a python3
// client: the comparison says identical, the live traffic shows beside the recorded one; bad
// address and factor shown in the dialog). Driven through the real main window and the
// accessibility tree.
#include "a11y.h"
#include "core/support/packet_builder.h"
#include "core/support/pcap_writer.h"
#include "support/capture_fill.h"
#include "support/gui_driver.h"
#include "ui/dialogs/replay_dialog.h"
#include "ui/import/capture_import_dialog.h"
#include "ui/import/capture_tab.h"
#include "ui/import/conversation_model.h"
#include "ui/import/replay_controller.h"
#include "ui/import/replay_panel.h"
#include "ui/session/session_handle.h"
#include "ui/views/byte_selection.h"
#include "ui/views/text_view.h"
#include "ui/views/traffic_pane.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QLineEdit>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>

using namespace socklab;
using namespace socklab::ui;
using namespace socklab::test;

namespace {

constexpr std::int64_t kT0 = 1'700'000'000'000'000'000;
constexpr std::int64_t kUs = 1000;
const char* const kClient = "192.0.2.1";
const char* const kServer = "192.0.2.2";
const char* const kRequest = "hello server\tGET /x";
const char* const kReply = "hello client, 0123456789";

namespace F = TcpFlag;

/// Conversation 1: TCP 192.0.2.1:40000 -> 192.0.2.2:7000 (handshake, request, reply, FIN
/// both ways); conversation 2: UDP 192.0.2.1:5000 -> 192.0.2.2:53, one datagram each way.
QString writeTwoConversations(const QString& path) {
    std::vector<CaptureFrame> frames;
    std::int64_t t = kT0;
    const auto add = [&](Packet p) { frames.push_back({std::move(p), t += kUs, 0}); };
    const std::string request = kRequest;
    const std::string reply = kReply;
    const auto c2s = [&](std::uint32_t seq, std::uint32_t ack, std::uint16_t flags,
                         const std::string& data = {}) {
        add(tcpPacket(kClient, 40000, kServer, 7000, 1000 + seq, 5000 + ack, flags, data));
    };
    const auto s2c = [&](std::uint32_t seq, std::uint32_t ack, std::uint16_t flags,
                         const std::string& data = {}) {
        add(tcpPacket(kServer, 7000, kClient, 40000, 5000 + seq, 1000 + ack, flags, data));
    };
    const auto rq = std::uint32_t(request.size());
    const auto rp = std::uint32_t(reply.size());
    c2s(0, 0, F::Syn);
    s2c(0, 1, F::Syn | F::Ack);
    c2s(1, 1, F::Ack);
    c2s(1, 1, F::Ack | F::Psh, request);
    add(udpPacket(kClient, 5000, kServer, 53, bytesOf("query")));
    s2c(1, 1 + rq, F::Ack | F::Psh, reply);
    add(udpPacket(kServer, 53, kClient, 5000, bytesOf("answer!")));
    c2s(1 + rq, 1 + rp, F::Fin | F::Ack);
    s2c(1 + rp, 2 + rq, F::Fin | F::Ack);
    c2s(2 + rq, 2 + rp, F::Ack);
    return writeCapture(path, LinkFraming::Ethernet, frames);
}

// Answers the recorded request with the recorded reply, then prints what it got (hex) after the
// client's FIN.
const char* const kPyReplayServer = "import socket, sys\n"
                                    "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)\n"
                                    "print(s.getsockname()[1], flush=True)\n"
                                    "s.settimeout(20)\n"
                                    "c, _ = s.accept(); c.settimeout(20); got = b''\n"
                                    "while len(got) < int(sys.argv[1]): got += c.recv(65536)\n"
                                    "c.sendall(sys.argv[2].encode())\n"
                                    "while True:\n"
                                    "    d = c.recv(65536)\n"
                                    "    if not d: break\n"
                                    "    got += d\n"
                                    "c.close(); print(got.hex(), flush=True)\n";

// Sends "query" to argv[1] and prints the answer.
const char* const kPyUdpAsk =
    "import socket, sys\n"
    "c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); c.settimeout(20)\n"
    "print('ready', flush=True)\n"
    "c.sendto(b'query', ('127.0.0.1', int(sys.argv[1])))\n"
    "print(c.recvfrom(65536)[0].decode(), flush=True)\n";

QAction* menuAction(QMainWindow& window, const QStringList& path) {
    QList<QAction*> actions = window.menuBar()->actions();
    QAction* hit = nullptr;
    for (const QString& name : path) {
        hit = nullptr;
        for (QAction* a : actions) {
            if (QString(a->text()).remove(u'&') == name) {
                hit = a;
                break;
            }
        }
        if (!hit) {
            return nullptr;
        }
        if (hit->menu()) {
            actions = hit->menu()->actions();
        }
    }
    return hit;
}

} // namespace

class TestGuiImport : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;
    QTemporaryDir m_dir;
    QString m_capture;

    /// File > Open capture on `path`, waited until listed; nullptr when it never is.
    CaptureImportDialog* listed(const QString& path, bool expectOk = true) {
        CaptureImportDialog* dialog = m_gui->openCaptureFile(path);
        QSignalSpy spy(dialog, &CaptureImportDialog::listed);
        if (!spy.wait(e2e::kWaitMs) || spy.first().first().toBool() != expectOk) {
            return nullptr;
        }
        return dialog;
    }

    /// Wait until the tab's import is done.
    static bool imported(CaptureTab* tab) {
        return QTest::qWaitFor([tab] { return !tab->isImporting(); }, e2e::kWaitMs) &&
               tab->errorText().isEmpty();
    }

    static QString textView(QWidget* tab) {
        return e2e::viewText<TextView>(tab, QStringLiteral("Text view"));
    }

    /// Open conversation `index` of the test capture in a tab, imported.
    CaptureTab* openConversation(int index) {
        CaptureImportDialog* dialog = listed(m_capture);
        if (!dialog) {
            return nullptr;
        }
        dialog->view()->selectRow(index - 1);
        if (!a11y::press(dialog, QStringLiteral("Open"))) {
            return nullptr;
        }
        CaptureTab* tab = m_gui->captureTabAt(m_gui->tabCount() - 1);
        return tab && imported(tab) ? tab : nullptr;
    }

    /// The peer exited (waited for with the event loop running: the replay runs on it).
    static bool exited(QProcess& p) {
        return QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, e2e::kWaitMs);
    }

    /// Press Replay… and wait for its dialog.
    static ReplayDialog* replayDialog(CaptureTab* tab) {
        if (!a11y::press(tab, QStringLiteral("Replay"))) {
            return nullptr;
        }
        ReplayDialog* dialog = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] {
                dialog = tab->findChild<ReplayDialog*>();
                return dialog && dialog->isVisible();
            },
            e2e::kWaitMs);
        return shown ? dialog : nullptr;
    }

    /// Replay… set to play the server side on 127.0.0.1:0 (any port).
    static ReplayDialog* serverReplayDialog(CaptureTab* tab) {
        ReplayDialog* dialog = replayDialog(tab);
        const bool set =
            dialog &&
            a11y::choose(dialog, QStringLiteral("Play the side of"), QStringLiteral("Server")) &&
            a11y::type(dialog, QStringLiteral("Address"), QStringLiteral("127.0.0.1:0"));
        return set ? dialog : nullptr;
    }

private slots:
    void initTestCase() {
        e2e::useFreshSettings(QStringLiteral("test_gui_import"));
        QVERIFY(m_dir.isValid());
        m_capture = m_dir.filePath(QStringLiteral("two.pcap"));
        QCOMPARE(writeTwoConversations(m_capture), QString());
    }
    void init() { QVERIFY(m_gui.start()); }
    void cleanup() { m_gui.stop(); }

    void modelPassesTheTester() {
        const auto summary = listCaptureConversations(m_capture.toStdString());
        QVERIFY2(summary, summary ? "" : summary.error().message().c_str());
        ConversationModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConversations(summary->conversations);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(ConversationModel::ColumnCount));
        QCOMPARE(model.index(0, ConversationModel::Endpoints).data().toString(),
                 QStringLiteral("192.0.2.1:40000 -> 192.0.2.2:7000"));
        QCOMPARE(model.index(1, ConversationModel::Protocol).data().toString(),
                 QStringLiteral("UDP"));
        QCOMPARE(model.index(0, ConversationModel::BytesOut).data().toULongLong(),
                 qulonglong(std::strlen(kRequest)));
        QCOMPARE(model.index(0, ConversationModel::BytesIn).data().toULongLong(),
                 qulonglong(std::strlen(kReply)));
        model.setConversations({});
        QCOMPARE(model.rowCount(), 0);
    }

    void listShowsTheConversations() {
        // The menu entry is there for keyboard users (Alt+F, T).
        QAction* open =
            menuAction(m_gui.window(), {QStringLiteral("File"), QStringLiteral("Open capture…")});
        QVERIFY(open);
        QVERIFY(open->isEnabled());

        CaptureImportDialog* dialog = m_gui->openCaptureFile(m_capture);
        // Attached before the listing arrives: the tester sees the model's reset.
        QAbstractItemModelTester tester(dialog->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy spy(dialog, &CaptureImportDialog::listed);
        QVERIFY(spy.wait(e2e::kWaitMs));
        QCOMPARE(spy.first().first().toBool(), true);
        const QString table = e2e::tableText(dialog, QStringLiteral("Conversations"));
        QCOMPARE(table.count(QLatin1Char('\n')), 2);
        QVERIFY2(table.contains(QStringLiteral("1 | TCP | 192.0.2.1:40000 -> 192.0.2.2:7000 | 8 | "
                                               "19 | 24 | ")),
                 qPrintable(table));
        QVERIFY2(table.contains(QStringLiteral("handshake, FIN both ways")), qPrintable(table));
        QVERIFY2(table.contains(QStringLiteral("2 | UDP | 192.0.2.1:5000 -> 192.0.2.2:53 | 2 | 5 | "
                                               "7 | ")),
                 qPrintable(table));
        const QString summary =
            a11y::text(dialog, QStringLiteral("Capture summary"), QAccessible::StaticText);
        QVERIFY2(summary.contains(QStringLiteral("EN10MB")) &&
                     summary.contains(QStringLiteral("2 conversations")),
                 qPrintable(summary));
        QVERIFY(dialog->openButton()->isEnabled()); // the first row is selected
        dialog->close();
    }

    void openedConversationShowsBytesFindsAndExports() {
        CaptureImportDialog* dialog = listed(m_capture);
        QVERIFY(dialog);
        QVERIFY(a11y::press(dialog, QStringLiteral("Open")));
        QCOMPARE(m_gui->tabCount(), 1);
        CaptureTab* tab = m_gui->captureTabAt(0);
        QVERIFY(tab);
        QCOMPARE(m_gui->tabs()->currentWidget(), tab);
        QVERIFY2(imported(tab), qPrintable(tab->errorText()));
        QCOMPARE(m_gui->tabs()->tabText(0),
                 QStringLiteral("two.pcap #1 TCP 192.0.2.1:40000 -> 192.0.2.2:7000"));
        const QString line =
            a11y::text(tab, QStringLiteral("Conversation"), QAccessible::StaticText);
        QVERIFY2(line.contains(QStringLiteral("two.pcap, conversation 1")) &&
                     line.contains(QStringLiteral("handshake, FIN both ways")),
                 qPrintable(line));
        // No socket controls in a capture tab.
        QVERIFY(!a11y::find(tab, QStringLiteral("Open socket")));
        QVERIFY(!a11y::find(tab, QStringLiteral("Send")));
        QVERIFY(!a11y::find(tab, QStringLiteral("Message")));

        // The exact bytes, each way, in the text view (the tab escapes the tab character).
        tab->trafficPane()->refreshNow();
        QTRY_VERIFY2_WITH_TIMEOUT(textView(tab).contains(QString::fromLatin1(kReply)),
                                  qPrintable(textView(tab)), e2e::kWaitMs);
        const QString text = textView(tab);
        QVERIFY2(text.contains(QStringLiteral("hello server")) &&
                     text.contains(QStringLiteral("GET /x")),
                 qPrintable(text));
        const auto store = tab->captureSource().store;
        QVERIFY(store);
        QCOMPARE(store->counters().bytesOut, std::uint64_t(std::strlen(kRequest)));
        QCOMPARE(store->counters().bytesIn, std::uint64_t(std::strlen(kReply)));
        QCOMPARE(store->counters().messagesOut, 1u);
        QCOMPARE(store->counters().messagesIn, 1u);

        // Find: typed in the tab's find field, found in the server's reply.
        QVERIFY(a11y::type(tab, QStringLiteral("Find"), QStringLiteral("client, 01")));
        QVERIFY(tab->trafficPane()->findNext());
        const QString status = a11y::text(tab, QStringLiteral("Find status"));
        QVERIFY2(status.contains(QStringLiteral("Found")), qPrintable(status));
        const ByteSelection* selection = tab->trafficPane()->selection();
        QCOMPARE(selection->end() - selection->begin(), std::uint64_t(10));

        // File > Export capture applies to it; Session actions do not.
        QAction* exportAction =
            menuAction(m_gui.window(), {QStringLiteral("File"), QStringLiteral("Export capture…")});
        QVERIFY(exportAction && exportAction->isEnabled());
        QAction* toggle = menuAction(
            m_gui.window(), {QStringLiteral("Session"), QStringLiteral("Open / close socket")});
        QVERIFY(toggle && !toggle->isEnabled());

        if (QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty()) {
            QSKIP("tshark not installed (scripts/setup-deps.sh installs it)");
        }
        const QString out = m_dir.filePath(QStringLiteral("conversation1.pcapng"));
        QSignalSpy done(tab, &CaptureTab::exportFinished);
        QVERIFY(tab->exportCapture(out, CaptureFormat::Pcapng));
        QVERIFY(done.wait(e2e::kWaitMs));
        QVERIFY2(done.first().first().toBool(), qPrintable(done.first().last().toString()));
        QProcess tshark;
        tshark.start(QStringLiteral("tshark"),
                     {QStringLiteral("-r"), out, QStringLiteral("-Y"), QStringLiteral("tcp.len>0"),
                      QStringLiteral("-T"), QStringLiteral("fields"), QStringLiteral("-e"),
                      QStringLiteral("ip.src"), QStringLiteral("-e"),
                      QStringLiteral("tcp.payload")});
        QVERIFY(tshark.waitForFinished(30000));
        QCOMPARE(tshark.exitCode(), 0);
        const QString fields = QString::fromLatin1(tshark.readAllStandardOutput()).remove(u':');
        const QStringList lines = fields.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0],
                 QStringLiteral("192.0.2.1\t") + QString::fromLatin1(QByteArray(kRequest).toHex()));
        QCOMPARE(lines[1],
                 QStringLiteral("192.0.2.2\t") + QString::fromLatin1(QByteArray(kReply).toHex()));
    }

    void enterOpensEverySelectedConversation() {
        CaptureImportDialog* dialog = listed(m_capture);
        QVERIFY(dialog);
        QTableView* view = dialog->view();
        view->setFocus();
        view->selectAll();
        QCOMPARE(dialog->selectedConversations().size(), std::size_t(2));
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(m_gui->tabCount(), 2); // one each, not twice
        CaptureTab* udp = m_gui->captureTabAt(1);
        QVERIFY(udp);
        QCOMPARE(m_gui->tabs()->currentWidget(), udp);
        QVERIFY2(imported(udp), qPrintable(udp->errorText()));
        QCOMPARE(m_gui->tabs()->tabText(1),
                 QStringLiteral("two.pcap #2 UDP 192.0.2.1:5000 -> 192.0.2.2:53"));
        udp->trafficPane()->refreshNow();
        QTRY_VERIFY2_WITH_TIMEOUT(textView(udp).contains(QStringLiteral("answer!")),
                                  qPrintable(textView(udp)), e2e::kWaitMs);
        QVERIFY(textView(udp).contains(QStringLiteral("query")));

        // Capture tabs are not part of a workspace; File > Close tab closes them.
        QVERIFY(m_gui->workspace().tabs.empty());
        QVERIFY(e2e::triggerMenu(m_gui.window(),
                                 {QStringLiteral("File"), QStringLiteral("Close tab")}));
        QTRY_COMPARE(m_gui->tabCount(), 1);
        QVERIFY(e2e::triggerMenu(m_gui.window(),
                                 {QStringLiteral("File"), QStringLiteral("Close tab")}));
        QTRY_COMPARE(m_gui->tabCount(), 0);
    }

    void doubleClickOpensTheRow() {
        CaptureImportDialog* dialog = listed(m_capture);
        QVERIFY(dialog);
        QTableView* view = dialog->view();
        const QRect rect = view->visualRect(view->model()->index(1, 0));
        QSignalSpy dbl(view, &QAbstractItemView::doubleClicked);
        // What a double-click delivers: a click, then a press that is a double-click.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(dbl.count(), 1);
        QTRY_COMPARE(m_gui->tabCount(), 1);
        QVERIFY(m_gui->captureTabAt(0));
        QCOMPARE(m_gui->captureTabAt(0)->conversation().index, 2u);
    }

    void notACaptureShowsWhy_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("text") << QByteArray("this is not a capture file at all\n")
                              << QStringLiteral("not a readable pcap or pcapng file");
        QFile whole(m_capture);
        QVERIFY(whole.open(QIODevice::ReadOnly));
        const QByteArray all = whole.readAll();
        QTest::newRow("truncated")
            << all.left(all.size() - 20) << QStringLiteral("truncated packet record");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("the file is empty");
    }

    void notACaptureShowsWhy() {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const QString path = m_dir.filePath(QStringLiteral("bad.pcap"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
        f.close();
        CaptureImportDialog* dialog = listed(path, false);
        QVERIFY(dialog);
        const QString error = a11y::text(dialog, QStringLiteral("Error"), QAccessible::StaticText);
        QVERIFY2(error.contains(message) && error.contains(path), qPrintable(error));
        QCOMPARE(dialog->errorText(), error);
        QCOMPARE(dialog->model()->rowCount(), 0);
        QVERIFY(!dialog->openButton()->isEnabled());
        QCOMPARE(m_gui->tabCount(), 0);
    }

    void replayClientSideAgainstAPythonServer() {
        CaptureTab* tab = openConversation(1);
        QVERIFY(tab);
        QProcess server;
        const int port =
            e2e::startPeer(server, kPyReplayServer,
                           {QString::number(std::strlen(kRequest)), QString::fromLatin1(kReply)});
        QVERIFY(port > 0);

        ReplayDialog* dialog = replayDialog(tab);
        QVERIFY(dialog);
        // The recorded server's port on loopback is proposed.
        QCOMPARE(a11y::text(dialog, QStringLiteral("Address")), QStringLiteral("127.0.0.1:7000"));
        // Bad input is named under the fields and Replay waits for valid input.
        QVERIFY(a11y::type(dialog, QStringLiteral("Address"), QStringLiteral("127.0.0.1")));
        QVERIFY2(dialog->problem().contains(QStringLiteral("missing port")),
                 qPrintable(dialog->problem()));
        QCOMPARE(a11y::text(dialog, QStringLiteral("Replay problem"), QAccessible::StaticText),
                 dialog->problem());
        QVERIFY(!dialog->replayButton()->isEnabled());
        QVERIFY(a11y::type(dialog, QStringLiteral("Address"),
                           QStringLiteral("127.0.0.1:%1").arg(port)));
        QVERIFY(dialog->problem().isEmpty());
        QVERIFY(a11y::choose(dialog, QStringLiteral("Timing"), QStringLiteral("scaled")));
        QVERIFY(a11y::type(dialog, QStringLiteral("Speed factor"), QStringLiteral("0")));
        QVERIFY2(dialog->problem().startsWith(QStringLiteral("Factor: ")),
                 qPrintable(dialog->problem()));
        QVERIFY(!dialog->replayButton()->isEnabled());
        QVERIFY(a11y::type(dialog, QStringLiteral("Speed factor"), QStringLiteral("4")));
        QVERIFY(dialog->problem().isEmpty());
        QCOMPARE(dialog->request().options.timing.factor, 4.0);
        QVERIFY(a11y::press(dialog, QStringLiteral("Replay")));

        ReplayPanel* panel = tab->replayPanel();
        QVERIFY(panel);
        QTRY_COMPARE_WITH_TIMEOUT(
            a11y::text(tab, QStringLiteral("Replay status"), QAccessible::StaticText)
                .section(QLatin1Char(':'), 0, 0),
            QStringLiteral("Identical"), e2e::kWaitMs);
        const QString status = panel->statusText();
        QVERIFY2(status.startsWith(QStringLiteral("Identical: the server answered 24 byte(s) in ")),
                 qPrintable(status));
        QVERIFY(!panel->stopButton()->isEnabled());
        QVERIFY2(exited(server), qPrintable(panel->controller()->reportText()));
        QCOMPARE(server.readAllStandardOutput().trimmed(), QByteArray(kRequest).toHex());
        // The live traffic beside the recorded one.
        panel->trafficPane()->refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(e2e::viewText<TextView>(panel, QStringLiteral("Text view"))
                                     .contains(QString::fromLatin1(kReply)),
                                 e2e::kWaitMs);
        QVERIFY(tab->trafficPane()->isVisible() && panel->isVisible());
        const auto c = panel->controller()->comparison();
        QVERIFY(c && c->completed && c->identical && c->peerClosed);
        QVERIFY2(panel->controller()->reportText().contains(QStringLiteral("sent 19 of 19 bytes")),
                 qPrintable(panel->controller()->reportText()));
    }

    void replayServerSideOfAUdpExchange() {
        CaptureTab* tab = openConversation(2);
        QVERIFY(tab);
        ReplayDialog* dialog = serverReplayDialog(tab);
        QVERIFY(dialog);
        QVERIFY(a11y::choose(dialog, QStringLiteral("Timing"), QStringLiteral("fast")));
        QLineEdit* factor = nullptr;
        for (QLineEdit* e : dialog->findChildren<QLineEdit*>()) {
            factor = e->accessibleName() == QStringLiteral("Speed factor") ? e : factor;
        }
        QVERIFY(factor);
        QVERIFY(!factor->isEnabled()); // only for a scaled timing
        QVERIFY(a11y::press(dialog, QStringLiteral("Replay")));
        ReplayPanel* panel = tab->replayPanel();
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(panel->statusText().contains(QStringLiteral("listening on")),
                                 e2e::kWaitMs);
        const QString local = panel->controller()->handle()->localText();
        QProcess client;
        QCOMPARE(e2e::startPeerLine(client, kPyUdpAsk, {local.mid(local.lastIndexOf(u':') + 1)}),
                 QStringLiteral("ready"));
        QVERIFY2(exited(client),
                 qPrintable(panel->statusText() + '\n' + panel->controller()->reportText()));
        QCOMPARE(client.readAllStandardOutput().trimmed(), QByteArray("answer!"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->statusText().startsWith(QStringLiteral(
                                     "Identical: the client answered 5 byte(s) in 1 message(s)")),
                                 e2e::kWaitMs);
    }

    // Nobody listens on the port: the replay failed with the connect's error, not "differs".
    void refusedConnectShowsTheError() {
        CaptureTab* tab = openConversation(1);
        QVERIFY(tab);
        QProcess freed;
        const int port = e2e::startPeer(freed, "import socket\n"
                                               "s = socket.socket(); s.bind(('127.0.0.1', 0))\n"
                                               "print(s.getsockname()[1], flush=True)\n"
                                               "s.close()\n");
        QVERIFY(port > 0);
        QVERIFY(exited(freed));
        ReplayDialog* dialog = replayDialog(tab);
        QVERIFY(dialog);
        QVERIFY(a11y::type(dialog, QStringLiteral("Address"),
                           QStringLiteral("127.0.0.1:%1").arg(port)));
        QVERIFY(a11y::press(dialog, QStringLiteral("Replay")));
        ReplayPanel* panel = tab->replayPanel();
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->running(), e2e::kWaitMs);
        QCOMPARE(panel->statusText(),
                 QStringLiteral("Replay failed: connect 127.0.0.1:%1: Connection refused "
                                "(ECONNREFUSED)")
                     .arg(port));
        const auto c = panel->controller()->comparison();
        QVERIFY(c && c->networkError && !c->completed && !c->identical);
    }

    void stopEndsAReplayThatWaits() {
        CaptureTab* tab = openConversation(1);
        QVERIFY(tab);
        // The server side waits for a client that never comes; Stop ends it.
        ReplayDialog* dialog = serverReplayDialog(tab);
        QVERIFY(dialog);
        QVERIFY(a11y::press(dialog, QStringLiteral("Replay")));
        ReplayPanel* panel = tab->replayPanel();
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(
            panel->statusText().contains(QStringLiteral("waiting for the client")), e2e::kWaitMs);
        QVERIFY(panel->running());
        QVERIFY(a11y::press(tab, QStringLiteral("Stop replay")));
        QTRY_VERIFY_WITH_TIMEOUT(!panel->running(), e2e::kWaitMs);
        QVERIFY2(panel->statusText().startsWith(QStringLiteral("Incomplete.")),
                 qPrintable(panel->statusText()));
        QVERIFY(panel->controller()->reportText().contains(QStringLiteral("stopped by the user")));
    }
};

QTEST_MAIN(TestGuiImport)

#include "test_gui_import.moc"
