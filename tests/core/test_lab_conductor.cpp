// LabConductor without an engine: the actions it asks for, and that a run whose sockets never
// answer ends (failed, after its deadline) instead of waiting forever.
#include "core/lab/lab_conductor.h"
#include "core/lab/lab_report.h"
#include "core/lab/lab_table.h"

#include <QTest>
#include <cerrno>

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

EngineEvent tcpInfo(SessionId s, std::uint32_t cwnd, std::uint32_t totalRetrans) {
    EngineEvent e;
    e.kind = EngineEvent::Kind::TcpInfo;
    e.session = s;
    e.tcpInfo.sndCwnd = cwnd;
    e.tcpInfo.totalRetrans = totalRetrans;
    e.tcpInfo.rttUs = 1000;
    return e;
}

int tcpInfoQueries(const std::vector<LabAction>& actions, SessionId sender) {
    int n = 0;
    for (const LabAction& a : actions) {
        const auto* q = std::get_if<QueryTcpInfo>(&a.command);
        n += a.kind == LabAction::Kind::Post && q != nullptr && q->session == sender ? 1 : 0;
    }
    return n;
}

/// A conductor taken to Phase::Sending with sessions wire 1, TCP server 2, UDP receiver 3,
/// TCP client 4, UDP sender 5 (accepted connection 7).
void bringToSending(LabConductor& c) {
    (void)c.start();
    c.opened(LabSlot::Wire, 1);
    (void)c.onEvent(state(1, SessionState::Connected));
    c.opened(LabSlot::TcpServer, 2);
    c.opened(LabSlot::UdpReceiver, 3);
    (void)c.onEvent(state(2, SessionState::Listening, "192.0.2.2:7000"));
    (void)c.onEvent(state(3, SessionState::Bound, "192.0.2.2:7001"));
    c.opened(LabSlot::TcpClient, 4);
    c.opened(LabSlot::UdpSender, 5);
    (void)c.onEvent(state(4, SessionState::Connected));
    (void)c.onEvent(state(5, SessionState::Connected));
    EngineEvent accepted;
    accepted.kind = EngineEvent::Kind::Accepted;
    accepted.session = 2;
    accepted.connection = 7;
    (void)c.onEvent(accepted);
}

/// Both senders (sessions 4 and 5 of bringToSending) finished their series.
void bothSeriesDone(LabConductor& c) {
    EngineEvent done;
    done.kind = EngineEvent::Kind::SeriesDone;
    for (const SessionId sender : {SessionId(4), SessionId(5)}) {
        done.session = sender;
        (void)c.onEvent(done);
    }
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

    // TCP over time: while sending and settling the conductor asks the TCP sender for TCP_INFO
    // every 250 ms and keeps each answer with the time it asked; the run ends only after the
    // final answer (an older one still on its way does not count as the final).
    void samplesTcpInfoEveryQuarterSecondWhileRunning() {
        LabRunSettings s;
        s.schedule = {4, 100, 100};
        s.settleMin_ms = 100;
        LabConductor c(s);
        bringToSending(c);
        QCOMPARE(c.phase(), LabConductor::Phase::Sending);
        const std::int64_t t0 = 50 * kSec;
        const std::int64_t ms = kSec / 1000;
        QCOMPARE(tcpInfoQueries(c.onTick(t0, 0), 4), 1);
        QCOMPARE(tcpInfoQueries(c.onTick(t0 + 100 * ms, 0), 4), 0);
        QCOMPARE(tcpInfoQueries(c.onTick(t0 + 200 * ms, 0), 4), 0);
        QCOMPARE(tcpInfoQueries(c.onTick(t0 + 250 * ms, 0), 4), 1);
        (void)c.onEvent(tcpInfo(4, 10, 0));
        (void)c.onEvent(tcpInfo(4, 7, 1));
        QCOMPARE(c.tcpInfoSamples().size(), std::size_t(2));
        QCOMPARE(c.tcpInfoSamples()[0].atNs, t0);
        QCOMPARE(c.tcpInfoSamples()[1].atNs, t0 + 250 * ms);
        QCOMPARE(c.tcpInfoSamples()[1].info.sndCwnd, 7u);
        QCOMPARE(c.tcpInfo()->totalRetrans, 1u);
        // A TCP_INFO answer from another socket is not the sender's.
        (void)c.onEvent(tcpInfo(2, 99, 99));
        QCOMPARE(c.tcpInfoSamples().size(), std::size_t(2));

        bothSeriesDone(c);
        QCOMPARE(c.phase(), LabConductor::Phase::Settling);
        QCOMPARE(tcpInfoQueries(c.onTick(t0 + 500 * ms, 0), 4), 1); // asked, not answered yet
        // Everything arrived and settled on a tick where a sample is due too: finishing asks
        // once (the final TCP_INFO) with the wire's figures.
        const auto finishing = c.onTick(t0 + 750 * ms, 400);
        QCOMPARE(c.phase(), LabConductor::Phase::Finishing);
        QCOMPARE(tcpInfoQueries(finishing, 4), 1);
        QCOMPARE(finishing.size(), std::size_t(2));
        // The query at 500 ms failed (getsockopt's error): answered, no sample.
        EngineEvent error;
        error.kind = EngineEvent::Kind::Error;
        error.session = 4;
        error.error = sysError(EBADF, "getsockopt", "TCP_INFO on fd 9");
        QVERIFY(c.onEvent(error).empty());
        EngineEvent figures;
        figures.kind = EngineEvent::Kind::WireFigures;
        figures.session = 1;
        QVERIFY(c.onEvent(figures).empty());
        QCOMPARE(c.phase(), LabConductor::Phase::Finishing);
        const auto end = c.onEvent(tcpInfo(4, 9, 3)); // the final one
        QCOMPARE(end.size(), std::size_t(1));
        QCOMPARE(end[0].kind, LabAction::Kind::Done);
        QCOMPARE(c.tcpInfoSamples().size(), std::size_t(3));
        QCOMPARE(c.tcpInfoSamples()[2].atNs, t0 + 750 * ms);
        QCOMPARE(c.tcpInfo()->totalRetrans, 3u);
        QCOMPARE(c.sendStartNs(), t0);
    }

    // A schedule sent completely between two ticks still gets its time 0 and its samples.
    void aRunSentBetweenTicksStillStartsItsClock() {
        LabRunSettings s;
        s.schedule = {3, 100, 1};
        LabConductor c(s);
        bringToSending(c);
        bothSeriesDone(c);
        QCOMPARE(c.phase(), LabConductor::Phase::Settling);
        QCOMPARE(c.sendStartNs(), std::int64_t(0));
        const std::int64_t t0 = 7 * kSec;
        QCOMPARE(tcpInfoQueries(c.onTick(t0, 0), 4), 1);
        QCOMPARE(c.sendStartNs(), t0);
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
