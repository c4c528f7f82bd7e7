#pragma once

// bench_gui_flood's second part: 64-byte UDP datagrams at a fixed offered rate while a TCP
// flood runs beside them. The peer is iperf3's UDP receiver with a TCP flood into socat beside
// it; the datagrams come from the same paced sender (udp_load.h) for every receiver.

#include "core/capture/traffic_store.h"
#include "tests/bench/udp_load.h"

#include <cstdint>
#include <string>
#include <vector>

namespace socklab::bench {

inline constexpr std::size_t kRateDatagramBytes = 64;

struct RateTrial {
    SendResult send;       ///< datagrams the kernel accepted from the sender
    std::uint64_t got = 0; ///< datagrams the receiver counted
    bool ok = false;
    std::string error;

    [[nodiscard]] double lossPercent() const;
    [[nodiscard]] double offeredPps() const;
    /// "1.23% of 400000 at 199k pps", or "failed: <why>".
    [[nodiscard]] std::string text() const;
};

/// iperf3's UDP receiver at `pps` for `seconds`, a TCP flood into `socat -u ... /dev/null`
/// running beside it the whole time.
RateTrial iperf3BesideTcpFlood(double pps, double seconds);

/// The same into a UDP tab of the running GUI (bound to 127.0.0.1:udpPort, capturing into
/// store), with a TCP flood into its TCP tab (127.0.0.1:tcpPort) beside it; the GUI's event loop
/// runs meanwhile. Received = growth of the store's datagram count.
RateTrial udpRateIntoTab(const TrafficStore& store, std::uint16_t udpPort, std::uint16_t tcpPort,
                         double pps, double seconds);

/// What bench_gui_flood's first part measured, for its rows.
struct FloodFigures {
    double maxStallMs = 0;         ///< longest gap of the GUI thread's 1 ms timer
    double maxStallCpuMs = 0;      ///< most CPU the GUI thread used within one gap
    std::uint64_t growthKiB = 0;   ///< peak RSS growth
    std::uint64_t capBytes = 0;    ///< the stores' memory caps, summed
    double tcpMBps = 0;            ///< TCP into the GUI tab
    double socatMBps = 0;          ///< TCP into socat (0: not run)
    std::uint64_t udpSent = 0;     ///< the UDP flood beside (as fast as it goes): sent
    std::uint64_t udpGot = 0;      ///< received by the GUI tab
    std::uint64_t peerUdpSent = 0; ///< the same flood into a python3 receiver (0: not run)
    std::uint64_t peerUdpGot = 0;
    std::uint64_t udpSize = 0;
};

/// The @row lines of bench_gui_flood (bench_rows.h).
void printFloodRows(const FloodFigures& f, const std::vector<double>& rates,
                    const std::vector<RateTrial>& gui, const std::vector<RateTrial>& peer);

} // namespace socklab::bench
