// The lab wire as an engine session: a real network of two namespaces, kernel TCP and UDP
// between them, SockLab's wire the only link. With 20% loss both ways TCP still delivers every
// byte in order and retransmits (TCP_INFO says so, and the wire dropped segments); UDP loses
// exactly what the wire dropped. Sockets in the lab are ordinary sessions (placement).
#include "core/impair/impairment_text.h"
#include "core/lab/lab_timeline.h"
#include "core/packet/tcp_analysis.h"
#include "support/engine_harness.h"
#include "support/lab_run.h"

#include <QTest>
#include <net/if.h>
#include <set>

using namespace socklab;
using namespace socklab::test;

namespace {

OpenSession wireRequest(double lossPercent, std::uint64_t seed = 7) {
    OpenSession r;
    r.role = Role::Wire;
    r.lab.aToB.lossPercent = lossPercent;
    r.lab.bToA.lossPercent = lossPercent;
    r.lab.seed = seed;
    return r;
}

OpenSession inLab(OpenSession r, SessionId wire, LabHost host) {
    r.placement = {wire, host};
    return r;
}

QByteArray pattern(std::size_t n) {
    QByteArray b(qsizetype(n), Qt::Uninitialized);
    for (std::size_t i = 0; i < n; ++i) {
        b[qsizetype(i)] = char((i * 7 + i / 251) & 0xff);
    }
    return b;
}

std::uint64_t flagged(const TrafficStore& store, Direction dir, std::uint16_t flag) {
    std::uint64_t n = 0;
    for (const auto& r : dataRecords(store, dir)) {
        n += (r.flags & flag) != 0 ? 1 : 0;
    }
    return n;
}

std::set<std::string> hostInterfaces() {
    std::set<std::string> names;
    if (struct if_nameindex* list = if_nameindex()) {
        for (auto* p = list; p->if_index != 0; ++p) {
            names.insert(p->if_name);
        }
        if_freenameindex(list);
    }
    return names;
}

} // namespace

class TestEngineLab : public QObject {
    Q_OBJECT

private slots:
    void tcpDeliversEveryByteThroughALossyWire() {
        EngineHarness h;
        const auto interfacesBefore = hostInterfaces();
        const SessionId wire = h.engine.open(wireRequest(20.0));
        auto up = h.waitState(wire, 0, SessionState::Connected);
        QVERIFY2(up, "the lab network did not come up");
        QVERIFY(up->text.find("192.0.2.1 <-> 192.0.2.2") != std::string::npos);

        auto server =
            h.listen(inLab(openRequest(AF_INET, SOCK_STREAM, 0, Role::Listen, "192.0.2.2:7000"),
                           wire, LabHost::B));
        QVERIFY2(server, "listener in host B");
        const SessionId client = h.engine.open(
            inLab(openRequest(AF_INET, SOCK_STREAM, 0, Role::Connect, {}, "192.0.2.2:7000"), wire,
                  LabHost::A));
        QVERIFY(h.waitState(client, 0, SessionState::Connected, 30000));

        const QByteArray data = pattern(256 * 1024);
        SendData send;
        send.session = client;
        send.bytes.resize(std::size_t(data.size()));
        std::memcpy(send.bytes.data(), data.constData(), send.bytes.size());
        h.engine.post(std::move(send));
        auto serverStore = h.engine.store(server->session);
        QVERIFY(h.waitUntil(
            [&] { return storeBytes(*serverStore, 1, Direction::In).size() >= data.size(); },
            60000));
        QCOMPARE(storeBytes(*serverStore, 1, Direction::In), data);

        auto wireStore = h.engine.store(wire);
        QVERIFY(flagged(*wireStore, Direction::In, RecordFlag::WireDropped) > 0);
        h.engine.post(QueryTcpInfo{client, 0});
        auto info = h.waitKind(client, EngineEvent::Kind::TcpInfo);
        QVERIFY(info);
        QVERIFY2(info->tcpInfo.totalRetrans > 0, "TCP_INFO shows no retransmission");

        // Nothing was configured in SockLab's own namespace.
        QCOMPARE(hostInterfaces(), interfacesBefore);
    }

    void udpLosesExactlyWhatTheWireDropped() {
        EngineHarness h;
        const SessionId wire = h.engine.open(wireRequest(20.0, 11));
        QVERIFY(h.waitState(wire, 0, SessionState::Connected));
        const SessionId rx = h.engine.open(inLab(
            openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "192.0.2.2:7001"), wire, LabHost::B));
        QVERIFY(h.waitState(rx, 0, SessionState::Bound));
        const SessionId tx = h.engine.open(inLab(
            openRequest(AF_INET, SOCK_DGRAM, 0, Role::Connect, "192.0.2.1:0", "192.0.2.2:7001"),
            wire, LabHost::A));
        QVERIFY(h.waitState(tx, 0, SessionState::Connected));
        constexpr int kCount = 400;
        for (int i = 0; i < kCount; ++i) {
            SendData s;
            s.session = tx;
            const std::string text = "datagram " + std::to_string(i);
            s.bytes.resize(text.size());
            std::memcpy(s.bytes.data(), text.data(), text.size());
            h.engine.post(std::move(s));
        }
        auto wireStore = h.engine.store(wire);
        QVERIFY(h.waitUntil([&] { return dataRecords(*wireStore, Direction::In).size() >= kCount; },
                            10000));
        const auto dropped = flagged(*wireStore, Direction::In, RecordFlag::WireDropped);
        QVERIFY(dropped > 0);
        auto rxStore = h.engine.store(rx);
        QVERIFY(h.waitUntil(
            [&] { return dataRecords(*rxStore, Direction::In).size() >= kCount - dropped; },
            10000));
        QTest::qWait(200); // nothing more may arrive
        h.pump();
        QCOMPARE(dataRecords(*rxStore, Direction::In).size(), std::size_t(kCount - dropped));
        auto figures = h.waitKind(wire, EngineEvent::Kind::WireFigures, 2000);
        QVERIFY(figures);
    }

    // A delayed packet's record says how long the wire held it; a duplicated one is flagged
    // (one record per packet sent), and the receiver got every copy.
    void delayAndDuplicatesAreRecorded() {
        EngineHarness h;
        OpenSession w = wireRequest(0, 5);
        w.lab.aToB.delay_ms = 30;
        w.lab.aToB.duplicatePercent = 50;
        const SessionId wire = h.engine.open(w);
        QVERIFY(h.waitState(wire, 0, SessionState::Connected));
        const SessionId rx = h.engine.open(inLab(
            openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "192.0.2.2:7002"), wire, LabHost::B));
        QVERIFY(h.waitState(rx, 0, SessionState::Bound));
        const SessionId tx = h.engine.open(
            inLab(openRequest(AF_INET, SOCK_DGRAM, 0, Role::Connect, {}, "192.0.2.2:7002"), wire,
                  LabHost::A));
        QVERIFY(h.waitState(tx, 0, SessionState::Connected));
        constexpr int kCount = 40;
        for (int i = 0; i < kCount; ++i) {
            SendData s;
            s.session = tx;
            s.bytes.assign(32, std::byte(i));
            h.engine.post(std::move(s));
        }
        auto wireStore = h.engine.store(wire);
        auto rxStore = h.engine.store(rx);
        QVERIFY(h.waitUntil([&] { return dataRecords(*wireStore, Direction::In).size() >= kCount; },
                            5000));
        QTest::qWait(150); // every packet has left the wire
        h.pump();
        const auto dups = flagged(*wireStore, Direction::In, RecordFlag::WireDuplicated);
        QVERIFY(dups > 0);
        const auto records = dataRecords(*wireStore, Direction::In);
        QCOMPARE(records.size(), std::size_t(kCount));
        for (const auto& r : records) {
            QVERIFY2(r.wireDelayUs >= 29'000 && r.wireDelayUs < 500'000,
                     std::to_string(r.wireDelayUs).c_str());
        }
        QVERIFY(h.waitUntil(
            [&] { return dataRecords(*rxStore, Direction::In).size() == kCount + dups; }, 5000));
    }

    void closingTheWireEndsTheHelper() {
        EngineHarness h;
        const SessionId wire = h.engine.open(wireRequest(0));
        QVERIFY(h.waitState(wire, 0, SessionState::Connected));
        h.engine.post(CloseSocket{wire, 0, false});
        QVERIFY(h.waitState(wire, 0, SessionState::Closed));
        // A socket asked for now is refused with the reason.
        const SessionId late = h.engine.open(inLab(
            openRequest(AF_INET, SOCK_DGRAM, 0, Role::Bind, "192.0.2.1:0"), wire, LabHost::A));
        QVERIFY(h.waitState(late, 0, SessionState::Failed));
        const auto errors = h.errors(late);
        QVERIFY(!errors.empty());
        QVERIFY2(errors.front().error->message().find("the lab network is not up") !=
                     std::string::npos,
                 errors.front().error->message().c_str());
    }

    void unavailableLabFailsWithTheCheck() {
        EngineHarness h;
        OpenSession r = wireRequest(0);
        r.lab.tunDevice = "/nonexistent/tun";
        const SessionId wire = h.engine.open(r);
        QVERIFY(h.waitState(wire, 0, SessionState::Failed));
        const auto errors = h.errors(wire);
        QVERIFY(!errors.empty());
        QVERIFY(errors.front().error->message().find("lab: check TUN device") != std::string::npos);
    }

    // The lab run as both front ends drive it (LabConductor): 20% loss each way. TCP delivers
    // every message, in order, complete, and retransmitted; UDP lost exactly the UDP packets
    // the wire dropped.
    void conductedRunWithTwentyPercentLoss() {
        EngineHarness h;
        LabRunSettings settings;
        settings.network.aToB.lossPercent = 20;
        settings.network.bToA.lossPercent = 20;
        settings.network.seed = 3;
        settings.schedule = {100, 100, 5};
        auto run = runLab(h, settings);
        QVERIFY2(run.done, run.failure.c_str());
        QVERIFY(!run.conductor.usingFallback());
        QVERIFY(run.notices.empty());
        QCOMPARE(run.tcp->totals.delivered, 100);
        QVERIFY(run.tcp->inOrderAndComplete);
        QVERIFY(run.conductor.tcpComplete());
        QVERIFY(run.conductor.tcpInfo());
        QVERIFY2(run.conductor.tcpInfo()->totalRetrans > 0, "no TCP retransmission");

        auto wire = h.engine.store(run.conductor.session(LabSlot::Wire));
        const auto udpDropped = wirePackets(*wire, Direction::In, 17, RecordFlag::WireDropped);
        QCOMPARE(wirePackets(*wire, Direction::In, 17), std::uint64_t(100));
        QVERIFY(udpDropped > 0);
        QCOMPARE(std::uint64_t(run.udp->totals.lost), udpDropped);
        QCOMPARE(run.udp->totals.delivered, 100 - int(udpDropped));
        QVERIFY(wirePackets(*wire, Direction::In, 6, RecordFlag::WireDropped) > 0);
        QVERIFY(run.conductor.wireFigures());
        QVERIFY(run.conductor.wireFigures()->aToB.dropped >= udpDropped);

        // The wire's TCP analysis sees the sender's retransmissions, as many as TCP_INFO counts.
        QVERIFY(run.conductor.wireFigures()->retransmissions > 0);
        // Exactly: a data segment from A that resends bytes already on the wire is what the
        // kernel counts as retransmitted (tcpi_total_retrans); Wireshark's marks (the figures)
        // call some of them out-of-order when they follow within 3 ms.
        TcpAnalyzer analyzer;
        std::uint64_t fromA = 0;
        std::uint64_t resentByA = 0;
        std::uint32_t highestEnd = 0;
        std::vector<std::byte> bytes;
        for (const Record& r : storeRecords(*wire, RecordKind::Data)) {
            bytes.resize(r.length);
            QCOMPARE(wire->readArena(r.arenaOffset, bytes), std::size_t(r.length));
            const auto decoded = decodePacket(bytes);
            const auto marks = analyzer.feed(decoded, r.monoNs);
            fromA += r.direction == Direction::In && marks.anyRetransmission() ? 1 : 0;
            bool resent = false;
            if (r.direction == Direction::In && marks.tcp && marks.segmentLength > 0) {
                resent = marks.relSeq < highestEnd;
                resentByA += resent ? 1 : 0;
                highestEnd = std::max(highestEnd, marks.relSeq + marks.segmentLength);
            }
            // The wire flags each resent segment from A as it records it (the timeline's
            // source); nothing in B's direction is resent here (B sends no data).
            QCOMPARE((r.flags & RecordFlag::WireResent) != 0, resent);
        }
        QCOMPARE(analyzer.totals().retransmissions, run.conductor.wireFigures()->retransmissions);
        QVERIFY(fromA > 0);
        QVERIFY(fromA <= resentByA);
        QCOMPARE(resentByA, std::uint64_t(run.conductor.tcpInfo()->totalRetrans));
        QCOMPARE(run.conductor.wireFigures()->resentAtoB, resentByA);

        // TCP over time: TCP_INFO every 250 ms from the start of sending to the end (the last
        // sample is the final figure), retransmissions never go down, and the timeline's
        // resent segments are the wire's.
        const auto& samples = run.conductor.tcpInfoSamples();
        QVERIFY2(samples.size() >= 3, std::to_string(samples.size()).c_str());
        QCOMPARE(samples.back().info.totalRetrans, run.conductor.tcpInfo()->totalRetrans);
        QCOMPARE(samples.front().atNs, run.conductor.sendStartNs());
        for (std::size_t i = 1; i < samples.size(); ++i) {
            QVERIFY(samples[i].atNs > samples[i - 1].atNs);
            QVERIFY(samples[i].info.totalRetrans >= samples[i - 1].info.totalRetrans);
        }
        LabTimelineBuilder timeline;
        timeline.update(run.conductor.sendStartNs(), samples, wire.get());
        QCOMPARE(std::uint64_t(timeline.timeline().resentAtoB.size()), resentByA);
        QVERIFY(!timeline.timeline().droppedAtoB.empty());
        QCOMPARE(timeline.timeline().tcpInfo.size(), samples.size());
    }

    // Without TUN the run says which check failed and goes on over relays on loopback: UDP is
    // still lossy, TCP complete (the relay cannot lose a stream's bytes).
    void unavailableLabFallsBackToRelays() {
        EngineHarness h;
        LabRunSettings settings;
        settings.network.tunDevice = "/nonexistent/tun";
        settings.network.aToB.lossPercent = 30;
        settings.schedule = {60, 50, 2};
        auto run = runLab(h, settings);
        QVERIFY2(run.done, run.failure.c_str());
        QVERIFY(run.conductor.usingFallback());
        QCOMPARE(run.notices.size(), std::size_t(1));
        QVERIFY2(run.notices[0].find("lab: check TUN device /nonexistent/tun") != std::string::npos,
                 run.notices[0].c_str());
        QVERIFY(run.notices[0].find("no real packet loss") != std::string::npos);
        QVERIFY(run.conductor.session(LabSlot::TcpRelay) != 0);
        QVERIFY(run.tcp->inOrderAndComplete);
        QCOMPARE(run.tcp->totals.delivered, 60);
        QVERIFY(run.udp->totals.lost > 0);
        QCOMPARE(run.udp->totals.delivered + run.udp->totals.lost, 60);
    }
};

QTEST_MAIN(TestEngineLab)
#include "test_engine_lab.moc"
