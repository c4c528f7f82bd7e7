#include "tests/bench/support/bench_stats.h"

#include <QFile>
#include <QList>
#include <algorithm>

namespace socklab::bench {

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

Percentiles percentiles(std::vector<double> v) {
    Percentiles p;
    p.n = v.size();
    if (v.empty()) {
        return p;
    }
    std::sort(v.begin(), v.end());
    const auto at = [&v](double q) {
        const auto i = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
        return v[std::min(i, v.size() - 1)];
    };
    p.p50 = at(0.50);
    p.p99 = at(0.99);
    p.max = v.back();
    return p;
}

std::uint64_t procStatusKiB(const char* field) {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith(key)) {
            return line.mid(key.size()).trimmed().split(' ').front().toULongLong();
        }
    }
    return 0;
}

QByteArray loadAverage() {
    QFile loadFile(QStringLiteral("/proc/loadavg"));
    QByteArray load;
    if (loadFile.open(QIODevice::ReadOnly)) {
        load = loadFile.readAll().trimmed();
    }
    return load;
}

} // namespace socklab::bench
