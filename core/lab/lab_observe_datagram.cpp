// The datagram (UDP) walk: each datagram is one message, known by its header. A received
// datagram that is not an intact message of 1..count is garbled and belongs to no message.
#include "core/lab/lab_observe.h"

#include <algorithm>

namespace socklab::lab_detail {

namespace {

// The header's seq when it lies in 1..count, else 0.
int scheduledSeq(std::span<const std::byte> bytes, int count) {
    const auto seq = parseLabMessageHeader(bytes);
    return seq && *seq >= 1 && *seq <= count ? *seq : 0;
}

LabBlock datagramBlock(const LabChunk& chunk, std::size_t index, int seq, bool damaged) {
    return LabBlock{chunk.monoNs, index, chunk.bytes.size(), seq, seq, damaged};
}

void observeWrites(const LabRun& run, Observations& obs) {
    for (std::size_t i = 0; i < run.writes.size(); ++i) {
        const LabChunk& write = run.writes[i];
        const int seq = scheduledSeq(write.bytes, run.schedule.count);
        obs.writes.push_back(datagramBlock(write, i, seq, false));
        obs.bytesSent += write.bytes.size();
        if (seq != 0 && !obs.messages[seq - 1].sentNs) {
            obs.messages[seq - 1].sentNs = write.monoNs;
        }
    }
}

void observeReads(const LabRun& run, Observations& obs) {
    int highestSeen = 0;
    for (std::size_t i = 0; i < run.reads.size(); ++i) {
        const LabChunk& read = run.reads[i];
        obs.bytesReceived += read.bytes.size();
        const int seq = labMessageIntact(read.bytes, run.schedule.size)
                            ? scheduledSeq(read.bytes, run.schedule.count)
                            : 0;
        obs.reads.push_back(datagramBlock(read, i, seq, seq == 0));
        if (seq == 0) {
            ++obs.garbled;
            continue;
        }
        MessageObservation& message = obs.messages[seq - 1];
        if (message.arrivals == 0) {
            message.firstArrivalNs = read.monoNs;
            message.outOfOrder = highestSeen > seq;
        }
        ++message.arrivals;
        highestSeen = std::max(highestSeen, seq);
    }
}

bool sameDatagrams(std::span<const LabChunk> a, std::span<const LabChunk> b) {
    return std::ranges::equal(a, b, [](const LabChunk& x, const LabChunk& y) {
        return std::ranges::equal(x.bytes, y.bytes);
    });
}

} // namespace

Observations observeDatagrams(const LabRun& run) {
    Observations obs;
    obs.messages.resize(static_cast<std::size_t>(run.schedule.count));
    observeWrites(run, obs);
    observeReads(run, obs);
    obs.inOrderAndComplete = !run.writes.empty() && sameDatagrams(run.writes, run.reads);
    return obs;
}

} // namespace socklab::lab_detail
