#pragma once

// Private to core/capture: the state behind TrafficStore, shared by the files implementing it:
// traffic_store.cpp (construction, appends), traffic_store_offload.cpp (memory and disk caps:
// spill and evict), traffic_store_read.cpp (arena byte reads and search),
// traffic_store_query.cpp (records, texts, peers, counters, stats).

#include "core/capture/chunk_pool.h"
#include "core/capture/record_log.h"
#include "core/capture/rw_lock.h"
#include "core/capture/seq_counters.h"
#include "core/capture/spill_file.h"
#include "core/capture/traffic_store.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace socklab {

namespace detail {

enum class ChunkState : std::uint8_t { Resident = 1, Spilled, Evicted };

struct Chunk {
    std::shared_ptr<std::byte> mem; ///< set while Resident; readers pin it to copy unlocked
    std::uint64_t slot = 0;         ///< spill file slot while Spilled
    ChunkState state = ChunkState::Resident;
};

// A UDP server talking to a handful of clients alternates between a few peers; looking back
// this far keeps the peer table at one entry per peer without a hash map on the hot path.
constexpr std::size_t kPeerLookback = 8;

// Chunks kept for reuse: enough to cover the evict-one/append-one cycle at the memory cap.
constexpr std::size_t kPooledChunks = 4;

// Memory released by the writer, freed (chunks: returned to the pool) after the lock is dropped.
struct Garbage {
    std::vector<std::shared_ptr<std::byte>> chunks;
    std::vector<std::unique_ptr<Record[]>> recordBlocks;
};

// One piece of a read, captured under the shared lock and copied after it is dropped.
struct ReadPiece {
    std::shared_ptr<std::byte> mem; ///< pinned resident chunk, or null for a spilled one
    std::uint64_t chunk = 0;        ///< arena chunk index
    std::uint64_t slot = 0;         ///< spill slot when mem is null
    std::uint64_t inChunk = 0;
    std::size_t take = 0;
};

} // namespace detail

// Locking: the writer thread mutates shared state only under the exclusive lock, and only for
// O(1) bookkeeping: payload is copied (or received: receiveRoom) beforehand, into the tail chunk
// beyond arenaEnd (readers never look there) or into chunks not yet published. Readers hold the
// shared lock only to snapshot what they need (records, pinned chunk pointers, spill slots) and
// copy afterwards; chunk states only move Resident -> Spilled -> Evicted, so a pread is checked
// afterwards by seeing its chunk still Spilled (its slot cannot have been reused meanwhile). The
// writer may read shared state without the lock because nobody else writes it, which is also why
// the spill pwrite of a full, immutable chunk happens outside the lock. Counters are seqlocked.
struct TrafficStore::Impl {
    using Chunk = detail::Chunk;
    using ChunkState = detail::ChunkState;
    using Garbage = detail::Garbage;
    using ReadPiece = detail::ReadPiece;

    Config cfg;
    std::uint64_t chunkBytes = 0;
    detail::ChunkPool pool; ///< declared before chunks: outlives every chunk it hands out
    mutable detail::RwLock lock;

    // ---- guarded by lock ----
    detail::RecordLog records;
    std::deque<Chunk> chunks; ///< chunks[i] is arena chunk firstChunk + i; front is never Evicted
    std::uint64_t firstChunk = 0;
    std::uint64_t arenaEnd = 0;
    std::uint64_t residentChunks = 0;
    std::vector<Endpoint> peers;
    std::vector<std::string> texts;
    std::uint64_t textBytes = 0;
    detail::SeqCounters total; ///< lock-free to read
    /// Nodes never erased, so a reader may keep using a counters pointer after unlocking.
    std::map<std::uint32_t, std::unique_ptr<detail::SeqCounters>> perConnection;
    Stats stats;
    std::optional<Error> spillError;
    detail::SpillFile spill;

    // ---- writer-only ----
    std::uint64_t nextToOffload = 0; ///< chunks below are Spilled or Evicted
    bool spillUnusable = false;
    std::vector<std::uint64_t> freeSlots;
    std::uint64_t nextSlot = 0;
    std::uint32_t lastConnection = 0;
    detail::SeqCounters* lastCounters = nullptr;
    /// A chunk receiveRoom() handed out beyond the tail, not published yet: the next append
    /// that needs a new chunk takes it.
    std::shared_ptr<std::byte> spare;
    std::atomic<std::uint64_t> spareBytes{0}; ///< chunkBytes while spare is held (for stats)
    std::size_t roomBytes = 0; ///< size() of the last receiveRoom(): commitReceived's bound

    static Config normalized(Config c) {
        if (c.chunkBytes == 0) {
            c.chunkBytes = 1u << 20;
        }
        c.maxRecords = std::max<std::size_t>(c.maxRecords, 1);
        return c;
    }

    explicit Impl(Config c)
        : cfg(normalized(std::move(c))), chunkBytes(cfg.chunkBytes),
          pool(cfg.chunkBytes, detail::kPooledChunks) {}

    // Writer: the block the next record needs, allocated before taking the lock.
    [[nodiscard]] std::unique_ptr<Record[]> newRecordBlock() const {
        return records.needsBlock()
                   ? std::make_unique_for_overwrite<Record[]>(detail::RecordLog::kBlock)
                   : nullptr;
    }

    [[nodiscard]] std::uint64_t arenaBegin() const { return firstChunk * chunkBytes; }

    // Writer, no lock: a chunk for the arena's next new chunk (the spare first).
    std::shared_ptr<std::byte> takeChunk() {
        if (spare) {
            spareBytes.store(0, std::memory_order_relaxed);
            return std::move(spare);
        }
        return pool.take();
    }

    // Writer, no lock held on entry: publish data record r (its bytes already written beyond
    // arenaEnd, into the tail chunk and the fresh chunks after it), then apply the caps.
    std::uint64_t publishData(Record& r, std::vector<std::shared_ptr<std::byte>>& fresh,
                              std::unique_ptr<Record[]> block, const Endpoint* peer, bool pushPeer);

    Chunk& chunkAt(std::uint64_t index) { return chunks[index - firstChunk]; }
    const Chunk& chunkAt(std::uint64_t index) const { return chunks[index - firstChunk]; }

    // Lock held (exclusive): may insert.
    detail::SeqCounters& countersFor(std::uint32_t id) {
        if (!lastCounters || lastConnection != id) {
            auto& slot = perConnection[id];
            if (!slot) {
                slot = std::make_unique<detail::SeqCounters>();
            }
            lastCounters = slot.get();
            lastConnection = id;
        }
        return *lastCounters;
    }

    // Writer, no lock: returns the index to use; sets push when a new entry is needed.
    std::uint32_t internPeer(const Endpoint* peer, bool& push) const {
        push = false;
        if (!peer || peer->empty()) {
            return 0;
        }
        const std::size_t n = peers.size();
        for (std::size_t i = n; i > 0 && i + detail::kPeerLookback > n; --i) {
            if (peers[i - 1] == *peer) {
                return static_cast<std::uint32_t>(i);
            }
        }
        push = true;
        return static_cast<std::uint32_t>(n + 1);
    }

    // Lock held (exclusive). Frees a chunk's bytes, counting them as evicted.
    void evictLocked(std::uint64_t index, Garbage& garbage);
    void popEvictedFrontLocked();

    // Lock held (exclusive). Applies maxRecords and frees chunks only dropped records used.
    void trimRecordsLocked(Garbage& garbage) {
        if (records.size() <= cfg.maxRecords) {
            return;
        }
        while (records.size() > cfg.maxRecords) {
            if (auto block = records.pop_front()) {
                garbage.recordBlocks.push_back(std::move(block));
            }
            ++stats.evictedRecords;
        }
        const std::uint64_t keepFrom = records.front().arenaOffset / chunkBytes;
        for (std::uint64_t i = firstChunk; i < keepFrom; ++i) {
            evictLocked(i, garbage);
        }
        popEvictedFrontLocked();
    }

    bool rangeAvailableLocked(std::uint64_t offset, std::uint64_t len) const {
        if (len == 0) {
            return true;
        }
        if (offset < arenaBegin() || offset + len > arenaEnd) {
            return false;
        }
        for (std::uint64_t i = offset / chunkBytes; i <= (offset + len - 1) / chunkBytes; ++i) {
            if (chunkAt(i).state == ChunkState::Evicted) {
                return false;
            }
        }
        return true;
    }

    Record withEvictedFlagLocked(Record r) const {
        if (r.kind == RecordKind::Data && !rangeAvailableLocked(r.arenaOffset, r.length)) {
            r.flags |= RecordFlag::Evicted;
        }
        return r;
    }

    // ---- traffic_store_read.cpp ----
    // Shared lock held. Pins what a read of [offset, offset+out.size()) needs; stops at the
    // first evicted chunk.
    void planReadLocked(std::uint64_t offset, std::size_t size, std::vector<ReadPiece>& plan) const;
    // Shared lock held. A spilled chunk read without the lock is valid when it is still Spilled.
    [[nodiscard]] bool stillSpilledLocked(std::uint64_t index, std::uint64_t slot) const;
    // Any reader thread, no lock held on entry.
    std::size_t read(std::uint64_t offset, std::span<std::byte> out) const;

    // ---- traffic_store_offload.cpp ----
    // Writer, no lock. Returns true when the chunk's bytes are safely in the spill file.
    bool spillChunk(const Chunk& c, std::uint64_t& slot);
    // Writer. After a spill failure the store drops instead (counted), rather than retrying
    // a full disk on every chunk.
    void noteSpillFailure(Error e);
    // Writer, no lock held on entry.
    void enforceMemoryCap();
    // Writer, no lock held on entry.
    void enforceDiskCap();
};

} // namespace socklab
