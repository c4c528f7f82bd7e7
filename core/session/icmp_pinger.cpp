#include "core/session/icmp_pinger.h"

#include "core/base/translate.h"
#include "core/codec/checksum.h"
#include "core/net/socket_ops.h"
#include "core/session/datagram_session.h"

#include <cstring>
#include <unistd.h>
#include <vector>

namespace socklab {

namespace {

constexpr std::uint8_t kEchoRequest4 = 8;
constexpr std::uint8_t kEchoReply4 = 0;
constexpr std::uint8_t kEchoRequest6 = 128;
constexpr std::uint8_t kEchoReply6 = 129;
constexpr std::size_t kIcmpHeader = 8;

std::uint16_t get16(std::span<const std::byte> b, std::size_t at) {
    return static_cast<std::uint16_t>((std::to_integer<unsigned>(b[at]) << 8) |
                                      std::to_integer<unsigned>(b[at + 1]));
}

void put16(std::vector<std::byte>& b, std::size_t at, std::uint16_t v) {
    b[at] = static_cast<std::byte>(v >> 8);
    b[at + 1] = static_cast<std::byte>(v & 0xff);
}

} // namespace

IcmpPinger::IcmpPinger(DatagramSession& session) : m_session(session) {}

IcmpPinger::~IcmpPinger() {
    cancelTimers();
}

void IcmpPinger::cancelTimers() {
    auto& loop = m_session.host().loop();
    if (m_intervalTimer != 0) {
        loop.cancelTimer(m_intervalTimer);
        m_intervalTimer = 0;
    }
    for (auto& [seq, o] : m_outstanding) {
        loop.cancelTimer(o.timeout);
    }
    m_outstanding.clear();
}

void IcmpPinger::start(const Ping& command, const Endpoint& target) {
    if (m_running) {
        cancelTimers();
        m_running = false;
        maybeFinish();
    }
    m_command = command;
    m_command.count = std::max(command.count, 1);
    m_command.interval_ms = std::max(command.interval_ms, 1);
    m_command.timeout_ms = std::max(command.timeout_ms, 1);
    m_target = target;
    m_raw = sockops::isRawType(sockops::socketType(m_session.fd()));
    m_v6 = target.kind() == AddressKind::Inet6;
    // Raw sockets see every echo reply on the host: a per-process, per-session identifier tells
    // ours apart. Ping sockets get theirs from the kernel (the local "port").
    m_identifier = static_cast<std::uint16_t>((::getpid() * 31u + m_session.id() * 2654435761u));
    m_sent = 0;
    m_received = 0;
    m_running = true;
    sendNext();
    if (m_running && m_sent < m_command.count) {
        m_intervalTimer = m_session.host().loop().addTimer(
            m_command.interval_ms, [this] { sendNext(); }, true);
    }
}

void IcmpPinger::sendNext() {
    if (!m_running || m_sent >= m_command.count) {
        return;
    }
    const std::uint16_t seq = m_nextSequence++;
    std::vector<std::byte> packet(kIcmpHeader + std::max<std::size_t>(m_command.payloadBytes, 8));
    packet[0] = static_cast<std::byte>(m_v6 ? kEchoRequest6 : kEchoRequest4);
    put16(packet, 4, m_identifier);
    put16(packet, 6, seq);
    const auto now = std::chrono::steady_clock::now();
    const std::int64_t ns = now.time_since_epoch().count();
    std::memcpy(packet.data() + kIcmpHeader, &ns, sizeof ns);
    for (std::size_t i = kIcmpHeader + 8; i < packet.size(); ++i) {
        packet[i] = static_cast<std::byte>(i & 0xff);
    }
    if (!m_v6) {
        put16(packet, 2, internetChecksum(packet));
    }
    ++m_sent;
    if (m_sent >= m_command.count && m_intervalTimer != 0) {
        m_session.host().loop().cancelTimer(m_intervalTimer);
        m_intervalTimer = 0;
    }
    if (!m_session.sendDatagram(packet, &m_target, RecordFlag::Icmp)) {
        // The session reported the send error; count the echo as lost.
        PingResult res;
        res.sequence = seq;
        res.identifier = m_identifier;
        res.timedOut = true;
        EngineEvent e;
        e.kind = EngineEvent::Kind::PingReply;
        e.session = m_session.id();
        e.ping = res;
        m_session.host().emit(std::move(e));
        maybeFinish();
        return;
    }
    Outstanding o;
    o.sent = now;
    o.timeout =
        m_session.host().loop().addTimer(m_command.timeout_ms, [this, seq] { onTimeout(seq); });
    m_outstanding[seq] = o;
}

void IcmpPinger::onPacket(std::span<const std::byte> bytes, const Endpoint& from) {
    if (!m_running) {
        return;
    }
    int ttl = 0;
    std::span<const std::byte> icmp = bytes;
    if (m_raw && !m_v6) {
        // A raw IPv4 socket delivers the IP header too.
        if (bytes.empty() || (std::to_integer<unsigned>(bytes[0]) >> 4) != 4) {
            return;
        }
        const std::size_t ihl = (std::to_integer<unsigned>(bytes[0]) & 0x0f) * 4u;
        if (bytes.size() < ihl + kIcmpHeader) {
            return;
        }
        ttl = std::to_integer<int>(bytes[8]);
        icmp = bytes.subspan(ihl);
    }
    if (icmp.size() < kIcmpHeader) {
        return;
    }
    const auto type = std::to_integer<std::uint8_t>(icmp[0]);
    if (type != (m_v6 ? kEchoReply6 : kEchoReply4)) {
        return;
    }
    const std::uint16_t id = get16(icmp, 4);
    const std::uint16_t seq = get16(icmp, 6);
    if (m_raw && id != m_identifier) {
        return; // someone else's ping
    }
    auto it = m_outstanding.find(seq);
    if (it == m_outstanding.end()) {
        return; // duplicate or already timed out
    }
    const auto now = std::chrono::steady_clock::now();
    PingResult res;
    res.sequence = seq;
    res.identifier = id;
    res.rtt_us =
        std::chrono::duration_cast<std::chrono::microseconds>(now - it->second.sent).count();
    res.from = from.host();
    res.bytes = icmp.size() - kIcmpHeader;
    res.ttl = ttl;
    m_session.host().loop().cancelTimer(it->second.timeout);
    m_outstanding.erase(it);
    ++m_received;
    m_session.recordEvent(
        0, RecordKind::Info,
        trArgs(SL_TR("socklab", "echo reply from %1: seq %2, %3 us"), res.from, seq, res.rtt_us), 0,
        &from, RecordFlag::Icmp);
    EngineEvent e;
    e.kind = EngineEvent::Kind::PingReply;
    e.session = m_session.id();
    e.peer = from.toString();
    e.ping = res;
    m_session.host().emit(std::move(e));
    maybeFinish();
}

void IcmpPinger::onTimeout(std::uint16_t sequence) {
    auto it = m_outstanding.find(sequence);
    if (it == m_outstanding.end()) {
        return;
    }
    m_outstanding.erase(it);
    PingResult res;
    res.sequence = sequence;
    res.identifier = m_identifier;
    res.timedOut = true;
    m_session.recordEvent(0, RecordKind::Info,
                          trArgs(SL_TR("socklab", "echo seq %1 timed out"), sequence), 0, nullptr,
                          RecordFlag::Icmp);
    EngineEvent e;
    e.kind = EngineEvent::Kind::PingReply;
    e.session = m_session.id();
    e.ping = res;
    m_session.host().emit(std::move(e));
    maybeFinish();
}

void IcmpPinger::maybeFinish() {
    if (m_running && (m_sent < m_command.count || !m_outstanding.empty())) {
        return;
    }
    m_running = false;
    const int lost = m_sent - m_received;
    EngineEvent e;
    e.kind = EngineEvent::Kind::PingDone;
    e.session = m_session.id();
    e.peer = m_target.toString();
    e.text = trArgs(SL_TR("socklab", "%1 sent, %2 received, %3% lost"), m_sent, m_received,
                    m_sent ? lost * 100 / m_sent : 0);
    m_session.host().emit(std::move(e));
}

} // namespace socklab
