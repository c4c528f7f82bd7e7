// The TCP-vs-UDP lab's message format, its analysis of one protocol's run (fates, latency,
// blocks, byte checks), the side-by-side table, and feeding the analysis from capture stores.
#include "core/capture/traffic_store.h"
#include "core/lab/lab_message.h"
#include "core/lab/lab_report.h"
#include "core/lab/lab_table.h"

#include <QTest>
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

using namespace socklab;

namespace {

constexpr std::int64_t ms(std::int64_t v) {
    return v * 1'000'000;
}

std::string text(std::span<const std::byte> bytes) {
    return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

std::vector<std::byte> bytesOf(std::string_view s) {
    const auto* p = reinterpret_cast<const std::byte*>(s.data());
    return {p, p + s.size()};
}

// Messages first..last of the given size, back to back (what a stream sender writes).
std::vector<std::byte> messages(int first, int last, std::size_t size) {
    std::vector<std::byte> out;
    for (int i = first; i <= last; ++i) {
        const auto m = labMessage(i, size);
        out.insert(out.end(), m.begin(), m.end());
    }
    return out;
}

// Bytes [from, to) of a byte vector.
std::vector<std::byte> slice(const std::vector<std::byte>& all, std::size_t from, std::size_t to) {
    return {all.begin() + static_cast<std::ptrdiff_t>(from),
            all.begin() + static_cast<std::ptrdiff_t>(to)};
}

LabSchedule schedule(int count, std::size_t size) {
    LabSchedule s;
    s.count = count;
    s.size = size;
    return s;
}

LabProtocolReport analyze(const LabSchedule& s, LabTransport transport,
                          const std::vector<LabChunk>& writes, const std::vector<LabChunk>& reads,
                          std::optional<std::int64_t> lateThresholdNs = std::nullopt) {
    auto r = analyzeLabRun(LabRun{s, transport, writes, reads, lateThresholdNs});
    if (!r) {
        qFatal("analyzeLabRun failed: %s", r.error().message().c_str());
    }
    return *r;
}

// One datagram per listed seq, at the listed ms.
std::vector<LabChunk> datagrams(std::initializer_list<std::pair<int, std::int64_t>> seqAtMs,
                                std::size_t size) {
    std::vector<LabChunk> out;
    for (const auto& [seq, at] : seqAtMs) {
        out.push_back({ms(at), labMessage(seq, size)});
    }
    return out;
}

std::vector<LabFate> fates(const LabProtocolReport& r) {
    std::vector<LabFate> out;
    for (const auto& m : r.messages) {
        out.push_back(m.fate);
    }
    return out;
}

bool sameBlock(const LabBlock& b, std::int64_t monoNs, std::uint64_t position, std::size_t length,
               int firstSeq, int lastSeq, bool damaged = false) {
    return b.monoNs == monoNs && b.position == position && b.length == length &&
           b.firstSeq == firstSeq && b.lastSeq == lastSeq && b.damaged == damaged;
}

} // namespace

class TestLabReport : public QObject {
    Q_OBJECT

private slots:
    // ---- message format ----
    void messageBytes() {
        QCOMPARE(text(labMessage(42, 20)), std::string("#000042:abcdefghijk\n"));
        QCOMPARE(text(labMessage(1, 8)), std::string("#000001:"));
        QCOMPARE(text(labMessage(1, 9)), std::string("#000001:a"));
        QCOMPARE(text(labMessage(7, 10)), std::string("#000007:a\n"));
        QCOMPARE(text(labMessage(100000, 12)), std::string("#100000:abc\n"));
        // The filler wraps after 'z'.
        const auto long1 = text(labMessage(3, 40));
        QCOMPARE(long1, std::string("#000003:abcdefghijklmnopqrstuvwxyzabcde\n"));
        QCOMPARE(labMessage(5, 65000).size(), std::size_t(65000));
        QCOMPARE(labMessage(5, 65000).back(), std::byte{'\n'});
    }

    void messageRoundTrip() {
        for (const int seq : {0, 1, 42, 99999, 100000, 999999}) {
            for (const std::size_t size : {8u, 9u, 10u, 11u, 100u, 65000u}) {
                const auto m = labMessage(seq, size);
                QCOMPARE(m.size(), size);
                QCOMPARE(parseLabMessageHeader(m), std::optional<int>(seq));
                QVERIFY(labMessageIntact(m, size));
            }
        }
    }

    void headerRejects() {
        for (const char* bad : {"#00004a:", "#000042;", "!000042:", "#000042",
                                "# 00042:", "#-00042:", "", "000042:x", "#0000042:"}) {
            QVERIFY2(!parseLabMessageHeader(bytesOf(bad)), bad);
        }
        // Only the first 8 bytes count for the header.
        QCOMPARE(parseLabMessageHeader(bytesOf("#000042:anything")), std::optional<int>(42));
    }

    void intactRejectsEveryChangedByte() {
        const auto good = labMessage(9, 30);
        for (std::size_t i = 0; i < good.size(); ++i) {
            auto bad = good;
            bad[i] ^= std::byte{0x01};
            // A changed digit makes another message ("#000009:" -> "#100009:"), nothing else
            // stays intact.
            const bool digit = i >= 1 && i <= 6;
            QVERIFY2(labMessageIntact(bad, 30) == digit, std::to_string(i).c_str());
            if (digit) {
                QVERIFY(parseLabMessageHeader(bad) != std::optional<int>(9));
            }
        }
        QVERIFY(!labMessageIntact(good, 31));
        QVERIFY(!labMessageIntact(std::span(good).first(29), 30));
        auto longer = good;
        longer.push_back(std::byte{'a'});
        QVERIFY(!labMessageIntact(longer, 30));
        // Below the header's size nothing is a message.
        QVERIFY(!labMessageIntact(labMessage(1, 7), 7));
        QCOMPARE(text(labMessage(1, 7)), std::string("#000001"));
    }

    void validateMessages() {
        QVERIFY(LabSchedule{}.validate());
        QVERIFY((LabSchedule{1, 8, 0}.validate()));
        QVERIFY((LabSchedule{100000, 65000, 60000}.validate()));
        const auto message = [](LabSchedule s) {
            const auto r = s.validate();
            return r ? std::string("ok") : r.error().message();
        };
        QCOMPARE(message({0, 100, 100}), std::string("count: must be 1..100000"));
        QCOMPARE(message({100001, 100, 100}), std::string("count: must be 1..100000"));
        QCOMPARE(message({50, 7, 100}), std::string("size: must be 8..65000 bytes"));
        QCOMPARE(message({50, 65001, 100}), std::string("size: must be 8..65000 bytes"));
        QCOMPARE(message({50, 100, -1}), std::string("interval: must be 0..60000 ms"));
        QCOMPARE(message({50, 100, 60001}), std::string("interval: must be 0..60000 ms"));
        // The analysis refuses a schedule that does not validate.
        const auto r = analyzeLabRun(LabRun{LabSchedule{50, 0, 100}, LabTransport::Stream});
        QVERIFY(!r);
        QCOMPARE(r.error().message(), std::string("size: must be 8..65000 bytes"));
    }

    // ---- stream ----
    void streamThreeWritesOneRead() {
        const auto all = messages(1, 3, 10);
        const std::vector<LabChunk> writes{
            {ms(0), slice(all, 0, 10)}, {ms(10), slice(all, 10, 20)}, {ms(20), slice(all, 20, 30)}};
        const std::vector<LabChunk> reads{{ms(25), all}};
        const auto r = analyze(schedule(3, 10), LabTransport::Stream, writes, reads);
        QCOMPARE(r.messages.size(), std::size_t(3));
        for (int i = 0; i < 3; ++i) {
            const auto& m = r.messages[i];
            QCOMPARE(m.seq, i + 1);
            QCOMPARE(m.sentNs, std::optional<std::int64_t>(ms(10 * i)));
            QCOMPARE(m.firstArrivalNs, std::optional<std::int64_t>(ms(25)));
            QCOMPARE(m.latencyNs, std::optional<std::int64_t>(ms(25 - 10 * i)));
            QCOMPARE(m.arrivals, 1);
            QCOMPARE(m.flags, labFateBit(LabFate::Delivered));
            QCOMPARE(m.fate, LabFate::Delivered);
        }
        QVERIFY(r.inOrderAndComplete);
        QCOMPARE(r.writes.size(), std::size_t(3));
        QVERIFY(sameBlock(r.writes[0], ms(0), 0, 10, 1, 1));
        QVERIFY(sameBlock(r.writes[1], ms(10), 10, 10, 2, 2));
        QVERIFY(sameBlock(r.writes[2], ms(20), 20, 10, 3, 3));
        QCOMPARE(r.reads.size(), std::size_t(1));
        QVERIFY(sameBlock(r.reads[0], ms(25), 0, 30, 1, 3));
        QCOMPARE(r.totals.sent, 3);
        QCOMPARE(r.totals.delivered, 3);
        QCOMPARE(r.totals.lost, 0);
        QCOMPARE(r.totals.bytesSent, 30u);
        QCOMPARE(r.totals.bytesReceived, 30u);
        QCOMPARE(r.totals.mismatchedBytes, 0u);
        QCOMPARE(r.latency.minNs, std::optional<std::int64_t>(ms(5)));
        QCOMPARE(r.latency.maxNs, std::optional<std::int64_t>(ms(25)));
    }

    void streamOneWriteThreeReads() {
        const auto m = labMessage(1, 30);
        const std::vector<LabChunk> writes{{ms(0), m}};
        const std::vector<LabChunk> reads{
            {ms(1), slice(m, 0, 10)}, {ms(2), slice(m, 10, 20)}, {ms(3), slice(m, 20, 30)}};
        const auto r = analyze(schedule(1, 30), LabTransport::Stream, writes, reads);
        // It arrives with the read holding its last byte.
        QCOMPARE(r.messages[0].firstArrivalNs, std::optional<std::int64_t>(ms(3)));
        QCOMPARE(r.messages[0].latencyNs, std::optional<std::int64_t>(ms(3)));
        QCOMPARE(r.messages[0].fate, LabFate::Delivered);
        QCOMPARE(r.reads.size(), std::size_t(3));
        QVERIFY(sameBlock(r.reads[0], ms(1), 0, 10, 1, 1));
        QVERIFY(sameBlock(r.reads[1], ms(2), 10, 10, 1, 1));
        QVERIFY(sameBlock(r.reads[2], ms(3), 20, 10, 1, 1));
        QVERIFY(sameBlock(r.writes[0], ms(0), 0, 30, 1, 1));
        QVERIFY(r.inOrderAndComplete);
    }

    void streamPartialWrites() {
        // Short writes: 5 bytes, then 20 (rest of 1, start of 2), then 15; reads cut at 19.
        const auto all = messages(1, 2, 20);
        const std::vector<LabChunk> writes{
            {ms(0), slice(all, 0, 5)}, {ms(1), slice(all, 5, 25)}, {ms(2), slice(all, 25, 40)}};
        const std::vector<LabChunk> reads{{ms(3), slice(all, 0, 19)}, {ms(4), slice(all, 19, 40)}};
        const auto r = analyze(schedule(2, 20), LabTransport::Stream, writes, reads);
        QCOMPARE(r.messages[0].sentNs, std::optional<std::int64_t>(ms(0)));
        QCOMPARE(r.messages[1].sentNs, std::optional<std::int64_t>(ms(1)));
        QCOMPARE(r.messages[0].firstArrivalNs, std::optional<std::int64_t>(ms(4)));
        QCOMPARE(r.messages[1].firstArrivalNs, std::optional<std::int64_t>(ms(4)));
        QCOMPARE(r.messages[0].latencyNs, std::optional<std::int64_t>(ms(4)));
        QCOMPARE(r.messages[1].latencyNs, std::optional<std::int64_t>(ms(3)));
        QVERIFY(sameBlock(r.writes[0], ms(0), 0, 5, 1, 1));
        QVERIFY(sameBlock(r.writes[1], ms(1), 5, 20, 1, 2));
        QVERIFY(sameBlock(r.writes[2], ms(2), 25, 15, 2, 2));
        QVERIFY(sameBlock(r.reads[0], ms(3), 0, 19, 1, 1));
        QVERIFY(sameBlock(r.reads[1], ms(4), 19, 21, 1, 2));
        QVERIFY(r.inOrderAndComplete);
    }

    void streamIncompleteAndUnsent() {
        // The sender wrote 2.5 messages of 4 (the run ended); the receiver got all of them.
        const auto all = messages(1, 3, 10);
        const std::vector<LabChunk> writes{{ms(0), slice(all, 0, 25)}};
        const std::vector<LabChunk> reads{{ms(1), slice(all, 0, 25)}};
        const auto r = analyze(schedule(4, 10), LabTransport::Stream, writes, reads);
        QCOMPARE(fates(r), (std::vector{LabFate::Delivered, LabFate::Delivered, LabFate::Lost,
                                        LabFate::Unsent}));
        QCOMPARE(r.messages[2].sentNs, std::optional<std::int64_t>(ms(0)));
        QCOMPARE(r.messages[3].sentNs, std::nullopt);
        QCOMPARE(r.totals.sent, 3);
        QCOMPARE(r.totals.delivered, 2);
        QCOMPARE(r.totals.lost, 1);
        QCOMPARE(r.totals.unsent, 1);
        // Every byte sent arrived, in order.
        QVERIFY(r.inOrderAndComplete);

        // The receiver missing the sent tail: complete no more, but nothing mismatched.
        const std::vector<LabChunk> shortReads{{ms(1), slice(all, 0, 20)}};
        const auto s = analyze(schedule(4, 10), LabTransport::Stream, writes, shortReads);
        QVERIFY(!s.inOrderAndComplete);
        QCOMPARE(s.totals.mismatchedBytes, 0u);
        QCOMPARE(s.totals.garbled, 0);

        // Nothing sent is never "in order and complete".
        QVERIFY(!analyze(schedule(4, 10), LabTransport::Stream, {}, {}).inOrderAndComplete);
    }

    void streamCorruptionDetected() {
        const auto all = messages(1, 3, 10);
        const std::vector<LabChunk> writes{{ms(0), all}};
        auto received = all;
        received[13] ^= std::byte{0x20};
        received[14] ^= std::byte{0x01};
        const std::vector<LabChunk> reads{{ms(1), slice(received, 0, 10)},
                                          {ms(2), slice(received, 10, 30)}};
        const auto r = analyze(schedule(3, 10), LabTransport::Stream, writes, reads);
        QCOMPARE(r.totals.mismatchedBytes, 2u);
        QCOMPARE(r.totals.garbled, 1);
        QCOMPARE(fates(r), (std::vector{LabFate::Delivered, LabFate::Garbled, LabFate::Delivered}));
        QCOMPARE(r.messages[1].arrivals, 0);
        QCOMPARE(r.messages[1].latencyNs, std::nullopt);
        QCOMPARE(r.totals.delivered, 2);
        QCOMPARE(r.totals.lost, 0);
        QVERIFY(!r.inOrderAndComplete);
        QVERIFY(!r.reads[0].damaged);
        QVERIFY(r.reads[1].damaged);

        // Bytes beyond what was sent are mismatched too (and fill a garbled slot past count).
        auto extra = all;
        const auto tail = bytesOf("XXXXX");
        extra.insert(extra.end(), tail.begin(), tail.end());
        const auto e = analyze(schedule(3, 10), LabTransport::Stream, writes, {{ms(1), extra}});
        QCOMPARE(e.totals.mismatchedBytes, 5u);
        QCOMPARE(e.totals.garbled, 1);
        QCOMPARE(e.totals.delivered, 3);
        QVERIFY(!e.inOrderAndComplete);
        QVERIFY(sameBlock(e.reads[0], ms(1), 0, 35, 1, 4, true));

        // Two corrupted messages in one read count as two garbled slots.
        auto two = all;
        two[0] ^= std::byte{1};
        two[29] ^= std::byte{1};
        const auto t = analyze(schedule(3, 10), LabTransport::Stream, writes, {{ms(1), two}});
        QCOMPARE(t.totals.garbled, 2);
        QCOMPARE(fates(t), (std::vector{LabFate::Garbled, LabFate::Delivered, LabFate::Garbled}));
    }

    // ---- datagrams ----
    void datagramFates() {
        const auto writes = datagrams({{1, 0}, {2, 10}, {3, 20}, {4, 30}, {5, 40}, {6, 50}}, 20);
        // 2 overtaken by 3 and duplicated, 3 duplicated, 4 lost, 5 overtaken by 6.
        const auto reads =
            datagrams({{1, 1}, {3, 21}, {2, 22}, {3, 23}, {2, 24}, {6, 51}, {5, 52}}, 20);
        const auto r = analyze(schedule(6, 20), LabTransport::Datagram, writes, reads);
        QCOMPARE(fates(r),
                 (std::vector{LabFate::Delivered, LabFate::Duplicated, LabFate::Duplicated,
                              LabFate::Lost, LabFate::OutOfOrder, LabFate::Delivered}));
        const auto bits = [](std::initializer_list<LabFate> fs) {
            std::uint8_t b = 0;
            for (const auto f : fs) {
                b |= labFateBit(f);
            }
            return b;
        };
        QCOMPARE(r.messages[1].flags,
                 bits({LabFate::Delivered, LabFate::OutOfOrder, LabFate::Duplicated}));
        QCOMPARE(r.messages[2].flags, bits({LabFate::Delivered, LabFate::Duplicated}));
        QCOMPARE(r.messages[3].flags, bits({LabFate::Lost}));
        QCOMPARE(r.messages[4].flags, bits({LabFate::Delivered, LabFate::OutOfOrder}));
        QCOMPARE(r.messages[1].arrivals, 2);
        QCOMPARE(r.messages[2].arrivals, 2);
        QCOMPARE(r.messages[3].arrivals, 0);
        QCOMPARE(r.messages[1].firstArrivalNs, std::optional<std::int64_t>(ms(22)));
        QCOMPARE(r.messages[1].latencyNs, std::optional<std::int64_t>(ms(12)));
        QCOMPARE(r.messages[2].latencyNs, std::optional<std::int64_t>(ms(1)));
        QCOMPARE(r.messages[3].sentNs, std::optional<std::int64_t>(ms(30)));
        QCOMPARE(r.messages[3].latencyNs, std::nullopt);
        QCOMPARE(r.messages[4].latencyNs, std::optional<std::int64_t>(ms(12)));

        QCOMPARE(r.totals.scheduled, 6);
        QCOMPARE(r.totals.sent, 6);
        QCOMPARE(r.totals.delivered, 5);
        QCOMPARE(r.totals.lost, 1);
        QCOMPARE(r.totals.duplicated, 2);
        QCOMPARE(r.totals.outOfOrder, 2);
        QCOMPARE(r.totals.late, 0);
        QCOMPARE(r.totals.garbled, 0);
        QCOMPARE(r.totals.bytesSent, 120u);
        QCOMPARE(r.totals.bytesReceived, 140u);
        QVERIFY(!r.inOrderAndComplete);
        QCOMPARE(r.lateThresholdNs, std::optional<std::int64_t>(ms(1) + kLabLateMarginNs));

        QCOMPARE(r.writes.size(), std::size_t(6));
        QVERIFY(sameBlock(r.writes[3], ms(30), 3, 20, 4, 4));
        QCOMPARE(r.reads.size(), std::size_t(7));
        QVERIFY(sameBlock(r.reads[2], ms(22), 2, 20, 2, 2));
        QVERIFY(sameBlock(r.reads[6], ms(52), 6, 20, 5, 5));
    }

    void datagramsInOrderAndComplete() {
        const auto writes = datagrams({{1, 0}, {2, 10}, {3, 20}}, 50);
        const auto reads = datagrams({{1, 2}, {2, 12}, {3, 22}}, 50);
        const auto r = analyze(schedule(3, 50), LabTransport::Datagram, writes, reads);
        QVERIFY(r.inOrderAndComplete);
        QCOMPARE(r.totals.delivered, 3);
        // A duplicate breaks it even though every message arrived.
        const auto dup = datagrams({{1, 2}, {2, 12}, {2, 13}, {3, 22}}, 50);
        QVERIFY(!analyze(schedule(3, 50), LabTransport::Datagram, writes, dup).inOrderAndComplete);
        // So does a swap.
        const auto swapped = datagrams({{2, 2}, {1, 12}, {3, 22}}, 50);
        const auto s = analyze(schedule(3, 50), LabTransport::Datagram, writes, swapped);
        QVERIFY(!s.inOrderAndComplete);
        QCOMPARE(fates(s),
                 (std::vector{LabFate::OutOfOrder, LabFate::Delivered, LabFate::Delivered}));
    }

    void garbledDatagrams() {
        const auto writes = datagrams({{1, 0}, {2, 10}, {3, 20}}, 20);
        std::vector<LabChunk> reads;
        reads.push_back({ms(1), labMessage(1, 20)});
        auto flipped = labMessage(2, 20);
        flipped[12] ^= std::byte{0x04};
        reads.push_back({ms(11), flipped});           // a filler byte changed
        reads.push_back({ms(12), bytesOf("hello")});  // not a lab message
        reads.push_back({ms(13), labMessage(4, 20)}); // intact, but beyond count
        auto truncated = labMessage(3, 20);
        truncated.pop_back();
        reads.push_back({ms(21), truncated}); // one byte short
        reads.push_back({ms(22), labMessage(3, 20)});
        const auto r = analyze(schedule(3, 20), LabTransport::Datagram, writes, reads);
        QCOMPARE(r.totals.garbled, 4);
        QCOMPARE(fates(r), (std::vector{LabFate::Delivered, LabFate::Lost, LabFate::Delivered}));
        QCOMPARE(r.messages[2].firstArrivalNs, std::optional<std::int64_t>(ms(22)));
        QCOMPARE(r.messages[2].arrivals, 1);
        QVERIFY(sameBlock(r.reads[0], ms(1), 0, 20, 1, 1, false));
        QVERIFY(sameBlock(r.reads[1], ms(11), 1, 20, 0, 0, true));
        QVERIFY(sameBlock(r.reads[2], ms(12), 2, 5, 0, 0, true));
        QVERIFY(sameBlock(r.reads[3], ms(13), 3, 20, 0, 0, true));
        QVERIFY(sameBlock(r.reads[4], ms(21), 4, 19, 0, 0, true));
        QVERIFY(sameBlock(r.reads[5], ms(22), 5, 20, 3, 3, false));
        // The message seq 4 does not make message 3 out of order: it is not of this run.
        QCOMPARE(r.totals.outOfOrder, 0);
        QVERIFY(!r.inOrderAndComplete);
    }

    // ---- latency ----
    void nearestRank() {
        const std::vector<std::int64_t> ten{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        QCOMPARE(nearestRankPercentile(ten, 50), std::optional<std::int64_t>(5));
        QCOMPARE(nearestRankPercentile(ten, 99), std::optional<std::int64_t>(10));
        QCOMPARE(nearestRankPercentile(ten, 10), std::optional<std::int64_t>(1));
        QCOMPARE(nearestRankPercentile(ten, 11), std::optional<std::int64_t>(2));
        QCOMPARE(nearestRankPercentile(ten, 100), std::optional<std::int64_t>(10));
        const std::vector<std::int64_t> four{10, 20, 30, 40};
        QCOMPARE(nearestRankPercentile(four, 50), std::optional<std::int64_t>(20)); // not 25
        QCOMPARE(nearestRankPercentile(four, 51), std::optional<std::int64_t>(30));
        const std::vector<std::int64_t> one{7};
        QCOMPARE(nearestRankPercentile(one, 1), std::optional<std::int64_t>(7));
        QCOMPARE(nearestRankPercentile(one, 99), std::optional<std::int64_t>(7));
        QCOMPARE(nearestRankPercentile({}, 50), std::nullopt);
        QCOMPARE(nearestRankPercentile(ten, 0), std::nullopt);
    }

    void runPercentiles() {
        // 100 datagrams, latencies 1..100 ms, received in a scrambled order of sends.
        std::vector<LabChunk> writes;
        std::vector<LabChunk> reads;
        for (int i = 1; i <= 100; ++i) {
            writes.push_back({ms(1000 * i), labMessage(i, 16)});
        }
        for (int i = 1; i <= 100; ++i) {
            const int seq = (i * 37) % 100 + 1; // a permutation of 1..100
            reads.push_back({ms(1000 * seq + i), labMessage(seq, 16)});
        }
        const auto r = analyze(schedule(100, 16), LabTransport::Datagram, writes, reads);
        QCOMPARE(r.totals.delivered, 100);
        QCOMPARE(r.latency.minNs, std::optional<std::int64_t>(ms(1)));
        QCOMPARE(r.latency.p50Ns, std::optional<std::int64_t>(ms(50)));
        QCOMPARE(r.latency.p99Ns, std::optional<std::int64_t>(ms(99)));
        QCOMPARE(r.latency.maxNs, std::optional<std::int64_t>(ms(100)));

        // Lost messages do not count: nothing delivered gives no figures.
        const auto none = analyze(schedule(100, 16), LabTransport::Datagram, writes, {});
        QCOMPARE(none.latency.p50Ns, std::nullopt);
        QCOMPARE(none.latency.maxNs, std::nullopt);
        QCOMPARE(none.lateThresholdNs, std::nullopt);
        QCOMPARE(none.totals.lost, 100);
    }

    void lateDetection() {
        const auto writes = datagrams({{1, 0}, {2, 100}, {3, 200}, {4, 300}}, 20);
        // Latencies 5, 5, 205, 206 ms: the default threshold is 5 + 200 = 205 ms.
        const auto reads = datagrams({{1, 5}, {2, 105}, {3, 405}, {4, 506}}, 20);
        const auto r = analyze(schedule(4, 20), LabTransport::Datagram, writes, reads);
        QCOMPARE(r.lateThresholdNs, std::optional<std::int64_t>(ms(205)));
        QCOMPARE(fates(r), (std::vector{LabFate::Delivered, LabFate::Delivered, LabFate::Delivered,
                                        LabFate::Late}));
        QCOMPARE(r.totals.late, 1);
        QCOMPARE(r.totals.delivered, 4);

        // An explicit threshold replaces the default.
        const auto t = analyze(schedule(4, 20), LabTransport::Datagram, writes, reads, ms(10));
        QCOMPARE(t.lateThresholdNs, std::optional<std::int64_t>(ms(10)));
        QCOMPARE(fates(t), (std::vector{LabFate::Delivered, LabFate::Delivered, LabFate::Late,
                                        LabFate::Late}));

        // Out of order outranks late; the late flag stays set.
        const auto swapped = datagrams({{1, 5}, {3, 405}, {2, 500}, {4, 506}}, 20);
        const auto s = analyze(schedule(4, 20), LabTransport::Datagram, writes, swapped);
        QCOMPARE(s.messages[1].fate, LabFate::OutOfOrder);
        QVERIFY(s.messages[1].has(LabFate::Late));
        // Latencies 5, 400, 205, 206 ms: 205 is not above the threshold.
        QCOMPARE(s.totals.late, 2);

        // Streams too: head-of-line blocking makes the messages behind a slow one late.
        const auto all = messages(1, 3, 10);
        const std::vector<LabChunk> sw{
            {ms(0), slice(all, 0, 10)}, {ms(10), slice(all, 10, 20)}, {ms(20), slice(all, 20, 30)}};
        const std::vector<LabChunk> sr{{ms(1), slice(all, 0, 10)}, {ms(400), slice(all, 10, 30)}};
        const auto st = analyze(schedule(3, 10), LabTransport::Stream, sw, sr);
        QCOMPARE(fates(st), (std::vector{LabFate::Delivered, LabFate::Late, LabFate::Late}));
    }

    void fatePriorityAndNames() {
        const auto all = [](std::initializer_list<LabFate> fs) {
            std::uint8_t b = 0;
            for (const auto f : fs) {
                b |= labFateBit(f);
            }
            return b;
        };
        QCOMPARE(primaryLabFate(all({LabFate::Delivered})), LabFate::Delivered);
        QCOMPARE(primaryLabFate(all({LabFate::Delivered, LabFate::Late})), LabFate::Late);
        QCOMPARE(primaryLabFate(all({LabFate::Delivered, LabFate::Late, LabFate::OutOfOrder})),
                 LabFate::OutOfOrder);
        QCOMPARE(primaryLabFate(all({LabFate::Delivered, LabFate::Late, LabFate::OutOfOrder,
                                     LabFate::Duplicated})),
                 LabFate::Duplicated);
        QCOMPARE(primaryLabFate(all({LabFate::Lost, LabFate::Duplicated})), LabFate::Lost);
        QCOMPARE(primaryLabFate(all({LabFate::Garbled, LabFate::Lost})), LabFate::Garbled);
        QCOMPARE(primaryLabFate(all({LabFate::Unsent, LabFate::Lost})), LabFate::Unsent);
        QCOMPARE(labFateName(LabFate::OutOfOrder), std::string_view("out of order"));
        QCOMPARE(labFateName(LabFate::Lost), std::string_view("lost"));
    }

    // ---- table ----
    void millisText() {
        QCOMPARE(labMillisText(0), std::string("0.0 ms"));
        QCOMPARE(labMillisText(1'249'999), std::string("1.2 ms"));
        QCOMPARE(labMillisText(1'250'000), std::string("1.3 ms"));
        QCOMPARE(labMillisText(205'000'000), std::string("205.0 ms"));
        QCOMPARE(labMillisText(-1'250'000), std::string("-1.3 ms"));
        QCOMPARE(labMillisText(-40'000), std::string("0.0 ms"));
    }

    void tableText() {
        // TCP: 3 of 3, latencies 1.25, 2 and 300 ms. UDP: 1 lost, 3 duplicated, 2 overtaken.
        const auto all = messages(1, 3, 10);
        const std::vector<LabChunk> tw{
            {ms(0), slice(all, 0, 10)}, {ms(10), slice(all, 10, 20)}, {ms(20), slice(all, 20, 30)}};
        const std::vector<LabChunk> tr{{1'250'000, slice(all, 0, 10)},
                                       {ms(12), slice(all, 10, 20)},
                                       {ms(320), slice(all, 20, 30)}};
        const auto tcp = analyze(schedule(3, 10), LabTransport::Stream, tw, tr);
        const auto uw = datagrams({{1, 0}, {2, 10}, {3, 20}}, 10);
        const auto ur = datagrams({{1, 1}, {3, 21}, {3, 22}}, 10);
        auto udpReads = ur;
        udpReads.push_back({ms(23), bytesOf("junk")});
        const auto udp = analyze(schedule(3, 10), LabTransport::Datagram, uw, udpReads);

        LabTableExtras extras;
        extras.wireRetransmissions = 2;
        extras.tcpRetransmits = 1;
        extras.rttUs = 1250;
        extras.cwnd = 10;
        const std::string expected = "                           TCP     UDP\n"
                                     "delivered                  3/3     2/3\n"
                                     "lost                         0       1\n"
                                     "duplicated                   0       1\n"
                                     "out of order                 0       0\n"
                                     "late                         1       0\n"
                                     "garbled                      0       1\n"
                                     "latency p50             2.0 ms  1.0 ms\n"
                                     "latency p99           300.0 ms  1.0 ms\n"
                                     "wire retransmissions         2       -\n"
                                     "TCP retransmits              1       -\n"
                                     "rtt                     1.3 ms       -\n"
                                     "cwnd                        10       -\n";
        QCOMPARE(QString::fromStdString(formatLabTable(tcp, udp, extras)),
                 QString::fromStdString(expected));

        // No extras, nothing delivered over UDP, and a TCP run cut short (unsent row).
        const std::vector<LabChunk> cut{{ms(0), slice(all, 0, 10)}};
        const auto tcpCut = analyze(schedule(3, 10), LabTransport::Stream, cut, cut);
        const auto udpNone = analyze(schedule(3, 10), LabTransport::Datagram, uw, {});
        const std::string bare = "                         TCP  UDP\n"
                                 "delivered                1/3  0/3\n"
                                 "unsent                     2    0\n"
                                 "lost                       0    3\n"
                                 "duplicated                 0    0\n"
                                 "out of order               0    0\n"
                                 "late                       0    0\n"
                                 "garbled                    0    0\n"
                                 "latency p50           0.0 ms    -\n"
                                 "latency p99           0.0 ms    -\n"
                                 "wire retransmissions       -    -\n"
                                 "TCP retransmits            -    -\n"
                                 "rtt                        -    -\n"
                                 "cwnd                       -    -\n";
        QCOMPARE(QString::fromStdString(formatLabTable(tcpCut, udpNone, {})),
                 QString::fromStdString(bare));
    }

    // ---- from capture stores ----
    void fromTrafficStores() {
        TrafficStore sender;
        TrafficStore receiver;
        const auto all = messages(1, 3, 20);
        // Noise the analysis must skip: events, other directions, other connections, OOB.
        sender.appendEvent(0, RecordKind::Connected, "connected");
        sender.appendData(0, Direction::Out, slice(all, 0, 30), nullptr, 0, 0, 1, ms(100));
        sender.appendData(0, Direction::In, bytesOf("ignored"), nullptr, 0, 0, 1, ms(101));
        sender.appendData(0, Direction::Out, bytesOf("!"), nullptr, RecordFlag::Oob, 0, 1, ms(102));
        sender.appendData(7, Direction::Out, bytesOf("other"), nullptr, 0, 0, 1, ms(103));
        sender.appendData(0, Direction::Out, slice(all, 30, 60), nullptr, 0, 0, 1, ms(110));

        receiver.appendEvent(0, RecordKind::Listening, "listening");
        receiver.appendEvent(2, RecordKind::Accepted, "accepted");
        receiver.appendData(2, Direction::In, slice(all, 0, 45), nullptr, 0, 0, 1, ms(112));
        receiver.appendData(2, Direction::Out, bytesOf("reply"), nullptr, 0, 0, 1, ms(113));
        receiver.appendData(3, Direction::In, bytesOf("other"), nullptr, 0, 0, 1, ms(114));
        receiver.appendData(2, Direction::In, slice(all, 45, 60), nullptr, 0, 0, 1, ms(115));

        const auto chunks = labChunks(sender, 0, Direction::Out);
        QVERIFY(chunks);
        QCOMPARE(chunks->size(), std::size_t(2));
        QCOMPARE((*chunks)[0].monoNs, ms(100));
        QCOMPARE((*chunks)[1].bytes, slice(all, 30, 60));

        const auto r =
            analyzeLabCapture(schedule(3, 20), LabTransport::Stream, {sender, 0}, {receiver, 2});
        QVERIFY2(r, r ? "" : r.error().message().c_str());
        QCOMPARE(r->messages[0].sentNs, std::optional<std::int64_t>(ms(100)));
        QCOMPARE(r->messages[1].sentNs, std::optional<std::int64_t>(ms(100)));
        QCOMPARE(r->messages[2].sentNs, std::optional<std::int64_t>(ms(110)));
        QCOMPARE(r->messages[0].latencyNs, std::optional<std::int64_t>(ms(12)));
        QCOMPARE(r->messages[1].latencyNs, std::optional<std::int64_t>(ms(12)));
        QCOMPARE(r->messages[2].latencyNs, std::optional<std::int64_t>(ms(5)));
        QCOMPARE(r->totals.bytesSent, 60u);
        QCOMPARE(r->totals.bytesReceived, 60u);
        QVERIFY(r->inOrderAndComplete);
        QCOMPARE(r->reads.size(), std::size_t(2));
        QVERIFY(sameBlock(r->reads[1], ms(115), 45, 15, 3, 3));

        // The same records as datagrams (one message each) through the same convenience.
        TrafficStore udpSender;
        TrafficStore udpReceiver;
        for (int i = 1; i <= 3; ++i) {
            udpSender.appendData(0, Direction::Out, labMessage(i, 20), nullptr, 0, 0, 1, ms(i));
        }
        udpReceiver.appendData(0, Direction::In, labMessage(2, 20), nullptr, 0, 0, 1, ms(4));
        udpReceiver.appendData(0, Direction::In, labMessage(1, 20), nullptr, 0, 0, 1, ms(5));
        const auto u = analyzeLabCapture(schedule(3, 20), LabTransport::Datagram, {udpSender, 0},
                                         {udpReceiver, 0});
        QVERIFY(u);
        QCOMPARE(fates(*u), (std::vector{LabFate::OutOfOrder, LabFate::Delivered, LabFate::Lost}));
        QCOMPARE(u->messages[0].latencyNs, std::optional<std::int64_t>(ms(4)));
    }

    void storeWithDroppedBytesIsRefused() {
        TrafficStore::Config cfg;
        cfg.chunkBytes = 4096;
        cfg.memoryCapBytes = 16 * 1024;
        cfg.policy = OverflowPolicy::DropOldest;
        TrafficStore dropping(cfg);
        const auto m = labMessage(1, 1000);
        for (int i = 0; i < 100; ++i) {
            dropping.appendData(0, Direction::Out, m, nullptr, 0, 0, 1, ms(i));
        }
        const auto r = labChunks(dropping, 0, Direction::Out);
        QVERIFY(!r);
        QCOMPARE(r.error().message(), std::string("read lab capture connection 0: the bytes of "
                                                  "record 0 were dropped by the memory cap"));

        TrafficStore::Config few;
        few.maxRecords = 10;
        TrafficStore capped(few);
        for (int i = 0; i < 20; ++i) {
            capped.appendData(0, Direction::In, m, nullptr, 0, 0, 1, ms(i));
        }
        const auto c = labChunks(capped, 0, Direction::In);
        QVERIFY(!c);
        QCOMPARE(c.error().message(), std::string("read lab capture connection 0: the oldest 10 "
                                                  "records were dropped by the record cap"));
    }
};

QTEST_APPLESS_MAIN(TestLabReport)
#include "test_lab_report.moc"
