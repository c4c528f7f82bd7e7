// Byte reads of the arena: plan under the shared lock (pin resident chunks, note spill slots),
// copy after dropping it, then confirm spilled pieces were not evicted meanwhile.

#include "core/capture/traffic_store_impl.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <mutex>
#include <shared_mutex>

namespace socklab {

// Shared lock held. Pins what a read of [offset, offset+out.size()) needs; stops at the
// first evicted chunk.
void TrafficStore::Impl::planReadLocked(std::uint64_t offset, std::size_t size,
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
        p.take =
            static_cast<std::size_t>(std::min<std::uint64_t>(chunkBytes - p.inChunk, want - done));
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
bool TrafficStore::Impl::stillSpilledLocked(std::uint64_t index, std::uint64_t slot) const {
    return index >= firstChunk && index < firstChunk + chunks.size() &&
           chunkAt(index).state == ChunkState::Spilled && chunkAt(index).slot == slot;
}

// Any reader thread, no lock held on entry.
std::size_t TrafficStore::Impl::read(std::uint64_t offset, std::span<std::byte> out) const {
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

std::optional<std::uint64_t> TrafficStore::findBytes(std::span<const std::byte> pattern,
                                                     std::uint64_t from,
                                                     const std::atomic<bool>* cancel) const {
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
        if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
            return std::nullopt;
        }
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

} // namespace socklab
