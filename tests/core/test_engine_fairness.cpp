// Fairness and kernel drops of the engine thread, against python3 peers: a UDP session keeps a
// paced stream while a TCP flood runs into another session of the same engine; a backed-up
// datagram socket takes long (bounded) turns beside a TCP flood, counted per loop iteration;
// datagram sessions get a large SO_RCVBUF by default; a flood into a tiny SO_RCVBUF surfaces
// the kernel's exact drop counter (SO_RXQ_OVFL) as a Warning event.

#include "core/engine/engine.h"
#include "core/net/options.h"
#include "core/support/bytes.h"
#include "core/support/engine_harness.h"
#include "core/support/python_peer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <QThread>
#include <functional>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace socklab;
using namespace socklab::test;

namespace {

/// The "drops" column of /proc/net/udp for the socket bound to 127.0.0.1:port (-1: not found).
long long procUdpDrops(std::uint16_t port) {
    QFile f("/proc/net/udp");
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray local =
        "0100007F:" + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    for (const QByteArray& line : f.readAll().split('\n')) {
        const auto cols = line.simplified().split(' ');
        if (cols.size() >= 13 && cols[1] == local) {
            return cols.last().toLongLong();
        }
    }
    return -1;
}

// Under a sanitizer every copy the engine makes is instrumented (TSan: ~10x slower), so the
// UDP share measures the instrumented build, not the scheduling; the exact accounting of every
// datagram is still asserted there.
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

// The 1-minute load average (0 when /proc/loadavg cannot be read).
double loadAverage1() {
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    return f.readLine().split(' ').value(0).toDouble();
}

// Floods a TCP connection to argv[1] from a thread; after a line on stdin sends argv[3]
// 64-byte datagrams to 127.0.0.1:argv[2] and prints the count; stops at the next line.
const char* const kBurstBesideFlood = R"(
    import socket, sys, threading, time
    tcp_port, udp_port, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    c = socket.create_connection(('127.0.0.1', tcp_port))
    c.settimeout(0.2)
    stop = threading.Event()
    def flood():
        chunk = b'x' * 65536
        deadline = time.monotonic() + 60
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                c.send(chunk)
            except socket.timeout:
                pass
    t = threading.Thread(target=flood); t.start()
    print('flooding', flush=True)
    sys.stdin.readline()
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for i in range(count):
        u.sendto(i.to_bytes(4, 'big') + b'u' * 60, ('127.0.0.1', udp_port))
    time.sleep(0.2)
    print(count, flush=True)
    sys.stdin.readline()
    stop.set(); t.join(); c.close()
)";

/// Runs the engine's loop on this thread until cond() or timeout_ms; keeps every event.
bool iterateUntil(Engine& engine, std::vector<EngineEvent>& log, const std::function<bool()>& cond,
                  int timeout_ms) {
    QElapsedTimer timer;
    timer.start();
    while (!cond()) {
        if (timer.elapsed() > timeout_ms) {
            return false;
        }
        engine.runOnce(10);
        for (EngineEvent& e : engine.events().drain()) {
            log.push_back(std::move(e));
        }
    }
    return true;
}

/// The local address a session reached `state` with ("" while it has not).
std::string localWhen(const std::vector<EngineEvent>& log, SessionId s, SessionState state) {
    for (const EngineEvent& e : log) {
        if (e.session == s && e.connection == 0 && e.kind == EngineEvent::Kind::StateChanged &&
            e.state == state) {
            return e.local;
        }
    }
    return {};
}

} // namespace

class TestEngineFairness : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!PythonPeer::available()) {
            QSKIP("python3 is not installed");
        }
    }

    // 2000 datagrams at ~20k/s need ~100 ms; a 512 KiB receive buffer holds ~20 ms of them.
    // An engine that spends tens of milliseconds on one TCP wakeup (it used to read 8 MiB per
    // wakeup) loses most of them; one that gives every ready socket a turn keeps them all.
    void udpKeepsItsShareDuringTcpFlood() {
        EngineHarness h;
        const SessionId tcp =
            h.engine.open(openRequest(AF_INET, SOCK_STREAM, 0, Role::Listen, "127.0.0.1:0"));
        auto listening = h.waitState(tcp, 0, SessionState::Listening);
        QVERIFY(listening);
        OpenSession udpReq = openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "127.0.0.1:0");
        udpReq.options.push_back(OptionSetting{OptionId::RcvBuf, 256 << 10});
        const SessionId udp = h.engine.open(udpReq);
        auto bound = h.waitState(udp, 0, SessionState::Bound);
        QVERIFY(bound);
        const std::uint16_t udpPort = portOf(bound->local);

        PythonPeer peer(R"(
            import socket, sys, threading, time
            tcp_port, udp_port = int(sys.argv[1]), int(sys.argv[2])
            done = threading.Event(); flooded = threading.Event(); sent_tcp = [0]
            def flood():
                c = socket.create_connection(('127.0.0.1', tcp_port))
                chunk = b'x' * (1 << 20)
                deadline = time.monotonic() + 20
                while not done.is_set() and sent_tcp[0] < (512 << 20) and time.monotonic() < deadline:
                    c.sendall(chunk); sent_tcp[0] += len(chunk)
                    if sent_tcp[0] >= (16 << 20): flooded.set()
                flooded.set(); c.close()
            t = threading.Thread(target=flood); t.start()
            flooded.wait(20)
            u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            start = time.perf_counter(); sent = 0
            while sent < 2000:
                # 20 datagrams per millisecond, paced against the clock.
                while time.perf_counter() < start + sent / 20000.0: pass
                u.sendto(sent.to_bytes(4, 'big') + b'u' * 96, ('127.0.0.1', udp_port)); sent += 1
            elapsed = time.perf_counter() - start
            tcp_during = sent_tcp[0]
            time.sleep(0.2); done.set(); t.join()
            print(sent, flush=True)
            print(tcp_during, '%.3f' % elapsed, flush=True)
        )",
                        {QString::number(portOf(listening->local)), QString::number(udpPort)});
        QVERIFY(peer.start());
        const QByteArray sentLine = peer.readLine(60000);
        QVERIFY2(!sentLine.isEmpty(), peer.errorOutput().constData());
        const QByteArray info = peer.readLine(15000);
        QCOMPARE(peer.finish(30000), 0);
        const std::uint64_t sent = sentLine.toULongLong();
        QCOMPARE(sent, std::uint64_t(2000));

        auto store = h.engine.store(udp);
        // Every datagram is either in the store or counted by the kernel as dropped.
        long long drops = 0;
        const bool settled = h.waitUntil(
            [&] {
                drops = procUdpDrops(udpPort);
                return store->counters().messagesIn +
                           static_cast<std::uint64_t>(std::max(0LL, drops)) >=
                       sent;
            },
            20000);
        const std::uint64_t received = store->counters().messagesIn;
        qInfo("UDP received %llu of %llu (kernel drops %lld); TCP bytes sent meanwhile / UDP "
              "send time: %s",
              static_cast<unsigned long long>(received), static_cast<unsigned long long>(sent),
              drops, info.constData());
        QVERIFY(settled);
        QVERIFY(drops >= 0);
        QCOMPARE(received + static_cast<std::uint64_t>(drops), sent);
        // A paced stream should be kept (nearly) whole: measured 95% here with 1 MiB per stream
        // wakeup, 67% with the former 8 MiB per wakeup (load average ~9 on 2 cores).
        if (kSanitized) {
            qInfo("sanitizer build: the UDP share is reported, not asserted");
            return;
        }
        // The share measures the engine's scheduling only when the python sender, the TCP
        // flood and the engine each get a CPU: with more runnable work than CPUs (a parallel
        // build next to the test) the kernel, not the engine, decides who runs (66% measured at
        // load 7 on 2 cores). Counters are exact either way (asserted above).
        if (const double load = loadAverage1(); load > double(QThread::idealThreadCount())) {
            qInfo("load average %.1f > %d CPUs: the UDP share is reported, not asserted", load,
                  QThread::idealThreadCount());
            return;
        }
        QVERIFY2(received * 5 >= sent * 4, "the UDP session was starved by the TCP flood");
    }

    // The turn of one readiness event, counted with the loop run by hand: a datagram socket
    // with 5000 datagrams queued gives up the thread after 4096 (the rest come next
    // iteration), and a TCP connection flooding beside it is read in both iterations. With 256
    // datagrams a turn, 200k pps beside a captured TCP flood lost 70% in bench_gui_flood.
    // A receive buffer capped lower by net.core.rmem_max queues fewer: the first turn must then
    // take them all (the second row asks for the kernel's default size, 208 KiB).
    void backedUpDatagramSocketTakesLongTurns_data() {
        QTest::addColumn<int>("rcvBuf");
        QTest::newRow("default SO_RCVBUF") << 0;
        QTest::newRow("208 KiB SO_RCVBUF") << 212992;
    }

    void backedUpDatagramSocketTakesLongTurns() {
        QFETCH(int, rcvBuf);
        constexpr std::uint64_t kBurst = 5000;
        constexpr std::uint64_t kTurn = 4096;
        constexpr std::uint64_t kFormerTurn = 256;
        Engine engine; // not started: runOnce() below is one loop iteration
        std::vector<EngineEvent> log;
        const SessionId tcp =
            engine.open(openRequest(AF_INET, SOCK_STREAM, 0, Role::Listen, "127.0.0.1:0"));
        OpenSession udpReq = openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "127.0.0.1:0");
        if (rcvBuf > 0) {
            udpReq.options.push_back(OptionSetting{OptionId::RcvBuf, rcvBuf});
        }
        const SessionId udp = engine.open(udpReq);
        QVERIFY(iterateUntil(
            engine, log,
            [&] {
                return !localWhen(log, tcp, SessionState::Listening).empty() &&
                       !localWhen(log, udp, SessionState::Bound).empty();
            },
            10000));
        const std::uint16_t udpPort = portOf(localWhen(log, udp, SessionState::Bound));
        PythonPeer peer(QString::fromUtf8(kBurstBesideFlood),
                        {QString::number(portOf(localWhen(log, tcp, SessionState::Listening))),
                         QString::number(udpPort), QString::number(kBurst)});
        QVERIFY(peer.start());
        QCOMPARE(peer.readLine(15000), QByteArray("flooding"));
        auto tcpStore = engine.store(tcp);
        auto udpStore = engine.store(udp);
        QVERIFY(iterateUntil(
            engine, log, [&] { return tcpStore->counters().bytesIn > 0; }, 15000));
        // The burst queues in the socket's receive buffer while the loop is not run.
        peer.process().write("go\n");
        QCOMPARE(peer.readLine(30000), QByteArray::number(kBurst));
        const long long drops = procUdpDrops(udpPort);
        QVERIFY(drops >= 0);
        const std::uint64_t queued = kBurst - static_cast<std::uint64_t>(drops);
        if (queued <= kFormerTurn) {
            peer.process().write("\n");
            QSKIP("the receive buffer (net.core.rmem_max) holds too few datagrams for this test");
        }
        QCOMPARE(udpStore->counters().messagesIn, std::uint64_t(0));

        const std::uint64_t tcpBefore = tcpStore->counters().bytesIn;
        engine.runOnce(1000);
        const std::uint64_t firstTurn = udpStore->counters().messagesIn;
        const std::uint64_t tcpAfterFirst = tcpStore->counters().bytesIn;
        engine.runOnce(1000);
        const std::uint64_t secondTurn = udpStore->counters().messagesIn - firstTurn;
        const std::uint64_t tcpAfterSecond = tcpStore->counters().bytesIn;
        peer.process().write("\n");
        QCOMPARE(peer.finish(30000), 0);
        qInfo("queued %llu datagrams (kernel drops %lld): turns of %llu and %llu; TCP %llu "
              "and %llu bytes",
              static_cast<unsigned long long>(queued), drops,
              static_cast<unsigned long long>(firstTurn),
              static_cast<unsigned long long>(secondTurn),
              static_cast<unsigned long long>(tcpAfterFirst - tcpBefore),
              static_cast<unsigned long long>(tcpAfterSecond - tcpAfterFirst));
        QCOMPARE(firstTurn, std::min(queued, kTurn));
        QCOMPARE(secondTurn, queued - firstTurn);
        QVERIFY2(tcpAfterFirst > tcpBefore, "the TCP connection got no turn beside the UDP one");
        QVERIFY2(tcpAfterSecond > tcpAfterFirst, "the TCP connection got no second turn");
    }

    void datagramDefaultReceiveBuffer() {
        EngineHarness h;
        const SessionId s =
            h.engine.open(openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "127.0.0.1:0"));
        auto applied = h.waitKind(s, EngineEvent::Kind::OptionApplied);
        QVERIFY(applied);
        QCOMPARE(applied->option.id, OptionId::RcvBuf);
        QCOMPARE(applied->option.requested, 4 << 20);
        // Linux doubles the request for bookkeeping, capped at net.core.rmem_max.
        QFile f("/proc/sys/net/core/rmem_max");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const long long rmemMax = f.readAll().trimmed().toLongLong();
        QCOMPARE(static_cast<long long>(applied->option.effective),
                 2 * std::min<long long>(rmemMax, 4 << 20));
        QVERIFY(h.waitState(s, 0, SessionState::Bound));
    }

    void explicitReceiveBufferWins() {
        EngineHarness h;
        OpenSession req = openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "127.0.0.1:0");
        req.options.push_back(OptionSetting{OptionId::RcvBuf, 4096});
        const SessionId s = h.engine.open(req);
        QVERIFY(h.waitState(s, 0, SessionState::Bound));
        int applied = 0;
        for (const EngineEvent& e : h.log()) {
            if (e.session == s && e.kind == EngineEvent::Kind::OptionApplied) {
                ++applied;
                QCOMPARE(e.option.requested, 4096);
            }
        }
        QCOMPARE(applied, 1);
    }

    // A tiny receive buffer and an unpaced burst: the kernel drops most of it, and the engine
    // reports exactly how many (the count /proc/net/udp shows for the socket).
    void kernelDropsAreReported() {
        EngineHarness h;
        OpenSession req = openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "127.0.0.1:0");
        req.options.push_back(OptionSetting{OptionId::RcvBuf, 1});
        const SessionId s = h.engine.open(req);
        auto bound = h.waitState(s, 0, SessionState::Bound);
        QVERIFY(bound);
        const std::uint16_t port = portOf(bound->local);
        // Burst, then (after the engine has had time to drain) one last datagram: the kernel
        // attaches its drop counter to datagrams queued after the drops.
        PythonPeer peer(R"(
            import socket, sys, time
            u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            for i in range(5000):
                u.sendto(b'f' * 1000, ('127.0.0.1', int(sys.argv[1])))
            time.sleep(0.5)
            u.sendto(b'last', ('127.0.0.1', int(sys.argv[1])))
        )",
                        {QString::number(port)});
        QVERIFY(peer.start());
        QCOMPARE(peer.finish(30000), 0);
        auto store = h.engine.store(s);
        long long drops = -1;
        QVERIFY(h.waitUntil(
            [&] {
                drops = procUdpDrops(port);
                return drops >= 0 &&
                       store->counters().messagesIn + static_cast<std::uint64_t>(drops) == 5001;
            },
            20000));
        QVERIFY2(drops > 0, "the burst did not overflow the receive buffer");
        std::uint64_t reported = 0;
        std::string text;
        QVERIFY(h.waitUntil(
            [&] {
                for (const EngineEvent& e : h.log()) {
                    if (e.session == s && e.kind == EngineEvent::Kind::Warning &&
                        e.kernelDrops > reported) {
                        reported = e.kernelDrops;
                        text = e.text;
                    }
                }
                return reported == static_cast<std::uint64_t>(drops);
            },
            15000));
        QVERIFY2(text.find("dropped by the kernel") != std::string::npos, text.c_str());
        QVERIFY2(text.find(std::to_string(drops) + " in total") != std::string::npos, text.c_str());
        // The store carries the same note, ahead of the datagram that revealed it.
        bool noted = false;
        for (const Record& r : storeRecords(*store, RecordKind::Info)) {
            noted = noted || store->text(r).find("dropped by the kernel") != std::string::npos;
        }
        QVERIFY(noted);
    }
};

QTEST_APPLESS_MAIN(TestEngineFairness)
#include "test_engine_fairness.moc"
