#include "tests/bench/support/bench_net.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <sstream>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace socklab::bench {

namespace {

using Clock = std::chrono::steady_clock;

sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return sa;
}

void readInto(int& fd, std::string& to) {
    char buf[65536];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
        to.append(buf, std::size_t(n));
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        ::close(fd);
        fd = -1;
    }
}

} // namespace

std::uint16_t freeLoopbackPort(int type) {
    const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
    sockaddr_in sa = loopback(0);
    ::bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa);
    socklen_t len = sizeof sa;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len);
    ::close(fd);
    return ntohs(sa.sin_port);
}

bool sendAll(std::uint16_t port, std::uint64_t total) {
    int fd = -1;
    const auto giveUp = Clock::now() + std::chrono::seconds(5);
    while (true) {
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in sa = loopback(port);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0) {
            break;
        }
        ::close(fd);
        if (Clock::now() > giveUp) {
            std::perror("connect");
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    timeval tv{20, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    std::vector<char> buf(256 * 1024);
    for (std::size_t i = 0; i < buf.size(); ++i) {
        buf[i] = static_cast<char>(i * 7 + 3);
    }
    std::uint64_t sent = 0;
    while (sent < total) {
        const auto want = std::size_t(std::min<std::uint64_t>(buf.size(), total - sent));
        const ssize_t n = ::send(fd, buf.data(), want, MSG_NOSIGNAL);
        if (n <= 0) {
            std::perror("send");
            ::close(fd);
            return false;
        }
        sent += std::uint64_t(n);
    }
    ::close(fd);
    return true;
}

bool haveCommand(const char* name) {
    const std::string cmd = std::string("command -v ") + name + " >/dev/null 2>&1";
    return std::system(cmd.c_str()) == 0;
}

Child::Child(const std::vector<std::string>& argv) {
    int out[2] = {-1, -1};
    int err[2] = {-1, -1};
    if (argv.empty() || ::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
        return;
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(out[1], 1);
        ::dup2(err[1], 2);
        std::vector<char*> args;
        for (const auto& a : argv) {
            args.push_back(const_cast<char*>(a.c_str()));
        }
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    m_pid = pid;
    m_outFd = out[0];
    m_errFd = err[0];
    if (pid < 0) {
        m_pid = -1;
    }
}

Child::~Child() {
    stop();
    for (int fd : {m_outFd, m_errFd}) {
        if (fd >= 0) {
            ::close(fd);
        }
    }
}

void Child::pump(int timeout_ms) {
    pollfd fds[2] = {{m_outFd, POLLIN, 0}, {m_errFd, POLLIN, 0}};
    if (::poll(fds, 2, timeout_ms) <= 0) {
        return;
    }
    if (fds[0].revents != 0) {
        readInto(m_outFd, m_out);
    }
    if (fds[1].revents != 0) {
        readInto(m_errFd, m_err);
    }
}

bool Child::waitForStderr(const std::string& needle, int timeout_ms) {
    const auto until = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (m_err.find(needle) == std::string::npos) {
        if (Clock::now() > until || (m_outFd < 0 && m_errFd < 0)) {
            return false;
        }
        pump(20);
    }
    return true;
}

int Child::wait(int timeout_ms) {
    if (m_pid <= 0) {
        return -1;
    }
    const auto until = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!m_reaped) {
        if (::waitpid(m_pid, &m_status, WNOHANG) == m_pid) {
            m_reaped = true;
            break;
        }
        if (Clock::now() > until) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, &m_status, 0);
            m_reaped = true;
            m_status = -1;
            break;
        }
        pump(20);
    }
    while (m_outFd >= 0 || m_errFd >= 0) { // the rest of the output (pipes close at exit)
        const std::size_t before = m_out.size() + m_err.size();
        pump(100);
        if (m_out.size() + m_err.size() == before) {
            break;
        }
    }
    return m_status >= 0 && WIFEXITED(m_status) ? WEXITSTATUS(m_status) : -1;
}

void Child::stop() {
    if (m_pid <= 0 || m_reaped) {
        return;
    }
    ::kill(m_pid, SIGTERM);
    wait(1000);
}

std::optional<double> iperf3TcpReceiveBps(std::uint64_t total) {
    if (!haveCommand("iperf3")) {
        return std::nullopt;
    }
    const std::string port = std::to_string(freeLoopbackPort(SOCK_STREAM));
    Child server({"iperf3", "-s", "-1", "-B", "127.0.0.1", "-p", port});
    std::optional<double> result;
    for (int attempt = 0; attempt < 50 && !result; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        Child client({"iperf3", "-J", "-c", "127.0.0.1", "-p", port, "-n", std::to_string(total)});
        client.wait(120'000);
        auto doc = nlohmann::json::parse(client.out(), nullptr, false);
        if (!doc.is_discarded() && doc.contains("end") && !doc.contains("error")) {
            result = doc["end"]["sum_received"]["bits_per_second"].get<double>() / 8.0;
        }
    }
    server.stop();
    return result;
}

std::uint64_t udpReceiveBufferErrors() {
    std::ifstream in("/proc/net/snmp");
    std::string header;
    std::string values;
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("Udp: ", 0) == 0) {
            if (header.empty()) {
                header = line;
            } else {
                values = line;
                break;
            }
        }
    }
    std::istringstream h(header);
    std::istringstream v(values);
    std::string name;
    std::string value;
    while (h >> name && v >> value) {
        if (name == "RcvbufErrors") {
            return std::strtoull(value.c_str(), nullptr, 10);
        }
    }
    return 0;
}

} // namespace socklab::bench
