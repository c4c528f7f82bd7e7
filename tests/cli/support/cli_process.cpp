#include "cli/support/cli_process.h"

#include <QElapsedTimer>

#ifndef SOCKLAB_CLI_PATH
#define SOCKLAB_CLI_PATH ""
#endif

namespace cli_test {

QString cliPath() {
    return QStringLiteral(SOCKLAB_CLI_PATH);
}

bool privateNetworkWorks() {
    static const bool works = [] {
        QProcess p;
        p.start(QStringLiteral("unshare"), {QStringLiteral("-rn"), QStringLiteral("true")});
        return p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit &&
               p.exitCode() == 0;
    }();
    return works;
}

Outcome runCli(const QStringList& args, const QByteArray& input) {
    QProcess p;
    p.start(cliPath(), args);
    if (!p.waitForStarted(kTimeoutMs)) {
        return {};
    }
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(kTimeoutMs)) {
        p.kill();
        p.waitForFinished(kTimeoutMs);
        return {-2, p.readAllStandardOutput(), p.readAllStandardError()};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -3, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QString startPython(QProcess& p, const QString& script, const QStringList& args) {
    p.start(QStringLiteral("python3"), QStringList{"-c", script} + args);
    if (!p.waitForStarted(kTimeoutMs)) {
        return {};
    }
    QByteArray line;
    QElapsedTimer t;
    t.start();
    while (!line.contains('\n') && t.elapsed() < kTimeoutMs) {
        if (!p.waitForReadyRead(500) && p.state() != QProcess::Running) {
            break;
        }
        line += p.readAllStandardOutput();
    }
    return QString::fromUtf8(line).trimmed();
}

QString waitForStderr(QProcess& p, const QRegularExpression& pattern, QByteArray& seen) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < kTimeoutMs) {
        seen += p.readAllStandardError();
        const auto m = pattern.match(QString::fromUtf8(seen));
        if (m.hasMatch()) {
            return m.captured(1);
        }
        if (!p.waitForReadyRead(500) && p.state() != QProcess::Running) {
            seen += p.readAllStandardError();
            break;
        }
    }
    return {};
}

QString startCliOnLoopback(QProcess& cli, const QStringList& args, QByteArray& seen) {
    cli.start(cliPath(), args);
    if (!cli.waitForStarted(kTimeoutMs)) {
        return {};
    }
    return waitForStderr(
        cli,
        QRegularExpression(QStringLiteral("(?:listening on|bound to|on) 127\\.0\\.0\\.1:(\\d+)")),
        seen);
}

Outcome runPythonCode(const QByteArray& code) {
    QProcess p;
    p.start(QStringLiteral("python3"), {QStringLiteral("-c"), QString::fromUtf8(code)});
    if (!p.waitForFinished(kTimeoutMs)) {
        p.kill();
        p.waitForFinished(kTimeoutMs);
        return {-2, p.readAllStandardOutput(), p.readAllStandardError()};
    }
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QByteArray allByteValues() {
    QByteArray b;
    for (int round = 0; round < 40; ++round) { // 10 KiB: several reads on either side
        for (int i = 0; i < 256; ++i) {
            b.append(char(i));
        }
    }
    return b;
}

const char* const kPyEchoServer = R"(
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
s.settimeout(10)
c, _ = s.accept(); c.settimeout(10)
while True:
    d = c.recv(65536)
    if not d: break
    c.sendall(d)
c.close()
)";

} // namespace cli_test
