// LabConductor without an engine: the actions it asks for, and that a run whose sockets never
// answer ends (failed, after its deadline) instead of waiting forever.
#include "core/lab/lab_conductor.h"
#include "core/lab/lab_report.h"
#include "core/lab/lab_table.h"

#include <QTest>

using namespace socklab;

namespace {

constexpr std::int64_t kSec = 1'000'000'000;

EngineEvent state(SessionId s, SessionState st, std::string local = {}) {
    EngineEvent e;
    e.kind = EngineEvent::Kind::StateChanged;
    e.session = s;
    e.state = st;
    e.local = std::move(local);
    return e;
}

} // namespace

class TestLabConductor : public QObject {
    Q_OBJECT

private slots:
    void opensTheWireFirstThenTheReceiversInB() {
        LabConductor c(LabRunSettings{});
        auto a = c.start();
        QCOMPARE(a.size(), std::size_t(1));
        QCOMPARE(a[0].kind, LabAction::Kind::Open);
        QCOMPARE(a[0].request.role, Role::Wire);
        c.opened(LabSlot::Wire, 1);
        a = c.onEvent(state(1, SessionState::Connected));
        QCOMPARE(a.size(), std::size_t(2));
        QCOMPARE(a[0].request.local, std::string("192.0.2.2:7000"));
        QCOMPARE(a[0].request.placement.host, LabHost::B);
        QCOMPARE(a[0].request.placement.wire, SessionId(1));
        QCOMPARE(a[1].request.local, std::string("192.0.2.2:7001"));
    }

    void aRunThatNeverAnswersFailsAfterItsDeadline() {
        LabRunSettings s;
        s.schedule = {10, 100, 10};
        s.settleMax_ms = 1000;
        LabConductor c(s);
        (void)c.start();
        c.opened(LabSlot::Wire, 1);
        const std::int64_t t0 = 100 * kSec;
        QVERIFY(c.onTick(t0, 0).empty());
        QVERIFY(c.onTick(t0 + 20 * kSec, 0).empty()); // still within setup + schedule + settle
        const auto a = c.onTick(t0 + 40 * kSec, 0);
        QCOMPARE(a.size(), std::size_t(1));
        QCOMPARE(a[0].kind, LabAction::Kind::Failed);
        QVERIFY2(a[0].text.find("did not finish in time (stuck while building the lab network)") !=
                     std::string::npos,
                 a[0].text.c_str());
        QCOMPARE(c.phase(), LabConductor::Phase::Failed);
        QVERIFY(c.onTick(t0 + 50 * kSec, 0).empty()); // nothing after the end
    }

    void anUnavailableWireStartsTheFallbackWithItsReason() {
        LabConductor c(LabRunSettings{});
        (void)c.start();
        c.opened(LabSlot::Wire, 1);
        EngineEvent err;
        err.kind = EngineEvent::Kind::Error;
        err.session = 1;
        err.error = inputError("lab: check TUN device", "/x", "load the TUN driver");
        QVERIFY(c.onEvent(err).empty());
        const auto a = c.onEvent(state(1, SessionState::Failed));
        QCOMPARE(a.size(), std::size_t(3));
        QCOMPARE(a[0].kind, LabAction::Kind::Notice);
        QVERIFY(a[0].text.find("lab: check TUN device /x") != std::string::npos);
        QCOMPARE(a[1].request.local, std::string("127.0.0.1:0"));
        QVERIFY(c.usingFallback());
    }

    // A live view: a sent datagram that has not arrived yet is in flight, not lost; the same
    // run judged at its end calls it lost.
    void notArrivedYetIsPendingWhileTheRunGoes() {
        const LabSchedule schedule{3, 16, 10};
        std::vector<LabChunk> writes;
        for (int i = 1; i <= 3; ++i) {
            writes.push_back({i * 10'000'000LL, labMessage(i, 16)});
        }
        std::vector<LabChunk> reads{{15'000'000LL, labMessage(1, 16)}};
        LabRun run{schedule, LabTransport::Datagram, writes, reads, std::nullopt, true};
        auto live = analyzeLabRun(run);
        QVERIFY(live);
        QCOMPARE(live->totals.pending, 2);
        QCOMPARE(live->totals.lost, 0);
        QCOMPARE(live->messages[1].fate, LabFate::Pending);
        QVERIFY(formatLabTable(*live, *live, {}).find("in flight") != std::string::npos);
        run.inProgress = false;
        auto done = analyzeLabRun(run);
        QVERIFY(done);
        QCOMPARE(done->totals.pending, 0);
        QCOMPARE(done->totals.lost, 2);
        QCOMPARE(done->messages[1].fate, LabFate::Lost);
    }
};

QTEST_APPLESS_MAIN(TestLabConductor)
#include "test_lab_conductor.moc"
