// End-to-end over Unix sockets: the real main window and engine, driven through the
// accessibility tree, against python3 peers on a path in a temporary directory or an abstract
// name.
#include "support/gui_driver.h"
#include "ui/views/hex_view.h"
#include "ui/views/text_view.h"

#include <QTemporaryDir>

using namespace socklab::ui;
using e2e::kWaitMs;
using e2e::viewText;

namespace {

// Accepts one client, answers its first message with "OK:" + the message upper-cased.
const char* kUnixStreamPeer = "import socket,sys\n"
                              "s=socket.socket(socket.AF_UNIX,socket.SOCK_STREAM)\n"
                              "s.bind(sys.argv[1])\n"
                              "s.listen(1)\n"
                              "print('ready',flush=True)\n"
                              "s.settimeout(30)\n"
                              "c,_=s.accept()\n"
                              "c.settimeout(30)\n"
                              "d=c.recv(65536)\n"
                              "c.sendall(b'OK:'+d.upper())\n"
                              "print('got',d.decode(),flush=True)\n"
                              "c.recv(1)\n";

// Bound to argv[1]: sends two datagrams to argv[2], prints the reply and who sent it.
const char* kUnixDgramPeer = "import socket,sys\n"
                             "s=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\n"
                             "s.bind(sys.argv[1])\n"
                             "s.sendto(b'first datagram',sys.argv[2])\n"
                             "s.sendto(b'second',sys.argv[2])\n"
                             "print('sent',flush=True)\n"
                             "s.settimeout(30)\n"
                             "d,a=s.recvfrom(65536)\n"
                             "print('reply',d.decode(),'from',a,flush=True)\n";

// Connects to the abstract name argv[1], says hello, prints what comes back.
const char* kAbstractClient = "import socket,sys\n"
                              "c=socket.socket(socket.AF_UNIX,socket.SOCK_STREAM)\n"
                              "c.settimeout(30)\n"
                              "c.connect('\\0'+sys.argv[1])\n"
                              "c.sendall(b'abstract hello')\n"
                              "print('reply',c.recv(65536).decode(),flush=True)\n";

const QString kUnix = QStringLiteral("Unix (AF_UNIX)");

} // namespace

class TestGuiUnix : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;

private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_unix")); }

    void init() { QVERIFY(m_gui.start()); }
    void cleanup() { m_gui.stop(); }

    void streamClientTalksToAPythonServer() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("peer.sock"));
        QProcess peer;
        QCOMPARE(e2e::startPeerLine(peer, kUnixStreamPeer, {path}), QStringLiteral("ready"));

        SessionTab* tab =
            e2e::openAndWait(m_gui.window(),
                             {kUnix, QStringLiteral("SOCK_STREAM"), QStringLiteral("0 (default)"),
                              QStringLiteral("Connect"), QStringLiteral("Unix path"), path},
                             QStringLiteral("Connected"));
        QVERIFY(tab);
        QVERIFY2(e2e::stateText(tab).contains(path), qPrintable(e2e::stateText(tab)));
        QVERIFY(e2e::sendText(tab, QStringLiteral("unix hi")));

        // "OK:UNIX HI" came from the peer: it is not what we typed.
        QTRY_VERIFY2_WITH_TIMEOUT(viewText<TextView>(tab, QStringLiteral("Text view"))
                                      .contains(QStringLiteral("OK:UNIX HI")),
                                  qPrintable(viewText<TextView>(tab, QStringLiteral("Text view"))),
                                  kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(viewText<HexView>(tab, QStringLiteral("Hex view"))
                                      .contains(QStringLiteral("4f 4b 3a 55 4e 49 58 20 48 49")),
                                  qPrintable(viewText<HexView>(tab, QStringLiteral("Hex view"))),
                                  kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(a11y::text(tab, QStringLiteral("Counters"))
                                      .contains(QStringLiteral("In 10 bytes / 1 msg")),
                                  qPrintable(a11y::text(tab, QStringLiteral("Counters"))), kWaitMs);
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT((said += peer.readAllStandardOutput()).contains("got unix hi"),
                                 kWaitMs);
        QVERIFY(a11y::press(tab, QStringLiteral("Close socket")));
        QVERIFY(peer.waitForFinished(kWaitMs));
    }

    void datagramEndpointKeepsBoundariesAndRepliesToAPath() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString mine = dir.filePath(QStringLiteral("socklab.sock"));
        const QString theirs = dir.filePath(QStringLiteral("python.sock"));
        SessionTab* tab =
            e2e::openAndWait(m_gui.window(),
                             {kUnix, QStringLiteral("SOCK_DGRAM"), QStringLiteral("0 (default)"),
                              QStringLiteral("Bind"), QStringLiteral("Unix path"), mine},
                             QStringLiteral("Bound"));
        QVERIFY(tab);

        QProcess peer;
        QCOMPARE(e2e::startPeerLine(peer, kUnixDgramPeer, {theirs, mine}), QStringLiteral("sent"));
        // Two sends, two records: 14 and 6 bytes, not one 20-byte run.
        QTRY_VERIFY2_WITH_TIMEOUT(a11y::text(tab, QStringLiteral("Counters"))
                                      .contains(QStringLiteral("In 20 bytes / 2 msg")),
                                  qPrintable(a11y::text(tab, QStringLiteral("Counters"))), kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(
            e2e::tableText(tab, QStringLiteral("Log")).contains(QStringLiteral("| 14 |")) &&
                e2e::tableText(tab, QStringLiteral("Log")).contains(QStringLiteral("| 6 |")),
            qPrintable(e2e::tableText(tab, QStringLiteral("Log"))), kWaitMs);
        const QString log = e2e::tableText(tab, QStringLiteral("Log"));
        QVERIFY2(log.contains(theirs), qPrintable(log)); // the sender's path is shown
        const QString hex = viewText<HexView>(tab, QStringLiteral("Hex view"));
        QVERIFY2(hex.contains(QStringLiteral("73 65 63 6f 6e 64")), qPrintable(hex)); // "second"

        QVERIFY(a11y::type(tab, QStringLiteral("Destination"), theirs));
        QVERIFY(e2e::sendText(tab, QStringLiteral("back at you")));
        QVERIFY(peer.waitForFinished(kWaitMs));
        const QByteArray out = peer.readAllStandardOutput();
        QVERIFY2(out.contains("reply back at you from " + mine.toUtf8()),
                 (out + peer.readAllStandardError()).constData());
    }

    void abstractNameListenerServesAPythonClient() {
        const QString name =
            QStringLiteral("socklab-e2e-%1").arg(QCoreApplication::applicationPid());
        SessionTab* tab = e2e::openAndWait(m_gui.window(),
                                           {kUnix, QStringLiteral("SOCK_STREAM"),
                                            QStringLiteral("0 (default)"), QStringLiteral("Listen"),
                                            QStringLiteral("Unix path"), QLatin1Char('@') + name},
                                           QStringLiteral("Listening"));
        QVERIFY(tab);
        QVERIFY2(e2e::stateText(tab).contains(QLatin1Char('@') + name),
                 qPrintable(e2e::stateText(tab)));

        QProcess client;
        client.start(QStringLiteral("python3"),
                     {QStringLiteral("-c"), QString::fromLatin1(kAbstractClient), name});
        QVERIFY(client.waitForStarted(5000));
        QTRY_VERIFY2_WITH_TIMEOUT(viewText<TextView>(tab, QStringLiteral("Text view"))
                                      .contains(QStringLiteral("abstract hello")),
                                  qPrintable(client.readAllStandardError()), kWaitMs);
        QVERIFY(e2e::sendText(tab, QStringLiteral("abstract reply")));
        QVERIFY(client.waitForFinished(kWaitMs));
        const QByteArray out = client.readAllStandardOutput();
        QVERIFY2(out.contains("reply abstract reply"),
                 (out + client.readAllStandardError()).constData());
    }
};

QTEST_MAIN(TestGuiUnix)
#include "test_gui_unix.moc"
