#pragma once

// Loopback plumbing shared by the core (non-GUI) benchmarks: ports, a plain blocking sender,
// child processes (iperf3, socat, python3, socklab-cli) and their output. No Qt, no SockLab code
// on the peer side: what these helpers measure is the kernel and the peers.

#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace socklab::bench {

/// A port on 127.0.0.1 that was free a moment ago (type: SOCK_STREAM or SOCK_DGRAM).
std::uint16_t freeLoopbackPort(int type);

/// Connects to 127.0.0.1:port (retrying for up to 5 s while the peer comes up) and sends
/// `total` bytes in 256 KiB blocking sends, then closes. False (with perror) on failure.
bool sendAll(std::uint16_t port, std::uint64_t total);

/// True when `name` is on PATH.
bool haveCommand(const char* name);

/// A child process with stdout and stderr captured through pipes.
class Child {
public:
    /// Starts argv[0] (looked up on PATH). ok() is false when fork/exec failed.
    explicit Child(const std::vector<std::string>& argv);
    ~Child();
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    [[nodiscard]] bool ok() const { return m_pid > 0; }
    /// Reads stderr until `needle` appears or timeout_ms passes; true when it appeared.
    bool waitForStderr(const std::string& needle, int timeout_ms);
    /// Waits up to timeout_ms for the exit (then SIGKILL); the exit status, -1 when killed.
    int wait(int timeout_ms);
    /// Sends SIGTERM (then SIGKILL after a second) and reaps.
    void stop();
    [[nodiscard]] const std::string& out() const { return m_out; }
    [[nodiscard]] const std::string& err() const { return m_err; }

private:
    void pump(int timeout_ms);

    pid_t m_pid = -1;
    int m_outFd = -1;
    int m_errFd = -1;
    int m_status = -1;
    bool m_reaped = false;
    std::string m_out;
    std::string m_err;
};

/// iperf3 (server and client on 127.0.0.1, started here) moving `total` bytes over TCP:
/// bytes per second at the receiver from the client's JSON, or nullopt without iperf3.
std::optional<double> iperf3TcpReceiveBps(std::uint64_t total);

/// The kernel's count of UDP datagrams dropped for a full receive buffer (/proc/net/snmp
/// Udp RcvbufErrors), all sockets; 0 when unreadable.
std::uint64_t udpReceiveBufferErrors();

} // namespace socklab::bench
