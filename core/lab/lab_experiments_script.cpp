// The scripted experiments (socket lifecycle): the steps of each, and the claim that checks the
// finished script against the sockets' captures and the wire's packets.
#include "core/base/translate.h"
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

std::string bytes(std::uint64_t n) {
    return counted(n, SL_TR("socklab", "%1 byte"), SL_TR("socklab", "%1 bytes"));
}

/// "1.0 s", "1.0 s and 2.0 s", "1.0 s, 2.0 s and 4.0 s".
std::string listText(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        //: Joins the items of a list ("1.0 s, 2.0 s and 4.0 s"): %1 the items so far, %2 the
        //: next one (the last one joins with "%1 and %2").
        out = i == 0                  ? items[i]
              : i + 1 == items.size() ? trArgs(SL_TR("socklab", "%1 and %2"), out, items[i])
                                      : trArgs(SL_TR("socklab", "%1, %2"), out, items[i]);
    }
    return out;
}

/// One sentence on the waits between SYNs: "The waits were 1.0 s, then 2.0 s and 4.0 s: each
/// about twice the one before." or, on Linux 6.5 and later, "The first 5 waits were 1.0 s each
/// (...), then 2.0 s and 4.0 s: the wait doubles."
std::string waitsText(const std::vector<std::int64_t>& gaps) {
    if (gaps.empty()) {
        return SL_TR("socklab", "It was never sent again.");
    }
    std::size_t steady = 1; // leading waits about as long as the first
    while (steady < gaps.size() && gaps[steady] * 4 < gaps.front() * 5) {
        ++steady;
    }
    if (steady == gaps.size()) {
        return trArgs(gaps.size() == 1
                          ? SL_TR("socklab", "The %1 wait was about %2 each, not growing.")
                          : SL_TR("socklab", "The %1 waits were about %2 each, not growing."),
                      gaps.size(), secondsText(gaps.front()));
    }
    std::vector<std::string> later;
    for (std::size_t i = steady; i < gaps.size(); ++i) {
        later.push_back(secondsText(gaps[i]));
    }
    if (steady == 1) {
        return trArgs(
            SL_TR("socklab", "The waits were %1, then %2: each about twice the one before."),
            secondsText(gaps.front()), listText(later));
    }
    // Here at least two steady waits.
    return trArgs(SL_TR("socklab", "The first %1 waits were %2 each (Linux 6.5 and later first "
                                   "retry a SYN at a steady pace a few times, "
                                   "net.ipv4.tcp_syn_linear_timeouts), then %3: the wait "
                                   "doubles."),
                  steady, secondsText(gaps.front()), listText(later));
}

} // namespace

// ---------------------------------------------------------------- half-close

std::vector<LabStep> halfCloseSteps() {
    auto steps = network({}, true);
    connectPair(steps, "A", "B");
    steps.push_back(LabStep::send("A", kRequest).said(SL_TR("socklab", "A sends a request")));
    steps.push_back(LabStep::awaitBytes("B", kRequest.size()));
    steps.push_back(LabStep::shutdownWrite("A").said(SL_TR(
        "socklab", "A shuts down its write side (shutdown SHUT_WR): its kernel sends a FIN")));
    steps.push_back(LabStep::awaitState("A", SessionState::HalfClosed));
    steps.push_back(LabStep::awaitState("B", SessionState::PeerClosed)
                        .said(SL_TR("socklab", "B reads end of stream (read returns 0)")));
    steps.push_back(LabStep::send("B", kReply).said(SL_TR("socklab", "B answers after A's FIN")));
    steps.push_back(
        LabStep::awaitBytes("A", kReply.size()).said(SL_TR("socklab", "A still reads")));
    steps.push_back(
        LabStep::close("B", false).said(SL_TR("socklab", "B closes too: the second FIN")));
    steps.push_back(
        LabStep::awaitState("A", SessionState::Closed)
            .said(SL_TR("socklab", "A reads end of stream: both directions are closed")));
    return steps;
}

LabClaim halfCloseClaim(const LabScriptEvidence& ev) {
    const LabScriptActor* a = need(ev, "A");
    const LabScriptActor* b = need(ev, "B");
    if (a == nullptr || b == nullptr || ev.wire == nullptr) {
        return {false, SL_TR("socklab", "The script did not get as far as the half-close.")};
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
    const bool finSeen = fin < packets.size();
    std::string text =
        finSeen ? (peerClosed != nullptr
                       ? SL_TR("socklab", "A shut down its write side: its FIN crossed the wire "
                                          "and B read end of stream (Peer closed).")
                       : SL_TR("socklab", "A shut down its write side: its FIN crossed the wire, "
                                          "but B did not see end of stream."))
                : (peerClosed != nullptr
                       ? SL_TR("socklab", "A shut down its write side (no FIN from A on the wire) "
                                          "and B read end of stream (Peer closed).")
                       : SL_TR("socklab", "A shut down its write side (no FIN from A on the "
                                          "wire), but B did not see end of stream."));
    addSentence(
        text,
        dataAfterFin < packets.size()
            ? trArgs(SL_TR("socklab", "B then sent %1 (on the wire after A's FIN), and A, "
                                      "already half-closed, read %2 of them: each direction "
                                      "of a TCP connection closes on its own."),
                     bytes(sentAfter), bytes(readAfter))
            : trArgs(SL_TR("socklab", "B then sent %1, and A, already half-closed, read %2 of "
                                      "them: each direction of a TCP connection closes on its "
                                      "own."),
                     bytes(sentAfter), bytes(readAfter)));
    //: %1, %2: the states each socket went through, "Connected -> Half-closed -> Closed".
    addSentence(text,
                trArgs(SL_TR("socklab", "A went %1; B went %2."), statesText(*a), statesText(*b)));
    return {holds, text};
}

// ---------------------------------------------------------------- FIN vs RST

std::vector<LabStep> finRstSteps() {
    auto steps = network({}, true);
    connectPair(steps, "A1", "B1");
    steps.push_back(LabStep::send("A1", "first connection\n"));
    steps.push_back(LabStep::awaitBytes("B1", 17));
    steps.push_back(LabStep::close("A1", false)
                        .said(SL_TR("socklab", "A1 closes gracefully: its kernel sends a FIN")));
    steps.push_back(LabStep::awaitState("B1", SessionState::PeerClosed)
                        .said(SL_TR("socklab", "B1 reads end of stream (read returns 0)")));
    connectPair(steps, "A2", "B2");
    steps.push_back(LabStep::send("A2", "second connection\n"));
    steps.push_back(LabStep::awaitBytes("B2", 18));
    steps.push_back(
        LabStep::close("A2", true)
            .said(SL_TR("socklab",
                        "A2 closes abortively (SO_LINGER on, 0 seconds): its kernel sends a RST")));
    steps.push_back(
        LabStep::awaitError("B2", ECONNRESET)
            .said(SL_TR("socklab", "B2's next read fails: ECONNRESET (Connection reset by peer)")));
    return steps;
}

LabClaim finRstClaim(const LabScriptEvidence& ev) {
    const LabScriptActor* a1 = need(ev, "A1");
    const LabScriptActor* a2 = need(ev, "A2");
    const LabScriptActor* b1 = need(ev, "B1");
    const LabScriptActor* b2 = need(ev, "B2");
    if (!a1 || !a2 || !b1 || !b2 || ev.wire == nullptr) {
        return {false, SL_TR("socklab", "The script did not get as far as both closes.")};
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
    //: What A1's kernel sent, put in at %1 of "Graceful close: A1's kernel sent %1, ...".
    const std::string graceful =
        fin1 ? (rst1 ? SL_TR("socklab", "a FIN and a RST") : SL_TR("socklab", "a FIN"))
             : (rst1 ? SL_TR("socklab", "no FIN and a RST") : SL_TR("socklab", "no FIN"));
    //: What A2's kernel sent, put in at %1 of "Abortive close: A2's kernel sent %1, ...".
    const std::string abortive = rst2 ? (fin2 ? SL_TR("socklab", "a RST and a FIN")
                                              : SL_TR("socklab", "a RST instead of a FIN"))
                                      : (fin2 ? SL_TR("socklab", "no RST and a FIN")
                                              : SL_TR("socklab", "no RST instead of a FIN"));
    std::string text =
        b1PeerClosed
            ? trArgs(SL_TR("socklab", "Graceful close: A1's kernel sent %1, and B1 read end of "
                                      "stream (Peer closed): the data before it was all "
                                      "delivered, and B1 could still send."),
                     graceful)
            : trArgs(
                  SL_TR("socklab",
                        "Graceful close: A1's kernel sent %1, and B1 did not see end of stream."),
                  graceful);
    addSentence(
        text,
        b2ResetByPeer
            ? trArgs(SL_TR("socklab", "Abortive close: A2's kernel sent %1, and B2 got "
                                      "ECONNRESET (Connection reset by peer) on its next read: "
                                      "the connection is gone at once, with whatever was still "
                                      "unread or unsent."),
                     abortive)
            : trArgs(SL_TR("socklab", "Abortive close: A2's kernel sent %1, and B2 saw no reset."),
                     abortive));
    return {holds, text};
}

// ---------------------------------------------------------------- closed port

std::vector<LabStep> closedPortSteps() {
    auto steps = network({}, false);
    steps.push_back(LabStep::open("TCP", LabHost::A, tcpConnect(std::string(kClosed)))
                        .said(SL_TR("socklab", "TCP in host A connects to port 9 of host B, where "
                                               "nobody listens")));
    steps.push_back(LabStep::awaitError("TCP", ECONNREFUSED));
    steps.push_back(LabStep::open("UDP", LabHost::A,
                                  request(SOCK_DGRAM, Role::Connect, {}, std::string(kClosed)))
                        .said(SL_TR("socklab", "a UDP socket in host A connects to the same port "
                                               "(no packet: UDP connect only sets the default "
                                               "destination)")));
    steps.push_back(LabStep::awaitState("UDP", SessionState::Connected));
    steps.push_back(
        LabStep::send("UDP", "anyone there?\n").said(SL_TR("socklab", "UDP sends a datagram")));
    steps.push_back(LabStep::awaitError("UDP", ECONNREFUSED));
    return steps;
}

LabClaim closedPortClaim(const LabScriptEvidence& ev) {
    const LabScriptActor* tcp = need(ev, "TCP");
    const LabScriptActor* udp = need(ev, "UDP");
    if (!tcp || !udp || ev.wire == nullptr) {
        return {false, SL_TR("socklab", "The script did not get as far as both sockets.")};
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
    const bool tcpRefused = tcp->hadError(ECONNREFUSED);
    std::string text =
        rst < packets.size()
            ? (tcpRefused ? SL_TR("socklab", "TCP: A's SYN to port 9 was answered by a RST from "
                                             "B's kernel, and connect() failed at once with "
                                             "ECONNREFUSED (Connection refused).")
                          : SL_TR("socklab", "TCP: A's SYN to port 9 was answered by a RST from "
                                             "B's kernel, and connect() did not fail with "
                                             "ECONNREFUSED."))
            : (tcpRefused ? SL_TR("socklab", "TCP: A's SYN to port 9 got no RST, and connect() "
                                             "failed at once with ECONNREFUSED (Connection "
                                             "refused).")
                          : SL_TR("socklab", "TCP: A's SYN to port 9 got no RST, and connect() did "
                                             "not fail with ECONNREFUSED."));
    text += " ";
    const bool udpRefused = udp->hadError(ECONNREFUSED);
    if (icmp < packets.size()) {
        const std::string after = labMillisText(packets[icmp].monoNs - packets[datagram].monoNs);
        text += udpRefused
                    ? trArgs(SL_TR("socklab",
                                   "UDP: the datagram to port 9 was answered %1 later by an ICMP "
                                   "port unreachable from B's kernel. UDP has no handshake and no "
                                   "reply of its own, so A's kernel kept the error on the "
                                   "connected socket and gave it to the next operation on it "
                                   "(SockLab's waiting receive): ECONNREFUSED. (An unconnected "
                                   "UDP socket is not told.)"),
                             after)
                    : trArgs(SL_TR("socklab",
                                   "UDP: the datagram to port 9 was answered %1 later by an ICMP "
                                   "port unreachable from B's kernel. UDP has no handshake and no "
                                   "reply of its own, so A's kernel kept the error on the "
                                   "connected socket and gave it to the next operation on it "
                                   "(SockLab's waiting receive): the socket reported no "
                                   "ECONNREFUSED."),
                             after);
    } else {
        text += udpRefused ? SL_TR("socklab", "UDP: the datagram to port 9 got no ICMP port "
                                              "unreachable. ECONNREFUSED. (An unconnected UDP "
                                              "socket is not told.)")
                           : SL_TR("socklab", "UDP: the datagram to port 9 got no ICMP port "
                                              "unreachable. the socket reported no ECONNREFUSED.");
    }
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
                        .said(trArgs(SL_TR("socklab", "A connects to B with TCP_SYNCNT %1; the "
                                                      "wire drops everything from A to B"),
                                     kSynCount)));
    steps.push_back(LabStep::awaitError("A", ETIMEDOUT, 25'000)
                        .said(SL_TR("socklab", "A waits for an answer that never comes")));
    return steps;
}

LabClaim synRetriesClaim(const LabScriptEvidence& ev) {
    const LabScriptActor* a = need(ev, "A");
    const LabScriptActor* listener = need(ev, "listener");
    if (!a || !listener || ev.wire == nullptr) {
        return {false, SL_TR("socklab", "The script did not get as far as the connect.")};
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
    const std::string times =
        counted(syns.size(), SL_TR("socklab", "%1 time"), SL_TR("socklab", "%1 times"));
    std::string text;
    if (syns.empty()) {
        //: %1: "4 times".
        text = trArgs(SL_TR("socklab", "A sent its SYN %1."), times);
    } else {
        std::vector<std::string> at;
        for (const LabWirePacket* syn : syns) {
            at.push_back(secondsText(syn->monoNs - syns.front()->monoNs));
        }
        //: %1: "4 times"; %2: "0.0 s, 1.0 s, 3.0 s and 7.0 s".
        text = trArgs(SL_TR("socklab", "A sent its SYN %1, at %2."), times, listText(at));
    }
    addSentence(text, waitsText(gaps));
    addSentence(text, allDropped ? SL_TR("socklab", "The wire dropped all of them, so B never "
                                                    "heard of the connection.")
                                 : SL_TR("socklab", "Not all of them were dropped."));
    if (timedOut != records.end() && !syns.empty()) {
        addSentence(text, trArgs(SL_TR("socklab", "After %1 connect() gave up with ETIMEDOUT "
                                                  "(Connection timed out)."),
                                 secondsText(timedOut->monoNs - syns.front()->monoNs)));
    } else {
        addSentence(text, SL_TR("socklab", "connect() did not fail with ETIMEDOUT."));
    }
    addSentence(text, trArgs(SL_TR("socklab", "With TCP_SYNCNT %1 the kernel gives up when a retry "
                                              "falls due after 15 s have passed; by default "
                                              "(net.ipv4.tcp_syn_retries = 6) it keeps trying for "
                                              "about two minutes."),
                             kSynCount));
    return {holds, text};
}

} // namespace socklab::lab_experiments
