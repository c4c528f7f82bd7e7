// socklab-cli replay: a python3 client/server exchange (TCP and UDP) recorded with tcpdump on lo,
// then each side replayed against a live python3 peer (the exact bytes arrive, the comparison
// says identical, exit 0); synthetic captures written by libpcap for the timing (as recorded,
// --speed x2, --asap, with generous margins), a peer that answers differently (exit 1, first
// differing byte with hex context), and bad command lines, files and peers (exit 2 / 1).
#include "cli/support/cli_process.h"
#include "core/support/packet_builder.h"
#include "core/support/pcap_writer.h"
#include "core/support/tcpdump.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <string>
#include <unistd.h>

using namespace cli_test;
using namespace socklab;
using namespace socklab::test;

namespace {

constexpr std::int64_t kT0 = 1'700'000'000'000'000'000;
constexpr std::int64_t kMs = 1'000'000;

// The recorded protocol: the client says HELLO, the server answers in two sends 50 ms apart,
// the client says BYE and half-closes, the server says CIAO and closes. Each prints what it
// received, in hex. argv[1]: the port (the server: 0 = any; it prints the one it got).
const char* const kPyServer =
    "import socket, sys, time\n"
    "s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
    "s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(1)\n"
    "print(s.getsockname()[1], flush=True)\n"
    "s.settimeout(20)\n"
    "c, _ = s.accept(); c.settimeout(20); f = c.makefile('rb')\n"
    "got = f.readline()\n"
    "c.sendall(b'WELCOME\\n'); time.sleep(0.05); c.sendall(b'DATA 0123456789\\n')\n"
    "got += f.readline()\n"
    "got += f.read()\n"
    "c.sendall(b'CIAO\\n'); c.close()\n"
    "print(got.hex(), flush=True)\n";

const char* const kPyClient =
    "import socket, sys\n"
    "c = socket.create_connection(('127.0.0.1', int(sys.argv[1]))); c.settimeout(20)\n"
    "f = c.makefile('rb')\n"
    "print('connected', flush=True)\n"
    "c.sendall(b'HELLO 1\\n')\n"
    "got = f.readline() + f.readline()\n"
    "c.sendall(b'BYE\\n'); c.shutdown(socket.SHUT_WR)\n"
    "got += f.read()\n"
    "print(got.hex(), flush=True)\n";

// UDP: two pings, each answered with a pong.
const char* const kPyUdpServer =
    "import socket, sys\n"
    "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
    "s.bind(('127.0.0.1', int(sys.argv[1])))\n"
    "print(s.getsockname()[1], flush=True)\n"
    "s.settimeout(20); got = []\n"
    "for i in range(2):\n"
    "    d, a = s.recvfrom(65536); got.append(d.hex()); s.sendto(d.replace(b'ping', b'pong'), a)\n"
    "print(' '.join(got), flush=True)\n";

const char* const kPyUdpClient =
    "import socket, sys\n"
    "c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); c.settimeout(20)\n"
    "c.bind(('127.0.0.1', 0))\n"
    "print('ready', flush=True)\n"
    "got = []\n"
    "for i in (1, 2):\n"
    "    c.sendto(b'ping %d' % i, ('127.0.0.1', int(sys.argv[1])))\n"
    "    d, _ = c.recvfrom(65536); got.append(d.hex())\n"
    "print(' '.join(got), flush=True)\n";

// Timing: reads until EOF and prints the bytes (hex) and the seconds between the arrival of
// the first 4 bytes and of the first 8.
const char* const kPyTimingServer =
    "import socket, time\n"
    "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)\n"
    "print(s.getsockname()[1], flush=True)\n"
    "s.settimeout(20)\n"
    "c, _ = s.accept(); c.settimeout(20); buf = b''; times = []\n"
    "while True:\n"
    "    d = c.recv(65536)\n"
    "    if not d: break\n"
    "    buf += d; times.append((time.monotonic(), len(buf)))\n"
    "t1 = next(t for t, n in times if n >= 4); t2 = next(t for t, n in times if n >= 8)\n"
    "c.close()\n"
    "print(buf.hex(), '%.3f' % (t2 - t1), flush=True)\n";

// Answers one line with a fixed reply (argv[1]), then closes after the client's FIN.
const char* const kPyOneReply = "import socket, sys\n"
                                "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)\n"
                                "print(s.getsockname()[1], flush=True)\n"
                                "s.settimeout(20)\n"
                                "c, _ = s.accept(); c.settimeout(20); f = c.makefile('rb')\n"
                                "got = f.readline(); c.sendall(sys.argv[1].encode())\n"
                                "got += f.read(); c.close()\n"
                                "print(got.hex(), flush=True)\n";

// Answers one line with a fixed reply (argv[1]), then 50 ms later with one more line than that
// (argv[2]); closes after the client's FIN.
const char* const kPyReplyThenMore = "import socket, sys, time\n"
                                     "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)\n"
                                     "print(s.getsockname()[1], flush=True)\n"
                                     "s.settimeout(20)\n"
                                     "c, _ = s.accept(); c.settimeout(20); f = c.makefile('rb')\n"
                                     "got = f.readline(); c.sendall(sys.argv[1].encode())\n"
                                     "time.sleep(0.05); c.sendall(sys.argv[2].encode())\n"
                                     "got += f.read(); c.close()\n"
                                     "print(got.hex(), flush=True)\n";

QString hex(const char* text) {
    return QString::fromLatin1(QByteArray(text).toHex());
}

/// The next line the process prints (bounded); empty on timeout.
QString readLine(QProcess& p, int timeout_ms = kTimeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!p.canReadLine() && t.elapsed() < timeout_ms) {
        if (!p.waitForReadyRead(200) && p.state() != QProcess::Running && !p.canReadLine()) {
            break;
        }
    }
    return QString::fromUtf8(p.readLine()).trimmed();
}

namespace F = TcpFlag;

/// One run of `socklab-cli replay FILE -c INDEX --as server --to 127.0.0.1:0` with the python3
/// client `pyClient` (it prints `ready` first and what it got last) run against its address.
struct ServerSideRun {
    QString problem;   ///< empty when both ran to their end
    QString clientGot; ///< the client's last line
    int exitCode = -1;
    QByteArray out; ///< the CLI's stdout
    QByteArray err; ///< and its stderr
};

ServerSideRun replayServerSide(const QString& file, const QString& index, const char* pyClient,
                               const QString& ready) {
    ServerSideRun r;
    QProcess cli;
    cli.start(cliPath(), {"replay", file, "-c", index, "--as", "server", "--to", "127.0.0.1:0"});
    // Not startCliOnLoopback: the first line says "replaying ... on 127.0.0.1:0".
    const QString at = waitForStderr(
        cli, QRegularExpression("(?:listening on|bound to) 127\\.0\\.0\\.1:(\\d+)"), r.err);
    if (at.isEmpty()) {
        r.problem = "the replay did not say where it waits: " + QString::fromUtf8(r.err);
        return r;
    }
    QProcess peer;
    if (const QString first = startPython(peer, pyClient, {at}); first != ready) {
        r.problem = "the client said " + first + " instead of " + ready;
        return r;
    }
    if (!peer.waitForFinished(kTimeoutMs)) {
        r.problem = "the client did not finish";
        return r;
    }
    r.clientGot = readLine(peer);
    if (!cli.waitForFinished(kTimeoutMs)) {
        r.problem = "the replay did not finish";
        return r;
    }
    r.exitCode = cli.exitCode();
    r.out = cli.readAllStandardOutput();
    r.err += cli.readAllStandardError();
    return r;
}

/// A synthetic TCP conversation 192.0.2.1:40000 -> 192.0.2.2:7000: handshake at 0 ms, then
/// each (ms, fromClient, bytes; a lost one is not in the capture, its bytes are a gap), then
/// FIN both ways (client first; the server's only when serverFin) 10 ms after the last.
struct Message {
    int ms;
    bool fromClient;
    std::string bytes;
    bool lost = false;
};
QString writeTcp(const QString& path, const std::vector<Message>& messages, bool serverFin = true) {
    const char* c = "192.0.2.1";
    const char* s = "192.0.2.2";
    std::uint32_t cs = 101; // next client / server sequence numbers
    std::uint32_t ss = 901;
    std::vector<CaptureFrame> f;
    const auto add = [&](int ms, Packet p) { f.push_back({std::move(p), kT0 + ms * kMs, 0}); };
    add(0, tcpPacket(c, 40000, s, 7000, 100, 0, F::Syn));
    add(0, tcpPacket(s, 7000, c, 40000, 900, 101, F::Syn | F::Ack));
    add(0, tcpPacket(c, 40000, s, 7000, 101, 901, F::Ack));
    int last = 0;
    for (const Message& m : messages) {
        if (m.fromClient) {
            if (!m.lost) {
                add(m.ms, tcpPacket(c, 40000, s, 7000, cs, ss, F::Ack | F::Psh, m.bytes));
            }
            cs += std::uint32_t(m.bytes.size());
        } else {
            if (!m.lost) {
                add(m.ms, tcpPacket(s, 7000, c, 40000, ss, cs, F::Ack | F::Psh, m.bytes));
            }
            ss += std::uint32_t(m.bytes.size());
        }
        last = m.ms;
    }
    add(last + 10, tcpPacket(c, 40000, s, 7000, cs, ss, F::Ack | F::Fin));
    if (serverFin) {
        add(last + 11, tcpPacket(s, 7000, c, 40000, ss, cs + 1, F::Ack | F::Fin));
        add(last + 12, tcpPacket(c, 40000, s, 7000, cs + 1, ss + 1, F::Ack));
    } else {
        add(last + 11, tcpPacket(s, 7000, c, 40000, ss, cs + 1, F::Ack));
    }
    return writeCapture(path, LinkFraming::Ethernet, f);
}

} // namespace

class TestCliReplay : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QStandardPaths::findExecutable("python3").isEmpty()) {
            return;
        }
        QSKIP("python3 is not installed");
    }

    void recordedExchangeReplaysBothSides() {
        if (::geteuid() != 0) {
            QSKIP("tcpdump on lo needs root (capture privileges)");
        }
        if (QStandardPaths::findExecutable("tcpdump").isEmpty()) {
            QSKIP("tcpdump is not installed");
        }
        QTemporaryDir dir;
        const QString file = dir.filePath("lo.pcap");
        // Record: a TCP exchange and a UDP one between python3 peers.
        QProcess server;
        QProcess udpServer;
        const QString port = startPython(server, kPyServer, {"0"});
        const QString udpPort = startPython(udpServer, kPyUdpServer, {"0"});
        QVERIFY(!port.isEmpty() && !udpPort.isEmpty());
        Tcpdump dump;
        QVERIFY2(dump.start(file, "tcp port " + port + " or udp port " + udpPort),
                 dump.errorOutput().constData());
        Outcome client = runPythonCode(QByteArray(kPyClient).replace(
            "int(sys.argv[1])", port.toLatin1())); // runPythonCode takes no arguments
        QCOMPARE(client.exitCode, 0);
        Outcome udpClient =
            runPythonCode(QByteArray(kPyUdpClient).replace("int(sys.argv[1])", udpPort.toLatin1()));
        QCOMPARE(udpClient.exitCode, 0);
        QVERIFY(server.waitForFinished(kTimeoutMs) && udpServer.waitForFinished(kTimeoutMs));
        dump.stop();
        if (dump.droppedByKernel() > 0) {
            QSKIP("tcpdump says the kernel dropped packets (machine too busy)");
        }
        const QString clientGot = hex("WELCOME\nDATA 0123456789\nCIAO\n");
        const QString serverGot = hex("HELLO 1\nBYE\n");
        QVERIFY2(client.out.contains(clientGot.toLatin1()), client.out.constData());
        Outcome list = runCli({"import", file});
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.contains("2 conversations"), list.out.constData());
        const bool tcpFirst = list.out.contains("1  TCP");

        const QString tcpIndex = tcpFirst ? "1" : "2";
        const QString udpIndex = tcpFirst ? "2" : "1";

        // The client side against a new python server: the exact bytes arrive.
        {
            QProcess live;
            const QString livePort = startPython(live, kPyServer, {"0"});
            QVERIFY(!livePort.isEmpty());
            const Outcome o =
                runCli({"replay", file, "-c", tcpIndex, "--to", "127.0.0.1:" + livePort});
            QVERIFY(live.waitForFinished(kTimeoutMs));
            QCOMPARE(readLine(live), serverGot);
            QVERIFY2(o.exitCode == 0, o.out + o.err);
            QVERIFY2(o.out.contains("identical: the server answered 29 bytes"), o.out.constData());
            QVERIFY2(o.out.contains("sent 12 of 12 bytes"), o.out.constData());
            QVERIFY2(o.out.contains("the server closed, as recorded"), o.out.constData());
            QVERIFY2(o.out.contains("data 8 bytes") && o.out.contains("HELLO 1\\n"),
                     o.out.constData()); // records printed as connect --log prints them
        }
        // The server side: the python client gets the recorded answers.
        {
            const ServerSideRun r = replayServerSide(file, tcpIndex, kPyClient, "connected");
            QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
            QCOMPARE(r.clientGot, clientGot);
            QVERIFY2(r.exitCode == 0, r.out + r.err);
            QVERIFY2(r.out.contains("identical: the client answered 12 bytes"), r.out.constData());
        }
        // UDP, client side.
        {
            QProcess live;
            const QString livePort = startPython(live, kPyUdpServer, {"0"});
            const Outcome o =
                runCli({"replay", file, "-c", udpIndex, "--to", "127.0.0.1:" + livePort});
            QVERIFY(live.waitForFinished(kTimeoutMs));
            QCOMPARE(readLine(live), hex("ping 1") + " " + hex("ping 2"));
            QVERIFY2(o.exitCode == 0, o.out + o.err);
            QVERIFY2(o.out.contains("identical: the server answered 12 bytes in 2 messages"),
                     o.out.constData());
        }
        // UDP, server side.
        {
            const ServerSideRun r = replayServerSide(file, udpIndex, kPyUdpClient, "ready");
            QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
            QCOMPARE(r.clientGot, hex("pong 1") + " " + hex("pong 2"));
            QVERIFY2(r.exitCode == 0, r.out + r.err);
            QVERIFY2(r.out.contains("identical: the client answered 12 bytes in 2 messages"),
                     r.out.constData());
        }
    }

    void timingIsRoughlyRespected_data() {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<double>("minSeconds");
        QTest::addColumn<double>("maxSeconds");
        // The recording has 800 ms between the client's two messages.
        QTest::newRow("original") << QStringList{} << 0.6 << 1.6;
        QTest::newRow("x2") << QStringList{"--speed", "x2"} << 0.3 << 0.75;
        QTest::newRow("asap") << QStringList{"--asap"} << 0.0 << 0.25;
    }

    void timingIsRoughlyRespected() {
        QFETCH(QStringList, flags);
        QFETCH(double, minSeconds);
        QFETCH(double, maxSeconds);
        QTemporaryDir dir;
        const QString file = dir.filePath("timed.pcap");
        QCOMPARE(writeTcp(file, {{10, true, "one\n"}, {810, true, "two\n"}}), QString());
        QProcess live;
        const QString port = startPython(live, kPyTimingServer);
        QVERIFY(!port.isEmpty());
        const Outcome o =
            runCli(QStringList{"replay", file, "-c", "1", "--to", "127.0.0.1:" + port} + flags);
        QVERIFY(live.waitForFinished(kTimeoutMs));
        const QStringList got = readLine(live).split(' ');
        QCOMPARE(got.value(0), hex("one\ntwo\n"));
        const double gap = got.value(1).toDouble();
        QVERIFY2(gap >= minSeconds && gap <= maxSeconds, qPrintable(got.value(1)));
        QVERIFY2(o.exitCode == 0, o.out + o.err);
        QVERIFY2(o.out.contains("identical: the server answered 0 bytes"), o.out.constData());
    }

    void differentAnswerIsShown() {
        QTemporaryDir dir;
        const QString file = dir.filePath("get.pcap");
        QCOMPARE(writeTcp(file, {{10, true, "GET\n"}, {20, false, "200 OK\n"}}), QString());
        QProcess live;
        const QString port = startPython(live, kPyOneReply, {"201 OK\n"});
        QVERIFY(!port.isEmpty());
        const Outcome o =
            runCli({"replay", file, "-c", "1", "--to", "127.0.0.1:" + port, "--asap", "-q"});
        QVERIFY(live.waitForFinished(kTimeoutMs));
        QCOMPARE(readLine(live), hex("GET\n"));
        QCOMPARE(o.exitCode, 1);
        QVERIFY2(!o.out.contains("data 4 bytes"), o.out.constData()); // --quiet: no records
        const QStringList lines = QString::fromUtf8(o.out).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), QString("differs: the server answered 7 bytes in 1 message, "
                                         "recorded 7 bytes in 1 message"));
        QCOMPARE(lines.value(1), QString("first difference at byte 2 of the server's stream"));
        QCOMPARE(lines.value(2), QString("  recorded: 32 30 | 30 20 4f 4b 0a"));
        QCOMPARE(lines.value(3), QString("  live:     32 30 | 31 20 4f 4b 0a"));
    }

    // The recording has the server staying open after "200 OK": the live server's extra line
    // 50 ms later is read and differs (not a false "identical" closed over too early).
    void bytesBeyondTheRecordingDiffer() {
        QTemporaryDir dir;
        const QString file = dir.filePath("open.pcap");
        QCOMPARE(writeTcp(file, {{10, true, "GET\n"}, {20, false, "200 OK\n"}}, false), QString());
        QProcess live;
        const QString port = startPython(live, kPyReplyThenMore, {"200 OK\n", "EXTRA\n"});
        QVERIFY(!port.isEmpty());
        const Outcome o =
            runCli({"replay", file, "-c", "1", "--to", "127.0.0.1:" + port, "--asap", "-q"});
        QVERIFY(live.waitForFinished(kTimeoutMs));
        QCOMPARE(o.exitCode, 1);
        QVERIFY2(o.out.contains("differs: the server answered 13 bytes in "), o.out.constData());
        QVERIFY2(o.out.contains("the server sent 6 bytes more than recorded"), o.out.constData());
    }

    // A segment of the server's answer is missing from the capture (a gap): the live server
    // sends those bytes too; the replay waits for them and does not count them as different.
    void gapInTheRecordingIsNotADifference() {
        QTemporaryDir dir;
        const QString file = dir.filePath("gap.pcap");
        QCOMPARE(writeTcp(file, {{10, true, "GET\n"},
                                 {20, false, "200 OK\n"},
                                 {21, false, "missing\n", true},
                                 {22, false, "end\n"}}),
                 QString());
        const Outcome imported = runCli({"import", file, "--conversation", "1"});
        QVERIFY2(imported.err.contains("1 gap (8 bytes)"), imported.err.constData());
        QProcess live;
        const QString port = startPython(live, kPyOneReply, {"200 OK\nmissing\nend\n"});
        QVERIFY(!port.isEmpty());
        const Outcome o =
            runCli({"replay", file, "-c", "1", "--to", "127.0.0.1:" + port, "--asap", "-q"});
        QVERIFY(live.waitForFinished(kTimeoutMs));
        QCOMPARE(readLine(live), hex("GET\n"));
        QVERIFY2(o.exitCode == 0, o.out + o.err);
        QVERIFY2(o.out.contains("identical: the server answered 19 bytes"), o.out.constData());
        QVERIFY2(o.err.contains("the server's missing bytes are not compared"), o.err.constData());
    }

    void silentPeerTimesOut() {
        QTemporaryDir dir;
        const QString file = dir.filePath("get.pcap");
        QCOMPARE(writeTcp(file, {{10, true, "GET\n"}, {20, false, "200 OK\n"}, {30, true, "x\n"}}),
                 QString());
        // An echo server never says "200 OK": after 300 ms the replay goes on (or stops).
        QProcess live;
        const QString port = startPython(live, kPyEchoServer);
        Outcome o = runCli(
            {"replay", file, "-c", "1", "--to", "127.0.0.1:" + port, "--wait-ms", "300", "-q"});
        QCOMPARE(o.exitCode, 1);
        QVERIFY2(o.err.contains("step 2: waited 300 ms for the server's 7 bytes (got 4): going on"),
                 o.err.constData());
        QVERIFY2(o.out.contains("sent 6 of 6 bytes"), o.out.constData());
        live.waitForFinished(kTimeoutMs);

        QProcess live2;
        const QString port2 = startPython(live2, kPyEchoServer);
        o = runCli({"replay", file, "-c", "1", "--to", "127.0.0.1:" + port2, "--wait-ms", "300",
                    "--stop-on-timeout", "-q"});
        QCOMPARE(o.exitCode, 1);
        QVERIFY2(o.err.contains("(got 4): stopped"), o.err.constData());
        QVERIFY2(o.out.contains("sent 4 of 6 bytes"), o.out.constData());
        QVERIFY2(o.out.contains("incomplete"), o.out.constData());
    }

    void badInputAndRefusedPeer() {
        QTemporaryDir dir;
        const QString file = dir.filePath("get.pcap");
        QCOMPARE(writeTcp(file, {{10, true, "GET\n"}}), QString());
        Outcome o = runCli({"replay", file, "-c", "1"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--to ADDR:PORT is needed"), o.err.constData());
        o = runCli({"replay", file, "-c", "1", "--to", "127.0.0.1:7", "--speed", "x0"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("parse speed \"x0\": the factor must be between 0.01 and 1000"),
                 o.err.constData());
        o = runCli({"replay", file, "-c", "1", "--to", "127.0.0.1"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("replay \"127.0.0.1\": missing port"), o.err.constData());
        o = runCli({"replay", file, "-c", "3", "--to", "127.0.0.1:7"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("no conversation 3"), o.err.constData());
        o = runCli({"replay", dir.filePath("missing.pcap"), "-c", "1", "--to", "127.0.0.1:7"});
        QCOMPARE(o.exitCode, 2);
        o = runCli({"replay", file, "-c", "1", "--to", "127.0.0.1:7", "--as", "both"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("expected client or server"), o.err.constData());
        o = runCli({"replay", "--help"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.out.contains("Exit status: 0 the replay ran every step"), o.out.constData());

        // Nobody listens on a port just freed: refused, exit 1.
        QProcess free;
        const QString port =
            startPython(free, "import socket\ns = socket.socket(); s.bind(('127.0.0.1', 0))\n"
                              "print(s.getsockname()[1], flush=True)\ns.close()\n");
        free.waitForFinished(kTimeoutMs);
        o = runCli({"replay", file, "-c", "1", "--to", "127.0.0.1:" + port});
        QCOMPARE(o.exitCode, 1);
        QVERIFY2(o.err.contains("ECONNREFUSED"), o.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliReplay)

#include "test_cli_replay.moc"
