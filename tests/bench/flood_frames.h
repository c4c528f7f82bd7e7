#pragma once

// Frames of bench_gui_flood's traffic views: paint events counted per viewport, and the
// intervals between the TCP tab's frames while the flood ran.

#include "tests/bench/support/bench_stats.h"

#include <QEvent>
#include <QObject>
#include <cstdint>
#include <map>
#include <set>
#include <vector>

namespace socklab::bench {

// Counts paint events of the traffic views' viewports and keeps their times.
class PaintCounter : public QObject {
public:
    std::vector<Clock::time_point> times;
    std::vector<bool> tcpTab;
    std::map<QObject*, std::uint64_t> perWidget;
    std::set<QObject*> tcpViews;
    bool recording = false;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (recording && event->type() == QEvent::Paint) {
            times.push_back(Clock::now());
            tcpTab.push_back(tcpViews.count(watched) > 0);
            ++perWidget[watched];
        }
        return false;
    }
};

/// Intervals (ms) between the TCP tab's frames painted until `until`: paints closer than 4 ms
/// count as one frame, and no interval that spans a tab switch counts.
std::vector<double> tcpFrameIntervals(const PaintCounter& paints, Clock::time_point until,
                                      const std::vector<Clock::time_point>& switches);

} // namespace socklab::bench
