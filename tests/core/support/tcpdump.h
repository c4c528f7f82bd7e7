#pragma once

// Test helper: a tcpdump on lo writing a capture file, for tests that import or replay a real
// exchange (root only: the tests skip otherwise).
//
//   Tcpdump dump;
//   QVERIFY2(dump.start(file, "tcp port " + port), dump.errorOutput().constData());
//   ... the exchange ...
//   dump.stop();
//   if (dump.droppedByKernel() > 0) QSKIP("the kernel dropped packets (machine too busy)");

#include <QByteArray>
#include <QProcess>
#include <QString>

namespace socklab::test {

class Tcpdump {
public:
    Tcpdump() = default;
    ~Tcpdump();
    Tcpdump(const Tcpdump&) = delete;
    Tcpdump& operator=(const Tcpdump&) = delete;

    /// Start `tcpdump -i lo ... -w file filter` and wait (5 s at most) until it listens.
    bool start(const QString& file, const QString& filter);
    /// Let the last packets reach the file (written per packet with -U), then end tcpdump.
    void stop();
    /// Packets the kernel dropped before tcpdump saw them (its own count, printed at exit).
    [[nodiscard]] long droppedByKernel() const;
    /// What tcpdump printed on stderr so far.
    [[nodiscard]] const QByteArray& errorOutput() const { return m_err; }

private:
    QProcess m_proc;
    QByteArray m_err;
};

} // namespace socklab::test
