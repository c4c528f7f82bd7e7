// TCP over time: the timeline of a lab run from the conductor's TCP_INFO samples and the
// wire's capture (records flagged resent or dropped, as LabWire writes them), read
// incrementally, and its CSV.
#include "core/capture/traffic_store.h"
#include "core/lab/lab_timeline.h"
#include "core/vocab/lab.h"
#include "support/packet_builder.h"

#include <QTest>

using namespace socklab;
using namespace socklab::test;

namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kOrigin = 1'000 * kMs; ///< sending started (monotonic)

Packet dataFromA(std::uint32_t seq) {
    TcpSegment s = tcpSegment("192.0.2.1", 40000, "192.0.2.2", 7000);
    s.seq = seq;
    s.payloadBytes = 100;
    return build(s);
}

Packet ackFromB() {
    return build(tcpSegment("192.0.2.2", 7000, "192.0.2.1", 40000));
}

Packet udpFromA() {
    return udpPacket("192.0.2.1", 5000, "192.0.2.2", 7001, Packet(20, std::byte{1}));
}

void wirePacket(TrafficStore& wire, WireDirection d, const Packet& p, std::int64_t atMs,
                std::uint16_t flags = 0) {
    wire.appendData(0, captureDirection(d), p, nullptr, flags, 0, 0, kOrigin + atMs * kMs);
}

LabTcpInfoSample sample(std::int64_t atMs, std::uint32_t cwnd, std::uint32_t totalRetrans) {
    LabTcpInfoSample s;
    s.atNs = kOrigin + atMs * kMs;
    s.info.rttUs = 1500;
    s.info.rttVarUs = 250;
    s.info.sndCwnd = cwnd;
    s.info.unacked = 2;
    s.info.totalRetrans = totalRetrans;
    return s;
}

} // namespace

class TestLabTimeline : public QObject {
    Q_OBJECT

private slots:
    // Resent segments from their flag (either direction), dropped packets only when they are
    // TCP (a dropped datagram is UDP's business), times relative to the origin.
    void wireEventsFromTheCaptureFlags() {
        TrafficStore wire;
        wirePacket(wire, WireDirection::AtoB, dataFromA(1), -5); // handshake time: negative
        wirePacket(wire, WireDirection::AtoB, dataFromA(101), 10, RecordFlag::WireDropped);
        wirePacket(wire, WireDirection::AtoB, udpFromA(), 12, RecordFlag::WireDropped);
        wirePacket(wire, WireDirection::BtoA, ackFromB(), 14, RecordFlag::WireDropped);
        wirePacket(wire, WireDirection::AtoB, dataFromA(101), 250, RecordFlag::WireResent);
        wirePacket(wire, WireDirection::BtoA, ackFromB(), 251, RecordFlag::WireResent);

        LabTimelineBuilder b;
        const std::vector<LabTcpInfoSample> samples{sample(0, 10, 0), sample(300, 5, 1)};
        b.update(kOrigin, samples, &wire);
        const LabTimeline& t = b.timeline();
        QCOMPARE(t.droppedAtoB, std::vector<std::int64_t>{10 * kMs});
        QCOMPARE(t.droppedBtoA, std::vector<std::int64_t>{14 * kMs});
        QCOMPARE(t.resentAtoB, std::vector<std::int64_t>{250 * kMs});
        QCOMPARE(t.resentBtoA, std::vector<std::int64_t>{251 * kMs});
        QCOMPARE(t.tcpInfo.size(), std::size_t(2));
        QCOMPARE(t.tcpInfo[1].atNs, 300 * kMs);
        QCOMPARE(t.tcpInfo[1].info.sndCwnd, 5u);
        QCOMPARE(t.firstNs, std::int64_t(0)); // the negative packet was neither dropped nor resent
        QCOMPARE(t.lastNs, 300 * kMs);
        QVERIFY(!t.empty());
    }

    // update() reads only what was added since; a new origin (a new run) starts over.
    void incrementalAndRestartedByANewOrigin() {
        TrafficStore wire;
        LabTimelineBuilder b;
        wirePacket(wire, WireDirection::AtoB, dataFromA(1), 5, RecordFlag::WireDropped);
        b.update(kOrigin, {}, &wire);
        QCOMPARE(b.timeline().droppedAtoB.size(), std::size_t(1));
        b.update(kOrigin, {}, &wire); // nothing new: not counted twice
        QCOMPARE(b.timeline().droppedAtoB.size(), std::size_t(1));
        wirePacket(wire, WireDirection::AtoB, dataFromA(1), 40, RecordFlag::WireResent);
        b.update(kOrigin, {}, &wire);
        QCOMPARE(b.timeline().droppedAtoB.size(), std::size_t(1));
        QCOMPARE(b.timeline().resentAtoB, std::vector<std::int64_t>{40 * kMs});
        b.update(kOrigin + 10 * kMs, {}, &wire);
        QCOMPARE(b.timeline().droppedAtoB, std::vector<std::int64_t>{-5 * kMs});
        QCOMPARE(b.timeline().resentAtoB, std::vector<std::int64_t>{30 * kMs});
        QCOMPARE(b.timeline().firstNs, -5 * kMs);
        b.update(kOrigin, {}, nullptr); // the fallback: no wire
        QVERIFY(b.timeline().empty());
    }

    // Before sending starts there is no time 0: nothing yet, and nothing skipped for later.
    void emptyUntilSendingStarts() {
        TrafficStore wire;
        wirePacket(wire, WireDirection::AtoB, dataFromA(1), -20, RecordFlag::WireDropped);
        LabTimelineBuilder b;
        const std::vector<LabTcpInfoSample> samples{sample(0, 10, 0)};
        b.update(0, samples, &wire);
        QVERIFY(b.timeline().empty());
        b.update(kOrigin, samples, &wire);
        QCOMPARE(b.timeline().droppedAtoB, std::vector<std::int64_t>{-20 * kMs});
        QCOMPARE(b.timeline().tcpInfo.size(), std::size_t(1));
    }

    // Times before 0 (the handshake) and rounding to the microsecond, with a '.' always.
    void csvNegativeTimes() {
        LabTimeline t;
        t.droppedAtoB = {-5'000'500, -400};
        t.firstNs = -5'000'500;
        const std::string csv = formatLabTimelineCsv(t);
        QVERIFY2(csv.find("\n-5.001,wire,dropped_a_to_b,,,,,,,0,0,1,0\n") != std::string::npos,
                 csv.c_str());
        QVERIFY2(csv.find("\n0.000,wire,dropped_a_to_b,,,,,,,0,0,2,0\n") != std::string::npos,
                 csv.c_str());
    }

    void csvRowsInTimeOrderWithRunningWireCounts() {
        TrafficStore wire;
        wirePacket(wire, WireDirection::AtoB, dataFromA(101), 10, RecordFlag::WireDropped);
        wirePacket(wire, WireDirection::AtoB, dataFromA(101), 300, RecordFlag::WireResent);
        LabTimelineBuilder b;
        const std::vector<LabTcpInfoSample> samples{sample(0, 10, 0), sample(300, 5, 1)};
        b.update(kOrigin, samples, &wire);
        QCOMPARE(formatLabTimelineCsv(b.timeline()),
                 std::string("time_ms,source,event,rtt_ms,rttvar_ms,cwnd,unacked,retransmits,"
                             "total_retrans,wire_resent_a_to_b,wire_resent_b_to_a,"
                             "wire_dropped_a_to_b,wire_dropped_b_to_a\n"
                             "0.000,tcp_info,sample,1.500,0.250,10,2,0,0,0,0,0,0\n"
                             "10.000,wire,dropped_a_to_b,,,,,,,0,0,1,0\n"
                             "300.000,wire,resent_a_to_b,,,,,,,1,0,1,0\n"
                             "300.000,tcp_info,sample,1.500,0.250,5,2,0,1,1,0,1,0\n"));
        // Each row has the header's number of fields.
        const std::string csv = formatLabTimelineCsv(b.timeline());
        std::size_t start = 0;
        while (start < csv.size()) {
            const std::size_t end = csv.find('\n', start);
            QCOMPARE(std::count(csv.begin() + std::ptrdiff_t(start),
                                csv.begin() + std::ptrdiff_t(end), ','),
                     std::ptrdiff_t(12));
            start = end + 1;
        }
    }
};

QTEST_APPLESS_MAIN(TestLabTimeline)
#include "test_lab_timeline.moc"
