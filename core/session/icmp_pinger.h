#pragma once

#include "core/loop/event_loop.h"
#include "core/net/endpoint.h"
#include "core/vocab/commands.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <span>

namespace socklab {

class DatagramSession;

/// ICMP/ICMPv6 echo on a DatagramSession's socket: builds echo requests (identifier, sequence,
/// timestamp payload, checksum), sends them at the interval, matches replies by identifier and
/// sequence, times them, and reports PingReply (or a timeout) per echo and PingDone at the end.
/// Works on unprivileged ping sockets (SOCK_DGRAM: the kernel owns the identifier) and on
/// SOCK_RAW (IPv4 replies start with the IP header, which gives the TTL).
class IcmpPinger {
public:
    explicit IcmpPinger(DatagramSession& session);
    ~IcmpPinger();
    IcmpPinger(const IcmpPinger&) = delete;
    IcmpPinger& operator=(const IcmpPinger&) = delete;

    /// Begin a run; a run already in progress is reported finished first.
    void start(const Ping& command, const Endpoint& target);
    /// Every datagram the session receives passes through here.
    void onPacket(std::span<const std::byte> bytes, const Endpoint& from);

private:
    struct Outstanding {
        std::chrono::steady_clock::time_point sent;
        EventLoop::TimerId timeout = 0;
    };

    void sendNext();
    void onTimeout(std::uint16_t sequence);
    void maybeFinish();
    void cancelTimers();

    DatagramSession& m_session;
    Ping m_command;
    Endpoint m_target;
    bool m_running = false;
    bool m_raw = false; ///< SOCK_RAW: we own the identifier; else the kernel does
    bool m_v6 = false;
    std::uint16_t m_identifier = 0;
    std::uint16_t m_nextSequence = 1;
    int m_sent = 0;
    int m_received = 0;
    EventLoop::TimerId m_intervalTimer = 0;
    std::map<std::uint16_t, Outstanding> m_outstanding;
};

} // namespace socklab
