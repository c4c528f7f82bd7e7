#pragma once

// Test helper: capture files written by libpcap itself (pcap_open_dead + pcap_dump), so the
// file format is libpcap's and only the packets are built by hand.
//
//   std::vector<CaptureFrame> frames{{tcpPacket, kT0}, {udpPacket, kT0 + 1000}};
//   QCOMPARE(writeCapture(path, LinkFraming::Ethernet, frames), QString());
//
// Frames are IP packets; writeCapture adds the link header of the framing asked for.

#include "core/packet/packet.h"

#include <QString>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace socklab::test {

/// The link layer written before each IP packet.
enum class LinkFraming : std::uint8_t {
    Raw = 1,      ///< DLT_RAW (what SockLab's exports use)
    Ipv4,         ///< DLT_IPV4 (IPv4 packets only)
    Ethernet,     ///< DLT_EN10MB
    EthernetVlan, ///< DLT_EN10MB with one 802.1Q tag
    LinuxSll,     ///< DLT_LINUX_SLL (tcpdump -i any, v1)
    LinuxSll2,    ///< DLT_LINUX_SLL2
    Null,         ///< DLT_NULL (host byte order family)
    Loop,         ///< DLT_LOOP (network byte order family)
    Ppp,          ///< DLT_PPP: not supported by the import (for the error)
};

struct CaptureFrame {
    std::vector<std::byte> ip;     ///< the IP packet
    std::int64_t timeNs = 0;       ///< capture time, ns since the epoch (written in us)
    std::size_t capturedBytes = 0; ///< 0 = all; else keep this many bytes of the IP packet
};

/// Write frames to path as a pcap file; "" on success, else what failed.
QString writeCapture(const QString& path, LinkFraming framing,
                     const std::vector<CaptureFrame>& frames);

} // namespace socklab::test
