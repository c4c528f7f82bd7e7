// Relay throughput through the engine with full capture, compared with socat relaying the same
// bytes over loopback in the same run; and the datagram relay's rate for 64-byte datagrams.
//
//   bench_relay [--mib N] [--udp-seconds S]
//
// Stream: a blocking sender -> relay (Role::Relay, 127.0.0.1) -> a blocking sink, N MiB; then the
// same through `socat TCP-LISTEN:P,reuseaddr TCP:127.0.0.1:Q`. Prints MiB/s for both and the
// ratio relay/socat (the target is >= 0.8).
// Datagram: a sender keeps at most kWindow 64-byte datagrams in flight (sent, not yet at the
// sink) for S seconds through a UDP relay; prints datagrams/s, the relay's figures and what the
// kernel dropped on either side of the relay.
// Asserted (exit 1): the sink got every byte of the stream, the relay's counters agree with it,
// and the datagram relay itself dropped nothing. Speed is never asserted.
#include "core/engine/engine.h"
#include "core/net/endpoint.h"
#include "tests/bench/support/bench_net.h"
#include "tests/bench/support/bench_rows.h"

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <optional>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace socklab;
using Clock = std::chrono::steady_clock;
using socklab::bench::sendAll;

namespace {

constexpr int kDatagramBytes = 64;
constexpr std::uint64_t kWindow = 256; // datagrams in flight

double seconds(Clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return sa;
}

std::uint16_t boundPort(int fd) {
    sockaddr_in sa{};
    socklen_t len = sizeof sa;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len);
    return ntohs(sa.sin_port);
}

// A socket bound to 127.0.0.1:0 (listening when stream).
int openBound(int type) {
    const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
    sockaddr_in sa = loopback(0);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 ||
        (type == SOCK_STREAM && ::listen(fd, 4) != 0)) {
        std::perror("bench socket");
        std::exit(1);
    }
    return fd;
}

std::uint16_t freePort() {
    const int fd = openBound(SOCK_STREAM);
    const std::uint16_t port = boundPort(fd);
    ::close(fd);
    return port;
}

void setTimeout(int fd, int option, int ms) {
    timeval tv{ms / 1000, (ms % 1000) * 1000};
    ::setsockopt(fd, SOL_SOCKET, option, &tv, sizeof tv);
}

// Accepts one connection on `listener` and reads it to EOF; the byte count lands in `got`.
std::thread sinkThread(int listener, std::atomic<std::uint64_t>& got) {
    return std::thread([listener, &got] {
        setTimeout(listener, SO_RCVTIMEO, 20'000);
        const int c = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (c < 0) {
            std::perror("sink accept");
            return;
        }
        setTimeout(c, SO_RCVTIMEO, 20'000);
        std::vector<char> buf(256 * 1024);
        while (true) {
            const ssize_t n = ::recv(c, buf.data(), buf.size(), 0);
            if (n <= 0) {
                break;
            }
            got += std::uint64_t(n);
        }
        ::close(c);
    });
}

struct Transfer {
    std::uint64_t got = 0;
    double seconds = 0;
    bool ok = false;
};

// sender -> port (a relay) -> listener (the sink): time from the first connect attempt to the
// sink's EOF.
Transfer transferThrough(std::uint16_t port, int listener, std::uint64_t total) {
    std::atomic<std::uint64_t> got{0};
    const auto t0 = Clock::now();
    std::thread sink = sinkThread(listener, got);
    const bool sent = sendAll(port, total);
    sink.join();
    Transfer t;
    t.seconds = seconds(Clock::now() - t0);
    t.got = got;
    t.ok = sent && t.got == total;
    return t;
}

std::optional<EngineEvent> waitFor(Engine& engine, SessionId id, bool (*want)(const EngineEvent&),
                                   int timeout_ms) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (Clock::now() < deadline) {
        for (auto& ev : engine.events().waitAndDrain(50)) {
            if (ev.session != id) {
                continue;
            }
            if (ev.kind == EngineEvent::Kind::Error && ev.connection == 0 && ev.error) {
                std::fprintf(stderr, "engine: %s\n", ev.error->message().c_str());
            }
            if (want(ev)) {
                return std::move(ev);
            }
        }
    }
    return std::nullopt;
}

bool isUp(const EngineEvent& e) {
    return e.kind == EngineEvent::Kind::StateChanged && e.connection == 0 &&
           (e.state == SessionState::Listening || e.state == SessionState::Bound ||
            e.state == SessionState::Failed);
}

bool isFigures(const EngineEvent& e) {
    return e.kind == EngineEvent::Kind::RelayFigures;
}

std::optional<std::uint16_t> openRelay(Engine& engine, SessionId& id, int type,
                                       std::uint16_t upstream, std::size_t captureBytes) {
    OpenSession open;
    open.spec = SocketSpec{AF_INET, type, 0};
    open.role = Role::Relay;
    open.local = "127.0.0.1:0";
    open.remote = "127.0.0.1:" + std::to_string(upstream);
    open.store.memoryCapBytes = captureBytes; // full capture: nothing spilled or evicted
    id = engine.open(open);
    const auto up = waitFor(engine, id, &isUp, 10'000);
    if (!up || up->state == SessionState::Failed) {
        std::fprintf(stderr, "relay did not come up\n");
        return std::nullopt;
    }
    auto ep = Endpoint::parse(up->local);
    if (!ep) {
        return std::nullopt;
    }
    return ep->port();
}

// The relay's figures now (asks, then takes the first figures event; the engine answers in
// order, so nothing older can follow a drained queue).
std::optional<RelayFigures> figuresOf(Engine& engine, SessionId id) {
    engine.events().drain();
    engine.post(QueryRelayFigures{id});
    const auto e = waitFor(engine, id, &isFigures, 5'000);
    if (!e) {
        return std::nullopt;
    }
    return e->relayFigures;
}

// ---- stream ----

bool streamBench(std::uint64_t total) {
    bool ok = true;
    Engine engine;
    engine.start();
    const int listener = openBound(SOCK_STREAM);
    SessionId id = 0;
    const auto port =
        openRelay(engine, id, SOCK_STREAM, boundPort(listener), std::size_t(total + (64u << 20)));
    if (!port) {
        return false;
    }
    // The engine's events pile up unread during the transfer; a drainer keeps the queue small
    // as the GUI and CLI do.
    std::atomic<bool> draining{true};
    std::thread drainer([&] {
        while (draining) {
            engine.events().waitAndDrain(20);
        }
    });
    const Transfer relay = transferThrough(*port, listener, total);
    draining = false;
    drainer.join();
    ::close(listener);
    const auto figures = figuresOf(engine, id);
    const auto store = engine.store(id);
    const auto stats = store->stats();
    const double relayMiBps = double(relay.got) / 1048576.0 / relay.seconds;
    std::printf("stream: %llu MiB client -> server through 127.0.0.1\n",
                static_cast<unsigned long long>(total >> 20));
    std::printf("  relay bytes at the sink:      %llu\n",
                static_cast<unsigned long long>(relay.got));
    if (figures) {
        std::printf("  relay received/delivered:     %llu / %llu bytes\n",
                    static_cast<unsigned long long>(figures->toServer.receivedBytes),
                    static_cast<unsigned long long>(figures->toServer.deliveredBytes));
        ok &= figures->toServer.receivedBytes == total && figures->toServer.deliveredBytes == total;
    } else {
        std::printf("  relay figures:                (no answer)\n");
        ok = false;
    }
    std::printf("  capture records / bytes:      %llu / %llu (resident %.0f MiB, spilled %llu)\n",
                static_cast<unsigned long long>(store->endSeq() - store->beginSeq()),
                static_cast<unsigned long long>(store->counters().bytesIn),
                double(stats.residentBytes) / 1048576.0,
                static_cast<unsigned long long>(stats.spilledBytes));
    ok &= relay.ok && store->counters().bytesIn == total;
    std::printf("  relay+capture MiB/s:          %.0f  (%.2f s)\n", relayMiBps, relay.seconds);
    engine.stop();

    const char* figure = "TCP relay, full capture (client -> relay -> sink)";
    const std::string mine = bench::rateText(double(relay.got) / relay.seconds);
    if (std::system("command -v socat >/dev/null 2>&1") != 0) {
        std::printf("  socat MiB/s:                  (socat not available)\n");
        bench::printRow(figure, mine, "socat n/a", "-", ">= 0.8x socat", bench::Verdict::Info);
        return ok;
    }
    const int socatSink = openBound(SOCK_STREAM);
    const std::uint16_t socatPort = freePort();
    const pid_t socat = ::fork();
    if (socat == 0) {
        const std::string listen =
            "TCP-LISTEN:" + std::to_string(socatPort) + ",reuseaddr,bind=127.0.0.1";
        const std::string to = "TCP:127.0.0.1:" + std::to_string(boundPort(socatSink));
        ::execlp("socat", "socat", listen.c_str(), to.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    const Transfer plain = transferThrough(socatPort, socatSink, total);
    ::kill(socat, SIGTERM);
    ::waitpid(socat, nullptr, 0);
    ::close(socatSink);
    if (!plain.ok) {
        std::printf("  socat MiB/s:                  (socat run failed: %llu bytes)\n",
                    static_cast<unsigned long long>(plain.got));
        bench::printRow(figure, mine, "socat failed", "-", ">= 0.8x socat", bench::Verdict::Info);
        return ok;
    }
    const double socatMiBps = double(plain.got) / 1048576.0 / plain.seconds;
    std::printf("  socat MiB/s:                  %.0f  (%.2f s)\n", socatMiBps, plain.seconds);
    std::printf("  ratio relay/socat:            %.2f  (target >= 0.80)\n",
                relayMiBps / socatMiBps);
    bench::printRow(figure, mine, "socat " + bench::rateText(double(plain.got) / plain.seconds),
                    bench::ratioText(relayMiBps / socatMiBps), ">= 0.8x socat",
                    bench::atLeast(relayMiBps / socatMiBps, 0.8));
    return ok;
}

// ---- datagrams ----

bool datagramBench(double runSeconds) {
    Engine engine;
    engine.start();
    const int sink = openBound(SOCK_DGRAM);
    const int rcvbuf = 4 << 20;
    ::setsockopt(sink, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    SessionId id = 0;
    const auto port = openRelay(engine, id, SOCK_DGRAM, boundPort(sink), 512u << 20);
    if (!port) {
        return false;
    }
    std::atomic<std::uint64_t> atSink{0};
    std::atomic<bool> sending{true};
    std::thread receiver([&] {
        setTimeout(sink, SO_RCVTIMEO, 100);
        char buf[2048];
        while (true) {
            const ssize_t n = ::recv(sink, buf, sizeof buf, 0);
            if (n > 0) {
                ++atSink;
            } else if (!sending) {
                break; // 100 ms quiet after the sender stopped
            }
        }
    });
    std::atomic<std::uint64_t> kernelWarnings{0};
    std::atomic<bool> draining{true};
    std::thread drainer([&] {
        while (draining) {
            for (const auto& e : engine.events().waitAndDrain(20)) {
                if (e.kind == EngineEvent::Kind::Warning) {
                    ++kernelWarnings;
                }
            }
        }
    });

    const int tx = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in to = loopback(*port);
    ::connect(tx, reinterpret_cast<sockaddr*>(&to), sizeof to);
    char payload[kDatagramBytes];
    std::memset(payload, 'x', sizeof payload);
    std::uint64_t sent = 0;
    std::uint64_t lost = 0; // given up on: a stalled window counts them as gone
    const auto t0 = Clock::now();
    const auto end = t0 + std::chrono::duration<double>(runSeconds);
    auto lastProgress = t0;
    std::uint64_t lastSeen = 0;
    while (Clock::now() < end) {
        const std::uint64_t seen = atSink;
        if (seen != lastSeen) {
            lastSeen = seen;
            lastProgress = Clock::now();
        }
        if (sent - seen - lost >= kWindow) {
            if (Clock::now() - lastProgress > std::chrono::milliseconds(50)) {
                lost = sent - seen; // nothing moved for 50 ms: what is in flight is gone
            }
            std::this_thread::sleep_for(std::chrono::microseconds(20));
            continue;
        }
        if (::send(tx, payload, sizeof payload, 0) == ssize_t(sizeof payload)) {
            ++sent;
        }
    }
    const double sendSeconds = seconds(Clock::now() - t0);
    sending = false;
    receiver.join();
    draining = false;
    drainer.join();
    ::close(tx);
    ::close(sink);
    const auto figures = figuresOf(engine, id);
    engine.stop();

    const std::uint64_t got = atSink;
    std::printf("datagram: %d-byte datagrams for %.1f s, at most %llu in flight\n", kDatagramBytes,
                sendSeconds, static_cast<unsigned long long>(kWindow));
    std::printf("  sent:                         %llu\n", static_cast<unsigned long long>(sent));
    std::printf("  at the sink:                  %llu\n", static_cast<unsigned long long>(got));
    std::printf("  through the relay / s:        %.0f\n", double(got) / sendSeconds);
    if (!figures) {
        std::printf("  relay figures:                (no answer)\n");
        return false;
    }
    const ImpairmentCounters& s = figures->toServer;
    std::printf("  relay received/dropped/delivered: %llu / %llu / %llu\n",
                static_cast<unsigned long long>(s.received),
                static_cast<unsigned long long>(s.dropped),
                static_cast<unsigned long long>(s.delivered));
    std::printf("  kernel drops before the relay: %llu (%llu warning(s) from the relay)\n",
                static_cast<unsigned long long>(sent - s.received),
                static_cast<unsigned long long>(kernelWarnings.load()));
    std::printf("  kernel drops after the relay:  %llu\n",
                static_cast<unsigned long long>(s.delivered - got));
    bench::printRow(bench::strf("UDP relay, %d B datagrams, at most %llu in flight", kDatagramBytes,
                                static_cast<unsigned long long>(kWindow)),
                    bench::strf("%.0fk datagrams/s, relay dropped %llu",
                                double(got) / sendSeconds / 1000,
                                static_cast<unsigned long long>(s.dropped)),
                    "no peer", "-", "info", bench::Verdict::Info);
    return s.dropped == 0 && s.received == s.delivered && s.delivered >= got;
}

} // namespace

int main(int argc, char** argv) {
    std::uint64_t mib = 512;
    double udpSeconds = 2;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--mib") == 0) {
            mib = std::strtoull(argv[i + 1], nullptr, 10);
        } else if (std::strcmp(argv[i], "--udp-seconds") == 0) {
            udpSeconds = std::strtod(argv[i + 1], nullptr);
        }
    }
    std::signal(SIGPIPE, SIG_IGN);
    const bool streamOk = streamBench(mib << 20);
    std::fflush(stdout);
    const bool datagramOk = datagramBench(udpSeconds);
    if (!streamOk || !datagramOk) {
        std::fprintf(stderr, "FAIL:%s%s\n", streamOk ? "" : " stream bytes/counters differ",
                     datagramOk ? "" : " the datagram relay dropped or lost count");
        return 1;
    }
    return 0;
}
