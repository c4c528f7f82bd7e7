// The generated code is checked by running it: the Python program against a real Python peer,
// and the C program compiled by the system compiler and run against the same kind of peer.
#include "core/codec/bytes.h"
#include "core/codegen/socket_code.h"
#include "core/net/free_port.h"
#include "core/net/socket_spec.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace socklab;

namespace {

SocketSpec spec(const char* family, const char* type, const char* protocol) {
    return {familyByName(family)->value, typeByName(type)->value,
            protocol ? protocolByName(protocol)->value : 0};
}

// A Python echo peer on loopback; prints its port on the first line.
bool startEcho(QProcess& peer, bool udp, int& port) {
    const QString script =
        udp ? QStringLiteral("import socket,sys\n"
                             "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                             "s.bind(('127.0.0.1',0))\n"
                             "print(s.getsockname()[1],flush=True)\n"
                             "s.settimeout(20)\n"
                             "d,a=s.recvfrom(65536)\n"
                             "s.sendto(d,a)\n")
            : QStringLiteral("import socket,sys\n"
                             "s=socket.socket()\n"
                             "s.bind(('127.0.0.1',0))\n"
                             "s.listen(4)\n"
                             "print(s.getsockname()[1],flush=True)\n"
                             "s.settimeout(20)\n"
                             "c,a=s.accept()\n"
                             "c.settimeout(20)\n"
                             "d=c.recv(65536)\n"
                             "c.sendall(d)\n"
                             "c.close()\n");
    peer.start(QStringLiteral("python3"), {QStringLiteral("-c"), script});
    if (!peer.waitForStarted(5000) || !peer.waitForReadyRead(10000)) {
        return false;
    }
    port = peer.readLine().trimmed().toInt();
    return port > 0;
}

QString runPython(const std::string& code) {
    QProcess p;
    p.start(QStringLiteral("python3"), {QStringLiteral("-c"), QString::fromStdString(code)});
    if (!p.waitForFinished(20000)) {
        p.kill();
        return QStringLiteral("timeout");
    }
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

// A python3 client that sends "via relay" to 127.0.0.1:port (retrying while the relay starts)
// and prints what comes back.
QString runRelayClient(bool udp, int port) {
    const std::string script =
        std::string("import socket,sys,time\n"
                    "port=int(sys.argv[1])\n") +
        (udp ? "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
               "s.settimeout(1)\n"
               "for _ in range(15):\n"
               "    s.sendto(b'via relay',('127.0.0.1',port))\n"
               "    try:\n"
               "        print(s.recv(65536)); break\n"
               "    except socket.timeout:\n"
               "        pass\n"
             : "for _ in range(50):\n"
               "    try:\n"
               "        s=socket.create_connection(('127.0.0.1',port),timeout=10); break\n"
               "    except OSError:\n"
               "        time.sleep(0.1)\n"
               "s.sendall(b'via relay')\n"
               "print(s.recv(65536))\n");
    QProcess p;
    p.start(QStringLiteral("python3"),
            {QStringLiteral("-c"), QString::fromStdString(script), QString::number(port)});
    if (!p.waitForFinished(20000)) {
        p.kill();
        return QStringLiteral("timeout");
    }
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

// The generated relay (it runs until killed) between a python3 echo server and client.
void checkPythonRelay(bool udp) {
    QProcess peer;
    int upstream = 0;
    QVERIFY(startEcho(peer, udp, upstream));
    const SocketSpec s = udp ? spec("AF_INET", "SOCK_DGRAM", "IPPROTO_UDP")
                             : spec("AF_INET", "SOCK_STREAM", "IPPROTO_TCP");
    const auto listen = freeLoopbackPort(s, 0);
    QVERIFY(listen.has_value());
    CodeRequest r;
    r.session.spec = s;
    r.session.role = Role::Relay;
    r.session.local = "127.0.0.1:" + std::to_string(*listen);
    r.session.remote = "127.0.0.1:" + std::to_string(upstream);
    const std::string code = pythonCode(r);
    QVERIFY(code.find("UPSTREAM = (\"127.0.0.1\", " + std::to_string(upstream)) !=
            std::string::npos);
    QProcess relay;
    relay.start(QStringLiteral("python3"), {QStringLiteral("-c"), QString::fromStdString(code)});
    QVERIFY(relay.waitForStarted(5000));
    const QString out = runRelayClient(udp, *listen);
    relay.kill();
    relay.waitForFinished(5000);
    QVERIFY2(out.contains(QLatin1String("b'via relay'")),
             qPrintable(out + QString::fromUtf8(relay.readAllStandardError())));
    QVERIFY(peer.waitForFinished(10000));
}

} // namespace

class TestSocketCode : public QObject {
    Q_OBJECT
private slots:
    void pythonTcpClientTalksToARealPeer() {
        QProcess peer;
        int port = 0;
        QVERIFY(startEcho(peer, false, port));
        CodeRequest r;
        r.session.spec = spec("AF_INET", "SOCK_STREAM", "IPPROTO_TCP");
        r.session.role = Role::Connect;
        r.session.remote = "127.0.0.1:" + std::to_string(port);
        r.session.options = {{OptionId::TcpNoDelay, 1}, {OptionId::Linger, 5}};
        const std::string msg = "hello\r\n\x01";
        r.payload = asBytes(msg);
        const std::string code = pythonCode(r);
        QVERIFY(code.find("socket.socket(socket.AF_INET, socket.SOCK_STREAM, "
                          "socket.IPPROTO_TCP)") != std::string::npos);
        QVERIFY(code.find("socket.IPPROTO_TCP, socket.TCP_NODELAY, 1") != std::string::npos);
        const QString out = runPython(code);
        QVERIFY2(out.contains(QLatin1String("b'hello\\r\\n\\x01'")), qPrintable(out));
        QVERIFY(peer.waitForFinished(10000));
    }

    void pythonUdpSendToTalksToARealPeer() {
        QProcess peer;
        int port = 0;
        QVERIFY(startEcho(peer, true, port));
        CodeRequest r;
        r.session.spec = spec("AF_INET", "SOCK_DGRAM", "IPPROTO_UDP");
        r.session.role = Role::Bind;
        r.session.local = "127.0.0.1:0";
        r.destination = "127.0.0.1:" + std::to_string(port);
        const std::string msg = "ping";
        r.payload = asBytes(msg);
        const std::string code = pythonCode(r);
        QVERIFY(code.find("s.sendto(b'ping', (\"127.0.0.1\", ") != std::string::npos);
        const QString out = runPython(code);
        QVERIFY2(out.contains(QLatin1String("b'ping'")), qPrintable(out));
        QVERIFY(peer.waitForFinished(10000));
    }

    void pythonTcpRelayForwardsBothWays() { checkPythonRelay(false); }
    void pythonUdpRelayForwardsBothWays() { checkPythonRelay(true); }

    // C has no short relay: the text says so and names the CLI instead of printing a program
    // that does something else.
    void cRelayIsHonest() {
        CodeRequest r;
        r.session.spec = spec("AF_INET", "SOCK_DGRAM", "IPPROTO_UDP");
        r.session.role = Role::Relay;
        r.session.local = "127.0.0.1:7000";
        r.session.remote = "127.0.0.1:9000";
        const std::string code = cCode(r);
        QVERIFY(code.find("no single-socket equivalent") != std::string::npos);
        QVERIFY(code.find("socklab-cli relay --listen 127.0.0.1:7000 --to 127.0.0.1:9000 --udp") !=
                std::string::npos);
        QVERIFY(code.find("int main") == std::string::npos);
    }

    void pythonListenerAndUnixAbstract() {
        CodeRequest r;
        r.session.spec = spec("AF_UNIX", "SOCK_STREAM", nullptr);
        r.session.role = Role::Listen;
        r.session.local = "@socklab-test";
        r.session.backlog = 7;
        const std::string code = pythonCode(r);
        QVERIFY(code.find("socket.socket(socket.AF_UNIX, socket.SOCK_STREAM, 0)") !=
                std::string::npos);
        QVERIFY(code.find("s.bind(\"\\0socklab-test\")") != std::string::npos);
        QVERIFY(code.find("s.listen(7)") != std::string::npos);
        QVERIFY(code.find("conn, addr = s.accept()") != std::string::npos);
    }

    void cTcpClientCompilesAndTalksToARealPeer() {
        const QString cc = QStandardPaths::findExecutable(QStringLiteral("cc"));
        if (cc.isEmpty()) {
            QSKIP("no C compiler on this machine");
        }
        QProcess peer;
        int port = 0;
        QVERIFY(startEcho(peer, false, port));
        CodeRequest r;
        r.session.spec = spec("AF_INET", "SOCK_STREAM", "IPPROTO_TCP");
        r.session.role = Role::Connect;
        r.session.local = "127.0.0.1:0";
        r.session.remote = "127.0.0.1:" + std::to_string(port);
        r.session.options = {{OptionId::ReuseAddr, 1}, {OptionId::Linger, -1}};
        const std::string msg("abc\0z", 5);
        r.payload = asBytes(msg);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString src = dir.filePath(QStringLiteral("client.c"));
        const QString exe = dir.filePath(QStringLiteral("client"));
        QFile f(src);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(cCode(r)));
        f.close();
        QProcess compile;
        compile.start(cc, {QStringLiteral("-Wall"), QStringLiteral("-Werror"), src,
                           QStringLiteral("-o"), exe});
        QVERIFY(compile.waitForFinished(60000));
        QVERIFY2(compile.exitCode() == 0, compile.readAllStandardError().constData());
        QProcess run;
        run.start(exe, {});
        QVERIFY(run.waitForFinished(20000));
        QCOMPARE(run.exitCode(), 0);
        QCOMPARE(run.readAllStandardOutput(), QByteArray("abc\0z", 5));
        QVERIFY(peer.waitForFinished(10000));
    }

    void cUnixDatagramCompiles() {
        const QString cc = QStandardPaths::findExecutable(QStringLiteral("cc"));
        if (cc.isEmpty()) {
            QSKIP("no C compiler on this machine");
        }
        CodeRequest r;
        r.session.spec = spec("AF_UNIX", "SOCK_DGRAM", nullptr);
        r.session.role = Role::Bind;
        r.session.local = "@me";
        r.destination = "/tmp/peer.sock";
        const std::string msg = "x";
        r.payload = asBytes(msg);
        const std::string code = cCode(r);
        QVERIFY(code.find("socket(AF_UNIX, SOCK_DGRAM, 0)") != std::string::npos);
        QVERIFY(code.find("sendto(fd, msg") != std::string::npos);
        QTemporaryDir dir;
        const QString src = dir.filePath(QStringLiteral("u.c"));
        QFile f(src);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(code));
        f.close();
        QProcess compile;
        compile.start(cc, {QStringLiteral("-Wall"), QStringLiteral("-Werror"),
                           QStringLiteral("-fsyntax-only"), src});
        QVERIFY(compile.waitForFinished(60000));
        QVERIFY2(compile.exitCode() == 0, compile.readAllStandardError().constData());
    }
    void cIpv4MulticastIfUsesIpMreqn() {
        const QString cc = QStandardPaths::findExecutable(QStringLiteral("cc"));
        if (cc.isEmpty()) {
            QSKIP("no C compiler on this machine");
        }
        QFile index(QStringLiteral("/sys/class/net/lo/ifindex"));
        if (!index.open(QIODevice::ReadOnly)) {
            QSKIP("no loopback interface index in /sys");
        }
        const int lo = index.readAll().trimmed().toInt();
        QVERIFY(lo > 0);
        CodeRequest r;
        r.session.spec = spec("AF_INET", "SOCK_DGRAM", "IPPROTO_UDP");
        r.session.role = Role::Bind;
        r.session.local = "127.0.0.1:0";
        r.session.options = {{OptionId::MulticastIf, lo}};
        QProcess peer;
        int port = 0;
        QVERIFY(startEcho(peer, true, port));
        r.destination = "127.0.0.1:" + std::to_string(port);
        const std::string msg = "m";
        r.payload = asBytes(msg);
        const std::string code = cCode(r);
        QVERIFY2(code.find("struct ip_mreqn") != std::string::npos, code.c_str());
        QVERIFY2(code.find(".imr_ifindex = " + std::to_string(lo)) != std::string::npos,
                 code.c_str());
        QVERIFY(pythonCode(r).find("struct.pack(\"=4s4si\"") != std::string::npos);
        QTemporaryDir dir;
        const QString src = dir.filePath(QStringLiteral("m.c"));
        const QString exe = dir.filePath(QStringLiteral("m"));
        QFile f(src);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(code));
        f.close();
        QProcess compile;
        compile.start(cc, {QStringLiteral("-Wall"), QStringLiteral("-Werror"), src,
                           QStringLiteral("-o"), exe});
        QVERIFY(compile.waitForFinished(60000));
        QVERIFY2(compile.exitCode() == 0, compile.readAllStandardError().constData());
        // The kernel accepts the option only if the index reached it as an index: a bare int
        // would be taken for the address 1.0.0.0 and refused.
        QProcess run;
        run.start(exe, {});
        QVERIFY(run.waitForFinished(20000));
        QVERIFY2(run.exitCode() == 0, run.readAllStandardError().constData());
        QVERIFY(peer.waitForFinished(10000));
    }
};

QTEST_MAIN(TestSocketCode)
#include "test_socket_code.moc"
