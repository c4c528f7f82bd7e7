// Reader-side queries that are not byte reads: records by seq, their texts and peers,
// counters, stats and the connection list.

#include "core/capture/traffic_store_impl.h"

#include <mutex>
#include <shared_mutex>

namespace socklab {

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
                    d.pool.freeBytes() + d.spareBytes.load(std::memory_order_relaxed) +
                    d.chunks.size() * sizeof(detail::Chunk) +
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
