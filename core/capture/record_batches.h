#pragma once

#include "core/base/error.h"
#include "core/base/translate.h"
#include "core/capture/exporters.h"
#include "core/capture/traffic_store.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace socklab::detail {

/// Cancel flag and progress hook of one export run.
struct ExportControl {
    const std::atomic<bool>* cancel = nullptr;
    const ExportProgress* progress = nullptr;

    [[nodiscard]] bool cancelled() const {
        return cancel != nullptr && cancel->load(std::memory_order_relaxed);
    }
};

/// The error a cancelled export returns: "export pcapng /x: Operation canceled (ECANCELED):
/// cancelled".
[[nodiscard]] inline Error cancelledError(const std::string& op, const std::string& path) {
    return sysError(ECANCELED, op, path, SL_TR("socklab", "cancelled"));
}

enum class RunEnd : std::uint8_t { Done, Cancelled, Stopped };

/// Calls visit(const Record&) -> bool for each record of range the store still holds, in seq
/// order, fetching a batch at a time so the store's lock is taken once per batch, not per
/// record. Checks control's cancel flag before every record (one relaxed load), reports
/// progress (throttled to ~20 calls a second) and stops when visit returns false (Stopped).
template <class Fn>
RunEnd forEachRecord(const TrafficStore& store, const ExportRange& range,
                     const ExportControl& control, Fn&& visit) {
    using Clock = std::chrono::steady_clock;
    constexpr std::size_t kBatch = 4096;
    constexpr std::uint64_t kProgressEvery = 64; // records between clock reads
    constexpr auto kProgressPeriod = std::chrono::milliseconds(50);
    const std::uint64_t first = std::max(range.firstSeq, store.beginSeq());
    const std::uint64_t end = std::min(range.endSeq, store.endSeq());
    const std::uint64_t total = end > first ? end - first : 0;
    const bool wantProgress = control.progress != nullptr && *control.progress;
    bool reported = false;
    Clock::time_point lastReport{};
    std::uint64_t visited = 0;
    std::uint64_t seq = first;
    while (seq < end) {
        const auto batch = store.records(
            seq, static_cast<std::size_t>(std::min<std::uint64_t>(kBatch, end - seq)));
        if (batch.empty()) {
            break;
        }
        for (const Record& r : batch) {
            if (control.cancelled()) {
                return RunEnd::Cancelled;
            }
            if (!visit(r)) {
                return RunEnd::Stopped;
            }
            if (wantProgress && ++visited % kProgressEvery == 0) {
                const auto now = Clock::now();
                if (!reported || now - lastReport >= kProgressPeriod) {
                    reported = true;
                    lastReport = now;
                    (*control.progress)(r.seq + 1 - first, total);
                }
            }
        }
        seq = batch.back().seq + 1;
    }
    if (control.cancelled()) {
        return RunEnd::Cancelled;
    }
    if (wantProgress) {
        (*control.progress)(total, total);
    }
    return RunEnd::Done;
}

} // namespace socklab::detail
