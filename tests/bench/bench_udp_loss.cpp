// UDP loss for 64-byte datagrams at a fixed offered rate: socklab-cli receiving (and capturing,
// as it always does) against iperf3's UDP receiver and a python3 receiver, all fed by the same
// paced sender in this process (udp_load.h; for iperf3 it also speaks iperf3's control
// protocol so that iperf3's own server counts the datagrams).
//
//   bench_udp_loss [--cli PATH] [--seconds S] [--rates 50000,200000,0]
//
// A rate of 0 is the maximum: the sender sends as fast as the socket takes datagrams, so the
// offered rate differs per receiver (two cores are shared); each figure names its own.
// Loss = datagrams the kernel accepted from the sender minus datagrams the receiver counted.
// Exit status 1 when a receiver could not be run or counted more than was sent (the only
// assertion); loss is never asserted.
#include "tests/bench/support/bench_net.h"
#include "tests/bench/support/bench_rows.h"
#include "tests/bench/udp_load.h"

#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace socklab::bench;

namespace {

constexpr std::size_t kSize = 64;

// A plain python3 receiver: blocking recv with a timeout, one count, printed at the end.
constexpr const char* kPythonReceiver = R"(
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
print("ready", file=sys.stderr, flush=True)
n = 0
s.settimeout(15)
try:
    s.recv(2048)
    n = 1
    s.settimeout(1.0)
    while True:
        s.recv(2048)
        n += 1
except socket.timeout:
    pass
print(n, flush=True)
)";

struct Trial {
    SendResult send;
    std::uint64_t got = 0;
    std::uint64_t kernelDrops = 0; // RcvbufErrors during the trial (every socket)
    bool ok = false;
    std::string error;

    [[nodiscard]] double lossPercent() const {
        return send.sent > 0
                   ? 100.0 * double(send.sent - std::min(got, send.sent)) / double(send.sent)
                   : 100.0;
    }
    [[nodiscard]] double offeredPps() const {
        return send.seconds > 0 ? send.sent / send.seconds : 0;
    }
};

int connectedSender(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa);
    return fd;
}

// Sends to a receiver that is already up on port and counts by itself.
SendResult sendTo(std::uint16_t port, double pps, double seconds) {
    const int fd = connectedSender(port);
    const SendResult r = sendPaced(fd, pps, seconds, kSize);
    ::close(fd);
    return r;
}

Trial viaCli(const std::string& cli, double pps, double seconds) {
    Trial t;
    const std::uint16_t port = freeLoopbackPort(SOCK_DGRAM);
    // Raw datagrams to /dev/null; the count comes from the idle notice on stderr.
    Child rx({"sh", "-c",
              "exec \"$0\" udp --bind 127.0.0.1:" + std::to_string(port) +
                  " --count 10000000 --timeout-ms 1000 >/dev/null",
              cli});
    if (!rx.waitForStderr("bound to", 10'000)) {
        t.error = "socklab-cli did not bind: " + rx.err();
        return t;
    }
    const std::uint64_t drops = udpReceiveBufferErrors();
    t.send = sendTo(port, pps, seconds);
    rx.wait(30'000);
    t.kernelDrops = udpReceiveBufferErrors() - drops;
    const auto at = rx.err().find("received ");
    if (at == std::string::npos) {
        t.error = "socklab-cli gave no count: " + rx.err();
        return t;
    }
    t.got = std::strtoull(rx.err().c_str() + at + 9, nullptr, 10);
    t.ok = t.got <= t.send.sent;
    return t;
}

Trial viaPython(double pps, double seconds) {
    Trial t;
    const std::uint16_t port = freeLoopbackPort(SOCK_DGRAM);
    Child rx({"python3", "-c", kPythonReceiver, std::to_string(port)});
    if (!rx.waitForStderr("ready", 10'000)) {
        t.error = "python3 receiver did not start: " + rx.err();
        return t;
    }
    const std::uint64_t drops = udpReceiveBufferErrors();
    t.send = sendTo(port, pps, seconds);
    rx.wait(30'000);
    t.kernelDrops = udpReceiveBufferErrors() - drops;
    t.got = std::strtoull(rx.out().c_str(), nullptr, 10);
    t.ok = t.got <= t.send.sent && !rx.out().empty();
    if (!t.ok) {
        t.error = "python3 receiver: " + rx.out() + rx.err();
    }
    return t;
}

Trial viaIperf3(double pps, double seconds) {
    Trial t;
    const std::uint16_t port = freeLoopbackPort(SOCK_STREAM);
    Child server({"iperf3", "-s", "-1", "-J", "-B", "127.0.0.1", "-p", std::to_string(port)});
    {
        Iperf3UdpTest test;
        const int fd = test.start(port, kSize, pps, seconds);
        if (fd < 0) {
            t.error = test.error();
            return t;
        }
        const std::uint64_t drops = udpReceiveBufferErrors();
        t.send = sendPaced(fd, pps, seconds, kSize);
        // iperf3 counts only while its test runs: let it drain its buffer before the end.
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        t.kernelDrops = udpReceiveBufferErrors() - drops;
        if (!test.finish(t.send, kSize)) {
            t.error = test.error();
            return t;
        }
    }
    server.wait(15'000);
    const auto doc = nlohmann::json::parse(server.out(), nullptr, false);
    if (doc.is_discarded() || !doc.contains("end") || doc.contains("error")) {
        t.error = "iperf3 server: " + server.out().substr(0, 300) + server.err();
        return t;
    }
    t.got = doc["end"]["sum_received"]["bytes"].get<std::uint64_t>() / kSize;
    t.ok = t.got <= t.send.sent;
    return t;
}

void print(const char* who, const Trial& t) {
    if (!t.error.empty()) {
        std::printf("  %-12s FAILED: %s\n", who, t.error.c_str());
    } else {
        std::printf("  %-12s sent %9llu (%7.0f/s)  received %9llu  loss %6.2f%%  kernel "
                    "buffer drops %llu\n",
                    who, static_cast<unsigned long long>(t.send.sent), t.offeredPps(),
                    static_cast<unsigned long long>(t.got), t.lossPercent(),
                    static_cast<unsigned long long>(t.kernelDrops));
    }
    std::fflush(stdout);
}

std::string lossText(const Trial& t) {
    if (!t.ok) {
        return "failed";
    }
    return strf("%.2f%% of %llu", t.lossPercent(), static_cast<unsigned long long>(t.send.sent));
}

} // namespace

int main(int argc, char** argv) {
    std::string cli = SOCKLAB_CLI_PATH;
    double seconds = 2;
    std::vector<double> rates = {50'000, 200'000, 0};
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--cli") {
            cli = argv[i + 1];
        } else if (a == "--seconds") {
            seconds = std::strtod(argv[i + 1], nullptr);
        } else if (a == "--rates") {
            rates.clear();
            for (char* p = argv[i + 1]; *p;) {
                rates.push_back(std::strtod(p, &p));
                p += *p == ',' ? 1 : 0;
            }
        } else {
            std::fprintf(stderr, "unknown argument %s\n", a.c_str());
            return 2;
        }
    }
    std::signal(SIGPIPE, SIG_IGN);
    const bool haveIperf3 = haveCommand("iperf3");
    bool ok = true;
    for (const double pps : rates) {
        const std::string rate = pps > 0 ? strf("%.0fk pps", pps / 1000) : "the maximum rate";
        std::printf("UDP %zu-byte datagrams at %s for %.1f s\n", kSize, rate.c_str(), seconds);
        Trial peer;
        if (haveIperf3) {
            peer = viaIperf3(pps, seconds);
            print("iperf3", peer);
        }
        const Trial mine = viaCli(cli, pps, seconds);
        print("socklab-cli", mine);
        const Trial py = viaPython(pps, seconds);
        print("python3", py);
        ok = ok && mine.ok && py.ok && (!haveIperf3 || peer.ok);

        std::string figure =
            strf("UDP %zu B at %s: loss into socklab-cli (capturing)", kSize, rate.c_str());
        // The sender's own rate falls short of the aim when the CPUs are busy: say so.
        const double least = std::min({mine.offeredPps(), peer.offeredPps(), py.offeredPps()});
        if (pps <= 0 || least < 0.95 * pps) {
            figure +=
                strf(" [offered: cli %.0fk, iperf3 %.0fk, python3 %.0fk pps]",
                     mine.offeredPps() / 1000, peer.offeredPps() / 1000, py.offeredPps() / 1000);
        }
        const std::string peerText =
            "iperf3 " + (peer.ok ? lossText(peer) : "n/a") + "; python3 " + lossText(py);
        // Ratio of what arrived: socklab-cli's delivered share over iperf3's.
        const double delivered = 100.0 - mine.lossPercent();
        const double peerDelivered = 100.0 - peer.lossPercent();
        const bool comparable = mine.ok && peer.ok && peerDelivered > 0;
        printRow(figure, lossText(mine), peerText,
                 comparable ? ratioText(delivered / peerDelivered) + " delivered" : "-",
                 "loss <= iperf3 (+0.1 pt)",
                 comparable ? atMost(mine.lossPercent(), peer.lossPercent() + 0.1) : Verdict::Info);
    }
    return ok ? 0 : 1;
}
