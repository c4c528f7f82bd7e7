#pragma once
// What the socklab-cli tests share: running the real binary and python3 peers.

#include <QByteArray>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace cli_test {

inline constexpr int kTimeoutMs = 15000;

/// The socklab-cli binary under test (SOCKLAB_CLI_PATH).
QString cliPath();

struct Outcome {
    int exitCode = -1; ///< -2: did not finish in time, -3: crashed
    QByteArray out;
    QByteArray err;
};

/// Run the CLI to completion with the given stdin (closed afterwards).
Outcome runCli(const QStringList& args, const QByteArray& input = {});
/// Whether `unshare -rn` (a user and network namespace of our own) works here.
bool privateNetworkWorks();
/// Start a python peer that prints one line (its port) when ready; returns that line.
QString startPython(QProcess& p, const QString& script, const QStringList& args = {});
/// Read the CLI's stderr until pattern matches; returns the first capture group.
QString waitForStderr(QProcess& p, const QRegularExpression& pattern, QByteArray& seen);
/// Start `socklab-cli args` and wait for its "listening on"/"bound to"/"on" 127.0.0.1 address
/// line on stderr; returns the port (empty on failure, with what stderr said in seen).
QString startCliOnLoopback(QProcess& cli, const QStringList& args, QByteArray& seen);
/// Run a generated Python program to completion.
Outcome runPythonCode(const QByteArray& code);
/// Every byte value, 40 times over (10 KiB: several reads on either side).
QByteArray allByteValues();

/// A python3 TCP echo server for one connection on 127.0.0.1:0 (prints its port first).
extern const char* const kPyEchoServer;

} // namespace cli_test
