#include "tests/bench/conn_peers.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spawn.h>
#include <sstream>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace socklab::bench {

namespace {

constexpr int kInFlight = 256;

// Connections waiting in a listener's accept queue and its backlog (TCP_INFO of a LISTEN
// socket reports them as tcpi_unacked and tcpi_sacked).
struct AcceptQueue {
    int waiting = 0;
    int backlog = 0;
};

AcceptQueue acceptQueue(int listenFd) {
    tcp_info info{};
    socklen_t len = sizeof info;
    if (::getsockopt(listenFd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0) {
        return {};
    }
    return {static_cast<int>(info.tcpi_unacked), static_cast<int>(info.tcpi_sacked)};
}

std::string errnoText(int err) {
    return std::string(std::strerror(err));
}

sockaddr_in loopback(std::uint8_t b2, std::uint8_t b3, std::uint8_t b4, std::uint16_t port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl((127u << 24) | (std::uint32_t{b2} << 16) | (std::uint32_t{b3} << 8) |
                              std::uint32_t{b4});
    return a;
}

} // namespace

std::uint64_t raiseFdLimit(std::uint64_t want) {
    rlimit now{};
    if (::getrlimit(RLIMIT_NOFILE, &now) != 0) {
        return 0;
    }
    if (now.rlim_cur >= want) {
        return now.rlim_cur;
    }
    const rlimit both{want, std::max<rlim_t>(want, now.rlim_max)};
    if (::setrlimit(RLIMIT_NOFILE, &both) != 0) {
        const rlimit hard{now.rlim_max, now.rlim_max};
        (void)::setrlimit(RLIMIT_NOFILE, &hard);
    }
    (void)::getrlimit(RLIMIT_NOFILE, &now);
    return now.rlim_cur;
}

OpenSockets::~OpenSockets() {
    closeAll();
}

void OpenSockets::closeAll() {
    for (int fd : fds) {
        ::close(fd);
    }
    fds.clear();
}

ConnectResult connectMany(std::uint16_t port, int listenFd, std::uint64_t count, int net,
                          int sources, Clock::time_point deadline) {
    ConnectResult out;
    out.sockets.fds.reserve(count);
    const int ep = ::epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) {
        out.failed = count;
        out.firstError = "epoll_create1: " + errnoText(errno);
        return out;
    }
    const auto fail = [&out](int fd, const sockaddr_in& from, int err) {
        ++out.failed;
        if (out.firstError.empty()) {
            char addr[INET_ADDRSTRLEN] = {};
            ::inet_ntop(AF_INET, &from.sin_addr, addr, sizeof addr);
            out.firstError = std::string("connect from ") + addr + ": " + errnoText(err);
        }
        if (fd >= 0) {
            ::close(fd);
        }
    };
    const sockaddr_in to = loopback(0, 0, 1, port);
    std::uint64_t started = 0;
    int inFlight = 0;
    const auto t0 = Clock::now();
    std::vector<epoll_event> events(kInFlight);
    while (out.sockets.fds.size() + out.failed < count) {
        if (Clock::now() > deadline) {
            out.timedOut = true;
            break;
        }
        const AcceptQueue queue = listenFd >= 0 ? acceptQueue(listenFd) : AcceptQueue{};
        const int room =
            queue.backlog > 0 ? std::max(1, queue.backlog * 3 / 4) - queue.waiting : kInFlight;
        while (inFlight < std::min(kInFlight, room) && started < count) {
            const sockaddr_in from = loopback(
                static_cast<std::uint8_t>(net), 0,
                static_cast<std::uint8_t>(1 + started % static_cast<unsigned>(sources)), 0);
            ++started;
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                fail(-1, from, errno);
                continue;
            }
            const int one = 1;
            (void)::setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
            if (::bind(fd, reinterpret_cast<const sockaddr*>(&from), sizeof from) != 0) {
                fail(fd, from, errno);
                continue;
            }
            if (::connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof to) == 0) {
                out.sockets.fds.push_back(fd);
                continue;
            }
            if (errno != EINPROGRESS) {
                fail(fd, from, errno);
                continue;
            }
            epoll_event ev{};
            ev.events = EPOLLOUT;
            ev.data.fd = fd;
            (void)::epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
            ++inFlight;
        }
        // Wait for a handshake, or briefly for the acceptor to take from its queue.
        const int n = ::epoll_wait(ep, events.data(), static_cast<int>(events.size()),
                                   inFlight > 0 ? 100 : 1);
        for (int i = 0; i < n; ++i) {
            const int fd = events[static_cast<std::size_t>(i)].data.fd;
            (void)::epoll_ctl(ep, EPOLL_CTL_DEL, fd, nullptr);
            --inFlight;
            int err = 0;
            socklen_t len = sizeof err;
            (void)::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err == 0) {
                out.sockets.fds.push_back(fd);
            } else {
                sockaddr_in from{};
                socklen_t fromLen = sizeof from;
                (void)::getsockname(fd, reinterpret_cast<sockaddr*>(&from), &fromLen);
                fail(fd, from, err);
            }
        }
    }
    out.seconds = ms(Clock::now() - t0) / 1000.0;
    out.connected = out.sockets.fds.size();
    ::close(ep); // handshakes still in flight at a timeout: their sockets are leaked to exit
    return out;
}

AcceptLoop::AcceptLoop(int backlog) {
    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a = loopback(0, 0, 1, 0);
    socklen_t len = sizeof a;
    if (m_listen < 0 || ::bind(m_listen, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0 ||
        ::listen(m_listen, backlog) != 0 ||
        ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        m_error = "listen 127.0.0.1:0: " + errnoText(errno);
        return;
    }
    m_port = ntohs(a.sin_port);
    m_times.reserve(1u << 16);
    m_thread = std::thread([this] { run(); });
}

AcceptLoop::~AcceptLoop() {
    stop();
    if (m_listen >= 0) {
        ::close(m_listen);
    }
}

void AcceptLoop::run() {
    while (!m_stop.load()) {
        const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) {
                continue;
            }
            if (m_error.empty() && !m_stop.load()) {
                m_error = "accept4: " + errnoText(errno);
            }
            return;
        }
        m_sockets.fds.push_back(fd);
        m_times.push_back(Clock::now());
        m_accepted.fetch_add(1);
    }
}

void AcceptLoop::stop() {
    if (!m_thread.joinable()) {
        return;
    }
    m_stop = true;
    ::shutdown(m_listen, SHUT_RDWR); // wakes the blocking accept4
    m_thread.join();
}

Clock::time_point AcceptLoop::acceptedAt(std::uint64_t n) const {
    return n == 0 || n > m_times.size() ? Clock::time_point{} : m_times[n - 1];
}

ClientProcess::ClientProcess(ClientProcess&& other) noexcept
    : pid(other.pid), stdinFd(other.stdinFd) {
    other.pid = -1;
    other.stdinFd = -1;
}

ClientProcess::~ClientProcess() {
    end();
}

void ClientProcess::end() {
    if (stdinFd >= 0) {
        ::close(stdinFd);
        stdinFd = -1;
    }
    if (pid > 0) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        pid = -1;
    }
}

ConnectResult connectManyInChild(const char* self, std::uint16_t port, int listenFd,
                                 std::uint64_t count, int net, int sources, int timeoutS,
                                 ClientProcess& process) {
    ConnectResult out;
    int in[2];
    int result[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(result, O_CLOEXEC) != 0) {
        out.failed = count;
        out.firstError = "pipe2: " + errnoText(errno);
        return out;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, result[1], 1);
    posix_spawn_file_actions_adddup2(&actions, listenFd, 3); // dup2 clears FD_CLOEXEC
    const std::vector<std::string> args = {self,
                                           "--connect-child",
                                           std::to_string(port),
                                           std::to_string(count),
                                           std::to_string(net),
                                           std::to_string(sources),
                                           std::to_string(timeoutS)};
    std::vector<char*> argv;
    for (const std::string& a : args) {
        argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, self, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(result[1]);
    if (rc != 0) {
        ::close(in[1]);
        ::close(result[0]);
        out.failed = count;
        out.firstError = "posix_spawn " + std::string(self) + ": " + errnoText(rc);
        return out;
    }
    process.pid = pid;
    process.stdinFd = in[1];
    std::string line;
    char buf[512];
    for (ssize_t n; (n = ::read(result[0], buf, sizeof buf)) > 0;) {
        line.append(buf, static_cast<std::size_t>(n));
        if (line.find('\n') != std::string::npos) {
            break;
        }
    }
    ::close(result[0]);
    std::istringstream fields(line);
    int timedOut = 0;
    if (!(fields >> out.connected >> out.failed >> out.seconds >> timedOut)) {
        out.failed = count;
        out.firstError = "client process gave no result";
        return out;
    }
    out.timedOut = timedOut != 0;
    std::getline(fields >> std::ws, out.firstError);
    return out;
}

int connectChildMain(int argc, char** argv) {
    if (argc < 7) {
        return 2;
    }
    const auto port = static_cast<std::uint16_t>(std::atoi(argv[2]));
    const std::uint64_t count = std::strtoull(argv[3], nullptr, 10);
    const int net = std::atoi(argv[4]);
    const int sources = std::atoi(argv[5]);
    const int timeoutS = std::atoi(argv[6]);
    raiseFdLimit(count + 64);
    ConnectResult r =
        connectMany(port, 3, count, net, sources, Clock::now() + std::chrono::seconds(timeoutS));
    ::close(3);
    std::printf("%llu %llu %.6f %d %s\n", static_cast<unsigned long long>(r.connected),
                static_cast<unsigned long long>(r.failed), r.seconds, r.timedOut ? 1 : 0,
                r.firstError.c_str());
    std::fflush(stdout);
    char c;
    while (::read(0, &c, 1) > 0) {
    }
    return 0;
}

int findListenerFd(std::uint16_t port) {
    DIR* d = ::opendir("/proc/self/fd");
    if (d == nullptr) {
        return -1;
    }
    int found = -1;
    while (const dirent* e = ::readdir(d)) {
        const int fd = std::atoi(e->d_name);
        sockaddr_in a{};
        socklen_t len = sizeof a;
        int listening = 0;
        socklen_t optLen = sizeof listening;
        if (e->d_name[0] == '.' || ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0 ||
            a.sin_family != AF_INET || ntohs(a.sin_port) != port ||
            ::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &optLen) != 0 || !listening) {
            continue;
        }
        found = fd;
        break;
    }
    ::closedir(d);
    return found;
}

int processThreads() {
    int n = 0;
    if (DIR* d = ::opendir("/proc/self/task")) {
        while (const dirent* e = ::readdir(d)) {
            n += e->d_name[0] != '.';
        }
        ::closedir(d);
    }
    return n;
}

} // namespace socklab::bench
