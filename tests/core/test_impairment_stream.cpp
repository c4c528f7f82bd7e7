// StreamPipeline: bytes leave exactly as they entered (never lost, duplicated or reordered) for
// every combination of stages; each stage's timing and notes on small exact scenarios.
#include "core/impair/stream_pipeline.h"

#include <QTest>
#include <algorithm>
#include <numeric>

using namespace socklab;
using Kind = ImpairmentNote::Kind;
using StepKind = StreamPipeline::Step::Kind;

namespace {

constexpr std::int64_t kMs = 1'000'000;

std::vector<std::byte> bytesFrom(std::size_t start, std::size_t n) {
    std::vector<std::byte> b(n);
    for (std::size_t i = 0; i < n; ++i) {
        b[i] = static_cast<std::byte>(((start + i) * 131 + (start + i) / 251) & 0xff);
    }
    return b;
}

// A pipeline with a journal of steps (and when they left), notes and the bytes pushed;
// waitingBytes() is checked against pushed - delivered after every call.
struct Run {
    StreamPipeline pipe;
    std::vector<StreamPipeline::Step> steps;
    std::vector<std::int64_t> at;
    std::vector<ImpairmentNote> notes;
    std::vector<std::byte> input;
    std::size_t delivered = 0; // bytes in steps
    bool ended = false;

    Run(const Impairment& s, std::uint64_t seed) : pipe(s, seed) {}

    std::size_t deliveredBytes() const { return delivered; }
    void check() const {
        const auto& c = pipe.counters();
        QCOMPARE(c.deliveredBytes, static_cast<std::uint64_t>(deliveredBytes()));
        if (!ended) {
            QCOMPARE(pipe.waitingBytes(), input.size() - deliveredBytes());
        }
        QCOMPARE(c.waiting, static_cast<std::uint64_t>(pipe.waitingBytes()));
    }
    void push(std::size_t n, std::int64_t now) {
        const auto chunk = bytesFrom(input.size(), n);
        input.insert(input.end(), chunk.begin(), chunk.end());
        pipe.push(chunk, now, notes);
        check();
    }
    void take(std::int64_t now) {
        const std::size_t before = steps.size();
        pipe.takeDue(now, steps, notes);
        at.resize(steps.size(), now);
        for (std::size_t i = before; i < steps.size(); ++i) {
            delivered += steps[i].bytes.size();
            ended = ended || steps[i].kind != StepKind::Write;
        }
        check();
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
    std::vector<std::byte> output() const {
        std::vector<std::byte> out;
        for (const auto& s : steps) {
            out.insert(out.end(), s.bytes.begin(), s.bytes.end());
        }
        return out;
    }
    std::vector<std::size_t> writeSizes() const {
        std::vector<std::size_t> v;
        for (const auto& s : steps) {
            if (s.kind == StepKind::Write) {
                v.push_back(s.bytes.size());
            }
        }
        return v;
    }
};

} // namespace

class TestImpairmentStream : public QObject {
    Q_OBJECT

private slots:
    void byteExactForEveryCombination_data() {
        QTest::addColumn<int>("delay");
        QTest::addColumn<int>("jitter");
        QTest::addColumn<int>("rate");
        QTest::addColumn<int>("segMin");
        QTest::addColumn<int>("segMax");
        QTest::addColumn<int>("coalesce");
        // Every subset of the five stages (delay+jitter, rate, small/large segments, coalesce).
        for (int mask = 0; mask < 32; ++mask) {
            const bool delay = mask & 1;
            const bool rate = mask & 2;
            const bool small = mask & 4;
            const bool large = mask & 8;
            const bool coalesce = mask & 16;
            QTest::addRow("mask %d", mask)
                << (delay ? 20 : 0) << (delay ? 15 : 0) << (rate ? 2'000'000 : 0)
                << (small   ? 1
                    : large ? 700
                            : 0)
                << (small   ? 16
                    : large ? 1500
                            : 0)
                << (coalesce ? 3 : 0);
        }
    }
    void byteExactForEveryCombination() {
        QFETCH(int, delay);
        QFETCH(int, jitter);
        QFETCH(int, rate);
        QFETCH(int, segMin);
        QFETCH(int, segMax);
        QFETCH(int, coalesce);
        Impairment s;
        s.delay_ms = delay;
        s.jitter_ms = jitter;
        s.rateBytesPerSec = static_cast<std::uint64_t>(rate);
        s.segmentMin = static_cast<std::size_t>(segMin);
        s.segmentMax = static_cast<std::size_t>(segMax);
        s.coalesce_ms = coalesce;
        Run r(s, 77);
        // 300 chunks of 1..4000 bytes, one per ms, taking what is due on the way.
        std::int64_t now = 0;
        std::size_t chunkSize = 1;
        for (int i = 0; i < 300; ++i) {
            while (auto due = r.pipe.nextDueNs()) {
                if (*due > now) {
                    break;
                }
                r.take(*due);
            }
            chunkSize = (chunkSize * 7919 + 13) % 4000 + 1;
            r.push(chunkSize, now);
            now += kMs;
        }
        r.pipe.pushFinish(now);
        r.drain();
        QCOMPARE(r.output(), r.input);
        QCOMPARE(r.steps.back().kind, StepKind::Finish);
        QCOMPARE(
            std::ranges::count_if(r.steps, [](auto& st) { return st.kind != StepKind::Write; }),
            std::ptrdiff_t{1});
        QVERIFY(std::ranges::is_sorted(r.at));
        const auto& c = r.pipe.counters();
        QCOMPARE(c.received, std::uint64_t{300});
        QCOMPARE(c.receivedBytes, static_cast<std::uint64_t>(r.input.size()));
        QCOMPARE(c.deliveredBytes, c.receivedBytes);
        QCOMPARE(c.delivered, static_cast<std::uint64_t>(r.writeSizes().size()));
        QCOMPARE(c.waiting, std::uint64_t{0});
        if (segMax > 0) {
            const auto sizes = r.writeSizes();
            QVERIFY(std::ranges::all_of(sizes, [&](auto n) { return n <= std::size_t(segMax); }));
            // Only the last piece of a chunk (or coalesced group) may be below the minimum.
            QVERIFY(std::ranges::count_if(sizes, [&](auto n) { return n < std::size_t(segMin); }) <=
                    300);
        }
        if (rate > 0) {
            // 2 MB/s: the bytes cannot have left faster than the link allows.
            const double seconds = static_cast<double>(r.at.back() - r.at.front()) / 1e9;
            QVERIFY(seconds * rate >= static_cast<double>(r.input.size()) * 0.9);
        }
        if (coalesce == 0 && segMax == 0 && rate == 0) {
            QCOMPARE(c.delivered, std::uint64_t{300}); // one write per chunk
        }
    }

    void passThroughOnlyWhenNothingWouldChange() {
        StreamPipeline p(Impairment{}, 1);
        QVERIFY(p.passesThrough());
        p.passThrough(100, 0);
        p.passThrough(50, 1);
        const ImpairmentCounters& c = p.counters();
        QCOMPARE(c.received, std::uint64_t(2));
        QCOMPARE(c.delivered, std::uint64_t(2));
        QCOMPARE(c.receivedBytes, std::uint64_t(150));
        QCOMPARE(c.deliveredBytes, std::uint64_t(150));
        QCOMPARE(c.waiting, std::uint64_t(0));
        // Any stream impairment, or bytes already waiting, sends chunks through the pipeline.
        Impairment delayed;
        delayed.delay_ms = 5;
        p.setSettings(delayed);
        QVERIFY(!p.passesThrough());
        std::vector<ImpairmentNote> notes;
        p.push(std::vector<std::byte>(10), 2'000'000, notes);
        p.setSettings(Impairment{});
        QVERIFY(!p.passesThrough()); // 10 bytes still wait: a chunk now must not overtake them
        std::vector<StreamPipeline::Step> steps;
        p.takeDue(10'000'000, steps, notes);
        QVERIFY(p.passesThrough());
        Impairment slowClose;
        slowClose.slowClose_ms = 100; // only moves the FIN
        p.setSettings(slowClose);
        QVERIFY(p.passesThrough());
        p.pushFinish(20'000'000);
        QVERIFY(!p.passesThrough());
    }

    void segmentSizesSpreadOverTheRange() {
        Impairment s;
        s.segmentMin = 10;
        s.segmentMax = 20;
        Run r(s, 5);
        r.push(100'000, 0);
        QCOMPARE(r.notes.size(), std::size_t{1});
        QCOMPARE(r.notes[0].kind, Kind::Resegmented);
        r.take(0);
        const auto sizes = r.writeSizes();
        QCOMPARE(r.notes[0].value, static_cast<std::int64_t>(sizes.size()));
        QCOMPARE(r.output(), r.input);
        for (std::size_t i = 0; i + 1 < sizes.size(); ++i) {
            QVERIFY(sizes[i] >= 10 && sizes[i] <= 20);
        }
        QVERIFY(std::ranges::count(sizes, 10) > 0 && std::ranges::count(sizes, 20) > 0);
    }

    void coalesceGathersChunks() {
        Impairment s;
        s.coalesce_ms = 20;
        Run r(s, 1);
        r.push(10, 0);
        r.push(20, 5 * kMs);
        r.push(30, 10 * kMs);
        QCOMPARE(r.pipe.nextDueNs(), std::optional<std::int64_t>(20 * kMs));
        r.take(19 * kMs);
        QVERIFY(r.steps.empty());
        r.take(20 * kMs);
        QCOMPARE(r.writeSizes(), (std::vector<std::size_t>{60}));
        QCOMPARE(r.notes.size(), std::size_t{1});
        QCOMPARE(r.notes[0].kind, Kind::Coalesced);
        QCOMPARE(r.notes[0].index, std::uint64_t{1});
        QCOMPARE(r.notes[0].value, std::int64_t{3});
        r.push(5, 25 * kMs); // a new group
        r.push(5, 44 * kMs);
        r.push(7, 45 * kMs); // after that group's deadline: a group of its own
        r.take(45 * kMs);
        QCOMPARE(r.writeSizes(), (std::vector<std::size_t>{60, 10}));
        r.drain();
        QCOMPARE(r.writeSizes(), (std::vector<std::size_t>{60, 10, 7}));
        QCOMPARE(r.at.back(), 65 * kMs);
        QCOMPARE(r.output(), r.input);
    }

    void stallHoldsThenReleases() {
        Impairment s;
        s.stall = true;
        Run r(s, 1);
        r.push(1000, 0);
        r.push(500, kMs);
        r.pipe.pushFinish(2 * kMs);
        QCOMPARE(r.pipe.nextDueNs(), std::nullopt);
        r.take(10'000 * kMs);
        QVERIFY(r.steps.empty());
        QCOMPARE(r.pipe.waitingBytes(), std::size_t{1500});
        s.stall = false;
        r.pipe.setSettings(s);
        QVERIFY(r.pipe.nextDueNs() && *r.pipe.nextDueNs() <= 10'000 * kMs);
        r.take(10'001 * kMs);
        QCOMPARE(r.output(), r.input);
        QCOMPARE(r.steps.back().kind, StepKind::Finish);
        QCOMPARE(r.pipe.waitingBytes(), std::size_t{0});
    }

    void resetAfterExactlyNBytes() {
        Impairment s;
        s.resetAfterBytes = 1000;
        Run r(s, 1);
        r.push(400, 0);
        r.push(400, kMs);
        r.push(400, 2 * kMs);
        r.take(2 * kMs);
        QCOMPARE(r.writeSizes(), (std::vector<std::size_t>{400, 400, 200}));
        QCOMPARE(r.steps.back().kind, StepKind::Reset);
        QCOMPARE(r.output(), std::vector<std::byte>(r.input.begin(), r.input.begin() + 1000));
        QCOMPARE(r.pipe.counters().deliveredBytes, std::uint64_t{1000});
        QCOMPARE(r.pipe.waitingBytes(), std::size_t{0});
        QCOMPARE(r.pipe.nextDueNs(), std::nullopt);
        QCOMPARE(r.notes.back().kind, Kind::Reset);
        QCOMPARE(r.notes.back().index, std::uint64_t{3});
        QCOMPARE(r.notes.back().value, std::int64_t{1000});
        // Nothing after the reset.
        r.pipe.push(bytesFrom(0, 10), 3 * kMs, r.notes);
        r.pipe.takeDue(4 * kMs, r.steps, r.notes);
        QCOMPARE(r.steps.size(), std::size_t{4});
    }

    void resetOnAChunkBoundary() {
        Impairment s;
        s.resetAfterBytes = 800;
        s.segmentMin = 1;
        s.segmentMax = 64;
        Run r(s, 9);
        r.push(400, 0);
        r.push(400, 0);
        r.push(400, 0);
        r.take(0);
        QCOMPARE(r.deliveredBytes(), std::size_t{800});
        QCOMPARE(r.steps.back().kind, StepKind::Reset);
        QCOMPARE(r.notes.back().index, std::uint64_t{2});
    }

    void finishFollowsTheBytes() {
        Impairment s;
        s.delay_ms = 100;
        Run r(s, 1);
        r.push(10, 0);
        r.pipe.pushFinish(5 * kMs);
        r.take(100 * kMs);
        QCOMPARE(r.steps.size(), std::size_t{1});
        QCOMPARE(r.pipe.nextDueNs(), std::optional<std::int64_t>(105 * kMs)); // the FIN's delay
        r.take(105 * kMs);
        QCOMPARE(r.steps.back().kind, StepKind::Finish);
        QCOMPARE(r.pipe.nextDueNs(), std::nullopt);
    }

    void slowCloseHoldsTheFin() {
        Impairment s;
        s.slowClose_ms = 300;
        s.rateBytesPerSec = 1000;
        Run r(s, 1);
        r.push(100, 0); // leaves at 100 ms (serialisation)
        r.pipe.pushFinish(0);
        r.take(100 * kMs);
        QCOMPARE(r.writeSizes(), (std::vector<std::size_t>{100}));
        QCOMPARE(r.pipe.nextDueNs(), std::optional<std::int64_t>(400 * kMs));
        r.take(399 * kMs);
        QCOMPARE(r.steps.size(), std::size_t{1});
        r.take(400 * kMs);
        QCOMPARE(r.steps.back().kind, StepKind::Finish);
    }

    void delayKeepsOrderAndIsNoted() {
        Impairment s;
        s.delay_ms = 50;
        s.jitter_ms = 40;
        Run r(s, 3);
        std::vector<std::int64_t> pushedAt;
        for (int i = 0; i < 200; ++i) {
            r.push(10, i * kMs);
            pushedAt.push_back(i * kMs);
        }
        r.drain();
        QCOMPARE(r.output(), r.input);
        QCOMPARE(r.steps.size(), std::size_t{200});
        for (std::size_t i = 0; i < 200; ++i) {
            const std::int64_t d = r.at[i] - pushedAt[i];
            QVERIFY(d >= 10 * kMs && d <= 90 * kMs);
        }
        QVERIFY(std::ranges::is_sorted(r.at));
        QCOMPARE(r.pipe.counters().delayed, std::uint64_t{200});
        for (const auto& n : r.notes) {
            QCOMPARE(n.kind, Kind::Delayed);
            QCOMPARE(n.value, r.at[n.index - 1] - pushedAt[n.index - 1]);
        }
    }

    void rateTricklesLargeChunks() {
        Impairment s;
        s.rateBytesPerSec = 10'000;
        Run r(s, 1);
        r.push(5000, 0);
        r.drain();
        // 100 ms worth (1000 B) per write, one every 100 ms.
        QCOMPARE(r.writeSizes(), (std::vector<std::size_t>(5, 1000)));
        QCOMPARE(r.at, (std::vector<std::int64_t>{100 * kMs, 200 * kMs, 300 * kMs, 400 * kMs,
                                                  500 * kMs}));
    }

    void sameSeedSameSegments() {
        Impairment s;
        s.segmentMin = 1;
        s.segmentMax = 100;
        s.delay_ms = 5;
        s.jitter_ms = 5;
        auto sizes = [&](std::uint64_t seed) {
            Run r(s, seed);
            for (int i = 0; i < 50; ++i) {
                r.push(500, i * kMs);
            }
            r.drain();
            return std::pair{r.writeSizes(), r.at};
        };
        QVERIFY(sizes(4) == sizes(4));
        QVERIFY(sizes(4) != sizes(5));
    }
};

QTEST_GUILESS_MAIN(TestImpairmentStream)
#include "test_impairment_stream.moc"
