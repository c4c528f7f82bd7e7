// The ladder diagram's input from a lab run's captures (see lab_ladder_input.h).
#include "core/lab/lab_ladder_input.h"

#include "core/base/error.h"
#include "core/capture/traffic_store.h"
#include "core/lab/lab_conductor.h"
#include "core/lab/lab_script.h"
#include "core/lab/lab_wire_packets.h"
#include "core/packet/packet.h"
#include "core/packet/tcp_analysis.h"

#include <algorithm>
#include <cerrno>
#include <map>
#include <set>

namespace socklab {

namespace {

constexpr std::uint16_t kFateBits = RecordFlag::WireDropped | RecordFlag::WireDuplicated |
                                    RecordFlag::WireCorrupted | RecordFlag::WireReordered |
                                    RecordFlag::Truncated;

std::string num(std::uint64_t n) {
    return std::to_string(n);
}

/// "PSH, ACK" -> "PSH,ACK".
std::string compactFlags(std::uint16_t flags) {
    std::string text = tcpFlagsText(flags);
    std::string out;
    for (char c : text) {
        if (c != ' ') {
            out += c;
        }
    }
    return out;
}

std::string tcpLabel(const TcpHeader& t, const TcpMarks& m) {
    if (t.partial) {
        return "TCP";
    }
    const bool rel = m.tcp;
    const std::uint32_t seq = rel ? m.relSeq : t.seq;
    const std::uint32_t ack = rel ? m.relAck : t.ack;
    const bool syn = t.has(TcpFlag::Syn);
    const bool fin = t.has(TcpFlag::Fin);
    const bool rst = t.has(TcpFlag::Rst);
    std::string s = compactFlags(t.flags);
    if (t.segmentLength > 0) {
        s += " seq=" + num(seq) + " len=" + num(t.segmentLength);
    } else if (fin) {
        s += " seq=" + num(seq);
        if (t.has(TcpFlag::Ack)) {
            s += " ack=" + num(ack);
        }
    } else if (!syn && !rst && t.has(TcpFlag::Ack)) {
        s += " ack=" + num(ack);
    }
    if (rel && m.duplicateAck) {
        s += " dup ACK #" + num(m.duplicateAckNum);
    }
    if (rel && m.outOfOrder) {
        s += " out-of-order";
    }
    return s;
}

/// "port unreachable" for a destination unreachable, else icmpDescription().
std::string icmpLabel(const IcmpHeader& h) {
    std::string description = icmpDescription(h);
    const bool unreachable = h.v6 ? h.type == 1 : h.type == 3;
    constexpr std::string_view kPrefix = "destination unreachable (";
    if (unreachable && description.starts_with(kPrefix) && description.ends_with(')')) {
        description = description.substr(kPrefix.size(), description.size() - kPrefix.size() - 1);
    }
    return std::string(h.v6 ? "ICMPv6 " : "ICMP ") + description;
}

std::uint32_t ipPayloadBytes(const IpHeader& ip) {
    return ip.totalLength > ip.headerLength ? ip.totalLength - ip.headerLength : 0;
}

} // namespace

std::string labLadderPacketLabel(const DecodedPacket& p, const TcpMarks& marks) {
    if (!p.ipComplete) {
        return "malformed";
    }
    if (p.nonFirstFragment()) {
        return "fragment offset=" + num(p.ip.fragmentOffset) + " len=" + num(ipPayloadBytes(p.ip));
    }
    std::string s;
    if (p.tcp) {
        s = tcpLabel(*p.tcp, marks);
    } else if (p.udp) {
        const UdpHeader& u = *p.udp;
        s = "UDP " + num(u.length >= 8 ? u.length - 8u : u.payloadLength);
    } else if (p.icmp) {
        s = icmpLabel(*p.icmp);
    } else {
        s = std::string(p.ip.version == 6 ? "IPv6" : "IPv4") + " protocol " + num(p.ip.protocol) +
            " len=" + num(ipPayloadBytes(p.ip));
    }
    if (p.ip.moreFragments) {
        s += " first fragment";
    }
    return s;
}

std::optional<std::string> labLadderCallLabel(const Record& r, bool afterConnecting) {
    switch (r.kind) {
    case RecordKind::Data:
        return std::string(r.direction == Direction::Out ? "send " : "recv ") +
               num(std::max<std::uint64_t>(r.wireLength, r.length));
    case RecordKind::Connecting:
        return "connect()";
    case RecordKind::Connected:
        return afterConnecting ? "connected" : "connect()";
    case RecordKind::Listening:
        return "listen()";
    case RecordKind::Accepted:
        return "accept()";
    case RecordKind::HalfClosed:
        return "shutdown(SHUT_WR)";
    case RecordKind::PeerClosed:
        return "recv EOF";
    case RecordKind::Closed:
        return "close()";
    case RecordKind::Reset:
        if (r.flags & RecordFlag::Remote) {
            return errnoName(r.err != 0 ? r.err : ECONNRESET);
        }
        return "close() RST";
    case RecordKind::Error:
        return r.err != 0 ? errnoName(r.err) : std::string("error");
    case RecordKind::Opened:
    case RecordKind::Bound:
    case RecordKind::Info:
        break;
    }
    return std::nullopt;
}

LabLadderInput labLadderInput(const TrafficStore* wire, std::span<const LabLadderSocket> sockets) {
    LabLadderInput in;
    if (wire) {
        TcpAnalyzer analyzer;
        const std::vector<LabWirePacket> packets = labWirePackets(*wire);
        in.packets.reserve(packets.size());
        for (const LabWirePacket& w : packets) {
            const TcpMarks marks = analyzer.feed(w.packet, w.monoNs);
            LadderPacket p;
            p.departNs = w.monoNs;
            p.arriveNs = w.monoNs + std::int64_t{w.wireDelayUs} * 1000;
            p.direction = w.direction;
            p.label = labLadderPacketLabel(w.packet, marks);
            p.fate = static_cast<std::uint16_t>(w.flags & kFateBits);
            p.retransmission = marks.tcp && marks.anyRetransmission();
            p.tcp = w.packet.tcp.has_value();
            p.ref = w.seq;
            in.packets.push_back(std::move(p));
        }
    }
    for (std::size_t i = 0; i < sockets.size(); ++i) {
        const LabLadderSocket& socket = sockets[i];
        if (!socket.store) {
            continue;
        }
        const std::string prefix = socket.name.empty() ? std::string() : socket.name + ": ";
        std::set<ConnectionId> connecting;
        forEachRecord(*socket.store, [&](const Record& r) {
            if (socket.connection && r.connectionId != *socket.connection) {
                return;
            }
            if (r.kind == RecordKind::Connecting) {
                connecting.insert(r.connectionId);
            }
            const auto label = labLadderCallLabel(r, connecting.contains(r.connectionId));
            if (!label) {
                return;
            }
            LadderCall call;
            call.timeNs = r.monoNs;
            call.host = socket.host == LabHost::B ? LabHost::B : LabHost::A;
            call.label = prefix + *label;
            call.ref = r.seq;
            in.calls.push_back(std::move(call));
            in.callSockets.push_back(i);
        });
    }
    return in;
}

void addLadderInput(LadderLayout& layout, const LabLadderInput& input) {
    for (const LadderPacket& p : input.packets) {
        layout.add(p);
    }
    for (const LadderCall& c : input.calls) {
        layout.add(c);
    }
}

std::vector<LabLadderSocket> labRunLadderSockets(const LabConductor& conductor,
                                                 const LabStoreLookup& store) {
    struct Slot {
        LabSlot slot;
        LabHost host;
        const char* name;
    };
    static constexpr Slot kSlots[] = {
        {LabSlot::TcpClient, LabHost::A, "TCP"},
        {LabSlot::UdpSender, LabHost::A, "UDP"},
        {LabSlot::TcpServer, LabHost::B, "TCP"},
        {LabSlot::UdpReceiver, LabHost::B, "UDP"},
    };
    std::vector<LabLadderSocket> out;
    for (const Slot& s : kSlots) {
        const SessionId id = conductor.session(s.slot);
        if (id == 0) {
            continue;
        }
        LabLadderSocket socket;
        socket.store = store ? store(id) : nullptr;
        socket.host = s.host;
        socket.name = s.name;
        out.push_back(std::move(socket));
    }
    return out;
}

std::vector<LabLadderSocket> labScriptLadderSockets(const LabScript& script,
                                                    const LabStoreLookup& store) {
    // Where each session's Open step placed it, and the actor it opened as.
    std::map<SessionId, LabHost> hostOf;
    std::map<SessionId, std::string> listenerName;
    for (const LabStep& step : script.steps()) {
        if (step.kind != LabStep::Kind::Open || step.request.role == Role::Wire) {
            continue;
        }
        if (const LabScriptActor* a = script.actor(step.actor); a && a->session != 0) {
            hostOf[a->session] = step.host;
            listenerName[a->session] = a->name;
        }
    }
    std::vector<LabLadderSocket> out;
    for (const LabScriptActor& a : script.actors()) {
        if (a.session == 0 || a.session == script.wire()) {
            continue;
        }
        LabLadderSocket socket;
        socket.store = store ? store(a.session) : nullptr;
        const auto host = hostOf.find(a.session);
        socket.host = host == hostOf.end() ? LabHost::None : host->second;
        socket.name = a.name;
        if (socket.name.empty()) {
            const auto listener = listenerName.find(a.session);
            socket.name = (listener == listenerName.end() ? std::string("?") : listener->second) +
                          "#" + num(a.connection);
        }
        socket.connection = a.connection;
        out.push_back(std::move(socket));
    }
    return out;
}

} // namespace socklab
