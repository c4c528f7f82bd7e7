// TCP loopback throughput through the engine with full capture, compared with iperf3 moving the
// same number of bytes over loopback in the same run.
//
//   bench_tcp_throughput [--mib N]
//
// Prints MB/s for both and the ratio engine/iperf3. Exit status 1 when the engine's byte counter
// differs from what the sender wrote (the only thing asserted); 0 otherwise.
#include "core/engine/engine.h"
#include "core/net/endpoint.h"

#include <arpa/inet.h>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace socklab;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

std::optional<std::uint16_t> waitForListening(Engine& engine, SessionId id) {
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < deadline) {
        for (const auto& ev : engine.events().waitAndDrain(100)) {
            if (ev.session != id) {
                continue;
            }
            if (ev.kind == EngineEvent::Kind::Error && ev.error) {
                std::fprintf(stderr, "engine: %s\n", ev.error->message().c_str());
                return std::nullopt;
            }
            if (ev.kind == EngineEvent::Kind::StateChanged && ev.state == SessionState::Listening) {
                auto ep = Endpoint::parse(ev.local);
                if (ep) {
                    return ep->port();
                }
            }
        }
    }
    return std::nullopt;
}

// A plain blocking sender: the fastest way to push bytes, so the receiver is what is measured.
bool sendAll(std::uint16_t port, std::uint64_t total) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
        std::perror("connect");
        ::close(fd);
        return false;
    }
    std::vector<char> buf(256 * 1024);
    for (std::size_t i = 0; i < buf.size(); ++i) {
        buf[i] = static_cast<char>(i * 7 + 3);
    }
    std::uint64_t sent = 0;
    while (sent < total) {
        const std::size_t want =
            static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), total - sent));
        const ssize_t n = ::send(fd, buf.data(), want, MSG_NOSIGNAL);
        if (n <= 0) {
            std::perror("send");
            ::close(fd);
            return false;
        }
        sent += static_cast<std::uint64_t>(n);
    }
    ::close(fd);
    return true;
}

std::uint16_t freePort() {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa);
    socklen_t len = sizeof sa;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len);
    ::close(fd);
    return ntohs(sa.sin_port);
}

std::string runCapture(const std::string& cmd) {
    std::string out;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) {
        return out;
    }
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) {
        out.append(buf.data(), n);
    }
    ::pclose(p);
    return out;
}

// iperf3 moving `total` bytes over loopback; MB/s at the receiver, or nullopt without iperf3.
std::optional<double> iperf3MBps(std::uint64_t total) {
    if (std::system("command -v iperf3 >/dev/null 2>&1") != 0) {
        return std::nullopt;
    }
    const std::uint16_t port = freePort();
    const pid_t server = ::fork();
    if (server == 0) {
        const std::string p = std::to_string(port);
        ::execlp("iperf3", "iperf3", "-s", "-1", "-B", "127.0.0.1", "-p", p.c_str(), "--logfile",
                 "/dev/null", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    std::optional<double> result;
    for (int attempt = 0; attempt < 50 && !result; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const std::string json = runCapture("iperf3 -J -c 127.0.0.1 -p " + std::to_string(port) +
                                            " -n " + std::to_string(total) + " 2>/dev/null");
        auto doc = nlohmann::json::parse(json, nullptr, false);
        if (!doc.is_discarded() && doc.contains("end") && !doc.contains("error")) {
            const double bps = doc["end"]["sum_received"]["bits_per_second"].get<double>();
            result = bps / 8.0 / 1e6;
        }
    }
    ::kill(server, SIGTERM);
    ::waitpid(server, nullptr, 0);
    return result;
}

} // namespace

int main(int argc, char** argv) {
    std::uint64_t mib = 512;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--mib") == 0) {
            mib = std::strtoull(argv[i + 1], nullptr, 10);
        }
    }
    const std::uint64_t total = mib << 20;

    Engine engine;
    engine.start();
    OpenSession open;
    open.spec = SocketSpec{AF_INET, SOCK_STREAM, 0};
    open.role = Role::Listen;
    open.local = "127.0.0.1:0";
    open.store.memoryCapBytes = static_cast<std::size_t>(total + (64u << 20)); // full capture
    const SessionId id = engine.open(open);
    const auto port = waitForListening(engine, id);
    if (!port) {
        std::fprintf(stderr, "listener did not come up\n");
        return 1;
    }
    auto store = engine.store(id);

    const auto t0 = Clock::now();
    std::atomic<bool> senderFailed{false};
    std::thread sender([&] { senderFailed = !sendAll(*port, total); });
    const auto deadline = t0 + std::chrono::seconds(120);
    while (store->counters().bytesIn < total && Clock::now() < deadline && !senderFailed) {
        engine.events().waitAndDrain(5);
    }
    const auto t1 = Clock::now();
    sender.join();
    const std::uint64_t got = store->counters().bytesIn;
    const double engineMBps = static_cast<double>(got) / 1e6 / seconds(t1 - t0);
    const auto stats = store->stats();

    std::printf("bytes sent:               %llu\n", static_cast<unsigned long long>(total));
    std::printf("bytes captured (counter): %llu\n", static_cast<unsigned long long>(got));
    std::printf("records:                  %llu\n",
                static_cast<unsigned long long>(store->endSeq() - store->beginSeq()));
    std::printf("store resident MiB:       %.1f\n", stats.residentBytes / 1048576.0);
    std::printf("engine+capture MB/s:      %.0f\n", engineMBps);
    const auto peer = iperf3MBps(total);
    if (peer) {
        std::printf("iperf3 MB/s:              %.0f\n", *peer);
        std::printf("ratio engine/iperf3:      %.2f\n", engineMBps / *peer);
    } else {
        std::printf("iperf3 MB/s:              (iperf3 not available)\n");
    }
    engine.stop();
    if (got != total) {
        std::fprintf(stderr, "FAIL: captured %llu of %llu bytes\n",
                     static_cast<unsigned long long>(got), static_cast<unsigned long long>(total));
        return 1;
    }
    return 0;
}
