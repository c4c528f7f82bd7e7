// One pass over a capture: packets -> conversations -> (for the chosen one) store records.
#include "core/pcapimport/capture_import.h"

#include "core/capture/record_text.h"
#include "core/packet/packet.h"
#include "core/pcapimport/capture_reader.h"
#include "core/pcapimport/tcp_reassembler.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <map>
#include <memory>

namespace socklab {

namespace {

struct Address {
    IpAddress ip;
    std::uint16_t port = 0;
    friend auto operator<=>(const Address&, const Address&) = default;
    friend bool operator==(const Address&, const Address&) = default;
};

/// A conversation's key: protocol and the two addresses, lower first.
struct FlowKey {
    CaptureProtocol protocol = CaptureProtocol::Tcp;
    Address low;
    Address high;
    friend auto operator<=>(const FlowKey&, const FlowKey&) = default;
};

Endpoint endpointOf(const Address& a) {
    auto e = Endpoint::parse(endpointText(a.ip, a.port));
    return e ? *e : Endpoint{};
}

std::string mib(std::size_t bytes) {
    return std::to_string(bytes >> 20) + " MiB";
}

struct Conversation {
    CaptureConversation info;
    Address client;
    Address server;
    // TCP
    std::unique_ptr<TcpReassembler> out; ///< client -> server
    std::unique_ptr<TcpReassembler> in;  ///< server -> client
    std::optional<std::uint32_t> clientIsn;
    bool synAckSeen = false;
    bool finished = false; ///< reassemblers flushed (reset, or end of capture)
};

class Importer {
public:
    Importer(const CaptureImportOptions& options, std::uint32_t target, TrafficStore* store)
        : m_options(options), m_target(target), m_store(store) {
        m_budget.limitBytes = options.outOfOrderLimitBytes;
    }

    Status run(CaptureReader& reader, CaptureSummary& summary);

private:
    void onPacket(const CapturedPacket& packet, CaptureSummary& summary);
    void onTcp(const DecodedPacket& p, const CapturedPacket& packet);
    void onUdp(const DecodedPacket& p, const CapturedPacket& packet);
    Conversation& open(const FlowKey& key, const Address& client, const Address& server,
                       CaptureProtocol protocol, std::int64_t timeNs);
    void finish(Conversation& c, std::int64_t timeNs);
    void streamEvent(Conversation& c, bool fromClient, const StreamEvent& e);

    [[nodiscard]] bool recording(const Conversation& c) const {
        return m_store != nullptr && c.info.index == m_target;
    }
    void event(const Conversation& c, RecordKind kind, const std::string& text, std::int64_t timeNs,
               int err = 0, bool withPeer = false, std::uint16_t flags = 0) {
        if (!recording(c)) {
            return;
        }
        const Endpoint* peer = withPeer ? &c.info.server : nullptr;
        m_store->appendEvent(0, kind, text, err, peer, flags, timeNs, timeNs);
    }

    const CaptureImportOptions& m_options;
    std::uint32_t m_target;
    TrafficStore* m_store;
    ReassemblyBudget m_budget;
    std::vector<std::unique_ptr<Conversation>> m_conversations;
    std::map<FlowKey, Conversation*> m_current;
};

Status Importer::run(CaptureReader& reader, CaptureSummary& summary) {
    summary.path = reader.path();
    summary.linkType = reader.linkTypeText();
    CapturedPacket packet;
    constexpr std::uint64_t kPollPackets = 4096; // a few ms of work between polls
    for (std::uint64_t n = 1;; ++n) {
        if (n % kPollPackets == 0) {
            if (m_options.cancel != nullptr && m_options.cancel->load(std::memory_order_relaxed)) {
                return fail(sysError(ECANCELED, "import", reader.path(), "cancelled"));
            }
            if (m_options.progress) {
                m_options.progress(reader.offset(), reader.fileSize());
            }
        }
        auto more = reader.next(packet);
        if (!more) {
            return fail(more.error());
        }
        if (!*more) {
            break;
        }
        onPacket(packet, summary);
    }
    for (auto& c : m_conversations) {
        finish(*c, c->info.lastNs);
        if (recording(*c) && c->info.protocol == CaptureProtocol::Tcp &&
            c->info.resetBy == CaptureSide::None &&
            !(c->info.finFromClient && c->info.finFromServer)) {
            event(*c, RecordKind::Info, "the capture ends with the connection still open",
                  c->info.lastNs);
        }
        summary.conversations.push_back(c->info);
    }
    summary.packets = reader.packetsRead();
    summary.nonIpPackets = reader.nonIpPackets();
    if (m_options.progress) {
        m_options.progress(reader.fileSize(), reader.fileSize());
    }
    return {};
}

void Importer::onPacket(const CapturedPacket& packet, CaptureSummary& summary) {
    const DecodedPacket p = decodePacket(packet.ip, packet.ipWireLength);
    if (!p.ipComplete) {
        ++summary.malformedPackets;
        return;
    }
    if (p.ip.isFragment()) {
        ++summary.fragments;
        return;
    }
    if (p.tcp && !p.tcp->partial) {
        onTcp(p, packet);
    } else if (p.udp && !p.udp->partial && p.udp->length >= 8) {
        onUdp(p, packet);
    } else if (p.tcp || p.udp) {
        ++summary.malformedPackets;
    } else {
        ++summary.otherPackets;
    }
}

Conversation& Importer::open(const FlowKey& key, const Address& client, const Address& server,
                             CaptureProtocol protocol, std::int64_t timeNs) {
    auto c = std::make_unique<Conversation>();
    c->info.index = static_cast<std::uint32_t>(m_conversations.size() + 1);
    c->info.protocol = protocol;
    c->client = client;
    c->server = server;
    c->info.client = endpointOf(client);
    c->info.server = endpointOf(server);
    c->info.firstNs = timeNs;
    c->info.lastNs = timeNs;
    if (protocol == CaptureProtocol::Tcp) {
        const std::size_t history = recording(*c) ? m_options.retransmitCompareBytes : 0;
        c->out = std::make_unique<TcpReassembler>(m_budget, history);
        c->in = std::make_unique<TcpReassembler>(m_budget, history);
    }
    Conversation& ref = *c;
    m_conversations.push_back(std::move(c));
    m_current[key] = &ref;
    return ref;
}

void Importer::onTcp(const DecodedPacket& p, const CapturedPacket& packet) {
    const TcpHeader& t = *p.tcp;
    const Address src{p.ip.src, t.srcPort};
    const Address dst{p.ip.dst, t.dstPort};
    const FlowKey key{CaptureProtocol::Tcp, std::min(src, dst), std::max(src, dst)};
    const bool syn = t.has(TcpFlag::Syn);
    const bool ack = t.has(TcpFlag::Ack);
    const std::int64_t now = packet.timeNs;

    Conversation* c = nullptr;
    if (auto it = m_current.find(key); it != m_current.end()) {
        c = it->second;
    }
    const bool sameSyn = c != nullptr && c->clientIsn && *c->clientIsn == t.seq && src == c->client;
    if (syn && !ack && !sameSyn) {
        if (c != nullptr) {
            finish(*c, now); // the 4-tuple is reused: whatever the old one held ends here
        }
        c = &open(key, src, dst, CaptureProtocol::Tcp, now);
    } else if (c == nullptr) {
        // Mid-stream: a SYN-ACK's receiver is the client; otherwise the first sender is.
        c = syn ? &open(key, dst, src, CaptureProtocol::Tcp, now)
                : &open(key, src, dst, CaptureProtocol::Tcp, now);
        if (!syn) {
            event(*c, RecordKind::Info,
                  "no handshake in the capture: the connection was already open (client = the "
                  "first sender, a guess)",
                  now);
        }
    }
    Conversation& conv = *c;
    const bool fromClient = src == conv.client;
    conv.info.lastNs = now;
    ++(fromClient ? conv.info.packetsOut : conv.info.packetsIn);
    const std::string fromText = fromClient ? "client" : "server";
    if (conv.finished) {
        return; // after a reset: stray packets of a closed connection
    }
    TcpReassembler& mine = fromClient ? *conv.out : *conv.in;
    TcpReassembler& theirs = fromClient ? *conv.in : *conv.out;

    if (syn && !ack) {
        if (fromClient && !conv.clientIsn) {
            conv.clientIsn = t.seq;
            conv.info.synSeen = true;
            mine.syn(t.seq);
            event(conv, RecordKind::Connecting,
                  "SYN " + conv.info.client.toString() + " -> " + conv.info.server.toString(), now,
                  0, true);
        } else if (fromClient) {
            event(conv, RecordKind::Info, "SYN retransmitted by the client", now);
        } else {
            mine.syn(t.seq); // simultaneous open
        }
    } else if (syn && ack) {
        mine.syn(t.seq);
        if (!fromClient && !conv.synAckSeen) {
            conv.synAckSeen = true;
            conv.info.handshakeSeen = conv.info.synSeen;
            event(conv, RecordKind::Connected,
                  conv.info.client.toString() + " -> " + conv.info.server.toString() +
                      " (SYN-ACK from the server)",
                  now, 0, true);
        } else if (!fromClient) {
            event(conv, RecordKind::Info, "SYN-ACK retransmitted by the server", now);
        }
    }
    if (ack) {
        theirs.peerAcked(t.ack);
    }
    const std::span<const std::byte> payload = packet.ip.subspan(
        std::min(t.payloadOffset, packet.ip.size()),
        std::min(t.payloadLength, packet.ip.size() - std::min(t.payloadOffset, packet.ip.size())));
    // Bytes beyond those captured count only when the capture says it cut the packet.
    const std::size_t claimed = packet.ip.size() < packet.ipWireLength
                                    ? std::max(t.segmentLength, t.payloadLength)
                                    : t.payloadLength;
    const std::uint32_t dataSeq = syn ? t.seq + 1 : t.seq;
    mine.segment(dataSeq, payload, claimed, t.has(TcpFlag::Fin), now,
                 [&](const StreamEvent& e) { streamEvent(conv, fromClient, e); });
    if (t.has(TcpFlag::Rst)) {
        finish(conv, now);
        conv.info.resetBy = fromClient ? CaptureSide::Client : CaptureSide::Server;
        event(conv, RecordKind::Reset,
              "RST from the " + fromText + " " +
                  (fromClient ? conv.info.client : conv.info.server).toString(),
              now, fromClient ? 0 : ECONNRESET, false, fromClient ? 0 : RecordFlag::Remote);
    }
}

void Importer::onUdp(const DecodedPacket& p, const CapturedPacket& packet) {
    const UdpHeader& u = *p.udp;
    const Address src{p.ip.src, u.srcPort};
    const Address dst{p.ip.dst, u.dstPort};
    const FlowKey key{CaptureProtocol::Udp, std::min(src, dst), std::max(src, dst)};
    Conversation* c = nullptr;
    if (auto it = m_current.find(key); it != m_current.end()) {
        c = it->second;
    } else {
        c = &open(key, src, dst, CaptureProtocol::Udp, packet.timeNs);
    }
    Conversation& conv = *c;
    const bool fromClient = src == conv.client;
    conv.info.lastNs = packet.timeNs;
    ++(fromClient ? conv.info.packetsOut : conv.info.packetsIn);
    const std::size_t at = std::min(u.payloadOffset, packet.ip.size());
    const auto bytes = packet.ip.subspan(at, std::min(u.payloadLength, packet.ip.size() - at));
    const std::size_t wire = u.length - 8u;
    std::uint16_t flags = 0;
    if (bytes.size() < wire && packet.ip.size() < packet.ipWireLength) {
        flags = RecordFlag::Truncated;
        ++conv.info.truncatedDatagrams;
    }
    (fromClient ? conv.info.bytesOut : conv.info.bytesIn) += bytes.size();
    if (recording(conv)) {
        m_store->appendData(0, fromClient ? Direction::Out : Direction::In, bytes,
                            &conv.info.server, flags, flags != 0 ? wire : 0, packet.timeNs,
                            packet.timeNs);
    }
}

void Importer::finish(Conversation& c, std::int64_t timeNs) {
    if (c.finished || c.info.protocol != CaptureProtocol::Tcp) {
        return;
    }
    c.out->finish(timeNs, [&](const StreamEvent& e) { streamEvent(c, true, e); });
    c.in->finish(timeNs, [&](const StreamEvent& e) { streamEvent(c, false, e); });
    c.finished = true;
}

void Importer::streamEvent(Conversation& c, bool fromClient, const StreamEvent& e) {
    const std::string way = fromClient ? "client->server" : "server->client";
    const std::string seq = "seq " + std::to_string(relativeSeq(e.offset));
    const std::string n = std::to_string(e.length) + (e.length == 1 ? " byte" : " bytes");
    switch (e.kind) {
    case StreamEvent::Kind::Data:
        (fromClient ? c.info.bytesOut : c.info.bytesIn) += e.length;
        if (recording(c)) {
            m_store->appendData(0, fromClient ? Direction::Out : Direction::In, e.bytes, nullptr, 0,
                                0, e.timeNs, e.timeNs);
        }
        return;
    case StreamEvent::Kind::Gap: {
        ++c.info.gaps;
        c.info.gapBytes += e.length;
        const char* why = e.gapCause == GapCause::Snaplen ? "cut by the capture's snapshot length"
                          : e.gapCause == GapCause::BufferLimit
                              ? "not arrived when the out-of-order buffer was full"
                              : "not captured";
        event(c, RecordKind::Info,
              streamGapText(fromClient ? Direction::Out : Direction::In,
                            n + " missing at " + seq + " (" + why + ")"),
              e.timeNs);
        return;
    }
    case StreamEvent::Kind::Retransmission: {
        c.info.retransmittedBytes += e.length;
        if (e.resent == Resent::Differs) {
            ++c.info.retransmissionsDiffering;
        }
        const char* how = e.resent == Resent::Same      ? "same bytes"
                          : e.resent == Resent::Differs ? "different bytes: the first copy is kept"
                                                        : "not compared";
        event(c, RecordKind::Info,
              "retransmission " + way + ": " + n + " at " + seq + " already delivered (" + how +
                  ")",
              e.timeNs);
        return;
    }
    case StreamEvent::Kind::OutOfOrder:
        ++c.info.outOfOrderSegments;
        if (!e.firstForHole) {
            return;
        }
        event(c, RecordKind::Info,
              "out of order " + way + ": " + n + " at " + seq + " held until seq " +
                  std::to_string(relativeSeq(e.waitingFor)) + " arrives",
              e.timeNs);
        return;
    case StreamEvent::Kind::BufferLimit:
        c.info.bufferLimitHit = true;
        event(c, RecordKind::Info,
              "out-of-order buffer limit (" + mib(m_budget.limitBytes) + ") reached " + way +
                  ": the held bytes are delivered and the holes marked as gaps",
              e.timeNs);
        return;
    case StreamEvent::Kind::Fin: {
        const std::string after =
            "the " + way + " stream ends after " + std::to_string(e.offset) + " bytes";
        if (fromClient) {
            c.info.finFromClient = true;
            if (c.info.finFromServer) {
                event(c, RecordKind::Closed, "FIN from the client: " + after, e.timeNs);
            } else {
                event(c, RecordKind::HalfClosed, "FIN from the client: " + after, e.timeNs);
            }
        } else {
            c.info.finFromServer = true;
            event(c, RecordKind::PeerClosed, "FIN from the server: " + after, e.timeNs);
        }
        return;
    }
    }
}

Result<CaptureSummary> runImport(const std::string& path, const CaptureImportOptions& options,
                                 std::uint32_t target, TrafficStore* store) {
    auto reader = CaptureReader::open(path);
    if (!reader) {
        return fail(reader.error());
    }
    CaptureSummary summary;
    Importer importer(options, target, store);
    if (auto ok = importer.run(*reader, summary); !ok) {
        return fail(ok.error());
    }
    return summary;
}

std::string plural(std::uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

} // namespace

std::string captureProtocolName(CaptureProtocol p) {
    return p == CaptureProtocol::Tcp ? "TCP" : "UDP";
}

SocketSpec captureSocketSpec(const CaptureConversation& c) {
    const bool tcp = c.protocol == CaptureProtocol::Tcp;
    const CatalogEntry* type = typeByName(tcp ? "SOCK_STREAM" : "SOCK_DGRAM");
    const CatalogEntry* protocol = protocolByName(tcp ? "IPPROTO_TCP" : "IPPROTO_UDP");
    return SocketSpec{c.client.family(), type != nullptr ? type->value : 0,
                      protocol != nullptr ? protocol->value : 0};
}

std::string captureDurationText(std::int64_t ns) {
    char buf[32];
    const double v = double(std::max<std::int64_t>(ns, 0));
    if (v < 1e9) {
        std::snprintf(buf, sizeof buf, "%.3f ms", v / 1e6);
    } else {
        std::snprintf(buf, sizeof buf, "%.3f s", v / 1e9);
    }
    return buf;
}

std::string conversationNotes(const CaptureConversation& c) {
    std::vector<std::string> notes;
    if (c.protocol == CaptureProtocol::Udp) {
        if (c.truncatedDatagrams > 0) {
            notes.push_back(plural(c.truncatedDatagrams, "datagram", "datagrams") +
                            " cut by the snapshot length");
        }
    } else {
        notes.push_back(c.handshakeSeen ? "handshake"
                        : c.synSeen     ? "SYN only"
                                        : "no handshake (mid-stream)");
        if (c.finFromClient && c.finFromServer) {
            notes.push_back("FIN both ways");
        } else if (c.finFromClient) {
            notes.push_back("FIN from client");
        } else if (c.finFromServer) {
            notes.push_back("FIN from server");
        }
        if (c.resetBy != CaptureSide::None) {
            notes.push_back(std::string("RST from ") +
                            (c.resetBy == CaptureSide::Client ? "client" : "server"));
        }
        if (c.resetBy == CaptureSide::None && !(c.finFromClient && c.finFromServer)) {
            notes.push_back("open at the end");
        }
        if (c.gaps > 0) {
            notes.push_back(plural(c.gaps, "gap", "gaps") + " (" +
                            plural(c.gapBytes, "byte", "bytes") + ")");
        }
        if (c.retransmittedBytes > 0) {
            std::string text = plural(c.retransmittedBytes, "byte", "bytes") + " retransmitted";
            if (c.retransmissionsDiffering > 0) {
                text += " (" + std::to_string(c.retransmissionsDiffering) + " with other bytes)";
            }
            notes.push_back(text);
        }
        if (c.outOfOrderSegments > 0) {
            notes.push_back(plural(c.outOfOrderSegments, "segment", "segments") + " out of order");
        }
        if (c.bufferLimitHit) {
            notes.push_back("out-of-order buffer full");
        }
    }
    std::string out;
    for (const auto& n : notes) {
        out += (out.empty() ? "" : ", ") + n;
    }
    return out;
}

std::vector<std::string> captureSkippedNotes(const CaptureSummary& s) {
    std::vector<std::string> out;
    if (s.nonIpPackets > 0) {
        out.push_back(plural(s.nonIpPackets, "packet", "packets") +
                      " of other link protocols skipped (ARP, LLDP...)");
    }
    if (s.otherPackets > 0) {
        out.push_back(plural(s.otherPackets, "IP packet", "IP packets") +
                      " neither TCP nor UDP skipped (ICMP...)");
    }
    if (s.fragments > 0) {
        out.push_back(plural(s.fragments, "IP fragment", "IP fragments") +
                      " skipped (not reassembled)");
    }
    if (s.malformedPackets > 0) {
        out.push_back(plural(s.malformedPackets, "malformed packet", "malformed packets") +
                      " skipped (headers that do not decode)");
    }
    return out;
}

Result<CaptureSummary> listCaptureConversations(const std::string& path,
                                                const CaptureImportOptions& options) {
    return runImport(path, options, 0, nullptr);
}

Result<CaptureConversation> importCaptureConversation(const std::string& path, std::uint32_t index,
                                                      TrafficStore& store,
                                                      const CaptureImportOptions& options) {
    auto summary = runImport(path, options, index, &store);
    if (!summary) {
        return fail(summary.error());
    }
    if (index == 0 || index > summary->conversations.size()) {
        return fail(inputError("import", path,
                               "no conversation " + std::to_string(index) + " (the capture has " +
                                   std::to_string(summary->conversations.size()) + ")"));
    }
    return summary->conversations[index - 1];
}

} // namespace socklab
