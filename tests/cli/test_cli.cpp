// socklab-cli end to end: the real binary against peers SockLab did not write (python3's
// socket module), on loopback and Unix sockets only. The `code` subcommand is in
// test_cli_code, exit statuses on engine errors in test_cli_errors.
#include "cli/support/cli_process.h"
#include "core/workspace/workspace.h"
#include "core/workspace/workspace_json.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace cli_test;

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (cliPath().isEmpty()) {
            QFAIL("SOCKLAB_CLI_PATH is not defined: the socklab-cli target is missing");
        }
        QVERIFY2(!QStandardPaths::findExecutable("python3").isEmpty(),
                 "python3 is needed as the independent peer");
    }

    void helpForEverySubcommand_data() {
        QTest::addColumn<QString>("command");
        for (const char* c : {"probe", "catalog", "interfaces", "connect", "listen", "udp", "unix",
                              "ping", "run", "code"}) {
            QTest::newRow(c) << c;
        }
    }
    void helpForEverySubcommand() {
        QFETCH(QString, command);
        const Outcome r = runCli({command, "--help"});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.startsWith("usage: socklab-cli " + command + " "), qPrintable(out));
        QVERIFY2(out.contains("-h, --help"), qPrintable(out));
        QVERIFY(r.err.isEmpty());
    }

    void topLevelHelpListsCommands() {
        const Outcome r = runCli({"--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char* c : {"probe", "connect", "listen", "udp", "unix", "ping", "run", "code"}) {
            QVERIFY2(r.out.contains(QByteArray("  ") + c + " "), c);
        }
        QVERIFY2(r.out.contains("exit status: 0 done, 1 the network or the system said no"),
                 r.out.constData());
        QCOMPARE(runCli({}).exitCode, 2);
        QCOMPARE(runCli({"frobnicate"}).exitCode, 2);
    }

    void probeMatchesPython() {
        // The kernel's answer through python is the reference for the CLI's verdict.
        QProcess py;
        py.start("python3", {"-c", R"(
import socket, errno
try:
    socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_UDP)
    print("accepted")
except OSError as e:
    print(errno.errorcode[e.errno])
)"});
        QVERIFY(py.waitForFinished(kTimeoutMs));
        const QByteArray expected = py.readAllStandardOutput().trimmed();
        QCOMPARE(expected, QByteArray("EPROTONOSUPPORT"));

        const Outcome bad = runCli({"probe", "inet", "stream", "udp"});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.out.contains("socket(AF_INET, SOCK_STREAM, IPPROTO_UDP): EPROTONOSUPPORT"),
                 bad.out.constData());
        QVERIFY2(bad.out.contains("remedy:"), bad.out.constData());

        const Outcome good = runCli({"probe", "inet", "stream", "tcp"});
        QCOMPARE(good.exitCode, 0);
        QVERIFY2(good.out.contains("accepted"), good.out.constData());
    }

    void probeAllPrintsMatrix() {
        const Outcome r = runCli({"probe", "--all"});
        QCOMPARE(r.exitCode, 0);
        const auto lines = r.out.split('\n');
        QVERIFY2(lines.size() > 100, r.out.left(500).constData());
        QVERIFY(r.out.contains("AF_INET"));
        QVERIFY(r.out.contains("EPROTONOSUPPORT"));
        QVERIFY(QRegularExpression(R"(AF_INET\s+SOCK_DGRAM\s+IPPROTO_UDP\s+ok)")
                    .match(QString::fromUtf8(r.out))
                    .hasMatch());
    }

    void catalogExplains() {
        const Outcome r = runCli({"catalog"});
        QCOMPARE(r.exitCode, 0);
        for (const char* s :
             {"families:", "AF_UNIX", "SOCK_SEQPACKET", "IPPROTO_UDP", "reuseaddr"}) {
            QVERIFY2(r.out.contains(s), s);
        }
    }

    void interfacesListLoopback() {
        const Outcome r = runCli({"interfaces"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("127.0.0.1/8"), r.out.constData());
    }

    void badInputIsUsageError_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("port out of range")
            << QStringList{"connect", "127.0.0.1:70000"}
            << R"(socklab-cli: parse port "70000": port 70000 out of range 0-65535)";
        QTest::newRow("malformed hex")
            << QStringList{"connect", "--send-hex", "de zz", "127.0.0.1:9"}
            << R"(socklab-cli: parse hex "de zz": bad hex digit 'z' at position 3)";
        QTest::newRow("udp malformed hex")
            << QStringList{"udp", "--to", "127.0.0.1:9", "--send-hex", "abc"}
            << R"(socklab-cli: parse hex "abc")";
        QTest::newRow("udp bind port") << QStringList{"udp", "--bind", "127.0.0.1:99999"}
                                       << R"(socklab-cli: parse port "99999")";
        QTest::newRow("unknown option")
            << QStringList{"listen", "--frobnicate", "127.0.0.1:0"}
            << "socklab-cli: parse arguments --frobnicate: unknown option (see socklab-cli "
               "listen --help)";
        QTest::newRow("missing value")
            << QStringList{"udp", "--to"} << "socklab-cli: parse arguments --to: needs a value";
        QTest::newRow("unknown family") << QStringList{"probe", "AF_FOO", "stream"}
                                        << R"(socklab-cli: probe "AF_FOO": unknown family)";
        QTest::newRow("unknown socket option")
            << QStringList{"connect", "-o", "nagle=1", "127.0.0.1:9"}
            << R"(socklab-cli: parse -o "nagle=1": unknown option "nagle")";
        QTest::newRow("count not a number")
            << QStringList{"udp", "--count", "many"}
            << R"(socklab-cli: parse --count "many": not an integer)";
        QTest::newRow("udp join not multicast")
            << QStringList{"udp", "--bind", "0.0.0.0:0", "--join", "10.0.0.1"}
            << R"(socklab-cli: join multicast "10.0.0.1": not a multicast address (224.0.0.0/4 )"
               R"(or ff00::/8))";
        QTest::newRow("udp join wrong family")
            << QStringList{"udp", "--bind", "0.0.0.0:0", "--join", "ff15::1"}
            << R"(socklab-cli: join multicast "ff15::1": an IPv6 group on an IPv4 socket)";
        QTest::newRow("missing address")
            << QStringList{"connect"} << "socklab-cli: parse arguments connect: expected one";
        QTest::newRow("code language")
            << QStringList{"code", "--lang", "rust", "inet", "stream"}
            << R"(socklab-cli: parse --lang "rust": expected python or c)";
        QTest::newRow("code nothing to describe")
            << QStringList{"code"}
            << "socklab-cli: parse arguments code: expected WORKSPACE or FAMILY TYPE";
        QTest::newRow("code unknown type") << QStringList{"code", "inet", "sock_bogus"}
                                           << R"(socklab-cli: code "sock_bogus": unknown type)";
        QTest::newRow("code listen on datagrams")
            << QStringList{"code", "inet", "dgram", "--listen", "127.0.0.1:0"}
            << "socklab-cli: parse arguments --listen: needs a stream or seqpacket type";
        QTest::newRow("code connect and listen")
            << QStringList{"code",        "inet",     "stream",     "--connect",
                           "127.0.0.1:1", "--listen", "127.0.0.1:0"}
            << "socklab-cli: parse arguments code: --connect and --listen exclude each other";
        QTest::newRow("code bad address")
            << QStringList{"code", "inet", "stream", "--connect", "127.0.0.1"}
            << R"(socklab-cli: parse address "127.0.0.1": missing port)";
        QTest::newRow("code missing workspace")
            << QStringList{"code", "/nonexistent/w.json"}
            << "socklab-cli: load workspace /nonexistent/w.json";
        QTest::newRow("missing port")
            << QStringList{"connect", "localhost"}
            << R"(socklab-cli: parse address "localhost": missing port (expected HOST:PORT))";
    }
    void badInputIsUsageError() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Outcome r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).startsWith(message), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void brokenWorkspaceNamesLineAndColumn() {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\n  \"format\": \"socklab-workspace\",\n  \"version\": 1,\n  \"tabs\": [}\n");
        f.close();
        const Outcome r = runCli({"run", path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(
                     ("socklab-cli: load workspace " + path + ": line 4, column 12: ").toUtf8()),
                 r.err.constData());
    }

    void refusedConnectionFails() {
        // A port that was just free: bind, read it, close, then connect to it.
        QProcess py;
        const QString port = startPython(py, R"(
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1], flush=True); s.close()
)");
        py.waitForFinished(kTimeoutMs);
        QVERIFY(!port.isEmpty());
        const Outcome r = runCli({"connect", "127.0.0.1:" + port});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromUtf8(r.err).trimmed(),
                 "socklab-cli: connect 127.0.0.1:" + port + ": Connection refused (ECONNREFUSED)");
    }

    void connectToPythonEchoServer() {
        QProcess py;
        const QString port = startPython(py, kPyEchoServer);
        QVERIFY2(!port.isEmpty(), py.readAllStandardError().constData());
        const QByteArray payload = allByteValues();
        const Outcome r = runCli({"connect", "127.0.0.1:" + port}, payload);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.size(), payload.size());
        QCOMPARE(r.out, payload);
        QVERIFY(py.waitForFinished(kTimeoutMs));
        QCOMPARE(py.exitCode(), 0);
    }

    void connectScriptedSendsWithHexDump() {
        QProcess py;
        const QString port = startPython(py, kPyEchoServer);
        QVERIFY(!port.isEmpty());
        const Outcome r = runCli({"connect", "--hex", "--send", "GET /\\r\\n", "--send-hex",
                                  "de ad be ef", "127.0.0.1:" + port});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        const QString peer = "127.0.0.1:" + port;
        // Out then In for each send, each with its xxd line.
        QVERIFY2(QRegularExpression(R"(\d\d:\d\d:\d\d\.\d{6} #0 > )" +
                                    QRegularExpression::escape(peer) +
                                    R"( data 7 bytes\n  00000000: 4745 5420 2f0d 0a\s+GET /\.\.)")
                     .match(out)
                     .hasMatch(),
                 qPrintable(out));
        QVERIFY2(QRegularExpression(R"(#0 > )" + QRegularExpression::escape(peer) +
                                    R"( data 4 bytes\n  00000000: dead beef\s+\.\.\.\.)")
                     .match(out)
                     .hasMatch(),
                 qPrintable(out));
        // TCP may deliver the echo in one read or several: count the bytes that came in.
        int in = 0;
        const QRegularExpression inRecord("#0 < " + QRegularExpression::escape(peer) +
                                          R"( data (\d+) bytes)");
        for (auto it = inRecord.globalMatch(out); it.hasNext();) {
            in += it.next().captured(1).toInt();
        }
        QCOMPARE(in, 11);
        QVERIFY2(out.contains("00000000: 4745 5420 2f0d 0a"), qPrintable(out));
        QVERIFY(py.waitForFinished(kTimeoutMs));
    }

    void listenEchoesToPythonClient() {
        QProcess cli;
        cli.start(cliPath(), {"listen", "--echo", "--once", "127.0.0.1:0"});
        QVERIFY(cli.waitForStarted(kTimeoutMs));
        QByteArray err;
        const QString port =
            waitForStderr(cli, QRegularExpression(R"(listening on 127\.0\.0\.1:(\d+))"), err);
        QVERIFY2(!port.isEmpty(), err.constData());

        QProcess py;
        py.start("python3", {"-c", R"(
import socket, sys
payload = bytes(range(256)) * 20
c = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
c.sendall(payload); c.shutdown(socket.SHUT_WR)
got = b""
while True:
    d = c.recv(65536)
    if not d: break
    got += d
print("echoed" if got == payload else "mismatch %d" % len(got))
)",
                             port});
        QVERIFY(py.waitForFinished(kTimeoutMs));
        QCOMPARE(py.readAllStandardOutput().trimmed(), QByteArray("echoed"));
        // --once: the listener exits after its one client; what it received is on stdout.
        QVERIFY(cli.waitForFinished(kTimeoutMs));
        QCOMPARE(cli.exitCode(), 0);
        QByteArray expected;
        for (int i = 0; i < 20; ++i) {
            for (int b = 0; b < 256; ++b) {
                expected.append(char(b));
            }
        }
        QCOMPARE(cli.readAllStandardOutput(), expected);
    }

    void listenMaxConnectionsClosesExtraClients() {
        QProcess cli;
        cli.start(cliPath(), {"listen", "--echo", "--max-connections", "1", "127.0.0.1:0"});
        QVERIFY(cli.waitForStarted(kTimeoutMs));
        QByteArray err;
        const QString port =
            waitForStderr(cli, QRegularExpression(R"(listening on 127\.0\.0\.1:(\d+))"), err);
        QVERIFY2(!port.isEmpty(), err.constData());
        QProcess py;
        py.start("python3", {"-c", R"(
import socket, sys, time
addr = ("127.0.0.1", int(sys.argv[1]))
a = socket.create_connection(addr, timeout=10)
a.sendall(b"first"); assert a.recv(100) == b"first"
b = socket.create_connection(addr, timeout=10)
print("second closed" if b.recv(100) == b"" else "second served")
a.sendall(b"again"); print(a.recv(100).decode())
)",
                             port});
        QVERIFY(py.waitForFinished(kTimeoutMs));
        QCOMPARE(py.readAllStandardOutput(), QByteArray("second closed\nagain\n"));
        QVERIFY2(
            !waitForStderr(cli, QRegularExpression("(connection limit reached)"), err).isEmpty(),
            err.constData());
        cli.terminate(); // SIGTERM: the listener ends with 130 like after Ctrl-C
        QVERIFY(cli.waitForFinished(kTimeoutMs));
        QCOMPARE(cli.exitCode(), 130);
    }

    void udpDatagramReachesPython() {
        QProcess py;
        const QString port = startPython(py, R"(
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1], flush=True)
s.settimeout(10)
d, a = s.recvfrom(2048)
print(d.hex(), a[0], flush=True)
)");
        QVERIFY(!port.isEmpty());
        const Outcome r = runCli({"udp", "--bind", "127.0.0.1:0", "--to", "127.0.0.1:" + port,
                                  "--send-hex", "00 01 02 ff 41", "--timeout-ms", "100"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(py.waitForFinished(kTimeoutMs));
        QCOMPARE(py.readAllStandardOutput().trimmed(), QByteArray("000102ff41 127.0.0.1"));
    }

    void udpReceivesFromPython() {
        QProcess cli;
        cli.start(cliPath(), {"udp", "--bind", "127.0.0.1:0", "--count", "2"});
        QVERIFY(cli.waitForStarted(kTimeoutMs));
        QByteArray err;
        const QString port =
            waitForStderr(cli, QRegularExpression(R"(bound to 127\.0\.0\.1:(\d+))"), err);
        QVERIFY2(!port.isEmpty(), err.constData());
        QProcess py;
        py.start("python3", {"-c", R"(
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.sendto(b"first\x00", ("127.0.0.1", int(sys.argv[1])))
s.sendto(b"second", ("127.0.0.1", int(sys.argv[1])))
)",
                             port});
        QVERIFY(py.waitForFinished(kTimeoutMs));
        QVERIFY(cli.waitForFinished(kTimeoutMs));
        QCOMPARE(cli.exitCode(), 0);
        QCOMPARE(cli.readAllStandardOutput(), QByteArray("first\0second", 12));
    }

    void udpJoinReceivesTheGroup() {
        // The group is joined through the open request before "bound to" is printed.
        QProcess cli;
        cli.start(cliPath(), {"udp", "--bind", "0.0.0.0:0", "--join", "239.255.75.1", "--join-if",
                              "lo", "--count", "2"});
        QVERIFY(cli.waitForStarted(kTimeoutMs));
        QByteArray err;
        const QString port =
            waitForStderr(cli, QRegularExpression(R"(bound to 0\.0\.0\.0:(\d+))"), err);
        QVERIFY2(!port.isEmpty(), err.constData());
        QProcess py;
        py.start("python3", {"-c", R"(
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("127.0.0.1"))
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 1)
s.sendto(b"group;", ("239.255.75.1", int(sys.argv[1])))
s.sendto(b"direct", ("127.0.0.1", int(sys.argv[1])))
)",
                             port});
        QVERIFY(py.waitForFinished(kTimeoutMs));
        QCOMPARE(py.exitCode(), 0);
        QVERIFY(cli.waitForFinished(kTimeoutMs));
        QCOMPARE(cli.exitCode(), 0);
        // Loopback keeps the order: without the membership only "direct" would come.
        QCOMPARE(cli.readAllStandardOutput(), QByteArray("group;direct"));
    }

    void udpReceiveTimeoutFails() {
        const Outcome r =
            runCli({"udp", "--bind", "127.0.0.1:0", "--count", "1", "--timeout-ms", "200"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("socklab-cli: received 0 of 1 datagrams: nothing more within "
                                "200 ms"),
                 r.err.constData());
    }

    void unixStreamToPythonEcho() {
        QTemporaryDir dir;
        const QString path = dir.filePath("echo.sock");
        QProcess py;
        const QString ready = startPython(py, R"(
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.bind(sys.argv[1]); s.listen(1)
print("ready", flush=True)
s.settimeout(10)
c, _ = s.accept()
while True:
    d = c.recv(65536)
    if not d: break
    c.sendall(d[::-1])
)",
                                          {path});
        QCOMPARE(ready, QString("ready"));
        const Outcome r = runCli({"unix", path}, "abc\n");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, QByteArray("\ncba"));
        QVERIFY(py.waitForFinished(kTimeoutMs));
    }

    void runWorkspacePrintsTraffic() {
        // Unix sockets instead of the demo's fixed ports: tests never hard-code ports.
        QTemporaryDir dir;
        const std::string path = dir.filePath("s.sock").toStdString();
        socklab::Workspace ws;
        socklab::WorkspaceTab server;
        server.title = "server";
        server.spec = {socklab::familyByName("AF_UNIX")->value,
                       socklab::typeByName("SOCK_STREAM")->value, 0};
        server.role = socklab::Role::Listen;
        server.local = path;
        server.responders = socklab::ResponderConfig::echo();
        socklab::WorkspaceTab client = server;
        client.title = "client";
        client.role = socklab::Role::Connect;
        client.local.clear();
        client.remote = path;
        client.responders = {};
        client.messages.push_back(
            {"hi", socklab::MessageMode::Text, "hello", socklab::LineEnding::Lf});
        ws.tabs = {server, client};
        const QString file = dir.filePath("w.json");
        QVERIFY(socklab::saveWorkspace(ws, file.toStdString()).has_value());

        const Outcome r =
            runCli({"run", file, "--send-saved", "--duration-ms", "1500", "--verbose"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // -v: state changes by their readable names (core's stateName, as the GUI shows them).
        QVERIFY2(r.err.contains("socklab-cli: [server] Listening local " + path),
                 r.err.constData());
        QVERIFY2(r.err.contains("socklab-cli: [client] Connected"), r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(
            out.contains(QRegularExpression(R"(\[client\] #0 >(?: \S+)? data 6 bytes: hello\\n)")),
            qPrintable(out));
        QVERIFY2(
            out.contains(QRegularExpression(R"(\[server\] #1 <(?: \S+)? data 6 bytes: hello\\n)")),
            qPrintable(out));
        QVERIFY2(
            out.contains(QRegularExpression(R"(\[client\] #0 <(?: \S+)? data 6 bytes: hello\\n)")),
            qPrintable(out));
    }
};

QTEST_APPLESS_MAIN(TestCli)
#include "test_cli.moc"
