// Fates, totals and latency figures of a lab run, from what the transport's walk observed
// (lab_observe_stream.cpp, lab_observe_datagram.cpp).
#include "core/lab/lab_report.h"

#include "core/lab/lab_observe.h"

#include <algorithm>
#include <array>

namespace socklab {

namespace {

using lab_detail::MessageObservation;
using lab_detail::Observations;

std::uint8_t fateFlags(const MessageObservation& seen, std::optional<std::int64_t> latency,
                       std::optional<std::int64_t> lateThreshold, bool inProgress) {
    if (seen.arrivals == 0) {
        return labFateBit(seen.garbled                ? LabFate::Garbled
                          : seen.sentNs && inProgress ? LabFate::Pending
                          : seen.sentNs               ? LabFate::Lost
                                                      : LabFate::Unsent);
    }
    std::uint8_t flags = labFateBit(LabFate::Delivered);
    if (seen.arrivals >= 2) {
        flags |= labFateBit(LabFate::Duplicated);
    }
    if (seen.outOfOrder) {
        flags |= labFateBit(LabFate::OutOfOrder);
    }
    if (latency && lateThreshold && *latency > *lateThreshold) {
        flags |= labFateBit(LabFate::Late);
    }
    return flags;
}

std::optional<std::int64_t> latencyOf(const MessageObservation& seen) {
    if (seen.arrivals > 0 && seen.sentNs && seen.firstArrivalNs) {
        return *seen.firstArrivalNs - *seen.sentNs;
    }
    return std::nullopt;
}

LabLatency latencyFigures(std::vector<std::int64_t> latencies) {
    std::ranges::sort(latencies);
    LabLatency out;
    if (!latencies.empty()) {
        out.minNs = latencies.front();
        out.maxNs = latencies.back();
    }
    out.p50Ns = nearestRankPercentile(latencies, 50);
    out.p99Ns = nearestRankPercentile(latencies, 99);
    return out;
}

void count(LabTotals& totals, const LabMessageFate& m) {
    totals.sent += m.sentNs ? 1 : 0;
    totals.delivered += m.has(LabFate::Delivered) ? 1 : 0;
    totals.lost += m.has(LabFate::Lost) ? 1 : 0;
    totals.duplicated += m.has(LabFate::Duplicated) ? 1 : 0;
    totals.outOfOrder += m.has(LabFate::OutOfOrder) ? 1 : 0;
    totals.late += m.has(LabFate::Late) ? 1 : 0;
    totals.unsent += m.has(LabFate::Unsent) ? 1 : 0;
    totals.pending += m.has(LabFate::Pending) ? 1 : 0;
}

LabProtocolReport judge(const LabRun& run, Observations obs) {
    LabProtocolReport report;
    report.transport = run.transport;
    report.schedule = run.schedule;

    std::vector<std::int64_t> latencies;
    for (const MessageObservation& seen : obs.messages) {
        if (const auto latency = latencyOf(seen)) {
            latencies.push_back(*latency);
        }
    }
    report.latency = latencyFigures(std::move(latencies));
    report.lateThresholdNs = run.lateThresholdNs;
    if (!report.lateThresholdNs && report.latency.minNs) {
        report.lateThresholdNs = *report.latency.minNs + kLabLateMarginNs;
    }

    report.messages.reserve(obs.messages.size());
    LabTotals& totals = report.totals;
    for (std::size_t i = 0; i < obs.messages.size(); ++i) {
        const MessageObservation& seen = obs.messages[i];
        LabMessageFate m;
        m.seq = static_cast<int>(i + 1);
        m.sentNs = seen.sentNs;
        m.firstArrivalNs = seen.firstArrivalNs;
        m.arrivals = seen.arrivals;
        m.latencyNs = latencyOf(seen);
        m.flags = fateFlags(seen, m.latencyNs, report.lateThresholdNs, run.inProgress);
        m.fate = primaryLabFate(m.flags);
        count(totals, m);
        report.messages.push_back(m);
    }
    totals.scheduled = run.schedule.count;
    totals.garbled = obs.garbled;
    totals.bytesSent = obs.bytesSent;
    totals.bytesReceived = obs.bytesReceived;
    totals.mismatchedBytes = obs.mismatchedBytes;
    report.writes = std::move(obs.writes);
    report.reads = std::move(obs.reads);
    report.inOrderAndComplete = obs.inOrderAndComplete;
    return report;
}

} // namespace

LabFate primaryLabFate(std::uint8_t flags) {
    static constexpr std::array kPriority{LabFate::Unsent, LabFate::Pending,    LabFate::Garbled,
                                          LabFate::Lost,   LabFate::Duplicated, LabFate::OutOfOrder,
                                          LabFate::Late};
    for (const LabFate f : kPriority) {
        if ((flags & labFateBit(f)) != 0) {
            return f;
        }
    }
    return LabFate::Delivered;
}

std::string_view labFateName(LabFate fate) {
    switch (fate) {
    case LabFate::Delivered:
        return "delivered";
    case LabFate::Late:
        return "late";
    case LabFate::OutOfOrder:
        return "out of order";
    case LabFate::Duplicated:
        return "duplicated";
    case LabFate::Lost:
        return "lost";
    case LabFate::Garbled:
        return "garbled";
    case LabFate::Unsent:
        return "unsent";
    case LabFate::Pending:
        return "in flight";
    }
    return "?";
}

std::optional<std::int64_t> nearestRankPercentile(std::span<const std::int64_t> sorted,
                                                  int percent) {
    if (sorted.empty() || percent <= 0 || percent > 100) {
        return std::nullopt;
    }
    // ceil(percent/100 * n), in integers.
    const std::size_t rank = (static_cast<std::size_t>(percent) * sorted.size() + 99) / 100;
    return sorted[rank - 1];
}

Result<LabProtocolReport> analyzeLabRun(const LabRun& run) {
    if (auto valid = run.schedule.validate(); !valid) {
        return fail(valid.error());
    }
    return judge(run, run.transport == LabTransport::Stream ? lab_detail::observeStream(run)
                                                            : lab_detail::observeDatagrams(run));
}

} // namespace socklab
