// A tab's responders in the workspace document: written and read back exactly, the echo preset
// kept readable by older builds ("echo": true), and every bad value named by its JSON pointer.
#include "core/workspace/workspace_json.h"

#include <QTest>

using namespace socklab;

namespace {

std::string listenerWith(const std::string& extra) {
    return "{\"format\": \"socklab-workspace\", \"version\": 1, \"tabs\": [{\"family\": "
           "\"AF_INET\", \"type\": \"SOCK_STREAM\", \"role\": \"listen\", " +
           extra + "}]}";
}

// Three sequences: named, without a name, with a blank one.
std::string blankNamedSequences() {
    return R"("sequences": [{"name": "poll", "steps": ["send a"]}, {"steps": ["send b"]},)"
           R"( {"name": "  ", "steps": []}])";
}

ResponderConfig sampleResponders() {
    ResponderConfig c;
    c.framing.mode = FramingMode::LengthPrefixed;
    c.framing.prefixBytes = 2;
    c.framing.prefixBigEndian = false;
    c.framing.prefixCountsHeader = true;
    c.halfCloseWithPeer = true;
    ResponderRule a;
    a.name = "status";
    a.match = MatchKind::Regex;
    a.pattern = "^STATUS (\\d+)";
    a.reply = "OK {1} {seq} {time:iso}\\r\\n";
    a.delayMs = 250;
    a.once = true;
    c.rules.push_back(a);
    ResponderRule b;
    b.enabled = false;
    b.match = MatchKind::HexPattern;
    b.pattern = "01 03 ?? *";
    b.reply = "01 83 {1} {crc16-modbus}";
    b.replySyntax = TemplateSyntax::Hex;
    c.rules.push_back(b);
    return c;
}

} // namespace

class TestWorkspaceResponders : public QObject {
    Q_OBJECT

private slots:
    void roundTrip() {
        Workspace ws;
        WorkspaceTab tab;
        tab.title = "device";
        tab.spec = {2, 1, 0}; // AF_INET, SOCK_STREAM
        tab.role = Role::Listen;
        tab.local = "127.0.0.1:502";
        tab.responders = sampleResponders();
        ws.tabs.push_back(tab);
        const std::string text = serializeWorkspace(ws);
        QVERIFY2(text.find("\"framing\": \"len:2le+hdr\"") != std::string::npos, text.c_str());
        QVERIFY2(text.find("\"match\": \"hexPattern\"") != std::string::npos, text.c_str());
        auto back = parseWorkspace(text, "<m>");
        QVERIFY2(back, back ? "" : back.error().message().c_str());
        QVERIFY(back->tabs.at(0).responders == tab.responders);
        QVERIFY(tabOpenRequest(back->tabs.at(0)).responders == tab.responders);
    }

    void echoStaysTheOldKey() {
        Workspace ws;
        WorkspaceTab tab;
        tab.spec = {2, 1, 0};
        tab.role = Role::Listen;
        tab.responders = ResponderConfig::echo();
        ws.tabs.push_back(tab);
        const std::string text = serializeWorkspace(ws);
        QVERIFY2(text.find("\"echo\": true") != std::string::npos, text.c_str());
        QVERIFY(text.find("responders") == std::string::npos);
        auto back = parseWorkspace(text, "<m>");
        QVERIFY(back);
        QVERIFY(back->tabs.at(0).responders.isEcho());
        // No responders: neither key is written.
        ws.tabs.at(0).responders = {};
        const std::string plain = serializeWorkspace(ws);
        QVERIFY(plain.find("echo") == std::string::npos);
        QVERIFY(plain.find("responders") == std::string::npos);
    }

    void sequencesRoundTrip() {
        Workspace ws;
        WorkspaceTab tab;
        tab.spec = {2, 1, 0};
        tab.role = Role::Connect;
        tab.remote = "127.0.0.1:502";
        auto seq =
            parseSequenceText("send PING {seq}\\r\\n\nrepeat 2\n  sendhex 01 {crc16-modbus}\n"
                              "  expect:hex 01 * within 500\nend\nwait 20\n",
                              "poll");
        QVERIFY2(seq, seq ? "" : seq.error().message().c_str());
        tab.sequences.push_back(*seq);
        ws.tabs.push_back(tab);
        const std::string text = serializeWorkspace(ws);
        QVERIFY2(text.find("\"  expect:hex 01 * within 500\"") != std::string::npos, text.c_str());
        auto back = parseWorkspace(text, "<m>");
        QVERIFY2(back, back ? "" : back.error().message().c_str());
        QVERIFY(back->tabs.at(0).sequences == tab.sequences);
    }

    void sequenceErrorsNameTheValue_data() {
        QTest::addColumn<QString>("extra");
        QTest::addColumn<QString>("expected");
        const QString p = "load workspace /tmp/w.json: /tabs/0/sequences";
        QTest::newRow("not an array") << "'sequences': {}" << p + ": expected array, got object";
        QTest::newRow("no steps") << "'sequences': [{'name': 'a'}]" << p + "/0/steps: missing";
        QTest::newRow("step not text")
            << "'sequences': [{'steps': [5]}]" << p + "/0/steps/0: expected string, got number";
        QTest::newRow("bad step") << "'sequences': [{'steps': ['send a', 'wiat 5']}]"
                                  << p + "/0/steps: line 2: unknown step \"wiat\"";
        QTest::newRow("unbalanced") << "'sequences': [{'steps': ['repeat 2']}]"
                                    << p + "/0/steps: step 1: repeat without an end";
        QTest::newRow("control character in the name")
            << "'sequences': [{'name': 'a', 'steps': []}, {'name': 'b\\u0007', 'steps': []}]"
            << p + "/1/name: control character '\\x07' at position 1";
        QTest::newRow("name too long")
            << "'sequences': [{'name': '" + QString(101, u'n') + "', 'steps': []}]"
            << p + "/0/name: 101 bytes, the limit is 100";
    }
    void sequenceErrorsNameTheValue() { errorsNameTheValue(); }

    // A sequence without a name (older files, or typed by hand) gets "sequence N", N its
    // place in the tab, as the GUI and the CLI need a name to show and to run it by.
    void blankSequenceNamesAreGivenOne() {
        auto ws = parseWorkspace(listenerWith(blankNamedSequences()), "<m>");
        QVERIFY2(ws, ws ? "" : ws.error().message().c_str());
        const auto& seqs = ws->tabs.at(0).sequences;
        QCOMPARE(seqs.size(), std::size_t(3));
        QCOMPARE(seqs[0].name, std::string("poll"));
        QCOMPARE(seqs[1].name, std::string("sequence 2"));
        QCOMPARE(seqs[2].name, std::string("sequence 3"));
        for (const Sequence& s : seqs) {
            QVERIFY(checkSequenceName(s.name));
        }
    }

    void errorsNameTheValue_data() {
        QTest::addColumn<QString>("extra");
        QTest::addColumn<QString>("expected");
        const QString p = "load workspace /tmp/w.json: /tabs/0";
        QTest::newRow("both keys") << "'echo': true, 'responders': {}"
                                   << p + "/echo: a tab has either \"echo\" or \"responders\" "
                                          "(echo is a responder rule)";
        QTest::newRow("not an object")
            << "'responders': []" << p + "/responders: expected object, got array";
        QTest::newRow("unknown key")
            << "'responders': {'rule': []}" << p + "/responders/rule: unknown key";
        QTest::newRow("bad framing")
            << "'responders': {'framing': 'fixed:0'}" << p + "/responders/framing: ";
        QTest::newRow("rules not an array")
            << "'responders': {'rules': {}}" << p + "/responders/rules: expected array, got object";
        QTest::newRow("unknown match")
            << "'responders': {'rules': [{'match': 'like'}]}"
            << p + "/responders/rules/0/match: unknown match \"like\" (expected any, contains, "
                   "startsWith, regex or hexPattern)";
        QTest::newRow("unknown syntax")
            << "'responders': {'rules': [{'match': 'any', 'replySyntax': 'b64'}]}"
            << p + "/responders/rules/0/replySyntax: unknown syntax \"b64\" (expected text or hex)";
        QTest::newRow("negative delay")
            << "'responders': {'rules': [{'match': 'any', 'delayMs': -1}]}"
            << p + "/responders/rules/0/delayMs: -1 out of range (0..3600000)";
        QTest::newRow("bad regex")
            << "'responders': {'rules': [{'match': 'any'}, {'match': 'regex', 'pattern': '('}]}"
            << p + "/responders/rules/1: pattern: position 1: missing closing parenthesis";
        QTest::newRow("capture the pattern lacks")
            << "'responders': {'rules': [{'match': 'contains', 'pattern': 'a', 'reply': '{1}'}]}"
            << p + "/responders/rules/0: reply: uses {1} but the pattern has no capture groups";
    }
    void errorsNameTheValue() {
        QFETCH(QString, extra);
        QFETCH(QString, expected);
        // The rows write JSON with single quotes (no raw strings: moc misreads them).
        auto ws =
            parseWorkspace(listenerWith(extra.replace('\'', '"').toStdString()), "/tmp/w.json");
        QVERIFY(!ws);
        const QString got = QString::fromStdString(ws.error().message());
        QVERIFY2(got.startsWith(expected), qPrintable(got));
    }
};

QTEST_APPLESS_MAIN(TestWorkspaceResponders)
#include "test_workspace_responders.moc"
