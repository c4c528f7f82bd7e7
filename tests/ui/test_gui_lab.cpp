// The TCP-vs-UDP lab tab end to end: the real main window and engine, the lab network of two
// namespaces, driven through the accessibility tree. A run with 20% loss shows TCP delivering
// every message in order while UDP loses some; an unavailable lab says why in the banner and
// runs over relays; the models pass QAbstractItemModelTester.
#include "core/lab/lab_wire_packets.h"
#include "support/gui_driver.h"
#include "ui/lab/lab_controller.h"
#include "ui/lab/lab_lanes_view.h"
#include "ui/lab/lab_messages_model.h"
#include "ui/lab/lab_result_model.h"
#include "ui/lab/lab_settings_panel.h"
#include "ui/lab/lab_tab.h"
#include "ui/lab/lab_timeline_view.h"
#include "ui/lab/ladder_view.h"
#include "ui/lab/wire_packet_model.h"
#include "ui/widgets/error_banner.h"
#include "ui/widgets/session_tab.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

using namespace socklab::ui;
using e2e::kWaitMs;

namespace {

constexpr int kRunMs = 60000;

QString statusText(LabTab* tab) {
    return a11y::text(tab, QStringLiteral("Lab status"), QAccessible::StaticText);
}

// The cells of an accessible table. Without an assistive technology (offscreen) Qt sends the
// table no model-change events, so after the live updates reset the model its cached cells
// would be stale; a screen reader gets these events, and so does the table here.
QString freshTableText(LabTab* tab, const QString& name) {
    QAccessibleInterface* table = a11y::find(tab, name, QAccessible::Table);
    if (table && table->tableInterface()) {
        QAccessibleTableModelChangeEvent reset(qobject_cast<QWidget*>(table->object()),
                                               QAccessibleTableModelChangeEvent::ModelReset);
        table->tableInterface()->modelChange(&reset);
    }
    return e2e::tableText(tab, name);
}

// The TCP and UDP cells of a figure in the accessible figures table.
QStringList figureRow(LabTab* tab, const QString& figure) {
    const QString text = freshTableText(tab, QStringLiteral("Lab figures"));
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        const QStringList cells = line.split(QStringLiteral(" | "));
        if (cells.size() == 3 && cells[0] == figure) {
            return cells.mid(1);
        }
    }
    return {};
}

LabTab* openLab(e2e::Gui& gui) {
    QTest::keyClick(&gui.window(), Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
    return qobject_cast<LabTab*>(gui->tabs()->currentWidget());
}

} // namespace

class TestGuiLab : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;

private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_lab")); }
    void init() { QVERIFY(m_gui.start()); }
    void cleanup() { m_gui.stop(); }

    // 10% loss... here 20% on A -> B, 40 messages every 5 ms: TCP delivers all 40 in order,
    // UDP loses some; the figures, the message table and the lanes say so.
    void lossyRunFromTheAccessibilityTree() {
        LabTab* tab = openLab(m_gui);
        QVERIFY(tab);
        QAbstractItemModelTester figuresTester(tab->resultModel());
        QAbstractItemModelTester messagesTester(tab->messagesModel());
        QVERIFY(a11y::setValue(tab, QStringLiteral("Message count"), 40));
        QVERIFY(a11y::setValue(tab, QStringLiteral("Interval between messages"), 5));
        auto* aToB = a11y::widget(tab, QStringLiteral("A to B impairment"));
        QVERIFY(aToB);
        QVERIFY(a11y::setValue(aToB, QStringLiteral("Loss"), 20.0));
        QVERIFY(a11y::press(tab, QStringLiteral("Run the lab")));
        QVERIFY(!a11y::press(tab, QStringLiteral("Run the lab"))); // disabled while running
        QTRY_VERIFY2_WITH_TIMEOUT(statusText(tab).startsWith(QStringLiteral("Done")),
                                  qPrintable(statusText(tab) + tab->noticeText()), kRunMs);
        QVERIFY2(statusText(tab).contains(QStringLiteral("Every byte arrived in order")),
                 qPrintable(statusText(tab)));
        QCOMPARE(figureRow(tab, QStringLiteral("delivered")).value(0), QStringLiteral("40/40"));
        const QStringList lost = figureRow(tab, QStringLiteral("lost"));
        QCOMPARE(lost.value(0), QStringLiteral("0"));
        QVERIFY2(lost.value(1).toInt() > 0, qPrintable(lost.join(',')));
        QVERIFY(figureRow(tab, QStringLiteral("TCP retransmits")).value(0).toInt() > 0);
        // The message table lists each lost UDP message.
        const QString messages = freshTableText(tab, QStringLiteral("Message fates"));
        QCOMPARE(messages.count(QStringLiteral(" | lost | ")), lost.value(1).toInt());
        QCOMPARE(tab->messagesModel()->rowCount(), 40);
        // The lanes hold a block per UDP datagram that arrived, and TCP's reads.
        LabLanesView* lanes = tab->lanes();
        int udpReads = 0;
        for (const auto& b : lanes->layout().blocks()) {
            udpReads += b.lane == LabLaneLayout::Lane::UdpReads ? 1 : 0;
        }
        QCOMPARE(udpReads, 40 - lost.value(1).toInt());
        QCOMPARE(int(lanes->layout().markers().size()), lost.value(1).toInt());
        const double scale = lanes->scale();
        lanes->setFocus();
        QTest::keyClick(lanes, Qt::Key_Plus);
        QVERIFY(lanes->scale() > scale);
        // Run is enabled again; the sessions of the run stay for inspection.
        QVERIFY(tab->controller()->handle(socklab::LabSlot::Wire));

        // TCP over time, its page chosen through the accessibility tree: at the newest sample
        // (the run's end) the
        // readout counts what the figures say, TCP_INFO's and the wire's retransmissions; Home
        // moves the cursor to the first sample, taken as sending started.
        QAccessibleInterface* page =
            a11y::find(tab, QStringLiteral("TCP over time"), QAccessible::PageTab);
        QVERIFY(page && page->actionInterface());
        page->actionInterface()->doAction(QAccessibleActionInterface::pressAction());
        LabTimelineView* timeline = tab->timelineView();
        QTRY_VERIFY(timeline->isVisible());
        QVERIFY(timeline->layout().sampleCount() >= 2);
        const QString atEnd = a11y::text(tab, QStringLiteral("TCP at the cursor"));
        const QString retransmits = figureRow(tab, QStringLiteral("TCP retransmits")).value(0);
        const QString wireResent = figureRow(tab, QStringLiteral("wire retransmissions")).value(0);
        QVERIFY2(atEnd.contains(QStringLiteral("TCP_INFO counts %1 retransmissions so far, the "
                                               "wire %2 segments resent")
                                    .arg(retransmits, wireResent)),
                 qPrintable(atEnd));
        QVERIFY(!timeline->layout().timeline().droppedAtoB.empty());
        timeline->setFocus();
        QTest::keyClick(timeline, Qt::Key_Home);
        QCOMPARE(timeline->currentSample(), 0);
        QVERIFY2(a11y::text(tab, QStringLiteral("TCP at the cursor"))
                     .startsWith(QStringLiteral("At 0.00 s:")),
                 qPrintable(a11y::text(tab, QStringLiteral("TCP at the cursor"))));
        QTest::keyClick(timeline, Qt::Key_Right);
        QCOMPARE(timeline->currentSample(), 1);

        // Exports: the timeline as CSV (a row per TCP_INFO sample), and each lab socket's own
        // capture next to the wire's, which tshark reads.
        QTemporaryDir dir;
        const QString csvPath = dir.filePath(QStringLiteral("tcp.csv"));
        QCOMPARE(tab->exportTimelineCsv(csvPath), QString());
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString csvText = QString::fromUtf8(csv.readAll());
        QVERIFY(csvText.startsWith(QStringLiteral("time_ms,source,event,rtt_ms")));
        QCOMPARE(int(csvText.count(QStringLiteral(",tcp_info,sample,"))),
                 timeline->layout().sampleCount());
        QCOMPARE(tab->exportSocketCaptures(dir.path()), QString());
        for (const char* name : {"tcp-client", "tcp-server", "udp-sender", "udp-receiver"}) {
            const QString path = dir.filePath(QLatin1String(name) + QStringLiteral(".pcapng"));
            QProcess tshark;
            tshark.start(QStringLiteral("tshark"), {QStringLiteral("-r"), path});
            QVERIFY(tshark.waitForFinished(30000));
            QVERIFY2(tshark.exitCode() == 0 && !tshark.readAllStandardOutput().isEmpty(), name);
        }
    }

    // A guided experiment chosen and run through the accessibility tree: its paragraph shows,
    // the claim it teaches holds; the wire's packets are listed with their bytes, and the
    // ladder exports as SVG and PNG.
    void guidedExperimentFromTheAccessibilityTree() {
        LabTab* tab = openLab(m_gui);
        QVERIFY(tab);
        QAbstractItemModelTester packetsTester(tab->packetModel());
        QVERIFY(a11y::choose(tab, QStringLiteral("Experiment"), QStringLiteral("Duplication")));
        QVERIFY2(a11y::text(tab, QStringLiteral("What to look for"), QAccessible::StaticText)
                     .contains(QStringLiteral("twice")),
                 qPrintable(a11y::text(tab, QStringLiteral("What to look for"))));
        QVERIFY(a11y::press(tab, QStringLiteral("Run the lab")));
        QTRY_VERIFY2_WITH_TIMEOUT(statusText(tab).startsWith(QStringLiteral("Done")),
                                  qPrintable(statusText(tab) + tab->noticeText()), kRunMs);
        QVERIFY2(statusText(tab).contains(QStringLiteral("Claim holds")),
                 qPrintable(statusText(tab)));
        QVERIFY(figureRow(tab, QStringLiteral("duplicated")).value(1).toInt() > 0);

        // Packets on the wire: every packet, the first an IPv4 SYN; its bytes on selection.
        WirePacketModel* packets = tab->packetModel();
        QVERIFY(packets->rowCount() > 10);
        QVERIFY2(packets->index(0, WirePacketModel::SummaryColumn)
                     .data()
                     .toString()
                     .contains(QStringLiteral("[SYN]")),
                 qPrintable(packets->index(0, WirePacketModel::SummaryColumn).data().toString()));
        bool duplicated = false;
        for (int r = 0; r < packets->rowCount(); ++r) {
            duplicated |= packets->index(r, WirePacketModel::FateColumn)
                              .data()
                              .toString()
                              .contains(QStringLiteral("duplicated"));
        }
        QVERIFY(duplicated);
        auto* details = a11y::widget<QTabWidget>(tab, QStringLiteral("Lab details"));
        QVERIFY(details);
        for (int i = 0; i < details->count(); ++i) {
            if (details->tabText(i).remove(u'&') == QStringLiteral("Packets on the wire")) {
                details->setCurrentIndex(i);
            }
        }
        auto* table = a11y::widget<QTableView>(tab, QStringLiteral("Wire packets"));
        QVERIFY(table);
        table->selectRow(0);
        auto* bytes = a11y::widget<QPlainTextEdit>(tab, QStringLiteral("Packet bytes"));
        QVERIFY(bytes);
        QVERIFY2(bytes->toPlainText().startsWith(QStringLiteral("00000000: 4500 ")),
                 qPrintable(bytes->toPlainText().left(80)));

        // The ladder follows the table's selection (packet 1); N and P move to the next and
        // previous packet from the keyboard, as a click would, and the table follows.
        tab->ladder()->setFocus();
        QTest::keyClick(tab->ladder(), Qt::Key_N);
        QCOMPARE(table->currentIndex().row(), 1);
        QTest::keyClick(tab->ladder(), Qt::Key_P);
        QCOMPARE(table->currentIndex().row(), 0);
        QVERIFY(bytes->toPlainText().startsWith(QStringLiteral("00000000: 4500 ")));

        // The ladder: an arrow per packet; export both ways.
        QVERIFY(tab->ladder()->layout().arrows().size() == std::size_t(packets->rowCount()));
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("ladder.svg"));
        const QString png = dir.filePath(QStringLiteral("ladder.png"));
        QCOMPARE(tab->exportLadder(svg), QString());
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgText = svgFile.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains("192.0.2.2"));
        QCOMPARE(tab->exportLadder(png), QString());
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.height() > 200);

        // The wire as pcapng, read back by tshark: one frame per listed packet.
        const QString pcap = dir.filePath(QStringLiteral("wire.pcapng"));
        QCOMPARE(tab->exportWirePcapng(pcap), QString());
        QProcess tshark;
        tshark.start(QStringLiteral("tshark"),
                     {QStringLiteral("-r"), pcap, QStringLiteral("-T"), QStringLiteral("fields"),
                      QStringLiteral("-e"), QStringLiteral("frame.number")});
        QVERIFY(tshark.waitForFinished(30000));
        QCOMPARE(QString::fromUtf8(tshark.readAllStandardOutput()).trimmed().split(u'\n').size(),
                 packets->rowCount());
    }

    // A scripted experiment (socket steps, no message schedule) runs from the GUI too.
    void scriptedExperimentRuns() {
        LabTab* tab = openLab(m_gui);
        QVERIFY(tab);
        QVERIFY(a11y::choose(tab, QStringLiteral("Experiment"), QStringLiteral("Half-close")));
        QVERIFY(a11y::press(tab, QStringLiteral("Run the lab")));
        QTRY_VERIFY2_WITH_TIMEOUT(statusText(tab).startsWith(QStringLiteral("Done")),
                                  qPrintable(statusText(tab) + tab->noticeText()), kRunMs);
        QVERIFY2(statusText(tab).contains(QStringLiteral("Claim holds")),
                 qPrintable(statusText(tab)));
        QVERIFY(!tab->ladder()->layout().calls().empty());
    }

    // Any socket tab can make its socket inside a lab host once a lab is up: a TCP server in
    // host B and a client in host A, chosen in the form's Network dropdown, connect across
    // SockLab's wire (192.0.2.2 is not reachable from this machine), and the wire records
    // their bytes. Before a lab is up the dropdown is not offered.
    void socketTabsJoinTheLabHosts() {
        QTest::keyClick(&m_gui.window(), Qt::Key_T, Qt::ControlModifier);
        QVERIFY(a11y::find(m_gui->currentTab(), QStringLiteral("Network")) == nullptr);
        LabTab* lab = openLab(m_gui);
        QVERIFY(lab);
        QVERIFY(a11y::setValue(lab, QStringLiteral("Message count"), 3));
        QVERIFY(a11y::setValue(lab, QStringLiteral("Interval between messages"), 1));
        QVERIFY(a11y::press(lab, QStringLiteral("Run the lab")));
        QTRY_VERIFY2_WITH_TIMEOUT(statusText(lab).startsWith(QStringLiteral("Done")),
                                  qPrintable(statusText(lab) + lab->noticeText()), kRunMs);
        if (lab->controller()->usingFallback()) {
            QSKIP("the lab network is not available here");
        }

        const auto open = [this](const QString& role, const QString& host, const QString& field,
                                 const QString& address) -> SessionTab* {
            QTest::keyClick(&m_gui.window(), Qt::Key_T, Qt::ControlModifier);
            SessionTab* tab = m_gui->currentTab();
            const bool ok =
                a11y::choose(tab, QStringLiteral("Family"), QStringLiteral("AF_INET")) &&
                a11y::choose(tab, QStringLiteral("Type"), QStringLiteral("SOCK_STREAM")) &&
                a11y::choose(tab, QStringLiteral("Protocol"), QStringLiteral("IPPROTO_TCP")) &&
                a11y::choose(tab, QStringLiteral("Role"), role) &&
                a11y::choose(tab, QStringLiteral("Network"), host) &&
                a11y::type(tab, field, address) && a11y::press(tab, QStringLiteral("Open socket"));
            return ok ? tab : nullptr;
        };
        SessionTab* server =
            open(QStringLiteral("Listen"), QStringLiteral("host B"),
                 QStringLiteral("Local address"), QStringLiteral("192.0.2.2:9100"));
        QVERIFY(server);
        QVERIFY2(e2e::waitForState(server, QStringLiteral("Listening")),
                 qPrintable(e2e::stateText(server) + server->errorText()));
        SessionTab* client =
            open(QStringLiteral("Connect"), QStringLiteral("host A"),
                 QStringLiteral("Remote address"), QStringLiteral("192.0.2.2:9100"));
        QVERIFY(client);
        QVERIFY2(e2e::waitForState(client, QStringLiteral("Connected")),
                 qPrintable(e2e::stateText(client) + client->errorText()));
        // The tab says where its socket is.
        QVERIFY2(m_gui->tabs()
                     ->tabText(m_gui->tabs()->indexOf(client))
                     .contains(QStringLiteral("in lab host A")),
                 qPrintable(m_gui->tabs()->tabText(m_gui->tabs()->indexOf(client))));
        QVERIFY(e2e::sendText(client, QStringLiteral("across the wire")));
        const auto wire = lab->controller()->wireStore();
        QVERIFY(wire);
        const auto crossed = [&wire] {
            for (const auto& p : socklab::labWirePackets(*wire)) {
                if (p.dstPort() == 9100 && p.packet.tcp &&
                    QByteArray(reinterpret_cast<const char*>(p.bytes.data()), int(p.bytes.size()))
                        .contains("across the wire")) {
                    return true;
                }
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(crossed(), kWaitMs);
    }

    // Without a TUN device the banner says which check failed and what the fallback is, and
    // the run completes over relays on loopback.
    void unavailableLabExplainsAndFallsBack() {
        LabTab* tab = openLab(m_gui);
        QVERIFY(tab);
        auto settings = tab->settingsPanel()->settings();
        QVERIFY(settings);
        settings->network.tunDevice = "/nonexistent/tun";
        settings->schedule = {20, 64, 2};
        settings->network.aToB.lossPercent = 30;
        tab->settingsPanel()->setSettings(*settings);
        QVERIFY(a11y::press(tab, QStringLiteral("Run the lab")));
        QTRY_VERIFY2_WITH_TIMEOUT(statusText(tab).startsWith(QStringLiteral("Done")),
                                  qPrintable(statusText(tab) + tab->noticeText()), kRunMs);
        QVERIFY2(tab->noticeText().contains(QStringLiteral("lab: check TUN device")),
                 qPrintable(tab->noticeText()));
        QVERIFY(tab->noticeText().contains(QStringLiteral("no real packet loss")));
        QVERIFY(statusText(tab).contains(QStringLiteral("Relays on loopback")));
        QCOMPARE(figureRow(tab, QStringLiteral("delivered")).value(0), QStringLiteral("20/20"));
    }

    // A typed value that does not parse keeps Run disabled and says why.
    void badRateKeepsRunDisabled() {
        LabTab* tab = openLab(m_gui);
        QVERIFY(tab);
        auto* aToB = a11y::widget(tab, QStringLiteral("A to B impairment"));
        QVERIFY(a11y::type(aToB, QStringLiteral("Rate"), QStringLiteral("fast")));
        QVERIFY(!a11y::press(tab, QStringLiteral("Run the lab")));
        QVERIFY(!tab->settingsPanel()->problem().isEmpty());
        QVERIFY(!tab->run());
        QVERIFY2(tab->noticeText().startsWith(QStringLiteral("A → B")),
                 qPrintable(tab->noticeText()));
    }

    // Closing the tab during a run ends it: the lab's sockets and helper go.
    void closingTheTabDuringARunEndsIt() {
        LabTab* tab = openLab(m_gui);
        QVERIFY(tab);
        QVERIFY(a11y::setValue(tab, QStringLiteral("Message count"), 1000));
        QVERIFY(a11y::press(tab, QStringLiteral("Run the lab")));
        QTRY_VERIFY_WITH_TIMEOUT(
            tab->controller()->phase() == socklab::LabConductor::Phase::Sending, kWaitMs);
        // Live, while it sends: every message listed, the first ones delivered, the rest not
        // sent yet (unsent) or in flight; the lanes already hold blocks.
        QTRY_VERIFY_WITH_TIMEOUT(tab->messagesModel()->rowCount() == 1000 &&
                                     !tab->lanes()->layout().blocks().empty(),
                                 kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            tab->messagesModel()->index(0, LabMessagesModel::TcpFateColumn).data().toString() ==
                QStringLiteral("delivered"),
            kWaitMs);
        QCOMPARE(
            tab->messagesModel()->index(999, LabMessagesModel::UdpFateColumn).data().toString(),
            QStringLiteral("unsent"));
        QVERIFY(tab->controller()->running());
        QPointer<LabTab> gone(tab);
        QTest::keyClick(&m_gui.window(), Qt::Key_W, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(gone.isNull(), kWaitMs);
    }
};

QTEST_MAIN(TestGuiLab)
#include "test_gui_lab.moc"
