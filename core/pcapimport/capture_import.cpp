// One pass over a capture: packets -> conversations -> (for the chosen one) store records.
#include "core/pcapimport/capture_import.h"

#include "core/base/translate.h"
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
    return trArgs(SL_TR("socklab", "%1 MiB"), bytes >> 20);
}

/// trArgs(one or many, n): "1 byte", "2 bytes" (both forms translated by the caller; a
/// template may take more arguments, filled from rest).
template <class... Rest>
std::string counted(std::uint64_t n, std::string_view one, std::string_view many,
                    const Rest&... rest) {
    return trArgs(n == 1 ? one : many, n, rest...);
}

std::string bytesText(std::uint64_t n) {
    return counted(n, SL_TR("socklab", "%1 byte"), SL_TR("socklab", "%1 bytes"));
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
                return fail(sysError(ECANCELED, SL_TR("socklab", "import"), reader.path(),
                                     SL_TR("socklab", "cancelled")));
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
            event(*c, RecordKind::Info,
                  SL_TR("socklab", "the capture ends with the connection still open"),
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
                  SL_TR("socklab", "no handshake in the capture: the connection was already open "
                                   "(client = the first sender, a guess)"),
                  now);
        }
    }
    Conversation& conv = *c;
    const bool fromClient = src == conv.client;
    conv.info.lastNs = now;
    ++(fromClient ? conv.info.packetsOut : conv.info.packetsIn);
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
            event(conv, RecordKind::Info, SL_TR("socklab", "SYN retransmitted by the client"), now);
        } else {
            mine.syn(t.seq); // simultaneous open
        }
    } else if (syn && ack) {
        mine.syn(t.seq);
        if (!fromClient && !conv.synAckSeen) {
            conv.synAckSeen = true;
            conv.info.handshakeSeen = conv.info.synSeen;
            // Not translated: the pcapng export reads the local address back from it.
            event(conv, RecordKind::Connected,
                  conv.info.client.toString() + " -> " + conv.info.server.toString() +
                      " (SYN-ACK from the server)",
                  now, 0, true);
        } else if (!fromClient) {
            event(conv, RecordKind::Info, SL_TR("socklab", "SYN-ACK retransmitted by the server"),
                  now);
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
              trArgs(fromClient ? SL_TR("socklab", "RST from the client %1")
                                : SL_TR("socklab", "RST from the server %1"),
                     (fromClient ? conv.info.client : conv.info.server).toString()),
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
    const auto seq = relativeSeq(e.offset);
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
        // Not translated: replay and message framing read this text back (streamGapText,
        // and the byte count after the colon).
        const std::string n = std::to_string(e.length) + (e.length == 1 ? " byte" : " bytes");
        const char* why = e.gapCause == GapCause::Snaplen ? "cut by the capture's snapshot length"
                          : e.gapCause == GapCause::BufferLimit
                              ? "not arrived when the out-of-order buffer was full"
                              : "not captured";
        event(c, RecordKind::Info,
              streamGapText(fromClient ? Direction::Out : Direction::In,
                            n + " missing at seq " + std::to_string(seq) + " (" + why + ")"),
              e.timeNs);
        return;
    }
    case StreamEvent::Kind::Retransmission: {
        c.info.retransmittedBytes += e.length;
        if (e.resent == Resent::Differs) {
            ++c.info.retransmissionsDiffering;
        }
        const std::string how = e.resent == Resent::Same ? SL_TR("socklab", "same bytes")
                                : e.resent == Resent::Differs
                                    ? SL_TR("socklab", "different bytes: the first copy is kept")
                                    : SL_TR("socklab", "not compared");
        event(c, RecordKind::Info,
              trArgs(fromClient ? SL_TR("socklab", "retransmission client->server: %1 at seq %2 "
                                                   "already delivered (%3)")
                                : SL_TR("socklab", "retransmission server->client: %1 at seq %2 "
                                                   "already delivered (%3)"),
                     bytesText(e.length), seq, how),
              e.timeNs);
        return;
    }
    case StreamEvent::Kind::OutOfOrder:
        ++c.info.outOfOrderSegments;
        if (!e.firstForHole) {
            return;
        }
        event(c, RecordKind::Info,
              trArgs(fromClient ? SL_TR("socklab", "out of order client->server: %1 at seq %2 "
                                                   "held until seq %3 arrives")
                                : SL_TR("socklab", "out of order server->client: %1 at seq %2 "
                                                   "held until seq %3 arrives"),
                     bytesText(e.length), seq, relativeSeq(e.waitingFor)),
              e.timeNs);
        return;
    case StreamEvent::Kind::BufferLimit:
        c.info.bufferLimitHit = true;
        event(
            c, RecordKind::Info,
            trArgs(fromClient
                       ? SL_TR("socklab", "out-of-order buffer limit (%1) reached client->server: "
                                          "the held bytes are delivered and the holes marked as "
                                          "gaps")
                       : SL_TR("socklab", "out-of-order buffer limit (%1) reached server->client: "
                                          "the held bytes are delivered and the holes marked as "
                                          "gaps"),
                   mib(m_budget.limitBytes)),
            e.timeNs);
        return;
    case StreamEvent::Kind::Fin: {
        if (fromClient) {
            c.info.finFromClient = true;
            const std::string text =
                trArgs(SL_TR("socklab",
                             "FIN from the client: the client->server stream ends after %1 bytes"),
                       e.offset);
            event(c, c.info.finFromServer ? RecordKind::Closed : RecordKind::HalfClosed, text,
                  e.timeNs);
        } else {
            c.info.finFromServer = true;
            event(
                c, RecordKind::PeerClosed,
                trArgs(SL_TR("socklab",
                             "FIN from the server: the server->client stream ends after %1 bytes"),
                       e.offset),
                e.timeNs);
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
        std::snprintf(buf, sizeof buf, "%.3f", v / 1e6);
        return trArgs(SL_TR("socklab", "%1 ms"), std::string_view(buf));
    }
    std::snprintf(buf, sizeof buf, "%.3f", v / 1e9);
    return trArgs(SL_TR("socklab", "%1 s"), std::string_view(buf));
}

std::string conversationNotes(const CaptureConversation& c) {
    std::vector<std::string> notes;
    if (c.protocol == CaptureProtocol::Udp) {
        if (c.truncatedDatagrams > 0) {
            notes.push_back(counted(c.truncatedDatagrams,
                                    SL_TR("socklab", "%1 datagram cut by the snapshot length"),
                                    SL_TR("socklab", "%1 datagrams cut by the snapshot length")));
        }
    } else {
        notes.push_back(c.handshakeSeen ? SL_TR("socklab", "handshake")
                        : c.synSeen     ? SL_TR("socklab", "SYN only")
                                        : SL_TR("socklab", "no handshake (mid-stream)"));
        if (c.finFromClient && c.finFromServer) {
            notes.push_back(SL_TR("socklab", "FIN both ways"));
        } else if (c.finFromClient) {
            notes.push_back(SL_TR("socklab", "FIN from client"));
        } else if (c.finFromServer) {
            notes.push_back(SL_TR("socklab", "FIN from server"));
        }
        if (c.resetBy != CaptureSide::None) {
            notes.push_back(c.resetBy == CaptureSide::Client ? SL_TR("socklab", "RST from client")
                                                             : SL_TR("socklab", "RST from server"));
        }
        if (c.resetBy == CaptureSide::None && !(c.finFromClient && c.finFromServer)) {
            notes.push_back(SL_TR("socklab", "open at the end"));
        }
        if (c.gaps > 0) {
            notes.push_back(counted(c.gaps, SL_TR("socklab", "%1 gap (%2)"),
                                    SL_TR("socklab", "%1 gaps (%2)"), bytesText(c.gapBytes)));
        }
        if (c.retransmittedBytes > 0) {
            notes.push_back(
                c.retransmissionsDiffering > 0
                    ? counted(c.retransmittedBytes,
                              SL_TR("socklab", "%1 byte retransmitted (%2 with other bytes)"),
                              SL_TR("socklab", "%1 bytes retransmitted (%2 with other bytes)"),
                              c.retransmissionsDiffering)
                    : counted(c.retransmittedBytes, SL_TR("socklab", "%1 byte retransmitted"),
                              SL_TR("socklab", "%1 bytes retransmitted")));
        }
        if (c.outOfOrderSegments > 0) {
            notes.push_back(counted(c.outOfOrderSegments,
                                    SL_TR("socklab", "%1 segment out of order"),
                                    SL_TR("socklab", "%1 segments out of order")));
        }
        if (c.bufferLimitHit) {
            notes.push_back(SL_TR("socklab", "out-of-order buffer full"));
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
        out.push_back(
            counted(s.nonIpPackets,
                    SL_TR("socklab", "%1 packet of other link protocols skipped (ARP, LLDP...)"),
                    SL_TR("socklab", "%1 packets of other link protocols skipped (ARP, LLDP...)")));
    }
    if (s.otherPackets > 0) {
        out.push_back(counted(
            s.otherPackets, SL_TR("socklab", "%1 IP packet neither TCP nor UDP skipped (ICMP...)"),
            SL_TR("socklab", "%1 IP packets neither TCP nor UDP skipped (ICMP...)")));
    }
    if (s.fragments > 0) {
        out.push_back(counted(s.fragments,
                              SL_TR("socklab", "%1 IP fragment skipped (not reassembled)"),
                              SL_TR("socklab", "%1 IP fragments skipped (not reassembled)")));
    }
    if (s.malformedPackets > 0) {
        out.push_back(
            counted(s.malformedPackets,
                    SL_TR("socklab", "%1 malformed packet skipped (headers that do not decode)"),
                    SL_TR("socklab", "%1 malformed packets skipped (headers that do not decode)")));
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
        return fail(inputError(SL_TR("socklab", "import"), path,
                               trArgs(SL_TR("socklab", "no conversation %1 (the capture has %2)"),
                                      index, summary->conversations.size())));
    }
    return summary->conversations[index - 1];
}

} // namespace socklab
