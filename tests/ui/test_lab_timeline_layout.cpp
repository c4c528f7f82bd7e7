// LabTimelineLayout: the geometry of "TCP over time" without a widget: strips, scales, the
// series as polylines (running totals as steps), drop ticks, time labels, the cursor's sample
// and its readout.
#include "ui/lab/lab_timeline_layout.h"

#include <QTest>

using namespace socklab;
using namespace socklab::ui;

namespace {

constexpr std::int64_t kMs = 1'000'000;

LabTimeline sampleTimeline() {
    LabTimeline t;
    for (int i = 0; i <= 4; ++i) {
        LabTimeline::TcpInfoPoint p;
        p.atNs = i * 250 * kMs;
        p.info.rttUs = 20'000 + std::uint32_t(i) * 10'000; // 20..60 ms
        p.info.sndCwnd = std::uint32_t(10 + i * 3);        // 10..22
        p.info.totalRetrans = std::uint32_t(i >= 2 ? 3 : 0);
        t.tcpInfo.push_back(p);
    }
    t.droppedAtoB = {300 * kMs, 310 * kMs, 320 * kMs};
    t.resentAtoB = {400 * kMs, 410 * kMs, 420 * kMs};
    t.firstNs = 0;
    t.lastNs = 1000 * kMs;
    return t;
}

} // namespace

class TestLabTimelineLayout : public QObject {
    Q_OBJECT

private slots:
    void roundNumbers() {
        QCOMPARE(LabTimelineLayout::roundUp(0), 1.0);
        QCOMPARE(LabTimelineLayout::roundUp(1), 1.0);
        QCOMPARE(LabTimelineLayout::roundUp(1.2), 2.0);
        QCOMPARE(LabTimelineLayout::roundUp(3), 5.0);
        QCOMPARE(LabTimelineLayout::roundUp(5), 5.0);
        QCOMPARE(LabTimelineLayout::roundUp(60), 100.0);
        QCOMPARE(LabTimelineLayout::roundUp(101), 200.0);
    }

    void stripsStackWithinTheArea() {
        LabTimelineLayout l;
        l.setGeometry(QSizeF(600, 310), 50, 18);
        const QRectF rtt = l.stripRect(LabTimelineLayout::Strip::Rtt);
        const QRectF cwnd = l.stripRect(LabTimelineLayout::Strip::Cwnd);
        const QRectF re = l.stripRect(LabTimelineLayout::Strip::Retransmissions);
        QCOMPARE(rtt.left(), 50.0);
        QCOMPARE(rtt.top(), 0.0);
        QCOMPARE(rtt.height(), 92.0); // (310 - 18 - 2 gaps of 8) / 3
        QCOMPARE(cwnd.top(), 100.0);
        QCOMPARE(re.bottom(), 292.0); // the time labels below
        QCOMPARE(re.width(), rtt.width());
    }

    void seriesScalesAndSteps() {
        LabTimelineLayout l;
        l.setGeometry(QSizeF(650, 318), 50, 18);
        l.setTimeline(sampleTimeline());
        using S = LabTimelineLayout::Strip;
        QCOMPARE(l.yMax(S::Rtt), 100.0);           // 60 ms + 20% headroom, rounded up
        QCOMPARE(l.yMax(S::Cwnd), 50.0);           // 22 segments + 20%
        QCOMPARE(l.yMax(S::Retransmissions), 5.0); // at least 5
        const QRectF rtt = l.stripRect(S::Rtt);
        QCOMPARE(l.xOf(0), rtt.left());
        QCOMPARE(l.xOf(1000 * kMs), rtt.right());
        QCOMPARE(l.xOf(500 * kMs), rtt.left() + rtt.width() / 2);
        const auto& rttPoints = l.points(LabTimelineLayout::Series::Rtt);
        QCOMPARE(rttPoints.size(), std::size_t(5));
        QCOMPARE(rttPoints[0].y(), rtt.bottom() - rtt.height() * 0.2); // 20 of 100 ms
        QCOMPARE(rttPoints[4].y(), rtt.bottom() - rtt.height() * 0.6);
        // The wire's resent segments: flat, then a step up at each one, flat to the end.
        const auto& wire = l.points(LabTimelineLayout::Series::WireResent);
        const QRectF re = l.stripRect(S::Retransmissions);
        QCOMPARE(wire.size(), std::size_t(2 + 2 * 3));
        QCOMPARE(wire.front(), QPointF(rtt.left(), re.bottom()));
        QCOMPARE(wire[1].x(), l.xOf(400 * kMs));
        QCOMPARE(wire[1].y(), re.bottom());
        QCOMPARE(wire[2].y(), re.bottom() - re.height() / 5);
        QCOMPARE(wire.back(), QPointF(rtt.right(), re.bottom() - re.height() * 3 / 5));
        // TCP_INFO's total: a step at each sample to its value.
        const auto& info = l.points(LabTimelineLayout::Series::TcpRetrans);
        QCOMPARE(info.back().y(), re.bottom() - re.height() * 3 / 5);
        QCOMPARE(l.dropXs().size(), std::size_t(3));
        QCOMPARE(l.dropXs()[0], l.xOf(300 * kMs));
    }

    void ticksAreRoundAndInsideTheAxis() {
        LabTimelineLayout l;
        l.setGeometry(QSizeF(850, 318), 50, 18); // 796 px for 1 s: about 9 labels at most
        l.setTimeline(sampleTimeline());
        const auto ticks = l.timeTicks();
        QVERIFY(ticks.size() >= 5);
        QCOMPARE(ticks.front().ns, std::int64_t(0));
        QCOMPARE(ticks[1].ns, 200 * kMs); // 1, 2 or 5 x 10^n ms apart, >= 80 px
        for (const auto& t : ticks) {
            QVERIFY(t.x >= l.stripRect(LabTimelineLayout::Strip::Rtt).left());
            QVERIFY(t.x <= l.stripRect(LabTimelineLayout::Strip::Rtt).right() + 0.001);
        }
        // A timeline that starts before sending (negative times) ticks through 0.
        LabTimeline early = sampleTimeline();
        early.firstNs = -300 * kMs;
        l.setTimeline(early);
        bool zero = false;
        for (const auto& t : l.timeTicks()) {
            zero = zero || t.ns == 0;
            QVERIFY(t.ns >= -300 * kMs);
        }
        QVERIFY(zero);
    }

    void cursorSampleAndReadout() {
        LabTimelineLayout l;
        l.setGeometry(QSizeF(650, 318), 50, 18);
        QCOMPARE(l.sampleNear(100), -1);
        QVERIFY(l.describeSample(0).isEmpty());
        l.setTimeline(sampleTimeline());
        QCOMPARE(l.sampleNear(0), 0);
        QCOMPARE(l.sampleNear(1e6), 4);
        QCOMPARE(l.sampleNear(l.xOf(370 * kMs)), 1);
        QCOMPARE(l.sampleNear(l.xOf(380 * kMs)), 2);
        QCOMPARE(l.sampleX(2), l.xOf(500 * kMs));
        QCOMPARE(l.describeSample(2),
                 QStringLiteral("At 0.50 s: rtt 40.0 ms (variation 0.0 ms), cwnd 16 segments, 0 "
                                "unacknowledged; TCP_INFO counts 3 retransmissions so far, the "
                                "wire 3 segments resent and 3 dropped from A."));
        QVERIFY(l.describeSample(1).contains(QStringLiteral("the wire 0 segments resent and 0 "
                                                            "dropped from A")));
    }
};

QTEST_MAIN(TestLabTimelineLayout)
#include "test_lab_timeline_layout.moc"
