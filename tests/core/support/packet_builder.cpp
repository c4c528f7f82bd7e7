#include "core/support/packet_builder.h"

#include "core/capture/exporters.h"
#include "core/capture/traffic_store.h"

#include <QProcess>
#include <QTest>
#include <arpa/inet.h>
#include <cstdlib>
#include <cstring>

namespace socklab::test {

namespace {

void put8(Packet& p, std::uint32_t v) {
    p.push_back(static_cast<std::byte>(v & 0xff));
}
void put16(Packet& p, std::uint32_t v) {
    put8(p, v >> 8);
    put8(p, v);
}
void put32(Packet& p, std::uint32_t v) {
    put16(p, v >> 16);
    put16(p, v);
}
void set16(Packet& p, std::size_t at, std::uint16_t v) {
    p[at] = static_cast<std::byte>(v >> 8);
    p[at + 1] = static_cast<std::byte>(v & 0xff);
}
void putAddress(Packet& p, const IpAddress& a) {
    for (std::size_t i = 0; i < (a.v6 ? 16u : 4u); ++i) {
        put8(p, a.bytes[i]);
    }
}

// One's complement sum, written out here on purpose (not the core's).
std::uint32_t sum16(const Packet& p, std::size_t from, std::size_t n, std::uint32_t sum = 0) {
    for (std::size_t i = 0; i < n; i += 2) {
        const auto hi = std::to_integer<std::uint32_t>(p[from + i]);
        const auto lo = i + 1 < n ? std::to_integer<std::uint32_t>(p[from + i + 1]) : 0u;
        sum += hi << 8 | lo;
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return sum;
}
std::uint16_t finish(std::uint32_t sum) {
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<std::uint16_t>(~sum & 0xffff);
}

std::uint32_t pseudoSum(const IpAddress& src, const IpAddress& dst, std::uint8_t proto,
                        std::size_t length) {
    Packet ph;
    putAddress(ph, src);
    putAddress(ph, dst);
    if (src.v6) {
        put32(ph, static_cast<std::uint32_t>(length));
        put32(ph, proto);
    } else {
        put8(ph, 0);
        put8(ph, proto);
        put16(ph, static_cast<std::uint32_t>(length));
    }
    return sum16(ph, 0, ph.size());
}

// Fill the transport checksum at csumAt (offset inside the transport bytes) of packet p whose
// transport starts at l4.
void fillChecksum(Packet& p, std::size_t l4, std::size_t csumAt, const IpAddress& src,
                  const IpAddress& dst, std::uint8_t proto, bool pseudo) {
    set16(p, l4 + csumAt, 0);
    const std::size_t len = p.size() - l4;
    const std::uint32_t start = pseudo ? pseudoSum(src, dst, proto, len) : 0;
    set16(p, l4 + csumAt, finish(sum16(p, l4, len, start)));
}

} // namespace

IpAddress ip(const std::string& text) {
    IpAddress a;
    a.v6 = text.find(':') != std::string::npos;
    const int rc = ::inet_pton(a.v6 ? AF_INET6 : AF_INET, text.c_str(), a.bytes.data());
    if (rc != 1) {
        qFatal("bad address text %s", text.c_str());
    }
    return a;
}

Packet patternBytes(std::size_t n) {
    Packet p(n);
    for (std::size_t i = 0; i < n; ++i) {
        p[i] = static_cast<std::byte>(0x41 + i % 26);
    }
    return p;
}

Packet ipPacket(const IpAddress& src, const IpAddress& dst, std::uint8_t proto,
                const Packet& transport, const IpFields& f) {
    Packet p;
    if (src.v6) {
        Packet ext;
        std::uint8_t first = proto;
        // Chain the extension headers: each names the next, the last names proto.
        for (std::size_t i = 0; i < f.v6Extensions.size(); ++i) {
            const auto [type, bytes] = f.v6Extensions[i];
            const std::uint8_t next =
                i + 1 < f.v6Extensions.size() ? f.v6Extensions[i + 1].first : proto;
            if (i == 0) {
                first = type;
            }
            if (type == 44) {
                put8(ext, next);
                put8(ext, 0);
                put16(ext, 0); // offset 0, M = 0
                put32(ext, f.id);
                continue;
            }
            put8(ext, next);
            put8(ext, static_cast<std::uint32_t>(bytes / 8 - 1));
            // PadN option filling the rest.
            put8(ext, 1);
            put8(ext, static_cast<std::uint32_t>(bytes - 4));
            for (std::size_t k = 4; k < bytes; ++k) {
                put8(ext, 0);
            }
        }
        put32(p, 0x60000000u);
        put16(p, static_cast<std::uint32_t>(ext.size() + transport.size()));
        put8(p, first);
        put8(p, f.ttl);
        putAddress(p, src);
        putAddress(p, dst);
        p.insert(p.end(), ext.begin(), ext.end());
    } else {
        put8(p, 0x45);
        put8(p, 0);
        put16(p, static_cast<std::uint32_t>(20 + transport.size()));
        put16(p, f.id);
        put16(p, f.dontFragment ? 0x4000 : 0);
        put8(p, f.ttl);
        put8(p, proto);
        put16(p, 0);
        putAddress(p, src);
        putAddress(p, dst);
        set16(p, 10, finish(sum16(p, 0, 20)));
    }
    p.insert(p.end(), transport.begin(), transport.end());
    return p;
}

TcpSegment tcpSegment(const std::string& src, std::uint16_t srcPort, const std::string& dst,
                      std::uint16_t dstPort) {
    TcpSegment s;
    s.src = ip(src);
    s.dst = ip(dst);
    s.srcPort = srcPort;
    s.dstPort = dstPort;
    return s;
}

Packet build(const TcpSegment& s) {
    Packet opts;
    if (s.mss) {
        put8(opts, 2);
        put8(opts, 4);
        put16(opts, *s.mss);
    }
    if (s.sackPermitted) {
        put8(opts, 4);
        put8(opts, 2);
    }
    if (s.timestamps) {
        put8(opts, 8);
        put8(opts, 10);
        put32(opts, s.timestamps->first);
        put32(opts, s.timestamps->second);
    }
    if (!s.sack.empty()) {
        put8(opts, 1);
        put8(opts, 1);
        put8(opts, 5);
        put8(opts, static_cast<std::uint32_t>(2 + 8 * s.sack.size()));
        for (const auto& b : s.sack) {
            put32(opts, b.left);
            put32(opts, b.right);
        }
    }
    if (s.windowScale) {
        put8(opts, 1);
        put8(opts, 3);
        put8(opts, 3);
        put8(opts, *s.windowScale);
    }
    while (opts.size() % 4) {
        put8(opts, 0);
    }
    Packet t;
    put16(t, s.srcPort);
    put16(t, s.dstPort);
    put32(t, s.seq);
    put32(t, s.ack);
    put16(t, static_cast<std::uint32_t>((5 + opts.size() / 4) << 12 | (s.flags & 0x1ff)));
    put16(t, s.window);
    put16(t, 0);
    put16(t, 0);
    t.insert(t.end(), opts.begin(), opts.end());
    const Packet payload = patternBytes(s.payloadBytes);
    t.insert(t.end(), payload.begin(), payload.end());
    Packet p = ipPacket(s.src, s.dst, IpProto::Tcp, t, s.ipFields);
    const std::size_t l4 = p.size() - t.size();
    fillChecksum(p, l4, 16, s.src, s.dst, IpProto::Tcp, true);
    if (s.badChecksum) {
        const auto good = static_cast<std::uint16_t>(std::to_integer<unsigned>(p[l4 + 16]) << 8 |
                                                     std::to_integer<unsigned>(p[l4 + 17]));
        set16(p, l4 + 16, static_cast<std::uint16_t>(good + 1));
    }
    return p;
}

Packet tcpPacket(const std::string& src, std::uint16_t srcPort, const std::string& dst,
                 std::uint16_t dstPort, std::uint32_t seq, std::uint32_t ack, std::uint16_t flags,
                 std::string_view payload) {
    TcpSegment s = tcpSegment(src, srcPort, dst, dstPort);
    s.seq = seq;
    s.ack = ack;
    s.flags = flags;
    s.payloadBytes = payload.size();
    Packet p = build(s);
    if (!payload.empty()) { // memcpy from a null pointer is undefined even for 0 bytes
        std::memcpy(p.data() + p.size() - payload.size(), payload.data(), payload.size());
    }
    return p;
}

Packet udpPacket(const std::string& src, std::uint16_t srcPort, const std::string& dst,
                 std::uint16_t dstPort, const Packet& payload, bool zeroChecksum) {
    const IpAddress s = ip(src);
    const IpAddress d = ip(dst);
    Packet u;
    put16(u, srcPort);
    put16(u, dstPort);
    put16(u, static_cast<std::uint32_t>(8 + payload.size()));
    put16(u, 0);
    u.insert(u.end(), payload.begin(), payload.end());
    Packet p = ipPacket(s, d, IpProto::Udp, u);
    if (!zeroChecksum) {
        const std::size_t l4 = p.size() - u.size();
        fillChecksum(p, l4, 6, s, d, IpProto::Udp, true);
        if (p[l4 + 6] == std::byte{0} && p[l4 + 7] == std::byte{0}) {
            set16(p, l4 + 6, 0xffff);
        }
    }
    return p;
}

Packet icmpEcho(const std::string& src, const std::string& dst, bool request, std::uint16_t id,
                std::uint16_t seq, std::size_t payloadBytes) {
    const IpAddress s = ip(src);
    const IpAddress d = ip(dst);
    Packet m;
    put8(m, s.v6 ? (request ? 128 : 129) : (request ? 8 : 0));
    put8(m, 0);
    put16(m, 0);
    put16(m, id);
    put16(m, seq);
    const Packet payload = patternBytes(payloadBytes);
    m.insert(m.end(), payload.begin(), payload.end());
    const std::uint8_t proto = s.v6 ? IpProto::Icmpv6 : IpProto::Icmp;
    Packet p = ipPacket(s, d, proto, m);
    fillChecksum(p, p.size() - m.size(), 2, s, d, proto, s.v6);
    return p;
}

Packet icmpError(const std::string& src, const std::string& dst, std::uint8_t type,
                 std::uint8_t code, const Packet& quoted, std::size_t quoteBytes,
                 std::uint32_t rest) {
    const IpAddress s = ip(src);
    const IpAddress d = ip(dst);
    Packet m;
    put8(m, type);
    put8(m, code);
    put16(m, 0);
    put32(m, rest);
    const std::size_t n = std::min(quoteBytes, quoted.size());
    m.insert(m.end(), quoted.begin(), quoted.begin() + static_cast<std::ptrdiff_t>(n));
    const std::uint8_t proto = s.v6 ? IpProto::Icmpv6 : IpProto::Icmp;
    IpFields f;
    f.dontFragment = false;
    Packet p = ipPacket(s, d, proto, m, f);
    fillChecksum(p, p.size() - m.size(), 2, s, d, proto, s.v6);
    return p;
}

Packet ipv4Fragment(const std::string& src, const std::string& dst, std::uint8_t proto,
                    std::uint16_t id, std::size_t offsetBytes, bool more, const Packet& payload) {
    IpFields f;
    f.id = id;
    f.dontFragment = false;
    Packet p = ipPacket(ip(src), ip(dst), proto, payload, f);
    set16(p, 6, static_cast<std::uint16_t>((more ? 0x2000 : 0) | (offsetBytes / 8)));
    set16(p, 10, 0);
    set16(p, 10, finish(sum16(p, 0, 20)));
    return p;
}

std::string writeWireCapture(const std::string& path, const std::vector<WirePacket>& packets) {
    TrafficStore store;
    for (const WirePacket& w : packets) {
        store.appendData(0, w.bToA ? Direction::Out : Direction::In, w.bytes, nullptr, w.flags, 0,
                         w.timeNs, 0, w.delayUs);
    }
    PcapngOptions options;
    options.wire = true;
    const auto done = exportPcapng(store, path, options);
    return done ? std::string() : done.error().message();
}

QStringList tsharkLines(const QString& file, const QStringList& args) {
    QProcess proc;
    proc.start(QStringLiteral("tshark"), QStringList{"-r", file} + args);
    if (!proc.waitForFinished(60000) || proc.exitStatus() != QProcess::NormalExit ||
        proc.exitCode() != 0) {
        return {QStringLiteral("<tshark failed: %1>")
                    .arg(QString::fromUtf8(proc.readAllStandardError()))};
    }
    QStringList lines = QString::fromUtf8(proc.readAllStandardOutput()).split('\n');
    while (!lines.isEmpty() && lines.last().isEmpty()) {
        lines.removeLast();
    }
    return lines;
}

} // namespace socklab::test
