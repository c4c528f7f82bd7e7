// Both front ends send the same bytes for the same saved message: the GUI's Composer (loaded
// with the message, as a workspace tab loads it) and `socklab-cli run --send-saved` on a
// workspace holding it, each checked against what a python3 TCP listener on loopback received.
#include "core/net/socket_spec.h"
#include "core/workspace/workspace.h"
#include "core/workspace/workspace_json.h"
#include "ui/widgets/composer.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#ifndef SOCKLAB_CLI_PATH
#define SOCKLAB_CLI_PATH ""
#endif

using namespace socklab;
using namespace socklab::ui;

Q_DECLARE_METATYPE(socklab::MessageMode)
Q_DECLARE_METATYPE(socklab::LineEnding)

namespace {

constexpr int kTimeoutMs = 15000;

// Accepts one connection, reads until the peer closes, prints what arrived as hex.
const char* kPyReceiver = R"(
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
s.settimeout(10)
c, _ = s.accept(); c.settimeout(10)
data = b""
while True:
    d = c.recv(65536)
    if not d: break
    data += d
print(data.hex(), flush=True)
)";

// The first stdout line of p (bounded in time), trimmed.
QByteArray readLine(QProcess& p) {
    QElapsedTimer t;
    t.start();
    while (!p.canReadLine() && t.elapsed() < kTimeoutMs) {
        if (!p.waitForReadyRead(200) && p.state() != QProcess::Running) {
            break;
        }
    }
    return p.readLine().trimmed();
}

} // namespace

class TestComposerCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY2(!QStringLiteral(SOCKLAB_CLI_PATH).isEmpty(), "SOCKLAB_CLI_PATH is not defined");
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty(),
                 "python3 is needed as the independent peer");
    }

    void cliSendsWhatTheComposerSends_data() {
        QTest::addColumn<MessageMode>("mode");
        QTest::addColumn<QString>("content");
        QTest::addColumn<LineEnding>("ending");
        QTest::addColumn<QByteArray>("expected"); // the rule, written out by hand
        QTest::newRow("text crlf multi-line")
            << MessageMode::Text << QStringLiteral("GET / HTTP/1.0\nHost: x\n") << LineEnding::CrLf
            << QByteArray("GET / HTTP/1.0\r\nHost: x\r\n\r\n");
        QTest::newRow("text lf") << MessageMode::Text << QStringLiteral("one\ntwo")
                                 << LineEnding::Lf << QByteArray("one\ntwo\n");
        QTest::newRow("text none keeps typed breaks") << MessageMode::Text << QStringLiteral("a\nb")
                                                      << LineEnding::None << QByteArray("a\nb");
        QTest::newRow("escapes crlf: spelled \\n stays LF")
            << MessageMode::Escapes << QStringLiteral("a\\nb\\x00\nc\\t") << LineEnding::CrLf
            << QByteArray("a\nb\0\r\nc\t\r\n", 10);
        QTest::newRow("escapes cr") << MessageMode::Escapes << QStringLiteral("\\xff\n\\r")
                                    << LineEnding::Cr << QByteArray("\xff\r\r\r");
        QTest::newRow("hex over lines with lf")
            << MessageMode::Hex << QStringLiteral("de ad\nbe ef") << LineEnding::Lf
            << QByteArray("\xde\xad\xbe\xef\n");
        QTest::newRow("hex none") << MessageMode::Hex << QStringLiteral("00 01\r\n02")
                                  << LineEnding::None << QByteArray("\x00\x01\x02", 3);
    }

    void cliSendsWhatTheComposerSends() {
        QFETCH(MessageMode, mode);
        QFETCH(QString, content);
        QFETCH(LineEnding, ending);
        QFETCH(QByteArray, expected);
        const SavedMessage message{"m", mode, content.toStdString(), ending};

        // The GUI: a real composer loaded with the saved message, sent.
        Composer composer;
        composer.show();
        composer.setSendEnabled(true);
        composer.setMessage(message);
        QSignalSpy spy(&composer, &Composer::sendRequested);
        QVERIFY2(composer.send(), qPrintable(composer.validationText()));
        QCOMPARE(spy.count(), 1);
        const QByteArray gui = spy.at(0).at(0).toByteArray();
        QCOMPARE(gui, expected);

        // The CLI: a workspace whose tab connects to a python listener and holds the message.
        QProcess peer;
        peer.start(QStringLiteral("python3"),
                   {QStringLiteral("-c"), QString::fromUtf8(kPyReceiver)});
        QVERIFY(peer.waitForStarted(kTimeoutMs));
        const QByteArray port = readLine(peer);
        QVERIFY2(port.toInt() > 0, port.constData());
        Workspace ws;
        WorkspaceTab tab;
        tab.title = "client";
        tab.spec = {familyByName("AF_INET")->value, typeByName("SOCK_STREAM")->value,
                    protocolByName("IPPROTO_TCP")->value};
        tab.role = Role::Connect;
        tab.remote = "127.0.0.1:" + port.toStdString();
        tab.messages = {message};
        ws.tabs = {tab};
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("w.json"));
        const auto saved = saveWorkspace(ws, file.toStdString());
        QVERIFY2(saved.has_value(), saved ? "" : saved.error().message().c_str());

        QProcess cli;
        cli.start(QStringLiteral(SOCKLAB_CLI_PATH),
                  {QStringLiteral("run"), file, QStringLiteral("--send-saved"),
                   QStringLiteral("--duration-ms"), QStringLiteral("800")});
        QVERIFY(cli.waitForFinished(kTimeoutMs));
        QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0,
                 cli.readAllStandardError().constData());
        const QByteArray received = QByteArray::fromHex(readLine(peer));
        QVERIFY(peer.waitForFinished(kTimeoutMs));
        QCOMPARE(received, gui);
    }
};

QTEST_MAIN(TestComposerCli)
#include "test_composer_cli.moc"
