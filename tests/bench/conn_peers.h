#pragma once

// The two sides of bench_gui_connections that are not SockLab: the clients (many non-blocking
// connects from several 127.0.x.y source addresses) and the peer listener (a minimal accept loop
// that keeps every accepted socket), plus the descriptor limit they need.

#include "tests/bench/support/bench_stats.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace socklab::bench {

/// Raises RLIMIT_NOFILE to `want`: the hard limit too when the process may (CAP_SYS_RESOURCE),
/// else up to the hard limit. Returns the soft limit in force afterwards.
std::uint64_t raiseFdLimit(std::uint64_t want);

/// The descriptors of open sockets; closes them all when destroyed.
struct OpenSockets {
    OpenSockets() = default;
    OpenSockets(OpenSockets&&) = default;
    OpenSockets& operator=(OpenSockets&&) = default;
    OpenSockets(const OpenSockets&) = delete;
    OpenSockets& operator=(const OpenSockets&) = delete;
    ~OpenSockets();
    void closeAll();

    std::vector<int> fds;
};

/// What connectMany() did.
struct ConnectResult {
    OpenSockets sockets;         ///< connected (the handshake completed); in this process
    std::uint64_t connected = 0; ///< connected, wherever the sockets are
    std::uint64_t failed = 0;    ///< connects that failed
    std::string firstError;      ///< the first failure, "connect 127.0.1.3 -> ...: <cause>"
    double seconds = 0;          ///< from the first connect to the last completion
    bool timedOut = false;       ///< the deadline came first
};

/// Opens `count` TCP connections to 127.0.0.1:port without blocking. Connection i comes from
/// 127.<net>.0.<1 + i % sources>, bound before connect with IP_BIND_ADDRESS_NO_PORT, so each
/// source address has its own ephemeral ports. Handshakes in flight plus connections waiting in
/// the listener's accept queue (TCP_INFO of listenFd, a descriptor of this process) stay under
/// 3/4 of its backlog: a full accept queue would drop handshakes (1 s retransmits, or
/// connections the client thinks open and the server forgot) and the figure would measure the
/// retransmit timer instead of the acceptor.
ConnectResult connectMany(std::uint16_t port, int listenFd, std::uint64_t count, int net,
                          int sources, Clock::time_point deadline);

/// A client process holding its connections open (connectManyInChild) until destroyed.
class ClientProcess {
public:
    ClientProcess() = default;
    ClientProcess(ClientProcess&& other) noexcept;
    ClientProcess& operator=(ClientProcess&&) = delete;
    ClientProcess(const ClientProcess&) = delete;
    ClientProcess& operator=(const ClientProcess&) = delete;
    ~ClientProcess();
    /// Closes its stdin: it closes its connections and exits; waits for that.
    void end();

    int pid = -1;
    int stdinFd = -1;
};

/// connectMany() in a child process (this binary run again with `--connect-child`), so that the
/// clients' descriptors do not count against this process's limit: the listener is passed as
/// its descriptor 3 (for pacing). The result's sockets are empty; `connected` says how many.
ConnectResult connectManyInChild(const char* self, std::uint16_t port, int listenFd,
                                 std::uint64_t count, int net, int sources, int timeoutS,
                                 ClientProcess& process);

/// The child's side: argv after `--connect-child` is "port count net sources timeoutS"; prints
/// "<connected> <failed> <seconds> <timedOut> <first error>" and holds the connections until its
/// stdin closes. Returns the exit status.
int connectChildMain(int argc, char** argv);

/// The listening TCP socket of this process bound to 127.0.0.1:port (the engine's, found
/// through /proc/self/fd), or -1.
int findListenerFd(std::uint16_t port);

/// The peer listener: 127.0.0.1:0 with the given backlog, a thread that accept4()s (blocking)
/// and keeps every socket until the loop is destroyed.
class AcceptLoop {
public:
    explicit AcceptLoop(int backlog);
    ~AcceptLoop();
    AcceptLoop(const AcceptLoop&) = delete;
    AcceptLoop& operator=(const AcceptLoop&) = delete;

    /// 0 when the listener could not be set up (error() says why).
    [[nodiscard]] std::uint16_t port() const { return m_port; }
    [[nodiscard]] int fd() const { return m_listen; }
    [[nodiscard]] const std::string& error() const { return m_error; }
    [[nodiscard]] std::uint64_t accepted() const { return m_accepted.load(); }
    /// When the n-th accept returned (call after stop()); n counts from 1.
    [[nodiscard]] Clock::time_point acceptedAt(std::uint64_t n) const;
    /// Stops accepting and joins the thread (the accepted sockets stay open until destruction).
    void stop();

private:
    void run();

    int m_listen = -1;
    std::uint16_t m_port = 0;
    std::string m_error;
    std::atomic<std::uint64_t> m_accepted{0};
    std::atomic<bool> m_stop{false};
    std::vector<Clock::time_point> m_times; ///< written by the thread before m_accepted grows
    OpenSockets m_sockets;
    std::thread m_thread;
};

/// Threads of this process (/proc/self/task).
int processThreads();

} // namespace socklab::bench
