// The engine reads back every option that applies to a session's own socket, set or not, and
// the values match what python3's socket module reads with getsockopt on an equivalent socket:
// UDP (v4 and v6, with a requested SO_RCVBUF), a TCP client before and after connect (TCP grows
// SO_SNDBUF once connected), a Unix stream listener, and an MPTCP listener whose refused
// getsockopt(IP_TTL) becomes a value-less row while the other options still read.

#include "core/engine/engine.h"
#include "core/net/options.h"
#include "core/support/engine_harness.h"
#include "core/support/python_peer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <map>
#include <netinet/in.h>
#include <set>
#include <string>
#include <sys/socket.h>
#include <vector>

using namespace socklab;
using namespace socklab::test;

namespace {

// Builds the socket the engine built and prints "cli-name value" or "cli-name E<errno>" for
// each option named in argv[5] (comma separated). Modes: fresh (socket() only), bound, listen,
// connected (to a listener of its own). argv[6] is the path for AF_UNIX.
constexpr const char* kReference = R"(
    import socket, struct, sys
    fam, typ, proto, mode = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    names = sys.argv[5].split(',')
    v6 = fam == socket.AF_INET6
    S, IP = socket.SOL_SOCKET, (socket.IPPROTO_IPV6 if v6 else socket.IPPROTO_IP)
    opts = {
        'reuseaddr': (S, socket.SO_REUSEADDR), 'reuseport': (S, socket.SO_REUSEPORT),
        'broadcast': (S, socket.SO_BROADCAST), 'keepalive': (S, socket.SO_KEEPALIVE),
        'rcvbuf': (S, socket.SO_RCVBUF), 'sndbuf': (S, socket.SO_SNDBUF),
        'linger': (S, socket.SO_LINGER), 'oobinline': (S, socket.SO_OOBINLINE),
        'nodelay': (socket.IPPROTO_TCP, socket.TCP_NODELAY),
        'syncnt': (socket.IPPROTO_TCP, socket.TCP_SYNCNT),
        'user-timeout': (socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT),
        'keepidle': (socket.IPPROTO_TCP, socket.TCP_KEEPIDLE),
        'keepintvl': (socket.IPPROTO_TCP, socket.TCP_KEEPINTVL),
        'keepcnt': (socket.IPPROTO_TCP, socket.TCP_KEEPCNT),
        'ttl': (IP, socket.IPV6_UNICAST_HOPS if v6 else socket.IP_TTL),
        'v6only': (socket.IPPROTO_IPV6, socket.IPV6_V6ONLY),
        'mcast-ttl': (IP, socket.IPV6_MULTICAST_HOPS if v6 else socket.IP_MULTICAST_TTL),
        'mcast-loop': (IP, socket.IPV6_MULTICAST_LOOP if v6 else socket.IP_MULTICAST_LOOP),
        'mcast-if': (IP, socket.IPV6_MULTICAST_IF if v6 else socket.IP_MULTICAST_IF),
    }
    host = '::1' if v6 else '127.0.0.1'
    s = socket.socket(fam, typ, proto)
    keep = []
    if mode in ('bound', 'listen'):
        s.bind(sys.argv[6] if fam == socket.AF_UNIX else (host, 0))
    if mode == 'listen':
        s.listen()
    if mode == 'connected':
        l = socket.socket(fam, typ, proto); l.bind((host, 0)); l.listen(); keep.append(l)
        s.connect(l.getsockname())
    for n in names:
        level, opt = opts[n]
        try:
            if n == 'linger':
                onoff, secs = struct.unpack('ii', s.getsockopt(level, opt, 8))
                v = secs if onoff else -1
            else:
                v = s.getsockopt(level, opt)
            print(n, v)
        except OSError as e:
            print(n, 'E%d' % e.errno)
)";

struct Reading {
    bool ok = false;
    int value = 0; // when ok
    int err = 0;   // errno when !ok
    friend bool operator==(const Reading&, const Reading&) = default;
};

using Readings = std::map<std::string, Reading>;

std::string cliName(OptionId id) {
    return std::string(findOption(id)->cliName);
}

std::string joined(const std::set<std::string>& names) {
    std::string out;
    for (const auto& n : names) {
        out += (out.empty() ? "" : ",") + n;
    }
    return out;
}

// What python reads on the equivalent socket; empty on failure (with a warning).
Readings pythonReads(const SocketSpec& spec, const char* mode, const std::set<std::string>& names,
                     const QString& unixPath = {}) {
    QStringList args = {QString::number(spec.family), QString::number(spec.type),
                        QString::number(spec.protocol), QString::fromLatin1(mode),
                        QString::fromStdString(joined(names))};
    if (!unixPath.isEmpty()) {
        args << unixPath;
    }
    PythonPeer ref(QString::fromLatin1(kReference), args);
    Readings out;
    if (!ref.start() || ref.finish(10000) != 0) {
        qWarning("reference script failed: %s", ref.errorOutput().constData());
        return out;
    }
    for (const QByteArray& line : ref.allOutput().split('\n')) {
        const QList<QByteArray> parts = line.trimmed().split(' ');
        if (parts.size() != 2) {
            continue;
        }
        Reading r;
        if (parts[1].startsWith('E')) {
            r.err = parts[1].mid(1).toInt();
        } else {
            r.ok = true;
            r.value = parts[1].toInt();
        }
        out[parts[0].toStdString()] = r;
    }
    return out;
}

Reading readingOf(const OptionReadback& o) {
    return o.error ? Reading{false, 0, o.error->sysErrno()} : Reading{true, o.effective, 0};
}

// Every OptionRead event of session s (own socket), in order, keyed by CLI name.
std::map<std::string, std::vector<OptionReadback>> readEvents(const EngineHarness& h, SessionId s) {
    std::map<std::string, std::vector<OptionReadback>> out;
    for (const EngineEvent& e : h.log()) {
        if (e.session == s && e.kind == EngineEvent::Kind::OptionRead) {
            if (e.connection != 0 || e.option.wasSet) {
                qWarning("OptionRead on connection %u, wasSet %d", e.connection,
                         int(e.option.wasSet));
                return {};
            }
            out[cliName(e.option.id)].push_back(e.option);
        }
    }
    return out;
}

std::set<std::string> keysOf(const std::map<std::string, std::vector<OptionReadback>>& m) {
    std::set<std::string> out;
    for (const auto& [k, v] : m) {
        out.insert(k);
    }
    return out;
}

std::string describeReading(const Reading& r) {
    return r.ok ? std::to_string(r.value) : "E" + std::to_string(r.err);
}

long long rmemMax() {
    QFile f("/proc/sys/net/core/rmem_max");
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong() : -1;
}

} // namespace

class TestEngineOptionReadback : public QObject {
    Q_OBJECT

    // Compares the last read of every option with python's reading, naming the first mismatch.
    static bool sameAsPython(const std::map<std::string, std::vector<OptionReadback>>& got,
                             const Readings& want) {
        if (want.size() != got.size()) {
            qWarning("python read %zu options, the engine %zu", want.size(), got.size());
            return false;
        }
        for (const auto& [name, reads] : got) {
            const auto it = want.find(name);
            if (it == want.end() || readingOf(reads.back()) != it->second) {
                qWarning("%s: engine %s, python %s", name.c_str(),
                         describeReading(readingOf(reads.back())).c_str(),
                         it == want.end() ? "(none)" : describeReading(it->second).c_str());
                return false;
            }
        }
        return true;
    }

private slots:
    void initTestCase() {
        if (!PythonPeer::available()) {
            QSKIP("python3 is needed as the reference peer");
        }
    }

    void applicabilityAndReasons() {
        const SocketSpec udp{AF_INET, SOCK_DGRAM, 0};
        const SocketSpec tcp6{AF_INET6, SOCK_STREAM, IPPROTO_TCP};
        const SocketSpec unixStream{AF_UNIX, SOCK_STREAM, 0};
        QVERIFY(!optionApplies(OptionId::TcpNoDelay, udp));
        QCOMPARE(whyOptionDoesNotApply(OptionId::TcpNoDelay, udp),
                 std::string_view("Nagle's algorithm exists only in TCP."));
        QVERIFY(optionApplies(OptionId::TcpNoDelay, tcp6));
        QVERIFY(whyOptionDoesNotApply(OptionId::TcpNoDelay, tcp6).empty());
        QVERIFY(optionApplies(OptionId::V6Only, tcp6));
        QVERIFY(!optionApplies(OptionId::V6Only, udp));
        QVERIFY(optionApplies(OptionId::MulticastLoop, udp));
        QVERIFY(!optionApplies(OptionId::MulticastLoop, tcp6));
        QVERIFY(!optionApplies(OptionId::Broadcast, SocketSpec{AF_INET6, SOCK_DGRAM, 0}));
        for (const OptionInfo& o : optionCatalog()) {
            const bool buffer = o.id == OptionId::RcvBuf || o.id == OptionId::SndBuf;
            QCOMPARE(optionApplies(o.id, unixStream), buffer);
            QCOMPARE(whyOptionDoesNotApply(o.id, unixStream).empty(), buffer);
        }
    }

    // SO_RCVBUF is set by the engine's datagram default, so it comes as OptionApplied; every
    // other option for UDP/IPv4 is read back unrequested and matches python's bound socket.
    void udp4EveryApplicableOptionReadBack() {
        EngineHarness h;
        const SocketSpec spec{AF_INET, SOCK_DGRAM, 0};
        const SessionId s =
            h.engine.open(openRequest(spec.family, spec.type, 0, Role::Bind, "127.0.0.1:0"));
        QVERIFY(h.waitState(s, 0, SessionState::Bound));
        const auto got = readEvents(h, s);
        const std::set<std::string> expected = {"reuseaddr", "reuseport", "broadcast",  "sndbuf",
                                                "ttl",       "mcast-ttl", "mcast-loop", "mcast-if"};
        QCOMPARE(keysOf(got), expected);
        for (const auto& [name, reads] : got) {
            QCOMPARE(reads.size(), std::size_t(1));
            QCOMPARE(reads.front().requested, 0);
            QVERIFY2(!reads.front().error, name.c_str());
        }
        QVERIFY(sameAsPython(got, pythonReads(spec, "bound", expected)));
        QCOMPARE(got.at("ttl").front().effective, 64); // net.ipv4.ip_default_ttl
    }

    // A requested SO_RCVBUF is doubled by the kernel (socket(7)) and is not read back again.
    void udp6RequestedBufferDoubledOthersReadBack() {
        const long long cap = rmemMax();
        QVERIFY(cap > 0);
        EngineHarness h;
        const SocketSpec spec{AF_INET6, SOCK_DGRAM, 0};
        OpenSession req = openRequest(spec.family, spec.type, 0, Role::Bind, "[::1]:0");
        req.options = {{OptionId::RcvBuf, 100000}};
        const SessionId s = h.engine.open(req);
        QVERIFY(h.waitState(s, 0, SessionState::Bound));
        int applied = 0;
        for (const EngineEvent& e : h.log()) {
            if (e.session == s && e.kind == EngineEvent::Kind::OptionApplied) {
                ++applied;
                QCOMPARE(e.option.id, OptionId::RcvBuf);
                QVERIFY(e.option.wasSet);
                QCOMPARE(e.option.requested, 100000);
                QCOMPARE(static_cast<long long>(e.option.effective),
                         2 * std::min<long long>(cap, 100000));
            }
        }
        QCOMPARE(applied, 1);
        const auto got = readEvents(h, s);
        const std::set<std::string> expected = {"reuseaddr", "reuseport", "sndbuf",     "ttl",
                                                "v6only",    "mcast-ttl", "mcast-loop", "mcast-if"};
        QCOMPARE(keysOf(got), expected);
        QVERIFY(sameAsPython(got, pythonReads(spec, "bound", expected)));
    }

    // TCP client: read right after socket() (python: fresh socket), and once connected only the
    // options whose value changed are read again: python shows SO_SNDBUF growing on connect.
    void tcpClientRereadAfterConnect() {
        PythonPeer server(R"(
            import socket, sys
            l = socket.socket(); l.bind(('127.0.0.1', 0)); l.listen()
            print(l.getsockname()[1], flush=True)
            c, _ = l.accept()
            sys.stdin.read()
        )");
        QVERIFY(server.start());
        const QByteArray port = server.readLine(5000);
        QVERIFY(!port.isEmpty());
        EngineHarness h;
        const SocketSpec spec{AF_INET, SOCK_STREAM, 0};
        const SessionId s = h.engine.open(openRequest(spec.family, spec.type, 0, Role::Connect, {},
                                                      "127.0.0.1:" + port.toStdString()));
        QVERIFY(h.waitState(s, 0, SessionState::Connected));
        const auto got = readEvents(h, s);
        const std::set<std::string> expected = {
            "reuseaddr", "reuseport", "keepalive", "rcvbuf",      "sndbuf",
            "linger",    "oobinline", "nodelay",   "ttl",         "syncnt",
            "keepidle",  "keepintvl", "keepcnt",   "user-timeout"};
        QCOMPARE(keysOf(got), expected);

        const Readings fresh = pythonReads(spec, "fresh", expected);
        const Readings connected = pythonReads(spec, "connected", expected);
        QCOMPARE(fresh.size(), expected.size());
        QCOMPARE(connected.size(), expected.size());
        QVERIFY2(connected.at("sndbuf").value > fresh.at("sndbuf").value,
                 "TCP no longer grows SO_SNDBUF on connect: the re-read has nothing to show");
        for (const auto& [name, reads] : got) {
            QCOMPARE(readingOf(reads.front()), fresh.at(name));
            const bool changed = !(fresh.at(name) == connected.at(name));
            QCOMPARE(reads.size(), std::size_t(changed ? 2 : 1));
        }
        QVERIFY(sameAsPython(got, connected));
        QCOMPARE(got.at("linger").back().effective, -1); // off by default
        server.process().closeWriteChannel();
        QCOMPARE(server.finish(10000), 0);
    }

    // AF_UNIX has no IP layer: only the buffers apply.
    void unixListenerReadsOnlyBuffers() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        EngineHarness h;
        const SocketSpec spec{AF_UNIX, SOCK_STREAM, 0};
        const SessionId s =
            h.engine.open(openRequest(spec.family, spec.type, 0, Role::Listen,
                                      dir.filePath(QStringLiteral("engine.sock")).toStdString()));
        QVERIFY(h.waitState(s, 0, SessionState::Listening));
        const auto got = readEvents(h, s);
        const std::set<std::string> expected = {"rcvbuf", "sndbuf"};
        QCOMPARE(keysOf(got), expected);
        QVERIFY(sameAsPython(
            got, pythonReads(spec, "listen", expected, dir.filePath(QStringLiteral("py.sock")))));
    }

    // MPTCP refuses some IP-level getsockopt calls on many kernels. Whatever the kernel does,
    // the engine reports the same (value or errno) as python, and a refusal does not stop the
    // options after it from being read.
    void mptcpRefusalsAreRowsNotAborts() {
        const SocketSpec spec{AF_INET, SOCK_STREAM, IPPROTO_MPTCP};
        if (!probe(spec).ok) {
            QSKIP("MPTCP is not available in this kernel (net.mptcp.enabled or CONFIG_MPTCP)");
        }
        EngineHarness h;
        const SessionId s = h.engine.open(
            openRequest(spec.family, spec.type, spec.protocol, Role::Listen, "127.0.0.1:0"));
        QVERIFY(h.waitState(s, 0, SessionState::Listening));
        const auto got = readEvents(h, s);
        const std::set<std::string> expected = {
            "reuseaddr", "reuseport", "keepalive", "rcvbuf",      "sndbuf",
            "linger",    "oobinline", "nodelay",   "ttl",         "syncnt",
            "keepidle",  "keepintvl", "keepcnt",   "user-timeout"};
        QCOMPARE(keysOf(got), expected);
        QVERIFY(sameAsPython(got, pythonReads(spec, "listen", expected)));
        for (const auto& [name, reads] : got) {
            if (reads.back().error) {
                const std::string message = reads.back().error->message();
                QVERIFY2(message.starts_with("getsockopt "), message.c_str());
                qInfo("%s is a value-less row: %s", name.c_str(), message.c_str());
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestEngineOptionReadback)
#include "test_engine_option_readback.moc"
