#pragma once

// Test helpers: raw IP packets built by hand (IPv4/IPv6 + TCP with options, UDP, ICMP echo and
// errors, IPv6 extension headers, fragments), checksums computed here independently of the
// core's decoder. And a runner for tshark's field output.
//
//   TcpSegment s = tcp4("192.0.2.1", 40000, "192.0.2.2", 7000);
//   s.seq = 1000; s.flags = TcpFlag::Syn; s.mss = 1460; s.windowScale = 7;
//   const Packet p = build(s);                   // bytes of the IPv4 packet
//   udpPacket("2001:db8::1", 5000, "2001:db8::2", 6000, bytesOf("hi"));

#include "core/packet/packet.h"

#include <QStringList>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace socklab::test {

using Packet = std::vector<std::byte>;

/// "192.0.2.1" or "2001:db8::1" (aborts the test on a bad text).
IpAddress ip(const std::string& text);

/// IP header fields a test may want to change.
struct IpFields {
    std::uint8_t ttl = 64;
    std::uint16_t id = 0x1234;
    bool dontFragment = true;
    /// IPv6: extension headers placed before the transport, each as (type, total bytes); the
    /// fragment header (44) is always 8 bytes.
    std::vector<std::pair<std::uint8_t, std::size_t>> v6Extensions;
};

struct TcpSegment {
    IpAddress src;
    IpAddress dst;
    std::uint16_t srcPort = 0;
    std::uint16_t dstPort = 0;
    std::uint32_t seq = 0;
    std::uint32_t ack = 0;
    std::uint16_t flags = TcpFlag::Ack;
    std::uint16_t window = 502;
    std::size_t payloadBytes = 0; ///< payload of this many pattern bytes
    std::optional<std::uint16_t> mss;
    std::optional<std::uint8_t> windowScale;
    bool sackPermitted = false;
    std::vector<SackBlock> sack;
    std::optional<std::pair<std::uint32_t, std::uint32_t>> timestamps;
    bool badChecksum = false; ///< store the correct checksum + 1
    IpFields ipFields;
};

/// A TCP segment between the two addresses (both of one family).
TcpSegment tcpSegment(const std::string& src, std::uint16_t srcPort, const std::string& dst,
                      std::uint16_t dstPort);
Packet build(const TcpSegment& s);
/// A TCP segment carrying exactly payload's bytes, for capture files. The payload is written
/// over build()'s pattern bytes, so the checksum no longer matches (the import ignores it, as
/// tcpdump on loopback shows checksums the NIC would have filled in).
Packet tcpPacket(const std::string& src, std::uint16_t srcPort, const std::string& dst,
                 std::uint16_t dstPort, std::uint32_t seq, std::uint32_t ack, std::uint16_t flags,
                 std::string_view payload = {});

/// The transport bytes wrapped in an IP header (protocol proto), checksum fields untouched.
Packet ipPacket(const IpAddress& src, const IpAddress& dst, std::uint8_t proto,
                const Packet& transport, const IpFields& f = {});

Packet udpPacket(const std::string& src, std::uint16_t srcPort, const std::string& dst,
                 std::uint16_t dstPort, const Packet& payload, bool zeroChecksum = false);

/// ICMP (IPv4) or ICMPv6 echo request/reply.
Packet icmpEcho(const std::string& src, const std::string& dst, bool request, std::uint16_t id,
                std::uint16_t seq, std::size_t payloadBytes);

/// ICMP/ICMPv6 error of type/code quoting the first quoteBytes of quoted (all of it when it is
/// shorter); rest = the 4 bytes after the checksum (MTU etc.).
Packet icmpError(const std::string& src, const std::string& dst, std::uint8_t type,
                 std::uint8_t code, const Packet& quoted, std::size_t quoteBytes,
                 std::uint32_t rest = 0);

/// An IPv4 fragment: payload bytes at offsetBytes of a datagram of protocol proto.
Packet ipv4Fragment(const std::string& src, const std::string& dst, std::uint8_t proto,
                    std::uint16_t id, std::size_t offsetBytes, bool more, const Packet& payload);

/// n pattern bytes (0x41 + i % 26).
Packet patternBytes(std::size_t n);

/// One packet of a wire capture written by writeWireCapture.
struct WirePacket {
    Packet bytes;
    std::int64_t timeNs = 0; ///< wall clock, ns since the epoch
    bool bToA = false;       ///< Direction::Out (host B -> A) instead of In
    std::uint16_t flags = 0; ///< RecordFlag::Wire*
    std::uint32_t delayUs = 0;
};

/// The packets as a lab wire's TrafficStore, exported with PcapngOptions::wire to path.
/// Returns "" on success, else the export error.
std::string writeWireCapture(const std::string& path, const std::vector<WirePacket>& packets);

/// tshark -r file with args; stdout lines (empty lines kept out only at the end). An entry
/// "<tshark failed: ...>" when it could not run.
QStringList tsharkLines(const QString& file, const QStringList& args);

} // namespace socklab::test
