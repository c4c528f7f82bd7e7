#include "tests/bench/flood_frames.h"

#include <algorithm>
#include <chrono>

namespace socklab::bench {

std::vector<double> tcpFrameIntervals(const PaintCounter& paints, Clock::time_point until,
                                      const std::vector<Clock::time_point>& switches) {
    // While the TCP flood ran, each frame had something new to show; afterwards an idle
    // view is (rightly) not repainted, so those intervals say nothing.
    // Only the TCP tab's frames, and no interval that spans a tab switch.
    std::vector<Clock::time_point> floodPaints;
    for (std::size_t i = 0; i < paints.times.size(); ++i) {
        if (paints.times[i] <= until && paints.tcpTab[i]) {
            floodPaints.push_back(paints.times[i]);
        }
    }
    std::vector<double> intervals;
    {
        std::vector<Clock::time_point> frames;
        for (const auto& t : floodPaints) {
            if (frames.empty() || t - frames.back() > std::chrono::milliseconds(4)) {
                frames.push_back(t);
            }
        }
        for (std::size_t i = 1; i < frames.size(); ++i) {
            const bool spansSwitch =
                std::any_of(switches.begin(), switches.end(),
                            [&](const auto& s) { return s >= frames[i - 1] && s <= frames[i]; });
            if (!spansSwitch) {
                intervals.push_back(ms(frames[i] - frames[i - 1]));
            }
        }
    }
    return intervals;
}

} // namespace socklab::bench
