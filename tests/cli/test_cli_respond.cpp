// socklab-cli's responders: --reply rules with --frame on listen, udp and unix, answered to
// python3 peers; --reply-delay/--reply-once placement; --echo after the rules; the hit summary
// of -v; and the usage errors of bad rules and framings.
#include "cli/support/cli_process.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace cli_test;

namespace {

QByteArray runPython(const char* script, const QStringList& args) {
    QProcess py;
    py.start("python3", QStringList{"-c", script} + args);
    if (!py.waitForFinished(kTimeoutMs)) {
        py.kill();
        return "python timed out";
    }
    return py.readAllStandardOutput().trimmed() + py.readAllStandardError().trimmed();
}

} // namespace

class TestCliRespond : public QObject {
    Q_OBJECT

private slots:
    void listenAnswersByRules() {
        QProcess cli;
        QByteArray err;
        const QString port = startCliOnLoopback(
            cli,
            {"listen", "-v", "--once", "--frame", "crlf", "--reply", "start:AT=>OK\\r\\n",
             "--reply-once", "--reply", "re:^SET (\\w+)=(\\d+)=>{1} is {2}\\r\\n", "--reply-delay",
             "100", "--reply", "hex:ff *=>hex:fe {1}", "--echo", "127.0.0.1:0"},
            err);
        QVERIFY2(!port.isEmpty(), err.constData());
        const char* script = R"(
import socket, sys, time
c = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
c.sendall(b"AT\r\nAT\r\nSET vol"); time.sleep(0.05); c.sendall(b"=7\r\n\xff\x01\r\n")
c.shutdown(socket.SHUT_WR)
got = b""
while True:
    d = c.recv(65536)
    if not d: break
    got += d
print(got.hex())
)";
        // AT once -> OK; the second AT falls through to the echo rule; SET after 100 ms; the
        // hex rule answers at once (so before SET); then FIN, as echo does.
        const QByteArray got = QByteArray::fromHex(runPython(script, {port}));
        QCOMPARE(got, QByteArray("OK\r\nAT\r\n\xfe\x01\r\nvol is 7\r\n"));
        QVERIFY(cli.waitForFinished(kTimeoutMs));
        QCOMPARE(cli.exitCode(), 0);
        err += cli.readAllStandardError();
        QVERIFY2(err.contains("rule 1 \"start:AT\": 1 match"), err.constData());
        QVERIFY2(err.contains("rule 2 \"re:^SET (\\w+)=(\\d+)\": 1 match"), err.constData());
        QVERIFY2(err.contains("rule 3 \"hex:ff *\": 1 match"), err.constData());
        QVERIFY2(err.contains("rule 4 \"echo\": 1 match"), err.constData());
    }

    void udpAnswersEachSender() {
        QProcess cli;
        QByteArray err;
        const QString port =
            startCliOnLoopback(cli,
                               {"udp", "--bind", "127.0.0.1:0", "--count", "2", "--reply",
                                "hex:01 03 ?? ??=>hex:01 03 02 {1} {2} {crc16-modbus}"},
                               err);
        QVERIFY2(!port.isEmpty(), err.constData());
        const char* script = R"(
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(10)
s.sendto(bytes.fromhex("01030a0b"), ("127.0.0.1", int(sys.argv[1])))
print(s.recv(100).hex())
)";
        // CRC-16/MODBUS over 01 03 02 0a 0b, low byte first (independent: python below).
        const QByteArray got = runPython(script, {port});
        const char* crc = R"(
d = bytes.fromhex("0103020a0b"); c = 0xffff
for b in d:
    c ^= b
    for _ in range(8):
        c = (c >> 1) ^ 0xA001 if c & 1 else c >> 1
print((d + bytes([c & 0xff, c >> 8])).hex())
)";
        QCOMPARE(got, runPython(crc, {}));
        cli.kill();
        cli.waitForFinished(kTimeoutMs);
    }

    void verboseSummaryCountsEveryMatch() {
        QProcess cli;
        QByteArray err;
        const QString port = startCliOnLoopback(
            cli, {"udp", "-v", "--bind", "127.0.0.1:0", "--count", "3", "--reply", "any:=>ok"},
            err);
        QVERIFY2(!port.isEmpty(), err.constData());
        const char* script = "import socket,sys\n"
                             "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                             "s.settimeout(10)\n"
                             "for i in range(3):\n"
                             "    s.sendto(b'm%d' % i,('127.0.0.1',int(sys.argv[1])))\n"
                             "    s.recv(100)\n"
                             "print('ok')\n";
        QCOMPARE(runPython(script, {port}), QByteArray("ok"));
        QVERIFY(cli.waitForFinished(kTimeoutMs));
        QCOMPARE(cli.exitCode(), 0);
        err += cli.readAllStandardError();
        // The last matches came within the engine's 100 ms reporting interval: still counted.
        QVERIFY2(err.contains("rule 1 \"any:\": 3 matches"), err.constData());
    }

    void runSequencesSaysWhetherEveryReplyCame() {
        // A device on python3: answers "PING n" lines with "PONG n".
        QProcess device;
        const QString port = startPython(device, "import socket\n"
                                                 "s=socket.socket()\n"
                                                 "s.bind(('127.0.0.1',0))\n"
                                                 "s.listen(2)\n"
                                                 "print(s.getsockname()[1],flush=True)\n"
                                                 "s.settimeout(20)\n"
                                                 "for _ in range(2):\n"
                                                 "    c,_=s.accept()\n"
                                                 "    f=c.makefile('rb')\n"
                                                 "    for l in f:\n"
                                                 "        if l.startswith(b'PING'):\n"
                                                 "            c.sendall(b'PONG '+l[5:])\n"
                                                 "    c.close()\n");
        QVERIFY(!port.isEmpty());
        QTemporaryDir dir;
        const auto workspace = [&](const QString& lastStep) {
            const QString path = dir.filePath(QString("ws%1.json").arg(lastStep.size()));
            QFile f(path);
            f.open(QIODevice::WriteOnly);
            f.write(QString("{\"format\": \"socklab-workspace\", \"version\": 1, \"tabs\": [{"
                            "\"title\": \"dev\", \"family\": \"AF_INET\", \"type\": "
                            "\"SOCK_STREAM\", \"role\": \"connect\", \"remote\": "
                            "\"127.0.0.1:%1\", \"responders\": {\"framing\": \"lf\"}, "
                            "\"sequences\": [{\"name\": \"check\", \"steps\": [\"repeat 3\", "
                            "\"send PING {seq}\\\\n\", \"expect:re ^PONG (\\\\d+) within 2000\", "
                            "\"end\", \"%2\"]}]}]}")
                        .arg(port, lastStep)
                        .toUtf8());
            return path;
        };
        const Outcome good = runCli({"run", workspace("expect PONG within 2000"), "--sequences"});
        QCOMPARE(good.exitCode, 1); // the last expect has nothing to answer: no PING before it
        QVERIFY2(good.err.contains("[dev] sequence \"check\": step 5: expected contains \"PONG\" "
                                   "within 2000 ms, none came"),
                 good.err.constData());
        QCOMPARE(good.out.count("data 7 bytes: PING "), 3);
        const Outcome ok = runCli({"run", workspace("send PING {1}\\\\n"), "--sequences"});
        QCOMPARE(ok.exitCode, 0);
        QVERIFY2(
            ok.err.contains("[dev] sequence \"check\": finished: 4 sent, 3 expected replies met"),
            ok.err.constData());
        QVERIFY2(ok.out.contains("data 7 bytes: PING 3\\n"), ok.out.constData());
        device.kill();
        device.waitForFinished(kTimeoutMs);
    }

    void badRulesAreUsageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no arrow") << QStringList{"listen", "--reply", "PING", "127.0.0.1:0"}
                                  << "parse rule \"PING\": expected PATTERN=>REPLY";
        QTest::newRow("bad regex") << QStringList{"listen", "--reply", "re:(=>x", "127.0.0.1:0"}
                                   << "parse rule \"re:(=>x\": pattern: position 1: missing "
                                      "closing parenthesis";
        QTest::newRow("bad template")
            << QStringList{"listen", "--reply", "a=>{nope}", "127.0.0.1:0"}
            << "parse rule \"a=>{nope}\": reply: position 0: ";
        QTest::newRow("delay first") << QStringList{"listen", "--reply-delay", "5", "127.0.0.1:0"}
                                     << "parse arguments --reply-delay: applies to the --reply "
                                        "before it";
        QTest::newRow("bad delay")
            << QStringList{"listen", "--reply", "a=>b", "--reply-delay", "soon", "127.0.0.1:0"}
            << "--reply-delay";
        QTest::newRow("bad frame")
            << QStringList{"udp", "--bind", "127.0.0.1:0", "--reply", "a=>b", "--frame", "len:3"}
            << "parse framing \"len:3\"";
        QTest::newRow("frame without rules")
            << QStringList{"listen", "--frame", "lf", "127.0.0.1:0"}
            << "parse arguments --frame: frames messages for --reply rules";
    }
    void badRulesAreUsageErrors() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Outcome o = runCli(args);
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(QString::fromUtf8(o.err).contains(message), o.err.constData());
    }
};

QTEST_APPLESS_MAIN(TestCliRespond)
#include "test_cli_respond.moc"
