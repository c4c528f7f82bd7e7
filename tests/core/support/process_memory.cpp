#include "core/support/process_memory.h"

#include <QByteArray>
#include <QFile>

namespace socklab::test {

std::uint64_t residentBytes() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').first().toULongLong() * 1024;
        }
    }
    return 0;
}

} // namespace socklab::test
