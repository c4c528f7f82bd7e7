// Responders in the GUI: the rules model (QAbstractItemModelTester), the rule dialog checking
// as typed and trying a sample, and end to end through the accessibility tree: a listener tab
// whose rule (added in the dialog while the socket runs) answers a python3 client, the hit
// count in the table, the echo preset going live, and the rules saved with the workspace tab.
#include "support/gui_driver.h"
#include "ui/dialogs/responder_rule_dialog.h"
#include "ui/models/responder_rules_model.h"
#include "ui/session/session_handle.h"
#include "ui/widgets/responder_panel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>

using namespace socklab;
using namespace socklab::ui;
using e2e::kWaitMs;

namespace {

ResponderRule rule(MatchKind kind, std::string pattern, std::string reply) {
    ResponderRule r;
    r.match = kind;
    r.pattern = std::move(pattern);
    r.reply = std::move(reply);
    return r;
}

// Connects to argv[1] and obeys stdin: "send TEXT" sends TEXT plus a newline, then prints one
// line of what comes back; "quit" ends. Every wait is bounded.
const char* kLineClient = "import socket,sys\n"
                          "c=socket.create_connection(('127.0.0.1',int(sys.argv[1])),timeout=30)\n"
                          "f=c.makefile('rb')\n"
                          "print('ready',flush=True)\n"
                          "for line in sys.stdin:\n"
                          "    cmd=line.strip()\n"
                          "    if cmd=='quit': break\n"
                          "    c.sendall(cmd[5:].encode()+b'\\n')\n"
                          "    print('got',f.readline().decode().strip(),flush=True)\n";

QString ask(QProcess& peer, const QString& text) {
    peer.write(QStringLiteral("send %1\n").arg(text).toUtf8());
    QElapsedTimer waited;
    waited.start();
    while (!peer.canReadLine() && waited.elapsed() < kWaitMs) {
        peer.waitForReadyRead(100);
    }
    return QString::fromUtf8(peer.readLine()).trimmed();
}

} // namespace

class TestGuiResponders : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_responders")); }

    void modelFollowsEdits() {
        ResponderRulesModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &ResponderRulesModel::rulesChanged);
        model.insertRule(0, rule(MatchKind::Contains, "a", "A"));
        model.insertRule(1, rule(MatchKind::Regex, "(b)", "{1}"));
        model.insertRule(0, rule(MatchKind::Any, "", "{0}"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.data(model.index(0, ResponderRulesModel::MatchColumn)).toString(),
                 QString("any message"));
        model.setHits({4, 5, 6});
        QCOMPARE(model.data(model.index(2, ResponderRulesModel::HitsColumn)).toString(),
                 QString("6"));
        QVERIFY(model.moveRule(0, +1));
        QCOMPARE(model.ruleAt(1).match, MatchKind::Any);
        QCOMPARE(model.hits(1), std::uint64_t{0}); // new order: the engine counts afresh
        QVERIFY(!model.moveRule(2, +1));
        QVERIFY(model.setData(model.index(1, ResponderRulesModel::EnabledColumn), Qt::Unchecked,
                              Qt::CheckStateRole));
        QVERIFY(!model.ruleAt(1).enabled);
        model.removeRule(0);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(changed.count(), 6);
        model.setRules({});
        QCOMPARE(model.rowCount(), 0);
    }

    void dialogChecksAsTypedAndTriesASample() {
        ResponderRuleDialog dialog(ResponderRule{});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QPushButton* ok = dialog.buttons()->button(QDialogButtonBox::Ok);
        QVERIFY(a11y::choose(&dialog, "Match", "matches the regular expression"));
        QVERIFY(a11y::type(&dialog, "Pattern", "^PING (\\d+"));
        QVERIFY2(dialog.problem().contains("missing closing parenthesis"),
                 qPrintable(dialog.problem()));
        QVERIFY(!ok->isEnabled());
        QVERIFY(a11y::text(&dialog, "Rule problem").contains("missing closing parenthesis"));
        QVERIFY(a11y::type(&dialog, "Pattern", "^PING (\\d+)"));
        QVERIFY(a11y::type(&dialog, "Reply", "PONG {2}"));
        QVERIFY2(dialog.problem().contains("uses {2} but the pattern has 1 capture group"),
                 qPrintable(dialog.problem()));
        QVERIFY(a11y::type(&dialog, "Reply", "PONG {1}\\n"));
        QVERIFY(dialog.problem().isEmpty());
        QVERIFY(ok->isEnabled());
        QVERIFY(a11y::type(&dialog, "Sample message", "PING 42"));
        QCOMPARE(dialog.trialText(), QString("Reply (8 bytes): PONG 42\\n"));
        QVERIFY(a11y::type(&dialog, "Sample message", "PONG"));
        QCOMPARE(dialog.trialText(), QString("No match: this rule would not answer it."));
        const ResponderRule r = dialog.rule();
        QCOMPARE(r.match, MatchKind::Regex);
        QCOMPARE(r.reply, std::string("PONG {1}\\n"));
    }

    void listenerAnswersAndCountsHits() {
        e2e::Gui gui;
        QVERIFY(gui.start());
        const e2e::TabRecipe listen{"AF_INET", "SOCK_STREAM",   "IPPROTO_TCP",
                                    "Listen",  "Local address", "127.0.0.1:0"};
        SessionTab* tab = e2e::openAndWait(gui.window(), listen, "Listening");
        QVERIFY(tab);
        const QString local = tab->handle()->localText();
        const QString port = local.mid(local.lastIndexOf(':') + 1);
        // An open socket without rules gives the traffic the room: show the form to add some.
        QVERIFY(!tab->responderPanel()->isVisible());
        QVERIFY(a11y::press(tab, "Show socket form"));
        QVERIFY(a11y::choose(tab, "Messages", "end with a delimiter"));
        QCOMPARE(a11y::text(tab, "Delimiter"), QString("\\n"));

        // Add a rule while the socket runs: the dialog is modal, so fill it once it shows.
        bool filled = false;
        QTimer poll; // press() may spin the event loop before the dialog shows: wait for it
        connect(&poll, &QTimer::timeout, this, [&] {
            auto* dialog = qobject_cast<ResponderRuleDialog*>(QApplication::activeModalWidget());
            if (!dialog) {
                return;
            }
            poll.stop();
            filled = a11y::choose(dialog, "Match", "matches the regular expression") &&
                     a11y::type(dialog, "Pattern", "^PING (\\d+)") &&
                     a11y::type(dialog, "Reply", "PONG {1}\\n") &&
                     a11y::type(dialog, "Rule name", "ping");
            QPushButton* ok = dialog->buttons()->button(QDialogButtonBox::Ok);
            if (filled && ok->isEnabled()) {
                ok->click();
            } else {
                filled = false;
                dialog->reject();
            }
        });
        poll.start(20);
        QVERIFY(a11y::press(tab, "Add rule"));
        QVERIFY(filled);

        QProcess peer;
        QCOMPARE(e2e::startPeerLine(peer, kLineClient, {port}), QString("ready"));
        QCOMPARE(ask(peer, "PING 7"), QString("got PONG 7"));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::tableText(tab, "Responder rules").contains("| ping | 1 |"),
                                 kWaitMs);

        // The echo preset goes live too: what the first rule does not answer comes back.
        QVERIFY(a11y::press(tab, "Add echo rule"));
        QCOMPARE(ask(peer, "hello"), QString("got hello"));
        QCOMPARE(ask(peer, "PING 8"), QString("got PONG 8"));
        // New rules count afresh: one hit each since the echo rule was added.
        QTRY_VERIFY_WITH_TIMEOUT(
            e2e::tableText(tab, "Responder rules").contains("| ping | 1 |") &&
                e2e::tableText(tab, "Responder rules").contains("| echo | 1 |"),
            kWaitMs);
        peer.write("quit\n");
        QVERIFY(peer.waitForFinished(kWaitMs));

        const WorkspaceTab saved = tab->toWorkspaceTab();
        QCOMPARE(saved.responders.rules.size(), std::size_t{2});
        QCOMPARE(saved.responders.rules[0].name, std::string("ping"));
        QCOMPARE(saved.responders.framing.mode, FramingMode::Delimiter);
        QVERIFY(saved.responders.halfCloseWithPeer);
    }

    void framingProblemShowsAndBlocksOpening() {
        e2e::Gui gui;
        QVERIFY(gui.start());
        QTest::keyClick(&gui.window(), Qt::Key_T, Qt::ControlModifier);
        SessionTab* tab = gui->currentTab();
        QVERIFY(tab);
        QVERIFY(a11y::choose(tab, "Messages", "end with a delimiter"));
        QVERIFY(a11y::type(tab, "Delimiter", "\\x"));
        QVERIFY2(a11y::text(tab, "Framing problem").startsWith("Delimiter: "),
                 qPrintable(a11y::text(tab, "Framing problem")));
        QVERIFY(!tab->responderPanel()->problem().isEmpty());
        QVERIFY(a11y::type(tab, "Remote address", "127.0.0.1:9"));
        QVERIFY(a11y::press(tab, "Open socket"));
        QVERIFY2(tab->errorText().startsWith("Cannot open the socket: responders: Delimiter: "),
                 qPrintable(tab->errorText()));
        QVERIFY(!tab->isOpen());
    }
};

QTEST_MAIN(TestGuiResponders)
#include "test_gui_responders.moc"
