#include "core/base/translate.h"
#include "core/packet/packet.h"

#include <algorithm>
#include <cstring>

namespace socklab {

namespace {

// Bounds-checked big-endian reads over the packet. Every read goes through has() first.
class Bytes {
public:
    explicit Bytes(std::span<const std::uint8_t> b) : b_(b) {}

    [[nodiscard]] std::size_t size() const { return b_.size(); }
    [[nodiscard]] bool has(std::size_t off, std::size_t n) const {
        return off <= b_.size() && n <= b_.size() - off;
    }
    [[nodiscard]] std::uint8_t u8(std::size_t off) const { return b_[off]; }
    [[nodiscard]] std::uint16_t u16(std::size_t off) const {
        return static_cast<std::uint16_t>(b_[off] << 8 | b_[off + 1]);
    }
    [[nodiscard]] std::uint32_t u32(std::size_t off) const {
        return static_cast<std::uint32_t>(u16(off)) << 16 | u16(off + 2);
    }
    [[nodiscard]] std::span<const std::uint8_t> range(std::size_t off, std::size_t n) const {
        return b_.subspan(off, n);
    }
    void address(std::size_t off, bool v6, IpAddress& out) const {
        out.v6 = v6;
        std::memcpy(out.bytes.data(), b_.data() + off, v6 ? 16 : 4);
    }

private:
    std::span<const std::uint8_t> b_;
};

void addProblem(std::string& problems, const std::string& text) {
    if (!problems.empty()) {
        problems += "; ";
    }
    problems += text;
}

std::string num(std::size_t n) {
    return std::to_string(n);
}

// Sum of 16-bit big-endian words (odd byte padded with zero), not folded.
std::uint64_t wordSum(std::span<const std::uint8_t> b, std::uint64_t sum = 0) {
    std::size_t i = 0;
    for (; i + 1 < b.size(); i += 2) {
        sum += static_cast<std::uint64_t>(b[i]) << 8 | b[i + 1];
    }
    if (i < b.size()) {
        sum += static_cast<std::uint64_t>(b[i]) << 8;
    }
    return sum;
}

std::uint16_t fold(std::uint64_t sum) {
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<std::uint16_t>(~sum & 0xffff);
}

// The transport checksum over the pseudo-header (addresses, protocol, length) and segment:
// 0 when the checksum field in the segment is right.
std::uint16_t transportChecksum(const IpHeader& ip, std::uint8_t proto,
                                std::span<const std::uint8_t> segment) {
    const std::size_t alen = ip.src.v6 ? 16 : 4;
    std::uint64_t sum = wordSum(std::span(ip.src.bytes.data(), alen));
    sum = wordSum(std::span(ip.dst.bytes.data(), alen), sum);
    sum += proto;
    sum += segment.size(); // 16-bit (IPv4) or 32-bit (IPv6) length; folding adds the halves
    return fold(wordSum(segment, sum));
}

// Where the IP payload is: [begin, end) present, claimedEnd as the header says.
struct IpPayload {
    bool ok = false; ///< the IP header decoded far enough to find the payload
    std::size_t begin = 0;
    std::size_t end = 0;
    std::size_t claimedEnd = 0;
};

IpPayload decodeIpv4(const Bytes& b, std::size_t wireLength, DecodedPacket& p, bool quoted) {
    IpPayload out;
    IpHeader& ip = p.ip;
    std::string& problem = p.problem;
    ip.version = 4;
    const std::size_t n = b.size();
    // The fixed part, as far as it is present.
    if (b.has(1, 1)) {
        ip.tos = b.u8(1);
    }
    if (b.has(2, 2)) {
        ip.totalLength = b.u16(2);
    }
    if (b.has(4, 2)) {
        ip.id = b.u16(4);
    }
    if (b.has(6, 2)) {
        const std::uint16_t f = b.u16(6);
        ip.dontFragment = (f & 0x4000) != 0;
        ip.moreFragments = (f & 0x2000) != 0;
        ip.fragmentOffset = static_cast<std::uint32_t>(f & 0x1fff) * 8;
    }
    if (b.has(8, 1)) {
        ip.ttl = b.u8(8);
    }
    if (b.has(9, 1)) {
        ip.protocol = b.u8(9);
    }
    if (b.has(10, 2)) {
        ip.headerChecksum = b.u16(10);
    }
    if (b.has(12, 4)) {
        b.address(12, false, ip.src);
    }
    if (b.has(16, 4)) {
        b.address(16, false, ip.dst);
    }
    if (n < 20) {
        addProblem(problem, trArgs(SL_TR("socklab", "IPv4 header cut after %1 of 20 bytes"), n));
        return out;
    }
    const std::size_t ihl = b.u8(0) & 0x0f;
    ip.headerLength = ihl * 4;
    if (ihl < 5) {
        addProblem(
            problem,
            trArgs(SL_TR("socklab", "IPv4 header length %1 words is below the minimum 5"), ihl));
        return out;
    }
    if (ip.headerLength > n) {
        addProblem(problem, trArgs(SL_TR("socklab", "IPv4 header length %1 bytes exceeds the %2 "
                                                    "captured bytes"),
                                   ip.headerLength, n));
        return out;
    }
    ip.headerChecksumValid = internetChecksum(b.range(0, ip.headerLength)) == 0;
    if (ip.totalLength < ip.headerLength) {
        addProblem(problem,
                   trArgs(SL_TR("socklab", "IPv4 total length %1 is below its header length %2"),
                          ip.totalLength, ip.headerLength));
        return out;
    }
    // A total length beyond the packet is a lying header (the segment is what is there, as
    // Wireshark takes it); within a packet whose capture was cut it is just not all here.
    if (ip.totalLength > wireLength && !quoted) {
        addProblem(problem,
                   trArgs(SL_TR("socklab", "IPv4 total length %1 exceeds the packet length %2"),
                          ip.totalLength, wireLength));
    } else if (ip.totalLength > n && !quoted) {
        addProblem(p.note, trArgs(SL_TR("socklab", "captured %1 of %2 bytes"), n, ip.totalLength));
    }
    out.ok = true;
    out.begin = ip.headerLength;
    out.end = std::min<std::size_t>(ip.totalLength, n);
    out.claimedEnd = std::min<std::size_t>(ip.totalLength, wireLength);
    return out;
}

bool isIpv6Extension(std::uint8_t nh) {
    return nh == IpProto::HopByHop || nh == IpProto::Routing || nh == IpProto::DestOptions ||
           nh == IpProto::Fragment;
}

std::string extensionName(std::uint8_t nh) {
    switch (nh) {
    case IpProto::HopByHop:
        return "hop-by-hop options";
    case IpProto::Routing:
        return "routing";
    case IpProto::DestOptions:
        return "destination options";
    case IpProto::Fragment:
        return "fragment";
    default:
        return "type " + num(nh);
    }
}

IpPayload decodeIpv6(const Bytes& b, std::size_t wireLength, DecodedPacket& p, bool quoted) {
    IpPayload out;
    IpHeader& ip = p.ip;
    std::string& problem = p.problem;
    ip.version = 6;
    const std::size_t n = b.size();
    if (b.has(0, 4)) {
        const std::uint32_t w = b.u32(0);
        ip.tos = static_cast<std::uint8_t>(w >> 20);
        ip.flowLabel = w & 0xfffff;
    }
    if (b.has(4, 2)) {
        ip.payloadLength = b.u16(4);
        ip.totalLength = 40 + std::size_t{ip.payloadLength};
    }
    if (b.has(6, 1)) {
        ip.nextHeader = b.u8(6);
        ip.protocol = ip.nextHeader;
    }
    if (b.has(7, 1)) {
        ip.ttl = b.u8(7);
    }
    if (b.has(8, 16)) {
        b.address(8, true, ip.src);
    }
    if (b.has(24, 16)) {
        b.address(24, true, ip.dst);
    }
    ip.src.v6 = ip.dst.v6 = true;
    if (n < 40) {
        addProblem(problem, trArgs(SL_TR("socklab", "IPv6 header cut after %1 of 40 bytes"), n));
        return out;
    }
    if (ip.totalLength > wireLength && !quoted) {
        addProblem(problem, trArgs(SL_TR("socklab", "IPv6 payload length %1 exceeds the %2 bytes "
                                                    "after the header"),
                                   ip.payloadLength, wireLength - 40));
    } else if (ip.totalLength > n && !quoted) {
        addProblem(p.note, trArgs(SL_TR("socklab", "captured %1 of %2 bytes"), n, ip.totalLength));
    }
    const std::size_t end = std::min(ip.totalLength, n);
    std::size_t off = 40;
    std::uint8_t nh = ip.nextHeader;
    while (isIpv6Extension(nh)) {
        if (off + 8 > end) {
            //: %1: the extension header's name ("hop-by-hop options", "routing").
            addProblem(problem, trArgs(SL_TR("socklab", "IPv6 %1 header at offset %2 cut after %3 "
                                                        "of 8 bytes"),
                                       extensionName(nh), off, end - off));
            ip.headerLength = off;
            return out;
        }
        std::size_t len = 8;
        if (nh == IpProto::Fragment) {
            const std::uint16_t f = b.u16(off + 2);
            ip.fragmentHeader = true;
            ip.fragmentOffset = f & 0xfff8u;
            ip.moreFragments = (f & 1) != 0;
            ip.id = b.u32(off + 4);
        } else {
            len = (std::size_t{b.u8(off + 1)} + 1) * 8;
            if (off + len > end) {
                addProblem(problem, trArgs(SL_TR("socklab", "IPv6 %1 header at offset %2 of %3 "
                                                            "bytes runs past the %4 bytes of the "
                                                            "packet"),
                                           extensionName(nh), off, len, end));
                ip.headerLength = off;
                return out;
            }
        }
        ip.extensionHeaders.push_back(nh);
        nh = b.u8(off);
        off += len;
    }
    ip.protocol = nh;
    ip.headerLength = off;
    out.ok = true;
    out.begin = off;
    out.end = end;
    out.claimedEnd = std::max(std::min(ip.totalLength, wireLength), off);
    return out;
}

// TCP options between [off, end).
void decodeTcpOptions(const Bytes& b, std::size_t off, std::size_t end, TcpHeader& t,
                      std::string& problem) {
    while (off < end) {
        const std::uint8_t kind = b.u8(off);
        if (kind == 0) { // end of option list
            return;
        }
        if (kind == 1) { // no-operation
            ++off;
            continue;
        }
        if (off + 1 >= end) {
            addProblem(
                problem,
                trArgs(SL_TR("socklab", "TCP option kind %1 cut at the end of the options"), kind));
            return;
        }
        const std::size_t len = b.u8(off + 1);
        if (len < 2) {
            addProblem(
                problem,
                trArgs(SL_TR("socklab", "TCP option kind %1 has length %2 (below 2)"), kind, len));
            return;
        }
        if (off + len > end) {
            addProblem(problem, trArgs(SL_TR("socklab", "TCP option kind %1 of %2 bytes runs past "
                                                        "the end of the options"),
                                       kind, len));
            return;
        }
        const auto expect = [&](const char* name, std::size_t want) {
            if (len == want) {
                return true;
            }
            //: %1: the option's name ("MSS", "window scale").
            addProblem(problem, trArgs(SL_TR("socklab", "TCP option %1 has length %2, expected %3"),
                                       name, len, want));
            return false;
        };
        switch (kind) {
        case 2:
            if (expect("MSS", 4)) {
                t.mss = b.u16(off + 2);
            }
            break;
        case 3:
            if (expect("window scale", 3)) {
                t.windowScale = b.u8(off + 2);
            }
            break;
        case 4:
            if (expect("SACK permitted", 2)) {
                t.sackPermitted = true;
            }
            break;
        case 5:
            if ((len - 2) % 8 != 0 || len < 10) {
                addProblem(problem,
                           trArgs(SL_TR("socklab",
                                        "TCP option SACK has length %1, expected 2 + 8 per block"),
                                  len));
            }
            for (std::size_t p = off + 2; p + 8 <= off + len; p += 8) {
                t.sack.push_back({b.u32(p), b.u32(p + 4)});
            }
            break;
        case 8:
            if (expect("timestamps", 10)) {
                t.tsVal = b.u32(off + 2);
                t.tsEcr = b.u32(off + 6);
            }
            break;
        default:
            break;
        }
        off += len;
    }
}

void decodeTcp(const Bytes& b, const IpPayload& at, DecodedPacket& p) {
    TcpHeader t;
    const std::size_t off = at.begin;
    const std::size_t avail = at.end - at.begin;
    if (b.has(off, 4) && avail >= 4) {
        t.srcPort = b.u16(off);
        t.dstPort = b.u16(off + 2);
    }
    if (avail >= 8) {
        t.seq = b.u32(off + 4);
    }
    if (avail >= 12) {
        t.ack = b.u32(off + 8);
    }
    if (avail >= 14) {
        t.dataOffset = static_cast<std::uint8_t>(b.u8(off + 12) >> 4);
        t.flags = b.u16(off + 12) & 0x1ff;
    }
    if (avail >= 16) {
        t.window = b.u16(off + 14);
    }
    if (avail >= 18) {
        t.checksum = b.u16(off + 16);
    }
    if (avail < 20) {
        t.partial = true;
        t.payloadOffset = at.end;
        addProblem(p.problem,
                   trArgs(SL_TR("socklab", "TCP header cut after %1 of 20 bytes"), avail));
        p.tcp = std::move(t);
        return;
    }
    t.urgentPointer = b.u16(off + 18);
    const std::size_t thl = std::size_t{t.dataOffset} * 4;
    if (t.dataOffset < 5) {
        t.partial = true;
        addProblem(p.problem,
                   trArgs(SL_TR("socklab", "TCP data offset %1 words is below the minimum 5"),
                          t.dataOffset));
        p.tcp = std::move(t);
        return;
    }
    if (thl > avail) {
        t.partial = true;
        addProblem(p.problem, trArgs(SL_TR("socklab", "TCP data offset %1 words (%2 bytes) "
                                                      "exceeds the %3 bytes left"),
                                     t.dataOffset, thl, avail));
        p.tcp = std::move(t);
        return;
    }
    decodeTcpOptions(b, off + 20, off + thl, t, p.problem);
    t.payloadOffset = off + thl;
    t.payloadLength = at.end - t.payloadOffset;
    t.segmentLength = at.claimedEnd > t.payloadOffset ? at.claimedEnd - t.payloadOffset : 0;
    if (at.end == at.claimedEnd && !p.ip.isFragment()) {
        const bool good = transportChecksum(p.ip, IpProto::Tcp, b.range(off, at.end - off)) == 0;
        t.checksumStatus = good ? ChecksumStatus::Good : ChecksumStatus::Bad;
    }
    p.tcp = std::move(t);
}

void decodeUdp(const Bytes& b, const IpPayload& at, DecodedPacket& p) {
    UdpHeader u;
    const std::size_t off = at.begin;
    const std::size_t avail = at.end - at.begin;
    if (avail >= 4) {
        u.srcPort = b.u16(off);
        u.dstPort = b.u16(off + 2);
    }
    if (avail >= 6) {
        u.length = b.u16(off + 4);
    }
    if (avail < 8) {
        u.partial = true;
        u.payloadOffset = at.end;
        addProblem(p.problem,
                   trArgs(SL_TR("socklab", "UDP header cut after %1 of 8 bytes"), avail));
        p.udp = u;
        return;
    }
    u.checksum = b.u16(off + 6);
    u.payloadOffset = off + 8;
    const std::size_t claimed = at.claimedEnd - off;
    if (u.length < 8) {
        addProblem(p.problem, trArgs(SL_TR("socklab", "UDP length %1 is below 8"), u.length));
        u.payloadLength = 0;
        p.udp = u;
        return;
    }
    if (u.length > claimed && !p.ip.isFragment()) {
        addProblem(p.problem,
                   trArgs(SL_TR("socklab", "UDP length %1 exceeds the %2 bytes of IP payload"),
                          u.length, claimed));
    }
    const std::size_t udpEnd = std::min(off + u.length, at.end);
    u.payloadLength = udpEnd - u.payloadOffset;
    if (p.ip.version == 4 && u.checksum == 0) {
        u.checksumStatus = ChecksumStatus::Absent;
    } else if (off + u.length <= at.end && !p.ip.isFragment()) {
        const bool good =
            u.checksum != 0 && transportChecksum(p.ip, IpProto::Udp, b.range(off, u.length)) == 0;
        u.checksumStatus = good ? ChecksumStatus::Good : ChecksumStatus::Bad;
    }
    p.udp = u;
}

bool icmpIsError(bool v6, std::uint8_t type) {
    if (v6) {
        return type >= 1 && type <= 4;
    }
    return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
}

bool icmpIsEcho(bool v6, std::uint8_t type) {
    return v6 ? (type == 128 || type == 129) : (type == 0 || type == 8);
}

QuotedPacket decodeQuoted(std::span<const std::uint8_t> q);

void decodeIcmp(const Bytes& b, const IpPayload& at, DecodedPacket& p, bool v6) {
    IcmpHeader h;
    h.v6 = v6;
    const std::size_t off = at.begin;
    const std::size_t avail = at.end - at.begin;
    const char* name = v6 ? "ICMPv6" : "ICMP";
    if (avail >= 1) {
        h.type = b.u8(off);
    }
    if (avail >= 2) {
        h.code = b.u8(off + 1);
    }
    if (avail >= 4) {
        h.checksum = b.u16(off + 2);
    }
    if (avail < 8) {
        h.payloadOffset = at.end;
        //: %1: "ICMP" or "ICMPv6".
        addProblem(p.problem,
                   trArgs(SL_TR("socklab", "%1 header cut after %2 of 8 bytes"), name, avail));
        p.icmp = std::move(h);
        return;
    }
    h.payloadOffset = off + 8;
    h.payloadLength = at.end - h.payloadOffset;
    if (icmpIsEcho(v6, h.type)) {
        h.echo = true;
        h.echoId = b.u16(off + 4);
        h.echoSeq = b.u16(off + 6);
    }
    if (!v6 && h.type == 3 && h.code == 4) {
        h.mtu = b.u16(off + 6);
    }
    if (v6 && h.type == 2) {
        h.mtu = b.u32(off + 4);
    }
    if (at.end == at.claimedEnd && !p.ip.isFragment()) {
        const auto msg = b.range(off, at.end - off);
        const bool good =
            v6 ? transportChecksum(p.ip, IpProto::Icmpv6, msg) == 0 : internetChecksum(msg) == 0;
        h.checksumStatus = good ? ChecksumStatus::Good : ChecksumStatus::Bad;
    }
    if (icmpIsError(v6, h.type)) {
        QuotedPacket q = decodeQuoted(b.range(h.payloadOffset, h.payloadLength));
        if (!q.problem.empty()) {
            //: %1: "ICMP" or "ICMPv6"; %2: what is wrong with the packet an ICMP error quotes.
            addProblem(p.problem,
                       trArgs(SL_TR("socklab", "%1 quoted packet: %2"), name, q.problem));
        }
        h.quoted = std::move(q);
    }
    p.icmp = std::move(h);
}

// The IP header, then whatever transport it carries. quoted: the packet inside an ICMP error
// (its payload is cut by design; only the first transport bytes are read).
void decodeInto(DecodedPacket& p, std::span<const std::uint8_t> raw, std::size_t wireLength,
                bool quoted) {
    const Bytes b(raw);
    wireLength = std::max(wireLength, raw.size());
    if (raw.empty()) {
        addProblem(p.problem, SL_TR("socklab", "empty packet"));
        return;
    }
    const int version = raw[0] >> 4;
    IpPayload at;
    if (version == 4) {
        at = decodeIpv4(b, wireLength, p, quoted);
    } else if (version == 6) {
        at = decodeIpv6(b, wireLength, p, quoted);
    } else {
        addProblem(p.problem,
                   trArgs(SL_TR("socklab", "IP version %1 is neither 4 nor 6"), version));
        return;
    }
    p.ipComplete = at.ok;
    if (!at.ok || quoted) {
        return;
    }
    if (p.ip.fragmentOffset != 0) {
        addProblem(p.note, trArgs(SL_TR("socklab", "fragment at offset %1: the transport header "
                                                   "is in the first fragment"),
                                  p.ip.fragmentOffset));
        return;
    }
    const std::uint8_t proto = p.ip.protocol;
    if (proto == IpProto::Tcp) {
        decodeTcp(b, at, p);
    } else if (proto == IpProto::Udp) {
        decodeUdp(b, at, p);
    } else if (proto == IpProto::Icmp && p.ip.version == 4) {
        decodeIcmp(b, at, p, false);
    } else if (proto == IpProto::Icmpv6 && p.ip.version == 6) {
        decodeIcmp(b, at, p, true);
    }
}

QuotedPacket decodeQuoted(std::span<const std::uint8_t> q) {
    QuotedPacket out;
    DecodedPacket inner;
    decodeInto(inner, q, 0, true);
    out.ip = inner.ip;
    out.problem = inner.problem;
    if (!inner.problem.empty() || out.ip.headerLength == 0 || out.ip.fragmentOffset != 0) {
        return out;
    }
    const Bytes b(q);
    const std::size_t off = out.ip.headerLength;
    const std::uint8_t proto = out.ip.protocol;
    if ((proto == IpProto::Tcp || proto == IpProto::Udp) && b.has(off, 4)) {
        out.srcPort = b.u16(off);
        out.dstPort = b.u16(off + 2);
        if (proto == IpProto::Tcp && b.has(off + 4, 4)) {
            out.tcpSeq = b.u32(off + 4);
        }
    }
    const bool v6 = out.ip.version == 6;
    if ((proto == (v6 ? IpProto::Icmpv6 : IpProto::Icmp)) && b.has(off, 8) &&
        icmpIsEcho(v6, b.u8(off))) {
        out.icmpEchoId = b.u16(off + 4);
        out.icmpEchoSeq = b.u16(off + 6);
    }
    return out;
}

} // namespace

bool IcmpHeader::isError() const {
    return icmpIsError(v6, type);
}

std::uint16_t internetChecksum(std::span<const std::uint8_t> bytes, std::uint32_t initial) {
    return fold(wordSum(bytes, initial));
}

DecodedPacket decodePacket(std::span<const std::byte> bytes, std::size_t wireLength) {
    DecodedPacket p;
    p.capturedLength = bytes.size();
    p.wireLength = std::max(wireLength, bytes.size());
    decodeInto(p, std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
               wireLength, false);
    return p;
}

} // namespace socklab
