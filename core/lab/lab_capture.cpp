// The lab analysis fed from capture stores: the Data records of one connection and direction.
#include "core/base/translate.h"
#include "core/capture/traffic_store.h"
#include "core/lab/lab_report.h"

#include <algorithm>
#include <string>

namespace socklab {

namespace {

constexpr std::size_t kBatchRecords = 4096;

Error captureError(std::uint32_t connectionId, std::string detail) {
    return inputError("read lab capture", "connection " + std::to_string(connectionId),
                      std::move(detail));
}

bool wanted(const Record& r, std::uint32_t connectionId, Direction direction) {
    return r.kind == RecordKind::Data && r.connectionId == connectionId &&
           r.direction == direction && (r.flags & RecordFlag::Oob) == 0;
}

} // namespace

Result<std::vector<LabChunk>> labChunks(const TrafficStore& store, std::uint32_t connectionId,
                                        Direction direction) {
    if (const auto first = store.beginSeq(); first > 0) {
        return fail(captureError(
            connectionId,
            trArgs(SL_TR("socklab", "the oldest %1 records were dropped by the record cap"),
                   first)));
    }
    std::vector<LabChunk> out;
    const std::uint64_t end = store.endSeq();
    for (std::uint64_t seq = 0; seq < end;) {
        const auto batch = store.records(
            seq, static_cast<std::size_t>(std::min<std::uint64_t>(kBatchRecords, end - seq)));
        if (batch.empty() || batch.front().seq != seq) {
            return fail(captureError(
                connectionId,
                trArgs(SL_TR("socklab", "records from %1 were dropped by the record cap"), seq)));
        }
        for (const Record& r : batch) {
            if (!wanted(r, connectionId, direction)) {
                continue;
            }
            LabChunk chunk{r.monoNs, store.recordBytes(r)};
            if ((r.flags & RecordFlag::Evicted) != 0 || chunk.bytes.size() != r.length) {
                return fail(captureError(
                    connectionId,
                    trArgs(
                        SL_TR("socklab", "the bytes of record %1 were dropped by the memory cap"),
                        r.seq)));
            }
            out.push_back(std::move(chunk));
        }
        seq = batch.back().seq + 1;
    }
    return out;
}

Result<LabProtocolReport> analyzeLabCapture(const LabSchedule& schedule, LabTransport transport,
                                            const LabCapture& sender, const LabCapture& receiver,
                                            std::optional<std::int64_t> lateThresholdNs,
                                            bool inProgress) {
    auto writes = labChunks(sender.store, sender.connectionId, Direction::Out);
    if (!writes) {
        return fail(writes.error());
    }
    auto reads = labChunks(receiver.store, receiver.connectionId, Direction::In);
    if (!reads) {
        return fail(reads.error());
    }
    return analyzeLabRun(LabRun{schedule, transport, *writes, *reads, lateThresholdNs, inProgress});
}

} // namespace socklab
