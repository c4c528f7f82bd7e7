// Construction and the writer side of the store (appendData, receiveRoom/commitReceived,
// appendEvent).

#include "core/capture/traffic_store.h"

#include "core/capture/traffic_store_impl.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <mutex>
#include <time.h>

namespace socklab {

namespace {

std::int64_t nowNs(clockid_t clock) {
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

} // namespace

TrafficStore::TrafficStore() : TrafficStore(Config{}) {}

TrafficStore::TrafficStore(Config config) : m_impl(std::make_unique<Impl>(std::move(config))) {}

TrafficStore::~TrafficStore() = default;

namespace {

Record dataRecord(std::uint32_t connectionId, Direction dir, std::size_t length,
                  std::uint16_t flags, std::uint64_t wireLength, std::int64_t wallNs,
                  std::int64_t monoNs) {
    Record r;
    r.wallNs = wallNs ? wallNs : nowNs(CLOCK_REALTIME);
    r.monoNs = monoNs ? monoNs : nowNs(CLOCK_MONOTONIC);
    r.connectionId = connectionId;
    r.direction = dir;
    r.kind = RecordKind::Data;
    r.flags = static_cast<std::uint16_t>(flags & ~RecordFlag::Evicted);
    r.length = static_cast<std::uint32_t>(length);
    r.wireLength = wireLength ? wireLength : length;
    return r;
}

} // namespace

std::uint64_t TrafficStore::Impl::publishData(Record& r,
                                              std::vector<std::shared_ptr<std::byte>>& fresh,
                                              std::unique_ptr<Record[]> block, const Endpoint* peer,
                                              bool pushPeer) {
    const std::uint64_t newEnd = arenaEnd + r.length;
    detail::Garbage garbage;
    {
        std::unique_lock lk(lock);
        for (auto& mem : fresh) {
            chunks.push_back(detail::Chunk{std::move(mem), 0, detail::ChunkState::Resident});
            ++residentChunks;
        }
        if (pushPeer) {
            peers.push_back(*peer);
        }
        r.seq = records.endSeq();
        records.push_back(r, std::move(block));
        arenaEnd = newEnd;
        stats.arenaBytes = newEnd;
        stats.residentBytes += r.length;
        total.add(r.direction, r.length, r.flags);
        countersFor(r.connectionId).add(r.direction, r.length, r.flags);
        trimRecordsLocked(garbage);
    }
    garbage = {}; // free outside the lock
    enforceMemoryCap();
    return r.seq;
}

std::uint64_t TrafficStore::appendData(std::uint32_t connectionId, Direction dir,
                                       std::span<const std::byte> bytes, const Endpoint* peer,
                                       std::uint16_t flags, std::uint64_t wireLength,
                                       std::int64_t wallNs, std::int64_t monoNs,
                                       std::uint32_t wireDelayUs) {
    Impl& d = *m_impl;
    Record r = dataRecord(connectionId, dir, bytes.size(), flags, wireLength, wallNs, monoNs);
    r.wireDelayUs = wireDelayUs;
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
        fresh.push_back(d.takeChunk());
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
    return d.publishData(r, fresh, std::move(block), peer, pushPeer);
}

TrafficStore::ReceiveRoom TrafficStore::receiveRoom(std::size_t minBytes) {
    Impl& d = *m_impl;
    ReceiveRoom room;
    const std::uint64_t inChunk = d.arenaEnd % d.chunkBytes;
    if (inChunk != 0) {
        // The partly filled tail chunk: never spilled or evicted (the caps leave it alone).
        room.first = {d.chunkAt(d.arenaEnd / d.chunkBytes).mem.get() + inChunk,
                      static_cast<std::size_t>(d.chunkBytes - inChunk)};
    }
    if (room.first.size() < minBytes) {
        if (!d.spare) {
            d.spare = d.pool.take();
            d.spareBytes.store(d.chunkBytes, std::memory_order_relaxed);
        }
        (room.first.empty() ? room.first : room.second) =
            std::span<std::byte>(d.spare.get(), static_cast<std::size_t>(d.chunkBytes));
    }
    d.roomBytes = room.size();
    return room;
}

std::uint64_t TrafficStore::commitReceived(std::size_t n, std::uint32_t connectionId, Direction dir,
                                           const Endpoint* peer, std::uint16_t flags) {
    Impl& d = *m_impl;
    const std::uint64_t inChunk = d.arenaEnd % d.chunkBytes;
    const std::uint64_t tailRoom = inChunk != 0 ? d.chunkBytes - inChunk : 0;
    // Never more than the last room handed out (its bytes are the only ones written).
    assert(n <= d.roomBytes);
    n = std::min(n, d.roomBytes);
    d.roomBytes = 0;
    Record r = dataRecord(connectionId, dir, n, flags, 0, 0, 0);
    r.arenaOffset = d.arenaEnd;
    bool pushPeer = false;
    r.peerIndex = d.internPeer(peer, pushPeer);
    std::unique_ptr<Record[]> block = d.newRecordBlock();
    std::vector<std::shared_ptr<std::byte>> fresh;
    if (n > tailRoom) {
        fresh.push_back(d.takeChunk()); // the spare, now holding the rest of the bytes
    }
    return d.publishData(r, fresh, std::move(block), peer, pushPeer);
}

std::uint64_t TrafficStore::appendEvent(std::uint32_t connectionId, RecordKind kind,
                                        std::string_view text, int err, const Endpoint* peer,
                                        std::uint16_t flags, std::int64_t wallNs,
                                        std::int64_t monoNs) {
    Impl& d = *m_impl;
    Record r;
    r.wallNs = wallNs ? wallNs : nowNs(CLOCK_REALTIME);
    r.monoNs = monoNs ? monoNs : nowNs(CLOCK_MONOTONIC);
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
    detail::Garbage garbage;
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

bool TrafficStore::setWireDelay(std::uint64_t seq, std::uint32_t delayUs, std::uint16_t addFlags) {
    Impl& d = *m_impl;
    std::unique_lock lk(d.lock);
    if (seq < d.records.beginSeq() || seq >= d.records.endSeq()) {
        return false;
    }
    Record& r = d.records[seq];
    if (r.kind != RecordKind::Data) {
        return false;
    }
    r.wireDelayUs = delayUs;
    r.flags = static_cast<std::uint16_t>(r.flags | (addFlags & ~RecordFlag::Evicted));
    return true;
}

} // namespace socklab
