#include "tests/bench/flood_peers.h"

#include "tests/bench/support/bench_stats.h"

#include <QFile>
#include <QList>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <algorithm>
#include <random>
#include <span>
#include <vector>

namespace socklab::bench {

namespace {

// Sends N bytes whose value at stream offset i is i % 256 (every send is a whole number of
// 256-byte periods), so the capture can be checked byte for byte. Prints its own elapsed time.
constexpr auto kTcpSender = R"PY(
import socket, sys, time
port, total = int(sys.argv[1]), int(sys.argv[2])
chunk = memoryview(bytes(range(256)) * 4096)
s = socket.create_connection(("127.0.0.1", port))
t = time.monotonic()
left = total
while left > 0:
    n = min(left, len(chunk))
    s.sendall(chunk[:n])
    left -= n
s.close()
print(total, time.monotonic() - t)
)PY";

// Sends M datagrams as fast as a blocking socket lets it; prints how many send() accepted.
constexpr auto kUdpSender = R"PY(
import socket, sys, time
port, count, size = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.connect(("127.0.0.1", port))
payload = b"u" * size
sent = failed = 0
t = time.monotonic()
for _ in range(count):
    try:
        s.send(payload)
        sent += 1
    except OSError:
        failed += 1
print(sent, failed, time.monotonic() - t)
)PY";

// A plain UDP receiver for the peer run: counts datagrams until 1.5 s of silence, then prints
// the count and its socket's kernel drop counter.
constexpr auto kUdpReceiver = R"PY(
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
print(port, flush=True)
buf = bytearray(65536)
n = 0
s.settimeout(20.0)
try:
    s.recv_into(buf)
    n = 1
    s.settimeout(1.5)
    while True:
        s.recv_into(buf)
        n += 1
except socket.timeout:
    pass
key, drops = "0100007F:%04X" % port, 0
for line in open("/proc/net/udp"):
    f = line.split()
    if len(f) > 12 and f[1] == key:
        drops = int(f[-1])
print(n, drops, flush=True)
)PY";

} // namespace

UdpKernelFigures udpKernelFigures(std::uint16_t port) {
    UdpKernelFigures out;
    QFile f(QStringLiteral("/proc/net/udp"));
    if (!f.open(QIODevice::ReadOnly)) {
        return out;
    }
    const QByteArray local =
        "0100007F:" + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    for (const QByteArray& line : f.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() >= 13 && fields[1] == local) {
            out.found = true;
            out.rxQueue = fields[4].split(':').value(1).toULongLong(nullptr, 16);
            out.drops = fields.back().toULongLong();
        }
    }
    return out;
}

// The interpreter itself: a pyenv shim would add a shell and ~100 ms to every start.
QString pythonPath() {
    static const QString path = [] {
        QProcess p;
        p.start(QStringLiteral("python3"),
                {QStringLiteral("-c"), QStringLiteral("import sys; print(sys.executable)")});
        p.waitForFinished(10000);
        const QString out = QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
        return out.isEmpty() ? QStringLiteral("python3") : out;
    }();
    return path;
}

// The same two floods at once into plain receivers: TCP into `socat -u TCP-LISTEN:0 /dev/null`
// (socat reports the port it got), UDP into a python3 recv loop.
void startFloods(QProcess& tcpSender, std::uint16_t tcpPort, QProcess& udpSender,
                 std::uint16_t udpPort, const FloodSize& size) {
    udpSender.start(pythonPath(), {QStringLiteral("-c"), QString::fromLatin1(kUdpSender),
                                   QString::number(udpPort), QString::number(size.udpCount),
                                   QString::number(size.udpSize)});
    tcpSender.start(pythonPath(), {QStringLiteral("-c"), QString::fromLatin1(kTcpSender),
                                   QString::number(tcpPort), QString::number(size.tcpBytes)});
}

void startTcpFlood(QProcess& tcpSender, std::uint16_t tcpPort, std::uint64_t bytes) {
    tcpSender.start(pythonPath(), {QStringLiteral("-c"), QString::fromLatin1(kTcpSender),
                                   QString::number(tcpPort), QString::number(bytes)});
}

std::optional<ReferenceResult> referenceRun(const FloodSize& size) {
    const std::uint64_t total = size.tcpBytes;
    const int timeoutS = size.timeoutS;
    if (QStandardPaths::findExecutable(QStringLiteral("socat")).isEmpty()) {
        return std::nullopt;
    }
    QProcess udpReceiver;
    udpReceiver.start(pythonPath(), {QStringLiteral("-c"), QString::fromLatin1(kUdpReceiver)});
    udpReceiver.waitForReadyRead(10000);
    const int udpPort = udpReceiver.readLine().trimmed().toInt();
    if (udpPort == 0) {
        return std::nullopt;
    }
    QProcess socat;
    socat.start(QStringLiteral("socat"),
                {QStringLiteral("-d"), QStringLiteral("-d"), QStringLiteral("-u"),
                 QStringLiteral("TCP-LISTEN:0,bind=127.0.0.1"), QStringLiteral("/dev/null")});
    if (!socat.waitForStarted(5000)) {
        return std::nullopt;
    }
    static const QRegularExpression listening(QStringLiteral("listening on AF=2 [0-9.]+:(\\d+)"));
    QByteArray log;
    int port = 0;
    const auto until = Clock::now() + std::chrono::seconds(10);
    socat.setReadChannel(QProcess::StandardError);
    while (port == 0 && Clock::now() < until) {
        socat.waitForReadyRead(200);
        log += socat.readAllStandardError();
        const auto m = listening.match(QString::fromUtf8(log));
        if (m.hasMatch()) {
            port = m.captured(1).toInt();
        }
    }
    if (port == 0) {
        socat.kill();
        socat.waitForFinished(2000);
        return std::nullopt;
    }
    QProcess sender;
    QProcess udpSender;
    const auto t0 = Clock::now();
    startFloods(sender, static_cast<std::uint16_t>(port), udpSender,
                static_cast<std::uint16_t>(udpPort), size);
    const bool finished = socat.waitForFinished(timeoutS * 1000);
    const auto t1 = Clock::now();
    sender.waitForFinished(10000);
    udpSender.waitForFinished(timeoutS * 1000);
    udpReceiver.waitForFinished(30000);
    if (!finished || socat.exitCode() != 0 || sender.exitCode() != 0) {
        socat.kill();
        socat.waitForFinished(2000);
        return std::nullopt;
    }
    ReferenceResult r;
    r.mbps = static_cast<double>(total) / 1e6 / (ms(t1 - t0) / 1000.0);
    const QList<QByteArray> out = sender.readAllStandardOutput().simplified().split(' ');
    if (out.size() == 2 && out[1].toDouble() > 0) {
        r.senderMBps = static_cast<double>(total) / 1e6 / out[1].toDouble();
    }
    r.udpSent = udpSender.readAllStandardOutput().simplified().split(' ').front().toULongLong();
    const QList<QByteArray> got = udpReceiver.readAllStandardOutput().simplified().split(' ');
    if (got.size() == 2) {
        r.udpReceived = got[0].toULongLong();
        r.udpDrops = got[1].toULongLong();
    }
    return r;
}

// Checks the capture byte for byte at the start, the end and 4096 random offsets: the value at
// stream offset i must be i % 256. Returns the number of bad bytes.
std::uint64_t checkTcpContent(const TrafficStore& store, std::uint64_t total) {
    std::uint64_t bad = 0;
    std::vector<std::byte> buf(64 * 1024);
    const auto checkAt = [&](std::uint64_t offset, std::size_t len) {
        len = static_cast<std::size_t>(std::min<std::uint64_t>(len, total - offset));
        const std::size_t got = store.readArena(offset, std::span(buf.data(), len));
        if (got != len) {
            bad += len - got;
        }
        for (std::size_t i = 0; i < got; ++i) {
            if (buf[i] != static_cast<std::byte>((offset + i) & 0xff)) {
                ++bad;
            }
        }
    };
    if (total == 0) {
        return 0;
    }
    checkAt(0, buf.size());
    checkAt(total > buf.size() ? total - buf.size() : 0, buf.size());
    std::mt19937_64 rng(42);
    for (int i = 0; i < 4096; ++i) {
        checkAt(rng() % total, 512);
    }
    return bad;
}

} // namespace socklab::bench
