#include "core/support/tshark.h"

#include <QProcess>
#include <QStandardPaths>

namespace socklab::test {

bool tsharkAvailable() {
    return !QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty();
}

QStringList tsharkFields(const QString& file, const QStringList& fields) {
    QStringList args{QStringLiteral("-r"), file, QStringLiteral("-T"), QStringLiteral("fields")};
    for (const QString& f : fields) {
        args << QStringLiteral("-e") << f;
    }
    QProcess p;
    p.start(QStringLiteral("tshark"), args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        return {
            QStringLiteral("<tshark failed: %1>").arg(QString::fromUtf8(p.readAllStandardError()))};
    }
    return QString::fromUtf8(p.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
}

} // namespace socklab::test
