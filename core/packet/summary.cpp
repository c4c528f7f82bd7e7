#include "core/packet/packet.h"
#include "core/packet/tcp_analysis.h"

#include <array>
#include <cstdio>

namespace socklab {

namespace {

std::string num(std::uint64_t n) {
    return std::to_string(n);
}

std::string hex16(std::uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%x", v);
    return buf;
}

std::string protocolName(std::uint8_t proto) {
    switch (proto) {
    case IpProto::Icmp:
        return "ICMP";
    case IpProto::Tcp:
        return "TCP";
    case IpProto::Udp:
        return "UDP";
    case IpProto::Icmpv6:
        return "ICMPv6";
    default:
        return "protocol " + num(proto);
    }
}

std::string unreachableCode(bool v6, std::uint8_t code, std::uint32_t mtu) {
    if (v6) {
        static constexpr std::array<const char*, 7> names{"no route to destination",
                                                          "administratively prohibited",
                                                          "beyond scope of source address",
                                                          "address unreachable",
                                                          "port unreachable",
                                                          "source address failed policy",
                                                          "reject route to destination"};
        return code < names.size() ? names[code] : "code " + num(code);
    }
    switch (code) {
    case 0:
        return "network unreachable";
    case 1:
        return "host unreachable";
    case 2:
        return "protocol unreachable";
    case 3:
        return "port unreachable";
    case 4:
        return "fragmentation needed, mtu " + num(mtu);
    case 5:
        return "source route failed";
    case 6:
        return "destination network unknown";
    case 7:
        return "destination host unknown";
    case 9:
        return "network administratively prohibited";
    case 10:
        return "host administratively prohibited";
    case 13:
        return "communication administratively prohibited";
    default:
        return "code " + num(code);
    }
}

std::string timeExceededCode(std::uint8_t code, bool v6) {
    if (code == 0) {
        return v6 ? "hop limit exceeded in transit" : "ttl exceeded in transit";
    }
    if (code == 1) {
        return "fragment reassembly time exceeded";
    }
    return "code " + num(code);
}

std::string quotedText(const QuotedPacket& q) {
    const std::uint8_t proto = q.ip.protocol;
    std::string s = protocolName(proto) + " ";
    if (q.srcPort && q.dstPort) {
        s += endpointText(q.ip.src, *q.srcPort) + " -> " + endpointText(q.ip.dst, *q.dstPort);
    } else {
        s += addressText(q.ip.src) + " -> " + addressText(q.ip.dst);
    }
    if (q.icmpEchoId && q.icmpEchoSeq) {
        s += " echo id=" + num(*q.icmpEchoId) + " seq=" + num(*q.icmpEchoSeq);
    }
    return s;
}

std::string tcpText(const DecodedPacket& p, const TcpMarks* marks) {
    const TcpHeader& t = *p.tcp;
    std::string s =
        "TCP " + endpointText(p.ip.src, t.srcPort) + " -> " + endpointText(p.ip.dst, t.dstPort);
    if (t.partial) {
        return s;
    }
    const bool rel = marks != nullptr && marks->tcp;
    s += " [" + tcpFlagsText(t.flags) + "]";
    s += " seq=" + num(rel ? marks->relSeq : t.seq);
    if (t.has(TcpFlag::Ack)) {
        s += " ack=" + num(rel ? marks->relAck : t.ack);
    }
    s += " win=" + num(rel ? marks->window : t.window);
    s += " len=" + num(t.segmentLength);
    if (t.mss) {
        s += " mss=" + num(*t.mss);
    }
    if (t.windowScale) {
        s += " ws=" + num(std::uint64_t{1} << std::min<unsigned>(*t.windowScale, 14));
    }
    if (t.sackPermitted) {
        s += " sack_perm";
    }
    if (!t.sack.empty()) {
        s += " sack=";
        const std::uint32_t base = rel ? marks->ackBase : 0;
        for (std::size_t i = 0; i < t.sack.size(); ++i) {
            s += (i ? "," : "") + num(t.sack[i].left - base) + "-" + num(t.sack[i].right - base);
        }
    }
    if (t.tsVal && t.tsEcr) {
        s += " tsval=" + num(*t.tsVal) + " tsecr=" + num(*t.tsEcr);
    }
    if (t.checksumStatus == ChecksumStatus::Bad) {
        s += " [bad checksum]";
    }
    if (rel) {
        const TcpMarks& m = *marks;
        const std::pair<bool, const char*> named[] = {
            {m.portsReused, "TCP Port numbers reused"},
            {m.retransmission, "TCP Retransmission"},
            {m.fastRetransmission, "TCP Fast Retransmission"},
            {m.spuriousRetransmission, "TCP Spurious Retransmission"},
            {m.outOfOrder, "TCP Out-Of-Order"},
            {m.lostSegment, "TCP Previous segment not captured"},
            {m.ackedUnseen, "TCP ACKed unseen segment"},
        };
        for (const auto& [on, name] : named) {
            if (on) {
                s += std::string(" [") + name + "]";
            }
        }
        if (m.duplicateAck) {
            s += " [TCP Dup ACK #" + num(m.duplicateAckNum) + "]";
        }
        const std::pair<bool, const char*> more[] = {
            {m.zeroWindow, "TCP ZeroWindow"},
            {m.zeroWindowProbe, "TCP ZeroWindowProbe"},
            {m.zeroWindowProbeAck, "TCP ZeroWindowProbeAck"},
            {m.keepAlive, "TCP Keep-Alive"},
            {m.keepAliveAck, "TCP Keep-Alive ACK"},
            {m.windowUpdate, "TCP Window Update"},
            {m.windowFull, "TCP Window Full"},
        };
        for (const auto& [on, name] : more) {
            if (on) {
                s += std::string(" [") + name + "]";
            }
        }
    }
    return s;
}

std::string udpText(const DecodedPacket& p) {
    const UdpHeader& u = *p.udp;
    std::string s =
        "UDP " + endpointText(p.ip.src, u.srcPort) + " -> " + endpointText(p.ip.dst, u.dstPort);
    if (u.partial) {
        return s;
    }
    s += " len=" + num(u.length >= 8 ? u.length - 8u : u.payloadLength);
    if (u.checksumStatus == ChecksumStatus::Bad) {
        s += " [bad checksum]";
    }
    return s;
}

std::string icmpText(const DecodedPacket& p) {
    const IcmpHeader& h = *p.icmp;
    std::string s = std::string(h.v6 ? "ICMPv6 " : "ICMP ") + addressText(p.ip.src) + " -> " +
                    addressText(p.ip.dst) + " " + icmpDescription(h);
    if (h.echo) {
        s += " id=" + num(h.echoId) + " seq=" + num(h.echoSeq) + " len=" + num(h.payloadLength);
    }
    if (h.quoted && h.quoted->problem.empty()) {
        s += " for " + quotedText(*h.quoted);
    }
    if (h.checksumStatus == ChecksumStatus::Bad) {
        s += " [bad checksum]";
    }
    return s;
}

} // namespace

std::string addressText(const IpAddress& a) {
    const auto& b = a.bytes;
    if (!a.v6) {
        return num(b[0]) + "." + num(b[1]) + "." + num(b[2]) + "." + num(b[3]);
    }
    std::array<std::uint16_t, 8> g{};
    for (std::size_t i = 0; i < 8; ++i) {
        g[i] = static_cast<std::uint16_t>(b[2 * i] << 8 | b[2 * i + 1]);
    }
    if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
        return "::ffff:" + num(b[12]) + "." + num(b[13]) + "." + num(b[14]) + "." + num(b[15]);
    }
    // The longest run of two or more zero groups (the first of equal runs) becomes "::".
    int bestStart = -1, bestLen = 0;
    for (int i = 0; i < 8;) {
        if (g[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && g[j] == 0) {
            ++j;
        }
        if (j - i > bestLen && j - i >= 2) {
            bestStart = i;
            bestLen = j - i;
        }
        i = j;
    }
    std::string s;
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            s += "::";
            i += bestLen - 1;
            continue;
        }
        if (!s.empty() && s.back() != ':') {
            s += ':';
        }
        s += hex16(g[i]);
    }
    return s;
}

std::string endpointText(const IpAddress& a, std::uint16_t port) {
    return a.v6 ? "[" + addressText(a) + "]:" + num(port) : addressText(a) + ":" + num(port);
}

std::string tcpFlagsText(std::uint16_t flags) {
    static constexpr std::array<const char*, 9> names{"FIN", "SYN", "RST", "PSH", "ACK",
                                                      "URG", "ECE", "CWR", "NS"};
    std::string s;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (flags & (1u << i)) {
            s += s.empty() ? "" : ", ";
            s += names[i];
        }
    }
    return s.empty() ? "<None>" : s;
}

std::string icmpDescription(const IcmpHeader& h) {
    if (h.v6) {
        switch (h.type) {
        case 1:
            return "destination unreachable (" + unreachableCode(true, h.code, 0) + ")";
        case 2:
            return "packet too big (mtu " + num(h.mtu) + ")";
        case 3:
            return "time exceeded (" + timeExceededCode(h.code, true) + ")";
        case 4:
            return "parameter problem (code " + num(h.code) + ")";
        case 128:
            return "echo request";
        case 129:
            return "echo reply";
        case 133:
            return "router solicitation";
        case 134:
            return "router advertisement";
        case 135:
            return "neighbor solicitation";
        case 136:
            return "neighbor advertisement";
        case 137:
            return "redirect";
        default:
            break;
        }
    } else {
        switch (h.type) {
        case 0:
            return "echo reply";
        case 3:
            return "destination unreachable (" + unreachableCode(false, h.code, h.mtu) + ")";
        case 4:
            return "source quench";
        case 5:
            return "redirect (code " + num(h.code) + ")";
        case 8:
            return "echo request";
        case 11:
            return "time exceeded (" + timeExceededCode(h.code, false) + ")";
        case 12:
            return "parameter problem (code " + num(h.code) + ")";
        case 13:
            return "timestamp request";
        case 14:
            return "timestamp reply";
        default:
            break;
        }
    }
    return "type " + num(h.type) + " code " + num(h.code);
}

std::string packetSummary(const DecodedPacket& p, const TcpMarks* marks) {
    if (!p.ipComplete) {
        return "malformed: " + (p.problem.empty() ? std::string("no IP header") : p.problem);
    }
    const std::string ipName = p.ip.version == 6 ? "IPv6 " : "IPv4 ";
    std::string s;
    if (p.nonFirstFragment()) {
        s = ipName + addressText(p.ip.src) + " -> " + addressText(p.ip.dst) + " fragment id=0x" +
            hex16(p.ip.id) + " offset=" + num(p.ip.fragmentOffset) + " len=" +
            num(p.ip.totalLength > p.ip.headerLength ? p.ip.totalLength - p.ip.headerLength : 0) +
            (p.ip.moreFragments ? " more" : "") + " (" + protocolName(p.ip.protocol) + ")";
    } else if (p.tcp) {
        s = tcpText(p, marks);
    } else if (p.udp) {
        s = udpText(p);
    } else if (p.icmp) {
        s = icmpText(p);
    } else {
        s = ipName + addressText(p.ip.src) + " -> " + addressText(p.ip.dst) + " " +
            protocolName(p.ip.protocol) + " len=" +
            num(p.ip.totalLength > p.ip.headerLength ? p.ip.totalLength - p.ip.headerLength : 0);
    }
    if (p.ip.moreFragments && !p.nonFirstFragment()) {
        s += " [first fragment, id=0x" + hex16(p.ip.id) + "]";
    }
    if (p.ip.version == 4 && p.ipComplete && !p.ip.headerChecksumValid) {
        s += " [bad IPv4 header checksum]";
    }
    if (!p.ok()) {
        s += " [malformed: " + p.problem + "]";
    }
    return s;
}

} // namespace socklab
