// TrafficStore: records, counters, eviction/spill accounting, search. No sockets needed: the
// store is fed directly, as the engine would after each read/write.
#include "core/capture/traffic_store.h"
#include "core/support/bytes.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <random>

using namespace socklab;
using namespace socklab::test;

namespace {

// Content derived from the arena offset, so any byte read back can be checked on its own.
std::byte patternAt(std::uint64_t offset) {
    return static_cast<std::byte>((offset * 131 + (offset >> 9)) & 0xff);
}

std::vector<std::byte> patternRange(std::uint64_t offset, std::size_t n) {
    std::vector<std::byte> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        v[i] = patternAt(offset + i);
    }
    return v;
}

// Appends total bytes in records of recordBytes, content = patternAt(arena offset).
void fillPattern(TrafficStore& store, std::uint64_t total, std::size_t recordBytes) {
    std::uint64_t off = store.arenaEnd();
    const std::uint64_t end = off + total;
    while (off < end) {
        const std::size_t n =
            static_cast<std::size_t>(std::min<std::uint64_t>(recordBytes, end - off));
        const auto chunk = patternRange(off, n);
        store.appendData(0, Direction::Out, chunk);
        off += n;
    }
}

bool arenaMatchesPattern(const TrafficStore& store, std::uint64_t from, std::uint64_t to) {
    std::vector<std::byte> buf(64 * 1024);
    for (std::uint64_t off = from; off < to;) {
        const std::size_t want =
            static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), to - off));
        const std::size_t got = store.readArena(off, std::span(buf).first(want));
        if (got != want || std::memcmp(buf.data(), patternRange(off, want).data(), want) != 0) {
            return false;
        }
        off += want;
    }
    return true;
}

// Writes n pattern bytes for arena offset `offset` on into a receive room, first then second,
// as a scatter recvmsg would.
void fillRoom(const TrafficStore::ReceiveRoom& room, std::uint64_t offset, std::size_t n) {
    const auto bytes = patternRange(offset, n);
    const std::size_t a = std::min(n, room.first.size());
    std::memcpy(room.first.data(), bytes.data(), a);
    std::memcpy(room.second.data(), bytes.data() + a, n - a);
}

// Reserve, fill with the pattern, commit n bytes as connection 1's In data; returns the seq.
std::uint64_t receivePattern(TrafficStore& store, std::size_t minBytes, std::size_t n) {
    const auto room = store.receiveRoom(minBytes);
    n = std::min(n, room.size());
    fillRoom(room, store.arenaEnd(), n);
    return store.commitReceived(n, 1, Direction::In);
}

} // namespace

class TestStore : public QObject {
    Q_OBJECT

private slots:
    void appendDataAndEvents() {
        TrafficStore store;
        const Endpoint peer = Endpoint::loopback4(8080);
        QCOMPARE(store.beginSeq(), 0u);
        QCOMPARE(store.endSeq(), 0u);
        QCOMPARE(
            store.appendEvent(0, RecordKind::Connected, "connected to 127.0.0.1:8080", 0, &peer),
            0u);
        QCOMPARE(store.appendData(0, Direction::Out, asBytes("hello"), &peer), 1u);
        QCOMPARE(store.appendData(0, Direction::In, asBytes("world!"), &peer, RecordFlag::Oob), 2u);
        QCOMPARE(
            store.appendEvent(0, RecordKind::Reset, "", ECONNRESET, nullptr, RecordFlag::Remote),
            3u);
        QCOMPARE(store.endSeq(), 4u);
        QCOMPARE(store.arenaEnd(), 11u);

        const auto recs = store.records(0, 100);
        QCOMPARE(recs.size(), 4u);
        QCOMPARE(recs[0].kind, RecordKind::Connected);
        QCOMPARE(store.text(recs[0]), std::string("connected to 127.0.0.1:8080"));
        QCOMPARE(store.peer(recs[0]).toString(), std::string("127.0.0.1:8080"));
        QCOMPARE(recs[1].direction, Direction::Out);
        QCOMPARE(recs[1].length, 5u);
        QCOMPARE(recs[1].wireLength, 5u);
        QCOMPARE(recs[1].arenaOffset, 0u);
        QVERIFY(recs[1].wallNs > 0 && recs[1].monoNs > 0);
        QVERIFY(recs[1].monoNs >= recs[0].monoNs);
        QCOMPARE(recs[1].peerIndex, recs[0].peerIndex); // deduplicated
        QCOMPARE(recs[2].flags, RecordFlag::Oob);
        QCOMPARE(recs[3].err, ECONNRESET);
        QCOMPARE(store.text(recs[3]), std::string());
        QVERIFY(store.peer(recs[3]).empty());

        const auto out = store.recordBytes(recs[1]);
        QCOMPARE(std::string(reinterpret_cast<const char*>(out.data()), out.size()),
                 std::string("hello"));
        std::array<std::byte, 3> part{};
        QCOMPARE(store.readRecordBytes(recs[2], 2, part), 3u);
        QCOMPARE(std::memcmp(part.data(), "rld", 3), 0);
        QCOMPARE(store.readRecordBytes(recs[2], 6, part), 0u);
        QVERIFY(store.bytesAvailable(recs[2]));

        const TrafficCounters c = store.counters();
        QCOMPARE(c.bytesOut, 5u);
        QCOMPARE(c.bytesIn, 6u);
        QCOMPARE(c.messagesOut, 1u);
        QCOMPARE(c.messagesIn, 1u);
        QCOMPARE(c.oobIn, 1u);
        QCOMPARE(c.oobOut, 0u);

        QCOMPARE(store.recordAtArenaOffset(0), std::optional<std::uint64_t>(1));
        QCOMPARE(store.recordAtArenaOffset(4), std::optional<std::uint64_t>(1));
        QCOMPARE(store.recordAtArenaOffset(5), std::optional<std::uint64_t>(2));
        QCOMPARE(store.recordAtArenaOffset(10), std::optional<std::uint64_t>(2));
        QCOMPARE(store.recordAtArenaOffset(11), std::nullopt);
        QCOMPARE(store.record(4), std::nullopt);
    }

    void explicitTimestampsAndTruncation() {
        TrafficStore store;
        store.appendData(0, Direction::In, asBytes("abc"), nullptr, RecordFlag::Truncated, 9000,
                         1'700'000'000'123'456'789, 42);
        const auto r = store.record(0);
        QVERIFY(r);
        QCOMPARE(r->wallNs, 1'700'000'000'123'456'789);
        QCOMPARE(r->monoNs, 42);
        QCOMPARE(r->wireLength, 9000u);
        QCOMPARE(r->length, 3u);
        QCOMPARE(store.counters().truncatedIn, 1u);
        QCOMPARE(store.counters().bytesIn, 3u); // what was captured, not the wire length
    }

    void perConnectionCounters() {
        TrafficStore store;
        std::mt19937 rng(7);
        TrafficCounters expect[4];
        std::vector<std::byte> buf(300, std::byte{0x55});
        for (int i = 0; i < 2000; ++i) {
            const std::uint32_t conn = rng() % 4;
            const bool in = rng() % 2;
            const std::size_t n = rng() % buf.size();
            store.appendData(conn, in ? Direction::In : Direction::Out, std::span(buf).first(n));
            (in ? expect[conn].bytesIn : expect[conn].bytesOut) += n;
            ++(in ? expect[conn].messagesIn : expect[conn].messagesOut);
        }
        store.appendEvent(9, RecordKind::Accepted, "child");
        TrafficCounters sum;
        for (std::uint32_t conn = 0; conn < 4; ++conn) {
            const TrafficCounters c = store.counters(conn);
            QCOMPARE(c.bytesIn, expect[conn].bytesIn);
            QCOMPARE(c.bytesOut, expect[conn].bytesOut);
            QCOMPARE(c.messagesIn, expect[conn].messagesIn);
            QCOMPARE(c.messagesOut, expect[conn].messagesOut);
            sum.bytesIn += c.bytesIn;
            sum.bytesOut += c.bytesOut;
        }
        QCOMPARE(store.counters().bytesIn, sum.bytesIn);
        QCOMPARE(store.counters().bytesOut, sum.bytesOut);
        QCOMPARE(store.counters().bytesIn + store.counters().bytesOut, store.arenaEnd());
        QCOMPARE(store.counters(9).messagesIn, 0u);
        QCOMPARE(store.counters(77).bytesIn, 0u);
        QCOMPARE(store.connectionIds(), (std::vector<std::uint32_t>{0, 1, 2, 3, 9}));
    }

    void peerTableDeduplicates() {
        TrafficStore store;
        const Endpoint a = Endpoint::loopback4(5000);
        const Endpoint b = Endpoint::loopback6(5001);
        const auto before = store.stats().memoryBytes;
        for (int i = 0; i < 20000; ++i) {
            store.appendData(0, Direction::In, asBytes("x"), &a);
        }
        for (int i = 0; i < 1000; ++i) {
            store.appendData(0, Direction::In, asBytes("y"), (i % 2) ? &a : &b);
        }
        const auto recs = store.records(0, 21000);
        QCOMPARE(recs.size(), 21000u);
        QCOMPARE(recs[0].peerIndex, 1u);
        QCOMPARE(recs[19999].peerIndex, 1u);
        QCOMPARE(recs[20000].peerIndex, 2u);
        QCOMPARE(recs[20001].peerIndex, 1u);
        QCOMPARE(store.peer(recs[20000]), b);
        QCOMPARE(store.peer(recs[20001]), a);
        // Records dominate; one Endpoint per datagram would add ~3 MB here.
        const auto grown = store.stats().memoryBytes - before;
        QVERIFY2(grown < 21000 * (sizeof(Record) + 16) + (1u << 20), std::to_string(grown).c_str());
    }

    void dropOldestCountsExactly() {
        TrafficStore::Config cfg;
        cfg.chunkBytes = 4096;
        cfg.memoryCapBytes = 16 * 1024;
        cfg.policy = OverflowPolicy::DropOldest;
        TrafficStore store(cfg);
        const std::uint64_t total = 1 << 20;
        fillPattern(store, total, 1000);

        const auto st = store.stats();
        QCOMPARE(st.arenaBytes, total);
        QCOMPARE(store.arenaEnd(), total);
        QCOMPARE(st.spilledBytes, 0u);
        QVERIFY(st.residentBytes <= cfg.memoryCapBytes);
        QVERIFY(st.residentBytes > 0);
        QCOMPARE(st.evictedBytes, total - st.residentBytes);
        QCOMPARE(store.counters().bytesOut, total); // counters ignore eviction
        QCOMPARE(store.arenaBegin(), total - st.residentBytes);
        QCOMPARE(store.endSeq(), (total + 999) / 1000); // records stay
        QCOMPARE(st.evictedRecords, 0u);
        // RAM stays near the cap: payload cap + one block of records + tables.
        QVERIFY2(st.memoryBytes >= cfg.memoryCapBytes &&
                     st.memoryBytes < cfg.memoryCapBytes + 512 * 1024,
                 std::to_string(st.memoryBytes).c_str());

        std::array<std::byte, 100> buf{};
        QCOMPARE(store.readArena(0, buf), 0u);
        QCOMPARE(store.readArena(store.arenaBegin() - 1, buf), 0u);
        QCOMPARE(store.readArena(store.arenaBegin(), buf), buf.size());
        QVERIFY(arenaMatchesPattern(store, store.arenaBegin(), total));

        const auto first = store.record(0);
        QVERIFY(first);
        QVERIFY(first->flags & RecordFlag::Evicted);
        QVERIFY(!store.bytesAvailable(*first));
        QCOMPARE(store.readRecordBytes(*first, 0, buf), 0u);
        QVERIFY(store.recordBytes(*first).empty());
        const auto last = store.record(store.endSeq() - 1);
        QVERIFY(last && !(last->flags & RecordFlag::Evicted));
        QVERIFY(store.bytesAvailable(*last));
        QCOMPARE(store.recordBytes(*last), patternRange(last->arenaOffset, last->length));
        QCOMPARE(store.recordAtArenaOffset(10), std::optional<std::uint64_t>(0));
    }

    void spillRoundTrip() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        TrafficStore::Config cfg;
        cfg.chunkBytes = 256 * 1024;
        cfg.memoryCapBytes = 1 << 20;
        cfg.policy = OverflowPolicy::Spill;
        cfg.spillDir = dir.path().toStdString();
        TrafficStore store(cfg);

        // Random record sizes and content; the digest is taken over what was appended.
        std::mt19937_64 rng(12345);
        QCryptographicHash written(QCryptographicHash::Sha256);
        const std::uint64_t total = 8ull << 20;
        std::vector<std::byte> buf(70000);
        std::uint64_t done = 0;
        while (done < total) {
            const std::size_t n = static_cast<std::size_t>(
                std::min<std::uint64_t>(1 + rng() % buf.size(), total - done));
            for (std::size_t i = 0; i < n; ++i) {
                buf[i] = static_cast<std::byte>(rng());
            }
            store.appendData(1, Direction::In, std::span(buf).first(n));
            written.addData(QByteArrayView(reinterpret_cast<const char*>(buf.data()),
                                           static_cast<qsizetype>(n)));
            done += n;
        }
        const auto st = store.stats();
        QVERIFY(!store.spillError());
        QCOMPARE(st.evictedBytes, 0u);
        QVERIFY(st.residentBytes <= cfg.memoryCapBytes);
        QCOMPARE(st.spilledBytes + st.residentBytes, total);
        QVERIFY(st.spilledBytes >= total - cfg.memoryCapBytes);
        QCOMPARE(store.arenaBegin(), 0u);
        // The spill file is unlinked: nothing visible in the directory.
        QVERIFY(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());

        QCryptographicHash readBack(QCryptographicHash::Sha256);
        std::vector<std::byte> rbuf(100003); // deliberately not chunk aligned
        for (std::uint64_t off = 0; off < total;) {
            const std::size_t got = store.readArena(off, rbuf);
            QVERIFY(got > 0);
            readBack.addData(QByteArrayView(reinterpret_cast<const char*>(rbuf.data()),
                                            static_cast<qsizetype>(got)));
            off += got;
        }
        QCOMPARE(readBack.result(), written.result());

        // Record-level reads of spilled records agree with arena reads.
        const auto recs = store.records(0, 3);
        QCOMPARE(recs.size(), 3u);
        for (const Record& r : recs) {
            QVERIFY(store.bytesAvailable(r));
            std::vector<std::byte> viaArena(r.length);
            QCOMPARE(store.readArena(r.arenaOffset, viaArena), std::size_t(r.length));
            QCOMPARE(store.recordBytes(r), viaArena);
        }
        QCOMPARE(store.counters(1).bytesIn, total);
    }

    void spillDiskCapDropsOldest() {
        QTemporaryDir dir;
        TrafficStore::Config cfg;
        cfg.chunkBytes = 4096;
        cfg.memoryCapBytes = 16 * 1024;
        cfg.diskCapBytes = 64 * 1024;
        cfg.spillDir = dir.path().toStdString();
        TrafficStore store(cfg);
        const std::uint64_t total = 1 << 20;
        fillPattern(store, total, 777);
        const auto st = store.stats();
        QVERIFY(st.spilledBytes <= cfg.diskCapBytes);
        QVERIFY(st.spilledBytes > 0);
        QCOMPARE(st.evictedBytes + st.spilledBytes + st.residentBytes, total);
        QCOMPARE(store.arenaBegin(), st.evictedBytes);
        QVERIFY(arenaMatchesPattern(store, store.arenaBegin(), total));
    }

    void spillFailureFallsBackToCountedDrop() {
        TrafficStore::Config cfg;
        cfg.chunkBytes = 4096;
        cfg.memoryCapBytes = 8192;
        cfg.spillDir = "/nonexistent/socklab-spill";
        TrafficStore store(cfg);
        fillPattern(store, 100000, 500);
        const auto err = store.spillError();
        QVERIFY(err);
        QCOMPARE(err->sysErrno(), ENOENT);
        QVERIFY2(err->message().starts_with("open spill file in /nonexistent/socklab-spill: "),
                 err->message().c_str());
        const auto st = store.stats();
        QCOMPARE(st.spilledBytes, 0u);
        QCOMPARE(st.evictedBytes + st.residentBytes, 100000u);
        QVERIFY(st.evictedBytes > 0);
    }

    void findBytesAcrossChunkBoundary() {
        TrafficStore::Config cfg;
        cfg.chunkBytes = 4096;
        TrafficStore store(cfg);
        std::vector<std::byte> zeros(4093);
        store.appendData(0, Direction::In, zeros);
        store.appendData(0, Direction::In, asBytes("NEE")); // 4093..4095
        store.appendData(0, Direction::In, asBytes("DLE and more"));
        std::vector<std::byte> tail(10000);
        store.appendData(0, Direction::In, tail);
        store.appendData(0, Direction::In, asBytes("NEEDLE again"));
        const std::uint64_t second = store.arenaEnd() - 12;

        QCOMPARE(store.findBytes(asBytes("NEEDLE"), 0), std::optional<std::uint64_t>(4093));
        QCOMPARE(store.findBytes(asBytes("NEEDLE"), 4093), std::optional<std::uint64_t>(4093));
        QCOMPARE(store.findBytes(asBytes("NEEDLE"), 4094), std::optional<std::uint64_t>(second));
        QCOMPARE(store.findBytes(asBytes("NEEDLE"), second + 1), std::nullopt);
        QCOMPARE(store.findBytes(asBytes("missing"), 0), std::nullopt);
        QCOMPARE(store.findBytes(asBytes("N"), 0), std::optional<std::uint64_t>(4093));
        QCOMPARE(store.recordAtArenaOffset(4093), std::optional<std::uint64_t>(1));
        QCOMPARE(store.recordAtArenaOffset(4096), std::optional<std::uint64_t>(2));
    }

    void findBytesInSpilledData() {
        QTemporaryDir dir;
        TrafficStore::Config cfg;
        cfg.chunkBytes = 4096;
        cfg.memoryCapBytes = 8192;
        cfg.spillDir = dir.path().toStdString();
        TrafficStore store(cfg);
        std::vector<std::byte> filler(8190, std::byte{'.'});
        store.appendData(0, Direction::Out, filler);
        store.appendData(0, Direction::Out, asBytes("SPILLED-NEEDLE")); // straddles 8192
        fillPattern(store, 200000, 3000);
        QVERIFY(store.stats().spilledBytes > 0);
        QCOMPARE(store.arenaBegin(), 0u);
        // The needle now lives in spilled chunks only (resident bytes are the newest 8 KiB).
        QVERIFY(store.arenaEnd() - store.stats().residentBytes > 8192 + 14);
        QCOMPARE(store.findBytes(asBytes("SPILLED-NEEDLE"), 0), std::optional<std::uint64_t>(8190));
        // A pattern found only in resident data, searching from the start through the file.
        const std::uint64_t at = store.arenaEnd() - 100;
        const auto probe = patternRange(at, 24);
        const auto hit = store.findBytes(probe, 0);
        QVERIFY(hit);
        QVERIFY(*hit <= at);
        std::vector<std::byte> check(24);
        QCOMPARE(store.readArena(*hit, check), 24u);
        QCOMPARE(check, probe);
    }

    void maxRecordsDropsOldest() {
        TrafficStore::Config cfg;
        cfg.chunkBytes = 4096;
        cfg.maxRecords = 100;
        TrafficStore store(cfg);
        for (int i = 0; i < 1000; ++i) {
            store.appendData(0, Direction::In, asBytes("0123456789"));
        }
        QCOMPARE(store.beginSeq(), 900u);
        QCOMPARE(store.endSeq(), 1000u);
        const auto st = store.stats();
        QCOMPARE(st.evictedRecords, 900u);
        QCOMPARE(store.record(899), std::nullopt);
        const auto first = store.record(900);
        QVERIFY(first);
        QCOMPARE(first->seq, 900u);
        QCOMPARE(first->arenaOffset, 9000u);
        QVERIFY(store.bytesAvailable(*first));
        QCOMPARE(store.records(0, 10).front().seq, 900u); // clamped
        QCOMPARE(store.counters().bytesIn, 10000u);
        QCOMPARE(store.counters().messagesIn, 1000u);
        // Chunks used only by dropped records are freed and counted.
        QCOMPARE(store.arenaBegin(), 8192u);
        QCOMPARE(st.evictedBytes, 8192u);
        QCOMPARE(st.evictedBytes + st.residentBytes, 10000u);
        QCOMPARE(store.recordAtArenaOffset(100), std::nullopt);
        QCOMPARE(store.recordAtArenaOffset(9005), std::optional<std::uint64_t>(900));
    }

    // receiveRoom / commitReceived (the engine receives straight into the store): the room is
    // the tail chunk's free space plus a new chunk when that is under minBytes; nothing in it is
    // visible before the commit; a commit becomes exactly the record appendData would make.
    void receiveRoomCommitsOnlyWhatItSays() {
        TrafficStore::Config cfg;
        cfg.chunkBytes = 4096;
        TrafficStore store(cfg);
        const Endpoint peer = *Endpoint::parse("127.0.0.1:7");
        auto room = store.receiveRoom(100);
        QCOMPARE(room.first.size(), 4096u); // empty store: a whole new chunk
        QVERIFY(room.second.empty());
        const auto memoryBefore = store.stats().memoryBytes;
        fillRoom(room, 0, 1000);
        std::array<std::byte, 16> buf{};
        QCOMPARE(store.arenaEnd(), 0u); // written, not committed: invisible
        QCOMPARE(store.readArena(0, buf), 0u);
        QCOMPARE(store.endSeq(), 0u);
        QCOMPARE(store.counters().bytesIn, 0u);
        QCOMPARE(store.commitReceived(1000, 3, Direction::In, &peer), 0u);
        const auto r0 = store.record(0);
        QVERIFY(r0);
        QCOMPARE(r0->kind, RecordKind::Data);
        QCOMPARE(r0->direction, Direction::In);
        QCOMPARE(r0->connectionId, 3u);
        QCOMPARE(r0->arenaOffset, 0u);
        QCOMPARE(r0->length, 1000u);
        QCOMPARE(r0->wireLength, 1000u);
        QVERIFY(r0->monoNs > 0 && r0->wallNs > 0);
        QCOMPARE(store.peer(*r0), peer);
        QCOMPARE(store.counters(3).bytesIn, 1000u);
        QCOMPARE(store.counters().messagesIn, 1u);
        QCOMPARE(store.stats().residentBytes, 1000u);
        QVERIFY(store.stats().memoryBytes >= memoryBefore);
        QVERIFY(arenaMatchesPattern(store, 0, 1000));

        room = store.receiveRoom(100); // the tail's room is enough
        QCOMPARE(room.first.size(), 3096u);
        QVERIFY(room.second.empty());
        room = store.receiveRoom(4000); // not enough: the tail's room, then a new chunk
        QCOMPARE(room.first.size(), 3096u);
        QCOMPARE(room.second.size(), 4096u);
        fillRoom(room, 1000, 3596);
        QCOMPARE(store.arenaEnd(), 1000u);
        QCOMPARE(store.readArena(990, buf), 10u); // stops at the committed end
        QCOMPARE(store.commitReceived(3596, 1, Direction::In), 1u);
        QCOMPARE(store.arenaEnd(), 4596u);
        QCOMPARE(store.record(1)->arenaOffset, 1000u);
        QCOMPARE(store.record(1)->length, 3596u);
        QVERIFY(arenaMatchesPattern(store, 0, 4596));
        QCOMPARE(store.recordBytes(*store.record(1)), patternRange(1000, 3596));

        // A new chunk handed out but not reached by the commit is used by the next append.
        room = store.receiveRoom(8192);
        QCOMPARE(room.first.size(), 3596u);
        QCOMPARE(room.second.size(), 4096u);
        fillRoom(room, 4596, 10);
        store.commitReceived(10, 1, Direction::In);
        store.appendData(1, Direction::Out, patternRange(4606, 6000));
        QCOMPARE(store.arenaEnd(), 10606u);
        QVERIFY(arenaMatchesPattern(store, 0, 10606));

        // Reads that end exactly at a chunk's end, then start a chunk.
        receivePattern(store, 1, 12288 - 10606);
        QCOMPARE(store.arenaEnd(), 12288u);
        room = store.receiveRoom(1);
        QCOMPARE(room.first.size(), 4096u);
        QVERIFY(room.second.empty());
        receivePattern(store, 1, 4096);
        QCOMPARE(store.arenaEnd(), 16384u);
        QVERIFY(arenaMatchesPattern(store, 0, 16384));
        QCOMPARE(store.counters().bytesIn, 16384u - 6000u);
        QCOMPARE(store.counters().bytesOut, 6000u);
        QCOMPARE(store.stats().arenaBytes, 16384u);
    }

    // The same under the caps: spilled chunks written through the room read back exactly, the
    // disk cap then drops the oldest, and drop-oldest keeps only the newest bytes, all counted.
    void receiveRoomUnderCaps() {
        for (const OverflowPolicy policy : {OverflowPolicy::Spill, OverflowPolicy::DropOldest}) {
            QTemporaryDir dir;
            QVERIFY(dir.isValid());
            TrafficStore::Config cfg;
            cfg.chunkBytes = 4096;
            cfg.memoryCapBytes = 16 * 1024;
            cfg.diskCapBytes = 64 * 1024;
            cfg.policy = policy;
            cfg.spillDir = dir.path().toStdString();
            TrafficStore store(cfg);
            std::uint64_t total = 0;
            for (int i = 0; i < 400; ++i) {
                const std::size_t minBytes = i % 2 == 0 ? 1 : 3000;
                total +=
                    store.record(receivePattern(store, minBytes, 1 + (i * 977) % 5000))->length;
            }
            const auto st = store.stats();
            QCOMPARE(store.arenaEnd(), total);
            QCOMPARE(st.arenaBytes, total);
            QCOMPARE(store.counters(1).bytesIn, total);
            QCOMPARE(st.residentBytes + st.spilledBytes + st.evictedBytes, total);
            QVERIFY(st.residentBytes <= cfg.memoryCapBytes + cfg.chunkBytes);
            QVERIFY(st.evictedBytes > 0);
            if (policy == OverflowPolicy::Spill) {
                QVERIFY(st.spilledBytes > 0 && st.spilledBytes <= cfg.diskCapBytes);
            } else {
                QCOMPARE(st.spilledBytes, 0u);
            }
            QCOMPARE(store.arenaBegin(), st.evictedBytes);
            QVERIFY(arenaMatchesPattern(store, store.arenaBegin(), total));
        }
    }

    void recordAtArenaOffsetSkipsEvents() {
        TrafficStore store;
        store.appendData(0, Direction::Out, asBytes("aaaa"));
        for (int i = 0; i < 50; ++i) {
            store.appendEvent(0, RecordKind::Info, "tick");
        }
        store.appendData(0, Direction::Out, {}); // an empty read
        store.appendData(0, Direction::In, asBytes("bb"));
        for (std::uint64_t off = 0; off < 4; ++off) {
            QCOMPARE(store.recordAtArenaOffset(off), std::optional<std::uint64_t>(0));
        }
        QCOMPARE(store.recordAtArenaOffset(4), std::optional<std::uint64_t>(52));
        QCOMPARE(store.recordAtArenaOffset(5), std::optional<std::uint64_t>(52));
        QCOMPARE(store.recordAtArenaOffset(6), std::nullopt);
    }
};

QTEST_APPLESS_MAIN(TestStore)
#include "test_store.moc"
