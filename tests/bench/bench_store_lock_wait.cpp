// How long a reader on another thread waits in TrafficStore calls while one writer appends as
// fast as it can (the engine thread vs the GUI's counters poll and hex view repaint).
//
//   bench_store_lock_wait [--seconds N] [--chunk-kib N] [--cap-mib N] [--append-kib N] [--spill]
//
// Prints the writer's MB/s and, per reader call, the count, p99 and max latency. Exit status 1
// when a read returns bytes that differ from what was appended (the only thing asserted).
#include "core/capture/traffic_store.h"
#include "tests/bench/support/bench_rows.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace socklab;
using Clock = std::chrono::steady_clock;

namespace {

// A prime period, so appends (powers of two) and chunks never line up with it.
constexpr std::uint64_t kPeriod = 251;

std::byte byteAt(std::uint64_t offset) {
    return static_cast<std::byte>(offset % kPeriod);
}

struct Latencies {
    std::vector<double> us;
    void add(Clock::duration d) {
        us.push_back(std::chrono::duration<double, std::micro>(d).count());
    }
    [[nodiscard]] double p99() const {
        return us.empty() ? 0 : us[std::min(us.size() - 1, us.size() * 99 / 100)];
    }
    [[nodiscard]] double max() const { return us.empty() ? 0 : us.back(); }
    void print(const char* name) {
        if (us.empty()) {
            std::printf("%-22s no calls\n", name);
            return;
        }
        std::sort(us.begin(), us.end());
        const double p99 = us[std::min(us.size() - 1, us.size() * 99 / 100)];
        std::printf("%-22s calls %8zu  p50 %9.1f us  p99 %9.1f us  max %9.1f us\n", name, us.size(),
                    us[us.size() / 2], p99, us.back());
    }
};

} // namespace

int main(int argc, char** argv) {
    double seconds = 3;
    std::size_t chunkKib = 1024;
    std::size_t capMib = 64;
    std::size_t appendKib = 64;
    bool spill = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&] { return i + 1 < argc ? std::strtod(argv[++i], nullptr) : 0.0; };
        if (a == "--seconds") {
            seconds = next();
        } else if (a == "--chunk-kib") {
            chunkKib = static_cast<std::size_t>(next());
        } else if (a == "--cap-mib") {
            capMib = static_cast<std::size_t>(next());
        } else if (a == "--append-kib") {
            appendKib = static_cast<std::size_t>(next());
        } else if (a == "--spill") {
            spill = true;
        } else {
            std::fprintf(stderr, "unknown argument %s\n", a.c_str());
            return 2;
        }
    }
    TrafficStore::Config cfg;
    cfg.chunkBytes = chunkKib << 10;
    cfg.memoryCapBytes = capMib << 20;
    cfg.policy = spill ? OverflowPolicy::Spill : OverflowPolicy::DropOldest;
    TrafficStore store(cfg);

    const std::size_t appendBytes = appendKib << 10;
    std::atomic<bool> stop{false};
    std::atomic<int> bad{0};
    std::uint64_t written = 0;
    std::thread writer([&] {
        // Pattern source long enough to slice any append from, whatever the phase.
        std::vector<std::byte> src(appendBytes + kPeriod);
        for (std::size_t i = 0; i < src.size(); ++i) {
            src[i] = byteAt(i);
        }
        while (!stop.load(std::memory_order_relaxed)) {
            const std::size_t phase = static_cast<std::size_t>(written % kPeriod);
            store.appendData(1, Direction::In, std::span(src).subspan(phase, appendBytes));
            written += appendBytes;
        }
    });

    Latencies countersLat;
    Latencies readLat;
    Latencies oldReadLat;
    Latencies recordsLat;
    std::vector<std::byte> screen(16 * 1024); // about one screen of hex view
    const auto start = Clock::now();
    const auto until = start + std::chrono::duration<double>(seconds);
    std::uint64_t round = 0;
    while (Clock::now() < until) {
        auto t0 = Clock::now();
        const TrafficCounters c = store.counters();
        auto t1 = Clock::now();
        countersLat.add(t1 - t0);

        const std::uint64_t end = c.bytesIn;
        const std::uint64_t at = end > screen.size() ? end - screen.size() : 0;
        t0 = Clock::now();
        const std::size_t got = store.readArena(at, screen);
        t1 = Clock::now();
        readLat.add(t1 - t0);
        for (std::size_t i = 0; i < got; ++i) {
            if (screen[i] != byteAt(at + i)) {
                bad.fetch_add(1);
                break;
            }
        }

        // The oldest readable bytes: spilled (pread) or about to be evicted.
        const std::uint64_t begin = store.arenaBegin();
        t0 = Clock::now();
        const std::size_t gotOld = store.readArena(begin, screen);
        t1 = Clock::now();
        oldReadLat.add(t1 - t0);
        for (std::size_t i = 0; i < gotOld; ++i) {
            if (screen[i] != byteAt(begin + i)) {
                bad.fetch_add(1);
                break;
            }
        }

        t0 = Clock::now();
        const std::uint64_t endSeq = store.endSeq();
        const auto recs = store.records(endSeq > 50 ? endSeq - 50 : 0, 50);
        t1 = Clock::now();
        recordsLat.add(t1 - t0);
        ++round;
        // About 2 kHz of polling: far more than the GUI, without starving the writer's core.
        std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    stop = true;
    writer.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

    std::printf("config: chunk %zu KiB, cap %zu MiB, %s, append %zu KiB, %.1f s\n", chunkKib,
                capMib, spill ? "spill" : "drop-oldest", appendKib, elapsed);
    std::printf("writer: %.1f MB/s (%llu MiB appended)\n", written / elapsed / 1e6,
                static_cast<unsigned long long>(written >> 20));
    countersLat.print("counters()");
    readLat.print("readArena(newest 16K)");
    oldReadLat.print("readArena(oldest 16K)");
    recordsLat.print("endSeq+records(50)");
    // What a frame of the GUI waits for at worst: counters, the newest screen and its records.
    const double worstP99 = std::max({countersLat.p99(), readLat.p99(), recordsLat.p99()});
    const double worstMax = std::max({countersLat.max(), readLat.max(), recordsLat.max()});
    bench::printRow("Store reader wait while one writer appends (counters, newest 16K, records)",
                    bench::strf("p99 %.0f us, max %.0f us", worstP99, worstMax),
                    bench::strf("writer %s", bench::rateText(written / elapsed).c_str()), "-",
                    "info (a frame is 16 ms)", bench::Verdict::Info);
    const auto counts = store.counters();
    if (counts.bytesIn != written || bad.load() != 0) {
        std::printf("FAIL: bytesIn %llu vs written %llu, %d bad reads\n",
                    static_cast<unsigned long long>(counts.bytesIn),
                    static_cast<unsigned long long>(written), bad.load());
        return 1;
    }
    return 0;
}
