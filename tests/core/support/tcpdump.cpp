#include "core/support/tcpdump.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QStringList>
#include <QTest>

namespace socklab::test {

Tcpdump::~Tcpdump() {
    if (m_proc.state() != QProcess::NotRunning) {
        m_proc.kill();
        m_proc.waitForFinished(2000);
    }
}

bool Tcpdump::start(const QString& file, const QString& filter) {
    // A large capture buffer (-B, KiB): a loaded CI machine must not make the kernel drop.
    m_proc.start(QStringLiteral("tcpdump"), {"-i", "lo", "-n", "-U", "--immediate-mode", "-B",
                                             "32768", "-Z", "root", "-w", file, filter});
    if (!m_proc.waitForStarted(5000)) {
        return false;
    }
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 5000 && m_proc.state() == QProcess::Running) {
        m_proc.waitForReadyRead(100);
        m_err += m_proc.readAllStandardError();
        if (m_err.contains("listening on lo")) {
            return true;
        }
    }
    return false;
}

void Tcpdump::stop() {
    QTest::qWait(200);
    m_proc.terminate();
    m_proc.waitForFinished(5000);
    m_err += m_proc.readAllStandardError();
}

long Tcpdump::droppedByKernel() const {
    const auto m = QRegularExpression(QStringLiteral("(\\d+) packets? dropped by kernel"))
                       .match(QString::fromLocal8Bit(m_err));
    return m.hasMatch() ? m.captured(1).toLong() : 0;
}

} // namespace socklab::test
