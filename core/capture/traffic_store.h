#pragma once

#include "core/capture/record.h"
#include "core/net/endpoint.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace socklab {

/// What to do when the captured bytes exceed the memory cap.
enum class OverflowPolicy : std::uint8_t {
    Spill = 1,  ///< move the oldest byte chunks to an unlinked temporary file (read back on demand)
    DropOldest, ///< free the oldest byte chunks; records stay, marked Evicted, counted exactly
};

/// Per-direction counters; bytes equal what the kernel delivered/accepted.
struct TrafficCounters {
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    std::uint64_t messagesIn = 0;  ///< Data records In
    std::uint64_t messagesOut = 0; ///< Data records Out
    std::uint64_t oobIn = 0;
    std::uint64_t oobOut = 0;
    std::uint64_t truncatedIn = 0;
};

/// Capture log of one session: records + a byte arena. One writer (the engine thread),
/// any number of concurrent readers on other threads; readers copy only what they ask for.
class TrafficStore {
public:
    struct Config {
        std::size_t memoryCapBytes = 256u << 20; ///< bytes of payload kept in RAM
        OverflowPolicy policy = OverflowPolicy::Spill;
        std::uint64_t diskCapBytes = 8ull << 30; ///< Spill: beyond this, drop oldest anyway
        std::string spillDir;                    ///< empty = $TMPDIR or /tmp
        std::size_t chunkBytes = 1u << 20;       ///< arena chunk size
        std::size_t maxRecords = 50'000'000;     ///< beyond: drop oldest records (counted)
    };

    struct Stats {
        std::uint64_t arenaBytes = 0;     ///< total bytes ever appended
        std::uint64_t residentBytes = 0;  ///< payload bytes in RAM now
        std::uint64_t spilledBytes = 0;   ///< payload bytes in the spill file now
        std::uint64_t evictedBytes = 0;   ///< payload bytes dropped (no longer readable)
        std::uint64_t evictedRecords = 0; ///< records dropped by maxRecords
        std::uint64_t memoryBytes = 0;    ///< approximate RAM used by the store
    };

    TrafficStore();
    explicit TrafficStore(Config config);
    ~TrafficStore();
    TrafficStore(const TrafficStore&) = delete;
    TrafficStore& operator=(const TrafficStore&) = delete;

    // ---- writer side (one thread) ----
    /// Append a data record; timestamps taken now when wallNs/monoNs are 0. Returns its seq.
    std::uint64_t appendData(std::uint32_t connectionId, Direction dir,
                             std::span<const std::byte> bytes, const Endpoint* peer = nullptr,
                             std::uint16_t flags = 0, std::uint64_t wireLength = 0,
                             std::int64_t wallNs = 0, std::int64_t monoNs = 0,
                             std::uint32_t wireDelayUs = 0);
    /// Room for receiving straight into the store: bytes written here become a record only when
    /// commitReceived() says so, and readers never see them before.
    struct ReceiveRoom {
        std::span<std::byte> first;  ///< the tail chunk's free room (or a new chunk)
        std::span<std::byte> second; ///< a new chunk after it, or empty
        [[nodiscard]] std::size_t size() const { return first.size() + second.size(); }
    };
    /// Where the next appended bytes go: the free room of the tail chunk and, when that is under
    /// minBytes, a whole new chunk after it (not yet part of the store). Fill first, then second
    /// (e.g. one recvmsg with two iovecs), then commitReceived(). Valid until the next writer call.
    ReceiveRoom receiveRoom(std::size_t minBytes);
    /// Append the first n bytes of the last receiveRoom() as a Data record (exactly what
    /// appendData() of those bytes would do, without copying them). n <= that room's size().
    /// Returns its seq.
    std::uint64_t commitReceived(std::size_t n, std::uint32_t connectionId, Direction dir,
                                 const Endpoint* peer = nullptr, std::uint16_t flags = 0);
    /// Lab wire: the packet of Data record seq left the wire after delayUs; addFlags are OR-ed
    /// into its flags. False when the record is gone (dropped by a cap) or not Data.
    bool setWireDelay(std::uint64_t seq, std::uint32_t delayUs, std::uint16_t addFlags = 0);
    /// Append a lifecycle record with optional text, errno and peer. Returns its seq.
    /// Timestamps taken now when wallNs/monoNs are 0 (an imported capture passes its own).
    std::uint64_t appendEvent(std::uint32_t connectionId, RecordKind kind, std::string_view text,
                              int err = 0, const Endpoint* peer = nullptr, std::uint16_t flags = 0,
                              std::int64_t wallNs = 0, std::int64_t monoNs = 0);

    // ---- reader side (any thread) ----
    [[nodiscard]] std::uint64_t beginSeq() const; ///< first record still held
    [[nodiscard]] std::uint64_t endSeq() const;   ///< one past the last record
    [[nodiscard]] std::optional<Record> record(std::uint64_t seq) const;
    /// Up to count records from seq (clamped to what is held).
    [[nodiscard]] std::vector<Record> records(std::uint64_t seq, std::size_t count) const;
    [[nodiscard]] std::string text(const Record& r) const; ///< "" when none
    [[nodiscard]] Endpoint peer(const Record& r) const;    ///< empty when none
    /// Copy up to out.size() bytes of a record starting at offsetInRecord; returns the count.
    /// Returns 0 for evicted bytes (check bytesAvailable()).
    std::size_t readRecordBytes(const Record& r, std::size_t offsetInRecord,
                                std::span<std::byte> out) const;
    [[nodiscard]] std::vector<std::byte> recordBytes(const Record& r) const;
    [[nodiscard]] bool bytesAvailable(const Record& r) const;

    /// The arena is the concatenation of all data bytes in record order.
    [[nodiscard]] std::uint64_t arenaBegin() const; ///< first readable arena offset
    [[nodiscard]] std::uint64_t arenaEnd() const;   ///< total bytes appended
    /// Copy arena bytes [offset, offset+out.size()); returns the count actually copied.
    std::size_t readArena(std::uint64_t offset, std::span<std::byte> out) const;
    /// seq of the data record containing arena offset, if still held.
    [[nodiscard]] std::optional<std::uint64_t> recordAtArenaOffset(std::uint64_t offset) const;
    /// Next arena offset >= from where pattern starts (searches spilled bytes too), or nullopt.
    /// A set `cancel` flag (checked once per block) ends the search with nullopt.
    [[nodiscard]] std::optional<std::uint64_t>
    findBytes(std::span<const std::byte> pattern, std::uint64_t from,
              const std::atomic<bool>* cancel = nullptr) const;

    [[nodiscard]] TrafficCounters counters() const;
    [[nodiscard]] TrafficCounters counters(std::uint32_t connectionId) const;
    [[nodiscard]] Stats stats() const;
    [[nodiscard]] const Config& config() const;
    /// Connection ids that have at least one record (appended so far), ascending.
    [[nodiscard]] std::vector<std::uint32_t> connectionIds() const;
    /// First spill-file failure (open/write ENOSPC...), after which chunks were dropped instead.
    [[nodiscard]] std::optional<Error> spillError() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Call f(const Record&) for every record held from seq `from` (at least beginSeq()) to the
/// end as it is now, read in batches; returns the seq after the last one visited.
template <class F>
std::uint64_t forEachRecord(const TrafficStore& store, F&& f, std::uint64_t from = 0) {
    constexpr std::uint64_t kBatch = 4096;
    const std::uint64_t end = store.endSeq();
    std::uint64_t seq = std::max(from, store.beginSeq());
    while (seq < end) {
        const auto batch =
            store.records(seq, static_cast<std::size_t>(std::min(kBatch, end - seq)));
        if (batch.empty()) {
            break;
        }
        for (const Record& r : batch) {
            f(r);
        }
        seq = batch.back().seq + 1;
    }
    return std::max(seq, from);
}

/// Checks a spill directory as the user typed it (Preferences): absolute, no control
/// characters, and a spill file can really be made there (one is created and removed at
/// once). Empty is the system's temporary directory. Errors name the directory and the
/// cause: "open spill file in /nope: No such file or directory (ENOENT)".
[[nodiscard]] Status checkSpillDirectory(const std::string& dir);

} // namespace socklab
