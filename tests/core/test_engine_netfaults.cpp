// Network faults that need a network of the test's own: an unreachable network, an unreachable
// host, and a peer that vanishes (its link goes down) detected by TCP_USER_TIMEOUT with data
// pending, or by keep-alive probes on an idle connection.
//
// The test process moves into a new network namespace first thing in main() (a user namespace
// too when not root), so the veth pairs and routes it makes exist nowhere else. Each peer is a
// python3 process started in a network namespace of its own (`unshare -n`), holding the far end
// of a veth pair; "unplugging" it is `ip link set down` on that end.

#include "core/engine/engine.h"
#include "core/support/engine_harness.h"
#include "core/support/python_peer.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <fcntl.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace socklab;
using namespace socklab::test;

namespace {

bool g_isolated = false;
QString g_why;

bool writeFile(const char* path, const std::string& text) {
    const int fd = ::open(path, O_WRONLY);
    const bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == ssize_t(text.size());
    if (fd >= 0) {
        ::close(fd);
    }
    return ok;
}

// Run a command (ip, nsenter); "" or what went wrong.
QString run(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(10000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        return program + QLatin1Char(' ') + args.join(QLatin1Char(' ')) + QStringLiteral(": ") +
               QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
    }
    return {};
}

QString inPeer(qint64 pid, const QStringList& args) {
    return run(QStringLiteral("nsenter"),
               QStringList{QStringLiteral("-t"), QString::number(pid), QStringLiteral("-n")} +
                   args);
}

// A python3 peer in a network namespace of its own, holding `far` of a new veth pair whose
// near end (in the test's namespace) is 10.99.<net>.1/24; the peer is 10.99.<net>.2 and
// listens there. stdin lines step it on.
const char* const kPeer = R"(
    import os, socket, sys
    print(os.getpid(), flush=True)
    sys.stdin.readline()
    s = socket.socket(); s.bind((sys.argv[1], 0)); s.listen(1)
    print(s.getsockname()[1], flush=True)
    c, _ = s.accept()
    print('accepted', flush=True)
    sys.stdin.readline()
)";

struct VethPeer {
    QProcess process;
    qint64 pid = 0;
    QString address;
    QString port;

    // "" or why not.
    QString start(int net) {
        const QString near = QStringLiteral("vf%1a").arg(net);
        const QString far = QStringLiteral("vf%1b").arg(net);
        address = QStringLiteral("10.99.%1.2").arg(net);
        const QString ip = QStringLiteral("ip");
        if (auto e = run(ip, {"link", "add", near, "type", "veth", "peer", "name", far});
            !e.isEmpty()) {
            return e;
        }
        process.start(QStringLiteral("unshare"),
                      {QStringLiteral("-n"), QStringLiteral("python3"), QStringLiteral("-u"),
                       QStringLiteral("-c"), dedent(QString::fromUtf8(kPeer)), address});
        if (!process.waitForStarted(5000)) {
            return QStringLiteral("the peer did not start");
        }
        pid = line().toLongLong();
        if (pid <= 0) {
            return QStringLiteral("no pid from the peer: ") +
                   QString::fromLocal8Bit(process.readAllStandardError());
        }
        const QList<std::pair<bool, QStringList>> steps = {
            {false, {"link", "set", far, "netns", QString::number(pid)}},
            {false, {"addr", "add", QStringLiteral("10.99.%1.1/24").arg(net), "dev", near}},
            {false, {"link", "set", near, "up"}},
            {true, {"addr", "add", address + QStringLiteral("/24"), "dev", far}},
            {true, {"link", "set", far, "up"}},
            {true, {"link", "set", "lo", "up"}},
        };
        for (const auto& [there, args] : steps) {
            const QString e = there ? inPeer(pid, QStringList{ip} + args) : run(ip, args);
            if (!e.isEmpty()) {
                return e;
            }
        }
        process.write("go\n");
        port = QString::fromLatin1(line());
        return port.toInt() > 0
                   ? QString()
                   : QStringLiteral("no port from the peer (\"%1\"): %2")
                         .arg(port, QString::fromLocal8Bit(process.readAllStandardError()));
    }

    // The next whole line (python -u writes the text and its newline separately).
    QByteArray line(int timeout_ms = 10000) {
        QElapsedTimer t;
        t.start();
        while (!process.canReadLine() && t.elapsed() < timeout_ms &&
               process.state() == QProcess::Running) {
            process.waitForReadyRead(100);
        }
        return process.readLine().trimmed();
    }

    QString unplug(int net) {
        return inPeer(pid, {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"),
                            QStringLiteral("vf%1b").arg(net), QStringLiteral("down")});
    }

    ~VethPeer() {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
};

OpenSession tcpClient(const std::string& remote, std::vector<OptionSetting> options = {}) {
    OpenSession r = openRequest(AF_INET, SOCK_STREAM, 0, Role::Connect, "", remote);
    r.options = std::move(options);
    return r;
}

// The first Error event of s: its message, or "" when none came within timeout_ms.
std::string firstError(EngineHarness& h, SessionId s, int timeout_ms) {
    auto e = h.waitFor(
        [&](const EngineEvent& ev) {
            return ev.session == s && ev.kind == EngineEvent::Kind::Error && ev.error;
        },
        timeout_ms);
    return e ? e->error->message() : std::string();
}

bool isResolveFailure(const QString& msg) {
    static const QRegularExpression re(
        QStringLiteral(R"(^resolve nosuch\.invalid:80: .+ \(EAI_(NONAME|AGAIN)\)$)"));
    return re.match(msg).hasMatch();
}

} // namespace

class TestEngineNetFaults : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!g_isolated) {
            QSKIP(qPrintable(QStringLiteral("no network namespace of our own: ") + g_why));
        }
        if (!PythonPeer::available()) {
            QSKIP("python3 is not installed");
        }
    }

    // Only lo is up and there is no default route: connect() fails at once.
    void unreachableNetwork() {
        EngineHarness h;
        const SessionId s = h.engine.open(tcpClient("198.51.100.1:9"));
        QCOMPARE(firstError(h, s, 5000),
                 std::string("connect 198.51.100.1:9: Network is unreachable (ENETUNREACH)"));
        QVERIFY(h.waitState(s, 0, SessionState::Failed, 5000));
    }

    // A name that cannot resolve (RFC 6761 .invalid; no DNS server is reachable from here
    // either): the session fails with the resolver's error, no socket is connected.
    void unresolvableHost() {
        EngineHarness h;
        const SessionId s = h.engine.open(tcpClient("nosuch.invalid:80"));
        const QString msg = QString::fromStdString(firstError(h, s, 30000));
        QVERIFY2(isResolveFailure(msg), qPrintable(msg));
        QVERIFY(h.waitState(s, 0, SessionState::Failed, 5000));
        QVERIFY(storeRecords(*h.engine.store(s), RecordKind::Connected).empty());
    }

    // On a connected link nobody answers ARP for 10.99.1.3: after the neighbour probes (about
    // 3 s) connect fails with EHOSTUNREACH.
    void unreachableHost() {
        VethPeer peer;
        const QString why = peer.start(1);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        EngineHarness h;
        QElapsedTimer t;
        t.start();
        const SessionId s = h.engine.open(tcpClient("10.99.1.3:9"));
        QCOMPARE(firstError(h, s, 15000),
                 std::string("connect 10.99.1.3:9: No route to host (EHOSTUNREACH)"));
        QVERIFY(h.waitState(s, 0, SessionState::Failed, 5000));
        qInfo("EHOSTUNREACH after %lld ms", (long long)t.elapsed());
    }

    // The peer's link goes down with data pending: TCP_USER_TIMEOUT 1000 ms ends the connection
    // with ETIMEDOUT within a few seconds (instead of about 15 minutes of retransmissions).
    void vanishingPeerUserTimeout() {
        VethPeer peer;
        const QString why = peer.start(2);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        EngineHarness h;
        const std::string remote = (peer.address + QLatin1Char(':') + peer.port).toStdString();
        const SessionId s = h.engine.open(tcpClient(remote, {{OptionId::TcpUserTimeout, 1000}}));
        QVERIFY(h.waitState(s, 0, SessionState::Connected, 10000));
        QCOMPARE(peer.line(), QByteArray("accepted"));
        const QString unplugged = peer.unplug(2);
        QVERIFY2(unplugged.isEmpty(), qPrintable(unplugged));
        QElapsedTimer t;
        t.start();
        SendData d;
        d.session = s;
        d.bytes.assign(1000, std::byte{'v'});
        h.engine.post(std::move(d));
        const std::string error = firstError(h, s, 15000);
        QCOMPARE(error, "recv " + remote + ": Connection timed out (ETIMEDOUT)");
        QVERIFY(h.waitState(s, 0, SessionState::Failed, 5000));
        qInfo("ETIMEDOUT after %lld ms", (long long)t.elapsed());
        QVERIFY(t.elapsed() >= 900);
        QVERIFY(t.elapsed() < 10000);
    }

    // An idle connection (nothing to send) whose peer vanished: keep-alive probes (idle 1 s,
    // interval 1 s, 2 probes) end it with ETIMEDOUT after about 3 s.
    void vanishingPeerKeepAlive() {
        VethPeer peer;
        const QString why = peer.start(3);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        EngineHarness h;
        const std::string remote = (peer.address + QLatin1Char(':') + peer.port).toStdString();
        const SessionId s = h.engine.open(tcpClient(remote, {{OptionId::KeepAlive, 1},
                                                             {OptionId::TcpKeepIdle, 1},
                                                             {OptionId::TcpKeepIntvl, 1},
                                                             {OptionId::TcpKeepCnt, 2}}));
        QVERIFY(h.waitState(s, 0, SessionState::Connected, 10000));
        QCOMPARE(peer.line(), QByteArray("accepted"));
        const QString unplugged = peer.unplug(3);
        QVERIFY2(unplugged.isEmpty(), qPrintable(unplugged));
        QElapsedTimer t;
        t.start();
        const std::string error = firstError(h, s, 20000);
        QCOMPARE(error, "recv " + remote + ": Connection timed out (ETIMEDOUT)");
        QVERIFY(h.waitState(s, 0, SessionState::Failed, 5000));
        qInfo("keep-alive ETIMEDOUT after %lld ms", (long long)t.elapsed());
        QVERIFY(t.elapsed() >= 1500);
        QVERIFY(t.elapsed() < 15000);
    }
};

int main(int argc, char** argv) {
    // Before any thread exists: a namespace is per thread.
    const uid_t uid = ::getuid();
    const gid_t gid = ::getgid();
    if (uid == 0 && ::unshare(CLONE_NEWNET) == 0) {
        g_isolated = true;
    } else if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0) {
        writeFile("/proc/self/setgroups", "deny");
        g_isolated = writeFile("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") &&
                     writeFile("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1");
    } else {
        g_why = QString::fromLocal8Bit(strerror(errno));
    }
    if (g_isolated) {
        g_why = run(QStringLiteral("ip"), {"link", "set", "lo", "up"});
        g_isolated = g_why.isEmpty();
    }
    TestEngineNetFaults tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}

#include "test_engine_netfaults.moc"
