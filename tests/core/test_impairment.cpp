// DatagramPipeline: the netem-like stages, checked statistically with fixed seeds over 10,000
// datagrams and exactly on small hand-made scenarios; the counter invariant after every call.
#include "core/impair/datagram_pipeline.h"

#include <QTest>
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

using namespace socklab;
using Kind = ImpairmentNote::Kind;

namespace {

constexpr std::int64_t kMs = 1'000'000;

// 8 bytes of sequence number (big-endian) then `size - 8` filler bytes.
std::vector<std::byte> payload(std::uint64_t seq, std::size_t size = 64) {
    std::vector<std::byte> b(std::max<std::size_t>(size, 8));
    for (int i = 0; i < 8; ++i) {
        b[static_cast<std::size_t>(i)] = static_cast<std::byte>(seq >> (56 - 8 * i));
    }
    for (std::size_t i = 8; i < b.size(); ++i) {
        b[i] = static_cast<std::byte>((seq * 31 + i) & 0xff);
    }
    return b;
}

std::uint64_t seqOf(const std::vector<std::byte>& b) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 8 && i < b.size(); ++i) {
        v = (v << 8) | std::to_integer<std::uint64_t>(b[i]);
    }
    return v;
}

// A pipeline with a journal: pushes and takes through it check the counter invariant after
// every call and keep every output with the time it left, and every note.
struct Run {
    DatagramPipeline pipe;
    std::vector<DatagramPipeline::Output> out;
    std::vector<std::int64_t> leftAt; // per output
    std::vector<ImpairmentNote> notes;
    std::map<std::uint64_t, std::int64_t> arrivedAt;

    Run(const Impairment& s, std::uint64_t seed) : pipe(s, seed) {}

    void check() const {
        const ImpairmentCounters& c = pipe.counters();
        QVERIFY2(c.delivered + c.waiting == c.received - c.dropped + c.duplicated,
                 "delivered + waiting != received - dropped + duplicated");
        QCOMPARE(c.delivered, static_cast<std::uint64_t>(out.size()));
        QCOMPARE(pipe.nextDueNs().has_value(), c.waiting > 0);
    }
    std::uint64_t push(std::uint64_t seq, std::int64_t now, std::size_t size = 64,
                       std::uint64_t tag = 0) {
        const std::uint64_t index = pipe.push(payload(seq, size), tag, now, notes);
        arrivedAt[index] = now;
        check();
        return index;
    }
    void take(std::int64_t now) {
        const std::size_t before = out.size();
        pipe.takeDue(now, out);
        leftAt.resize(out.size(), now);
        for (std::size_t i = before; i < out.size(); ++i) {
            QVERIFY(out[i].index >= 1);
        }
        check();
        if (auto due = pipe.nextDueNs()) {
            QVERIFY(*due > now);
        }
    }
    // Push `count` datagrams, one every `gap`, taking everything due on the way (at the exact
    // due times), then drain. Bounded: every take delivers at least one datagram.
    void stream(std::uint64_t count, std::int64_t gap, std::size_t size = 64) {
        std::int64_t now = 0;
        for (std::uint64_t seq = 1; seq <= count; ++seq) {
            while (auto due = pipe.nextDueNs()) {
                if (*due > now) {
                    break;
                }
                take(*due);
            }
            push(seq, now, size);
            now += gap;
        }
        drain();
    }
    void drain() {
        for (int guard = 0; guard < 1'000'000; ++guard) {
            const auto due = pipe.nextDueNs();
            if (!due) {
                return;
            }
            take(*due);
        }
        QFAIL("pipeline did not drain");
    }
    std::uint64_t noteCount(Kind k) const {
        return static_cast<std::uint64_t>(
            std::count_if(notes.begin(), notes.end(), [k](const auto& n) { return n.kind == k; }));
    }
    std::set<std::uint64_t> noted(Kind k) const {
        std::set<std::uint64_t> s;
        for (const auto& n : notes) {
            if (n.kind == k) {
                s.insert(n.index);
            }
        }
        return s;
    }
};

} // namespace

class TestImpairment : public QObject {
    Q_OBJECT

private slots:
    void identityForwardsInOrderUntouched() {
        Impairment s;
        QVERIFY(s.isIdentity());
        Run r(s, 1);
        r.stream(100, kMs);
        QCOMPARE(r.out.size(), std::size_t{100});
        QVERIFY(r.notes.empty());
        for (std::size_t i = 0; i < r.out.size(); ++i) {
            QCOMPARE(r.out[i].index, i + 1);
            QCOMPARE(r.out[i].bytes, payload(i + 1));
            QCOMPARE(r.leftAt[i], r.arrivedAt[i + 1]);
        }
        QCOMPARE(r.pipe.counters().deliveredBytes, std::uint64_t{6400});
    }

    void randomLossRate() {
        Impairment s;
        s.lossPercent = 10;
        QVERIFY(!s.isIdentity());
        Run r(s, 42);
        r.stream(10'000, kMs);
        const auto& c = r.pipe.counters();
        QVERIFY2(c.dropped >= 900 && c.dropped <= 1100, std::to_string(c.dropped).c_str());
        QCOMPARE(r.noteCount(Kind::Dropped), c.dropped);
        QCOMPARE(c.delivered, 10'000 - c.dropped);
        // The survivors are exactly the datagrams not noted as dropped, in order, intact.
        const auto dropped = r.noted(Kind::Dropped);
        std::uint64_t expect = 1;
        for (const auto& o : r.out) {
            while (dropped.contains(expect)) {
                ++expect;
            }
            QCOMPARE(o.index, expect);
            QCOMPARE(seqOf(o.bytes), expect);
            ++expect;
        }
    }

    void burstLossComesInBursts() {
        Impairment s;
        s.burst.pGoodToBad = 1;
        s.burst.pBadToGood = 25; // mean burst 4
        Run r(s, 7);
        r.stream(10'000, kMs);
        const auto dropped = r.noted(Kind::Dropped);
        QCOMPARE(static_cast<std::uint64_t>(dropped.size()), r.pipe.counters().dropped);
        std::uint64_t bursts = 0;
        std::uint64_t prev = 0;
        for (std::uint64_t i : dropped) {
            if (i != prev + 1) {
                ++bursts;
            }
            prev = i;
        }
        QVERIFY(bursts > 50);
        const double mean = static_cast<double>(dropped.size()) / static_cast<double>(bursts);
        QVERIFY2(mean > 3.2 && mean < 4.8, std::to_string(mean).c_str());
        // Stationary share of Bad: 1 / (1 + 25) = 3.8 %.
        QVERIFY2(dropped.size() > 250 && dropped.size() < 550,
                 std::to_string(dropped.size()).c_str());
        for (const auto& n : r.notes) {
            QCOMPARE(n.value, std::int64_t{1}); // marked as burst loss
        }
    }

    void duplicationFollowsTheOriginal() {
        Impairment s;
        s.duplicatePercent = 10;
        Run r(s, 3);
        r.stream(10'000, kMs);
        const auto& c = r.pipe.counters();
        QVERIFY2(c.duplicated >= 900 && c.duplicated <= 1100, std::to_string(c.duplicated).c_str());
        QCOMPARE(c.delivered, 10'000 + c.duplicated);
        const auto noted = r.noted(Kind::Duplicated);
        std::uint64_t copies = 0;
        std::uint64_t expect = 1;
        for (std::size_t i = 0; i < r.out.size(); ++i) {
            const auto& o = r.out[i];
            QCOMPARE(seqOf(o.bytes), o.index);
            if (o.duplicate) {
                ++copies;
                QVERIFY(i > 0 && !r.out[i - 1].duplicate);
                QCOMPARE(r.out[i - 1].index, o.index);
                QCOMPARE(r.out[i - 1].bytes, o.bytes);
                QVERIFY(noted.contains(o.index));
            } else {
                QCOMPARE(o.index, expect++);
            }
        }
        QCOMPARE(copies, c.duplicated);
    }

    void reorderHoldsBackByDepth() {
        Impairment s;
        s.reorderPercent = 10;
        s.reorderDepth = 3;
        s.reorderTimeout_ms = 200;
        Run r(s, 11);
        r.stream(10'000, kMs);
        const auto& c = r.pipe.counters();
        QVERIFY2(c.reordered >= 900 && c.reordered <= 1100, std::to_string(c.reordered).c_str());
        QCOMPARE(c.delivered, std::uint64_t{10'000});
        const auto held = r.noted(Kind::Reordered);
        QCOMPARE(static_cast<std::uint64_t>(held.size()), c.reordered);
        // Each held datagram leaves right after exactly 3 later ones (1 ms apart, the 200 ms
        // timeout never fires); the others keep their order; the sequence numbers prove it.
        std::set<std::uint64_t> seen;
        std::uint64_t lastInOrder = 0;
        std::uint64_t outOfOrder = 0;
        for (const auto& o : r.out) {
            QCOMPARE(seqOf(o.bytes), o.index);
            QVERIFY(seen.insert(o.index).second);
            if (held.contains(o.index)) {
                const auto later = std::distance(seen.upper_bound(o.index), seen.end());
                if (o.index <= 10'000 - 3) {
                    QCOMPARE(later, std::ptrdiff_t{3});
                }
                ++outOfOrder;
            } else {
                QVERIFY(o.index > lastInOrder);
                lastInOrder = o.index;
            }
        }
        QCOMPARE(outOfOrder, c.reordered);
    }

    void reorderTimeoutReleases() {
        Impairment s;
        s.reorderPercent = 100;
        s.reorderTimeout_ms = 50;
        Run r(s, 1);
        r.push(1, 0);
        r.push(2, 1 * kMs);
        r.push(3, 2 * kMs);
        QCOMPARE(r.pipe.nextDueNs(), std::optional<std::int64_t>(50 * kMs));
        r.take(49 * kMs);
        QVERIFY(r.out.empty());
        r.take(50 * kMs);
        QCOMPARE(r.out.size(), std::size_t{1});
        r.take(52 * kMs);
        QCOMPARE(r.out.size(), std::size_t{3});
        QCOMPARE(r.out[2].index, std::uint64_t{3});
    }

    void sameSeedSameFatesOtherSeedOther() {
        Impairment s;
        s.lossPercent = 5;
        s.burst.pGoodToBad = 1;
        s.duplicatePercent = 5;
        s.reorderPercent = 5;
        s.corruptPercent = 5;
        s.delay_ms = 10;
        s.jitter_ms = 5;
        auto run = [&](std::uint64_t seed) {
            Run r(s, seed);
            r.stream(2000, kMs);
            std::vector<std::tuple<std::uint64_t, bool, std::vector<std::byte>, std::int64_t>> v;
            for (std::size_t i = 0; i < r.out.size(); ++i) {
                v.emplace_back(r.out[i].index, r.out[i].duplicate, r.out[i].bytes, r.leftAt[i]);
            }
            return std::pair{v, r.pipe.counters()};
        };
        const auto a = run(99);
        const auto b = run(99);
        const auto c = run(100);
        QVERIFY(a.first == b.first);
        QVERIFY(a.second == b.second);
        QVERIFY(a.first != c.first);
    }

    void delayWithJitterStaysInBoundsAndFifo() {
        Impairment s;
        s.delay_ms = 40;
        s.jitter_ms = 10;
        // 1 ms apart: FIFO often holds a datagram behind a later-due predecessor.
        Run r(s, 5);
        r.stream(1000, kMs);
        QCOMPARE(r.out.size(), std::size_t{1000});
        for (std::size_t i = 0; i < r.out.size(); ++i) {
            QCOMPARE(r.out[i].index, i + 1); // FIFO: jitter does not reorder
            const std::int64_t d = r.leftAt[i] - r.arrivedAt[i + 1];
            QVERIFY2(d >= 30 * kMs && d <= 50 * kMs, std::to_string(d).c_str());
        }
        QCOMPARE(r.pipe.counters().delayed, std::uint64_t{1000});
        for (const auto& n : r.notes) {
            QCOMPARE(n.kind, Kind::Delayed);
            QCOMPARE(r.leftAt[n.index - 1] - r.arrivedAt[n.index], n.value);
        }
        // 25 ms apart (more than the jitter's 20 ms span): each delay is its own uniform draw.
        Run spaced(s, 5);
        spaced.stream(1000, 25 * kMs);
        std::int64_t lo = 1'000 * kMs;
        std::int64_t hi = 0;
        std::int64_t sum = 0;
        for (std::size_t i = 0; i < spaced.out.size(); ++i) {
            const std::int64_t d = spaced.leftAt[i] - spaced.arrivedAt[i + 1];
            lo = std::min(lo, d);
            hi = std::max(hi, d);
            sum += d;
        }
        QVERIFY(lo >= 30 * kMs && lo < 31 * kMs);
        QVERIFY(hi <= 50 * kMs && hi > 49 * kMs);
        const std::int64_t mean = sum / 1000;
        QVERIFY2(mean > 39 * kMs && mean < 41 * kMs, std::to_string(mean).c_str());
    }

    void rateSerialisesLikeALink() {
        Impairment s;
        s.rateBytesPerSec = 10'000;
        Run r(s, 1);
        for (std::uint64_t i = 1; i <= 10; ++i) {
            r.push(i, 0, 1000);
        }
        r.drain();
        QCOMPARE(r.out.size(), std::size_t{10});
        for (std::size_t i = 0; i < 10; ++i) {
            QCOMPARE(r.leftAt[i], static_cast<std::int64_t>(i + 1) * 100 * kMs);
        }
        // An idle link: a datagram pushed later leaves its serialisation time after arrival.
        r.push(11, 5000 * kMs, 500);
        QCOMPARE(r.pipe.nextDueNs(), std::optional<std::int64_t>(5050 * kMs));
    }

    void corruptionFlipsExactlyOneBit() {
        Impairment s;
        s.corruptPercent = 100;
        Run r(s, 8);
        r.stream(500, kMs, 100);
        QCOMPARE(r.pipe.counters().corrupted, std::uint64_t{500});
        std::map<std::uint64_t, std::int64_t> bitOf;
        for (const auto& n : r.notes) {
            QCOMPARE(n.kind, Kind::Corrupted);
            bitOf[n.index] = n.value;
        }
        std::set<std::int64_t> bits;
        for (const auto& o : r.out) {
            const auto original = payload(o.index, 100);
            QCOMPARE(o.bytes.size(), original.size());
            int flipped = 0;
            std::int64_t where = -1;
            for (std::size_t i = 0; i < original.size(); ++i) {
                const auto x = std::to_integer<unsigned>(original[i] ^ o.bytes[i]);
                for (int b = 0; b < 8; ++b) {
                    if (x & (1u << b)) {
                        ++flipped;
                        where = static_cast<std::int64_t>(i * 8 + static_cast<std::size_t>(b));
                    }
                }
            }
            QCOMPARE(flipped, 1);
            QCOMPARE(where, bitOf[o.index]);
            bits.insert(where);
        }
        QVERIFY(bits.size() > 300); // spread over the 800 bits
    }

    void truncationCutsLongDatagrams() {
        Impairment s;
        s.truncateBytes = 100;
        Run r(s, 1);
        r.push(1, 0, 300);
        r.push(2, 0, 100);
        r.push(3, 0, 50);
        r.take(0);
        QCOMPARE(r.out.size(), std::size_t{3});
        const auto full = payload(1, 300);
        QCOMPARE(r.out[0].bytes, std::vector<std::byte>(full.begin(), full.begin() + 100));
        QCOMPARE(r.out[1].bytes.size(), std::size_t{100});
        QCOMPARE(r.out[2].bytes.size(), std::size_t{50});
        QCOMPARE(r.pipe.counters().truncated, std::uint64_t{1});
        QCOMPARE(r.notes.size(), std::size_t{1});
        QCOMPARE(r.notes[0].kind, Kind::Truncated);
        QCOMPARE(r.notes[0].value, std::int64_t{100});
        QCOMPARE(r.pipe.counters().receivedBytes, std::uint64_t{450});
        QCOMPARE(r.pipe.counters().deliveredBytes, std::uint64_t{250});
    }

    void queueLimitDropsOverflow() {
        Impairment s;
        s.delay_ms = 100;
        s.queueLimit = 5;
        Run r(s, 1);
        for (std::uint64_t i = 1; i <= 10; ++i) {
            r.push(i, 0);
        }
        QCOMPARE(r.pipe.counters().waiting, std::uint64_t{5});
        QCOMPARE(r.pipe.counters().dropped, std::uint64_t{5});
        QCOMPARE(r.noted(Kind::QueueFull), (std::set<std::uint64_t>{6, 7, 8, 9, 10}));
        r.take(100 * kMs);
        QCOMPARE(r.out.size(), std::size_t{5});
        r.push(11, 100 * kMs); // room again
        QCOMPARE(r.pipe.counters().waiting, std::uint64_t{1});
    }

    void settingsChangeLiveKeepsDueTimes() {
        Impairment s;
        s.delay_ms = 100;
        Run r(s, 1);
        r.push(1, 0);
        s.delay_ms = 0;
        r.pipe.setSettings(s);
        QCOMPARE(r.pipe.settings(), s);
        QCOMPARE(r.pipe.nextDueNs(), std::optional<std::int64_t>(100 * kMs));
        r.push(2, 10 * kMs); // no delay of its own, but not before #1
        r.take(99 * kMs);
        QVERIFY(r.out.empty());
        r.take(100 * kMs);
        QCOMPARE(r.out.size(), std::size_t{2});
        r.push(3, 200 * kMs);
        r.take(200 * kMs); // now undelayed
        QCOMPARE(r.out.size(), std::size_t{3});
        s.lossPercent = 100;
        r.pipe.setSettings(s);
        r.push(4, 300 * kMs);
        QCOMPARE(r.pipe.counters().dropped, std::uint64_t{1});
    }

    void discardTagDropsWaiting() {
        Impairment s;
        s.delay_ms = 50;
        s.duplicatePercent = 100;
        Run r(s, 1);
        r.push(1, 0, 64, 7);
        r.push(2, 0, 64, 8);
        r.push(3, 0, 64, 7);
        QCOMPARE(r.pipe.counters().waiting, std::uint64_t{6});
        r.pipe.discardTag(7);
        r.check();
        QCOMPARE(r.pipe.counters().dropped, std::uint64_t{4});
        r.drain();
        QCOMPARE(r.out.size(), std::size_t{2});
        QCOMPARE(r.out[0].tag, std::uint64_t{8});
        QVERIFY(r.out[1].duplicate);
    }

    void everythingAtOnceKeepsTheInvariant() {
        Impairment s;
        s.lossPercent = 3;
        s.burst.pGoodToBad = 0.5;
        s.duplicatePercent = 8;
        s.reorderPercent = 8;
        s.reorderDepth = 2;
        s.reorderTimeout_ms = 5;
        s.corruptPercent = 2;
        s.truncateBytes = 60;
        s.delay_ms = 3;
        s.jitter_ms = 2;
        s.rateBytesPerSec = 100'000;
        s.queueLimit = 20;
        Run r(s, 2024);
        r.stream(5000, kMs / 2);
        const auto& c = r.pipe.counters();
        QCOMPARE(c.waiting, std::uint64_t{0});
        QCOMPARE(c.delivered, c.received - c.dropped + c.duplicated);
        QVERIFY(c.dropped > 0 && c.duplicated > 0 && c.reordered > 0 && c.truncated > 0);
        QCOMPARE(r.noteCount(Kind::Dropped) + r.noteCount(Kind::QueueFull), c.dropped);
    }

    void noteTexts() {
        QCOMPARE(noteText({Kind::Dropped, 17, 0}, true), std::string("dropped datagram #17"));
        QCOMPARE(noteText({Kind::Dropped, 17, 1}, true),
                 std::string("dropped datagram #17 by burst loss"));
        QCOMPARE(noteText({Kind::QueueFull, 4, 0}, true),
                 std::string("dropped datagram #4: queue full"));
        QCOMPARE(noteText({Kind::Duplicated, 23, 0}, true), std::string("duplicated #23"));
        QCOMPARE(noteText({Kind::Delayed, 3, 48 * kMs}, true), std::string("delayed #3 by 48 ms"));
        QCOMPARE(noteText({Kind::Delayed, 3, 1'500'000}, false),
                 std::string("delayed #3 by 1.5 ms"));
        QCOMPARE(noteText({Kind::Reordered, 5, 0}, true), std::string("reordered #5"));
        QCOMPARE(noteText({Kind::Corrupted, 4, 17}, true),
                 std::string("corrupted #4: bit 17 flipped"));
        QCOMPARE(noteText({Kind::Truncated, 4, 100}, true),
                 std::string("truncated #4 to 100 bytes"));
        QCOMPARE(noteText({Kind::Resegmented, 2, 7}, false),
                 std::string("resegmented #2 into 7 writes"));
        QCOMPARE(noteText({Kind::Coalesced, 2, 3}, false),
                 std::string("coalesced 3 chunks from #2 into one write"));
        QCOMPARE(noteText({Kind::Reset, 9, 1000}, false),
                 std::string("reset after 1000 bytes, in chunk #9"));
    }
};

QTEST_GUILESS_MAIN(TestImpairment)
#include "test_impairment.moc"
