// Responder rules without sockets: each match kind and its captures, rule order, enabled and
// once, {seq} per rule, templates with captures and checksums, the CLI's one-line rules and
// the errors a user sees for bad rules.
#include "core/respond/responder.h"
#include "core/support/bytes.h"

#include <QTest>

using namespace socklab;
using namespace socklab::test;

namespace {

ResponderRule rule(MatchKind kind, std::string pattern, std::string reply,
                   TemplateSyntax syntax = TemplateSyntax::Text) {
    ResponderRule r;
    r.match = kind;
    r.pattern = std::move(pattern);
    r.reply = std::move(reply);
    r.replySyntax = syntax;
    return r;
}

/// The reply bytes for message (or "<none>" when no rule matched).
QByteArray replyTo(Responder& responder, const QByteArray& message) {
    auto r = responder.respond(view(message), 0, 0);
    return r ? toQt(r->bytes) : QByteArray("<none>");
}

} // namespace

class TestResponder : public QObject {
    Q_OBJECT

private slots:
    void matchKinds_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("reply");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("expected"); // "<none>" = no match
        const int any = int(MatchKind::Any);
        const int contains = int(MatchKind::Contains);
        const int starts = int(MatchKind::StartsWith);
        const int regex = int(MatchKind::Regex);
        const int hex = int(MatchKind::HexPattern);
        QTest::newRow("any") << any << ""
                             << "ok" << QByteArray("whatever") << QByteArray("ok");
        QTest::newRow("any empty message") << any << ""
                                           << "[{0}]" << QByteArray() << QByteArray("[]");
        QTest::newRow("contains") << contains << "PING"
                                  << "PONG" << QByteArray("xxPINGyy") << QByteArray("PONG");
        QTest::newRow("contains no") << contains << "PING"
                                     << "PONG" << QByteArray("PIN G") << QByteArray("<none>");
        QTest::newRow("contains escapes")
            << contains << "\\x00\\r\\n"
            << "nul" << QByteArray("a\0\r\nb", 5) << QByteArray("nul");
        QTest::newRow("starts") << starts << "AT"
                                << "OK\\r\\n"
                                << QByteArray("AT+GMR\r\n") << QByteArray("OK\r\n");
        QTest::newRow("starts not in middle") << starts << "AT"
                                              << "OK" << QByteArray("xAT") << QByteArray("<none>");
        QTest::newRow("starts longer than message")
            << starts << "ATTN"
            << "OK" << QByteArray("AT") << QByteArray("<none>");
        QTest::newRow("regex groups")
            << regex << "^GET (\\S+) HTTP/(1\\.[01])"
            << "{2} {1}" << QByteArray("GET /index HTTP/1.1\r\n") << QByteArray("1.1 /index");
        QTest::newRow("regex optional group unset")
            << regex << "a(x)?b"
            << "[{1}]" << QByteArray("ab") << QByteArray("[]");
        QTest::newRow("regex on binary")
            << regex << "\\x01\\x03(..)"
            << "{1}" << QByteArray("\x01\x03\xff\x00", 4) << QByteArray("\xff\x00", 2);
        QTest::newRow("regex no") << regex << "^\\d+$"
                                  << "n" << QByteArray("12a") << QByteArray("<none>");
        QTest::newRow("regex case option") << regex << "(?i)hello"
                                           << "hi" << QByteArray("HeLLo") << QByteArray("hi");
        QTest::newRow("hex exact") << hex << "01 03 00 0a"
                                   << "y" << QByteArray("\x01\x03\x00\x0a", 4) << QByteArray("y");
        QTest::newRow("hex whole message only")
            << hex << "01 03"
            << "y" << QByteArray("\x01\x03\x00", 3) << QByteArray("<none>");
        QTest::newRow("hex byte wildcard")
            << hex << "01 ?? 03"
            << "{1}{1}" << QByteArray("\x01\x7f\x03", 3) << QByteArray("\x7f\x7f", 2);
        QTest::newRow("hex run wildcard")
            << hex << "01 03 *"
            << "[{1}]" << QByteArray("\x01\x03\xaa\xbb", 4) << QByteArray("[\xaa\xbb]");
        QTest::newRow("hex run empty") << hex << "01 03 *"
                                       << "[{1}]" << QByteArray("\x01\x03", 2) << QByteArray("[]");
        QTest::newRow("hex run in middle backtracks")
            << hex << "aa * bb ?? "
            << "{1}|{2}" << QByteArray("\xaa\x01\xbb\x02\xbb\x03", 6)
            << QByteArray("\x01\xbb\x02|\x03", 5);
        QTest::newRow("hex two runs")
            << hex << "* 0d 0a *"
            << "{1}/{2}" << QByteArray("ab\r\ncd\r\n") << QByteArray("ab/cd\r\n");
        QTest::newRow("hex mismatch")
            << hex << "01 ?? 03"
            << "y" << QByteArray("\x01\x7f\x04", 3) << QByteArray("<none>");
    }
    void matchKinds() {
        QFETCH(int, kind);
        QFETCH(QString, pattern);
        QFETCH(QString, reply);
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, expected);
        ResponderConfig config;
        config.rules.push_back(rule(MatchKind(kind), pattern.toStdString(), reply.toStdString()));
        auto responder = Responder::create(config);
        QVERIFY2(responder, responder ? "" : responder.error().message().c_str());
        QCOMPARE(replyTo(*responder, message), expected);
    }

    void firstMatchingRuleAnswersAndCountsItsOwnSeq() {
        ResponderConfig config;
        config.rules.push_back(rule(MatchKind::StartsWith, "A", "first {seq}"));
        config.rules.push_back(rule(MatchKind::Contains, "B", "second {seq}"));
        config.rules.push_back(rule(MatchKind::Any, "", "other {seq}"));
        auto r = Responder::create(config);
        QVERIFY(r);
        QCOMPARE(replyTo(*r, "AB"), QByteArray("first 1")); // both match: order decides
        QCOMPARE(replyTo(*r, "xB"), QByteArray("second 1"));
        QCOMPARE(replyTo(*r, "AA"), QByteArray("first 2"));
        QCOMPARE(replyTo(*r, "zz"), QByteArray("other 1"));
        QCOMPARE(r->hits(), (std::vector<std::uint64_t>{2, 1, 1}));
    }

    void disabledAndOnceRulesStepAside() {
        ResponderConfig config;
        config.rules.push_back(rule(MatchKind::Any, "", "off"));
        config.rules.front().enabled = false;
        config.rules.push_back(rule(MatchKind::Contains, "hi", "once"));
        config.rules.back().once = true;
        config.rules.push_back(rule(MatchKind::Contains, "hi", "again"));
        auto r = Responder::create(config);
        QVERIFY(r);
        QCOMPARE(replyTo(*r, "hi"), QByteArray("once"));
        QCOMPARE(replyTo(*r, "hi"), QByteArray("again"));
        QCOMPARE(replyTo(*r, "hi"), QByteArray("again"));
        QCOMPARE(replyTo(*r, "ho"), QByteArray("<none>"));
        QCOMPARE(r->hits(), (std::vector<std::uint64_t>{0, 1, 2}));
    }

    void ruleWithoutReplyCountsAndSendsNothing() {
        ResponderConfig config;
        config.rules.push_back(rule(MatchKind::Contains, "noise", ""));
        config.rules.push_back(rule(MatchKind::Any, "", "x"));
        auto r = Responder::create(config);
        QVERIFY(r);
        auto reply = r->respond(asBytes("noise!"), 0, 0);
        QVERIFY(reply);
        QCOMPARE(reply->rule, std::size_t{0});
        QVERIFY(reply->bytes.empty());
        QCOMPARE(r->hits().front(), std::uint64_t{1});
    }

    void delayIsPassedOn() {
        ResponderConfig config;
        config.rules.push_back(rule(MatchKind::Any, "", "late"));
        config.rules.back().delayMs = 250;
        auto r = Responder::create(config);
        QVERIFY(r);
        auto reply = r->respond(asBytes("x"), 0, 0);
        QVERIFY(reply);
        QCOMPARE(reply->delayMs, 250u);
    }

    void modbusRequestAnsweredWithChecksum() {
        // A Modbus RTU device: read holding registers (01 03 addr count crc) -> 01 03 02 00 2a
        // + CRC, the register value fixed, the CRC computed over the reply.
        ResponderConfig config;
        config.rules.push_back(rule(MatchKind::HexPattern, "01 03 ?? ?? ?? ?? ?? ??",
                                    "01 03 02 00 2a {crc16-modbus}", TemplateSyntax::Hex));
        auto r = Responder::create(config);
        QVERIFY2(r, r ? "" : r.error().message().c_str());
        const QByteArray request = QByteArray::fromHex("010300000001840a");
        QCOMPARE(replyTo(*r, request).toHex(),
                 QByteArray("010302002a") +
                     QByteArray("399b")); // CRC-16/MODBUS 0x9b39, low byte first
    }

    void catastrophicRegexGivesUpInsteadOfHanging() {
        ResponderConfig config;
        config.rules.push_back(rule(MatchKind::Regex, "^(a+)+$", "never"));
        config.rules.push_back(rule(MatchKind::Any, "", "fallback"));
        auto r = Responder::create(config);
        QVERIFY(r);
        const QByteArray evil = QByteArray(40, 'a') + "!";
        QCOMPARE(replyTo(*r, evil), QByteArray("fallback"));
    }

    void echoPreset() {
        const ResponderConfig echo = ResponderConfig::echo();
        QVERIFY(echo.isEcho());
        QVERIFY(echo.halfCloseWithPeer);
        QCOMPARE(echo.framing.mode, FramingMode::Raw);
        auto r = Responder::create(echo);
        QVERIFY(r);
        const QByteArray binary("\0\xff\r\n", 4);
        QCOMPARE(replyTo(*r, binary), binary);
        ResponderConfig changed = echo;
        changed.rules.front().delayMs = 5;
        QVERIFY(!changed.isEcho());
    }

    void badRulesSayWhatAndWhere_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("reply");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty contains")
            << int(MatchKind::Contains) << ""
            << "x"
            << "check rule 3: pattern: empty (use \"any\" to match everything)";
        QTest::newRow("bad escape")
            << int(MatchKind::Contains) << "a\\x"
            << "x"
            << "check rule 3: pattern: \\x without hex digits at position 1";
        QTest::newRow("bad regex") << int(MatchKind::Regex) << "a(b"
                                   << "x"
                                   << "check rule 3: pattern: position 3: missing closing "
                                      "parenthesis";
        QTest::newRow("hex odd") << int(MatchKind::HexPattern) << "01 0"
                                 << "x"
                                 << "check rule 3: pattern: position 3: a byte needs two hex "
                                    "digits";
        QTest::newRow("hex single ?") << int(MatchKind::HexPattern) << "01 ?"
                                      << "x"
                                      << "check rule 3: pattern: position 3: a wildcard byte "
                                         "is \"??\"";
        QTest::newRow("hex junk") << int(MatchKind::HexPattern) << "01 zz"
                                  << "x"
                                  << "check rule 3: pattern: position 3: expected hex digits, "
                                     "\"??\" or \"*\", found 'z'";
        QTest::newRow("capture beyond groups")
            << int(MatchKind::Regex) << "a(b)"
            << "{2}"
            << "check rule 3: reply: uses {2} but the pattern has 1 capture group";
        QTest::newRow("capture without groups")
            << int(MatchKind::Contains) << "a"
            << "{1}"
            << "check rule 3: reply: uses {1} but the pattern has no capture groups";
        QTest::newRow("bad template") << int(MatchKind::Any) << ""
                                      << "x{nope}"
                                      << "check rule 3: reply: position 1: ";
    }
    void badRulesSayWhatAndWhere() {
        QFETCH(int, kind);
        QFETCH(QString, pattern);
        QFETCH(QString, reply);
        QFETCH(QString, message);
        auto ok =
            validateRule(rule(MatchKind(kind), pattern.toStdString(), reply.toStdString()), 3);
        QVERIFY(!ok);
        const QString got = QString::fromStdString(ok.error().message());
        QVERIFY2(got.startsWith(message), qPrintable(got));
        // Responder::create names the rule by its 1-based place in the list.
        ResponderConfig config;
        config.rules.push_back(rule(MatchKind::Any, "", "fine"));
        config.rules.push_back(rule(MatchKind(kind), pattern.toStdString(), reply.toStdString()));
        auto r = Responder::create(config);
        QVERIFY(!r);
        QVERIFY2(QString::fromStdString(r.error().object) == "rule 2", r.error().object.c_str());
    }

    void namedRuleInErrors() {
        ResponderRule r = rule(MatchKind::Regex, "(", "x");
        r.name = "status";
        auto ok = validateRule(r, 1);
        QVERIFY(!ok);
        QCOMPARE(QString::fromStdString(ok.error().object), QString("rule 1 \"status\""));
    }

    void badFramingIsRefusedByCreate() {
        ResponderConfig config;
        config.framing.mode = FramingMode::Delimiter; // no delimiter bytes
        config.rules.push_back(rule(MatchKind::Any, "", "x"));
        auto r = Responder::create(config);
        QVERIFY(!r);
        QCOMPARE(QString::fromStdString(r.error().op), QString("check framing"));
    }

    void ruleLines_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("reply");
        QTest::addColumn<bool>("hexReply");
        QTest::newRow("default contains") << "PING=>PONG\\n"
                                          << int(MatchKind::Contains) << "PING"
                                          << "PONG\\n"
                                          << false;
        QTest::newRow("start") << "start:AT=>OK" << int(MatchKind::StartsWith) << "AT"
                               << "OK" << false;
        QTest::newRow("regex with arrow in reply")
            << "re:^(\\w+)=>{1}=>" << int(MatchKind::Regex) << "^(\\w+)"
            << "{1}=>" << false;
        QTest::newRow("hex both") << "hex:01 03 *=>hex:01 83 {1}" << int(MatchKind::HexPattern)
                                  << "01 03 *"
                                  << "01 83 {1}" << true;
        QTest::newRow("any") << "any:=>{0}" << int(MatchKind::Any) << ""
                             << "{0}" << false;
        QTest::newRow("contains prefix keeps a literal re:")
            << "contains:re:x=>y" << int(MatchKind::Contains) << "re:x"
            << "y" << false;
        QTest::newRow("empty reply") << "quiet=>" << int(MatchKind::Contains) << "quiet"
                                     << "" << false;
    }
    void ruleLines() {
        QFETCH(QString, line);
        QFETCH(int, kind);
        QFETCH(QString, pattern);
        QFETCH(QString, reply);
        QFETCH(bool, hexReply);
        auto r = parseRuleLine(line.toStdString());
        QVERIFY2(r, r ? "" : r.error().message().c_str());
        QCOMPARE(int(r->match), kind);
        QCOMPARE(QString::fromStdString(r->pattern), pattern);
        QCOMPARE(QString::fromStdString(r->reply), reply);
        QCOMPARE(r->replySyntax == TemplateSyntax::Hex, hexReply);
        QVERIFY(r->enabled);
        QVERIFY(!r->once);
        QCOMPARE(r->delayMs, 0u);
    }

    void badRuleLines_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("no arrow") << "PING"
                                  << "parse rule \"PING\": expected PATTERN=>REPLY, e.g. ";
        QTest::newRow("any with pattern") << "any:x=>y"
                                          << "parse rule \"any:x=>y\": \"any:\" takes no pattern";
        QTest::newRow("bad regex") << "re:(=>y"
                                   << "parse rule \"re:(=>y\": pattern: position 1: missing "
                                      "closing parenthesis";
        QTest::newRow("empty pattern") << "=>y"
                                       << "parse rule \"=>y\": pattern: empty (use \"any\"";
    }
    void badRuleLines() {
        QFETCH(QString, line);
        QFETCH(QString, message);
        auto r = parseRuleLine(line.toStdString());
        QVERIFY(!r);
        const QString got = QString::fromStdString(r.error().message());
        QVERIFY2(got.startsWith(message), qPrintable(got));
    }
};

QTEST_APPLESS_MAIN(TestResponder)
#include "test_responder.moc"
