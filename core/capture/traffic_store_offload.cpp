// The memory cap: full chunks move to the spill file (or are dropped), oldest first, and the
// disk cap drops the oldest spilled chunks in turn.

#include "core/capture/traffic_store_impl.h"

#include <mutex>

namespace socklab {

// Lock held (exclusive). Frees a chunk's bytes, counting them as evicted.
void TrafficStore::Impl::evictLocked(std::uint64_t index, Garbage& garbage) {
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

void TrafficStore::Impl::popEvictedFrontLocked() {
    while (!chunks.empty() && chunks.front().state == ChunkState::Evicted) {
        chunks.pop_front();
        ++firstChunk;
    }
}

bool TrafficStore::Impl::spillChunk(const Chunk& c, std::uint64_t& slot) {
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
void TrafficStore::Impl::noteSpillFailure(Error e) {
    spillUnusable = true;
    std::unique_lock lk(lock);
    if (!spillError) {
        spillError = std::move(e);
    }
}

// Writer, no lock held on entry.
void TrafficStore::Impl::enforceMemoryCap() {
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
void TrafficStore::Impl::enforceDiskCap() {
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

} // namespace socklab
