#include "core/capture/pcapng_writer.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace socklab {

namespace {

constexpr std::uint16_t kLinkTypeRaw = 101;
// Keeps every synthesized IPv4/IPv6 packet under the 16-bit length fields.
constexpr std::size_t kMaxSegment = 65000;
constexpr std::uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10;

struct IpAddr {
    bool v6 = false;
    std::array<std::uint8_t, 16> bytes{};
    std::uint16_t port = 0;
};

std::optional<IpAddr> ipOf(const Endpoint& e) {
    const auto raw = e.addressBytes();
    if (raw.empty()) {
        return std::nullopt;
    }
    IpAddr a;
    a.v6 = raw.size() == 16;
    std::memcpy(a.bytes.data(), raw.data(), raw.size());
    a.port = e.port();
    return a;
}

IpAddr loopback(bool v6, std::uint16_t port) {
    IpAddr a;
    a.v6 = v6;
    a.port = port;
    if (v6) {
        a.bytes[15] = 1;
    } else {
        a.bytes = {127, 0, 0, 1};
    }
    return a;
}

// Big-endian (network order) packet building.
void put16(std::vector<std::uint8_t>& p, std::uint16_t v) {
    p.push_back(static_cast<std::uint8_t>(v >> 8));
    p.push_back(static_cast<std::uint8_t>(v));
}
void put32(std::vector<std::uint8_t>& p, std::uint32_t v) {
    put16(p, static_cast<std::uint16_t>(v >> 16));
    put16(p, static_cast<std::uint16_t>(v));
}
void set16(std::vector<std::uint8_t>& p, std::size_t at, std::uint16_t v) {
    p[at] = static_cast<std::uint8_t>(v >> 8);
    p[at + 1] = static_cast<std::uint8_t>(v);
}

std::uint64_t sumWords(const std::uint8_t* p, std::size_t n, std::uint64_t sum = 0) {
    for (std::size_t i = 0; i + 1 < n; i += 2) {
        sum += static_cast<std::uint64_t>(p[i]) << 8 | p[i + 1];
    }
    if (n % 2) {
        sum += static_cast<std::uint64_t>(p[n - 1]) << 8;
    }
    return sum;
}

std::uint16_t foldSum(std::uint64_t sum) {
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<std::uint16_t>(~sum);
}

struct Segment {
    std::uint8_t proto = 6; // IPPROTO_TCP / 17 = IPPROTO_UDP
    std::uint32_t seq = 0;
    std::uint32_t ack = 0;
    std::uint8_t tcpFlags = 0;
};

// IP header + TCP/UDP header + payload, checksums filled in.
std::vector<std::uint8_t> buildPacket(const IpAddr& src, const IpAddr& dst, const Segment& s,
                                      std::span<const std::byte> payload, std::uint16_t ipId) {
    const std::size_t l4Header = s.proto == 6 ? 20 : 8;
    const std::size_t l4Len = l4Header + payload.size();
    std::vector<std::uint8_t> p;
    p.reserve(40 + l4Len);
    const std::size_t addrLen = src.v6 ? 16 : 4;
    if (src.v6) {
        put32(p, 0x60000000u);
        put16(p, static_cast<std::uint16_t>(l4Len));
        p.push_back(s.proto);
        p.push_back(64);
        p.insert(p.end(), src.bytes.begin(), src.bytes.begin() + 16);
        p.insert(p.end(), dst.bytes.begin(), dst.bytes.begin() + 16);
    } else {
        p.push_back(0x45);
        p.push_back(0);
        put16(p, static_cast<std::uint16_t>(20 + l4Len));
        put16(p, ipId);
        put16(p, 0x4000); // DF
        p.push_back(64);
        p.push_back(s.proto);
        put16(p, 0);
        p.insert(p.end(), src.bytes.begin(), src.bytes.begin() + 4);
        p.insert(p.end(), dst.bytes.begin(), dst.bytes.begin() + 4);
        set16(p, 10, foldSum(sumWords(p.data(), 20)));
    }
    const std::size_t l4 = p.size();
    put16(p, src.port);
    put16(p, dst.port);
    if (s.proto == 6) {
        put32(p, s.seq);
        put32(p, s.ack);
        p.push_back(5 << 4);
        p.push_back(s.tcpFlags);
        put16(p, 0xffff); // window
        put16(p, 0);      // checksum
        put16(p, 0);      // urgent pointer
    } else {
        put16(p, static_cast<std::uint16_t>(l4Len));
        put16(p, 0);
    }
    const auto* data = reinterpret_cast<const std::uint8_t*>(payload.data());
    p.insert(p.end(), data, data + payload.size());
    // Pseudo header: addresses, protocol, L4 length.
    std::uint64_t sum = sumWords(src.bytes.data(), addrLen);
    sum = sumWords(dst.bytes.data(), addrLen, sum);
    sum += s.proto + static_cast<std::uint64_t>(l4Len);
    std::uint16_t csum = foldSum(sumWords(p.data() + l4, l4Len, sum));
    if (s.proto == 17 && csum == 0) {
        csum = 0xffff;
    }
    set16(p, l4 + (s.proto == 6 ? 16 : 6), csum);
    return p;
}

// pcapng blocks, written little-endian (the section's byte-order magic says so).
class PcapngWriter {
public:
    explicit PcapngWriter(const detail::PcapngSink& sink) : m_sink(sink) {}

    void sectionHeader() {
        std::vector<std::uint8_t> body;
        le32(body, 0x1A2B3C4D);
        le16(body, 1);
        le16(body, 0);
        le32(body, 0xffffffffu); // section length unknown (-1)
        le32(body, 0xffffffffu);
        option(body, 4, "SockLab"); // shb_userappl
        le32(body, 0);              // opt_endofopt
        block(0x0A0D0D0A, body);
    }

    void interface(std::uint16_t linkType, const std::string& name = {}) {
        std::vector<std::uint8_t> body;
        le16(body, linkType);
        le16(body, 0);
        le32(body, 0); // snaplen: no limit
        if (!name.empty()) {
            option(body, 2, name); // if_name
        }
        option(body, 9, std::string(1, '\x09')); // if_tsresol: nanoseconds
        le32(body, 0);
        block(1, body);
    }

    void packet(std::uint32_t iface, std::int64_t wallNs, const std::vector<std::uint8_t>& data) {
        packet(iface, wallNs, std::as_bytes(std::span(data)), data.size(), {});
    }

    /// An enhanced packet block; origLength >= data.size() (the length on the wire), comment
    /// written as opt_comment when not empty.
    void packet(std::uint32_t iface, std::int64_t wallNs, std::span<const std::byte> data,
                std::uint64_t origLength, const std::string& comment) {
        std::vector<std::uint8_t> body;
        body.reserve(20 + data.size() + 8 + comment.size());
        const auto ts = static_cast<std::uint64_t>(wallNs);
        le32(body, iface);
        le32(body, static_cast<std::uint32_t>(ts >> 32));
        le32(body, static_cast<std::uint32_t>(ts));
        le32(body, static_cast<std::uint32_t>(data.size()));
        le32(body, static_cast<std::uint32_t>(std::min<std::uint64_t>(
                       std::max<std::uint64_t>(origLength, data.size()), 0xffffffffu)));
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(data.data());
        body.insert(body.end(), bytes, bytes + data.size());
        pad(body);
        if (!comment.empty()) {
            option(body, 1, comment); // opt_comment
            le32(body, 0);            // opt_endofopt
        }
        block(6, body);
    }

private:
    static void le16(std::vector<std::uint8_t>& b, std::uint16_t v) {
        b.push_back(static_cast<std::uint8_t>(v));
        b.push_back(static_cast<std::uint8_t>(v >> 8));
    }
    static void le32(std::vector<std::uint8_t>& b, std::uint32_t v) {
        le16(b, static_cast<std::uint16_t>(v));
        le16(b, static_cast<std::uint16_t>(v >> 16));
    }
    static void pad(std::vector<std::uint8_t>& b) {
        while (b.size() % 4) {
            b.push_back(0);
        }
    }
    static void option(std::vector<std::uint8_t>& b, std::uint16_t code, const std::string& v) {
        le16(b, code);
        le16(b, static_cast<std::uint16_t>(v.size()));
        b.insert(b.end(), v.begin(), v.end());
        pad(b);
    }
    void block(std::uint32_t type, const std::vector<std::uint8_t>& body) {
        std::vector<std::uint8_t> out;
        const auto total = static_cast<std::uint32_t>(12 + body.size());
        out.reserve(total);
        le32(out, type);
        le32(out, total);
        out.insert(out.end(), body.begin(), body.end());
        le32(out, total);
        m_sink(std::as_bytes(std::span(out)));
    }

    const detail::PcapngSink& m_sink;
};

// Per-connection conversation state: who the peer is and each direction's next sequence number.
struct Flow {
    std::uint32_t peerIndex = 0;
    std::optional<IpAddr> peer;
    std::uint32_t seqLocal = 0;
    std::uint32_t seqRemote = 0;
    bool finLocal = false;
    bool finRemote = false;
    bool reset = false; ///< relay view: a reset was written
};

class PcapngExport {
public:
    PcapngExport(const TrafficStore& store, const PcapngOptions& options, PcapngWriter& writer)
        : m_store(store), m_options(options), m_writer(writer), m_local(ipOf(options.local)),
          m_localPort(options.local.port()),
          m_learnLocal(options.learnLocal && options.local.empty()) {}

    void visit(const Record& r, ExportSummary& summary) {
        ++summary.records;
        if (m_learnLocal) {
            learnLocal(r);
        }
        Flow& flow = flowFor(r.connectionId);
        // In a relay's capture the server leg's records name the server as their peer; the
        // conversation's peer is the client (the server stands at `local`).
        const bool serverLeg =
            m_options.relay && ((r.flags & RecordFlag::Upstream) != 0 ||
                                (r.kind == RecordKind::Data && r.direction == Direction::Out));
        if (r.peerIndex != 0 && r.peerIndex != flow.peerIndex && !serverLeg) {
            flow.peerIndex = r.peerIndex;
            flow.peer = ipOf(m_store.peer(r));
        }
        if (r.kind == RecordKind::Data) {
            if (m_options.relay && (r.flags & (RecordFlag::Edited | RecordFlag::Injected))) {
                ++summary.skippedUserBytes;
                return;
            }
            data(r, flow, summary);
        } else if (m_options.transport == PcapTransport::Tcp && flow.peer) {
            if (m_options.relay) {
                relayEvent(r, flow, summary);
            } else {
                event(r, flow, summary);
            }
        }
    }

private:
    // Our address as the capture tells it: a Bound record's text, the "local -> peer" text of
    // the own socket's Connected record, or (relay) the server the upstream leg connected to.
    void learnLocal(const Record& r) {
        Endpoint found;
        if (m_options.relay) {
            if ((r.flags & RecordFlag::Upstream) != 0 && r.peerIndex != 0) {
                found = m_store.peer(r);
            }
        } else if (r.connectionId == 0 &&
                   (r.kind == RecordKind::Bound || r.kind == RecordKind::Connected)) {
            const std::string text = m_store.text(r);
            if (auto e = Endpoint::parse(text.substr(0, text.find(" -> ")))) {
                found = *e;
            }
        }
        if (found.port() == 0) {
            return;
        }
        m_learnLocal = false;
        m_localPort = found.port();
        // A wildcard (0.0.0.0, ::) is no packet address: the peer family's loopback then.
        const auto raw = found.addressBytes();
        const bool wildcard =
            std::all_of(raw.begin(), raw.end(), [](std::byte b) { return b == std::byte{0}; });
        m_local = wildcard ? std::nullopt : ipOf(found);
    }

    Flow& flowFor(std::uint32_t id) {
        auto [it, fresh] = m_flows.try_emplace(id);
        if (fresh) {
            // Distinct initial sequence numbers per side make mix-ups visible in Wireshark.
            it->second.seqLocal = 0x10000000u + id * 0x01000000u;
            it->second.seqRemote = 0x80000000u + id * 0x01000000u;
        }
        return it->second;
    }

    IpAddr localFor(const IpAddr& peer) const {
        if (m_local && m_local->v6 == peer.v6) {
            return *m_local;
        }
        return loopback(peer.v6, m_localPort);
    }

    void emit(const Flow& flow, bool fromLocal, const Segment& s, std::span<const std::byte> pay,
              std::int64_t wallNs, ExportSummary& summary) {
        const IpAddr local = localFor(*flow.peer);
        const IpAddr& src = fromLocal ? local : *flow.peer;
        const IpAddr& dst = fromLocal ? *flow.peer : local;
        m_writer.packet(0, wallNs, buildPacket(src, dst, s, pay, m_ipId++));
        ++summary.packets;
    }

    void tcp(Flow& flow, bool fromLocal, std::uint8_t flags, std::span<const std::byte> pay,
             std::int64_t wallNs, ExportSummary& summary) {
        std::uint32_t& mine = fromLocal ? flow.seqLocal : flow.seqRemote;
        const std::uint32_t theirs = fromLocal ? flow.seqRemote : flow.seqLocal;
        Segment s{6, mine, theirs, flags};
        emit(flow, fromLocal, s, pay, wallNs, summary);
        mine += static_cast<std::uint32_t>(pay.size()) + ((flags & (kSyn | kFin)) ? 1 : 0);
    }

    void handshake(Flow& flow, bool localOpens, std::int64_t wallNs, ExportSummary& summary) {
        tcp(flow, localOpens, kSyn, {}, wallNs, summary);
        tcp(flow, !localOpens, kSyn | kAck, {}, wallNs, summary);
        tcp(flow, localOpens, kAck, {}, wallNs, summary);
    }

    void event(const Record& r, Flow& flow, ExportSummary& summary) {
        switch (r.kind) {
        case RecordKind::Connected:
            handshake(flow, true, r.wallNs, summary);
            break;
        case RecordKind::Accepted:
            handshake(flow, false, r.wallNs, summary);
            break;
        case RecordKind::HalfClosed:
        case RecordKind::Closed:
            if (!flow.finLocal) {
                flow.finLocal = true;
                tcp(flow, true, kFin | kAck, {}, r.wallNs, summary);
            }
            break;
        case RecordKind::PeerClosed:
            if (!flow.finRemote) {
                flow.finRemote = true;
                tcp(flow, false, kFin | kAck, {}, r.wallNs, summary);
            }
            break;
        case RecordKind::Reset:
            tcp(flow, (r.flags & RecordFlag::Remote) == 0, kRst | kAck, {}, r.wallNs, summary);
            break;
        default:
            break;
        }
    }

    // A relay pair as one client <-> server conversation: the client's handshake when it was
    // accepted, each side's FIN when it sent one, a reset from the side that reset. The relay's
    // own forwarding steps (FIN/RST forwarded, upstream connect) are not packets of their own.
    void relayEvent(const Record& r, Flow& flow, ExportSummary& summary) {
        const bool server = (r.flags & RecordFlag::Upstream) != 0;
        switch (r.kind) {
        case RecordKind::Accepted:
            handshake(flow, false, r.wallNs, summary);
            break;
        case RecordKind::PeerClosed:
            if (server ? !flow.finLocal : !flow.finRemote) {
                (server ? flow.finLocal : flow.finRemote) = true;
                tcp(flow, server, kFin | kAck, {}, r.wallNs, summary);
            }
            break;
        case RecordKind::Reset:
            // One reset per conversation: from the side that reset, else (the relay reset
            // both legs, or the upstream refused and the client was reset) from the server.
            // The relay's mirror of a reset already written is not a packet of its own.
            if (!flow.reset) {
                flow.reset = true;
                const bool fromServer = (r.flags & RecordFlag::Remote) == 0 || server;
                tcp(flow, fromServer, kRst | kAck, {}, r.wallNs, summary);
            }
            break;
        default:
            break;
        }
    }

    void data(const Record& r, Flow& flow, ExportSummary& summary) {
        if (!flow.peer || (r.direction != Direction::In && r.direction != Direction::Out)) {
            ++summary.skippedNoAddress;
            return;
        }
        const bool fromLocal = r.direction == Direction::Out;
        m_bytes.resize(r.length);
        if (m_store.readRecordBytes(r, 0, m_bytes) < r.length) {
            ++summary.evictedRecords;
            if (m_options.transport == PcapTransport::Tcp) {
                // Keep the sequence space honest: Wireshark shows the gap as missing segments.
                (fromLocal ? flow.seqLocal : flow.seqRemote) += r.length;
            }
            return;
        }
        const std::span<const std::byte> all(m_bytes);
        if (m_options.transport == PcapTransport::Udp) {
            const std::size_t n = std::min(all.size(), kMaxSegment);
            summary.truncatedRecords += n < all.size() ? 1 : 0;
            emit(flow, fromLocal, Segment{17, 0, 0, 0}, all.first(n), r.wallNs, summary);
            return;
        }
        std::size_t off = 0;
        do {
            const std::size_t n = std::min(all.size() - off, kMaxSegment);
            tcp(flow, fromLocal, kPsh | kAck, all.subspan(off, n), r.wallNs, summary);
            off += n;
        } while (off < all.size());
    }

    const TrafficStore& m_store;
    const PcapngOptions& m_options;
    PcapngWriter& m_writer;
    std::optional<IpAddr> m_local;
    std::uint16_t m_localPort = 0;
    bool m_learnLocal = false;
    std::map<std::uint32_t, Flow> m_flows;
    std::vector<std::byte> m_bytes;
    std::uint16_t m_ipId = 1;
};

// What the wire did to a packet, as the packet's comment ("" when nothing).
std::string wireFate(const Record& r) {
    std::string out;
    const auto add = [&](const std::string& text) {
        out += out.empty() ? "" : "; ";
        out += text;
    };
    if (r.flags & RecordFlag::WireDropped) {
        add("dropped by the wire");
    }
    if (r.flags & RecordFlag::WireDuplicated) {
        add("duplicated by the wire");
    }
    if (r.flags & RecordFlag::WireCorrupted) {
        add("one bit corrupted by the wire");
    }
    if (r.flags & RecordFlag::WireReordered) {
        add("reordered by the wire");
    }
    if (r.wireDelayUs > 0) {
        const std::uint64_t tenths = (std::uint64_t{r.wireDelayUs} + 50) / 100; // 0.1 ms units
        add("delayed " + std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) +
            " ms by the wire");
    }
    return out;
}

// The lab wire view: each Data record is one IP packet, written as it was recorded.
class WireExport {
public:
    WireExport(const TrafficStore& store, PcapngWriter& writer)
        : m_store(store), m_writer(writer) {}

    void visit(const Record& r, ExportSummary& summary) {
        ++summary.records;
        if (r.kind != RecordKind::Data) {
            return;
        }
        if (r.direction != Direction::In && r.direction != Direction::Out) {
            ++summary.skippedNoAddress;
            return;
        }
        m_bytes.resize(r.length);
        if (m_store.readRecordBytes(r, 0, m_bytes) < r.length) {
            ++summary.evictedRecords;
            return;
        }
        const std::uint32_t iface = r.direction == Direction::In ? 0 : 1;
        m_writer.packet(iface, r.wallNs, m_bytes, std::max<std::uint64_t>(r.wireLength, r.length),
                        wireFate(r));
        ++summary.packets;
    }

private:
    const TrafficStore& m_store;
    PcapngWriter& m_writer;
    std::vector<std::byte> m_bytes;
};

} // namespace

namespace detail {

struct PcapngRecordWriter::Impl {
    Impl(const TrafficStore& store, const PcapngOptions& options, PcapngSink sink)
        : options(options), sink(std::move(sink)), blocks(this->sink),
          ip(store, this->options, blocks), wire(store, blocks) {}

    PcapngOptions options;
    PcapngSink sink;
    PcapngWriter blocks;
    PcapngExport ip;
    WireExport wire;
};

PcapngRecordWriter::PcapngRecordWriter(const TrafficStore& store, const PcapngOptions& options,
                                       PcapngSink sink)
    : m_impl(std::make_unique<Impl>(store, options, std::move(sink))) {}

PcapngRecordWriter::~PcapngRecordWriter() = default;

void PcapngRecordWriter::writeHeader() {
    m_impl->blocks.sectionHeader();
    if (m_impl->options.wire) {
        m_impl->blocks.interface(kLinkTypeRaw, "lab wire A->B");
        m_impl->blocks.interface(kLinkTypeRaw, "lab wire B->A");
    } else {
        m_impl->blocks.interface(kLinkTypeRaw);
    }
}

void PcapngRecordWriter::visit(const Record& r, ExportSummary& summary) {
    if (m_impl->options.wire) {
        m_impl->wire.visit(r, summary);
    } else {
        m_impl->ip.visit(r, summary);
    }
}

} // namespace detail

} // namespace socklab
