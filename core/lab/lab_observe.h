#pragma once

// Internal to core/lab: what the two transports' walks over the captures observed, before the
// fates are judged (lab_report.cpp). Not part of the module's interface.

#include "core/lab/lab_report.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace socklab::lab_detail {

/// What was seen of one message of the schedule.
struct MessageObservation {
    std::optional<std::int64_t> sentNs;
    std::optional<std::int64_t> firstArrivalNs; ///< of the first intact copy
    int arrivals = 0;                           ///< intact copies
    bool outOfOrder = false;                    ///< its first copy came after a higher seq
    bool garbled = false;                       ///< stream: its bytes differ from what was sent
};

struct Observations {
    std::vector<MessageObservation> messages; ///< schedule.count entries, seq - 1
    std::vector<LabBlock> writes;
    std::vector<LabBlock> reads;
    int garbled = 0;
    std::uint64_t bytesSent = 0;
    std::uint64_t bytesReceived = 0;
    std::uint64_t mismatchedBytes = 0;
    bool inOrderAndComplete = false;
};

/// TCP: cut both byte streams every schedule.size bytes and compare them byte by byte.
[[nodiscard]] Observations observeStream(const LabRun& run);
/// UDP: one message per datagram, known by its header.
[[nodiscard]] Observations observeDatagrams(const LabRun& run);

} // namespace socklab::lab_detail
