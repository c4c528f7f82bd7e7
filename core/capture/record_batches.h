#pragma once

#include "core/capture/exporters.h"
#include "core/capture/traffic_store.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace socklab::detail {

/// Calls visit(const Record&) for each record of range the store still holds, in seq order,
/// fetching a batch at a time so the store's lock is taken once per batch, not per record.
template <class Fn>
void forEachRecord(const TrafficStore& store, const ExportRange& range, Fn&& visit) {
    constexpr std::size_t kBatch = 4096;
    std::uint64_t seq = std::max(range.firstSeq, store.beginSeq());
    const std::uint64_t end = std::min(range.endSeq, store.endSeq());
    while (seq < end) {
        const auto batch = store.records(
            seq, static_cast<std::size_t>(std::min<std::uint64_t>(kBatch, end - seq)));
        if (batch.empty()) {
            break;
        }
        for (const Record& r : batch) {
            visit(r);
        }
        seq = batch.back().seq + 1;
    }
}

} // namespace socklab::detail
