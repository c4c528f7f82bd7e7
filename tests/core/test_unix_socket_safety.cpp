// Safe defaults of binding: Unix socket files owner-only (or the mode asked for), an existing
// path removed only when it is a stale socket file of this user, only our own inode removed on
// close, and the exposure of a listening address classified. Sessions run in a real engine;
// the peers that make, hold and use the socket files are python3.
#include "core/net/exposure.h"
#include "core/net/unix_socket_file.h"
#include "core/workspace/workspace_json.h"
#include "support/engine_harness.h"
#include "support/python_peer.h"

#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace socklab;
using namespace socklab::test;

namespace {

// Binds argv[1] and exits without unlinking it: a stale socket file (nobody listening).
const char* kMakeStale = R"(
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
s.close()
print('made', flush=True)
)";

// Listens on argv[1]; prints "up", then accepts until killed.
const char* kLiveListener = R"(
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
s.listen(8)
print('up', flush=True)
while True:
    c, _ = s.accept()
    c.close()
)";

// Binds argv[1] without listen() (connects to it are refused, like a stale file's); prints
// "bound", then holds the socket until stdin closes.
const char* kBoundNotListening = R"(
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
print('bound', flush=True)
sys.stdin.read()
)";

// Connects to argv[1]: prints "connected" or the error's errno name.
const char* kConnect = R"(
import errno, socket, sys
s = socket.socket(socket.AF_UNIX)
try:
    s.connect(sys.argv[1])
    print('connected', flush=True)
except OSError as e:
    print(errno.errorcode.get(e.errno, str(e.errno)), flush=True)
)";

QByteArray runPeer(const char* script, const QString& path) {
    PythonPeer peer(QString::fromUtf8(script), {path});
    if (!peer.start()) {
        return "python3 did not start";
    }
    const QByteArray line = peer.readLine(10000);
    peer.finish(10000);
    return line;
}

mode_t modeOf(const std::string& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0 ? st.st_mode : 0;
}

OpenSession unixListen(const std::string& path, std::uint32_t mode = kDefaultUnixMode) {
    OpenSession r = openRequest(AF_UNIX, SOCK_STREAM, 0, Role::Listen, path);
    r.unixMode = mode;
    return r;
}

// The message of the first Error event of session s (waits for its Failed state).
std::string failure(EngineHarness& h, SessionId s) {
    if (!h.waitState(s, 0, SessionState::Failed)) {
        return "(no Failed state)";
    }
    const auto errors = h.errors(s);
    return errors.empty() || !errors.front().error ? "(no error)" : errors.front().error->message();
}

// The mode of the socket file right after bind() created it (setUnixBindObserverForTests),
// before SockLab's post-bind chmod could repair it; -1 before any bind.
std::atomic<int> g_createdMode{-1};

void recordCreatedMode(const std::string& path) {
    struct stat st {};
    g_createdMode = ::lstat(path.c_str(), &st) == 0 ? int(st.st_mode & 07777) : -2;
}

std::string expectedKept(const std::string& path, const std::string& why) {
    return "bind " + path + ": Address already in use (EADDRINUSE): " + why;
}

} // namespace

class TestUnixSocketSafety : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!PythonPeer::available()) {
            QSKIP("python3 is needed as the peer");
        }
    }

    void defaultModeIsOwnerOnlyWhateverTheUmask() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("a.sock")).toStdString();
        // umask 0 would give 0777: the mode comes from SockLab, not from the umask.
        const mode_t old = ::umask(0);
        EngineHarness h;
        const auto l = h.listen(unixListen(path));
        ::umask(old);
        QVERIFY(l);
        QVERIFY(S_ISSOCK(modeOf(path)));
        QCOMPARE(modeOf(path) & 07777, mode_t(0600));
        QCOMPARE(runPeer(kConnect, QString::fromStdString(path)), QByteArray("connected"));
    }

    void fileNeverExistsWiderThanAsked_data() {
        QTest::addColumn<int>("umask");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("created");
        // Without the fchmod before bind the file would start as 0777 & ~umask.
        QTest::newRow("0600, umask 0") << 0 << 0600 << 0600;
        QTest::newRow("0600, umask 022") << 022 << 0600 << 0600;
        QTest::newRow("0660, umask 022") << 022 << 0660 << 0640;
        QTest::newRow("0660, umask 0") << 0 << 0660 << 0660;
    }

    void fileNeverExistsWiderThanAsked() {
        QFETCH(int, umask);
        QFETCH(int, mode);
        QFETCH(int, created);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("c.sock")).toStdString();
        g_createdMode = -1;
        setUnixBindObserverForTests(&recordCreatedMode);
        const mode_t old = ::umask(mode_t(umask));
        EngineHarness h;
        const auto l = h.listen(unixListen(path, std::uint32_t(mode)));
        ::umask(old);
        setUnixBindObserverForTests(nullptr);
        QVERIFY(l);
        QCOMPARE(g_createdMode.load(), created);
        QCOMPARE(int(modeOf(path) & 07777), mode); // and exactly the mode asked for after
    }

    void explicitModeIsKeptUnderAUmask() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("g.sock")).toStdString();
        const mode_t old = ::umask(022); // would take the group's write bit
        EngineHarness h;
        const auto l = h.listen(unixListen(path, 0660));
        ::umask(old);
        QVERIFY(l);
        QCOMPARE(modeOf(path) & 07777, mode_t(0660));
    }

    void datagramBindIsOwnerOnlyToo() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("d.sock")).toStdString();
        EngineHarness h;
        const SessionId s = h.engine.open(openRequest(AF_UNIX, SOCK_DGRAM, 0, Role::Bind, path));
        QVERIFY(h.waitState(s, 0, SessionState::Bound));
        QCOMPARE(modeOf(path) & 07777, mode_t(0600));
    }

    void staleSocketOfOursIsRemovedAndSaidSo() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("stale.sock")).toStdString();
        const QString qpath = QString::fromStdString(path);
        QCOMPARE(runPeer(kMakeStale, qpath), QByteArray("made"));
        QVERIFY(S_ISSOCK(modeOf(path)));
        QCOMPARE(runPeer(kConnect, qpath), QByteArray("ECONNREFUSED"));
        EngineHarness h;
        const SessionId s = h.engine.open(unixListen(path));
        const std::string note = "removed stale socket file " + path + " (nobody was listening)";
        const auto warning = h.waitKind(s, EngineEvent::Kind::Warning);
        QVERIFY(warning);
        QCOMPARE(warning->text, note);
        QVERIFY(h.waitState(s, 0, SessionState::Listening));
        const auto store = h.engine.store(s);
        const auto infos = storeRecords(*store, RecordKind::Info);
        QVERIFY(
            std::ranges::any_of(infos, [&](const Record& r) { return store->text(r) == note; }));
        QCOMPARE(runPeer(kConnect, qpath), QByteArray("connected"));
    }

    void othersAreLeftAlone_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("why");
        QTest::newRow("regular file") << "file"
                                      << "it is not a socket file; SockLab does not delete it";
        QTest::newRow("directory")
            << "dir"
            << "it is a directory, not a socket file; SockLab does not delete it";
        QTest::newRow("symlink to a stale socket")
            << "symlink"
            << "it is a symbolic link, not a socket file; SockLab does not delete it";
        QTest::newRow("live listener") << "live"
                                       << "a program is listening there";
        QTest::newRow("bound, not listening yet")
            << "bound"
            << "a program has it bound but is not listening; SockLab does not delete it";
    }

    void othersAreLeftAlone() {
        QFETCH(QString, kind);
        QFETCH(QString, why);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("x.sock")).toStdString();
        const QString qpath = QString::fromStdString(path);
        PythonPeer live(
            QString::fromUtf8(kind == QLatin1String("bound") ? kBoundNotListening : kLiveListener),
            {qpath});
        mode_t type = 0;
        if (kind == QLatin1String("file")) {
            QFile f(qpath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("keep me");
            f.close();
            type = S_IFREG;
        } else if (kind == QLatin1String("dir")) {
            QVERIFY(QDir().mkdir(qpath));
            type = S_IFDIR;
        } else if (kind == QLatin1String("symlink")) {
            const std::string target = dir.filePath(QStringLiteral("t.sock")).toStdString();
            QCOMPARE(runPeer(kMakeStale, QString::fromStdString(target)), QByteArray("made"));
            QCOMPARE(::symlink(target.c_str(), path.c_str()), 0);
            type = S_IFLNK;
        } else if (kind == QLatin1String("bound")) {
            QVERIFY(live.start());
            QCOMPARE(live.readLine(10000), QByteArray("bound"));
            // What the old check saw: refused, as for a stale file.
            QCOMPARE(runPeer(kConnect, qpath), QByteArray("ECONNREFUSED"));
            type = S_IFSOCK;
        } else {
            QVERIFY(live.start());
            QCOMPARE(live.readLine(10000), QByteArray("up"));
            type = S_IFSOCK;
        }
        EngineHarness h;
        const SessionId s = h.engine.open(unixListen(path));
        QCOMPARE(failure(h, s), expectedKept(path, why.toStdString()));
        QCOMPARE(modeOf(path) & S_IFMT, type);
        if (kind == QLatin1String("file")) {
            QFile f(qpath);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), QByteArray("keep me"));
        }
        if (kind == QLatin1String("live")) {
            QCOMPARE(runPeer(kConnect, qpath), QByteArray("connected")); // still its server's
        }
    }

    void staleSocketOfAnotherUserIsLeftAlone() {
        if (::geteuid() != 0) {
            QSKIP("needs root to chown a socket file to another user");
        }
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("other.sock")).toStdString();
        QCOMPARE(runPeer(kMakeStale, QString::fromStdString(path)), QByteArray("made"));
        QCOMPARE(::lchown(path.c_str(), 65534, 65534), 0);
        EngineHarness h;
        const SessionId s = h.engine.open(unixListen(path));
        QCOMPARE(failure(h, s),
                 expectedKept(path, "the socket file belongs to another user (uid 65534); "
                                    "SockLab does not delete it"));
        struct stat st {};
        QCOMPARE(::lstat(path.c_str(), &st), 0);
        QVERIFY(S_ISSOCK(st.st_mode));
        QCOMPARE(st.st_uid, uid_t(65534));
    }

    void closeRemovesOurFileOnly() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("c.sock")).toStdString();
        EngineHarness h;
        // Ours, untouched: removed on close.
        auto l = h.listen(unixListen(path));
        QVERIFY(l);
        h.engine.post(CloseSocket{l->session, 0, false});
        QVERIFY(h.waitState(l->session, 0, SessionState::Closed));
        QCOMPARE(modeOf(path), mode_t(0));
        // Replaced behind our back by another socket file (python's): it survives the close.
        l = h.listen(unixListen(path));
        QVERIFY(l);
        QCOMPARE(::unlink(path.c_str()), 0);
        PythonPeer other(QString::fromUtf8(kLiveListener), {QString::fromStdString(path)});
        QVERIFY(other.start());
        QCOMPARE(other.readLine(10000), QByteArray("up"));
        h.engine.post(CloseSocket{l->session, 0, false});
        QVERIFY(h.waitState(l->session, 0, SessionState::Closed));
        QVERIFY(S_ISSOCK(modeOf(path)));
        QCOMPARE(runPeer(kConnect, QString::fromStdString(path)), QByteArray("connected"));
        // And a regular file put there survives the session's destruction too.
        const std::string path2 = dir.filePath(QStringLiteral("c2.sock")).toStdString();
        auto l2 = h.listen(unixListen(path2));
        QVERIFY(l2);
        QCOMPARE(::unlink(path2.c_str()), 0);
        QFile f(QString::fromStdString(path2));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        h.engine.post(DestroySession{l2->session});
        QVERIFY(h.listenTcp()); // handled after the destroy: the session is gone by then
        QCOMPARE(modeOf(path2) & S_IFMT, mode_t(S_IFREG));
    }

    void abstractNamesHaveNoFile() {
        EngineHarness h;
        const std::string name = "@socklab-safety-" + std::to_string(::getpid());
        const auto l = h.listen(unixListen(name, 0666));
        QVERIFY(l);
        QCOMPARE(l->local, name);
    }

    void modeText_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("mode"); // -1: refused
        QTest::newRow("600") << "600" << 0600;
        QTest::newRow("0660") << "0660" << 0660;
        QTest::newRow("0") << "0" << 0;
        QTest::newRow("0777") << "0777" << 0777;
        QTest::newRow("digit 8") << "0800" << -1;
        QTest::newRow("letters") << "rw" << -1;
        QTest::newRow("setuid bits") << "4755" << -1;
        QTest::newRow("too long") << "00600" << -1;
        QTest::newRow("empty") << "" << -1;
    }

    void modeText() {
        QFETCH(QString, text);
        QFETCH(int, mode);
        const auto r = parseUnixMode(text.toStdString());
        if (mode < 0) {
            QVERIFY(!r);
            QCOMPARE(r.error().message(), "parse unix mode \"" + text.toStdString() +
                                              "\": expected octal digits 0-7, at most 0777, e.g. "
                                              "0600 or 660");
            return;
        }
        QVERIFY(r);
        QCOMPARE(int(*r), mode);
        QCOMPARE(formatUnixMode(*r).size(), std::size_t(4));
        QCOMPARE(*parseUnixMode(formatUnixMode(*r)), *r);
    }

    void workspaceKeepsTheMode() {
        Workspace w;
        WorkspaceTab t;
        t.spec = {AF_UNIX, SOCK_STREAM, 0};
        t.role = Role::Listen;
        t.local = "/tmp/x.sock";
        w.tabs.push_back(t);
        // The default is not written: files stay as older builds wrote them.
        std::string text = serializeWorkspace(w);
        QVERIFY(text.find("unixMode") == std::string::npos);
        auto back = parseWorkspace(text, "<memory>");
        QVERIFY(back);
        QCOMPARE(back->tabs[0].unixMode, std::uint32_t(0600));
        w.tabs[0].unixMode = 0660;
        text = serializeWorkspace(w);
        QVERIFY2(text.find("\"unixMode\": \"0660\"") != std::string::npos, text.c_str());
        back = parseWorkspace(text, "<memory>");
        QVERIFY(back);
        QCOMPARE(back->tabs[0].unixMode, std::uint32_t(0660));
        QCOMPARE(tabOpenRequest(back->tabs[0]).unixMode, std::uint32_t(0660));
        const auto at = text.find("\"0660\"");
        text.replace(at, 6, "\"0999\"");
        back = parseWorkspace(text, "<memory>");
        QVERIFY(!back);
        QCOMPARE(back.error().message(),
                 std::string("load workspace <memory>: /tabs/0/unixMode: expected octal digits "
                             "0-7, at most 0777, e.g. 0600 or 660"));
    }

    void exposureOfAddresses_data() {
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("exposure");
        const int local = int(AddressExposure::Local);
        const int all = int(AddressExposure::AllInterfaces);
        const int network = int(AddressExposure::Network);
        QTest::newRow("0.0.0.0") << "0.0.0.0:7000" << all;
        QTest::newRow("::") << "[::]:7000" << all;
        QTest::newRow("::ffff:0.0.0.0") << "[::ffff:0.0.0.0]:7000" << all;
        QTest::newRow("127.0.0.1") << "127.0.0.1:7000" << local;
        QTest::newRow("127.1.2.3") << "127.1.2.3:7000" << local;
        QTest::newRow("::1") << "[::1]:7000" << local;
        QTest::newRow("::ffff:127.0.0.1") << "[::ffff:127.0.0.1]:7000" << local;
        QTest::newRow("192.0.2.5") << "192.0.2.5:7000" << network;
        QTest::newRow("2001:db8::5") << "[2001:db8::5]:7000" << network;
        QTest::newRow("::ffff:192.0.2.5") << "[::ffff:192.0.2.5]:7000" << network;
        QTest::newRow("unix path") << "/tmp/x.sock" << local;
    }

    void exposureOfAddresses() {
        QFETCH(QString, address);
        QFETCH(int, exposure);
        const auto ep = Endpoint::parse(address.toStdString());
        QVERIFY(ep);
        QCOMPARE(int(addressExposure(*ep)), exposure);
    }

    void exposureTexts() {
        QCOMPARE(exposureText("0.0.0.0:7000", true),
                 std::string("Listening on all interfaces: other machines on your network can "
                             "connect."));
        QCOMPARE(exposureText("[::]:53", false),
                 std::string("Bound to all interfaces: other machines on your network can send "
                             "to it."));
        QCOMPARE(exposureText("192.0.2.5:7000", true),
                 std::string("Listening on 192.0.2.5: reachable from that network."));
        QCOMPARE(exposureText("127.0.0.1:7000", true), std::string());
        QCOMPARE(exposureText("localhost:7000", true), std::string()); // not numeric
        // Per request: clients never; a datagram bind only to a port it names; not in a lab.
        OpenSession tcp = openRequest(AF_INET, SOCK_STREAM, 0, Role::Listen, "0.0.0.0:0");
        QCOMPARE(exposureWarning(tcp, "0.0.0.0:40000"), exposureText("0.0.0.0:1", true));
        tcp.placement.wire = 7;
        QCOMPARE(exposureWarning(tcp, "0.0.0.0:40000"), std::string());
        OpenSession client =
            openRequest(AF_INET, SOCK_STREAM, 0, Role::Connect, "0.0.0.0:0", "192.0.2.1:80");
        QCOMPARE(exposureWarning(client, "0.0.0.0:40000"), std::string());
        OpenSession udp = openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "0.0.0.0:0");
        QCOMPARE(exposureWarning(udp, "0.0.0.0:40000"), std::string());
        udp.local = "0.0.0.0:5353";
        QCOMPARE(exposureWarning(udp, "0.0.0.0:5353"), exposureText("0.0.0.0:1", false));
    }

    void listenerOnAllInterfacesIsReachableOnAnotherAddress() {
        // What the warning claims, checked: a 0.0.0.0 listener accepts on a non-127.0.0.1
        // address of this machine, a 127.0.0.1 listener does not.
        EngineHarness h;
        const auto wide = h.listen(openRequest(AF_INET, SOCK_STREAM, 0, Role::Listen, "0.0.0.0:0"));
        const auto narrow =
            h.listen(openRequest(AF_INET, SOCK_STREAM, 0, Role::Listen, "127.0.0.1:0"));
        QVERIFY(wide && narrow);
        const char* probe = R"(
import socket, sys
s = socket.socket()
s.settimeout(5)
try:
    s.connect(('127.0.0.2', int(sys.argv[1])))
    print('connected', flush=True)
except OSError as e:
    print(type(e).__name__, flush=True)
)";
        PythonPeer a(QString::fromUtf8(probe), {QString::number(wide->port)});
        PythonPeer b(QString::fromUtf8(probe), {QString::number(narrow->port)});
        QVERIFY(a.start() && b.start());
        QCOMPARE(a.readLine(10000), QByteArray("connected"));
        QCOMPARE(b.readLine(10000), QByteArray("ConnectionRefusedError"));
        QVERIFY(!exposureText(wide->local, true).empty());
        QVERIFY(exposureText(narrow->local, true).empty());
    }
};

QTEST_APPLESS_MAIN(TestUnixSocketSafety)
#include "test_unix_socket_safety.moc"
