#pragma once

#include "core/base/result.h"
#include "core/capture/record.h"
#include "core/lab/lab_message.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace socklab {

class TrafficStore;

/// How the run's sockets carry messages.
enum class LabTransport : std::uint8_t {
    Stream = 1, ///< TCP: the receiver's bytes, concatenated, are cut every schedule.size bytes
    Datagram,   ///< UDP: each datagram is one message, identified by its header
};

/// One write of the sender or one read of the receiver, as captured.
struct LabChunk {
    std::int64_t monoNs = 0; ///< CLOCK_MONOTONIC of the write/read
    std::vector<std::byte> bytes;
};

/// Default Late margin: a delivered message is Late when its latency exceeds the run's smallest
/// latency by more than this.
inline constexpr std::int64_t kLabLateMarginNs = 200'000'000;

/// Everything one protocol's analysis looks at.
struct LabRun {
    LabSchedule schedule;
    LabTransport transport = LabTransport::Stream;
    std::span<const LabChunk> writes; ///< the sender's Data Out records, in capture order
    std::span<const LabChunk> reads;  ///< the receiver's Data In records, in capture order
    /// Latency above which a delivered message is Late; nullopt = smallest latency of the run
    /// + kLabLateMarginNs.
    std::optional<std::int64_t> lateThresholdNs;
    /// The run is still going (a live view): a sent message that has not arrived yet is
    /// Pending, not Lost.
    bool inProgress = false;
};

/// What happened to a message. Several can apply; LabMessageFate::fate is the one shown.
enum class LabFate : std::uint8_t {
    Delivered = 1, ///< at least one intact copy arrived
    Late,          ///< delivered, latency above the threshold
    OutOfOrder,    ///< first arrived after a message with a higher seq had arrived
    Duplicated,    ///< two or more intact copies arrived
    Lost,          ///< sent, no intact copy arrived, not Garbled
    Garbled,       ///< stream: its bytes arrived but differ from what was sent
    Unsent,        ///< the sender never wrote its first byte, and nothing of it arrived
    Pending,       ///< in a run still going (LabRun::inProgress): sent, not arrived yet
};

/// Bit of LabMessageFate::flags for a fate.
[[nodiscard]] constexpr std::uint8_t labFateBit(LabFate f) {
    return static_cast<std::uint8_t>(1u << (static_cast<unsigned>(f) - 1));
}

/// The shown fate of a set of flags, priority Unsent > Pending > Garbled > Lost > Duplicated >
/// OutOfOrder > Late > Delivered (the flags of one message never hold both Unsent and Garbled).
[[nodiscard]] LabFate primaryLabFate(std::uint8_t flags);

/// "delivered", "late", "out of order", "duplicated", "lost", "garbled", "unsent".
[[nodiscard]] std::string_view labFateName(LabFate fate);

/// One message of the schedule (seq 1..count). Arrival means an intact copy.
struct LabMessageFate {
    int seq = 0;
    std::optional<std::int64_t> sentNs;         ///< monoNs of the write holding its first byte
    std::optional<std::int64_t> firstArrivalNs; ///< stream: the read with its last byte
    int arrivals = 0;                           ///< intact copies received (stream: 0 or 1)
    std::optional<std::int64_t> latencyNs;      ///< firstArrivalNs - sentNs, when both are known
    std::uint8_t flags = 0;                     ///< labFateBit() of every fate that applies
    LabFate fate = LabFate::Unsent;             ///< primaryLabFate(flags)
    [[nodiscard]] bool has(LabFate f) const { return (flags & labFateBit(f)) != 0; }
};

/// Counts over the run (messages unless named bytes).
struct LabTotals {
    int scheduled = 0;  ///< schedule.count
    int sent = 0;       ///< messages whose first byte the sender wrote
    int delivered = 0;  ///< messages with at least one intact arrival (Delivered)
    int lost = 0;       ///< Lost
    int duplicated = 0; ///< Duplicated (messages, not extra copies)
    int outOfOrder = 0; ///< OutOfOrder
    int late = 0;       ///< Late
    int unsent = 0;     ///< Unsent
    int pending = 0;    ///< Pending (only in a run still going)
    /// Datagram: datagrams received that are not an intact message of the schedule. Stream:
    /// size-byte slots of the received stream holding a byte that differs from what was sent
    /// (including slots beyond the schedule), so any mismatched byte makes this at least 1.
    int garbled = 0;
    std::uint64_t bytesSent = 0;     ///< sum of the writes
    std::uint64_t bytesReceived = 0; ///< sum of the reads
    /// Stream: received bytes that differ from the sent byte at the same offset, plus received
    /// bytes beyond what was sent. 0 for datagrams.
    std::uint64_t mismatchedBytes = 0;
};

/// Latency over delivered messages with a known send time. Percentiles are nearest-rank: the
/// p-th percentile of n sorted values is value number ceil(p/100 * n) (1-based), so always one
/// of the values measured. All nullopt when no message was delivered.
struct LabLatency {
    std::optional<std::int64_t> minNs;
    std::optional<std::int64_t> p50Ns;
    std::optional<std::int64_t> p99Ns;
    std::optional<std::int64_t> maxNs;
};

/// Nearest-rank percentile (0 < percent <= 100) of ascending values; nullopt when empty.
[[nodiscard]] std::optional<std::int64_t>
nearestRankPercentile(std::span<const std::int64_t> sorted, int percent);

/// One write or read on the time axis.
struct LabBlock {
    std::int64_t monoNs = 0;
    std::uint64_t position = 0; ///< stream: offset of its first byte; datagram: 0-based index
    std::size_t length = 0;     ///< bytes
    /// Messages touched, first..last. Stream: by offset (beyond count when more bytes than
    /// scheduled moved). Datagram: the header's seq; 0 when it is not a seq of 1..count, or
    /// (reads) the datagram is not an intact message.
    int firstSeq = 0;
    int lastSeq = 0;
    /// Reads only. Stream: holds a byte that differs from what was sent; datagram: not an
    /// intact message of the schedule (counted in LabTotals::garbled).
    bool damaged = false;
};

/// The analysis of one protocol's run.
struct LabProtocolReport {
    LabTransport transport = LabTransport::Stream;
    LabSchedule schedule;
    std::vector<LabMessageFate> messages; ///< messages[i].seq == i + 1, schedule.count entries
    LabTotals totals;
    LabLatency latency;
    /// The Late threshold used: LabRun::lateThresholdNs, else the smallest latency +
    /// kLabLateMarginNs; nullopt when defaulted and no latency was measured.
    std::optional<std::int64_t> lateThresholdNs;
    std::vector<LabBlock> writes; ///< zero-length stream writes/reads are left out
    std::vector<LabBlock> reads;
    /// Something was sent, and (stream) the received bytes are exactly the sent bytes, in
    /// order, all of them; (datagram) the received datagrams are exactly the sent ones, in
    /// order, each once.
    bool inOrderAndComplete = false;
};

/// Analyse one run. Fails only when run.schedule does not validate().
[[nodiscard]] Result<LabProtocolReport> analyzeLabRun(const LabRun& run);

/// The Data records of one connection and direction of a store, in order (urgent/OOB records
/// left out: they are not part of the stream). Fails when records or their bytes were dropped
/// by the store's caps, since the analysis would then misplace what is left.
[[nodiscard]] Result<std::vector<LabChunk>>
labChunks(const TrafficStore& store, std::uint32_t connectionId, Direction direction);

/// Where one side of a run was captured: the sender's writes are its Direction::Out records,
/// the receiver's reads its Direction::In records.
struct LabCapture {
    const TrafficStore& store;
    std::uint32_t connectionId = 0; ///< 0 = the session's own socket; accepted child: its id
};

/// analyzeLabRun() on the captures of the sender and the receiver.
[[nodiscard]] Result<LabProtocolReport>
analyzeLabCapture(const LabSchedule& schedule, LabTransport transport, const LabCapture& sender,
                  const LabCapture& receiver,
                  std::optional<std::int64_t> lateThresholdNs = std::nullopt,
                  bool inProgress = false);

} // namespace socklab
