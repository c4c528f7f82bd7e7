// File > Open capture: a pcap written by libpcap (the core tests' writer) listed in the
// conversation dialog, conversations opened in read-only tabs (exact bytes in the text view,
// find, pcapng export read back by tshark), and files that are not captures. Driven through
// the real main window and the accessibility tree.
#include "a11y.h"
#include "core/support/packet_builder.h"
#include "core/support/pcap_writer.h"
#include "support/gui_driver.h"
#include "ui/import/capture_import_dialog.h"
#include "ui/import/capture_tab.h"
#include "ui/import/conversation_model.h"
#include "ui/views/byte_selection.h"
#include "ui/views/text_view.h"
#include "ui/views/traffic_pane.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
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

Packet tcpPacket(const char* src, std::uint16_t sp, const char* dst, std::uint16_t dp,
                 std::uint32_t seq, std::uint32_t ack, std::uint16_t flags,
                 const std::string& payload = {}) {
    TcpSegment s = tcpSegment(src, sp, dst, dp);
    s.seq = seq;
    s.ack = ack;
    s.flags = flags;
    s.payloadBytes = payload.size();
    Packet p = build(s);
    // The payload is the packet's tail (the import does not check checksums).
    std::memcpy(p.data() + p.size() - payload.size(), payload.data(), payload.size());
    return p;
}

Packet bytes(const std::string& s) {
    Packet p(s.size());
    std::memcpy(p.data(), s.data(), s.size());
    return p;
}

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
    add(udpPacket(kClient, 5000, kServer, 53, bytes("query")));
    s2c(1, 1 + rq, F::Ack | F::Psh, reply);
    add(udpPacket(kServer, 53, kClient, 5000, bytes("answer!")));
    c2s(1 + rq, 1 + rp, F::Fin | F::Ack);
    s2c(1 + rp, 2 + rq, F::Fin | F::Ack);
    c2s(2 + rq, 2 + rp, F::Ack);
    return writeCapture(path, LinkFraming::Ethernet, frames);
}

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
};

QTEST_MAIN(TestGuiImport)

#include "test_gui_import.moc"
