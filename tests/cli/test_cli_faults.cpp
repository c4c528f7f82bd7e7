// socklab-cli and a client that does not read: `listen` pipes 24 MiB of stdin to a python3
// client that reads nothing for a while. The CLI stops reading stdin instead of queueing it
// (nothing is refused as "send queue full"), says once on stderr that the peer is not reading,
// and once the client reads, every byte arrives in order. With `--send-queue 64k` the CLI stops
// reading stdin megabytes earlier than with the default 4 MiB queue, and still loses nothing.
#include "cli/support/cli_process.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace cli_test;

namespace {

constexpr int kPayloadBytes = 24 << 20;

// Connects (with a receive buffer of argv[3] bytes when given), reads nothing until a line
// arrives on stdin, then reads argv[2] bytes and says whether they are the pattern
// (byte i = i % 251).
const char* const kSlowClient = R"(
import socket, sys
c = socket.socket()
if len(sys.argv) > 3:
    c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, int(sys.argv[3]))
c.settimeout(30)
c.connect(("127.0.0.1", int(sys.argv[1])))
print("connected", flush=True)
sys.stdin.readline()
want = int(sys.argv[2])
got = bytearray()
while len(got) < want:
    d = c.recv(1 << 20)
    if not d:
        break
    got += d
expected = (bytes(range(251)) * (want // 251 + 1))[:want]
print("intact" if bytes(got) == expected else "differs after %d bytes" % len(got), flush=True)
c.close()
)";

QByteArray payload() {
    QByteArray p(kPayloadBytes, Qt::Uninitialized);
    for (int i = 0; i < kPayloadBytes; ++i) {
        p[i] = char(i % 251);
    }
    return p;
}

QString noteAfter(QProcess& cli, QByteArray& err, int timeout_ms) {
    QElapsedTimer t;
    t.start();
    static const QRegularExpression note(QStringLiteral(
        "socklab-cli: send backpressure on connection #1: ([0-9.]+ [KM]iB) queued, the "
        "peer is not reading"));
    while (t.elapsed() < timeout_ms) {
        cli.waitForReadyRead(100);
        err += cli.readAllStandardError();
        const auto m = note.match(QString::fromUtf8(err));
        if (m.hasMatch()) {
            return m.captured(1);
        }
    }
    return {};
}

// Pumps the CLI's stdin until it stops taking bytes for 1.5 s (at most 20 s); returns how many
// of total it took (the pipe's 64 KiB included).
qint64 settledIntake(QProcess& cli, qint64 total) {
    QElapsedTimer t;
    t.start();
    QElapsedTimer still;
    still.start();
    qint64 last = cli.bytesToWrite();
    while (t.elapsed() < 20000 && still.elapsed() < 1500) {
        cli.waitForBytesWritten(50);
        if (cli.bytesToWrite() != last) {
            last = cli.bytesToWrite();
            still.restart();
        }
    }
    return total - last;
}

// `listen -o sndbuf=16384 [--send-queue LIMIT]` piping the payload to a client with a 4 KiB
// receive buffer that does not read: how much stdin the CLI took before it stopped; then the client
// reads and says whether every byte came. -1 when a step failed (err says why).
qint64 intakeWithLimit(const QStringList& limit, QByteArray& err, QByteArray& verdict) {
    QProcess cli;
    // A small kernel send buffer too, so that the queue's share shows.
    const QString port = startCliOnLoopback(
        cli, QStringList{"listen", "127.0.0.1:0", "-o", "sndbuf=16384"} + limit, err);
    if (port.isEmpty()) {
        return -1;
    }
    QProcess py;
    py.start("python3", {"-c", QString::fromUtf8(kSlowClient), port, QString::number(kPayloadBytes),
                         QStringLiteral("4096")});
    if (!py.waitForStarted(kTimeoutMs) || !py.waitForReadyRead(kTimeoutMs)) {
        return -1;
    }
    py.readLine();
    QTest::qWait(300); // the CLI has accepted it
    cli.write(payload());
    const qint64 intake = settledIntake(cli, kPayloadBytes);
    py.write("read\n");
    QElapsedTimer t;
    t.start();
    while (py.state() != QProcess::NotRunning && t.elapsed() < 60000) {
        if (cli.bytesToWrite() > 0) {
            cli.waitForBytesWritten(20);
        }
        py.waitForFinished(20);
    }
    verdict = py.readAllStandardOutput().trimmed();
    cli.terminate();
    cli.waitForFinished(kTimeoutMs);
    err += cli.readAllStandardError();
    return intake;
}

} // namespace

class TestCliFaults : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (cliPath().isEmpty()) {
            QFAIL("SOCKLAB_CLI_PATH is not defined: the socklab-cli target is missing");
        }
    }

    void listenStdinToAClientThatDoesNotRead() {
        QProcess cli;
        QByteArray err;
        const QString port = startCliOnLoopback(cli, {"listen", "127.0.0.1:0"}, err);
        QVERIFY2(!port.isEmpty(), err.constData());
        QProcess py;
        py.start("python3",
                 {"-c", QString::fromUtf8(kSlowClient), port, QString::number(kPayloadBytes)});
        QVERIFY(py.waitForStarted(kTimeoutMs));
        QVERIFY(py.waitForReadyRead(kTimeoutMs));
        QCOMPARE(py.readLine().trimmed(), QByteArray("connected"));
        QTest::qWait(300); // the CLI has accepted it
        cli.write(payload());

        // More than the kernel's buffers and the CLI's backlog: the CLI says so, once.
        const QString queued = noteAfter(cli, err, 20000);
        QVERIFY2(!queued.isEmpty(), err.constData());
        QVERIFY2(cli.bytesToWrite() > 0, "the CLI read all of stdin into memory");
        QTest::qWait(1500); // the note is not repeated while it lasts
        err += cli.readAllStandardError();
        QCOMPARE(err.count("send backpressure"), 1);
        QVERIFY2(!err.contains("send queue full"), err.constData());

        py.write("read\n");
        // Feed the CLI's stdin while the client reads (both pipes need pumping here).
        QElapsedTimer t;
        t.start();
        while (py.state() != QProcess::NotRunning && t.elapsed() < 60000) {
            if (cli.bytesToWrite() > 0) {
                cli.waitForBytesWritten(20);
            }
            py.waitForFinished(20);
        }
        QCOMPARE(py.state(), QProcess::NotRunning);
        QCOMPARE(py.readAllStandardOutput().trimmed(), QByteArray("intact"));
        // The client left (FIN); a listener without --echo keeps the half-open child for stdin:
        // end it as Ctrl-C does.
        cli.terminate();
        QVERIFY(cli.waitForFinished(kTimeoutMs));
        err += cli.readAllStandardError();
        QVERIFY2(cli.exitCode() == 130, err.constData());
        QVERIFY2(!err.contains("send queue full"), err.constData());
    }

    void smallSendQueueStopsStdinEarlier() {
        QByteArray err;
        QByteArray verdict;
        const qint64 small = intakeWithLimit({"--send-queue", "64k"}, err, verdict);
        QVERIFY2(small > 0, err.constData());
        QCOMPARE(verdict, QByteArray("intact"));
        QVERIFY2(!err.contains("send queue full"), err.constData());
        QByteArray errDefault;
        const qint64 large = intakeWithLimit({}, errDefault, verdict);
        QVERIFY2(large > 0, errDefault.constData());
        qInfo("stdin taken before the CLI stopped: %lld KiB with --send-queue 64k, %lld KiB "
              "with the default",
              small / 1024, large / 1024);
        // The default lets 2 MiB pile up per connection before stdin stops; 64k almost none.
        QVERIFY2(large - small > (3 << 20) / 2, "--send-queue 64k did not stop stdin earlier");
        QVERIFY2(small < (1 << 20), "--send-queue 64k let a megabyte or more pile up");
    }
};

QTEST_APPLESS_MAIN(TestCliFaults)
#include "test_cli_faults.moc"
