// Sequences in the GUI, end to end through the accessibility tree: a TCP client tab runs a
// typed sequence (repeat, send with {seq}, expect a regex within a timeout) against a python3
// "device" with the Responders box's delimiter framing and reports "Finished: …"; an expect
// that never comes fails with its step; Pause / Resume / Stop while a wait runs (the step after
// it is never sent); steps that do not parse are shown with their line and block Run; the
// sequences are saved with the workspace tab and come back in the "Sequence" dropdown; running
// with the socket closed asks to open it first.
#include "core/respond/sequence.h"
#include "support/gui_driver.h"
#include "ui/widgets/sequence_panel.h"

#include <QPlainTextEdit>

using namespace socklab;
using namespace socklab::ui;
using e2e::kWaitMs;

namespace {

// A line device on 127.0.0.1:0: prints its port, accepts one client, prints "got LINE" for
// every line it receives and answers "PING n" with "PONG n"; prints "closed" at the client's
// FIN. Every wait is bounded (30 s).
const char* kPyDevice = "import socket\n"
                        "s=socket.socket()\n"
                        "s.bind(('127.0.0.1',0))\n"
                        "s.listen(1)\n"
                        "print(s.getsockname()[1],flush=True)\n"
                        "s.settimeout(30)\n"
                        "c,a=s.accept()\n"
                        "c.settimeout(30)\n"
                        "for line in c.makefile('rb'):\n"
                        "    t=line.decode().strip()\n"
                        "    print('got',t,flush=True)\n"
                        "    if t.startswith('PING '):\n"
                        "        c.sendall(('PONG '+t[5:]+'\\n').encode())\n"
                        "print('closed',flush=True)\n";

/// The device's output so far, read as it comes.
class Device {
public:
    int start() { return e2e::startPeer(m_process, kPyDevice); }

    /// Wait (bounded) until the device printed `line`; true when it did.
    bool waitFor(const QString& line) {
        return QTest::qWaitFor(
            [&] {
                m_out += QString::fromUtf8(m_process.readAllStandardOutput());
                return lines().contains(line);
            },
            kWaitMs);
    }

    /// Everything printed, once the device has ended (after the tab closed its socket).
    QStringList finish() {
        m_process.waitForFinished(kWaitMs);
        m_out += QString::fromUtf8(m_process.readAllStandardOutput());
        return lines();
    }

    [[nodiscard]] QStringList lines() const { return m_out.split('\n', Qt::SkipEmptyParts); }

private:
    QProcess m_process;
    QString m_out;
};

/// Type `steps` into "Sequence steps", Return between lines (QTest types no '\n'; the
/// accessible text of a plain text edit joins lines with U+2029, so the edit itself is compared).
bool typeSteps(QWidget* tab, const QString& steps) {
    const QStringList lines = steps.split('\n');
    a11y::type(tab, QStringLiteral("Sequence steps"), lines.front());
    auto* edit = a11y::widget<QPlainTextEdit>(tab, QStringLiteral("Sequence steps"));
    if (!edit) {
        return false;
    }
    for (const QString& line : lines.mid(1)) {
        QTest::keyClick(edit, Qt::Key_Return);
        QTest::keyClicks(edit, line);
    }
    return edit->toPlainText() == steps;
}

QString progress(QWidget* tab) {
    return a11y::text(tab, QStringLiteral("Sequence progress"));
}

bool enabled(QWidget* tab, const QString& button) {
    QAccessibleInterface* iface = a11y::find(tab, button, QAccessible::PushButton);
    return iface && !iface->state().disabled;
}

bool shown(QWidget* tab, const QString& name) {
    return a11y::find(tab, name) != nullptr;
}

/// A TCP client tab connected to the device, its Sequences box shown and its messages framed
/// by "\n" (the Responders box's "Messages" choice).
SessionTab* openDeviceTab(e2e::Gui& gui, int port) {
    SessionTab* tab = e2e::openAndWait(gui.window(), e2e::tcpClientRecipe(port), "Connected");
    if (!tab) {
        return nullptr;
    }
    // Open without sequences: the traffic gets the room until the form is shown.
    if (shown(tab, "Sequence steps") || !a11y::press(tab, "Show socket form") ||
        !shown(tab, "Sequence steps") || !a11y::choose(tab, "Messages", "end with a delimiter") ||
        a11y::text(tab, "Delimiter") != QStringLiteral("\\n")) {
        return nullptr;
    }
    return tab;
}

} // namespace

class TestGuiSequences : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_sequences")); }

    void runsAgainstDevice() {
        Device device;
        const int port = device.start();
        QVERIFY(port > 0);
        e2e::Gui gui;
        QVERIFY(gui.start());
        SessionTab* tab = openDeviceTab(gui, port);
        QVERIFY(tab);

        QVERIFY(typeSteps(tab, "repeat 3\n"
                               "send PING {seq}\\n\n"
                               "expect:re ^PONG (\\d+) within 2000\n"
                               "end"));
        QVERIFY(!shown(tab, "Sequence problem"));
        QVERIFY(enabled(tab, "Run sequence"));
        QVERIFY(!enabled(tab, "Pause sequence"));
        QVERIFY(!enabled(tab, "Stop sequence"));
        QVERIFY(a11y::press(tab, "Run sequence"));
        QTRY_VERIFY2_WITH_TIMEOUT(
            progress(tab).startsWith("Finished: 3 sent, 3 expected replies met"),
            qPrintable(progress(tab)), kWaitMs);
        QVERIFY(enabled(tab, "Run sequence"));
        QVERIFY(!enabled(tab, "Stop sequence"));
        QVERIFY(device.waitFor("got PING 3"));
        const QStringList got = device.lines().mid(0, 3);
        QCOMPARE(got, (QStringList{"got PING 1", "got PING 2", "got PING 3"}));

        // With a sequence of its own the box stays when the form is hidden again.
        QVERIFY(a11y::press(tab, "Show socket form"));
        QVERIFY(!tab->isFormShown());
        QVERIFY(shown(tab, "Sequence steps"));
        QVERIFY(a11y::press(tab, "Close socket"));
        QCOMPARE(device.finish().last(), QString("closed"));
    }

    void expectThatNeverComesFails() {
        Device device;
        const int port = device.start();
        QVERIFY(port > 0);
        e2e::Gui gui;
        QVERIFY(gui.start());
        SessionTab* tab = openDeviceTab(gui, port);
        QVERIFY(tab);

        QVERIFY(typeSteps(tab, "send HELLO\\n\nexpect NEVER within 300"));
        QVERIFY(a11y::press(tab, "Run sequence"));
        QTRY_VERIFY2_WITH_TIMEOUT(progress(tab).startsWith("Failed: "), qPrintable(progress(tab)),
                                  kWaitMs);
        QCOMPARE(progress(tab),
                 QString("Failed: step 2: expected contains \"NEVER\" within 300 ms, none came"));
        QVERIFY(enabled(tab, "Run sequence"));
        QVERIFY(!enabled(tab, "Pause sequence"));
        QVERIFY(!enabled(tab, "Stop sequence"));
        QVERIFY(enabled(tab, "New sequence"));
        QVERIFY(a11y::press(tab, "Close socket"));
        QCOMPARE(device.finish(), (QStringList{"got HELLO", "closed"}));
    }

    void pauseResumeStop() {
        Device device;
        const int port = device.start();
        QVERIFY(port > 0);
        e2e::Gui gui;
        QVERIFY(gui.start());
        SessionTab* tab = openDeviceTab(gui, port);
        QVERIFY(tab);

        QVERIFY(typeSteps(tab, "send a\\n\nwait 5000\nsend b\\n"));
        QVERIFY(a11y::press(tab, "Run sequence"));
        QTRY_COMPARE_WITH_TIMEOUT(progress(tab), QString("Running \"sequence 1\": step 2 of 3"),
                                  kWaitMs);
        QVERIFY(!enabled(tab, "Run sequence"));
        QVERIFY(!enabled(tab, "New sequence"));
        QVERIFY(!enabled(tab, "Delete sequence"));
        QVERIFY(device.waitFor("got a"));

        QVERIFY(a11y::press(tab, "Pause sequence"));
        QCOMPARE(progress(tab), QString("Paused \"sequence 1\" at step 2 of 3"));
        QVERIFY(!shown(tab, "Pause sequence"));
        QVERIFY(enabled(tab, "Resume sequence"));
        QVERIFY(enabled(tab, "Stop sequence"));
        QVERIFY(!enabled(tab, "Run sequence"));

        QVERIFY(a11y::press(tab, "Resume sequence"));
        QCOMPARE(progress(tab), QString("Running \"sequence 1\": step 2 of 3"));
        QVERIFY(enabled(tab, "Pause sequence"));
        QVERIFY(!shown(tab, "Resume sequence"));

        QVERIFY(a11y::press(tab, "Stop sequence"));
        QCOMPARE(progress(tab), QString("Failed: stopped at step 2"));
        QVERIFY(enabled(tab, "Run sequence"));
        QVERIFY(!enabled(tab, "Pause sequence"));
        QVERIFY(!enabled(tab, "Stop sequence"));
        QTest::qWait(300); // nothing may follow the stop
        QCOMPARE(progress(tab), QString("Failed: stopped at step 2"));
        QVERIFY(a11y::press(tab, "Close socket"));
        const QStringList got = device.finish();
        QCOMPARE(got, (QStringList{"got a", "closed"}));
    }

    void badStepsShowTheirLine() {
        e2e::Gui gui;
        QVERIFY(gui.start());
        QTest::keyClick(&gui.window(), Qt::Key_T, Qt::ControlModifier);
        SessionTab* tab = gui->currentTab();
        QVERIFY(tab);
        QVERIFY(!shown(tab, "Sequence problem"));
        QVERIFY(!enabled(tab, "Run sequence")); // nothing to run yet

        QVERIFY(typeSteps(tab, "wiat 5"));
        const QString problem = a11y::text(tab, "Sequence problem");
        QVERIFY2(problem.startsWith("line 1: unknown step \"wiat\""), qPrintable(problem));
        QCOMPARE(tab->sequencePanel()->problem(), problem);
        QVERIFY(!enabled(tab, "Run sequence"));
        QVERIFY(!tab->sequencePanel()->current());

        QVERIFY(typeSteps(tab, "wait 5"));
        QVERIFY(!shown(tab, "Sequence problem"));
        QVERIFY(enabled(tab, "Run sequence"));
    }

    void savedWithTheWorkspace() {
        e2e::Gui gui;
        QVERIFY(gui.start());
        QTest::keyClick(&gui.window(), Qt::Key_T, Qt::ControlModifier);
        SessionTab* tab = gui->currentTab();
        QVERIFY(tab);
        QVERIFY(a11y::type(tab, "Sequence name", "poll"));
        QVERIFY(typeSteps(tab, "send PING\\r\\n\nexpect PONG within 500"));
        QVERIFY(a11y::text(tab, "Sequence").contains("poll")); // the dropdown follows the name

        WorkspaceTab saved = tab->toWorkspaceTab();
        QCOMPARE(saved.sequences.size(), std::size_t{1});
        QCOMPARE(saved.sequences[0].name, std::string("poll"));
        const auto typed = parseSequenceText("send PING\\r\\n\nexpect PONG within 500", "poll");
        QVERIFY(typed);
        QCOMPARE(saved.sequences[0].steps, typed->steps);
        QCOMPARE(saved.sequences[0].steps.size(), std::size_t{2});
        QCOMPARE(saved.sequences[0].steps[1].kind, SequenceStep::Kind::Expect);
        QCOMPARE(saved.sequences[0].steps[1].ms, 500u);

        auto second = parseSequenceText("repeat 2\nsendhex 01 02\nwait 10\nend", "burst");
        QVERIFY(second);
        saved.sequences.push_back(*second);
        QTest::keyClick(&gui.window(), Qt::Key_T, Qt::ControlModifier);
        SessionTab* loaded = gui->currentTab();
        QVERIFY(loaded && loaded != tab);
        loaded->loadWorkspaceTab(saved);
        auto* combo = a11y::widget<QComboBox>(loaded, "Sequence");
        QVERIFY(combo);
        QCOMPARE(combo->count(), 2);
        QCOMPARE(combo->itemText(0), QString("poll"));
        QCOMPARE(combo->itemText(1), QString("burst"));
        QCOMPARE(a11y::text(loaded, "Sequence name"), QString("poll"));

        QVERIFY(a11y::choose(loaded, "Sequence", "burst"));
        QCOMPARE(a11y::text(loaded, "Sequence name"), QString("burst"));
        auto* edit = a11y::widget<QPlainTextEdit>(loaded, "Sequence steps");
        QVERIFY(edit);
        QCOMPARE(edit->toPlainText(), QString::fromStdString(formatSequenceText(*second)));
        QCOMPARE(loaded->toWorkspaceTab().sequences, saved.sequences);
    }

    void runWithTheSocketClosed() {
        e2e::Gui gui;
        QVERIFY(gui.start());
        QTest::keyClick(&gui.window(), Qt::Key_T, Qt::ControlModifier);
        SessionTab* tab = gui->currentTab();
        QVERIFY(tab);
        QVERIFY(!tab->isOpen());
        QVERIFY(typeSteps(tab, "send x"));
        QVERIFY(a11y::press(tab, "Run sequence"));
        QVERIFY2(progress(tab).startsWith("Open the socket first"), qPrintable(progress(tab)));
        QVERIFY(enabled(tab, "Run sequence"));
        QVERIFY(!enabled(tab, "Stop sequence"));
    }
};

QTEST_MAIN(TestGuiSequences)
#include "test_gui_sequences.moc"
