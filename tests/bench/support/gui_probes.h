#pragma once

// What a GUI benchmark measures on the GUI thread while it works: how long the thread was held
// (gaps of a 1 ms timer, split by the scheduler's figures), and how late queued calls posted
// from another thread run (event-loop latency). Plus spinUntil(), to run the event loop until
// something is true.

#include "tests/bench/support/bench_stats.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <atomic>
#include <functional>
#include <thread>
#include <vector>

namespace socklab::bench {

/// Runs the Qt event loop until done() or the deadline; polls every 5 ms. Returns done().
bool spinUntil(const std::function<bool()>& done, Clock::time_point deadline);

/// The calling thread's scheduler figures (/proc/thread-self/schedstat).
struct SchedSample {
    double cpuMs = 0;  ///< on a CPU
    double waitMs = 0; ///< waiting on a run queue
};

class SchedStat {
public:
    SchedStat();
    ~SchedStat();
    SchedStat(const SchedStat&) = delete;
    SchedStat& operator=(const SchedStat&) = delete;
    [[nodiscard]] SchedSample sample() const;

private:
    int m_fd;
};

/// A 1 ms precise timer on the GUI thread: a long gap between ticks means the thread was busy.
/// Each gap is split into work, waiting for a CPU, and the rest (blocked: a lock, a late wake-up).
class StallDetector {
public:
    StallDetector();
    StallDetector(const StallDetector&) = delete;
    StallDetector& operator=(const StallDetector&) = delete;
    void start();
    void stop();

    std::vector<double> timerGaps;
    std::vector<double> busyGaps; ///< gaps minus run-queue waits: what the GUI itself held
    double maxGapMs = 0;
    double maxGapAtMs = 0;   ///< since start()
    SchedSample maxGapSched; ///< of the longest gap: on a CPU, waiting for one
    double maxBusyMs = 0;    ///< the most CPU the GUI thread used within one gap
    double maxRunWaitMs = 0; ///< the longest wait for a CPU within one gap

private:
    void tick();

    QElapsedTimer m_sinceStart;
    qint64 m_lastTickNs = -1;
    const SchedStat m_schedStat;
    SchedSample m_lastSched;
    QTimer m_timer;
};

/// Event-loop latency: from construction until stop(), another thread posts a queued call every
/// 5 ms; each records how long it waited. Read latencies on the GUI thread after stop().
class LatencyProbe {
public:
    LatencyProbe();
    ~LatencyProbe();
    LatencyProbe(const LatencyProbe&) = delete;
    LatencyProbe& operator=(const LatencyProbe&) = delete;
    void stop();

    std::vector<double> latencies;

private:
    std::atomic<bool> m_probing{true};
    QObject m_context;
    std::thread m_prober;
};

} // namespace socklab::bench
