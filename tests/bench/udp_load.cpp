#include "tests/bench/udp_load.h"

#include <arpa/inet.h>
#include <chrono>
#include <cstring>
#include <endian.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace socklab::bench {

namespace {

using Clock = std::chrono::steady_clock;

// iperf3's control states (src/iperf.h) and UDP stream handshake words (src/iperf_udp.h).
constexpr int kTestStart = 1;
constexpr int kTestRunning = 2;
constexpr int kTestEnd = 4;
constexpr int kParamExchange = 9;
constexpr int kCreateStreams = 10;
constexpr int kExchangeResults = 13;
constexpr int kDisplayResults = 14;
constexpr int kIperfDone = 16;
constexpr std::uint32_t kUdpConnectMsg = 0x36373839;
constexpr std::size_t kCookieSize = 37;
constexpr int kControlTimeoutSeconds = 10;

sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return sa;
}

bool readFull(int fd, void* to, std::size_t n) {
    auto* p = static_cast<char*>(to);
    while (n > 0) {
        const ssize_t got = ::recv(fd, p, n, 0);
        if (got <= 0) {
            return false;
        }
        p += got;
        n -= std::size_t(got);
    }
    return true;
}

bool writeFull(int fd, const void* from, std::size_t n) {
    return ::send(fd, from, n, MSG_NOSIGNAL) == ssize_t(n);
}

void setTimeouts(int fd, int seconds) {
    timeval tv{seconds, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

} // namespace

SendResult sendPaced(int fd, double pps, double seconds, std::size_t size) {
    constexpr std::size_t kBurst = 64; // at most this many in one sendmmsg to catch up
    const std::size_t len = std::max<std::size_t>(size, 16);
    std::vector<unsigned char> payloads(kBurst * len, 'x');
    std::vector<iovec> iov(kBurst);
    std::vector<mmsghdr> msgs(kBurst);
    for (std::size_t i = 0; i < kBurst; ++i) {
        iov[i] = {payloads.data() + i * len, size};
        msgs[i] = {};
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    SendResult r;
    const auto t0 = Clock::now();
    const auto end = t0 + std::chrono::duration<double>(seconds);
    std::uint64_t count = 0;
    while (true) {
        const auto now = Clock::now();
        if (now >= end) {
            break;
        }
        std::uint64_t due = kBurst;
        if (pps > 0) {
            const double elapsed = std::chrono::duration<double>(now - t0).count();
            const auto target = std::uint64_t(elapsed * pps) + 1;
            if (target <= count) {
                std::this_thread::sleep_for(std::chrono::microseconds(20));
                continue;
            }
            due = std::min<std::uint64_t>(kBurst, target - count);
        }
        timeval tv{};
        ::gettimeofday(&tv, nullptr);
        const std::uint32_t sec = htonl(std::uint32_t(tv.tv_sec));
        const std::uint32_t usec = htonl(std::uint32_t(tv.tv_usec));
        for (std::uint64_t i = 0; i < due; ++i) {
            unsigned char* p = payloads.data() + i * len;
            const std::uint64_t seq = htobe64(count + 1 + i);
            std::memcpy(p, &sec, 4);
            std::memcpy(p + 4, &usec, 4);
            std::memcpy(p + 8, &seq, 8);
        }
        const int n = ::sendmmsg(fd, msgs.data(), unsigned(due), 0);
        if (n > 0) {
            count += std::uint64_t(n); // ENOBUFS/EAGAIN: not sent, not counted
        }
    }
    r.sent = count;
    r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return r;
}

Iperf3UdpTest::~Iperf3UdpTest() {
    for (int fd : {m_control, m_udp}) {
        if (fd >= 0) {
            ::close(fd);
        }
    }
}

bool Iperf3UdpTest::expectState(int want) {
    signed char state = 0;
    if (!readFull(m_control, &state, 1)) {
        m_error = "iperf3 control: no state " + std::to_string(want);
        return false;
    }
    if (state != want) {
        m_error = "iperf3 control: state " + std::to_string(state) + " instead of " +
                  std::to_string(want);
        return false;
    }
    return true;
}

bool Iperf3UdpTest::sendState(int state) {
    const auto c = static_cast<signed char>(state);
    return writeFull(m_control, &c, 1);
}

bool Iperf3UdpTest::sendJson(const std::string& json) {
    const std::uint32_t len = htonl(std::uint32_t(json.size()));
    return writeFull(m_control, &len, 4) && writeFull(m_control, json.data(), json.size());
}

bool Iperf3UdpTest::readJson() {
    std::uint32_t len = 0;
    if (!readFull(m_control, &len, 4)) {
        return false;
    }
    std::string json(ntohl(len), '\0');
    return readFull(m_control, json.data(), json.size());
}

int Iperf3UdpTest::start(std::uint16_t port, std::size_t size, double pps, double seconds) {
    const auto giveUp = Clock::now() + std::chrono::seconds(5);
    const sockaddr_in server = loopback(port);
    while (true) {
        m_control = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (::connect(m_control, reinterpret_cast<const sockaddr*>(&server), sizeof server) == 0) {
            break;
        }
        ::close(m_control);
        m_control = -1;
        if (Clock::now() > giveUp) {
            m_error = "iperf3 control: cannot connect";
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    setTimeouts(m_control, kControlTimeoutSeconds);
    std::string cookie(kCookieSize, '\0');
    for (std::size_t i = 0; i + 1 < kCookieSize; ++i) {
        cookie[i] = "abcdefghijklmnopqrstuvwxyz234567"[(i * 7 + std::size_t(port)) % 32];
    }
    if (!writeFull(m_control, cookie.data(), cookie.size()) || !expectState(kParamExchange)) {
        return -1;
    }
    const auto bitsPerSecond = static_cast<unsigned long long>(pps * double(size) * 8.0);
    const std::string params =
        "{\"udp\":true,\"omit\":0,\"time\":" + std::to_string(int(seconds) + 2) +
        ",\"num\":0,\"blockcount\":0,\"parallel\":1,\"len\":" + std::to_string(size) +
        ",\"bandwidth\":" + std::to_string(bitsPerSecond) +
        ",\"pacing_timer\":1000,\"udp_counters_64bit\":1,\"client_version\":\"3.12\"}";
    if (!sendJson(params) || !expectState(kCreateStreams)) {
        return -1;
    }
    m_udp = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    setTimeouts(m_udp, kControlTimeoutSeconds);
    std::uint32_t word = kUdpConnectMsg;
    if (::connect(m_udp, reinterpret_cast<const sockaddr*>(&server), sizeof server) != 0 ||
        !writeFull(m_udp, &word, 4) || ::recv(m_udp, &word, 4, 0) != 4) {
        m_error = "iperf3 UDP stream: no connect reply";
        return -1;
    }
    setTimeouts(m_udp, 0);
    if (!expectState(kTestStart) || !expectState(kTestRunning)) {
        return -1;
    }
    return m_udp;
}

bool Iperf3UdpTest::finish(const SendResult& sent, std::size_t size) {
    if (m_control < 0 || !sendState(kTestEnd) || !expectState(kExchangeResults)) {
        return false;
    }
    const std::string results =
        "{\"cpu_util_total\":0,\"cpu_util_user\":0,\"cpu_util_system\":0,"
        "\"sender_has_retransmits\":-1,\"streams\":[{\"id\":1,\"bytes\":" +
        std::to_string(sent.sent * size) +
        ",\"retransmits\":-1,\"jitter\":0,\"errors\":0,\"packets\":" + std::to_string(sent.sent) +
        ",\"start_time\":0,\"end_time\":" + std::to_string(sent.seconds) + "}]}";
    if (!sendJson(results) || !readJson() || !expectState(kDisplayResults)) {
        m_error = m_error.empty() ? "iperf3 control: results exchange failed" : m_error;
        return false;
    }
    return sendState(kIperfDone);
}

} // namespace socklab::bench
