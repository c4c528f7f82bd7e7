// socklab-cli --save: the capture written as it happens. A listener saving with rotation is
// killed with SIGKILL while a python3 client is still connected, and tshark reads every file
// it left, which together hold every byte the client sent; udp saves a text log; bad --save,
// --save-format, --rotate and --save-keep values are usage errors naming the option.
#include "cli/support/cli_process.h"
#include "core/support/tshark.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace cli_test;

namespace {

// A client that sends 40 messages of 100 bytes, prints them in hex, then stays connected.
const char* const kPyClient = "import socket, sys, time\n"
                              "c = socket.create_connection(('127.0.0.1', int(sys.argv[1])))\n"
                              "sent = b''\n"
                              "for i in range(40):\n"
                              "    m = bytes((i * 3 + k) % 256 for k in range(100))\n"
                              "    c.sendall(m)\n"
                              "    sent += m\n"
                              "    time.sleep(0.005)\n"
                              "print(sent.hex(), flush=True)\n"
                              "time.sleep(30)\n";

} // namespace

class TestCliLiveSave : public QObject {
    Q_OBJECT

private slots:
    void killedListenerLeavesReadableFiles() {
        if (!socklab::test::tsharkAvailable()) {
            QSKIP("tshark is not installed");
        }
        QTemporaryDir dir;
        const QString path = dir.filePath("cap.pcapng");
        QProcess cli;
        QByteArray err;
        const QString port = startCliOnLoopback(
            cli, {"listen", "--save", path, "--rotate", "1k", "127.0.0.1:0"}, err);
        QVERIFY2(!port.isEmpty(), err.constData());
        QProcess py;
        py.start("python3", {"-c", kPyClient, port});
        QVERIFY(py.waitForReadyRead(kTimeoutMs));
        const QByteArray sent = QByteArray::fromHex(py.readLine().trimmed());
        QCOMPARE(sent.size(), 4000);
        // The listener printed everything (so its store holds it); then a few save polls.
        QByteArray printed;
        QTRY_VERIFY_WITH_TIMEOUT((printed += cli.readAllStandardOutput()).size() >= sent.size(),
                                 kTimeoutMs);
        QTest::qWait(800);
        cli.kill(); // SIGKILL: no final drain, no close
        QVERIFY(cli.waitForFinished(kTimeoutMs));
        py.kill();
        py.waitForFinished(kTimeoutMs);

        QStringList files = QDir(dir.path()).entryList({"cap*.pcapng"}, QDir::Files);
        QVERIFY2(files.size() >= 3, qPrintable(files.join(' ')));
        QVERIFY(files.contains("cap.pcapng"));
        QByteArray fromClient;
        for (int i = 0; i < files.size(); ++i) {
            const QString file = i == 0 ? path : dir.filePath(QString("cap.%1.pcapng").arg(i));
            QVERIFY2(QFileInfo::exists(file), qPrintable(file));
            const QStringList lines =
                socklab::test::tsharkFields(file, {"tcp.dstport", "tcp.payload"});
            QVERIFY2(lines.isEmpty() || !lines.front().startsWith("<tshark failed"),
                     qPrintable(file + ": " + lines.value(0)));
            for (const QString& line : lines) {
                const QStringList f = line.split('\t');
                if (f.value(0) == port) {
                    fromClient += QByteArray::fromHex(f.value(1).toLatin1());
                }
            }
        }
        QCOMPARE(fromClient.size(), sent.size());
        QVERIFY(fromClient == sent);
    }

    // udp with a text log; a second run never replaces the first run's file.
    void udpSavesATextLogAndNeverOverwrites() {
        QTemporaryDir dir;
        const QString path = dir.filePath("u.log");
        for (int run = 0; run < 2; ++run) {
            QProcess cli;
            QByteArray err;
            const QString port = startCliOnLoopback(
                cli, {"udp", "--bind", "127.0.0.1:0", "--count", "2", "--save", path}, err);
            QVERIFY2(!port.isEmpty(), err.constData());
            QProcess py;
            py.start("python3", {"-c",
                                 "import socket, sys\n"
                                 "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                                 "for m in (b'first datagram', b'second\\n'):\n"
                                 "    s.sendto(m, ('127.0.0.1', int(sys.argv[1])))\n",
                                 port});
            QVERIFY(py.waitForFinished(kTimeoutMs));
            QVERIFY(cli.waitForFinished(kTimeoutMs));
            QCOMPARE(cli.exitCode(), 0);
            err += cli.readAllStandardError();
            if (run == 1) {
                QVERIFY2(err.contains("saving to " + dir.filePath("u.1.log").toUtf8()),
                         err.constData());
            }
        }
        for (const QString& name : {QString("u.log"), QString("u.1.log")}) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray text = f.readAll();
            QVERIFY2(text.contains(" In 127.0.0.1:") && text.contains("14 bytes: first datagram") &&
                         text.contains("7 bytes: second\\n\n"),
                     text.constData());
        }
    }

    void badValuesNameTheOption() {
        QTemporaryDir dir;
        const QString f = dir.filePath("x.pcapng");
        const struct {
            QStringList args;
            const char* error;
        } cases[] = {
            {{"listen", "--save", f, "--rotate", "5x", "127.0.0.1:0"},
             "parse --rotate \"5x\": expected a size like 10M, 512k or 4096 (bytes)"},
            {{"listen", "--save", f, "--rotate", "100", "127.0.0.1:0"},
             "parse --rotate \"100\": below the smallest rotation size, 1k"},
            {{"connect", "--save", f, "--save-format", "csv", "127.0.0.1:9"},
             "parse --save-format \"csv\": expected pcapng or text"},
            {{"udp", "--rotate", "10M", "--bind", "127.0.0.1:0"}, "parse --rotate: needs --save"},
            {{"listen", "--save", f, "--save-keep", "3", "127.0.0.1:0"},
             "parse --save-keep: needs --rotate SIZE"},
            {{"listen", "--save", f, "--rotate", "1M", "--save-keep", "0", "127.0.0.1:0"},
             "parse --save-keep \"0\": out of range"},
            {{"unix", "--listen", "--save", f, "@socklab-live-save-test"},
             "parse --save-format \"pcapng\": Unix-domain traffic has no IP addresses"},
        };
        for (const auto& c : cases) {
            const Outcome o = runCli(c.args);
            QVERIFY2(o.exitCode == 2, qPrintable(c.args.join(' ') + ": " + o.err));
            QVERIFY2(o.err.contains(c.error), qPrintable(c.args.join(' ') + ": " + o.err));
        }
        QVERIFY(!QFileInfo::exists(f));
        // A file that cannot be created is no usage error: exit 1, naming the file.
        const Outcome o =
            runCli({"listen", "--save", "/nonexistent-socklab/x.pcapng", "127.0.0.1:0"});
        QCOMPARE(o.exitCode, 1);
        QVERIFY2(o.err.contains("save pcapng /nonexistent-socklab/x.pcapng: No such file or "
                                "directory (ENOENT)"),
                 o.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliLiveSave)
#include "test_cli_live_save.moc"
