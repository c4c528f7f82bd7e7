#include "core/workspace/workspace.h"
#include "core/workspace/workspace_json.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace socklab;

namespace {

int familyValue(const char* name) {
    const CatalogEntry* e = familyByName(name);
    return e ? e->value : -1;
}
int typeValue(const char* name) {
    const CatalogEntry* e = typeByName(name);
    return e ? e->value : -1;
}
int protocolValue(const char* name) {
    const CatalogEntry* e = protocolByName(name);
    return e ? e->value : -1;
}

Workspace sampleWorkspace() {
    Workspace ws;
    WorkspaceTab a;
    a.title = "IPv6 listener \xc3\xa9";
    a.spec = {familyValue("AF_INET6"), typeValue("SOCK_STREAM"), protocolValue("IPPROTO_TCP")};
    a.role = Role::Listen;
    a.local = "[::1]:0";
    a.options = {{OptionId::ReuseAddr, 1}, {OptionId::RcvBuf, 65536}, {OptionId::Linger, -1}};
    a.responders = ResponderConfig::echo();
    a.messages = {{"crlf", MessageMode::Escapes, "GET / HTTP/1.0\\r\\n", LineEnding::CrLf},
                  {"quote \"x\"", MessageMode::Text, "line1\nline2\t\"", LineEnding::Cr}};
    ws.tabs.push_back(a);

    WorkspaceTab b;
    b.title = "unix dgram";
    b.spec = {familyValue("AF_UNIX"), typeValue("SOCK_DGRAM"), 0};
    b.role = Role::Bind;
    b.local = "@socklab-test";
    b.destination = "/tmp/peer.sock";
    b.messages = {{"bytes", MessageMode::Hex, "00 ff 7f", LineEnding::None}};
    ws.tabs.push_back(b);

    WorkspaceTab c;
    c.title = "";
    c.spec = {familyValue("AF_INET"), typeValue("SOCK_DGRAM"), protocolValue("IPPROTO_UDP")};
    c.role = Role::Connect;
    c.remote = "localhost:5353";
    c.options = {{OptionId::Broadcast, 0}, {OptionId::MulticastTtl, 4}};
    c.messages = {{"lf", MessageMode::Text, "", LineEnding::Lf}};
    c.multicastGroups = {{"239.1.2.3", "lo"}, {"224.0.0.251", ""}};
    ws.tabs.push_back(c);
    ws.selectedTab = 2;
    return ws;
}

// A minimal valid document with one tab whose JSON body is `tab`.
std::string docWithTab(const std::string& tab) {
    return R"({"format": "socklab-workspace", "version": 1, "tabs": [)" + tab + "]}";
}

const std::string kGoodTab = R"({"family": "AF_INET", "type": "SOCK_STREAM", "role": "connect"})";

} // namespace

class TestWorkspace : public QObject {
    Q_OBJECT

private slots:
    void catalogIsThere() {
        // Everything below depends on the catalog; fail loudly if it is missing.
        QVERIFY(familyValue("AF_INET") > 0);
        QVERIFY(typeValue("SOCK_DGRAM") > 0);
        QVERIFY(protocolValue("IPPROTO_UDP") > 0);
        QVERIFY(findOptionByName("reuseaddr") != nullptr);
    }

    void roundTripInMemory() {
        const Workspace ws = sampleWorkspace();
        const std::string text = serializeWorkspace(ws);
        auto back = parseWorkspace(text, "<memory>");
        QVERIFY2(back.has_value(), back ? "" : back.error().message().c_str());
        QVERIFY(*back == ws);
        // Saving what was loaded gives the same document, byte for byte.
        QCOMPARE(serializeWorkspace(*back), text);
    }

    void documentUsesSymbolicNames() {
        const std::string text = serializeWorkspace(sampleWorkspace());
        for (const char* needle :
             {R"("format": "socklab-workspace")", R"("version": 1)", R"("family": "AF_INET6")",
              R"("type": "SOCK_DGRAM")", R"("protocol": "IPPROTO_UDP")", R"("role": "listen")",
              R"("role": "bind")", R"("name": "reuseaddr")", R"("mode": "escapes")",
              R"("lineEnding": "crlf")", R"("selectedTab": 2)"}) {
            QVERIFY2(text.find(needle) != std::string::npos, needle);
        }
    }

    void roundTripThroughFile() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("w.json").toStdString();
        const Workspace ws = sampleWorkspace();
        auto saved = saveWorkspace(ws, path);
        QVERIFY2(saved.has_value(), saved ? "" : saved.error().message().c_str());
        auto loaded = loadWorkspace(path);
        QVERIFY2(loaded.has_value(), loaded ? "" : loaded.error().message().c_str());
        QVERIFY(*loaded == ws);
        // No temporary file is left behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), qsizetype(1));
    }

    // The one tab <-> open request mapping both front ends use.
    void tabMapsToOpenRequestAndBack() {
        WorkspaceTab tab = sampleWorkspace().tabs.at(0);
        tab.multicastGroups = {{"239.1.2.3", "lo"}, {"ff15::7", ""}};
        const OpenSession r = tabOpenRequest(tab);
        QVERIFY(r.multicastGroups == tab.multicastGroups);
        QCOMPARE(r.spec, tab.spec);
        QCOMPARE(r.role, tab.role);
        QCOMPARE(r.local, tab.local);
        QCOMPARE(r.remote, tab.remote);
        QCOMPARE(r.options.size(), tab.options.size());
        QCOMPARE(r.options.at(1).id, OptionId::RcvBuf);
        QCOMPARE(r.options.at(1).value, 65536);
        QVERIFY(r.responders.isEcho());
        QCOMPARE(r.backlog, OpenSession{}.backlog); // not part of a tab

        WorkspaceTab back;
        back.title = "kept";
        back.messages = {{"m", MessageMode::Hex, "00", LineEnding::None}};
        back.destination = "127.0.0.1:9";
        setTabOpenRequest(back, r);
        WorkspaceTab expected = tab;
        expected.title = "kept";
        expected.messages = back.messages;
        expected.destination = "127.0.0.1:9";
        QVERIFY(back == expected);
        // A saved message's bytes are the shared encoding (Escapes + CrLf: spelled \r\n kept).
        const auto bytes = savedMessageBytes(tab.messages.at(0));
        QVERIFY(bytes.has_value());
        QCOMPARE(std::string(asChars(*bytes)), std::string("GET / HTTP/1.0\r\n\r\n"));
    }

    void emptyWorkspace() {
        auto ws = parseWorkspace(R"({"format":"socklab-workspace","version":1,"tabs":[]})", "<m>");
        QVERIFY2(ws.has_value(), ws ? "" : ws.error().message().c_str());
        QVERIFY(ws->tabs.empty());
        QCOMPARE(ws->selectedTab, 0);
    }

    void protocolDefaultsToZero() {
        auto ws = parseWorkspace(docWithTab(kGoodTab), "<m>");
        QVERIFY2(ws.has_value(), ws ? "" : ws.error().message().c_str());
        QCOMPARE(ws->tabs.at(0).spec.protocol, 0);
        QCOMPARE(ws->tabs.at(0).spec.family, familyValue("AF_INET"));
        QVERIFY(ws->tabs.at(0).role == Role::Connect);
    }

    void syntaxErrorHasLineAndColumn_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad literal on line 4")
            << "{\n  \"format\": \"socklab-workspace\",\n  \"version\": 1,\n  \"tabs\": [ x ]\n}"
            << "load workspace /tmp/w.json: line 4, column 13: syntax error while parsing value "
               "- invalid literal; last read: '\"tabs\": [ x'";
        QTest::newRow("missing comma")
            << "{\n\"format\": \"socklab-workspace\"\n\"version\": 1}"
            << "load workspace /tmp/w.json: line 3, column 9: syntax error while parsing object "
               "- unexpected string literal; expected '}'";
        QTest::newRow("truncated")
            << "{\"format\": \"socklab-workspace\", "
            << "load workspace /tmp/w.json: line 1, column 33: syntax error while parsing object "
               "key - unexpected end of input; expected string literal";
        QTest::newRow("empty file")
            << ""
            << "load workspace /tmp/w.json: line 1, column 1: syntax error while parsing value - "
               "unexpected end of input; expected '[', '{', or a literal";
    }
    void syntaxErrorHasLineAndColumn() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        auto ws = parseWorkspace(text.toStdString(), "/tmp/w.json");
        QVERIFY(!ws.has_value());
        QCOMPARE(QString::fromStdString(ws.error().message()), expected);
    }

    void semanticErrorHasPointer_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const auto tab = [](const std::string& body) {
            return QString::fromStdString(docWithTab(kGoodTab + "," + kGoodTab + "," + body));
        };
        const QString p = "load workspace /tmp/w.json: ";
        QTest::newRow("unknown family")
            << tab(R"({"family": "AF_FOO", "type": "SOCK_STREAM", "role": "connect"})")
            << p + R"(/tabs/2/family: unknown family "AF_FOO")";
        QTest::newRow("unknown type")
            << tab(R"({"family": "AF_INET", "type": "SOCK_FOO", "role": "connect"})")
            << p + R"(/tabs/2/type: unknown type "SOCK_FOO")";
        QTest::newRow("unknown protocol")
            << tab(R"({"family": "AF_INET", "type": "SOCK_STREAM", "protocol": "IPPROTO_FOO",)"
                   R"( "role": "connect"})")
            << p + R"(/tabs/2/protocol: unknown protocol "IPPROTO_FOO")";
        QTest::newRow("unknown role")
            << tab(R"({"family": "AF_INET", "type": "SOCK_STREAM", "role": "accept"})")
            << p + R"(/tabs/2/role: unknown role "accept" (expected connect, listen, bind or relay))";
        QTest::newRow("missing family") << tab(R"({"type": "SOCK_STREAM", "role": "connect"})")
                                        << p + "/tabs/2/family: missing";
        QTest::newRow("family not a string")
            << tab(R"({"family": 2, "type": "SOCK_STREAM", "role": "connect"})")
            << p + "/tabs/2/family: expected string, got number";
        QTest::newRow("echo not a bool")
            << tab(R"({"family": "AF_INET", "type": "SOCK_STREAM", "role": "listen",)"
                   R"( "echo": "yes"})")
            << p + "/tabs/2/echo: expected boolean, got string";
        QTest::newRow("unknown key")
            << tab(R"({"family": "AF_INET", "type": "SOCK_STREAM", "role": "connect",)"
                   R"( "remtoe": "x"})")
            << p + "/tabs/2/remtoe: unknown key";
        QTest::newRow("tab not an object")
            << tab("[]") << p + "/tabs/2: expected object, got array";
        QTest::newRow("unknown option")
            << tab(R"({"family": "AF_INET", "type": "SOCK_STREAM", "role": "connect",)"
                   R"( "options": [{"name": "reuseaddr", "value": 1}, {"name": "nagle",)"
                   R"( "value": 1}]})")
            << p + R"(/tabs/2/options/1/name: unknown option "nagle")";
        QTest::newRow("boolean option out of range")
            << tab(R"({"family": "AF_INET", "type": "SOCK_STREAM", "role": "connect",)"
                   R"( "options": [{"name": "reuseaddr", "value": 2}]})")
            << p + "/tabs/2/options/0/value: option reuseaddr takes 0 or 1, got 2";
        QTest::newRow("option value too big")
            << tab(R"({"family": "AF_INET", "type": "SOCK_STREAM", "role": "connect",)"
                   R"( "options": [{"name": "rcvbuf", "value": 99999999999}]})")
            << p + "/tabs/2/options/0/value: integer out of range";
        QTest::newRow("option value fractional")
            << tab(R"({"family": "AF_INET", "type": "SOCK_STREAM", "role": "connect",)"
                   R"( "options": [{"name": "rcvbuf", "value": 1.5}]})")
            << p + "/tabs/2/options/0/value: expected integer, got number";
        QTest::newRow("message mode")
            << tab(R"({"family": "AF_INET", "type": "SOCK_STREAM", "role": "connect",)"
                   R"( "messages": [{"name": "m", "mode": "base64", "content": ""}]})")
            << p + R"(/tabs/2/messages/0/mode: unknown mode "base64" (expected text, hex or )"
                   R"(escapes))";
        QTest::newRow("line ending")
            << tab(R"({"family": "AF_INET", "type": "SOCK_STREAM", "role": "connect",)"
                   R"( "messages": [{"content": "", "lineEnding": "lf2"}]})")
            << p + R"(/tabs/2/messages/0/lineEnding: unknown line ending "lf2" (expected none, )"
                   R"(lf, cr or crlf))";
        const auto groups = [&](const std::string& list) {
            return tab(R"({"family": "AF_INET", "type": "SOCK_DGRAM", "role": "bind",)"
                       R"( "multicastGroups": )" +
                       list + "}");
        };
        QTest::newRow("groups not an array")
            << groups(R"({"group": "239.1.2.3"})")
            << p + "/tabs/2/multicastGroups: expected array, got object";
        QTest::newRow("group not multicast")
            << groups(R"([{"group": "239.1.2.3"}, {"group": "10.0.0.1"}])")
            << p + R"(/tabs/2/multicastGroups/1/group: "10.0.0.1": not a multicast address )"
                   R"((224.0.0.0/4 or ff00::/8))";
        QTest::newRow("group of the wrong family")
            << groups(R"([{"group": "ff02::1234", "interface": "lo"}])")
            << p + R"(/tabs/2/multicastGroups/0/group: "ff02::1234": an IPv6 group on an IPv4 )"
                   R"(socket)";
        QTest::newRow("group not an address")
            << groups(R"([{"group": "239.1.2.3:5000"}])")
            << p + R"(/tabs/2/multicastGroups/0/group: "239.1.2.3:5000": not a numeric IPv4 )"
                   R"(or IPv6 address (give it without a port))";
        QTest::newRow("group missing")
            << groups(R"([{"interface": "lo"}])") << p + "/tabs/2/multicastGroups/0/group: missing";
        QTest::newRow("group interface not a string")
            << groups(R"([{"group": "239.1.2.3", "interface": 1}])")
            << p + "/tabs/2/multicastGroups/0/interface: expected string, got number";
        QTest::newRow("group unknown key") << groups(R"([{"group": "239.1.2.3", "ttl": 1}])")
                                           << p + "/tabs/2/multicastGroups/0/ttl: unknown key";
        QTest::newRow("root not an object") << "[1, 2]" << p + "(root): expected object, got array";
        QTest::newRow("wrong format")
            << R"({"format": "socat", "version": 1, "tabs": []})"
            << p + R"(/format: not a SockLab workspace (format "socat", expected )"
                   R"("socklab-workspace"))";
        QTest::newRow("missing format")
            << R"({"version": 1, "tabs": []})" << p + "/format: missing";
        QTest::newRow("missing tabs")
            << R"({"format": "socklab-workspace", "version": 1})" << p + "/tabs: missing";
        QTest::newRow("tabs not an array")
            << R"({"format": "socklab-workspace", "version": 1, "tabs": {}})"
            << p + "/tabs: expected array, got object";
        QTest::newRow("selected tab out of range")
            << R"({"format": "socklab-workspace", "version": 1, "selectedTab": 1, "tabs": [)" +
                   QString::fromStdString(kGoodTab) + "]}"
            << p + "/selectedTab: 1 out of range (1 tabs)";
        QTest::newRow("unknown top-level key")
            << R"({"format": "socklab-workspace", "version": 1, "tabs": [], "x~/y": 0})"
            << p + "/x~0~1y: unknown key";
    }
    void semanticErrorHasPointer() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        auto ws = parseWorkspace(text.toStdString(), "/tmp/w.json");
        QVERIFY(!ws.has_value());
        QCOMPARE(QString::fromStdString(ws.error().message()), expected);
    }

    void versionMismatch_data() {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("expected");
        const QString p = "load workspace /tmp/w.json: /version: ";
        QTest::newRow("newer") << "2" << p + "unsupported version 2 (this build reads version 1)";
        QTest::newRow("zero") << "0" << p + "unsupported version 0 (this build reads version 1)";
        QTest::newRow("string") << "\"1\"" << p + "expected integer, got string";
        QTest::newRow("missing") << "" << p + "missing";
    }
    void versionMismatch() {
        QFETCH(QString, version);
        QFETCH(QString, expected);
        // A future version may add keys: the version check must come first.
        const QString text = version.isEmpty() ? R"({"format": "socklab-workspace", "tabs": []})"
                                               : R"({"format": "socklab-workspace", "version": )" +
                                                     version + R"(, "tabs": [], "newThing": true})";
        auto ws = parseWorkspace(text.toStdString(), "/tmp/w.json");
        QVERIFY(!ws.has_value());
        QCOMPARE(QString::fromStdString(ws.error().message()), expected);
    }

    void missingFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("nope.json").toStdString();
        auto ws = loadWorkspace(path);
        QVERIFY(!ws.has_value());
        QCOMPARE(ws.error().message(),
                 "load workspace " + path + ": No such file or directory (ENOENT)");
    }

    void syntaxErrorFromFileNamesThePath() {
        QTemporaryDir dir;
        const QString path = dir.filePath("broken.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\n  \"format\": \"socklab-workspace\",\n  \"version\": 1,,\n}");
        f.close();
        auto ws = loadWorkspace(path.toStdString());
        QVERIFY(!ws.has_value());
        const QString msg = QString::fromStdString(ws.error().message());
        QVERIFY2(msg.startsWith("load workspace " + path + ": line 3, column 16: "),
                 qPrintable(msg));
    }

    void saveIntoMissingFolderFails() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("no/such/dir/w.json").toStdString();
        auto st = saveWorkspace(sampleWorkspace(), path);
        QVERIFY(!st.has_value());
        QCOMPARE(st.error().message(), "save workspace " + path +
                                           ": No such file or directory (ENOENT): create "
                                           "temporary file");
    }

    void multicastGroupsRoundTrip() {
        const Workspace ws = sampleWorkspace();
        const std::string text = serializeWorkspace(ws);
        // Only the tab with groups writes the key; the others stay as older builds wrote them.
        QCOMPARE(QString::fromStdString(text).count("\"multicastGroups\""), 1);
        QVERIFY(text.find(R"("group": "239.1.2.3",)") != std::string::npos);
        QVERIFY(text.find(R"("interface": "lo")") != std::string::npos);
        auto back = parseWorkspace(text, "<memory>");
        QVERIFY2(back.has_value(), back ? "" : back.error().message().c_str());
        QCOMPARE(back->tabs[2].multicastGroups.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(back->tabs[2].multicastGroups[0].group), "239.1.2.3");
        QCOMPARE(QString::fromStdString(back->tabs[2].multicastGroups[0].interface), "lo");
        QCOMPARE(QString::fromStdString(back->tabs[2].multicastGroups[1].group), "224.0.0.251");
        QVERIFY(back->tabs[2].multicastGroups[1].interface.empty());
        QVERIFY(back->tabs[0].multicastGroups.empty());
        // A group list is part of the tab's identity.
        Workspace changed = *back;
        changed.tabs[2].multicastGroups[0].interface = "eth0";
        QVERIFY(!(changed == ws));
        QVERIFY(*back == ws);

        // IPv6 groups (with brackets or a scope) load on an IPv6 tab; the interface is optional.
        auto v6 = parseWorkspace(
            docWithTab(R"({"family": "AF_INET6", "type": "SOCK_DGRAM", "role": "bind",)"
                       R"( "multicastGroups": [{"group": "ff15::1"}, {"group": "[ff02::2]",)"
                       R"( "interface": "lo"}]})"),
            "<m>");
        QVERIFY2(v6.has_value(), v6 ? "" : v6.error().message().c_str());
        QCOMPARE(v6->tabs[0].multicastGroups.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(v6->tabs[0].multicastGroups[1].group), "[ff02::2]");
    }

    // A relay tab keeps its listen/upstream addresses and every relay setting.
    void relayTabRoundTrip() {
        Workspace ws = sampleWorkspace();
        WorkspaceTab relay;
        relay.title = "relay";
        relay.spec = {familyValue("AF_INET"), typeValue("SOCK_DGRAM"),
                      protocolValue("IPPROTO_UDP")};
        relay.role = Role::Relay;
        relay.local = "127.0.0.1:7000";
        relay.remote = "127.0.0.1:9000";
        relay.relay.toServer.lossPercent = 12.5;
        relay.relay.toServer.burst.pGoodToBad = 3;
        relay.relay.toServer.burst.pBadToGood = 40;
        relay.relay.toServer.duplicatePercent = 2;
        relay.relay.toServer.reorderPercent = 5;
        relay.relay.toServer.reorderDepth = 4;
        relay.relay.toServer.delay_ms = 40;
        relay.relay.toServer.jitter_ms = 10;
        relay.relay.toServer.rateBytesPerSec = 1'000'000;
        relay.relay.toServer.corruptPercent = 0.5;
        relay.relay.toServer.truncateBytes = 512;
        relay.relay.toClient.segmentMin = 1;
        relay.relay.toClient.segmentMax = 16;
        relay.relay.toClient.coalesce_ms = 7;
        relay.relay.toClient.stall = true;
        relay.relay.toClient.resetAfterBytes = 1u << 20;
        relay.relay.toClient.slowClose_ms = 250;
        relay.relay.seed = 0xfedcba9876543210ull;
        relay.relay.holdToServer = true;
        relay.relay.idleTimeout_ms = 5000;
        relay.relay.bufferBytes = 65536;
        relay.relay.holdLimit = 50;
        ws.tabs.push_back(relay);

        const std::string text = serializeWorkspace(ws);
        // Only the relay tab writes relay settings.
        QCOMPARE(QString::fromStdString(text).count("\"relay\": {"), 1);
        QVERIFY(text.find(R"("role": "relay")") != std::string::npos);
        auto back = parseWorkspace(text, "<memory>");
        QVERIFY2(back.has_value(), back ? "" : back.error().message().c_str());
        QVERIFY(back->tabs.at(3) == relay);
        QVERIFY(*back == ws);
        // Every setting is part of the tab's identity.
        Workspace changed = *back;
        changed.tabs[3].relay.toClient.stall = false;
        QVERIFY(!(changed == ws));

        // The open request carries the relay settings both ways.
        const OpenSession r = tabOpenRequest(relay);
        QCOMPARE(r.role, Role::Relay);
        QCOMPARE(r.local, relay.local);
        QCOMPARE(r.remote, relay.remote);
        QVERIFY(r.relay == relay.relay);
        WorkspaceTab again;
        setTabOpenRequest(again, r);
        QVERIFY(again.relay == relay.relay);
        QCOMPARE(again.remote, relay.remote);

        // Missing keys are defaults: a relay tab without settings forwards untouched.
        auto bare = parseWorkspace(
            docWithTab(R"({"family": "AF_INET", "type": "SOCK_STREAM", "role": "relay",)"
                       R"( "local": "127.0.0.1:0", "remote": "127.0.0.1:9"})"),
            "<m>");
        QVERIFY2(bare.has_value(), bare ? "" : bare.error().message().c_str());
        QVERIFY(bare->tabs.at(0).relay == RelayConfig{});
    }

    void relayErrorsNameTheField_data() {
        QTest::addColumn<QString>("relay");
        QTest::addColumn<QString>("expected");
        const QString p = "load workspace /tmp/w.json: /tabs/0/relay";
        QTest::newRow("loss above 100") << R"({"toServer": {"lossPercent": 150}})"
                                        << p + "/toServer/lossPercent: 150 out of range (0..100)";
        QTest::newRow("negative delay") << R"({"toClient": {"delayMs": -5}})"
                                        << p + "/toClient/delayMs: -5 out of range (0..3600000)";
        QTest::newRow("loss as text") << R"({"toServer": {"lossPercent": "10%"}})"
                                      << p + "/toServer/lossPercent: expected number, got string";
        QTest::newRow("burst percent")
            << R"({"toServer": {"burst": {"badToGoodPercent": 101}}})"
            << p + "/toServer/burst/badToGoodPercent: 101 out of range (0..100)";
        QTest::newRow("unknown impairment key")
            << R"({"toServer": {"los": 1}})" << p + "/toServer/los: unknown key";
        QTest::newRow("seed negative")
            << R"({"seed": -1})" << p + "/seed: -1 out of range (0..18446744073709551615)";
        QTest::newRow("hold not a boolean")
            << R"({"holdToClient": 1})" << p + "/holdToClient: expected boolean, got number";
        QTest::newRow("zero idle timeout")
            << R"({"idleTimeoutMs": 0})"
            << p + "/idleTimeoutMs: 0: a mapping needs an idle timeout (ms > 0)";
        QTest::newRow("zero buffer")
            << R"({"bufferBytes": 0})" << p + "/bufferBytes: 0: a relay needs a buffer (bytes > 0)";
        QTest::newRow("zero hold limit")
            << R"({"holdLimit": 0})"
            << p + "/holdLimit: 0: the hold queue needs room for a message (> 0)";
        QTest::newRow("relay not an object") << R"([])" << p + ": expected object, got array";
    }
    void relayErrorsNameTheField() {
        QFETCH(QString, relay);
        QFETCH(QString, expected);
        const std::string doc =
            docWithTab(R"({"family": "AF_INET", "type": "SOCK_DGRAM", "role": "relay",)"
                       R"( "local": "127.0.0.1:0", "remote": "127.0.0.1:9", "relay": )" +
                       relay.toStdString() + "}");
        auto ws = parseWorkspace(doc, "/tmp/w.json");
        QVERIFY(!ws.has_value());
        QCOMPARE(QString::fromStdString(ws.error().message()), expected);
    }

    // Settings across fields are checked by the impairment's own validate(), at the object.
    void relayCrossFieldErrorNamesTheImpairment() {
        const std::string doc =
            docWithTab(R"({"family": "AF_INET", "type": "SOCK_STREAM", "role": "relay",)"
                       R"( "relay": {"toClient": {"segmentMin": 9, "segmentMax": 2}}})");
        auto ws = parseWorkspace(doc, "/tmp/w.json");
        QVERIFY(!ws.has_value());
        const QString message = QString::fromStdString(ws.error().message());
        QVERIFY2(message.startsWith("load workspace /tmp/w.json: /tabs/0/relay/toClient: "),
                 qPrintable(message));
        QVERIFY2(message.contains("segment"), qPrintable(message));
    }

    void relaySettingsOnlyOnRelayTabs() {
        auto ws = parseWorkspace(docWithTab(R"({"family": "AF_INET", "type": "SOCK_STREAM",)"
                                            R"( "role": "connect", "relay": {}})"),
                                 "/tmp/w.json");
        QVERIFY(!ws.has_value());
        QCOMPARE(QString::fromStdString(ws.error().message()),
                 R"(load workspace /tmp/w.json: /tabs/0/relay: only a tab with role "relay" has )"
                 R"(relay settings)");
    }

    void demoWorkspaceShape() {
        const Workspace ws = demoWorkspace();
        QCOMPARE(ws.tabs.size(), std::size_t(4));
        const WorkspaceTab& server = ws.tabs[0];
        QVERIFY(server.role == Role::Listen);
        QVERIFY(server.responders.isEcho());
        QCOMPARE(server.local, std::string("127.0.0.1:47001"));
        QCOMPARE(server.spec.type, typeValue("SOCK_STREAM"));
        const WorkspaceTab& client = ws.tabs[1];
        QVERIFY(client.role == Role::Connect);
        QCOMPARE(client.remote, server.local);
        const WorkspaceTab& a = ws.tabs[2];
        const WorkspaceTab& b = ws.tabs[3];
        QCOMPARE(a.spec.type, typeValue("SOCK_DGRAM"));
        QCOMPARE(b.spec.type, typeValue("SOCK_DGRAM"));
        QCOMPARE(a.destination, b.local);
        QCOMPARE(b.destination, a.local);
        QVERIFY(a.local != b.local);
        for (const auto& tab : ws.tabs) {
            QCOMPARE(tab.spec.family, familyValue("AF_INET"));
        }
    }

    void demoWorkspaceRoundTrips() {
        const Workspace ws = demoWorkspace();
        auto back = parseWorkspace(serializeWorkspace(ws), "<demo>");
        QVERIFY2(back.has_value(), back ? "" : back.error().message().c_str());
        QVERIFY(*back == ws);
    }
};

QTEST_APPLESS_MAIN(TestWorkspace)
#include "test_workspace.moc"
