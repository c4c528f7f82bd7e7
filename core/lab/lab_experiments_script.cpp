// The scripted experiments (socket lifecycle): the steps of each, and the claim that checks the
// finished script against the sockets' captures and the wire's packets.
#include "core/capture/traffic_store.h"
#include "core/lab/lab_experiments_detail.h"
#include "core/lab/lab_table.h"

#include <algorithm>
#include <cerrno>
#include <sys/socket.h>

namespace socklab::lab_experiments {

namespace {

/// TCP_SYNCNT of the SYN retries experiment: connect() fails once (2^(n+1) - 1) s = 15 s have
/// passed. Three, not two, so the doubling shows on Linux 6.5 and later too, whose first
/// retries come at a steady 1 s (net.ipv4.tcp_syn_linear_timeouts).
constexpr int kSynCount = 3;
constexpr std::uint16_t kPort = 7000;
constexpr std::uint16_t kClosedPort = 9; ///< nothing listens there in host B
constexpr std::string_view kServer = "192.0.2.2:7000";
constexpr std::string_view kClosed = "192.0.2.2:9";
constexpr std::string_view kRequest = "GET /greeting\n";
constexpr std::string_view kReply = "B still talks after A's FIN\n";

OpenSession request(int type, Role role, std::string local, std::string remote) {
    OpenSession r;
    r.spec = {AF_INET, type, 0};
    r.role = role;
    r.local = std::move(local);
    r.remote = std::move(remote);
    return r;
}

OpenSession tcpConnect(std::string remote) {
    return request(SOCK_STREAM, Role::Connect, {}, std::move(remote));
}

/// The start of every script: the lab network, and (listen) a TCP listener in host B.
std::vector<LabStep> network(LabConfig config, bool listen) {
    std::vector<LabStep> steps = {
        LabStep::openWire("wire", std::move(config)),
        LabStep::awaitState("wire", SessionState::Connected, 10'000),
    };
    if (listen) {
        steps.push_back(LabStep::open(
            "listener", LabHost::B, request(SOCK_STREAM, Role::Listen, std::string(kServer), {})));
        steps.push_back(LabStep::awaitState("listener", SessionState::Listening));
    }
    return steps;
}

/// Client `name` in host A connects to the listener, which accepts it as `peer`.
void connectPair(std::vector<LabStep>& steps, const std::string& name, const std::string& peer) {
    steps.push_back(LabStep::open(name, LabHost::A, tcpConnect(std::string(kServer))));
    steps.push_back(LabStep::awaitState(name, SessionState::Connected));
    steps.push_back(LabStep::awaitAccept("listener", peer));
}

const LabScriptActor* need(const LabScriptEvidence& ev, std::string_view name) {
    return ev.script.actor(name);
}

/// The records of one connection of a session's capture.
std::vector<Record> recordsOf(const LabScriptEvidence& ev, const LabScriptActor& a) {
    std::vector<Record> out;
    if (const TrafficStore* s = ev.store ? ev.store(a.session) : nullptr) {
        for (Record& r : allRecords(*s)) {
            if (r.connectionId == a.connection) {
                out.push_back(r);
            }
        }
    }
    return out;
}

const Record* firstOf(const std::vector<Record>& records, RecordKind kind) {
    const auto it = std::ranges::find(records, kind, &Record::kind);
    return it == records.end() ? nullptr : &*it;
}

/// Bytes of the Data records in one direction after record `after`.
std::uint64_t bytesAfter(const std::vector<Record>& records, const Record* after, Direction d) {
    std::uint64_t n = 0;
    for (const Record& r : records) {
        if (after != nullptr && r.seq > after->seq && r.kind == RecordKind::Data &&
            r.direction == d) {
            n += r.length;
        }
    }
    return n;
}

std::string statesText(const LabScriptActor& a) {
    std::string out;
    for (SessionState s : a.states) {
        out += (out.empty() ? "" : " -> ") + std::string(stateName(s));
    }
    return out;
}

/// Index of the first wire packet matching pred at or after `from`; packets.size() if none.
std::size_t findPacket(const std::vector<LabWirePacket>& packets, std::size_t from, auto pred) {
    for (std::size_t i = from; i < packets.size(); ++i) {
        if (pred(packets[i])) {
            return i;
        }
    }
    return packets.size();
}

bool tcpFrom(const LabWirePacket& p, WireDirection d, std::uint16_t srcPort) {
    return p.direction == d && p.packet.tcp && p.packet.tcp->srcPort == srcPort;
}

/// One sentence on the waits between SYNs: "The waits were 1.0 s, then 2.0 s and 4.0 s: each
/// about twice the one before." or, on Linux 6.5 and later, "The first 5 waits were 1.0 s each
/// (...), then 2.0 s and 4.0 s: the wait doubles."
std::string waitsText(const std::vector<std::int64_t>& gaps) {
    if (gaps.empty()) {
        return "It was never sent again.";
    }
    std::size_t steady = 1; // leading waits about as long as the first
    while (steady < gaps.size() && gaps[steady] * 4 < gaps.front() * 5) {
        ++steady;
    }
    if (steady == gaps.size()) {
        return "The " + counted(gaps.size(), "wait was", "waits were") + " about " +
               secondsText(gaps.front()) + " each, not growing.";
    }
    std::string later;
    for (std::size_t i = steady; i < gaps.size(); ++i) {
        later += (i == steady ? "" : i + 1 == gaps.size() ? " and " : ", ") + secondsText(gaps[i]);
    }
    if (steady == 1) {
        return "The waits were " + secondsText(gaps.front()) + ", then " + later +
               ": each about twice the one before.";
    }
    return "The first " + counted(steady, "wait was", "waits were") + " " +
           secondsText(gaps.front()) +
           " each (Linux 6.5 and later first retry a SYN at a steady pace a few times, "
           "net.ipv4.tcp_syn_linear_timeouts), then " +
           later + ": the wait doubles.";
}

} // namespace

// ---------------------------------------------------------------- half-close

std::vector<LabStep> halfCloseSteps() {
    auto steps = network({}, true);
    connectPair(steps, "A", "B");
    steps.push_back(LabStep::send("A", kRequest).said("A sends a request"));
    steps.push_back(LabStep::awaitBytes("B", kRequest.size()));
    steps.push_back(LabStep::shutdownWrite("A").said(
        "A shuts down its write side (shutdown SHUT_WR): its kernel sends a FIN"));
    steps.push_back(LabStep::awaitState("A", SessionState::HalfClosed));
    steps.push_back(LabStep::awaitState("B", SessionState::PeerClosed)
                        .said("B reads end of stream (read returns 0)"));
    steps.push_back(LabStep::send("B", kReply).said("B answers after A's FIN"));
    steps.push_back(LabStep::awaitBytes("A", kReply.size()).said("A still reads"));
    steps.push_back(LabStep::close("B", false).said("B closes too: the second FIN"));
    steps.push_back(LabStep::awaitState("A", SessionState::Closed)
                        .said("A reads end of stream: both directions are closed"));
    return steps;
}

LabClaim halfCloseClaim(const LabScriptEvidence& ev) {
    const LabScriptActor* a = need(ev, "A");
    const LabScriptActor* b = need(ev, "B");
    if (a == nullptr || b == nullptr || ev.wire == nullptr) {
        return {false, "The script did not get as far as the half-close."};
    }
    const auto aRecords = recordsOf(ev, *a);
    const auto bRecords = recordsOf(ev, *b);
    const Record* halfClosed = firstOf(aRecords, RecordKind::HalfClosed);
    const Record* peerClosed = firstOf(bRecords, RecordKind::PeerClosed);
    const std::uint64_t sentAfter = bytesAfter(bRecords, peerClosed, Direction::Out);
    const std::uint64_t readAfter = bytesAfter(aRecords, halfClosed, Direction::In);
    const auto packets = labWirePackets(*ev.wire);
    const std::uint16_t aPort = portOf(a->local);
    const std::size_t fin = findPacket(packets, 0, [&](const LabWirePacket& p) {
        return tcpFrom(p, WireDirection::AtoB, aPort) && p.tcpFlag(TcpFlag::Fin) && !p.dropped();
    });
    const std::size_t dataAfterFin = findPacket(packets, fin, [&](const LabWirePacket& p) {
        return p.direction == WireDirection::BtoA && p.tcpData() && p.dstPort() == aPort;
    });
    const bool holds = halfClosed != nullptr && peerClosed != nullptr &&
                       sentAfter == kReply.size() && readAfter == sentAfter &&
                       fin < packets.size() && dataAfterFin < packets.size();
    std::string text =
        std::string("A shut down its write side") +
        (fin < packets.size() ? ": its FIN crossed the wire" : " (no FIN from A on the wire)") +
        (peerClosed != nullptr ? " and B read end of stream (Peer closed)."
                               : ", but B did not see end of stream.") +
        " B then sent " + counted(sentAfter, "byte", "bytes") +
        (dataAfterFin < packets.size() ? " (on the wire after A's FIN)" : "") +
        ", and A, already half-closed, read " + counted(readAfter, "byte", "bytes") +
        " of them: each direction of a TCP connection closes on its own. A went " + statesText(*a) +
        "; B went " + statesText(*b) + ".";
    return {holds, text};
}

// ---------------------------------------------------------------- FIN vs RST

std::vector<LabStep> finRstSteps() {
    auto steps = network({}, true);
    connectPair(steps, "A1", "B1");
    steps.push_back(LabStep::send("A1", "first connection\n"));
    steps.push_back(LabStep::awaitBytes("B1", 17));
    steps.push_back(
        LabStep::close("A1", false).said("A1 closes gracefully: its kernel sends a FIN"));
    steps.push_back(LabStep::awaitState("B1", SessionState::PeerClosed)
                        .said("B1 reads end of stream (read returns 0)"));
    connectPair(steps, "A2", "B2");
    steps.push_back(LabStep::send("A2", "second connection\n"));
    steps.push_back(LabStep::awaitBytes("B2", 18));
    steps.push_back(
        LabStep::close("A2", true)
            .said("A2 closes abortively (SO_LINGER on, 0 seconds): its kernel sends a RST"));
    steps.push_back(LabStep::awaitError("B2", ECONNRESET)
                        .said("B2's next read fails: ECONNRESET (Connection reset by peer)"));
    return steps;
}

LabClaim finRstClaim(const LabScriptEvidence& ev) {
    const LabScriptActor* a1 = need(ev, "A1");
    const LabScriptActor* a2 = need(ev, "A2");
    const LabScriptActor* b1 = need(ev, "B1");
    const LabScriptActor* b2 = need(ev, "B2");
    if (!a1 || !a2 || !b1 || !b2 || ev.wire == nullptr) {
        return {false, "The script did not get as far as both closes."};
    }
    const auto b1Records = recordsOf(ev, *b1);
    const auto b2Records = recordsOf(ev, *b2);
    const bool b1PeerClosed = firstOf(b1Records, RecordKind::PeerClosed) != nullptr;
    const bool b1Reset = firstOf(b1Records, RecordKind::Reset) != nullptr;
    const bool b2PeerClosed = firstOf(b2Records, RecordKind::PeerClosed) != nullptr;
    const Record* b2Reset = firstOf(b2Records, RecordKind::Reset);
    const bool b2ResetByPeer = b2Reset != nullptr && (b2Reset->flags & RecordFlag::Remote) != 0 &&
                               b2Reset->err == ECONNRESET;
    const auto packets = labWirePackets(*ev.wire);
    const auto sent = [&](const LabScriptActor& a, std::uint16_t flag) {
        const std::uint16_t port = portOf(a.local);
        return std::ranges::any_of(packets, [&](const LabWirePacket& p) {
            return tcpFrom(p, WireDirection::AtoB, port) && p.tcpFlag(flag);
        });
    };
    const bool fin1 = sent(*a1, TcpFlag::Fin);
    const bool rst1 = sent(*a1, TcpFlag::Rst);
    const bool fin2 = sent(*a2, TcpFlag::Fin);
    const bool rst2 = sent(*a2, TcpFlag::Rst);
    const bool holds = b1PeerClosed && !b1Reset && fin1 && !rst1 && b2ResetByPeer &&
                       b2->hadError(ECONNRESET) && !b2PeerClosed && rst2 && !fin2;
    std::string text =
        std::string("Graceful close: A1's kernel sent ") + (fin1 ? "a FIN" : "no FIN") +
        (rst1 ? " and a RST" : "") + ", and B1 " +
        (b1PeerClosed ? "read end of stream (Peer closed): the data before it was all "
                        "delivered, and B1 could still send."
                      : "did not see end of stream.") +
        " Abortive close: A2's kernel sent " + (rst2 ? "a RST" : "no RST") +
        (fin2 ? " and a FIN" : " instead of a FIN") + ", and B2 " +
        (b2ResetByPeer ? "got ECONNRESET (Connection reset by peer) on its next read: the "
                         "connection is gone at once, with whatever was still unread or unsent."
                       : "saw no reset.");
    return {holds, text};
}

// ---------------------------------------------------------------- closed port

std::vector<LabStep> closedPortSteps() {
    auto steps = network({}, false);
    steps.push_back(LabStep::open("TCP", LabHost::A, tcpConnect(std::string(kClosed)))
                        .said("TCP in host A connects to port 9 of host B, where nobody listens"));
    steps.push_back(LabStep::awaitError("TCP", ECONNREFUSED));
    steps.push_back(LabStep::open("UDP", LabHost::A,
                                  request(SOCK_DGRAM, Role::Connect, {}, std::string(kClosed)))
                        .said("a UDP socket in host A connects to the same port (no packet: UDP "
                              "connect only sets the default destination)"));
    steps.push_back(LabStep::awaitState("UDP", SessionState::Connected));
    steps.push_back(LabStep::send("UDP", "anyone there?\n").said("UDP sends a datagram"));
    steps.push_back(LabStep::awaitError("UDP", ECONNREFUSED));
    return steps;
}

LabClaim closedPortClaim(const LabScriptEvidence& ev) {
    const LabScriptActor* tcp = need(ev, "TCP");
    const LabScriptActor* udp = need(ev, "UDP");
    if (!tcp || !udp || ev.wire == nullptr) {
        return {false, "The script did not get as far as both sockets."};
    }
    const auto packets = labWirePackets(*ev.wire);
    const std::size_t syn = findPacket(packets, 0, [](const LabWirePacket& p) {
        return p.direction == WireDirection::AtoB && p.protocol() == IpProto::Tcp &&
               p.dstPort() == kClosedPort && p.tcpFlag(TcpFlag::Syn);
    });
    const std::size_t rst = findPacket(packets, syn, [](const LabWirePacket& p) {
        return tcpFrom(p, WireDirection::BtoA, kClosedPort) && p.tcpFlag(TcpFlag::Rst);
    });
    const std::size_t datagram = findPacket(packets, 0, [](const LabWirePacket& p) {
        return p.direction == WireDirection::AtoB && p.protocol() == IpProto::Udp &&
               p.dstPort() == kClosedPort;
    });
    const std::size_t icmp = findPacket(packets, datagram, [](const LabWirePacket& p) {
        return p.direction == WireDirection::BtoA && p.portUnreachable();
    });
    const auto udpRecords = recordsOf(ev, *udp);
    const auto refused = std::ranges::find_if(udpRecords, [](const Record& r) {
        return r.kind == RecordKind::Error && r.err == ECONNREFUSED;
    });
    const bool found = syn < packets.size() && rst < packets.size() && datagram < packets.size() &&
                       icmp < packets.size();
    const bool afterIcmp =
        found && refused != udpRecords.end() && refused->monoNs >= packets[icmp].monoNs;
    const bool holds =
        found && tcp->hadError(ECONNREFUSED) && udp->hadError(ECONNREFUSED) && afterIcmp;
    std::string text =
        std::string("TCP: A's SYN to port 9 ") +
        (rst < packets.size() ? "was answered by a RST from B's kernel" : "got no RST") +
        ", and connect() " +
        (tcp->hadError(ECONNREFUSED) ? "failed at once with ECONNREFUSED (Connection refused)."
                                     : "did not fail with ECONNREFUSED.") +
        " UDP: the datagram to port 9 ";
    if (icmp < packets.size()) {
        text += "was answered " + labMillisText(packets[icmp].monoNs - packets[datagram].monoNs) +
                " later by an ICMP port unreachable from B's kernel. UDP has no handshake and no "
                "reply of its own, so A's kernel kept the error on the connected socket and gave "
                "it to the next operation on it (SockLab's waiting receive): ";
    } else {
        text += "got no ICMP port unreachable. ";
    }
    text += udp->hadError(ECONNREFUSED) ? "ECONNREFUSED. (An unconnected UDP socket is not told.)"
                                        : "the socket reported no ECONNREFUSED.";
    return {holds, text};
}

// ---------------------------------------------------------------- SYN retries

std::vector<LabStep> synRetriesSteps() {
    LabConfig lossy;
    lossy.aToB.lossPercent = 100;
    auto steps = network(std::move(lossy), true);
    OpenSession connect = tcpConnect(std::string(kServer));
    connect.options.push_back({OptionId::TcpSynCount, kSynCount});
    steps.push_back(LabStep::open("A", LabHost::A, std::move(connect))
                        .said("A connects to B with TCP_SYNCNT " + std::to_string(kSynCount) +
                              "; the wire drops everything from A to B"));
    steps.push_back(
        LabStep::awaitError("A", ETIMEDOUT, 25'000).said("A waits for an answer that never comes"));
    return steps;
}

LabClaim synRetriesClaim(const LabScriptEvidence& ev) {
    const LabScriptActor* a = need(ev, "A");
    const LabScriptActor* listener = need(ev, "listener");
    if (!a || !listener || ev.wire == nullptr) {
        return {false, "The script did not get as far as the connect."};
    }
    const auto packets = labWirePackets(*ev.wire);
    std::vector<const LabWirePacket*> syns;
    for (const auto& p : packets) {
        if (p.direction == WireDirection::AtoB && p.protocol() == IpProto::Tcp &&
            p.dstPort() == kPort && p.tcpFlag(TcpFlag::Syn) && !p.tcpFlag(TcpFlag::Ack)) {
            syns.push_back(&p);
        }
    }
    const bool allDropped = std::ranges::all_of(syns, [](auto* p) { return p->dropped(); });
    std::vector<std::int64_t> gaps;
    for (std::size_t i = 1; i < syns.size(); ++i) {
        gaps.push_back(syns[i]->monoNs - syns[i - 1]->monoNs);
    }
    // The first wait is the initial retransmission timeout (1 s); later ones double (after a
    // few steady ones on Linux 6.5 and later) and never shrink.
    const bool firstIsOneSecond =
        !gaps.empty() && gaps.front() >= 800'000'000 && gaps.front() <= 1'600'000'000;
    const bool grows =
        std::ranges::any_of(gaps, [&](std::int64_t g) { return g * 2 >= gaps.front() * 3; });
    bool neverShrinks = true;
    for (std::size_t i = 1; i < gaps.size(); ++i) {
        neverShrinks = neverShrinks && gaps[i] * 4 >= gaps[i - 1] * 3;
    }
    const bool accepted = std::ranges::any_of(ev.script.actors(), [&](const LabScriptActor& x) {
        return x.session == listener->session && x.connection != 0;
    });
    const auto records = recordsOf(ev, *a);
    const auto timedOut = std::ranges::find_if(
        records, [](const Record& r) { return r.kind == RecordKind::Error && r.err == ETIMEDOUT; });
    const bool holds = syns.size() >= std::size_t(1 + kSynCount) && allDropped &&
                       firstIsOneSecond && grows && neverShrinks && a->hadError(ETIMEDOUT) &&
                       !accepted;
    std::string text = "A sent its SYN " + counted(syns.size(), "time", "times");
    if (!syns.empty()) {
        text += ", at";
        for (std::size_t i = 0; i < syns.size(); ++i) {
            text += (i == 0                 ? " "
                     : i + 1 == syns.size() ? " and "
                                            : ", ") +
                    secondsText(syns[i]->monoNs - syns.front()->monoNs);
        }
    }
    text += ". " + waitsText(gaps);
    text += allDropped ? " The wire dropped all of them, so B never heard of the connection."
                       : " Not all of them were dropped.";
    if (timedOut != records.end() && !syns.empty()) {
        text += " After " + secondsText(timedOut->monoNs - syns.front()->monoNs) +
                " connect() gave up with ETIMEDOUT (Connection timed out).";
    } else {
        text += " connect() did not fail with ETIMEDOUT.";
    }
    text += " With TCP_SYNCNT " + std::to_string(kSynCount) +
            " the kernel gives up when a retry falls due after 15 s have passed; by default "
            "(net.ipv4.tcp_syn_retries = "
            "6) it keeps trying for about two minutes.";
    return {holds, text};
}

} // namespace socklab::lab_experiments
