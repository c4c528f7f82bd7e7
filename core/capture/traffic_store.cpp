#include "core/capture/traffic_store.h"

#include "core/capture/chunk_pool.h"
#include "core/capture/record_log.h"
#include "core/capture/rw_lock.h"
#include "core/capture/seq_counters.h"
#include "core/capture/spill_file.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <time.h>

namespace socklab {

namespace {

std::int64_t nowNs(clockid_t clock) {
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

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

} // namespace

// Locking: the writer thread mutates shared state only under the exclusive lock, and only for
// O(1) bookkeeping: payload is copied beforehand, into the tail chunk beyond arenaEnd (readers
// never look there) or into chunks not yet published. Readers hold the shared lock only to
// snapshot what they need (records, pinned chunk pointers, spill slots) and copy afterwards;
// chunk states only move Resident -> Spilled -> Evicted, so a pread is checked afterwards by
// seeing its chunk still Spilled (its slot cannot have been reused meanwhile). The writer may
// read shared state without the lock because nobody else writes it, which is also why the spill
// pwrite of a full, immutable chunk happens outside the lock. Counters are seqlocked (no lock).
struct TrafficStore::Impl {
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

    static Config normalized(Config c) {
        if (c.chunkBytes == 0) {
            c.chunkBytes = 1u << 20;
        }
        c.maxRecords = std::max<std::size_t>(c.maxRecords, 1);
        return c;
    }

    explicit Impl(Config c)
        : cfg(normalized(std::move(c))), chunkBytes(cfg.chunkBytes),
          pool(cfg.chunkBytes, kPooledChunks) {}

    // Writer: the block the next record needs, allocated before taking the lock.
    [[nodiscard]] std::unique_ptr<Record[]> newRecordBlock() const {
        return records.needsBlock()
                   ? std::make_unique_for_overwrite<Record[]>(detail::RecordLog::kBlock)
                   : nullptr;
    }

    [[nodiscard]] std::uint64_t arenaBegin() const { return firstChunk * chunkBytes; }

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
        for (std::size_t i = n; i > 0 && i + kPeerLookback > n; --i) {
            if (peers[i - 1] == *peer) {
                return static_cast<std::uint32_t>(i);
            }
        }
        push = true;
        return static_cast<std::uint32_t>(n + 1);
    }

    // Lock held (exclusive). Frees a chunk's bytes, counting them as evicted.
    void evictLocked(std::uint64_t index, Garbage& garbage) {
        Chunk& c = chunkAt(index);
        if (c.state == ChunkState::Resident) {
            garbage.chunks.push_back(std::move(c.mem));
            --residentChunks;
            stats.residentBytes -= chunkBytes;
        } else if (c.state == ChunkState::Spilled) {
            freeSlots.push_back(c.slot);
            stats.spilledBytes -= chunkBytes;
        } else {
            return;
        }
        c.state = ChunkState::Evicted;
        stats.evictedBytes += chunkBytes;
    }

    void popEvictedFrontLocked() {
        while (!chunks.empty() && chunks.front().state == ChunkState::Evicted) {
            chunks.pop_front();
            ++firstChunk;
        }
    }

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

    // Shared lock held. Pins what a read of [offset, offset+out.size()) needs; stops at the
    // first evicted chunk.
    void planReadLocked(std::uint64_t offset, std::size_t size,
                        std::vector<ReadPiece>& plan) const {
        if (offset < arenaBegin() || offset >= arenaEnd) {
            return;
        }
        const std::size_t want =
            static_cast<std::size_t>(std::min<std::uint64_t>(size, arenaEnd - offset));
        std::size_t done = 0;
        while (done < want) {
            const std::uint64_t pos = offset + done;
            ReadPiece p;
            p.chunk = pos / chunkBytes;
            p.inChunk = pos % chunkBytes;
            p.take = static_cast<std::size_t>(
                std::min<std::uint64_t>(chunkBytes - p.inChunk, want - done));
            const Chunk& c = chunkAt(p.chunk);
            if (c.state == ChunkState::Resident) {
                p.mem = c.mem;
            } else if (c.state == ChunkState::Spilled) {
                p.slot = c.slot;
            } else {
                break;
            }
            done += p.take;
            plan.push_back(std::move(p));
        }
    }

    // Shared lock held. A spilled chunk read without the lock is valid when it is still Spilled.
    bool stillSpilledLocked(std::uint64_t index, std::uint64_t slot) const {
        return index >= firstChunk && index < firstChunk + chunks.size() &&
               chunkAt(index).state == ChunkState::Spilled && chunkAt(index).slot == slot;
    }

    // Any reader thread, no lock held on entry.
    std::size_t read(std::uint64_t offset, std::span<std::byte> out) const {
        std::vector<ReadPiece> plan;
        {
            std::shared_lock lk(lock);
            planReadLocked(offset, out.size(), plan);
        }
        std::size_t done = 0;
        std::size_t piecesOk = 0;
        bool anySpilled = false;
        for (const ReadPiece& p : plan) {
            if (p.mem) {
                std::memcpy(out.data() + done, p.mem.get() + p.inChunk, p.take);
            } else {
                if (!spill.readAt(p.slot * chunkBytes + p.inChunk, out.subspan(done, p.take))) {
                    break;
                }
                anySpilled = true;
            }
            done += p.take;
            ++piecesOk;
        }
        if (anySpilled) {
            // Keep only the prefix whose spilled pieces were not evicted (slot reused) meanwhile.
            std::shared_lock lk(lock);
            done = 0;
            for (std::size_t i = 0; i < piecesOk; ++i) {
                if (!plan[i].mem && !stillSpilledLocked(plan[i].chunk, plan[i].slot)) {
                    break;
                }
                done += plan[i].take;
            }
        }
        return done;
    }

    // Writer, no lock. Returns true when the chunk's bytes are safely in the spill file.
    bool spillChunk(const Chunk& c, std::uint64_t& slot) {
        if (spillUnusable) {
            return false;
        }
        if (!spill.isOpen()) {
            auto opened = spill.open(cfg.spillDir);
            if (!opened) {
                noteSpillFailure(opened.error());
                return false;
            }
        }
        if (!freeSlots.empty()) {
            slot = freeSlots.back();
            freeSlots.pop_back();
        } else {
            slot = nextSlot++;
        }
        auto written = spill.writeAt(slot * chunkBytes, {c.mem.get(), chunkBytes});
        if (!written) {
            freeSlots.push_back(slot);
            noteSpillFailure(written.error());
            return false;
        }
        return true;
    }

    // Writer. After a spill failure the store drops instead (counted), rather than retrying
    // a full disk on every chunk.
    void noteSpillFailure(Error e) {
        spillUnusable = true;
        std::unique_lock lk(lock);
        if (!spillError) {
            spillError = std::move(e);
        }
    }

    // Writer, no lock held on entry.
    void enforceMemoryCap() {
        const std::uint64_t cap = cfg.memoryCapBytes;
        while (residentChunks * chunkBytes > cap) {
            std::uint64_t index = std::max(nextToOffload, firstChunk);
            const std::uint64_t endChunk = firstChunk + chunks.size();
            while (index < endChunk && chunkAt(index).state != ChunkState::Resident) {
                ++index;
            }
            if (index >= endChunk || (index + 1) * chunkBytes > arenaEnd) {
                break; // only the partly filled tail chunk is left
            }
            std::uint64_t slot = 0;
            const bool spilled =
                cfg.policy == OverflowPolicy::Spill && spillChunk(chunkAt(index), slot);
            Garbage garbage;
            {
                std::unique_lock lk(lock);
                if (spilled) {
                    Chunk& c = chunkAt(index);
                    garbage.chunks.push_back(std::move(c.mem));
                    c.state = ChunkState::Spilled;
                    c.slot = slot;
                    --residentChunks;
                    stats.residentBytes -= chunkBytes;
                    stats.spilledBytes += chunkBytes;
                } else {
                    evictLocked(index, garbage);
                }
                popEvictedFrontLocked();
            }
            nextToOffload = index + 1;
            if (spilled) {
                enforceDiskCap();
            }
        }
    }

    // Writer, no lock held on entry.
    void enforceDiskCap() {
        if (stats.spilledBytes <= cfg.diskCapBytes) {
            return;
        }
        Garbage garbage;
        std::vector<std::uint64_t> released;
        {
            std::unique_lock lk(lock);
            for (std::uint64_t i = firstChunk;
                 stats.spilledBytes > cfg.diskCapBytes && i < firstChunk + chunks.size(); ++i) {
                if (chunkAt(i).state == ChunkState::Spilled) {
                    released.push_back(chunkAt(i).slot);
                    evictLocked(i, garbage);
                }
            }
            popEvictedFrontLocked();
        }
        // Nobody can read these slots any more: the chunks are marked Evicted.
        for (std::uint64_t slot : released) {
            spill.release(slot * chunkBytes, chunkBytes);
        }
    }
};

TrafficStore::TrafficStore() : TrafficStore(Config{}) {}

TrafficStore::TrafficStore(Config config) : m_impl(std::make_unique<Impl>(std::move(config))) {}

TrafficStore::~TrafficStore() = default;

std::uint64_t TrafficStore::appendData(std::uint32_t connectionId, Direction dir,
                                       std::span<const std::byte> bytes, const Endpoint* peer,
                                       std::uint16_t flags, std::uint64_t wireLength,
                                       std::int64_t wallNs, std::int64_t monoNs) {
    Impl& d = *m_impl;
    Record r;
    r.wallNs = wallNs ? wallNs : nowNs(CLOCK_REALTIME);
    r.monoNs = monoNs ? monoNs : nowNs(CLOCK_MONOTONIC);
    r.connectionId = connectionId;
    r.direction = dir;
    r.kind = RecordKind::Data;
    r.flags = static_cast<std::uint16_t>(flags & ~RecordFlag::Evicted);
    r.length = static_cast<std::uint32_t>(bytes.size());
    r.wireLength = wireLength ? wireLength : bytes.size();
    r.arenaOffset = d.arenaEnd;
    bool pushPeer = false;
    r.peerIndex = d.internPeer(peer, pushPeer);

    // Copy before taking the lock: into the tail chunk beyond arenaEnd (readers never look
    // there) and into chunks that are not published yet.
    const std::uint64_t newEnd = d.arenaEnd + bytes.size();
    const std::uint64_t haveChunks = d.firstChunk + d.chunks.size();
    const std::uint64_t needChunks = (newEnd + d.chunkBytes - 1) / d.chunkBytes;
    std::unique_ptr<Record[]> block = d.newRecordBlock();
    std::vector<std::shared_ptr<std::byte>> fresh;
    for (std::uint64_t i = haveChunks; i < needChunks; ++i) {
        fresh.push_back(d.pool.take());
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
        const std::uint64_t pos = d.arenaEnd + done;
        const std::uint64_t index = pos / d.chunkBytes;
        const std::uint64_t inChunk = pos % d.chunkBytes;
        const std::size_t take = static_cast<std::size_t>(
            std::min<std::uint64_t>(d.chunkBytes - inChunk, bytes.size() - done));
        std::byte* mem =
            index < haveChunks ? d.chunkAt(index).mem.get() : fresh[index - haveChunks].get();
        std::memcpy(mem + inChunk, bytes.data() + done, take);
        done += take;
    }
    Garbage garbage;
    {
        std::unique_lock lk(d.lock);
        for (auto& mem : fresh) {
            d.chunks.push_back(Chunk{std::move(mem), 0, ChunkState::Resident});
            ++d.residentChunks;
        }
        if (pushPeer) {
            d.peers.push_back(*peer);
        }
        r.seq = d.records.endSeq();
        d.records.push_back(r, std::move(block));
        d.arenaEnd = newEnd;
        d.stats.arenaBytes = newEnd;
        d.stats.residentBytes += bytes.size();
        d.total.add(dir, bytes.size(), flags);
        d.countersFor(connectionId).add(dir, bytes.size(), flags);
        d.trimRecordsLocked(garbage);
    }
    garbage = {}; // free outside the lock
    d.enforceMemoryCap();
    return r.seq;
}

std::uint64_t TrafficStore::appendEvent(std::uint32_t connectionId, RecordKind kind,
                                        std::string_view text, int err, const Endpoint* peer,
                                        std::uint16_t flags) {
    Impl& d = *m_impl;
    Record r;
    r.wallNs = nowNs(CLOCK_REALTIME);
    r.monoNs = nowNs(CLOCK_MONOTONIC);
    r.connectionId = connectionId;
    r.direction = Direction::Local;
    r.kind = kind;
    r.flags = static_cast<std::uint16_t>(flags & ~RecordFlag::Evicted);
    r.arenaOffset = d.arenaEnd;
    r.err = err;
    bool pushPeer = false;
    r.peerIndex = d.internPeer(peer, pushPeer);
    std::string owned(text);
    std::unique_ptr<Record[]> block = d.newRecordBlock();
    Garbage garbage;
    {
        std::unique_lock lk(d.lock);
        if (!owned.empty()) {
            d.textBytes += owned.size();
            d.texts.push_back(std::move(owned));
            r.textIndex = static_cast<std::uint32_t>(d.texts.size());
        }
        if (pushPeer) {
            d.peers.push_back(*peer);
        }
        r.seq = d.records.endSeq();
        d.records.push_back(r, std::move(block));
        d.countersFor(connectionId); // makes the connection known to connectionIds()
        d.trimRecordsLocked(garbage);
    }
    return r.seq;
}

std::uint64_t TrafficStore::beginSeq() const {
    std::shared_lock lk(m_impl->lock);
    return m_impl->records.beginSeq();
}

std::uint64_t TrafficStore::endSeq() const {
    std::shared_lock lk(m_impl->lock);
    return m_impl->records.endSeq();
}

std::optional<Record> TrafficStore::record(std::uint64_t seq) const {
    const Impl& d = *m_impl;
    std::shared_lock lk(d.lock);
    if (seq < d.records.beginSeq() || seq >= d.records.endSeq()) {
        return std::nullopt;
    }
    return d.withEvictedFlagLocked(d.records[seq]);
}

std::vector<Record> TrafficStore::records(std::uint64_t seq, std::size_t count) const {
    const Impl& d = *m_impl;
    std::vector<Record> out;
    std::shared_lock lk(d.lock);
    const std::uint64_t end = d.records.endSeq();
    const std::uint64_t from = std::max(seq, d.records.beginSeq());
    if (from >= end) {
        return out;
    }
    const std::uint64_t n = std::min<std::uint64_t>(count, end - from);
    out.reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) {
        out.push_back(d.withEvictedFlagLocked(d.records[from + i]));
    }
    return out;
}

std::string TrafficStore::text(const Record& r) const {
    std::shared_lock lk(m_impl->lock);
    if (r.textIndex == 0 || r.textIndex > m_impl->texts.size()) {
        return {};
    }
    return m_impl->texts[r.textIndex - 1];
}

Endpoint TrafficStore::peer(const Record& r) const {
    std::shared_lock lk(m_impl->lock);
    if (r.peerIndex == 0 || r.peerIndex > m_impl->peers.size()) {
        return {};
    }
    return m_impl->peers[r.peerIndex - 1];
}

std::size_t TrafficStore::readRecordBytes(const Record& r, std::size_t offsetInRecord,
                                          std::span<std::byte> out) const {
    if (r.kind != RecordKind::Data || offsetInRecord >= r.length) {
        return 0;
    }
    const std::size_t n = std::min<std::size_t>(out.size(), r.length - offsetInRecord);
    return readArena(r.arenaOffset + offsetInRecord, out.first(n));
}

std::vector<std::byte> TrafficStore::recordBytes(const Record& r) const {
    std::vector<std::byte> out(r.kind == RecordKind::Data ? r.length : 0);
    out.resize(readRecordBytes(r, 0, out));
    return out;
}

bool TrafficStore::bytesAvailable(const Record& r) const {
    if (r.kind != RecordKind::Data) {
        return true;
    }
    std::shared_lock lk(m_impl->lock);
    return m_impl->rangeAvailableLocked(r.arenaOffset, r.length);
}

std::uint64_t TrafficStore::arenaBegin() const {
    std::shared_lock lk(m_impl->lock);
    return m_impl->arenaBegin();
}

std::uint64_t TrafficStore::arenaEnd() const {
    std::shared_lock lk(m_impl->lock);
    return m_impl->arenaEnd;
}

std::size_t TrafficStore::readArena(std::uint64_t offset, std::span<std::byte> out) const {
    return m_impl->read(offset, out);
}

std::optional<std::uint64_t> TrafficStore::recordAtArenaOffset(std::uint64_t offset) const {
    const Impl& d = *m_impl;
    std::shared_lock lk(d.lock);
    if (offset >= d.arenaEnd) {
        return std::nullopt;
    }
    // First seq whose record starts after offset (records are sorted by arenaOffset).
    std::uint64_t lo = d.records.beginSeq();
    std::uint64_t hi = d.records.endSeq();
    while (lo < hi) {
        const std::uint64_t mid = lo + (hi - lo) / 2;
        if (d.records[mid].arenaOffset <= offset) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    // Events and empty reads share the offset of the next data byte: step back over them.
    for (std::uint64_t seq = lo; seq > d.records.beginSeq();) {
        const Record& r = d.records[--seq];
        if (r.kind == RecordKind::Data && r.length > 0) {
            if (offset < r.arenaOffset + r.length) {
                return seq;
            }
            return std::nullopt;
        }
    }
    return std::nullopt;
}

std::optional<std::uint64_t> TrafficStore::findBytes(std::span<const std::byte> pattern,
                                                     std::uint64_t from) const {
    if (pattern.empty()) {
        return std::nullopt;
    }
    const Impl& d = *m_impl;
    // Search in blocks, taking the lock per block, so a long search through spilled data never
    // holds the writer off for more than one block's copy.
    const std::uint64_t block = std::clamp<std::uint64_t>(d.chunkBytes, 64u << 10, 4u << 20);
    const std::size_t keep = pattern.size() - 1;
    const std::uint64_t end = arenaEnd();
    std::uint64_t pos = std::max(from, arenaBegin());
    std::vector<std::byte> buf; // [carry from the previous block][this block]
    std::uint64_t bufStart = pos;
    const std::boyer_moore_horspool_searcher searcher(pattern.begin(), pattern.end());
    while (pos < end) {
        const std::size_t want = static_cast<std::size_t>(std::min(block, end - pos));
        const std::size_t carried = buf.size();
        buf.resize(carried + want);
        const std::size_t got = readArena(pos, std::span(buf).subspan(carried, want));
        buf.resize(carried + got);
        if (got == 0) {
            // Evicted meanwhile (or a spill read error): continue with what is still readable.
            pos = std::max(arenaBegin(), (pos / d.chunkBytes + 1) * d.chunkBytes);
            buf.clear();
            bufStart = pos;
            continue;
        }
        auto it = std::search(buf.begin(), buf.end(), searcher);
        if (it != buf.end()) {
            return bufStart + static_cast<std::uint64_t>(it - buf.begin());
        }
        pos += got;
        const std::size_t tail = std::min(buf.size(), keep);
        buf.erase(buf.begin(), buf.end() - static_cast<std::ptrdiff_t>(tail));
        bufStart = pos - tail;
    }
    return std::nullopt;
}

TrafficCounters TrafficStore::counters() const {
    return m_impl->total.load();
}

TrafficCounters TrafficStore::counters(std::uint32_t connectionId) const {
    const detail::SeqCounters* c = nullptr;
    {
        std::shared_lock lk(m_impl->lock);
        auto it = m_impl->perConnection.find(connectionId);
        if (it == m_impl->perConnection.end()) {
            return {};
        }
        c = it->second.get();
    }
    return c->load();
}

TrafficStore::Stats TrafficStore::stats() const {
    const Impl& d = *m_impl;
    std::shared_lock lk(d.lock);
    Stats s = d.stats;
    // Rough per-node overheads: a std::map node carries ~4 pointers plus the value.
    s.memoryBytes = sizeof(Impl) + d.records.memoryBytes() + d.residentChunks * d.chunkBytes +
                    d.pool.freeBytes() + d.chunks.size() * sizeof(Chunk) +
                    d.peers.capacity() * sizeof(Endpoint) +
                    d.texts.capacity() * sizeof(std::string) + d.textBytes +
                    d.perConnection.size() * (sizeof(detail::SeqCounters) + 64);
    return s;
}

const TrafficStore::Config& TrafficStore::config() const {
    return m_impl->cfg;
}

std::vector<std::uint32_t> TrafficStore::connectionIds() const {
    std::shared_lock lk(m_impl->lock);
    std::vector<std::uint32_t> ids;
    ids.reserve(m_impl->perConnection.size());
    for (const auto& [id, c] : m_impl->perConnection) {
        ids.push_back(id);
    }
    return ids;
}

std::optional<Error> TrafficStore::spillError() const {
    std::shared_lock lk(m_impl->lock);
    return m_impl->spillError;
}

} // namespace socklab
