#pragma once

// bench_gui_scroll's find figures: the find bar's real path (TrafficPane::findNext, on its worker
// thread for big captures) over the whole capture, and `grep -c -F` over the same bytes written
// to a file in the same run as the peer.

#include "core/capture/traffic_store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace socklab::ui {
class TrafficPane;
}

namespace socklab::bench {

/// The bytes the fill appends last: found only at the very end of the capture.
inline constexpr const char* kFindMarker = "SockLab-find-marker-7f3a9c";

struct FindFigures {
    std::vector<double> bytesPerSecond; ///< one per search, from the start to the marker
    std::uint64_t scanned = 0;          ///< bytes before the marker
    int wrong = 0;                      ///< searches that did not select the marker
    std::string error;
};

/// Types the marker into the pane's find bar (Text) and runs Find next from an empty selection
/// `runs` times, each timed from the call to findFinished; the hit must select markerOffset.
FindFigures findThroughPane(ui::TrafficPane& pane, std::uint64_t markerOffset, int runs);

/// Writes the store's arena to a temporary file, then times `LC_ALL=C grep -c -F marker` over it
/// `runs` times (grep must count exactly one line).
FindFigures findWithGrep(const TrafficStore& store, int runs);

} // namespace socklab::bench
