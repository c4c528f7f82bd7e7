// Raw IP packet decoding: hand-built packets decode field by field, summaries are exact, broken
// packets name what is wrong, every truncation and thousands of random mutations decode without
// reading out of bounds, and tshark (an independent decoder) agrees on the packets.
#include "core/packet/packet.h"
#include "core/support/packet_builder.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <arpa/inet.h>
#include <random>

using namespace socklab;
using namespace socklab::test;

namespace {

constexpr std::int64_t kT0 = 1'700'000'000'000'000'000;

DecodedPacket decode(const Packet& p) {
    return decodePacket(p);
}

Packet cut(const Packet& p, std::size_t n) {
    return Packet(p.begin(), p.begin() + n);
}

void setByte(Packet& p, std::size_t at, unsigned v) {
    p[at] = static_cast<std::byte>(v);
}

TcpSegment synV4() {
    TcpSegment s = tcpSegment("192.0.2.1", 40000, "192.0.2.2", 7000);
    s.seq = 1000;
    s.flags = TcpFlag::Syn;
    s.window = 64240;
    s.mss = 1460;
    s.sackPermitted = true;
    s.timestamps = {{12345, 0}};
    s.windowScale = 7;
    return s;
}

TcpSegment dataV6() {
    TcpSegment s = tcpSegment("2001:db8::1", 40000, "2001:db8::2", 7000);
    s.seq = 5;
    s.ack = 7;
    s.flags = TcpFlag::Psh | TcpFlag::Ack;
    s.payloadBytes = 100;
    s.sack = {{100, 200}};
    s.ipFields.v6Extensions = {{IpProto::HopByHop, 8}, {IpProto::DestOptions, 16}};
    return s;
}

Packet udpV4(std::size_t n = 100) {
    return udpPacket("192.0.2.1", 5000, "192.0.2.2", 6000, patternBytes(n));
}

Packet portUnreachable() {
    return icmpError("192.0.2.2", "192.0.2.1", 3, 3, udpV4(), 28);
}

// Every packet the tests build, for the truncation and mutation loops.
std::vector<Packet> allPackets() {
    TcpSegment bad = synV4();
    bad.badChecksum = true;
    TcpSegment v6frag = dataV6();
    v6frag.ipFields.v6Extensions = {{IpProto::Fragment, 8}};
    return {
        build(synV4()),
        build(dataV6()),
        build(bad),
        build(v6frag),
        udpV4(),
        udpPacket("2001:db8::1", 5000, "2001:db8::2", 6000, patternBytes(33)),
        icmpEcho("192.0.2.1", "192.0.2.2", true, 66, 7, 56),
        icmpEcho("2001:db8::2", "2001:db8::1", false, 66, 7, 56),
        portUnreachable(),
        icmpError("2001:db8::ff", "2001:db8::1", 2, 0, build(dataV6()), 1232, 1280),
        icmpError("198.51.100.1", "192.0.2.1", 11, 0,
                  icmpEcho("192.0.2.1", "192.0.2.2", true, 66, 7, 56), 28),
        ipv4Fragment("192.0.2.1", "192.0.2.2", IpProto::Udp, 0x99, 1480, false, patternBytes(100)),
    };
}

} // namespace

class TestPacketDecode : public QObject {
    Q_OBJECT

private slots:
    void ipv4TcpSynWithOptions() {
        const Packet bytes = build(synV4());
        const DecodedPacket p = decode(bytes);
        QVERIFY2(p.ok(), p.problem.c_str());
        QVERIFY(p.ipComplete);
        QCOMPARE(p.capturedLength, bytes.size());
        QCOMPARE(p.ip.version, 4);
        QCOMPARE(addressText(p.ip.src), std::string("192.0.2.1"));
        QCOMPARE(addressText(p.ip.dst), std::string("192.0.2.2"));
        QCOMPARE(p.ip.headerLength, std::size_t(20));
        QCOMPARE(p.ip.totalLength, std::size_t(60));
        QCOMPARE(p.ip.ttl, std::uint8_t(64));
        QCOMPARE(p.ip.protocol, IpProto::Tcp);
        QCOMPARE(p.ip.id, 0x1234u);
        QVERIFY(p.ip.dontFragment);
        QVERIFY(!p.ip.moreFragments);
        QCOMPARE(p.ip.fragmentOffset, 0u);
        QVERIFY(p.ip.headerChecksumValid);
        QVERIFY(p.tcp && !p.udp && !p.icmp);
        const TcpHeader& t = *p.tcp;
        QCOMPARE(t.srcPort, std::uint16_t(40000));
        QCOMPARE(t.dstPort, std::uint16_t(7000));
        QCOMPARE(t.seq, 1000u);
        QCOMPARE(t.ack, 0u);
        QCOMPARE(t.dataOffset, std::uint8_t(10));
        QCOMPARE(t.flags, TcpFlag::Syn);
        QCOMPARE(t.window, std::uint16_t(64240));
        QCOMPARE(t.mss, std::optional<std::uint16_t>(1460));
        QCOMPARE(t.windowScale, std::optional<std::uint8_t>(7));
        QVERIFY(t.sackPermitted);
        QVERIFY(t.sack.empty());
        QCOMPARE(t.tsVal, std::optional<std::uint32_t>(12345));
        QCOMPARE(t.tsEcr, std::optional<std::uint32_t>(0));
        QCOMPARE(t.payloadOffset, std::size_t(60));
        QCOMPARE(t.payloadLength, std::size_t(0));
        QCOMPARE(t.segmentLength, std::size_t(0));
        QCOMPARE(t.checksumStatus, ChecksumStatus::Good);
        QCOMPARE(packetSummary(p), std::string("TCP 192.0.2.1:40000 -> 192.0.2.2:7000 [SYN] "
                                               "seq=1000 win=64240 len=0 mss=1460 ws=128 "
                                               "sack_perm tsval=12345 tsecr=0"));
    }

    void ipv6TcpAfterExtensionHeaders() {
        const DecodedPacket p = decode(build(dataV6()));
        QVERIFY2(p.ok(), p.problem.c_str());
        QCOMPARE(p.ip.version, 6);
        QCOMPARE(addressText(p.ip.src), std::string("2001:db8::1"));
        QCOMPARE(p.ip.nextHeader, IpProto::HopByHop);
        QCOMPARE(p.ip.extensionHeaders,
                 (std::vector<std::uint8_t>{IpProto::HopByHop, IpProto::DestOptions}));
        QCOMPARE(p.ip.protocol, IpProto::Tcp);
        QCOMPARE(p.ip.headerLength, std::size_t(64));
        QCOMPARE(p.ip.payloadLength, std::uint16_t(24 + 32 + 100));
        QCOMPARE(p.ip.ttl, std::uint8_t(64));
        QVERIFY(p.tcp);
        QCOMPARE(p.tcp->dataOffset, std::uint8_t(8));
        QCOMPARE(p.tcp->sack, (std::vector<SackBlock>{{100, 200}}));
        QCOMPARE(p.tcp->payloadOffset, std::size_t(96));
        QCOMPARE(p.tcp->payloadLength, std::size_t(100));
        QCOMPARE(p.tcp->checksumStatus, ChecksumStatus::Good);
        QCOMPARE(packetSummary(p), std::string("TCP [2001:db8::1]:40000 -> [2001:db8::2]:7000 "
                                               "[PSH, ACK] seq=5 ack=7 win=502 len=100 "
                                               "sack=100-200"));
    }

    void udpChecksums() {
        DecodedPacket p = decode(udpV4());
        QVERIFY2(p.ok(), p.problem.c_str());
        QVERIFY(p.udp);
        QCOMPARE(p.udp->srcPort, std::uint16_t(5000));
        QCOMPARE(p.udp->length, std::uint16_t(108));
        QCOMPARE(p.udp->payloadOffset, std::size_t(28));
        QCOMPARE(p.udp->payloadLength, std::size_t(100));
        QCOMPARE(p.udp->checksumStatus, ChecksumStatus::Good);
        QCOMPARE(packetSummary(p), std::string("UDP 192.0.2.1:5000 -> 192.0.2.2:6000 len=100"));

        p = decode(udpPacket("192.0.2.1", 5000, "192.0.2.2", 6000, patternBytes(3), true));
        QCOMPARE(p.udp->checksumStatus, ChecksumStatus::Absent);
        QVERIFY(p.ok());

        const Packet v6 = udpPacket("2001:db8::1", 5000, "2001:db8::2", 6000, patternBytes(33));
        p = decode(v6);
        QCOMPARE(p.udp->checksumStatus, ChecksumStatus::Good);
        QCOMPARE(packetSummary(p),
                 std::string("UDP [2001:db8::1]:5000 -> [2001:db8::2]:6000 len=33"));
        // IPv6 makes the UDP checksum mandatory: 0 is wrong there.
        p = decode(udpPacket("2001:db8::1", 5000, "2001:db8::2", 6000, patternBytes(33), true));
        QCOMPARE(p.udp->checksumStatus, ChecksumStatus::Bad);
        QCOMPARE(packetSummary(p), std::string("UDP [2001:db8::1]:5000 -> [2001:db8::2]:6000 "
                                               "len=33 [bad checksum]"));
        // One payload bit flipped.
        Packet flipped = v6;
        flipped.back() ^= std::byte{0x10};
        QCOMPARE(decode(flipped).udp->checksumStatus, ChecksumStatus::Bad);
    }

    void icmpEchoBothFamilies() {
        DecodedPacket p = decode(icmpEcho("192.0.2.1", "192.0.2.2", true, 66, 7, 56));
        QVERIFY2(p.ok(), p.problem.c_str());
        QVERIFY(p.icmp);
        QVERIFY(!p.icmp->v6);
        QCOMPARE(p.icmp->type, std::uint8_t(8));
        QVERIFY(p.icmp->echo);
        QVERIFY(!p.icmp->isError());
        QCOMPARE(p.icmp->echoId, std::uint16_t(66));
        QCOMPARE(p.icmp->echoSeq, std::uint16_t(7));
        QCOMPARE(p.icmp->checksumStatus, ChecksumStatus::Good);
        QCOMPARE(packetSummary(p),
                 std::string("ICMP 192.0.2.1 -> 192.0.2.2 echo request id=66 seq=7 len=56"));
        p = decode(icmpEcho("2001:db8::2", "2001:db8::1", false, 66, 7, 56));
        QVERIFY(p.icmp && p.icmp->v6);
        QCOMPARE(p.icmp->type, std::uint8_t(129));
        QCOMPARE(p.icmp->checksumStatus, ChecksumStatus::Good); // over the pseudo-header
        QCOMPARE(packetSummary(p),
                 std::string("ICMPv6 2001:db8::2 -> 2001:db8::1 echo reply id=66 seq=7 len=56"));
    }

    void icmpErrorsQuoteThePacket() {
        DecodedPacket p = decode(portUnreachable());
        QVERIFY2(p.ok(), p.problem.c_str());
        QVERIFY(p.icmp && p.icmp->isError());
        QCOMPARE(p.icmp->type, std::uint8_t(3));
        QCOMPARE(p.icmp->code, std::uint8_t(3));
        QCOMPARE(p.icmp->checksumStatus, ChecksumStatus::Good);
        QVERIFY(p.icmp->quoted);
        const QuotedPacket& q = *p.icmp->quoted;
        QVERIFY(q.problem.empty());
        QCOMPARE(addressText(q.ip.src), std::string("192.0.2.1"));
        QCOMPARE(addressText(q.ip.dst), std::string("192.0.2.2"));
        QCOMPARE(q.ip.protocol, IpProto::Udp);
        QCOMPARE(q.ip.totalLength, std::size_t(128)); // the original length, beyond the quote
        QCOMPARE(q.srcPort, std::optional<std::uint16_t>(5000));
        QCOMPARE(q.dstPort, std::optional<std::uint16_t>(6000));
        QCOMPARE(packetSummary(p), std::string("ICMP 192.0.2.2 -> 192.0.2.1 destination "
                                               "unreachable (port unreachable) for UDP "
                                               "192.0.2.1:5000 -> 192.0.2.2:6000"));

        TcpSegment seg = synV4();
        p = decode(icmpError("192.0.2.254", "192.0.2.1", 3, 4, build(seg), 28, 1400));
        QVERIFY2(p.ok(), p.problem.c_str());
        QCOMPARE(p.icmp->mtu, 1400u);
        QCOMPARE(p.icmp->quoted->tcpSeq, std::optional<std::uint32_t>(1000));
        QCOMPARE(packetSummary(p), std::string("ICMP 192.0.2.254 -> 192.0.2.1 destination "
                                               "unreachable (fragmentation needed, mtu 1400) "
                                               "for TCP 192.0.2.1:40000 -> 192.0.2.2:7000"));

        p = decode(icmpError("2001:db8::ff", "2001:db8::1", 2, 0, build(dataV6()), 1232, 1280));
        QVERIFY2(p.ok(), p.problem.c_str());
        QCOMPARE(p.icmp->mtu, 1280u);
        QCOMPARE(p.icmp->checksumStatus, ChecksumStatus::Good);
        QCOMPARE(p.icmp->quoted->ip.protocol, IpProto::Tcp); // after its extension headers
        QCOMPARE(packetSummary(p),
                 std::string("ICMPv6 2001:db8::ff -> 2001:db8::1 packet too big (mtu 1280) for "
                             "TCP [2001:db8::1]:40000 -> [2001:db8::2]:7000"));

        p = decode(icmpError("198.51.100.1", "192.0.2.1", 11, 0,
                             icmpEcho("192.0.2.1", "192.0.2.2", true, 66, 7, 56), 28));
        QVERIFY2(p.ok(), p.problem.c_str());
        QCOMPARE(packetSummary(p), std::string("ICMP 198.51.100.1 -> 192.0.2.1 time exceeded "
                                               "(ttl exceeded in transit) for ICMP 192.0.2.1 -> "
                                               "192.0.2.2 echo id=66 seq=7"));

        p = decode(icmpError("2001:db8::ff", "2001:db8::1", 1, 4,
                             udpPacket("2001:db8::1", 5000, "2001:db8::2", 6000, patternBytes(9)),
                             1000));
        QCOMPARE(packetSummary(p), std::string("ICMPv6 2001:db8::ff -> 2001:db8::1 destination "
                                               "unreachable (port unreachable) for UDP "
                                               "[2001:db8::1]:5000 -> [2001:db8::2]:6000"));

        // A quote too short for the IP header it starts is a problem of the ICMP packet.
        p = decode(icmpError("192.0.2.2", "192.0.2.1", 3, 3, udpV4(), 12));
        QCOMPARE(p.problem,
                 std::string("ICMP quoted packet: IPv4 header cut after 12 of 20 bytes"));
        QVERIFY(p.icmp && p.icmp->quoted);
    }

    void badChecksums() {
        TcpSegment s = synV4();
        s.badChecksum = true;
        DecodedPacket p = decode(build(s));
        QVERIFY(p.ok()); // a wrong checksum is a fact about the packet, not a decoding problem
        QCOMPARE(p.tcp->checksumStatus, ChecksumStatus::Bad);
        QVERIFY(packetSummary(p).ends_with("tsecr=0 [bad checksum]"));

        TcpSegment v6 = dataV6();
        v6.badChecksum = true;
        QCOMPARE(decode(build(v6)).tcp->checksumStatus, ChecksumStatus::Bad);

        Packet ttl = build(synV4());
        setByte(ttl, 8, 63); // TTL changed without fixing the header checksum
        p = decode(ttl);
        QVERIFY(!p.ip.headerChecksumValid);
        QCOMPARE(p.ip.ttl, std::uint8_t(63));
        QVERIFY(packetSummary(p).ends_with(" [bad IPv4 header checksum]"));
    }

    void malformedPacketsNameTheProblem() {
        Packet b = build(synV4());
        setByte(b, 0, 0x44);
        DecodedPacket p = decode(b);
        QCOMPARE(p.problem, std::string("IPv4 header length 4 words is below the minimum 5"));
        QCOMPARE(addressText(p.ip.src), std::string("192.0.2.1")); // what could be decoded
        QVERIFY(!p.tcp);
        QCOMPARE(packetSummary(p),
                 std::string("malformed: IPv4 header length 4 words is below the minimum 5"));

        b = build(synV4());
        setByte(b, 0, 0x55);
        QCOMPARE(decode(b).problem, std::string("IP version 5 is neither 4 nor 6"));
        QCOMPARE(decode(Packet{}).problem, std::string("empty packet"));

        p = decode(cut(build(synV4()), 10));
        QCOMPARE(p.problem, std::string("IPv4 header cut after 10 of 20 bytes"));
        QCOMPARE(p.ip.ttl, std::uint8_t(64));
        QCOMPARE(p.ip.protocol, IpProto::Tcp);

        p = decode(cut(build(synV4()), 50));
        QCOMPARE(p.problem, std::string("IPv4 total length 60 exceeds the packet length 50; TCP "
                                        "data offset 10 words (40 bytes) exceeds the 30 bytes "
                                        "left"));
        QVERIFY(p.tcp && p.tcp->partial);
        QCOMPARE(p.tcp->seq, 1000u);
        QCOMPARE(packetSummary(p), std::string("TCP 192.0.2.1:40000 -> 192.0.2.2:7000 "
                                               "[malformed: " +
                                               p.problem + "]"));

        TcpSegment data = synV4();
        data.flags = TcpFlag::Ack;
        data.payloadBytes = 100;
        // The IP header claims more than the packet has: the segment is what is there.
        p = decode(cut(build(data), 100));
        QCOMPARE(p.problem, std::string("IPv4 total length 160 exceeds the packet length 100"));
        QVERIFY(p.tcp && !p.tcp->partial);
        QCOMPARE(p.tcp->payloadLength, std::size_t(40));
        QCOMPARE(p.tcp->segmentLength, std::size_t(40));
        QCOMPARE(p.tcp->checksumStatus, ChecksumStatus::Bad);
        // The same bytes from a capture cut at 100 of the packet's 160 bytes: not malformed.
        p = decodePacket(cut(build(data), 100), 160);
        QVERIFY2(p.ok(), p.problem.c_str());
        QCOMPARE(p.note, std::string("captured 100 of 160 bytes"));
        QCOMPARE(p.wireLength, std::size_t(160));
        QCOMPARE(p.tcp->payloadLength, std::size_t(40));
        QCOMPARE(p.tcp->segmentLength, std::size_t(100));
        QCOMPARE(p.tcp->checksumStatus, ChecksumStatus::NotChecked);

        b = build(synV4());
        setByte(b, 32, 0x40); // data offset 4
        QCOMPARE(decode(b).problem, std::string("TCP data offset 4 words is below the minimum 5"));

        b = build(synV4());
        setByte(b, 41, 0); // the MSS option's length
        QCOMPARE(decode(b).problem, std::string("TCP option kind 2 has length 0 (below 2)"));
        b = build(synV4());
        setByte(b, 58, 9); // window scale option (last) claims 9 bytes
        QCOMPARE(decode(b).problem,
                 std::string("TCP option kind 3 of 9 bytes runs past the end of the options"));

        b = udpV4();
        setByte(b, 24, 0);
        setByte(b, 25, 4);
        QCOMPARE(decode(b).problem, std::string("UDP length 4 is below 8"));
        b = udpV4();
        setByte(b, 24, 0x10);
        QCOMPARE(decode(b).problem, std::string("UDP length 4204 exceeds the 108 bytes of IP "
                                                "payload"));

        p = decode(cut(build(dataV6()), 30));
        QCOMPARE(p.problem, std::string("IPv6 header cut after 30 of 40 bytes"));
        QCOMPARE(p.ip.version, 6);
        p = decode(cut(build(dataV6()), 44));
        QCOMPARE(p.problem, std::string("IPv6 payload length 156 exceeds the 4 bytes after the "
                                        "header; IPv6 hop-by-hop options header at "
                                        "offset 40 cut after 4 of 8 bytes"));

        b = icmpEcho("192.0.2.1", "192.0.2.2", true, 1, 1, 0);
        p = decode(cut(b, 24));
        QCOMPARE(p.problem, std::string("IPv4 total length 28 exceeds the packet length 24; "
                                        "ICMP header cut after 4 of 8 bytes"));
    }

    void fragments() {
        DecodedPacket p = decode(ipv4Fragment("192.0.2.1", "192.0.2.2", IpProto::Udp, 0x99, 1480,
                                              false, patternBytes(100)));
        QVERIFY2(p.ok(), p.problem.c_str());
        QVERIFY(p.nonFirstFragment());
        QVERIFY(!p.udp);
        QCOMPARE(p.ip.fragmentOffset, 1480u);
        QCOMPARE(p.note,
                 std::string("fragment at offset 1480: the transport header is in the first "
                             "fragment"));
        QCOMPARE(packetSummary(p), std::string("IPv4 192.0.2.1 -> 192.0.2.2 fragment id=0x99 "
                                               "offset=1480 len=100 (UDP)"));

        // The first fragment carries the UDP header; its checksum covers bytes elsewhere.
        const Packet whole = udpPacket("192.0.2.1", 5000, "192.0.2.2", 6000, patternBytes(3000));
        const Packet first(whole.begin() + 20, whole.begin() + 20 + 1480);
        p = decode(ipv4Fragment("192.0.2.1", "192.0.2.2", IpProto::Udp, 0x99, 0, true, first));
        QVERIFY2(p.ok(), p.problem.c_str());
        QVERIFY(p.udp);
        QCOMPARE(p.udp->length, std::uint16_t(3008));
        QCOMPARE(p.udp->checksumStatus, ChecksumStatus::NotChecked);
        QCOMPARE(packetSummary(p), std::string("UDP 192.0.2.1:5000 -> 192.0.2.2:6000 len=3000 "
                                               "[first fragment, id=0x99]"));

        TcpSegment s = dataV6();
        s.ipFields.v6Extensions = {{IpProto::Fragment, 8}};
        Packet b = build(s);
        setByte(b, 42, (1232 >> 8) & 0xff);
        setByte(b, 43, (1232 & 0xf8) | 1); // offset 1232, more fragments
        p = decode(b);
        QVERIFY2(p.ok(), p.problem.c_str());
        QVERIFY(p.ip.fragmentHeader);
        QCOMPARE(p.ip.fragmentOffset, 1232u);
        QVERIFY(p.ip.moreFragments);
        QCOMPARE(p.ip.id, 0x1234u);
        QCOMPARE(p.ip.protocol, IpProto::Tcp);
        QVERIFY(!p.tcp);
        QCOMPARE(packetSummary(p), std::string("IPv6 2001:db8::1 -> 2001:db8::2 fragment "
                                               "id=0x1234 offset=1232 len=132 more (TCP)"));
    }

    void addressTexts() {
        QCOMPARE(addressText(ip("0.0.0.0")), std::string("0.0.0.0"));
        QCOMPARE(addressText(ip("255.255.255.255")), std::string("255.255.255.255"));
        QCOMPARE(addressText(ip("::")), std::string("::"));
        QCOMPARE(addressText(ip("::1")), std::string("::1"));
        QCOMPARE(addressText(ip("2001:DB8:0:0:0:0:0:1")), std::string("2001:db8::1"));
        QCOMPARE(addressText(ip("2001:db8:0:1:1:1:1:1")), std::string("2001:db8:0:1:1:1:1:1"));
        QCOMPARE(addressText(ip("2001:0:0:1:0:0:0:1")), std::string("2001:0:0:1::1"));
        QCOMPARE(addressText(ip("2001:db8:0:0:1:0:0:1")), std::string("2001:db8::1:0:0:1"));
        QCOMPARE(addressText(ip("::ffff:192.0.2.1")), std::string("::ffff:192.0.2.1"));
        QCOMPARE(endpointText(ip("fe80::1"), 80), std::string("[fe80::1]:80"));
        // Against the C library on addresses with many zero groups.
        std::mt19937 rng(7);
        for (int i = 0; i < 2000; ++i) {
            IpAddress a;
            a.v6 = true;
            for (std::size_t g = 0; g < 8; ++g) {
                const bool zero = rng() % 2 == 0;
                const auto v = zero ? 0u : rng() % 0x10000;
                a.bytes[2 * g] = static_cast<std::uint8_t>(v >> 8);
                a.bytes[2 * g + 1] = static_cast<std::uint8_t>(v);
            }
            bool firstSixZero = true;
            for (std::size_t k = 0; k < 12; ++k) {
                firstSixZero = firstSixZero && a.bytes[k] == 0;
            }
            if (firstSixZero) {
                continue; // glibc writes those as ::a.b.c.d (deprecated IPv4-compatible form)
            }
            char buf[64];
            QVERIFY(::inet_ntop(AF_INET6, a.bytes.data(), buf, sizeof buf));
            QCOMPARE(addressText(a), std::string(buf));
        }
    }

    void flagsText() {
        QCOMPARE(tcpFlagsText(TcpFlag::Syn | TcpFlag::Ack), std::string("SYN, ACK"));
        QCOMPARE(tcpFlagsText(TcpFlag::Fin | TcpFlag::Psh | TcpFlag::Ack | TcpFlag::Urg |
                              TcpFlag::Ece | TcpFlag::Cwr | TcpFlag::Rst),
                 std::string("FIN, RST, PSH, ACK, URG, ECE, CWR"));
        QCOMPARE(tcpFlagsText(0), std::string("<None>"));
    }

    // Every prefix of every packet, and seeded random mutations: never a crash, offsets
    // always inside the bytes, and a problem whenever the packet was cut.
    void truncationsAndMutations() {
        const auto checkBounds = [](const DecodedPacket& p) {
            if (p.tcp) {
                QVERIFY(p.tcp->payloadOffset + p.tcp->payloadLength <= p.capturedLength);
            }
            if (p.udp) {
                QVERIFY(p.udp->payloadOffset + p.udp->payloadLength <= p.capturedLength);
            }
            if (p.icmp) {
                QVERIFY(p.icmp->payloadOffset + p.icmp->payloadLength <= p.capturedLength);
            }
            QVERIFY(p.ip.headerLength <= std::max<std::size_t>(p.capturedLength, 60));
            QVERIFY(!packetSummary(p).empty());
        };
        std::size_t truncations = 0;
        std::size_t totalBytes = 0;
        for (const Packet& full : allPackets()) {
            totalBytes += full.size();
            QVERIFY2(decode(full).ok(), packetSummary(decode(full)).c_str());
            for (std::size_t n = 0; n < full.size(); ++n) {
                const DecodedPacket p = decode(cut(full, n));
                QVERIFY2(!p.problem.empty(),
                         qPrintable(QStringLiteral("no problem for %1 of %2 bytes: %3")
                                        .arg(n)
                                        .arg(full.size())
                                        .arg(QString::fromStdString(packetSummary(p)))));
                checkBounds(p);
                checkBounds(decodePacket(cut(full, n), full.size()));
                ++truncations;
            }
        }
        QCOMPARE(truncations, totalBytes); // one per prefix length
        QVERIFY(truncations > 1000);

        const std::vector<Packet> packets = allPackets();
        std::mt19937 rng(20240607);
        int problems = 0;
        for (int i = 0; i < 5000; ++i) {
            Packet b = packets[rng() % packets.size()];
            const int edits = 1 + static_cast<int>(rng() % 4);
            for (int e = 0; e < edits && !b.empty(); ++e) {
                switch (rng() % 4) {
                case 0:
                    b[rng() % b.size()] ^= static_cast<std::byte>(1u << (rng() % 8));
                    break;
                case 1:
                    b[rng() % b.size()] = static_cast<std::byte>(rng() % 256);
                    break;
                case 2:
                    b.resize(rng() % (b.size() + 1));
                    break;
                default:
                    // Header bytes (lengths, offsets, option lengths) matter most.
                    b[rng() % std::min<std::size_t>(b.size(), 64)] =
                        static_cast<std::byte>(rng() % 256);
                    break;
                }
            }
            const DecodedPacket p = decode(b);
            checkBounds(p);
            problems += p.ok() ? 0 : 1;
        }
        QVERIFY2(problems > 500, qPrintable(QString::number(problems)));
    }

    // tshark decodes the same bytes: addresses, protocols, ports, flags, checksums, ICMP types
    // and the quoted packet agree, and it too finds the truncated packet malformed.
    void tsharkAgrees() {
        if (QStandardPaths::findExecutable("tshark").isEmpty()) {
            QSKIP("tshark is not installed");
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        std::vector<WirePacket> wire;
        std::vector<DecodedPacket> ours;
        TcpSegment bad = synV4();
        bad.badChecksum = true;
        TcpSegment data = synV4();
        data.flags = TcpFlag::Ack;
        data.payloadBytes = 100;
        const std::vector<Packet> packets = {
            build(synV4()),
            build(dataV6()),
            build(bad),
            udpV4(),
            icmpEcho("2001:db8::2", "2001:db8::1", false, 66, 7, 56),
            portUnreachable(),
            cut(build(data), 100),
        };
        for (std::size_t i = 0; i < packets.size(); ++i) {
            wire.push_back({packets[i], kT0 + static_cast<std::int64_t>(i) * 1'000'000});
            ours.push_back(decode(packets[i]));
        }
        const QString file = dir.filePath("decode.pcapng");
        const std::string err = writeWireCapture(file.toStdString(), wire);
        QVERIFY2(err.empty(), err.c_str());
        const QStringList rows = tsharkLines(file, {"-o", "tcp.check_checksum:TRUE",
                                                    "-o", "udp.check_checksum:TRUE",
                                                    "-o", "ip.check_checksum:TRUE",
                                                    "-T", "fields",
                                                    "-E", "separator=|",
                                                    "-E", "occurrence=a",
                                                    "-E", "aggregator=,",
                                                    "-e", "ip.src",
                                                    "-e", "ipv6.src",
                                                    "-e", "ip.proto",
                                                    "-e", "ipv6.nxt",
                                                    "-e", "tcp.srcport",
                                                    "-e", "tcp.dstport",
                                                    "-e", "tcp.flags",
                                                    "-e", "tcp.options.mss_val",
                                                    "-e", "tcp.options.wscale.shift",
                                                    "-e", "tcp.checksum.status",
                                                    "-e", "udp.srcport",
                                                    "-e", "udp.length",
                                                    "-e", "udp.checksum.status",
                                                    "-e", "icmp.type",
                                                    "-e", "icmp.code",
                                                    "-e", "icmpv6.type",
                                                    "-e", "tcp.len",
                                                    "-e", "_ws.expert.message"});
        QVERIFY2(rows.size() == static_cast<int>(packets.size()), qPrintable(rows.join('\n')));
        for (std::size_t i = 0; i < packets.size(); ++i) {
            const DecodedPacket& p = ours[i];
            const QStringList f = rows[static_cast<int>(i)].split('|');
            QCOMPARE(f.size(), 18);
            const QString at = QStringLiteral("packet %1: %2").arg(i).arg(rows[int(i)]);
            const auto num = [](std::uint64_t v) { return QString::number(v); };
            if (p.ip.version == 4) {
                QVERIFY2(f[0].startsWith(QString::fromStdString(addressText(p.ip.src))),
                         qPrintable(at));
                QVERIFY2(f[2].startsWith(num(p.ip.protocol)), qPrintable(at));
            } else {
                QCOMPARE(f[1], QString::fromStdString(addressText(p.ip.src)));
            }
            if (p.tcp) {
                QCOMPARE(f[4], num(p.tcp->srcPort));
                QCOMPARE(f[5], num(p.tcp->dstPort));
                QCOMPARE(f[6], QStringLiteral("0x%1").arg(p.tcp->flags, 4, 16, QLatin1Char('0')));
                QCOMPARE(f[7], p.tcp->mss ? num(*p.tcp->mss) : QString());
                QCOMPARE(f[8], p.tcp->windowScale ? num(*p.tcp->windowScale) : QString());
                // tshark's status: 1 good, 0 bad, 2 unverified.
                const QString status = p.tcp->checksumStatus == ChecksumStatus::Good  ? "1"
                                       : p.tcp->checksumStatus == ChecksumStatus::Bad ? "0"
                                                                                      : "2";
                QVERIFY2(f[9] == status, qPrintable(at));
            }
            if (p.udp) {
                QCOMPARE(f[10], num(p.udp->srcPort));
                QCOMPARE(f[11], num(p.udp->length));
                QCOMPARE(f[12], QStringLiteral("1"));
            }
            if (p.icmp && !p.icmp->v6) {
                QCOMPARE(f[13], num(p.icmp->type));
                QCOMPARE(f[14], num(p.icmp->code));
            }
            if (p.icmp && p.icmp->v6) {
                QCOMPARE(f[15], num(p.icmp->type));
            }
            if (p.tcp) {
                QVERIFY2(f[16] == num(p.tcp->segmentLength), qPrintable(at));
            }
            // Both object to the IP length of the cut packet, and only of it.
            QVERIFY2(f[17].contains("IPv4 total length exceeds packet length") == !p.ok(),
                     qPrintable(at));
        }
        // The quoted UDP header inside the port unreachable: tshark lists outer then inner.
        const QStringList icmp = rows[5].split('|');
        const QuotedPacket& q = *ours[5].icmp->quoted;
        QCOMPARE(icmp[0],
                 QStringLiteral("192.0.2.2,") + QString::fromStdString(addressText(q.ip.src)));
        QCOMPARE(icmp[10], QString::number(*q.srcPort));
    }
};

QTEST_GUILESS_MAIN(TestPacketDecode)
#include "test_packet_decode.moc"
