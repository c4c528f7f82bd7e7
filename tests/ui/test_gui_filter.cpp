// End-to-end filter bar: the real main window and engine, driven through the accessibility
// tree, with two python3 clients of a listener tab. Messages instead of reads (a framing),
// content (contains, regex), record kinds and the peer narrow the log; the counts follow, find
// looks only at what is shown, a bad pattern is an error where it was typed (the last valid
// view stays), and turning the filter off shows every raw record again.
#include "support/gui_driver.h"
#include "ui/models/traffic_model.h"
#include "ui/session/session_handle.h"
#include "ui/views/filter_bar.h"
#include "ui/views/traffic_pane.h"

using namespace socklab::ui;
using e2e::kWaitMs;

namespace {

// Two clients of 127.0.0.1:argv[1]; prints their local ports, sends lines cut and merged
// across writes (100 ms apart, so they arrive as separate reads), then waits for stdin.
const char* kPyClients = "import socket,sys,time\n"
                         "p=int(sys.argv[1])\n"
                         "a=socket.create_connection(('127.0.0.1',p))\n"
                         "b=socket.create_connection(('127.0.0.1',p))\n"
                         "print(a.getsockname()[1],b.getsockname()[1],flush=True)\n"
                         "for s,d in ((a,b'PI'),(a,b'NG 1\\n'),(b,b'PING 2\\nhel'),(b,b'lo\\n'),"
                         "(a,b'ERR 42\\n')):\n"
                         "    s.sendall(d); time.sleep(0.1)\n"
                         "print('sent',flush=True)\n"
                         "sys.stdin.readline()\n";

int logRows(QWidget* tab) {
    return static_cast<int>(e2e::tableText(tab, QStringLiteral("Log")).count(QLatin1Char('\n')));
}

QString log(QWidget* tab) {
    return e2e::tableText(tab, QStringLiteral("Log"));
}

} // namespace

class TestGuiFilter : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_filter")); }

    void filterBarNarrowsTheLogOfAListener() {
        e2e::Gui gui;
        QVERIFY(gui.start());
        const e2e::TabRecipe listen{"AF_INET", "SOCK_STREAM",   "IPPROTO_TCP",
                                    "Listen",  "Local address", "127.0.0.1:0"};
        SessionTab* tab = e2e::openAndWait(gui.window(), listen, "Listening");
        QVERIFY(tab);
        const QString local = tab->handle()->localText();
        QProcess peer;
        const QString ports =
            e2e::startPeerLine(peer, kPyClients, {local.mid(local.lastIndexOf(':') + 1)});
        const QStringList both = ports.split(QLatin1Char(' '));
        QCOMPARE(both.size(), 2);
        QVERIFY(peer.waitForReadyRead(kWaitMs) || peer.canReadLine());
        TrafficPane* pane = tab->trafficPane();
        QTRY_COMPARE_WITH_TIMEOUT(pane->shownStore()->counters().bytesIn, std::uint64_t(27),
                                  kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(logRows(tab) >= 9, kWaitMs); // events and at least 5 reads
        const int raw = logRows(tab);
        QVERIFY2(!log(tab).contains(QStringLiteral("PING 1")), qPrintable(log(tab))); // "PI" "NG 1"

        // Messages: one row per line, whatever the reads were.
        QVERIFY(a11y::press(tab, QStringLiteral("Filter")));
        QVERIFY(pane->filterBar()->isVisible());
        QVERIFY(a11y::type(tab, QStringLiteral("Message framing"), QStringLiteral("lf")));
        QTRY_VERIFY2_WITH_TIMEOUT(log(tab).contains(QStringLiteral("PING 1")), qPrintable(log(tab)),
                                  kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(pane->shownStore()->counters().messagesIn, std::uint64_t(4),
                                  kWaitMs);
        QVERIFY(a11y::text(tab, QStringLiteral("Capture status"))
                    .contains(QStringLiteral("filtered from")));

        // Content: contains, then a regex; events whose text does not match go too.
        QVERIFY(a11y::choose(tab, QStringLiteral("Data"), QStringLiteral("contains")));
        QVERIFY(a11y::type(tab, QStringLiteral("Content pattern"), QStringLiteral("PING")));
        QTRY_COMPARE_WITH_TIMEOUT(logRows(tab), 2, kWaitMs);
        QVERIFY(log(tab).contains(QStringLiteral("PING 1")) &&
                log(tab).contains(QStringLiteral("PING 2")));
        QVERIFY(a11y::choose(tab, QStringLiteral("Data"), QStringLiteral("regex")));
        QVERIFY(a11y::type(tab, QStringLiteral("Content pattern"), QStringLiteral("^ERR \\d+")));
        QTRY_COMPARE_WITH_TIMEOUT(logRows(tab), 1, kWaitMs);
        QVERIFY2(log(tab).contains(QStringLiteral("ERR 42")), qPrintable(log(tab)));
        QCOMPARE(pane->shownStore()->counters().messagesIn, std::uint64_t(1));

        // A bad pattern: said where it was typed; the last valid view stays.
        QVERIFY(a11y::type(tab, QStringLiteral("Content pattern"), QStringLiteral("a(b")));
        QTRY_VERIFY_WITH_TIMEOUT(a11y::text(tab, QStringLiteral("Filter problem"))
                                     .contains(QStringLiteral("missing closing parenthesis")),
                                 kWaitMs);
        QTest::qWait(600); // longer than the typing pause: nothing was applied
        QCOMPARE(logRows(tab), 1);

        // Data of the second client only: its peer address, no events.
        QVERIFY(a11y::type(tab, QStringLiteral("Content pattern"), QString()));
        QVERIFY(a11y::press(tab, QStringLiteral("Show events")));
        QVERIFY(a11y::press(tab, QStringLiteral("Show errors")));
        QVERIFY(a11y::type(tab, QStringLiteral("Filter by peer"), QStringLiteral(":") + both[1]));
        QTRY_COMPARE_WITH_TIMEOUT(logRows(tab), 2, kWaitMs);
        QVERIFY(a11y::text(tab, QStringLiteral("Filter problem")).isEmpty());
        QVERIFY(log(tab).contains(QStringLiteral("PING 2")) &&
                log(tab).contains(QStringLiteral("hello")));

        // Find looks at what is shown only.
        QVERIFY(a11y::type(tab, QStringLiteral("Find"), QStringLiteral("ERR")));
        QVERIFY(a11y::press(tab, QStringLiteral("Find next")));
        QTRY_VERIFY_WITH_TIMEOUT(
            a11y::text(tab, QStringLiteral("Find status")).contains(QStringLiteral("Not found")),
            kWaitMs);
        QVERIFY(a11y::type(tab, QStringLiteral("Find"), QStringLiteral("hello")));
        QVERIFY(a11y::press(tab, QStringLiteral("Find next")));
        QTRY_VERIFY_WITH_TIMEOUT(
            a11y::text(tab, QStringLiteral("Find status")).startsWith(QStringLiteral("Found")),
            kWaitMs);

        // Show all, then the filter off: every raw record as captured.
        QVERIFY(a11y::press(tab, QStringLiteral("Show all records")));
        QTRY_COMPARE_WITH_TIMEOUT(logRows(tab), raw, kWaitMs);
        QVERIFY(a11y::type(tab, QStringLiteral("Message framing"), QStringLiteral("lf")));
        QTRY_VERIFY_WITH_TIMEOUT(logRows(tab) < raw, kWaitMs);
        QVERIFY(a11y::press(tab, QStringLiteral("Filter")));
        QVERIFY(!pane->filterBar()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(logRows(tab), raw, kWaitMs);
        QCOMPARE(pane->shownStore(), tab->handle()->store());

        peer.write("\n");
        QVERIFY(peer.waitForFinished(kWaitMs));
    }

    void shortcutOpensTheBarAtTheContentPattern() {
        e2e::Gui gui;
        QVERIFY(gui.start());
        QTest::keyClick(&gui.window(), Qt::Key_T, Qt::ControlModifier);
        SessionTab* tab = gui->currentTab();
        QVERIFY(tab);
        TrafficPane* pane = tab->trafficPane();
        pane->logView()->setFocus();
        QTRY_VERIFY(pane->logView()->hasFocus());
        QTest::keyClick(pane->logView(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(pane->filterBar()->patternEdit()->hasFocus());
        QVERIFY(pane->filterEnabled());
    }
};

QTEST_MAIN(TestGuiFilter)
#include "test_gui_filter.moc"
