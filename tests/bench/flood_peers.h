#pragma once

// The peers of bench_gui_flood: python3 senders (a TCP stream whose byte at offset i is i % 256,
// a UDP flood of fixed-size datagrams), the reference run into plain receivers (socat, a python3
// recv loop), the kernel's figures for a UDP socket, and the byte-for-byte check of the capture.

#include "core/capture/traffic_store.h"

#include <QProcess>
#include <QString>
#include <cstdint>
#include <optional>

namespace socklab::bench {

/// The python3 interpreter itself: a pyenv shim would add a shell and ~100 ms to every start.
QString pythonPath();

/// The size of both floods.
struct FloodSize {
    std::uint64_t tcpBytes = 0;
    std::uint64_t udpCount = 0;
    std::uint64_t udpSize = 0;
    int timeoutS = 120;
};

/// Starts the python3 senders: udpSender sends size.udpCount datagrams of size.udpSize bytes to
/// 127.0.0.1:udpPort as fast as a blocking socket lets it (prints "<sent> <failed> <seconds>");
/// tcpSender sends size.tcpBytes whose byte at stream offset i is i % 256 to 127.0.0.1:tcpPort
/// (prints "<bytes> <seconds>").
void startFloods(QProcess& tcpSender, std::uint16_t tcpPort, QProcess& udpSender,
                 std::uint16_t udpPort, const FloodSize& size);

/// Starts only the TCP sender of startFloods (size.tcpBytes; kill it to stop the flood early).
void startTcpFlood(QProcess& tcpSender, std::uint16_t tcpPort, std::uint64_t bytes);

struct ReferenceResult {
    double mbps = 0;
    double senderMBps = 0;
    std::uint64_t udpSent = 0;
    std::uint64_t udpReceived = 0;
    std::uint64_t udpDrops = 0;
};

/// The same two floods at once into plain receivers: TCP into `socat -u TCP-LISTEN:0 /dev/null`,
/// UDP into a python3 recv loop. nullopt when socat is missing or the run fails.
std::optional<ReferenceResult> referenceRun(const FloodSize& size);

/// The kernel's per-socket drop counter and receive queue for a UDP socket bound to
/// 127.0.0.1:port (/proc/net/udp).
struct UdpKernelFigures {
    bool found = false;
    std::uint64_t drops = 0;
    std::uint64_t rxQueue = 0;
};
UdpKernelFigures udpKernelFigures(std::uint16_t port);

/// Checks the capture byte for byte at the start, the end and 4096 random offsets: the value at
/// stream offset i must be i % 256. Returns the number of bad bytes.
std::uint64_t checkTcpContent(const TrafficStore& store, std::uint64_t total);

} // namespace socklab::bench
