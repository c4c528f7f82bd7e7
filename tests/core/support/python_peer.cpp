#include "core/support/python_peer.h"

#include <QDeadlineTimer>
#include <QStandardPaths>
#include <QtDebug>

namespace socklab::test {

QString dedent(const QString& text) {
    const QStringList lines = text.split('\n');
    int common = -1;
    for (const QString& l : lines) {
        if (l.trimmed().isEmpty()) {
            continue;
        }
        int n = 0;
        while (n < l.size() && (l[n] == ' ' || l[n] == '\t')) {
            ++n;
        }
        common = common < 0 ? n : std::min(common, n);
    }
    QStringList out;
    for (const QString& l : lines) {
        out << (l.trimmed().isEmpty() ? QString() : l.mid(std::max(common, 0)));
    }
    return out.join('\n');
}

PythonPeer::PythonPeer(const QString& script, QStringList args)
    : m_script(dedent(script)), m_args(std::move(args)) {}

PythonPeer::~PythonPeer() {
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

bool PythonPeer::available() {
    return !QStandardPaths::findExecutable("python3").isEmpty();
}

bool PythonPeer::start() {
    QStringList args{"-u", "-c", m_script};
    args << m_args;
    m_process.start("python3", args);
    if (!m_process.waitForStarted(5000)) {
        qWarning() << "python3 did not start:" << m_process.errorString();
        return false;
    }
    return true;
}

void PythonPeer::pump(int timeout_ms) {
    if (m_process.state() == QProcess::Running) {
        m_process.waitForReadyRead(timeout_ms);
    }
    m_stdout += m_process.readAllStandardOutput();
    m_stderr += m_process.readAllStandardError();
}

QByteArray PythonPeer::readLine(int timeout_ms) {
    QDeadlineTimer deadline(timeout_ms);
    m_timedOut = false;
    for (int i = 0; i < 100000; ++i) {
        const int nl = m_stdout.indexOf('\n');
        if (nl >= 0) {
            QByteArray line = m_stdout.left(nl);
            m_stdout.remove(0, nl + 1);
            return line;
        }
        if (deadline.hasExpired()) {
            m_timedOut = true;
            return {};
        }
        if (m_process.state() != QProcess::Running) {
            m_stdout += m_process.readAllStandardOutput();
            m_stderr += m_process.readAllStandardError();
            if (m_stdout.indexOf('\n') < 0) {
                qWarning().noquote() << "python exited early; stderr:" << m_stderr;
                return {};
            }
            continue;
        }
        pump(static_cast<int>(std::min<qint64>(deadline.remainingTime(), 100)));
    }
    return {};
}

int PythonPeer::finish(int timeout_ms) {
    QDeadlineTimer deadline(timeout_ms);
    while (m_process.state() != QProcess::NotRunning && !deadline.hasExpired()) {
        pump(static_cast<int>(std::min<qint64>(deadline.remainingTime(), 100)));
    }
    if (m_process.state() != QProcess::NotRunning) {
        m_timedOut = true;
        m_process.kill();
        m_process.waitForFinished(2000);
        qWarning().noquote() << "python timed out; stderr:" << m_stderr;
        return -1;
    }
    m_stdout += m_process.readAllStandardOutput();
    m_stderr += m_process.readAllStandardError();
    if (m_process.exitStatus() != QProcess::NormalExit) {
        return -1;
    }
    if (m_process.exitCode() != 0) {
        qWarning().noquote() << "python exit code" << m_process.exitCode() << "stderr:" << m_stderr;
    }
    return m_process.exitCode();
}

QByteArray PythonPeer::allOutput() {
    QByteArray out = m_stdout;
    m_stdout.clear();
    return out;
}

} // namespace socklab::test
