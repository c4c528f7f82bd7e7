// socklab-cli relay end to end: the real binary between python3 peers on loopback. Bytes must
// arrive exactly, the printed counters must match what the peers saw, a seed must repeat the
// same fates, and failures must be reported the way the other subcommands report them.
#include "cli/support/cli_process.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace cli_test;

namespace {

// One TCP connection, both directions at once: the server sends its payload while it reads the
// client's, then each side prints the length and sha256 of what it sent and got.
const char* const kPyBothWaysServer = R"(
import hashlib, socket, sys, threading
size = int(sys.argv[1])
payload = bytes((i * 7 + 3) % 256 for i in range(size))
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
s.settimeout(15)
c, _ = s.accept(); c.settimeout(15)
def send():
    c.sendall(payload); c.shutdown(socket.SHUT_WR)
t = threading.Thread(target=send); t.start()
got = bytearray()
while True:
    d = c.recv(65536)
    if not d: break
    got += d
t.join(); c.close()
print("sent", len(payload), hashlib.sha256(payload).hexdigest())
print("got", len(got), hashlib.sha256(got).hexdigest(), flush=True)
)";

const char* const kPyBothWaysClient = R"(
import hashlib, socket, sys, threading
port, size = int(sys.argv[1]), int(sys.argv[2])
payload = bytes((i * 13 + 5) % 251 for i in range(size))
c = socket.create_connection(("127.0.0.1", port), timeout=15)
def send():
    c.sendall(payload); c.shutdown(socket.SHUT_WR)
t = threading.Thread(target=send); t.start()
got = bytearray()
while True:
    d = c.recv(65536)
    if not d: break
    got += d
t.join(); c.close()
print("sent", len(payload), hashlib.sha256(payload).hexdigest())
print("got", len(got), hashlib.sha256(got).hexdigest(), flush=True)
)";

// Receives datagrams "seq N" until 1.5 s pass without one (at most 20 s), prints how many and
// which sequence numbers arrived.
const char* const kPyUdpSink = R"(
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 21)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1], flush=True)
seqs = []
s.settimeout(10)
end = time.time() + 20
while time.time() < end:
    try:
        d, _ = s.recvfrom(2048)
    except socket.timeout:
        break
    seqs.append(int(d.split()[1]))
    s.settimeout(1.5)
print("count", len(seqs))
print("seqs", " ".join(map(str, sorted(seqs))), flush=True)
)";

// Sends `count` datagrams "seq N" in small bursts, so that no socket buffer on the way
// overflows (a kernel drop would make the relay's figures disagree with the sink for a reason
// that is not the relay's).
const char* const kPyUdpSender = R"(
import socket, sys, time
port, count = int(sys.argv[1]), int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(count):
    s.sendto(b"seq %d" % i, ("127.0.0.1", port))
    if i % 50 == 49:
        time.sleep(0.01)
print("sent", count, flush=True)
)";

// Connects to the relay and reports how the connection ended (the reset may already be there
// when the connect completes).
const char* const kPyResetProbe = R"(
import socket, sys
try:
    c = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
    d = c.recv(100)
    print("eof" if not d else "data", flush=True)
except ConnectionResetError:
    print("reset", flush=True)
)";

struct Relay {
    QProcess process;
    QByteArray err;
    QByteArray out;
    QString port;
};

// Start the relay and wait for the address it announces ("listening on"/"bound to").
bool startRelay(Relay& r, const QStringList& args) {
    r.process.start(cliPath(), QStringList{"relay"} + args);
    if (!r.process.waitForStarted(kTimeoutMs)) {
        return false;
    }
    r.port = waitForStderr(
        r.process,
        QRegularExpression(R"((?:listening on|bound to) 127\.0\.0\.1:(\d+), relaying to )"), r.err);
    return !r.port.isEmpty();
}

// Wait for a peer while draining the relay's stdout, so a chatty --log never blocks the relay.
bool waitPeer(QProcess& peer, Relay& r) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 2 * kTimeoutMs) {
        if (peer.waitForFinished(50)) {
            return true;
        }
        r.process.waitForReadyRead(0);
        r.out += r.process.readAllStandardOutput();
    }
    return false;
}

bool finishRelay(Relay& r) {
    const bool done = r.process.waitForFinished(kTimeoutMs);
    r.out += r.process.readAllStandardOutput();
    r.err += r.process.readAllStandardError();
    return done && r.process.exitStatus() == QProcess::NormalExit;
}

// The two columns of a figures row: "delivered   1608   0".
QPair<qint64, qint64> row(const QByteArray& out, const QString& name) {
    const auto m =
        QRegularExpression("\\n" + QRegularExpression::escape(name) + R"(\s+(\d+)\s+(\d+)\n)")
            .match(QString::fromUtf8(out));
    if (!m.hasMatch()) {
        return {-1, -1};
    }
    return {m.captured(1).toLongLong(), m.captured(2).toLongLong()};
}

QMap<QString, QString> peerLines(const QByteArray& out) {
    QMap<QString, QString> lines;
    for (const QByteArray& l : out.split('\n')) {
        const qsizetype space = l.indexOf(' ');
        if (space > 0) {
            lines.insert(QString::fromUtf8(l.left(space)), QString::fromUtf8(l.mid(space + 1)));
        }
    }
    return lines;
}

struct UdpRun {
    qint64 sinkCount = -1;
    QSet<int> dropped;
    QPair<qint64, qint64> received;
    QPair<qint64, qint64> droppedRow;
    QPair<qint64, qint64> delivered;
};

} // namespace

class TestCliRelay : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (cliPath().isEmpty()) {
            QFAIL("SOCKLAB_CLI_PATH is not defined: the socklab-cli target is missing");
        }
        QVERIFY2(!QStandardPaths::findExecutable("python3").isEmpty(),
                 "python3 is needed as the independent peer");
    }

    void helpDocumentsDirections() {
        const Outcome r = runCli({"relay", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("usage: socklab-cli relay "), r.out.constData());
        QVERIFY2(r.out.contains("c2s:") && r.out.contains("s2c:"), r.out.constData());
        const Outcome top = runCli({"--help"});
        QVERIFY2(top.out.contains("  relay "), top.out.constData());
    }

    void tcpBytesExactBothWays() {
        constexpr int kSize = 1 << 20;
        QProcess server;
        const QString upstream = startPython(server, kPyBothWaysServer, {QString::number(kSize)});
        QVERIFY2(!upstream.isEmpty(), server.readAllStandardError().constData());
        Relay relay;
        QVERIFY2(startRelay(relay, {"--listen", "127.0.0.1:0", "--to", "127.0.0.1:" + upstream,
                                    "--count", "1", "--log"}),
                 relay.err.constData());
        QProcess client;
        client.start("python3", {"-c", kPyBothWaysClient, relay.port, QString::number(kSize)});
        QVERIFY(waitPeer(client, relay));
        QVERIFY(server.waitForFinished(kTimeoutMs));
        const auto c = peerLines(client.readAllStandardOutput());
        const auto s = peerLines(server.readAllStandardOutput());
        QVERIFY2(c.contains("sent") && s.contains("sent"), client.readAllStandardError());
        QCOMPARE(s.value("got"), c.value("sent"));
        QCOMPARE(c.value("got"), s.value("sent"));
        QVERIFY(c.value("got").startsWith(QString::number(kSize) + " "));

        // --count 1: the relay ends by itself once the pair closed, with the figures.
        QVERIFY2(finishRelay(relay), relay.err.constData());
        QCOMPARE(relay.process.exitCode(), 0);
        QCOMPARE(row(relay.out, "bytes received"), (QPair<qint64, qint64>{kSize, kSize}));
        QCOMPARE(row(relay.out, "bytes delivered"), (QPair<qint64, qint64>{kSize, kSize}));
        QCOMPARE(row(relay.out, "dropped"), (QPair<qint64, qint64>{0, 0}));
        QVERIFY2(relay.out.contains("pairs: 1 total, 0 open; upstream failures: 0"),
                 relay.out.right(2000).constData());
        // --log names the directions the relay way.
        QVERIFY(relay.out.contains(" client->server 127.0.0.1:"));
        QVERIFY(relay.out.contains(" server->client 127.0.0.1:"));
    }

    void udpLossIsCountedAndRepeatable() {
        constexpr int kCount = 2000;
        auto once = [&](UdpRun& run) {
            QProcess sink;
            const QString upstream = startPython(sink, kPyUdpSink);
            QVERIFY2(!upstream.isEmpty(), sink.readAllStandardError().constData());
            Relay relay;
            QVERIFY2(startRelay(relay, {"--udp", "--listen", "127.0.0.1:0", "--to",
                                        "127.0.0.1:" + upstream, "--loss", "20%", "--seed", "7"}),
                     relay.err.constData());
            QProcess sender;
            sender.start("python3", {"-c", kPyUdpSender, relay.port, QString::number(kCount)});
            QVERIFY(waitPeer(sender, relay));
            QCOMPARE(sender.exitCode(), 0);
            QVERIFY(waitPeer(sink, relay));
            // SIGTERM ends a relay normally: status 0 and the figures.
            relay.process.terminate();
            QVERIFY2(finishRelay(relay), relay.err.constData());
            QCOMPARE(relay.process.exitCode(), 0);
            const auto lines = peerLines(sink.readAllStandardOutput());
            run.sinkCount = lines.value("count").toLongLong();
            QSet<int> all;
            for (int i = 0; i < kCount; ++i) {
                all.insert(i);
            }
            for (const QString& n : lines.value("seqs").split(' ', Qt::SkipEmptyParts)) {
                all.remove(n.toInt());
            }
            run.dropped = all;
            run.received = row(relay.out, "received");
            run.droppedRow = row(relay.out, "dropped");
            run.delivered = row(relay.out, "delivered");
            QVERIFY2(run.received.first == kCount, relay.out.constData());
        };
        UdpRun first;
        once(first);
        if (QTest::currentTestFailed()) {
            return;
        }
        QCOMPARE(first.delivered.first, first.sinkCount);
        QCOMPARE(first.droppedRow.first, qint64(first.dropped.size()));
        QCOMPARE(first.received.first - first.droppedRow.first, first.delivered.first);
        // 20% of 2000 is 400; a binomial spread of +-5 sigma is about +-90.
        QVERIFY2(first.droppedRow.first > 300 && first.droppedRow.first < 500,
                 qPrintable(QString::number(first.droppedRow.first)));
        UdpRun second;
        once(second);
        if (QTest::currentTestFailed()) {
            return;
        }
        QCOMPARE(second.delivered.first, second.sinkCount);
        QCOMPARE(second.dropped, first.dropped);
    }

    void badValueIsUsageError_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("error");
        const QStringList base{"relay", "--listen", "127.0.0.1:0", "--to", "127.0.0.1:9"};
        QTest::newRow("loss 150%")
            << base + QStringList{"--udp", "--loss", "150%"}
            << R"(parse --loss "150%": expected a percentage 0..100 such as 10% or 2.5)";
        QTest::newRow("per direction")
            << base + QStringList{"--udp", "--dup", "s2c:abc"}
            << R"(parse --dup "abc": expected a percentage 0..100 such as 10% or 2.5)";
        QTest::newRow("loss on a stream")
            << base + QStringList{"--loss", "10%"}
            << "parse arguments --loss: applies to datagram relays only (add --udp)";
        QTest::newRow("segment on datagrams")
            << base + QStringList{"--udp", "--segment", "1..16"}
            << "parse arguments --segment: applies to stream relays only";
        QTest::newRow("no upstream")
            << QStringList{"relay", "--listen", "127.0.0.1:0"}
            << "parse arguments relay: --listen ADDR and --to ADDR are both needed";
        QTest::newRow("families mixed")
            << QStringList{"relay", "--listen", "127.0.0.1:0", "--to", "/tmp/x.sock"}
            << "parse arguments relay: --listen 127.0.0.1:0 and --to /tmp/x.sock are of "
               "different families (IPv4, IPv6, Unix): the relay opens both sides alike";
    }
    void badValueIsUsageError() {
        QFETCH(QStringList, args);
        QFETCH(QString, error);
        const Outcome r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(QString::fromUtf8(r.err), "socklab-cli: " + error + "\n");
        QVERIFY(r.out.isEmpty());
    }

    void refusedUpstreamResetsTheClient() {
        // A bound TCP socket that does not listen: connecting to its port is refused, and the
        // port stays ours while the test runs.
        QProcess closed;
        const QString port = startPython(closed, R"(
import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1], flush=True)
time.sleep(30)
)");
        QVERIFY(!port.isEmpty());
        Relay relay;
        QVERIFY2(startRelay(relay, {"--listen", "127.0.0.1:0", "--to", "127.0.0.1:" + port,
                                    "--count", "1"}),
                 relay.err.constData());
        QProcess probe;
        probe.start("python3", {"-c", kPyResetProbe, relay.port});
        QVERIFY(waitPeer(probe, relay));
        const QByteArray probeErr = probe.readAllStandardError();
        QVERIFY2(probe.readAllStandardOutput().trimmed() == "reset", probeErr.constData());
        QVERIFY2(finishRelay(relay), relay.err.constData());
        closed.kill();
        closed.waitForFinished(kTimeoutMs);
        QCOMPARE(relay.process.exitCode(), 0);
        QVERIFY2(relay.err.contains("Connection refused (ECONNREFUSED)"), relay.err.constData());
        QVERIFY2(relay.out.contains("pairs: 1 total, 0 open; upstream failures: 1"),
                 relay.out.constData());
    }

    void runPrintsARelayTabTheRelayWay() {
        // `socklab-cli run` opens a workspace's relay tab like the GUI and names its directions
        // client->server / server->client.
        QProcess server;
        const QString upstream = startPython(server, kPyEchoServer);
        QVERIFY2(!upstream.isEmpty(), server.readAllStandardError().constData());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("relay.json");
        QFile ws(path);
        QVERIFY(ws.open(QIODevice::WriteOnly));
        ws.write(QStringLiteral(R"({"format": "socklab-workspace", "version": 1, "tabs": [
            {"title": "relay", "family": "AF_INET", "type": "SOCK_STREAM",
             "protocol": "IPPROTO_TCP", "role": "relay", "local": "127.0.0.1:0",
             "remote": "127.0.0.1:%1", "relay": {"seed": 3}}]})")
                     .arg(upstream)
                     .toUtf8());
        ws.close();
        QProcess run;
        run.start(cliPath(), {"run", path});
        QVERIFY(run.waitForStarted(kTimeoutMs));
        QByteArray out;
        QRegularExpressionMatch m;
        const QRegularExpression listening(R"(listening: relay 127\.0\.0\.1:(\d+) ->)");
        QElapsedTimer timer;
        timer.start();
        while (!(m = listening.match(QString::fromUtf8(out))).hasMatch() &&
               timer.elapsed() < kTimeoutMs) {
            run.waitForReadyRead(200);
            out += run.readAllStandardOutput();
        }
        QVERIFY2(m.hasMatch(), out.constData());
        QProcess client;
        client.start("python3", {"-c", R"(
import socket, sys
c = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
c.sendall(b"through run"); print(c.recv(100).decode(), flush=True)
)",
                                 m.captured(1)});
        QVERIFY(client.waitForFinished(kTimeoutMs));
        QCOMPARE(client.readAllStandardOutput().trimmed(), QByteArray("through run"));
        while (!out.contains("server->client") && timer.elapsed() < 2 * kTimeoutMs) {
            run.waitForReadyRead(200);
            out += run.readAllStandardOutput();
        }
        run.terminate();
        QVERIFY(run.waitForFinished(kTimeoutMs));
        out += run.readAllStandardOutput();
        QVERIFY2(out.contains("client->server 127.0.0.1:"), out.constData());
        QVERIFY2(out.contains("server->client 127.0.0.1:" + upstream.toUtf8()), out.constData());
        server.waitForFinished(kTimeoutMs);
    }

    void listenAddressInUseFails() {
        QProcess holder;
        const QString port = startPython(holder, R"(
import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
time.sleep(30)
)");
        QVERIFY(!port.isEmpty());
        const Outcome r = runCli({"relay", "--listen", "127.0.0.1:" + port, "--to", "127.0.0.1:9"});
        holder.kill();
        holder.waitForFinished(kTimeoutMs);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("Address already in use (EADDRINUSE)"), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliRelay)
#include "test_cli_relay.moc"
