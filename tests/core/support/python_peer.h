#pragma once

// Test helper: a peer the project did not write, run as `python3 -u -c <script> <args...>`.
//
//   PythonPeer peer(R"(
//   import socket, sys
//   s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()
//   print(s.getsockname()[1], flush=True)      # the test reads this line
//   c, _ = s.accept(); print(c.recv(100).decode())
//   )");
//   QVERIFY(peer.start());
//   const QByteArray port = peer.readLine(5000); // blocks (bounded) for one stdout line
//   ...
//   QCOMPARE(peer.finish(10000), 0);             // waits for exit; kills it on timeout
//   peer.allOutput();                            // everything printed after the lines read
//
// Scripts are dedented (common leading whitespace removed), so raw strings can be indented.
// stderr is kept apart (errorOutput()) and printed by finish() when the exit code is not 0.
// The process is killed in the destructor if still running.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace socklab::test {

class PythonPeer {
public:
    explicit PythonPeer(const QString& script, QStringList args = {});
    ~PythonPeer();
    PythonPeer(const PythonPeer&) = delete;
    PythonPeer& operator=(const PythonPeer&) = delete;

    /// Start python3; false (with a qWarning) when it cannot run.
    bool start();
    /// Next stdout line without the newline; empty on timeout or exit (check timedOut()).
    QByteArray readLine(int timeout_ms);
    /// Wait for exit (bounded); returns the exit code, or -1 on timeout/crash (after kill).
    int finish(int timeout_ms);
    /// stdout not yet returned by readLine (after finish(): everything that remained).
    QByteArray allOutput();
    [[nodiscard]] QByteArray errorOutput() const { return m_stderr; }
    [[nodiscard]] bool timedOut() const { return m_timedOut; }
    [[nodiscard]] QProcess& process() { return m_process; }

    /// True when python3 is on PATH.
    static bool available();

private:
    void pump(int timeout_ms);

    QString m_script;
    QStringList m_args;
    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
    bool m_timedOut = false;
};

/// Remove the common leading whitespace of every non-empty line (like textwrap.dedent).
QString dedent(const QString& text);

} // namespace socklab::test
