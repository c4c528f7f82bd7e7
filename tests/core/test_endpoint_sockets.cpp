// Endpoint through real sockets on loopback and Unix sockets: what bind() and getsockname()
// make of a parsed endpoint, and the unnamed, autobound and foreign peers the kernel reports.
#include "core/net/endpoint.h"

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using socklab::AddressKind;
using socklab::Endpoint;

namespace {

constexpr std::size_t kSunOff = offsetof(sockaddr_un, sun_path);

// Closes the fd on scope exit so a failed QVERIFY does not leak it.
struct Fd {
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    ~Fd() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
};

Endpoint sockName(int fd) {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) {
        return {};
    }
    return Endpoint::fromSockaddr(reinterpret_cast<sockaddr*>(&ss), len);
}

QString uniqueName(const char* prefix) {
    return QStringLiteral("%1-%2-%3")
        .arg(QLatin1String(prefix))
        .arg(::getpid())
        .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
}

} // namespace

class TestEndpointSockets : public QObject {
    Q_OBJECT

private slots:
    void bindInet4();
    void bindInet6();
    void bindUnixPath();
    void bindAbstract();
    void unnamedDatagramPeer();
    void unnamedStreamPeer();
    void autobindPeer();
    void foreignPeerPath();
};

void TestEndpointSockets::bindInet4() {
    auto ep = Endpoint::parse("127.0.0.1:0");
    QVERIFY(ep.has_value());
    Fd s(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    QVERIFY(s.fd >= 0);
    QVERIFY2(::bind(s.fd, ep->data(), socklen_t(ep->size())) == 0, std::strerror(errno));
    const Endpoint got = sockName(s.fd);
    QCOMPARE(got.kind(), AddressKind::Inet4);
    QVERIFY(got.port() != 0);
    QCOMPARE(got.toString(), "127.0.0.1:" + std::to_string(got.port()));
    QVERIFY(got.isLoopback());
    auto back = Endpoint::parse(got.toString());
    QVERIFY(back.has_value());
    QVERIFY(*back == got);
}

void TestEndpointSockets::bindInet6() {
    auto ep = Endpoint::parse("[::1]:0");
    QVERIFY(ep.has_value());
    Fd s(::socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (s.fd < 0 && errno == EAFNOSUPPORT) {
        QSKIP("kernel without IPv6");
    }
    QVERIFY(s.fd >= 0);
    if (::bind(s.fd, ep->data(), socklen_t(ep->size())) != 0) {
        if (errno == EADDRNOTAVAIL) {
            QSKIP("IPv6 loopback ::1 not configured");
        }
        QFAIL(std::strerror(errno));
    }
    const Endpoint got = sockName(s.fd);
    QCOMPARE(got.kind(), AddressKind::Inet6);
    QVERIFY(got.port() != 0);
    QCOMPARE(got.toString(), "[::1]:" + std::to_string(got.port()));
    QCOMPARE(got.size(), sizeof(sockaddr_in6));
    auto back = Endpoint::parse(got.toString(), AF_INET6);
    QVERIFY(back.has_value());
    QVERIFY(*back == got);
}

void TestEndpointSockets::bindUnixPath() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("s.sock")).toStdString();
    auto ep = Endpoint::parse(path);
    QVERIFY2(ep.has_value(), ep ? "" : ep.error().message().c_str());
    Fd s(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    QVERIFY(s.fd >= 0);
    QVERIFY2(::bind(s.fd, ep->data(), socklen_t(ep->size())) == 0, std::strerror(errno));
    QVERIFY(QFile::exists(QString::fromStdString(path)));
    const Endpoint got = sockName(s.fd);
    QCOMPARE(got.kind(), AddressKind::UnixPath);
    QCOMPARE(got.toString(), path);
    QCOMPARE(got.size(), kSunOff + path.size() + 1);
    QVERIFY(got == *ep);
}

void TestEndpointSockets::bindAbstract() {
    const std::string name = uniqueName("socklab-test").toStdString();
    auto ep = Endpoint::parse("@" + name);
    QVERIFY(ep.has_value());
    Fd s(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    QVERIFY(s.fd >= 0);
    QVERIFY2(::bind(s.fd, ep->data(), socklen_t(ep->size())) == 0, std::strerror(errno));
    QVERIFY(::listen(s.fd, 1) == 0);
    const Endpoint got = sockName(s.fd);
    QCOMPARE(got.kind(), AddressKind::UnixAbstract);
    QCOMPARE(got.toString(), "@" + name);
    QCOMPARE(got.size(), kSunOff + 1 + name.size());
    QVERIFY(got == *ep);

    // The kernel's own listing shows the exact name: a socklen that counted padding would
    // show up here as trailing '@' (NUL) characters.
    QFile f(QStringLiteral("/proc/net/unix"));
    if (f.open(QIODevice::ReadOnly)) {
        const QByteArray table = f.readAll();
        QVERIFY2(table.contains(QByteArray(" @") + QByteArray::fromStdString(name) + '\n'),
                 "abstract name not listed exactly in /proc/net/unix");
    }
}

void TestEndpointSockets::unnamedDatagramPeer() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ep = Endpoint::parse(dir.filePath(QStringLiteral("d.sock")).toStdString());
    QVERIFY(ep.has_value());
    Fd server(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    Fd client(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    QVERIFY(server.fd >= 0 && client.fd >= 0);
    QVERIFY(::bind(server.fd, ep->data(), socklen_t(ep->size())) == 0);
    QCOMPARE(::sendto(client.fd, "hi", 2, 0, ep->data(), socklen_t(ep->size())), ssize_t(2));

    Endpoint peer;
    socklen_t len = socklen_t(Endpoint::capacity());
    char buf[16];
    QCOMPARE(::recvfrom(server.fd, buf, sizeof buf, MSG_DONTWAIT, peer.data(), &len), ssize_t(2));
    // Linux reports an unbound datagram sender with length 0 (nothing written, not even the
    // family), so only the receiving socket's family tells that the peer is an unnamed socket.
    QVERIFY2(len == 0 || len == sizeof(sa_family_t), qPrintable(QString::number(len)));
    if (len == 0) {
        QVERIFY(Endpoint::fromSockaddr(peer.data(), len).empty());
    }
    peer.setSize(len, AF_UNIX);
    QCOMPARE(peer.kind(), AddressKind::UnixUnnamed);
    QCOMPARE(peer.family(), AF_UNIX);
    QCOMPARE(peer.toString(), std::string("(unnamed)"));
    QVERIFY(peer == Endpoint::unixUnnamed());
    // The socket family does not turn a real address into "unnamed".
    QCOMPARE(Endpoint::fromSockaddr(ep->data(), ep->size(), AF_UNIX).kind(), AddressKind::UnixPath);
}

void TestEndpointSockets::unnamedStreamPeer() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ep = Endpoint::parse(dir.filePath(QStringLiteral("l.sock")).toStdString());
    QVERIFY(ep.has_value());
    Fd listener(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    Fd client(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    QVERIFY(listener.fd >= 0 && client.fd >= 0);
    QVERIFY(::bind(listener.fd, ep->data(), socklen_t(ep->size())) == 0);
    QVERIFY(::listen(listener.fd, 1) == 0);
    QVERIFY(::connect(client.fd, ep->data(), socklen_t(ep->size())) == 0);

    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    Fd conn(::accept4(listener.fd, reinterpret_cast<sockaddr*>(&ss), &len, SOCK_CLOEXEC));
    QVERIFY(conn.fd >= 0);
    // accept reports an unbound Unix client with just the family.
    QCOMPARE(std::size_t(len), sizeof(sa_family_t));
    const Endpoint peer = Endpoint::fromSockaddr(reinterpret_cast<sockaddr*>(&ss), len);
    QCOMPARE(peer.kind(), AddressKind::UnixUnnamed);
    QCOMPARE(peer.toString(), std::string("(unnamed)"));
    QCOMPARE(sockName(client.fd).kind(), AddressKind::UnixUnnamed);
    QVERIFY(sockName(conn.fd) == *ep);
}

void TestEndpointSockets::autobindPeer() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto ep = Endpoint::parse(dir.filePath(QStringLiteral("a.sock")).toStdString());
    QVERIFY(ep.has_value());
    Fd server(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    Fd client(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    QVERIFY(server.fd >= 0 && client.fd >= 0);
    QVERIFY(::bind(server.fd, ep->data(), socklen_t(ep->size())) == 0);
    // bind with only the family asks the kernel to pick an abstract name (autobind).
    sockaddr_un un{};
    un.sun_family = AF_UNIX;
    QVERIFY(::bind(client.fd, reinterpret_cast<sockaddr*>(&un), sizeof(sa_family_t)) == 0);
    const Endpoint self = sockName(client.fd);
    QCOMPARE(self.kind(), AddressKind::UnixAbstract);
    QCOMPARE(self.size(), kSunOff + 1 + 5); // five hex digits
    QCOMPARE(::sendto(client.fd, "x", 1, 0, ep->data(), socklen_t(ep->size())), ssize_t(1));

    Endpoint peer;
    socklen_t len = socklen_t(Endpoint::capacity());
    char buf[4];
    QCOMPARE(::recvfrom(server.fd, buf, sizeof buf, MSG_DONTWAIT, peer.data(), &len), ssize_t(1));
    peer.setSize(len);
    QCOMPARE(peer.kind(), AddressKind::UnixAbstract);
    QVERIFY(peer == self);
    QCOMPARE(peer.toString().size(), std::size_t(6));
    QCOMPARE(peer.toString()[0], '@');
}

void TestEndpointSockets::foreignPeerPath() {
    // A peer written outside the project (Python's socket module) sends from a bound path.
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty()) {
        QSKIP("python3 not installed");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString serverPath = dir.filePath(QStringLiteral("srv.sock"));
    const QString clientPath = dir.filePath(QStringLiteral("py.sock"));
    auto ep = Endpoint::parse(serverPath.toStdString());
    QVERIFY(ep.has_value());
    Fd server(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    QVERIFY(server.fd >= 0);
    QVERIFY(::bind(server.fd, ep->data(), socklen_t(ep->size())) == 0);

    QProcess py;
    py.start(python, {QStringLiteral("-c"),
                      QStringLiteral("import socket,sys\n"
                                     "s=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\n"
                                     "s.bind(sys.argv[1]); s.sendto(b'py', sys.argv[2])\n"),
                      clientPath, serverPath});
    QVERIFY(py.waitForFinished(10000));
    QCOMPARE(py.exitCode(), 0);

    Endpoint peer;
    socklen_t len = socklen_t(Endpoint::capacity());
    char buf[8];
    QCOMPARE(::recvfrom(server.fd, buf, sizeof buf, MSG_DONTWAIT, peer.data(), &len), ssize_t(2));
    peer.setSize(len);
    QCOMPARE(peer.kind(), AddressKind::UnixPath);
    QCOMPARE(QString::fromStdString(peer.toString()), clientPath);
}

QTEST_APPLESS_MAIN(TestEndpointSockets)
#include "test_endpoint_sockets.moc"
