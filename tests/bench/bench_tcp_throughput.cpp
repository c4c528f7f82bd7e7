// TCP receive on loopback through the engine with capture, against iperf3 moving the same number
// of bytes in the same run, and against a plain recv() loop (no SockLab code) as the limit.
//
//   bench_tcp_throughput [--mib N] [--repeat R] [--warm-cap-mib M]
//
// Each figure is the best of R runs of N MiB:
// - fresh: a new listener session per run whose store keeps every byte (cap above N), so every
//   chunk is new memory the kernel must fault in and zero (the store prefaults each new chunk).
// - warm: one listener whose store sits at an M MiB cap (drop oldest) after a warm-up
//   connection; further chunks come back from the store's chunk pool, pages already touched.
//   This is the cost of capture alone, what a long capture pays in its steady state.
// - plain recv() into fresh malloc memory keeping every byte (the physical limit on this
//   machine), and into one reused 256 KiB buffer (what iperf3 does; the sender check).
// On virtual machines first-touch memory can cost more than the copy; the rows show both.
// Besides wall time, each SockLab run prints the engine's CPU time per GiB (the process's CPU
// minus the main and sender threads'): steadier than wall time on a shared machine.
// Exit status 1 when a byte count differs from what the sender wrote (the only assertion).
#include "core/engine/engine.h"
#include "core/net/endpoint.h"
#include "tests/bench/support/bench_net.h"
#include "tests/bench/support/bench_rows.h"

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <malloc.h>
#include <memory>
#include <netinet/in.h>
#include <optional>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace socklab;
using namespace socklab::bench;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kRecvBytes = 256u << 10; // as the engine's stream connection reads

struct Run {
    std::uint64_t got = 0;
    double seconds = 0;
    bool ok = false;
    double engineCpu = -1; ///< seconds of CPU the engine used (SockLab runs only)
    [[nodiscard]] double bps() const { return seconds > 0 ? double(got) / seconds : 0; }
};

double secondsSince(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

double cpuSeconds(clockid_t clock) {
    timespec ts{};
    ::clock_gettime(clock, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// A listener session in its own engine; receive() times one connection of `total` bytes.
class EngineReceiver {
public:
    ~EngineReceiver() { m_engine.stop(); }

    bool open(const TrafficStore::Config& store) {
        m_engine.start();
        OpenSession open;
        open.spec = SocketSpec{AF_INET, SOCK_STREAM, 0};
        open.role = Role::Listen;
        open.local = "127.0.0.1:0";
        open.store = store;
        m_id = m_engine.open(open);
        const auto deadline = Clock::now() + std::chrono::seconds(10);
        while (Clock::now() < deadline && m_port == 0) {
            for (const auto& ev : m_engine.events().waitAndDrain(100)) {
                if (ev.session == m_id && ev.kind == EngineEvent::Kind::Error && ev.error) {
                    std::fprintf(stderr, "engine: %s\n", ev.error->message().c_str());
                    return false;
                }
                if (ev.session == m_id && ev.kind == EngineEvent::Kind::StateChanged &&
                    ev.state == SessionState::Listening) {
                    if (auto ep = Endpoint::parse(ev.local)) {
                        m_port = ep->port();
                    }
                }
            }
        }
        m_store = m_engine.store(m_id);
        return m_port != 0 && m_store;
    }

    Run receive(std::uint64_t total) {
        const std::uint64_t before = m_store->counters().bytesIn;
        Run run;
        const double process0 = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
        const double main0 = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
        const auto t0 = Clock::now();
        std::atomic<bool> senderFailed{false};
        double senderCpu = 0;
        std::thread sender([&] {
            const double c0 = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
            senderFailed = !sendAll(m_port, total);
            senderCpu = cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - c0;
        });
        const auto deadline = t0 + std::chrono::seconds(120);
        // Poll, as a front end's frame timer does: a thread woken by every engine event would
        // be a third busy thread on top of the sender and the engine.
        while (m_store->counters().bytesIn - before < total && Clock::now() < deadline &&
               !senderFailed) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            m_engine.events().drain();
        }
        run.seconds = secondsSince(t0);
        sender.join();
        run.engineCpu = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - process0 -
                        (cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - main0) - senderCpu;
        run.got = m_store->counters().bytesIn - before;
        run.ok = !senderFailed && run.got == total;
        return run;
    }

    [[nodiscard]] TrafficStore::Stats stats() const { return m_store->stats(); }

private:
    Engine m_engine;
    SessionId m_id = 0;
    std::uint16_t m_port = 0;
    std::shared_ptr<const TrafficStore> m_store;
};

// No SockLab code: accept one connection and recv() it to EOF, into fresh malloc memory that
// keeps every byte (keep = true) or into one reused buffer.
Run plainReceive(std::uint64_t total, bool keep) {
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof sa;
    if (::bind(listener, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 ||
        ::listen(listener, 4) != 0 ||
        ::getsockname(listener, reinterpret_cast<sockaddr*>(&sa), &len) != 0) {
        std::perror("plain receiver");
        ::close(listener);
        return {};
    }
    const std::uint16_t port = ntohs(sa.sin_port);
    std::unique_ptr<char, decltype(&std::free)> mem(
        static_cast<char*>(std::malloc(keep ? total : kRecvBytes)), &std::free);
    Run run;
    const auto t0 = Clock::now();
    std::atomic<bool> senderFailed{false};
    std::thread sender([&] { senderFailed = !sendAll(port, total); });
    const int c = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    while (c >= 0 && run.got < total) {
        const std::size_t want = std::size_t(std::min<std::uint64_t>(kRecvBytes, total - run.got));
        const ssize_t n = ::recv(c, mem.get() + (keep ? run.got : 0), want, 0);
        if (n <= 0) {
            break;
        }
        run.got += std::uint64_t(n);
    }
    run.seconds = secondsSince(t0);
    sender.join();
    if (c >= 0) {
        ::close(c);
    }
    ::close(listener);
    run.ok = !senderFailed && run.got == total;
    return run;
}

// Best of the runs (all must be ok for the figure to count as ok).
struct Best {
    double bps = 0;
    double cpuPerGiB = 0; ///< the engine's lowest CPU seconds per GiB over the runs
    bool ok = true;
    void add(const Run& r, const char* what) {
        const std::string cpu = r.engineCpu >= 0 && r.got > 0
                                    ? strf(", engine CPU %.0f ms/GiB",
                                           r.engineCpu * 1e3 * double(1u << 30) / double(r.got))
                                    : std::string();
        std::printf("  %-40s %8.0f MB/s  (%.3f s%s)%s\n", what, r.bps() / 1e6, r.seconds,
                    cpu.c_str(), r.ok ? "" : "  BYTE COUNT WRONG");
        if (r.engineCpu >= 0 && r.got > 0) {
            const double perGiB = r.engineCpu * double(1u << 30) / double(r.got);
            cpuPerGiB = cpuPerGiB > 0 ? std::min(cpuPerGiB, perGiB) : perGiB;
        }
        std::fflush(stdout);
        ok = ok && r.ok;
        if (r.ok) {
            bps = std::max(bps, r.bps());
        }
        if (!r.ok) {
            std::fprintf(stderr, "FAIL: %s received %llu bytes\n", what,
                         static_cast<unsigned long long>(r.got));
        }
    }
};

double ratio(double a, double b) {
    return b > 0 ? a / b : 0;
}

} // namespace

int main(int argc, char** argv) {
    std::uint64_t mib = 512;
    int repeat = 2;
    std::uint64_t warmCapMib = 64;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        const auto v = std::strtoull(argv[i + 1], nullptr, 10);
        if (a == "--mib") {
            mib = v;
        } else if (a == "--repeat") {
            repeat = std::max(1, int(v));
        } else if (a == "--warm-cap-mib") {
            warmCapMib = std::max<std::uint64_t>(8, v);
        } else {
            std::fprintf(stderr, "unknown argument %s\n", a.c_str());
            return 2;
        }
    }
    const std::uint64_t total = mib << 20;
    std::printf("TCP receive over 127.0.0.1: %llu MiB per run, best of %d\n",
                static_cast<unsigned long long>(mib), repeat);

    Best peer;
    for (int i = 0; i < repeat; ++i) {
        if (const auto bps = iperf3TcpReceiveBps(total)) {
            peer.add(Run{total, double(total) / *bps, true}, "iperf3 (its own client and server)");
        }
    }

    Best fresh;
    TrafficStore::Stats freshStats;
    for (int i = 0; i < repeat; ++i) {
        EngineReceiver rx;
        TrafficStore::Config cfg;
        cfg.memoryCapBytes = std::size_t(total + (64u << 20)); // every byte kept in memory
        ::malloc_trim(0); // give the last run's chunks back: fresh means never touched
        if (!rx.open(cfg)) {
            std::fprintf(stderr, "FAIL: the listener did not come up\n");
            return 1;
        }
        fresh.add(rx.receive(total), "SockLab, full capture, fresh store");
        freshStats = rx.stats();
    }

    Best warm;
    TrafficStore::Stats warmStats;
    {
        EngineReceiver rx;
        TrafficStore::Config cfg;
        cfg.memoryCapBytes = std::size_t(warmCapMib << 20);
        cfg.policy = OverflowPolicy::DropOldest;
        if (!rx.open(cfg)) {
            std::fprintf(stderr, "FAIL: the listener did not come up\n");
            return 1;
        }
        const Run warmUp = rx.receive((warmCapMib + 16) << 20); // fills the store to its cap
        if (!warmUp.ok) {
            std::fprintf(stderr, "FAIL: warm-up received %llu bytes\n",
                         static_cast<unsigned long long>(warmUp.got));
            return 1;
        }
        for (int i = 0; i < repeat; ++i) {
            warm.add(rx.receive(total), "SockLab, capture, warm store");
        }
        warmStats = rx.stats();
    }

    Best plainFresh;
    Best plainReused;
    for (int i = 0; i < repeat; ++i) {
        plainFresh.add(plainReceive(total, true), "plain recv(), fresh memory, every byte");
        plainReused.add(plainReceive(total, false), "plain recv(), one reused buffer");
    }

    std::printf(
        "engine CPU per GiB (lowest of the runs): fresh store %.0f ms, warm store %.0f ms\n",
        fresh.cpuPerGiB * 1e3, warm.cpuPerGiB * 1e3);
    std::printf("fresh store: resident %.0f MiB; warm store: resident %.0f MiB, evicted %.0f MiB "
                "(chunks recycled)\n",
                double(freshStats.residentBytes) / 1048576.0,
                double(warmStats.residentBytes) / 1048576.0,
                double(warmStats.evictedBytes) / 1048576.0);

    const std::string peerText = peer.bps > 0 ? "iperf3 " + rateText(peer.bps) : "iperf3 n/a";
    printRow("TCP receive, full capture, fresh store memory", rateText(fresh.bps), peerText,
             ratioText(ratio(fresh.bps, peer.bps)), "info (pays first touch)", Verdict::Info);
    printRow(strf("TCP receive, capture, warm store memory (at a %llu MiB cap, chunks reused)",
                  static_cast<unsigned long long>(warmCapMib)),
             rateText(warm.bps), peerText, ratioText(ratio(warm.bps, peer.bps)), ">= 0.9x iperf3",
             peer.bps > 0 ? atLeast(ratio(warm.bps, peer.bps), 0.9) : Verdict::Info);
    printRow("TCP receive, fresh memory: SockLab vs plain recv() keeping every byte",
             rateText(fresh.bps), "plain recv() " + rateText(plainFresh.bps),
             ratioText(ratio(fresh.bps, plainFresh.bps)), "info (physical limit)", Verdict::Info);
    printRow("First-touch cost: plain recv() into fresh memory vs one reused buffer", "-",
             "fresh " + rateText(plainFresh.bps) + " / reused " + rateText(plainReused.bps),
             ratioText(ratio(plainFresh.bps, plainReused.bps)), "info (no SockLab code)",
             Verdict::Info);

    const bool ok = fresh.ok && warm.ok && plainFresh.ok && plainReused.ok;
    return ok ? 0 : 1;
}
