// `socklab-cli run --send-saved` with saved messages whose fields are on: {seq} counts the
// tab's sends from 1 and a checksum is computed over the bytes before it, as the GUI composer
// sends the same messages (core renderMessage).
//
// Note: ordinary string literals only (moc misreads raw strings with unbalanced braces).
#include "cli/support/cli_process.h"
#include "core/workspace/workspace.h"
#include "core/workspace/workspace_json.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace cli_test;

class TestCliFields : public QObject {
    Q_OBJECT

private slots:
    void sendSavedRendersFields() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("s.sock").toStdString();
        socklab::Workspace ws;
        socklab::WorkspaceTab server;
        server.title = "server";
        server.spec = {socklab::familyByName("AF_UNIX")->value,
                       socklab::typeByName("SOCK_STREAM")->value, 0};
        server.role = socklab::Role::Listen;
        server.local = path;
        socklab::WorkspaceTab client = server;
        client.title = "client";
        client.role = socklab::Role::Connect;
        client.local.clear();
        client.remote = path;
        client.messages.push_back(
            {"count", socklab::MessageMode::Text, "n={seq}", socklab::LineEnding::Lf, true});
        client.messages.push_back({"modbus", socklab::MessageMode::Hex,
                                   "01 03 00 00 00 0a {crc16-modbus}", socklab::LineEnding::None,
                                   true});
        // Fields off: braces are text.
        client.messages.push_back(
            {"plain", socklab::MessageMode::Text, "{seq}", socklab::LineEnding::None});
        ws.tabs = {server, client};
        const QString file = dir.filePath("w.json");
        QVERIFY(socklab::saveWorkspace(ws, file.toStdString()).has_value());

        const Outcome r = runCli({"run", file, "--send-saved", "--duration-ms", "1500"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        const auto sent = [&](const QString& what) {
            return out.contains(QRegularExpression("\\[client\\] #0 >(?: \\S+)? data " + what));
        };
        QVERIFY2(sent(QStringLiteral("4 bytes: n=1\\\\n")), qPrintable(out));
        QVERIFY2(sent(QStringLiteral("8 bytes: \\\\x01\\\\x03\\\\0\\\\0\\\\0\\\\n"
                                     "\\\\xc5\\\\xcd")),
                 qPrintable(out));
        QVERIFY2(sent(QStringLiteral("5 bytes: \\{seq\\}")), qPrintable(out));
    }

    void badFieldIsReportedAndNotSent() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("s.sock").toStdString();
        socklab::Workspace ws;
        socklab::WorkspaceTab server;
        server.title = "server";
        server.spec = {socklab::familyByName("AF_UNIX")->value,
                       socklab::typeByName("SOCK_STREAM")->value, 0};
        server.role = socklab::Role::Listen;
        server.local = path;
        socklab::WorkspaceTab client = server;
        client.title = "client";
        client.role = socklab::Role::Connect;
        client.local.clear();
        client.remote = path;
        client.messages.push_back(
            {"bad", socklab::MessageMode::Text, "n={foo}", socklab::LineEnding::None, true});
        ws.tabs = {server, client};
        const QString file = dir.filePath("w.json");
        QVERIFY(socklab::saveWorkspace(ws, file.toStdString()).has_value());

        const Outcome r = runCli({"run", file, "--send-saved", "--duration-ms", "800"});
        QVERIFY2(r.err.contains("[client] parse template \"n={foo}\": position 2: unknown field "
                                "{foo}"),
                 r.err.constData());
        QVERIFY2(!r.out.contains("[client] #0 >"), r.out.constData());
    }
};

QTEST_APPLESS_MAIN(TestCliFields)
#include "test_cli_fields.moc"
