// Responders on real sockets, answered to peers the project did not write (python3): every
// match kind with captures and a checksum over TCP with messages split and merged across
// writes, delays and their order, once, idle-gap framing, 200 clients at once, UDP senders
// (several messages in one datagram), rules changed while running, hit counts, and refusals.

#include "core/engine/engine.h"
#include "core/support/bytes.h"
#include "core/support/engine_harness.h"
#include "core/support/python_peer.h"

#include <QTemporaryDir>
#include <QTest>
#include <netinet/in.h>
#include <sys/socket.h>

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

FramingSpec lineFraming() {
    FramingSpec f;
    f.mode = FramingMode::Delimiter;
    f.delimiter = bytesOf("\n");
    return f;
}

std::optional<EngineHarness::Listener> listenWith(EngineHarness& h, ResponderConfig config) {
    OpenSession req = openRequest(AF_INET, SOCK_STREAM, 0, Role::Listen, "127.0.0.1:0");
    req.responders = std::move(config);
    return h.listen(req);
}

// A client that sends its argv chunks (hex) with a pause between them, then reads until it has
// `want` bytes (or 5 s pass) and prints them in hex with the seconds it took.
const char* kChunkClient = R"(
import socket, sys, time
port, want, pause = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
s = socket.create_connection(('127.0.0.1', port))
t0 = time.monotonic()
for chunk in sys.argv[4:]:
    s.sendall(bytes.fromhex(chunk))
    time.sleep(pause)
s.settimeout(5)
got = b''
try:
    while len(got) < want:
        part = s.recv(65536)
        if not part:
            break
        got += part
except socket.timeout:
    pass
print(got.hex(), flush=True)
print('%.3f' % (time.monotonic() - t0), flush=True)
)";

QByteArray hexOf(const QByteArray& text) {
    return text.toHex();
}

/// Waits for a RuleHits event of session s whose hits equal want.
bool waitHits(EngineHarness& h, SessionId s, const std::vector<std::uint64_t>& want,
              int timeout_ms = 10000) {
    return h
        .waitFor(
            [&](const EngineEvent& e) {
                return e.session == s && e.kind == EngineEvent::Kind::RuleHits &&
                       e.ruleHits == want;
            },
            timeout_ms)
        .has_value();
}

} // namespace

class TestEngineResponders : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!PythonPeer::available()) {
            QSKIP("python3 is needed for the peers");
        }
    }

    void everyMatchKindOverSplitAndMergedTcpWrites() {
        EngineHarness h;
        ResponderConfig config;
        config.framing = lineFraming();
        config.rules.push_back(rule(MatchKind::StartsWith, "AT", "OK {seq}\\r\\n"));
        config.rules.push_back(rule(MatchKind::Regex, "^GET (\\S+) v(\\d)", "{2}:{1} {len}\\n"));
        config.rules.push_back(rule(MatchKind::HexPattern, "01 03 ?? *",
                                    "01 83 {1} {crc16-modbus} 0a", TemplateSyntax::Hex));
        config.rules.push_back(rule(MatchKind::Contains, "PING", "PONG\\n"));
        auto l = listenWith(h, config);
        QVERIFY(l);
        // Messages split inside and merged across writes: "AT+X\n" "GET /a v2\n" "\x01\x03\x07\n"
        // "xx PING\n" "AT\n" (the second AT is OK 2).
        const QByteArray stream = QByteArray("AT+X\nGET /a v2\n\x01\x03\x07\nxx PING\nAT\n");
        const QStringList chunks{hexOf(stream.mid(0, 2)), hexOf(stream.mid(2, 10)),
                                 hexOf(stream.mid(12, 8)), hexOf(stream.mid(20))};
        PythonPeer peer(kChunkClient, QStringList{QString::number(l->port), "31", "0.05"} + chunks);
        QVERIFY(peer.start());
        // The Modbus reply: 01 83 07, then the CRC over those three bytes, then 0a.
        QByteArray want = "OK 1\r\n2:/a 10\n";
        want += QByteArray::fromHex("018307");
        const QByteArray got = QByteArray::fromHex(peer.readLine(15000));
        QVERIFY2(got.startsWith(want), got.toHex().constData());
        // CRC-16/MODBUS of 01 83 07, computed here independently (reflected poly 0xA001).
        std::uint16_t crc = 0xffff;
        for (char c : QByteArray::fromHex("018307")) {
            crc ^= static_cast<std::uint8_t>(c);
            for (int i = 0; i < 8; ++i) {
                crc = (crc & 1) ? (crc >> 1) ^ 0xa001 : crc >> 1;
            }
        }
        want += char(crc & 0xff);
        want += char(crc >> 8);
        want += "\nPONG\nOK 2\r\n";
        QCOMPARE(got, want);
        QCOMPARE(peer.finish(10000), 0);
        QVERIFY(waitHits(h, l->session, {2, 1, 1, 1}));
    }

    void delayedReplyComesLaterAndInDueOrder() {
        EngineHarness h;
        ResponderConfig config;
        config.framing = lineFraming();
        config.rules.push_back(rule(MatchKind::Contains, "slow", "slow\\n"));
        config.rules.back().delayMs = 400;
        config.rules.push_back(rule(MatchKind::Contains, "fast", "fast\\n"));
        auto l = listenWith(h, config);
        QVERIFY(l);
        PythonPeer peer(kChunkClient,
                        {QString::number(l->port), "10", "0", hexOf("slow\n"), hexOf("fast\n")});
        QVERIFY(peer.start());
        QCOMPARE(QByteArray::fromHex(peer.readLine(15000)), QByteArray("fast\nslow\n"));
        const double seconds = peer.readLine(5000).toDouble();
        QVERIFY2(seconds >= 0.38, QByteArray::number(seconds).constData());
        QCOMPARE(peer.finish(10000), 0);
    }

    void onceAnswersOnlyTheFirstMatch() {
        EngineHarness h;
        ResponderConfig config;
        config.framing = lineFraming();
        config.rules.push_back(rule(MatchKind::Contains, "hello", "welcome\\n"));
        config.rules.back().once = true;
        config.rules.push_back(rule(MatchKind::Contains, "hello", "again {seq}\\n"));
        auto l = listenWith(h, config);
        QVERIFY(l);
        PythonPeer peer(kChunkClient, {QString::number(l->port), "24", "0.02", hexOf("hello\n"),
                                       hexOf("hello\n"), hexOf("hello\n")});
        QVERIFY(peer.start());
        QCOMPARE(QByteArray::fromHex(peer.readLine(15000)),
                 QByteArray("welcome\nagain 1\nagain 2\n"));
        QCOMPARE(peer.finish(10000), 0);
        QVERIFY(waitHits(h, l->session, {1, 2}));
    }

    void idleGapEndsMessages() {
        EngineHarness h;
        ResponderConfig config;
        config.framing.mode = FramingMode::IdleGap;
        config.framing.idleMs = 400;
        config.rules.push_back(rule(MatchKind::Any, "", "[{0}]"));
        auto l = listenWith(h, config);
        QVERIFY(l);
        // "ab" and "cd" 10 ms apart are one message; after 1.5 s of silence "ef" is another
        // (wide margins: a loaded 2-core machine under a sanitizer is slow).
        const char* script = R"(
import socket, sys, time
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
s.sendall(b'ab'); time.sleep(0.01); s.sendall(b'cd'); time.sleep(1.5); s.sendall(b'ef')
s.settimeout(5)
got = b''
while len(got) < 10:
    got += s.recv(100)
print(got.decode(), flush=True)
)";
        PythonPeer peer(script, {QString::number(l->port)});
        QVERIFY(peer.start());
        QCOMPARE(peer.readLine(15000), QByteArray("[abcd][ef]"));
        QCOMPARE(peer.finish(10000), 0);
    }

    void twoHundredClientsAtOnce() {
        EngineHarness h;
        ResponderConfig config;
        config.framing = lineFraming();
        config.rules.push_back(rule(MatchKind::Regex, "^PING (\\d+)$", "PONG {1}\\n"));
        auto l = listenWith(h, config);
        QVERIFY(l);
        // 200 connections open together, then every one sends, then every one reads.
        const char* script = R"(
import socket, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
socks = [socket.create_connection(('127.0.0.1', port)) for _ in range(n)]
for i, s in enumerate(socks):
    s.sendall(b'PING %d\n' % i)
ok = 0
for i, s in enumerate(socks):
    s.settimeout(10)
    want = b'PONG %d\n' % i
    got = b''
    while len(got) < len(want):
        part = s.recv(100)
        if not part:
            break
        got += part
    ok += got == want
print(ok, flush=True)
for s in socks:
    s.close()
)";
        PythonPeer peer(script, {QString::number(l->port), "200"});
        QVERIFY(peer.start());
        QCOMPARE(peer.readLine(60000), QByteArray("200"));
        QCOMPARE(peer.finish(30000), 0);
        QVERIFY(waitHits(h, l->session, {200}));
    }

    void udpSendersAreAnsweredEachAtItsAddress() {
        EngineHarness h;
        OpenSession req = openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "127.0.0.1:0");
        req.responders.framing = lineFraming();
        req.responders.rules.push_back(rule(MatchKind::Regex, "^(\\w+)\\?", "{1}!\\n"));
        const SessionId s = h.engine.open(req);
        auto bound = h.waitState(s, 0, SessionState::Bound);
        QVERIFY(bound);
        // Two senders; the second puts two messages in one datagram (framed on their own),
        // and a datagram with no match gets nothing.
        const char* script = R"(
import socket, sys
addr = ('127.0.0.1', int(sys.argv[1]))
a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); a.settimeout(5)
b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); b.settimeout(5)
a.sendto(b'nothing here\n', addr)
a.sendto(b'who?\n', addr)
b.sendto(b'what?\nwhy?\n', addr)
print(a.recv(100).decode().strip(), flush=True)
print(b.recv(100).decode().strip(), b.recv(100).decode().strip(), flush=True)
)";
        PythonPeer peer(script, {QString::number(portOf(bound->local))});
        QVERIFY(peer.start());
        QCOMPARE(peer.readLine(15000), QByteArray("who!"));
        QCOMPARE(peer.readLine(15000), QByteArray("what! why!"));
        QCOMPARE(peer.finish(10000), 0);
        QVERIFY(waitHits(h, s, {3}));
    }

    void udpNeverAnswersItself() {
        EngineHarness h;
        OpenSession req = openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "127.0.0.1:0");
        req.responders.rules.push_back(rule(MatchKind::Any, "", "{0}"));
        const SessionId s = h.engine.open(req);
        auto bound = h.waitState(s, 0, SessionState::Bound);
        QVERIFY(bound);
        SendData self;
        self.session = s;
        self.bytes = bytesOf("loop?");
        self.destination = bound->local;
        h.engine.post(self);
        auto warning = h.waitKind(s, EngineEvent::Kind::Warning);
        QVERIFY(warning);
        QVERIFY2(warning->text.find("own address") != std::string::npos, warning->text.c_str());
        QTest::qWait(300);
        h.pump();
        // One datagram out, the same one in; no answer to it.
        auto store = h.engine.store(s);
        QCOMPARE(dataRecords(*store, Direction::Out).size(), std::size_t{1});
        QCOMPARE(dataRecords(*store, Direction::In).size(), std::size_t{1});
    }

    void connectedUdpAnswersItsPeer() {
        EngineHarness h;
        // The peer waits for our hello, then sends "ping" to where it came from and prints the
        // answer.
        const char* script = "import socket\n"
                             "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                             "s.bind(('127.0.0.1',0))\n"
                             "print(s.getsockname()[1],flush=True)\n"
                             "s.settimeout(10)\n"
                             "d,a=s.recvfrom(100)\n"
                             "s.sendto(b'ping',a)\n"
                             "print(s.recv(100).decode(),flush=True)\n";
        PythonPeer peer(script);
        QVERIFY(peer.start());
        const QByteArray port = peer.readLine(15000);
        OpenSession req = openRequest(AF_INET, SOCK_DGRAM, 0, Role::Connect, "",
                                      "127.0.0.1:" + port.toStdString());
        req.responders.rules.push_back(rule(MatchKind::Contains, "ping", "pong"));
        const SessionId s = h.engine.open(req);
        QVERIFY(h.waitState(s, 0, SessionState::Connected));
        SendData hello;
        hello.session = s;
        hello.bytes = bytesOf("hello");
        h.engine.post(hello);
        QCOMPARE(peer.readLine(15000), QByteArray("pong"));
        QCOMPARE(peer.finish(10000), 0);
        QVERIFY(h.errors(s).empty());
    }

    void unboundUnixSenderIsCountedNotAnswered() {
        EngineHarness h;
        QTemporaryDir dir;
        const std::string path = dir.filePath("s.sock").toStdString();
        OpenSession req = openRequest(AF_UNIX, SOCK_DGRAM, 0, Role::Bind, path);
        req.responders = ResponderConfig::echo();
        const SessionId s = h.engine.open(req);
        QVERIFY(h.waitState(s, 0, SessionState::Bound));
        const char* script = "import socket,sys\n"
                             "c=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\n"
                             "for _ in range(3): c.sendto(b'x',sys.argv[1])\n"
                             "print('sent',flush=True)\n";
        PythonPeer peer(script, {QString::fromStdString(path)});
        QVERIFY(peer.start());
        QCOMPARE(peer.readLine(15000), QByteArray("sent"));
        QCOMPARE(peer.finish(10000), 0);
        auto warning = h.waitKind(s, EngineEvent::Kind::Warning);
        QVERIFY(warning);
        QVERIFY2(warning->text.find("without an address") != std::string::npos,
                 warning->text.c_str());
        QVERIFY(waitHits(h, s, {3}));
        const auto errors = h.errors(s);
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().error->message().c_str());
    }

    void rulesChangeWhileRunning() {
        EngineHarness h;
        auto l = h.listenTcp();
        QVERIFY(l);
        // The client sends one line, waits for a go on stdin, sends another, prints replies.
        const char* script = R"(
import socket, sys
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
s.sendall(b'one\n')
print('sent', flush=True)
sys.stdin.readline()
s.sendall(b'two\n')
s.settimeout(5)
print(s.recv(100).decode().strip(), flush=True)
)";
        PythonPeer peer(script, {QString::number(l->port)});
        QVERIFY(peer.start());
        QCOMPARE(peer.readLine(15000), QByteArray("sent"));
        QVERIFY(h.waitKind(l->session, EngineEvent::Kind::RecordsAppended));
        // A bad rule set is refused with the rule named; nothing changes.
        SetResponders bad;
        bad.session = l->session;
        bad.config.rules.push_back(rule(MatchKind::Regex, "(", "x"));
        h.engine.post(bad);
        auto error = h.waitKind(l->session, EngineEvent::Kind::Error);
        QVERIFY(error);
        QCOMPARE(QString::fromStdString(error->error->object), QString("rule 1"));
        SetResponders good;
        good.session = l->session;
        good.config.framing = lineFraming();
        good.config.rules.push_back(rule(MatchKind::Any, "", "got {0}"));
        h.engine.post(good);
        QVERIFY(waitHits(h, l->session, {0}));
        peer.process().write("go\n");
        QCOMPARE(peer.readLine(15000), QByteArray("got two"));
        QCOMPARE(peer.finish(10000), 0);
        QVERIFY(waitHits(h, l->session, {1}));
    }

    void kindsWithoutRespondersAreRefused() {
        EngineHarness h;
        OpenSession relay =
            openRequest(AF_INET, SOCK_STREAM, 0, Role::Relay, "127.0.0.1:0", "127.0.0.1:9");
        relay.responders = ResponderConfig::echo();
        const SessionId s = h.engine.open(relay);
        auto error = h.waitKind(s, EngineEvent::Kind::Error);
        QVERIFY(error);
        QVERIFY2(error->error->message().starts_with("responders "),
                 error->error->message().c_str());
        QVERIFY(h.waitState(s, 0, SessionState::Failed));
    }
};

QTEST_APPLESS_MAIN(TestEngineResponders)
#include "test_engine_responders.moc"
