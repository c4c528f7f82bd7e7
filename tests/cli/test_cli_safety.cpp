// socklab-cli's safe defaults: Unix socket files owner-only unless --unix-mode says otherwise,
// a stale socket file replaced with a note, a live one left alone with the reason, and the
// exposure note on stderr for a listener other machines can reach. Peers: python3.
#include "cli/support/cli_process.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace cli_test;

namespace {

const char* const kMakeStale = R"(
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
s.close()
print("made", flush=True)
)";

const char* const kLiveListener = R"(
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
s.listen(4)
print("up", flush=True)
s.settimeout(20)
try:
    while True:
        c, _ = s.accept()
        c.close()
except OSError:
    pass
)";

const char* const kConnect = R"(
import errno, socket, sys
s = socket.socket(socket.AF_UNIX)
try:
    s.connect(sys.argv[1])
    print("connected", flush=True)
except OSError as e:
    print(errno.errorcode.get(e.errno, str(e.errno)), flush=True)
)";

QString pythonLine(const char* script, const QString& arg) {
    QProcess p;
    const QString line = startPython(p, QString::fromUtf8(script), {arg});
    p.waitForFinished(kTimeoutMs);
    return line;
}

unsigned modeOf(const QString& path) {
    struct stat st {};
    return ::lstat(path.toLocal8Bit().constData(), &st) == 0 ? unsigned(st.st_mode) : 0;
}

// Starts `socklab-cli args` and waits for its "listening on <what>" line; stderr so far in seen.
bool startListening(QProcess& cli, const QStringList& args, const QString& what, QByteArray& seen) {
    cli.start(cliPath(), args);
    if (!cli.waitForStarted(kTimeoutMs)) {
        return false;
    }
    return !waitForStderr(cli,
                          QRegularExpression(QStringLiteral("(listening on ") +
                                             QRegularExpression::escape(what) + QLatin1Char(')')),
                          seen)
                .isEmpty();
}

// SIGTERM (a graceful end), then everything the CLI still printed on stderr.
QByteArray stop(QProcess& cli, QByteArray seen) {
    cli.terminate();
    if (!cli.waitForFinished(kTimeoutMs)) {
        cli.kill();
        cli.waitForFinished(kTimeoutMs);
    }
    return seen + cli.readAllStandardError();
}

} // namespace

class TestCliSafety : public QObject {
    Q_OBJECT

private slots:
    void unixListenerIsOwnerOnlyByDefault() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("d.sock"));
        QProcess cli;
        QByteArray seen;
        QVERIFY2(startListening(cli, {"unix", "--listen", path}, path, seen), seen.constData());
        QCOMPARE(modeOf(path) & 07777, 0600u);
        QCOMPARE(pythonLine(kConnect, path), QStringLiteral("connected"));
        stop(cli, seen);
        QCOMPARE(modeOf(path), 0u); // our file, removed at the end
    }

    void unixModeOption() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("g.sock"));
        QProcess cli;
        QByteArray seen;
        QVERIFY2(startListening(cli, {"unix", "--listen", "--unix-mode", "0660", path}, path, seen),
                 seen.constData());
        QCOMPARE(modeOf(path) & 07777, 0660u);
        stop(cli, seen);
        // A datagram bind too, and the mode given without the leading 0.
        const QString dpath = dir.filePath(QStringLiteral("u.sock"));
        QProcess dgram;
        dgram.start(cliPath(), {"unix", "--listen", "--dgram", "--unix-mode", "644", dpath});
        QVERIFY(dgram.waitForStarted(kTimeoutMs));
        QByteArray dseen;
        QVERIFY2(!waitForStderr(dgram, QRegularExpression(QStringLiteral("(bound to \\S+)")), dseen)
                      .isEmpty(),
                 dseen.constData());
        QCOMPARE(modeOf(dpath) & 07777, 0644u);
        stop(dgram, dseen);
    }

    void badUnixMode_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("line");
        const QString expected = QStringLiteral(
            "socklab-cli: parse --unix-mode \"%1\": expected octal digits 0-7, at most 0777, "
            "e.g. 0600 or 660\n");
        QTest::newRow("digit 8") << QStringList{"unix", "--listen", "--unix-mode", "0800",
                                                "/tmp/socklab-never.sock"}
                                 << expected.arg("0800");
        QTest::newRow("words") << QStringList{"unix", "--listen", "--unix-mode", "rw-------",
                                              "/tmp/socklab-never.sock"}
                               << expected.arg("rw-------");
        QTest::newRow("setuid") << QStringList{"relay",
                                               "--listen",
                                               "/tmp/socklab-never.sock",
                                               "--to",
                                               "/tmp/socklab-never2.sock",
                                               "--unix-mode",
                                               "4755"}
                                << expected.arg("4755");
        const QString noFile = QStringLiteral(
            "socklab-cli: parse --unix-mode \"0660\": only a bind to a Unix path creates a "
            "socket file (use it with --listen PATH or --bind PATH, not an @abstract name)\n");
        QTest::newRow("client without bind")
            << QStringList{"unix", "--unix-mode", "0660", "/tmp/socklab-never.sock"} << noFile;
        QTest::newRow("abstract name")
            << QStringList{"unix", "--listen", "--unix-mode", "0660", "@socklab-never"} << noFile;
        QTest::newRow("IP relay") << QStringList{"relay", "--listen",    "127.0.0.1:0",
                                                 "--to",  "127.0.0.1:9", "--unix-mode",
                                                 "0660"}
                                  << noFile;
    }

    void badUnixMode() {
        QFETCH(QStringList, args);
        QFETCH(QString, line);
        const Outcome r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(QString::fromUtf8(r.err), line);
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/socklab-never.sock")));
    }

    void staleSocketIsReplacedWithANote() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("stale.sock"));
        QCOMPARE(pythonLine(kMakeStale, path), QStringLiteral("made"));
        QCOMPARE(pythonLine(kConnect, path), QStringLiteral("ECONNREFUSED"));
        QProcess cli;
        QByteArray seen;
        QVERIFY2(startListening(cli, {"unix", "--listen", path}, path, seen), seen.constData());
        QVERIFY2(seen.contains(("socklab-cli: removed stale socket file " + path +
                                " (nobody was listening)\n")
                                   .toUtf8()),
                 seen.constData());
        QCOMPARE(pythonLine(kConnect, path), QStringLiteral("connected"));
        stop(cli, seen);
    }

    void liveSocketIsLeftAlone() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("live.sock"));
        QProcess server;
        QCOMPARE(startPython(server, QString::fromUtf8(kLiveListener), {path}),
                 QStringLiteral("up"));
        const Outcome r = runCli({"unix", "--listen", path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(("socklab-cli: bind " + path +
                                 ": Address already in use (EADDRINUSE): a program is "
                                 "listening there\n")
                                    .toUtf8()),
                 r.err.constData());
        QCOMPARE(pythonLine(kConnect, path), QStringLiteral("connected")); // still served
        server.kill();
        server.waitForFinished(kTimeoutMs);
    }

    void regularFileIsLeftAlone() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.txt"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("precious");
        f.close();
        const Outcome r = runCli({"unix", "--listen", path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(("socklab-cli: bind " + path +
                                 ": Address already in use (EADDRINUSE): it is not a socket file; "
                                 "SockLab does not delete it\n")
                                    .toUtf8()),
                 r.err.constData());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("precious"));
    }

    void exposureNoteForAllInterfaces() {
        QProcess cli;
        QByteArray seen;
        QVERIFY2(startListening(cli, {"listen", "0.0.0.0:0"}, "0.0.0.0:", seen), seen.constData());
        const QByteArray note = "socklab-cli: Listening on all interfaces: other machines on "
                                "your network can connect.\n";
        QVERIFY2(!waitForStderr(cli, QRegularExpression(QStringLiteral("(Listening on all)")), seen)
                      .isEmpty(),
                 seen.constData());
        const QByteArray err = stop(cli, seen);
        QVERIFY2(err.contains(note), err.constData());
    }

    void noExposureNoteOnLoopback() {
        QProcess cli;
        QByteArray seen;
        QVERIFY2(!startCliOnLoopback(cli, {"listen", "127.0.0.1:0"}, seen).isEmpty(),
                 seen.constData());
        // A UDP socket bound to all interfaces on port 0 (a client's ephemeral port) has none.
        QProcess udp;
        QByteArray useen;
        udp.start(cliPath(), {"udp", "--bind", "0.0.0.0:0", "--count", "1"});
        QVERIFY(udp.waitForStarted(kTimeoutMs));
        QVERIFY2(!waitForStderr(udp, QRegularExpression(QStringLiteral("(bound to \\S+)")), useen)
                      .isEmpty(),
                 useen.constData());
        // Time for a note to follow the "listening on" line if there were one.
        QTest::qWait(300);
        const QByteArray err = stop(cli, seen);
        const QByteArray uerr = stop(udp, useen);
        QVERIFY2(!err.contains("Listening on") && !err.contains("reachable"), err.constData());
        QVERIFY2(!uerr.contains("Bound to") && !uerr.contains("interfaces"), uerr.constData());
    }
};

QTEST_APPLESS_MAIN(TestCliSafety)
#include "test_cli_safety.moc"
