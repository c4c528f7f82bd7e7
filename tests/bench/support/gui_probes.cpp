#include "tests/bench/support/gui_probes.h"

#include <QEventLoop>
#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace socklab::bench {

bool spinUntil(const std::function<bool()>& done, Clock::time_point deadline) {
    QEventLoop loop;
    QTimer poll;
    bool ok = false;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done()) {
            ok = true;
            loop.quit();
        } else if (Clock::now() > deadline) {
            loop.quit();
        }
    });
    poll.start(5);
    if (done()) {
        return true;
    }
    loop.exec();
    return ok;
}

SchedStat::SchedStat() : m_fd(::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC)) {}

SchedStat::~SchedStat() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

SchedSample SchedStat::sample() const {
    char buf[128] = {};
    if (m_fd < 0 || ::pread(m_fd, buf, sizeof buf - 1, 0) <= 0) {
        return {};
    }
    unsigned long long cpu = 0;
    unsigned long long wait = 0;
    std::sscanf(buf, "%llu %llu", &cpu, &wait);
    return {static_cast<double>(cpu) / 1e6, static_cast<double>(wait) / 1e6};
}

StallDetector::StallDetector() : m_lastSched(m_schedStat.sample()) {
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, [this] { tick(); });
}

void StallDetector::start() {
    m_sinceStart.start();
    m_timer.start(1);
}

void StallDetector::stop() {
    m_timer.stop();
}

void StallDetector::tick() {
    const qint64 now = m_sinceStart.nsecsElapsed();
    const SchedSample sched = m_schedStat.sample();
    if (m_lastTickNs >= 0) {
        const double gap = static_cast<double>(now - m_lastTickNs) / 1e6;
        const SchedSample d{sched.cpuMs - m_lastSched.cpuMs, sched.waitMs - m_lastSched.waitMs};
        timerGaps.push_back(gap);
        busyGaps.push_back(std::max(0.0, gap - d.waitMs));
        if (gap > maxGapMs) {
            maxGapMs = gap;
            maxGapAtMs = static_cast<double>(now) / 1e6;
            maxGapSched = d;
        }
        maxBusyMs = std::max(maxBusyMs, d.cpuMs);
        maxRunWaitMs = std::max(maxRunWaitMs, d.waitMs);
    }
    m_lastTickNs = now;
    m_lastSched = sched;
}

LatencyProbe::LatencyProbe()
    : m_prober([this] {
          while (m_probing.load()) {
              const auto posted = Clock::now();
              QMetaObject::invokeMethod(
                  &m_context, [this, posted] { latencies.push_back(ms(Clock::now() - posted)); },
                  Qt::QueuedConnection);
              std::this_thread::sleep_for(std::chrono::milliseconds(5));
          }
      }) {}

LatencyProbe::~LatencyProbe() {
    stop();
}

void LatencyProbe::stop() {
    m_probing = false;
    if (m_prober.joinable()) {
        m_prober.join();
    }
}

} // namespace socklab::bench
