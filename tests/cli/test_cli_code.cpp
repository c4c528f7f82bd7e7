// socklab-cli code: the Python it prints runs against a python3 peer, the C compiles and runs.
#include "cli/support/cli_process.h"
#include "core/workspace/workspace.h"
#include "core/workspace/workspace_json.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace cli_test;

class TestCliCode : public QObject {
    Q_OBJECT

private slots:
    // `code` prints the same program as the GUI's Show code; the Python is run against a real
    // peer (python3's socket module), the C compiled and run when a compiler is there.
    void codeFromCommandLineRuns() {
        QProcess py;
        const QString port = startPython(py, kPyEchoServer);
        QVERIFY2(port.toInt() > 0, qPrintable(port));
        const Outcome r = runCli({"code", "inet", "stream", "tcp", "--connect", "127.0.0.1:" + port,
                                  "-o", "nodelay=1", "--send", "hi\\r\\n", "--send-hex", "00 ff"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("socket.socket(socket.AF_INET, socket.SOCK_STREAM, "
                                "socket.IPPROTO_TCP)"),
                 r.out.constData());
        const Outcome ran = runPythonCode(r.out);
        QVERIFY2(ran.exitCode == 0, (ran.out + ran.err).constData());
        QCOMPARE(ran.out.trimmed(), QByteArray(R"(b'hi\r\n\x00\xff')"));
        QVERIFY(py.waitForFinished(kTimeoutMs));
    }

    void codeForWorkspaceTabRuns() {
        QProcess py;
        const QString port = startPython(py, kPyEchoServer);
        QVERIFY2(port.toInt() > 0, qPrintable(port));
        QTemporaryDir dir;
        socklab::Workspace ws;
        socklab::WorkspaceTab server;
        server.title = "server";
        server.spec = {socklab::familyByName("AF_INET")->value,
                       socklab::typeByName("SOCK_STREAM")->value, 0};
        server.role = socklab::Role::Listen;
        server.local = "127.0.0.1:0";
        socklab::WorkspaceTab client = server;
        client.title = "client";
        client.role = socklab::Role::Connect;
        client.local.clear();
        client.remote = "127.0.0.1:" + port.toStdString();
        // The first saved message is the payload, encoded as the composer sends it.
        client.messages = {{"req", socklab::MessageMode::Text, "a\nb", socklab::LineEnding::CrLf},
                           {"other", socklab::MessageMode::Text, "zzz", socklab::LineEnding::Lf}};
        ws.tabs = {server, client};
        ws.selectedTab = 0;
        const QString file = dir.filePath("w.json");
        QVERIFY(socklab::saveWorkspace(ws, file.toStdString()).has_value());

        // By title, and the same program by number.
        const Outcome byTitle = runCli({"code", file, "--tab", "client"});
        QVERIFY2(byTitle.exitCode == 0, byTitle.err.constData());
        const Outcome byNumber = runCli({"code", file, "--tab", "2"});
        QCOMPARE(byNumber.out, byTitle.out);
        // Without --tab: the selected tab (the listener).
        const Outcome selected = runCli({"code", file});
        QVERIFY2(selected.out.contains("s.listen(128)"), selected.out.constData());

        const Outcome ran = runPythonCode(byTitle.out);
        QVERIFY2(ran.exitCode == 0, (ran.out + ran.err).constData());
        QCOMPARE(ran.out.trimmed(), QByteArray(R"(b'a\r\nb\r\n')"));
        QVERIFY(py.waitForFinished(kTimeoutMs));

        const Outcome missing = runCli({"code", file, "--tab", "nope"});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(
            missing.err.startsWith(R"(socklab-cli: parse --tab "nope": no tab with this title)"),
            missing.err.constData());
        QVERIFY2(missing.err.contains(R"((tabs: "server", "client"))"), missing.err.constData());
        QVERIFY(missing.out.isEmpty());
        const Outcome mixed = runCli({"code", file, "--connect", "127.0.0.1:1"});
        QCOMPARE(mixed.exitCode, 2);
        QVERIFY2(mixed.err.startsWith("socklab-cli: parse arguments --connect: describes a socket"),
                 mixed.err.constData());
    }

    void codeInCCompilesAndRuns() {
        const QString cc = QStandardPaths::findExecutable("cc");
        if (cc.isEmpty()) {
            QSKIP("no C compiler on this machine");
        }
        QProcess py;
        const QString port = startPython(py, kPyEchoServer);
        QVERIFY2(port.toInt() > 0, qPrintable(port));
        const Outcome r = runCli({"code", "--lang", "c", "inet", "stream", "tcp", "--connect",
                                  "127.0.0.1:" + port, "--send", "ping"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("int main(void)"), r.out.constData());
        QTemporaryDir dir;
        QFile src(dir.filePath("p.c"));
        QVERIFY(src.open(QIODevice::WriteOnly));
        src.write(r.out);
        src.close();
        QProcess build;
        build.start(cc, {"-o", dir.filePath("p"), src.fileName()});
        QVERIFY(build.waitForFinished(kTimeoutMs));
        QVERIFY2(build.exitCode() == 0, build.readAllStandardError().constData());
        QProcess prog;
        prog.start(dir.filePath("p"), QStringList{});
        QVERIFY(prog.waitForFinished(kTimeoutMs));
        QCOMPARE(prog.exitCode(), 0);
        QCOMPARE(prog.readAllStandardOutput(), QByteArray("ping"));
        QVERIFY(py.waitForFinished(kTimeoutMs));
    }
};

QTEST_APPLESS_MAIN(TestCliCode)
#include "test_cli_code.moc"
