#pragma once

// The one UDP sender of bench_udp_loss, the same for every receiver: paced 64-byte datagrams
// carrying iperf3's UDP header, sent plainly or inside an iperf3 test it sets up itself.

#include <cstddef>
#include <cstdint>
#include <string>

namespace socklab::bench {

struct SendResult {
    std::uint64_t sent = 0; ///< datagrams the kernel accepted
    double seconds = 0;
};

/// Sends `size`-byte datagrams on the connected UDP socket fd for `seconds`, at `pps` datagrams
/// a second (0: as fast as the socket takes them). Each starts with iperf3's UDP header (send
/// time, then a 64-bit count from 1), so an iperf3 server can count them.
SendResult sendPaced(int fd, double pps, double seconds, std::size_t size);

/// The client side of one iperf3 UDP test (iperf3 3.x control protocol), so that the iperf3
/// server receives exactly what sendPaced sends to the other receivers.
class Iperf3UdpTest {
public:
    Iperf3UdpTest() = default;
    ~Iperf3UdpTest();
    Iperf3UdpTest(const Iperf3UdpTest&) = delete;
    Iperf3UdpTest& operator=(const Iperf3UdpTest&) = delete;

    /// Control connection to 127.0.0.1:port (retrying while the server starts), parameters,
    /// the UDP stream; returns the connected UDP socket to send on, or -1 (see error()).
    int start(std::uint16_t port, std::size_t size, double pps, double seconds);
    /// Ends the test and exchanges results; the server then prints its JSON and exits.
    bool finish(const SendResult& sent, std::size_t size);
    [[nodiscard]] const std::string& error() const { return m_error; }

private:
    bool expectState(int want);
    bool sendState(int state);
    bool sendJson(const std::string& json);
    bool readJson();

    int m_control = -1;
    int m_udp = -1;
    std::string m_error;
};

} // namespace socklab::bench
