// socklab-cli import: the conversation table, one conversation raw / --from / --log / --hex,
// and exit status 2 with a clear message for bad command lines and files that are not captures.
// The captures are written by libpcap (pcap_dump) from hand-built packets.
#include "cli/support/cli_process.h"
#include "core/support/bytes.h"
#include "core/support/packet_builder.h"
#include "core/support/pcap_writer.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>

using namespace cli_test;
using namespace socklab;
using namespace socklab::test;

namespace {

constexpr std::int64_t kT0 = 1'700'000'000'000'000'000;

// Conversation 1: TCP 192.0.2.1:40000 -> 192.0.2.2:7000, "hello\n" then "world\n", 50 bytes
// of the server's stream never captured (the client acknowledges them), "tail", FIN both ways.
// Conversation 2: UDP, one datagram each way.
QString writeSample(const QTemporaryDir& dir) {
    const char* c = "192.0.2.1";
    const char* s = "192.0.2.2";
    const std::uint32_t ci = 100;
    const std::uint32_t si = 900;
    std::vector<CaptureFrame> f;
    std::int64_t t = kT0;
    const auto add = [&](Packet p) { f.push_back({std::move(p), t += 1000, 0}); };
    namespace F = TcpFlag;
    add(tcpPacket(c, 40000, s, 7000, ci, 0, F::Syn));
    add(tcpPacket(s, 7000, c, 40000, si, ci + 1, F::Syn | F::Ack));
    add(tcpPacket(c, 40000, s, 7000, ci + 1, si + 1, F::Ack));
    add(tcpPacket(c, 40000, s, 7000, ci + 1, si + 1, F::Ack | F::Psh, "hello\n"));
    add(tcpPacket(s, 7000, c, 40000, si + 1, ci + 7, F::Ack | F::Psh, "world\n"));
    add(tcpPacket(s, 7000, c, 40000, si + 57, ci + 7, F::Ack | F::Psh, "tail"));
    add(tcpPacket(c, 40000, s, 7000, ci + 7, si + 61, F::Ack | F::Fin));
    add(tcpPacket(s, 7000, c, 40000, si + 61, ci + 8, F::Ack | F::Fin));
    add(tcpPacket(c, 40000, s, 7000, ci + 8, si + 62, F::Ack));
    add(udpPacket(c, 5000, s, 53, bytesOf("query")));
    add(udpPacket(s, 53, c, 5000, bytesOf("answer!")));
    const QString path = dir.filePath("sample.pcap");
    const QString error = writeCapture(path, LinkFraming::Ethernet, f);
    return error.isEmpty() ? path : QString();
}

} // namespace

class TestCliImport : public QObject {
    Q_OBJECT

private slots:
    void listsConversations() {
        QTemporaryDir dir;
        const QString file = writeSample(dir);
        QVERIFY(!file.isEmpty());
        const Outcome o = runCli({"import", file});
        QCOMPARE(o.exitCode, 0);
        const QStringList lines = QString::fromUtf8(o.out).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), file + ": EN10MB (Ethernet), 11 packets, 2 conversations");
        QVERIFY2(lines.value(1).startsWith("#  proto  client -> server"), qPrintable(lines[1]));
        const QRegularExpression tcp(
            R"(^1  TCP    192\.0\.2\.1:40000 -> 192\.0\.2\.2:7000 +9 +6 +10 +0\.008 ms  )"
            R"(handshake, FIN both ways, 1 gap \(50 bytes\), 1 segment out of order$)");
        QVERIFY2(tcp.match(lines.value(2)).hasMatch(), qPrintable(lines.value(2)));
        const QRegularExpression udp(
            R"(^2  UDP    192\.0\.2\.1:5000 -> 192\.0\.2\.2:53 +2 +5 +7 +0\.001 ms$)");
        QVERIFY2(udp.match(lines.value(3)).hasMatch(), qPrintable(lines.value(3)));
        QCOMPARE(lines.size(), 4);
    }

    void printsOneConversation() {
        QTemporaryDir dir;
        const QString file = writeSample(dir);
        QVERIFY(!file.isEmpty());
        // Raw: both directions' bytes in delivery order; the gap is not filled with anything.
        Outcome o = runCli({"import", file, "--conversation", "1"});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.out, QByteArray("hello\nworld\ntail"));
        QVERIFY2(
            o.err.contains("conversation 1: TCP 192.0.2.1:40000 -> 192.0.2.2:7000 "
                           "(handshake, FIN both ways, 1 gap (50 bytes), 1 segment out of order)"),
            o.err.constData());
        o = runCli({"import", file, "-c", "1", "--from", "client"});
        QCOMPARE(o.out, QByteArray("hello\n"));
        o = runCli({"import", file, "-c", "1", "--from", "server"});
        QCOMPARE(o.out, QByteArray("world\ntail"));
        // -v: the events on stderr, the bytes still alone on stdout.
        o = runCli({"import", file, "-c", "1", "-v"});
        QCOMPARE(o.out, QByteArray("hello\nworld\ntail"));
        QVERIFY2(o.err.contains("info: gap server->client: 50 bytes missing at seq 7 (not "
                                "captured)"),
                 o.err.constData());

        o = runCli({"import", file, "-c", "1", "--log"});
        QCOMPARE(o.exitCode, 0);
        const QStringList log = QString::fromUtf8(o.out).split('\n', Qt::SkipEmptyParts);
        const QStringList expected{
            "#0 * 192.0.2.2:7000 connecting: SYN 192.0.2.1:40000 -> 192.0.2.2:7000",
            "#0 * 192.0.2.2:7000 connected: 192.0.2.1:40000 -> 192.0.2.2:7000 (SYN-ACK from "
            "the server)",
            "#0 > data 6 bytes: hello\\n",
            "#0 < data 6 bytes: world\\n",
            "#0 * info: out of order server->client: 4 bytes at seq 57 held until seq 7 arrives",
            // The client's ACK (with its FIN) says the hole was received: reported as a gap
            // with the server's next segment.
            "#0 * half-closed: FIN from the client: the client->server stream ends after 6 bytes",
            "#0 * info: gap server->client: 50 bytes missing at seq 7 (not captured)",
            "#0 < data 4 bytes: tail",
            "#0 * peer-closed: FIN from the server: the server->client stream ends after 60 "
            "bytes",
        };
        QCOMPARE(log.size(), expected.size());
        for (qsizetype i = 0; i < log.size(); ++i) {
            // Drop the local time column ("05:10:45.123456 ").
            QCOMPARE(log[i].mid(log[i].indexOf(' ') + 1), expected[i]);
        }

        o = runCli({"import", file, "-c", "2", "--hex"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.out.contains("> 192.0.2.2:53 data 5 bytes\n  00000000: 7175 6572 79"),
                 o.out.constData());
        QVERIFY2(o.out.contains("< 192.0.2.2:53 data 7 bytes\n  00000000: 616e 7377 6572 21"),
                 o.out.constData());
    }

    void framesAndFiltersOneConversation() {
        QTemporaryDir dir;
        const QString file = writeSample(dir);
        QVERIFY(!file.isEmpty());
        // Messages of 8 bytes: the server's "world\n" is not glued to "tail" across the 50
        // bytes the capture lacks; both end where their stream has a hole or ends.
        Outcome o = runCli({"import", file, "-c", "1", "--frame", "fixed:8", "--log"});
        QCOMPARE(o.exitCode, 0);
        QStringList log = QString::fromUtf8(o.out).split('\n', Qt::SkipEmptyParts);
        for (QString& line : log) {
            line = line.mid(line.indexOf(' ') + 1); // drop the time
        }
        const QStringList framed{
            "#0 * 192.0.2.2:7000 connecting: SYN 192.0.2.1:40000 -> 192.0.2.2:7000",
            "#0 * 192.0.2.2:7000 connected: 192.0.2.1:40000 -> 192.0.2.2:7000 (SYN-ACK from "
            "the server)",
            "#0 * info: out of order server->client: 4 bytes at seq 57 held until seq 7 arrives",
            "#0 > data 6 bytes: hello\\n",
            "#0 * info: the stream ended inside a message: 6 bytes",
            "#0 * half-closed: FIN from the client: the client->server stream ends after 6 bytes",
            "#0 < data 6 bytes: world\\n",
            "#0 * info: message cut short after 6 bytes: the capture lacks the bytes after it "
            "(gap)",
            "#0 * info: gap server->client: 50 bytes missing at seq 7 (not captured)",
            "#0 < data 4 bytes: tail",
            "#0 * info: this message follows bytes that are missing: it may begin inside one",
            "#0 * info: the stream ended inside a message: 4 bytes",
            "#0 * peer-closed: FIN from the server: the server->client stream ends after 60 "
            "bytes",
        };
        QCOMPARE(log, framed);
        // --match: only what matches (events by their text); --no-events: data only.
        o = runCli({"import", file, "-c", "1", "--frame", "lf", "--match", "re:^w", "--no-events"});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.out, QByteArray("world\n"));
        o = runCli({"import", file, "-c", "1", "--match", "l", "--from", "server"});
        QCOMPARE(o.out, QByteArray("world\ntail")); // the client's "hello" has an l too
        o = runCli({"import", file, "-c", "1", "--match", "gap", "--log"});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.out.count('\n'), 1);
        QVERIFY2(o.out.contains("info: gap server->client"), o.out.constData());
        // UDP: every datagram framed alone.
        o = runCli({"import", file, "-c", "2", "--frame", "fixed:4"});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.out, QByteArray("queryanswer!"));
        o = runCli({"import", file, "-c", "2", "--frame", "fixed:4", "--log", "--no-events"});
        QCOMPARE(o.out.count("data 4 bytes"), 2);
        QCOMPARE(o.out.count("data 1 byte"), 1);
        QCOMPARE(o.out.count("data 3 bytes"), 1);
    }

    void badInputExitsWithTwo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no file") << QStringList{"import"}
                                 << "socklab-cli: parse arguments import: a capture FILE is needed";
        QTest::newRow("two files")
            << QStringList{"import", "{sample}", "{sample}"}
            << "socklab-cli: parse arguments import: one capture FILE only (got 2)";
        QTest::newRow("missing file")
            << QStringList{"import", "{dir}/nope.pcap"}
            << "socklab-cli: import {dir}/nope.pcap: No such file or directory (ENOENT)";
        QTest::newRow("not a capture")
            << QStringList{"import", "{dir}/text.txt"}
            << "socklab-cli: import {dir}/text.txt: not a readable pcap or pcapng file (libpcap: ";
        QTest::newRow("cut capture")
            << QStringList{"import", "{dir}/cut.pcap"}
            << "socklab-cli: import {dir}/cut.pcap: truncated packet record at offset ";
        QTest::newRow("cut capture, conversation")
            << QStringList{"import", "{dir}/cut.pcap", "-c", "1"}
            << "socklab-cli: import {dir}/cut.pcap: truncated packet record at offset ";
        QTest::newRow("no such conversation")
            << QStringList{"import", "{sample}", "-c", "3"}
            << "socklab-cli: import {sample}: no conversation 3 (the capture has 2)";
        QTest::newRow("conversation 0")
            << QStringList{"import", "{sample}", "-c", "0"} << "socklab-cli: parse --conversation";
        QTest::newRow("--log without --conversation")
            << QStringList{"import", "{sample}", "--log"}
            << "socklab-cli: parse arguments import: --log needs --conversation N";
        QTest::newRow("bad --from") << QStringList{"import", "{sample}", "-c", "1", "--from", "x"}
                                    << "socklab-cli: parse --from \"x\": expected client or server";
        QTest::newRow("bad --frame")
            << QStringList{"import", "{sample}", "-c", "1", "--frame", "len:3"}
            << "socklab-cli: parse framing \"len:3\": ";
        QTest::newRow("bad --match regex")
            << QStringList{"import", "{sample}", "-c", "1", "--match", "re:a(b"}
            << "socklab-cli: check filter \"a(b\": position 3: ";
        QTest::newRow("bad --match hex")
            << QStringList{"import", "{sample}", "-c", "1", "--match", "hex:01 zz"}
            << "socklab-cli: check filter \"01 zz\": position ";
        QTest::newRow("--match any")
            << QStringList{"import", "{sample}", "-c", "1", "--match", "any:"}
            << "socklab-cli: parse --match \"any:\": \"any:\" matches everything";
        QTest::newRow("--frame without --conversation")
            << QStringList{"import", "{sample}", "--frame", "lf"}
            << "socklab-cli: parse arguments import: --frame needs --conversation N";
        QTest::newRow("unknown option") << QStringList{"import", "{sample}", "--frobnicate"}
                                        << "socklab-cli: parse arguments --frobnicate";
    }

    void badInputExitsWithTwo() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString sample = writeSample(dir);
        QVERIFY(!sample.isEmpty());
        QFile text(dir.filePath("text.txt"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("not a capture at all, just text\n");
        text.close();
        QFile whole(sample);
        QVERIFY(whole.open(QIODevice::ReadOnly));
        QFile cut(dir.filePath("cut.pcap"));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(whole.readAll().chopped(3));
        cut.close();
        for (QString& a : args) {
            a.replace("{sample}", sample).replace("{dir}", dir.path());
        }
        message.replace("{sample}", sample).replace("{dir}", dir.path());
        const Outcome o = runCli(args);
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.startsWith(message.toUtf8()), o.err.constData());
        QVERIFY(o.out.isEmpty());
    }

    void helpExitsWithZero() {
        const Outcome o = runCli({"import", "--help"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY(o.out.contains("usage: socklab-cli import FILE"));
        QVERIFY(o.out.contains("examples:"));
        const Outcome top = runCli({"--help"});
        QVERIFY(top.out.contains("  import "));
    }
};

QTEST_APPLESS_MAIN(TestCliImport)
#include "test_cli_import.moc"
