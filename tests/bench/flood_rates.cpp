#include "tests/bench/flood_rates.h"

#include "tests/bench/flood_peers.h"
#include "tests/bench/support/bench_net.h"
#include "tests/bench/support/bench_rows.h"
#include "tests/bench/support/gui_probes.h"

#include <QProcess>
#include <QStringList>
#include <arpa/inet.h>
#include <chrono>
#include <future>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace socklab::bench {

double RateTrial::lossPercent() const {
    return send.sent > 0 ? 100.0 * static_cast<double>(send.sent - std::min(got, send.sent)) /
                               static_cast<double>(send.sent)
                         : 100.0;
}

double RateTrial::offeredPps() const {
    return send.seconds > 0 ? static_cast<double>(send.sent) / send.seconds : 0.0;
}

std::string RateTrial::text() const {
    if (!ok) {
        return "failed: " + error;
    }
    return strf("%.2f%% of %llu at %.0fk pps", lossPercent(),
                static_cast<unsigned long long>(send.sent), offeredPps() / 1000.0);
}

RateTrial iperf3BesideTcpFlood(double pps, double seconds) {
    RateTrial t;
    if (!haveCommand("iperf3") || !haveCommand("socat")) {
        t.error = "iperf3 or socat missing";
        return t;
    }
    // The TCP flood beside: python3 -> socat -> /dev/null, for longer than the UDP test.
    const std::uint16_t tcpPort = freeLoopbackPort(SOCK_STREAM);
    QProcess socat;
    socat.start(QStringLiteral("socat"),
                {QStringLiteral("-u"),
                 QStringLiteral("TCP-LISTEN:%1,bind=127.0.0.1,reuseaddr").arg(tcpPort),
                 QStringLiteral("/dev/null")});
    if (!socat.waitForStarted(5000)) {
        t.error = "socat did not start";
        return t;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    QProcess tcp;
    startTcpFlood(tcp, tcpPort, std::uint64_t{1} << 40);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));

    const std::uint16_t port = freeLoopbackPort(SOCK_STREAM);
    Child server({"iperf3", "-s", "-1", "-J", "-B", "127.0.0.1", "-p", std::to_string(port)});
    {
        Iperf3UdpTest test;
        const int fd = test.start(port, kRateDatagramBytes, pps, seconds);
        if (fd < 0) {
            t.error = test.error();
        } else {
            t.send = sendPaced(fd, pps, seconds, kRateDatagramBytes);
            // iperf3 counts only while its test runs: let it drain its buffer before the end.
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            if (!test.finish(t.send, kRateDatagramBytes)) {
                t.error = test.error();
            }
        }
    }
    tcp.kill();
    socat.kill();
    tcp.waitForFinished(2000);
    socat.waitForFinished(2000);
    server.wait(15'000);
    if (!t.error.empty()) {
        return t;
    }
    const auto doc = nlohmann::json::parse(server.out(), nullptr, false);
    if (doc.is_discarded() || !doc.contains("end") || doc.contains("error")) {
        t.error = "iperf3 server: " + server.out().substr(0, 300) + server.err();
        return t;
    }
    t.got = doc["end"]["sum_received"]["bytes"].get<std::uint64_t>() / kRateDatagramBytes;
    t.ok = t.got <= t.send.sent;
    return t;
}

RateTrial udpRateIntoTab(const TrafficStore& store, std::uint16_t udpPort, std::uint16_t tcpPort,
                         double pps, double seconds) {
    RateTrial t;
    QProcess tcp;
    startTcpFlood(tcp, tcpPort, std::uint64_t{1} << 40);
    spinUntil([] { return false; }, Clock::now() + std::chrono::milliseconds(300));
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(udpPort);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) {
        t.error = "UDP sender socket failed";
        if (fd >= 0) {
            ::close(fd);
        }
        tcp.kill();
        tcp.waitForFinished(2000);
        return t;
    }
    const std::uint64_t before = store.counters().messagesIn;
    auto sending = std::async(std::launch::async, [fd, pps, seconds] {
        return sendPaced(fd, pps, seconds, kRateDatagramBytes);
    });
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                             std::chrono::duration<double>(seconds + 30));
    spinUntil(
        [&] { return sending.wait_for(std::chrono::seconds(0)) == std::future_status::ready; },
        deadline);
    t.send = sending.get();
    ::close(fd);
    // Until the count has not moved for 300 ms (what is still queued gets read), at most 3 s.
    std::uint64_t last = store.counters().messagesIn;
    auto lastChange = Clock::now();
    spinUntil(
        [&] {
            const std::uint64_t now = store.counters().messagesIn;
            if (now != last) {
                last = now;
                lastChange = Clock::now();
            }
            return Clock::now() - lastChange > std::chrono::milliseconds(300);
        },
        Clock::now() + std::chrono::seconds(3));
    tcp.kill();
    tcp.waitForFinished(2000);
    t.got = store.counters().messagesIn - before;
    t.ok = t.got <= t.send.sent;
    if (!t.ok) {
        t.error = "the tab counted more datagrams than were sent";
    }
    return t;
}

void printFloodRows(const FloodFigures& f, const std::vector<double>& rates,
                    const std::vector<RateTrial>& gui, const std::vector<RateTrial>& peer) {
    printRow("GUI under a TCP + UDP flood: longest main-thread stall, CPU",
             strf("%.1f ms", f.maxStallCpuMs), "-", "-", "< 16 ms", atMost(f.maxStallCpuMs, 16.0));
    printRow("GUI under a TCP + UDP flood: longest main-thread stall, wall",
             strf("%.1f ms", f.maxStallMs), "-", "-", "< 33 ms", atMost(f.maxStallMs, 33.0));
    const double growthMiB = static_cast<double>(f.growthKiB) / 1024.0;
    const double capMiB = static_cast<double>(f.capBytes) / 1048576.0;
    printRow("GUI under a TCP + UDP flood: peak RSS growth against the stores' caps",
             strf("%.0f MiB", growthMiB), "-", "-", strf("< caps %.0f MiB + 64 MiB", capMiB),
             atMost(growthMiB, capMiB + 64.0));
    printRow("TCP into a GUI tab beside a UDP flood", rateText(f.tcpMBps * 1e6),
             f.socatMBps > 0 ? "socat " + rateText(f.socatMBps * 1e6) : std::string("-"),
             ratioText(f.socatMBps > 0 ? f.tcpMBps / f.socatMBps : 0.0), "-", Verdict::Info);
    const auto share = [](std::uint64_t got, std::uint64_t sent) {
        return sent > 0 ? 100.0 * static_cast<double>(got) / static_cast<double>(sent) : 0.0;
    };
    printRow(strf("UDP %llu B flood (as fast as it goes) into a GUI tab beside a TCP flood",
                  static_cast<unsigned long long>(f.udpSize)),
             strf("%.1f%% of %llu received", share(f.udpGot, f.udpSent),
                  static_cast<unsigned long long>(f.udpSent)),
             f.peerUdpSent > 0
                 ? strf("python3 recv loop %.1f%% of %llu", share(f.peerUdpGot, f.peerUdpSent),
                        static_cast<unsigned long long>(f.peerUdpSent))
                 : std::string("-"),
             ratioText(f.peerUdpGot > 0
                           ? share(f.udpGot, f.udpSent) / share(f.peerUdpGot, f.peerUdpSent)
                           : 0.0),
             "-", Verdict::Info);
    for (std::size_t i = 0; i < rates.size() && i < gui.size(); ++i) {
        const RateTrial& g = gui[i];
        const RateTrial* p = i < peer.size() ? &peer[i] : nullptr;
        const bool compared = g.ok && p != nullptr && p->ok;
        printRow(
            strf("UDP 64 B at %.0fk pps into a GUI tab, TCP flood beside, loss", rates[i] / 1000.0),
            g.text(), p != nullptr ? "iperf3 " + p->text() : std::string("-"), "-",
            "loss <= iperf3 (+0.1 pt)",
            compared ? atMost(g.lossPercent(), p->lossPercent() + 0.1)
                     : (g.ok ? Verdict::Info : Verdict::Missed));
    }
}

} // namespace socklab::bench
