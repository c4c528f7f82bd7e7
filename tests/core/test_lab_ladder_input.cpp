// The ladder diagram's input from a real lab run (kernel TCP and UDP between the lab's two
// namespaces, SockLab's lossy wire between them): every wire record an arrow with its fate, the
// handshake in order, the retransmissions marked where the sender resent bytes (checked with
// this test's own header parsing), and the sockets' calls at the right host at the right time.
// Then a scripted run (FIN vs RST): the actors' calls at their hosts, the RST on the wire.
#include "core/capture/traffic_store.h"
#include "core/lab/lab_experiments.h"
#include "core/lab/lab_ladder_input.h"
#include "core/lab/ladder_svg.h"
#include "support/engine_harness.h"
#include "support/lab_run.h"

#include <QTest>
#include <algorithm>
#include <cerrno>
#include <map>

using namespace socklab;
using namespace socklab::test;

namespace {

/// The test's own reading of an IPv4 packet's TCP header (raw numbers).
struct RawTcp {
    bool tcp = false;
    std::uint8_t flags = 0;
    std::uint32_t seq = 0;
    std::uint32_t payload = 0;
};

RawTcp rawTcp(const TrafficStore& store, const Record& r) {
    const std::vector<std::byte> b = store.recordBytes(r);
    auto u8 = [&](std::size_t i) { return std::to_integer<std::uint32_t>(b[i]); };
    RawTcp t;
    if (b.size() < 40 || (u8(0) >> 4) != 4 || u8(9) != 6) {
        return t;
    }
    const std::size_t ihl = (u8(0) & 0x0f) * 4;
    const std::uint32_t total = u8(2) << 8 | u8(3);
    const std::size_t doff = (u8(ihl + 12) >> 4) * 4;
    t.tcp = true;
    t.flags = static_cast<std::uint8_t>(u8(ihl + 13));
    t.seq = u8(ihl + 4) << 24 | u8(ihl + 5) << 16 | u8(ihl + 6) << 8 | u8(ihl + 7);
    t.payload = total - std::uint32_t(ihl + doff);
    return t;
}

constexpr std::uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kAck = 0x10;

std::vector<const LadderCall*> callsAt(const LabLadderInput& in, LabHost host,
                                       const std::string& label) {
    std::vector<const LadderCall*> out;
    for (const LadderCall& c : in.calls) {
        if (c.host == host && c.label == label) {
            out.push_back(&c);
        }
    }
    return out;
}

std::size_t callsStartingWith(const LabLadderInput& in, LabHost host, const std::string& prefix,
                              std::uint64_t* bytes = nullptr) {
    std::size_t n = 0;
    for (const LadderCall& c : in.calls) {
        if (c.host == host && c.label.starts_with(prefix)) {
            ++n;
            if (bytes) {
                *bytes += std::stoull(c.label.substr(prefix.size()));
            }
        }
    }
    return n;
}

} // namespace

class TestLabLadderInput : public QObject {
    Q_OBJECT

private slots:
    void labels() {
        Record r;
        r.kind = RecordKind::Data;
        r.direction = Direction::Out;
        r.length = 100;
        r.wireLength = 100;
        QCOMPARE(*labLadderCallLabel(r), std::string("send 100"));
        r.direction = Direction::In;
        QCOMPARE(*labLadderCallLabel(r), std::string("recv 100"));
        r.kind = RecordKind::Reset;
        QCOMPARE(*labLadderCallLabel(r), std::string("close() RST"));
        r.flags = RecordFlag::Remote;
        r.err = ECONNRESET;
        QCOMPARE(*labLadderCallLabel(r), std::string("ECONNRESET"));
        r.kind = RecordKind::Error;
        r.err = ECONNREFUSED;
        QCOMPARE(*labLadderCallLabel(r), std::string("ECONNREFUSED"));
        r.kind = RecordKind::Connected;
        QCOMPARE(*labLadderCallLabel(r), std::string("connect()"));
        QCOMPARE(*labLadderCallLabel(r, true), std::string("connected"));
        r.kind = RecordKind::Info;
        QVERIFY(!labLadderCallLabel(r));
        r.kind = RecordKind::Bound;
        QVERIFY(!labLadderCallLabel(r));
    }

    void lossyRun() {
        EngineHarness h;
        LabRunSettings settings;
        settings.schedule = {30, 100, 5};
        settings.network.aToB.lossPercent = 30;
        settings.network.bToA.lossPercent = 30;
        settings.network.seed = 5;
        auto run = runLab(h, settings, 60'000);
        QVERIFY2(run.done, run.failure.c_str());
        if (run.conductor.usingFallback()) {
            QSKIP("the lab network is not available here");
        }
        const LabConductor& c = run.conductor;
        auto wire = h.engine.store(c.session(LabSlot::Wire));
        QVERIFY(wire);
        const LabStoreLookup lookup = [&h](SessionId id) { return h.engine.store(id).get(); };
        const auto sockets = labRunLadderSockets(c, lookup);
        QCOMPARE(sockets.size(), std::size_t(4));
        const LabLadderInput in = labLadderInput(wire.get(), sockets);

        // One arrow per wire Data record, in order, with the record's fate and times.
        std::vector<Record> records;
        for (Direction d : {Direction::In, Direction::Out}) {
            const auto part = dataRecords(*wire, d);
            records.insert(records.end(), part.begin(), part.end());
        }
        std::ranges::sort(records, {}, &Record::seq);
        QCOMPARE(in.packets.size(), records.size());
        std::size_t dropped = 0;
        std::size_t udpDroppedAtoB = 0;
        for (std::size_t i = 0; i < records.size(); ++i) {
            const Record& r = records[i];
            const LadderPacket& p = in.packets[i];
            QCOMPARE(p.ref, r.seq);
            QCOMPARE(p.departNs, r.monoNs);
            QCOMPARE(p.direction, wireDirectionOf(r.direction));
            QCOMPARE(p.dropped(), (r.flags & RecordFlag::WireDropped) != 0);
            if (p.dropped()) {
                ++dropped;
                udpDroppedAtoB += !p.tcp && p.direction == WireDirection::AtoB ? 1 : 0;
            } else {
                QVERIFY(r.wireDelayUs >= 1);
                QCOMPARE(p.arriveNs, r.monoNs + std::int64_t(r.wireDelayUs) * 1000);
            }
            QCOMPARE(p.tcp, rawTcp(*wire, r).tcp);
        }
        QVERIFY(dropped > 0);
        QVERIFY(udpDroppedAtoB > 0);
        QCOMPARE(udpDroppedAtoB, std::size_t(run.udp->totals.lost));

        // The handshake: SYN A->B, SYN,ACK B->A, ACK A->B, each later one leaving after the
        // earlier one arrived (the first delivered copy of each).
        auto firstDelivered = [&](WireDirection d, std::uint8_t flags,
                                  const std::string& label) -> const LadderPacket* {
            for (std::size_t i = 0; i < records.size(); ++i) {
                const RawTcp t = rawTcp(*wire, records[i]);
                const LadderPacket& p = in.packets[i];
                if (t.tcp && (t.flags & (kSyn | kAck | kFin | kRst)) == flags && p.direction == d &&
                    !p.dropped() && t.payload == 0) {
                    if (p.label != label) {
                        qWarning("packet %zu: label %s, expected %s", i, p.label.c_str(),
                                 label.c_str());
                        return nullptr;
                    }
                    return &p;
                }
            }
            return nullptr;
        };
        const LadderPacket* syn = firstDelivered(WireDirection::AtoB, kSyn, "SYN");
        const LadderPacket* synAck = firstDelivered(WireDirection::BtoA, kSyn | kAck, "SYN,ACK");
        const LadderPacket* ack = firstDelivered(WireDirection::AtoB, kAck, "ACK ack=1");
        QVERIFY(syn && synAck && ack);
        QVERIFY(syn->arriveNs <= synAck->departNs);
        QVERIFY(synAck->arriveNs <= ack->departNs);

        // Retransmission marks: exactly the data segments from A whose bytes started below
        // the highest sequence number sent before (this run has loss, no reordering).
        std::optional<std::uint32_t> highest;
        std::size_t resent = 0;
        for (std::size_t i = 0; i < records.size(); ++i) {
            const RawTcp t = rawTcp(*wire, records[i]);
            const LadderPacket& p = in.packets[i];
            if (!t.tcp || p.direction != WireDirection::AtoB || t.payload == 0) {
                continue;
            }
            // Wireshark calls a resent segment out-of-order instead when it comes within the
            // handshake's round trip after the furthest one.
            const bool again = highest && std::int32_t(t.seq - *highest) < 0;
            resent += again ? 1 : 0;
            const bool outOfOrder = p.label.ends_with(" out-of-order");
            QVERIFY2(again == (p.retransmission || outOfOrder),
                     (std::to_string(i) + ": " + ladderPacketText(p)).c_str());
            QVERIFY(!(p.retransmission && outOfOrder));
            QVERIFY2(p.label.find(" len=" + std::to_string(t.payload)) != std::string::npos,
                     p.label.c_str());
            if (!highest || std::int32_t(t.seq + t.payload - *highest) > 0) {
                highest = t.seq + t.payload;
            }
        }
        QVERIFY2(resent > 0, "no TCP data was resent: the run shows nothing");
        QVERIFY(std::ranges::any_of(in.packets, &LadderPacket::retransmission));
        QVERIFY(c.tcpInfo() && c.tcpInfo()->totalRetrans > 0);

        // The calls: the client's and sender's at A, the server's and receiver's at B.
        const auto connect = callsAt(in, LabHost::A, "TCP: connect()");
        QCOMPARE(connect.size(), std::size_t(1));
        QVERIFY(connect[0]->timeNs <= syn->departNs);
        QCOMPARE(callsAt(in, LabHost::A, "TCP: connected").size(), std::size_t(1));
        QCOMPARE(callsAt(in, LabHost::A, "UDP: connect()").size(), std::size_t(1));
        QCOMPARE(callsAt(in, LabHost::B, "TCP: listen()").size(), std::size_t(1));
        const auto accept = callsAt(in, LabHost::B, "TCP: accept()");
        QCOMPARE(accept.size(), std::size_t(1));
        QVERIFY(accept[0]->timeNs >= ack->arriveNs);
        QCOMPARE(callsAt(in, LabHost::A, "TCP: send 100").size(), std::size_t(30));
        QCOMPARE(callsAt(in, LabHost::A, "UDP: send 100").size(), std::size_t(30));
        QCOMPARE(callsAt(in, LabHost::B, "UDP: recv 100").size(),
                 std::size_t(run.udp->totals.delivered));
        std::uint64_t tcpBytes = 0;
        QVERIFY(callsStartingWith(in, LabHost::B, "TCP: recv ", &tcpBytes) >= 1);
        QCOMPARE(tcpBytes, std::uint64_t(3000));
        QCOMPARE(callsStartingWith(in, LabHost::B, "TCP: send"), std::size_t(0));
        QCOMPARE(callsStartingWith(in, LabHost::A, "UDP: recv"), std::size_t(0));
        // Every call names the record it came from.
        QCOMPARE(in.callSockets.size(), in.calls.size());
        for (std::size_t i = 0; i < in.calls.size(); ++i) {
            const auto rec = sockets[in.callSockets[i]].store->record(in.calls[i].ref);
            QVERIFY(rec);
            QCOMPARE(rec->monoNs, in.calls[i].timeNs);
        }

        // And the diagram has them all.
        LadderLayout layout;
        addLadderInput(layout, in);
        QCOMPARE(layout.arrows().size(), in.packets.size());
        QCOMPARE(layout.calls().size(), in.calls.size());
        const std::string svg = ladderSvg(layout);
        QVERIFY(svg.find("class=\"packet tcp retransmission") != std::string::npos);
        QVERIFY(svg.find("TCP: accept()") != std::string::npos);
    }

    void scriptedRun() {
        EngineHarness h;
        const LabExperiment* e = findLabExperiment("fin-rst");
        QVERIFY(e);
        auto run = runLabScript(h, e->steps(), e->timeout_ms);
        QVERIFY2(run.done, run.failure.c_str());
        const LabStoreLookup lookup = [&h](SessionId id) { return h.engine.store(id).get(); };
        const auto sockets = labScriptLadderSockets(run.script, lookup);
        std::map<std::string, LabHost> hosts;
        for (const auto& s : sockets) {
            hosts[s.name] = s.host;
        }
        QCOMPARE(hosts.size(), std::size_t(5)); // listener, A1, B1, A2, B2
        QCOMPARE(hosts["listener"], LabHost::B);
        QCOMPARE(hosts["A1"], LabHost::A);
        QCOMPARE(hosts["B1"], LabHost::B);
        QCOMPARE(hosts["A2"], LabHost::A);
        QCOMPARE(hosts["B2"], LabHost::B);
        auto wire = h.engine.store(run.script.wire());
        const LabLadderInput in = labLadderInput(wire.get(), sockets);
        QCOMPARE(callsAt(in, LabHost::A, "A1: close()").size(), std::size_t(1));
        QCOMPARE(callsAt(in, LabHost::B, "B1: recv EOF").size(), std::size_t(1));
        const auto rst = callsAt(in, LabHost::A, "A2: close() RST");
        QCOMPARE(rst.size(), std::size_t(1));
        const auto reset = callsAt(in, LabHost::B, "B2: ECONNRESET");
        QCOMPARE(reset.size(), std::size_t(1));
        QCOMPARE(callsAt(in, LabHost::B, "B1: accept()").size(), std::size_t(1));
        QCOMPARE(callsAt(in, LabHost::B, "B2: accept()").size(), std::size_t(1));
        QCOMPARE(callsAt(in, LabHost::B, "B1: recv 17").size(), std::size_t(1));
        QCOMPARE(callsAt(in, LabHost::A, "A2: send 18").size(), std::size_t(1));
        // The RST goes from A to B between A2's close and B2's error; A1's FIN before it.
        const LadderPacket* rstPacket = nullptr;
        const LadderPacket* finPacket = nullptr;
        for (const LadderPacket& p : in.packets) {
            if (p.direction == WireDirection::AtoB && p.label.starts_with("RST") && !rstPacket) {
                rstPacket = &p;
            }
            if (p.direction == WireDirection::AtoB && p.label.starts_with("FIN") && !finPacket) {
                finPacket = &p;
            }
        }
        QVERIFY(rstPacket && finPacket);
        QVERIFY(finPacket->departNs < rstPacket->departNs);
        QVERIFY(rst[0]->timeNs <= rstPacket->departNs);
        QVERIFY(rstPacket->arriveNs <= reset[0]->timeNs);
    }
};

QTEST_MAIN(TestLabLadderInput)
#include "test_lab_ladder_input.moc"
