// The lab's guided experiments, each run headless against a real engine and a real lab network
// (kernel TCP and UDP between two namespaces, SockLab's wire between them): its claim holds,
// and the facts it teaches are checked again here from the captures directly. Controls show
// the claims depend on what they teach: on a plain wire the impairment claims fail, without
// fragments the MTU claim fails, the Nagle claims fail on each other's runs, and the FIN/RST
// claim fails when both closes are graceful.
#include "core/lab/lab_experiments.h"
#include "support/engine_harness.h"
#include "support/lab_run.h"

#include <QTest>
#include <cerrno>
#include <memory>
#include <set>

using namespace socklab;
using namespace socklab::test;

namespace {

const LabExperiment& experiment(std::string_view id) {
    const LabExperiment* e = findLabExperiment(id);
    if (e == nullptr) {
        qFatal("no experiment %.*s", int(id.size()), id.data());
    }
    return *e;
}

std::shared_ptr<const TrafficStore> wireStore(EngineHarness& h, const LabRunResult& run) {
    return run.conductor.usingFallback() ? nullptr
                                         : h.engine.store(run.conductor.session(LabSlot::Wire));
}

/// A schedule experiment's claim on a finished run; `settings` stands in for the run's own.
LabClaim claimOn(EngineHarness& h, const LabRunResult& run, const LabExperiment& e,
                 const LabRunSettings* settings = nullptr) {
    auto wire = wireStore(h, run);
    const LabRunEvidence ev{settings ? *settings : run.conductor.settings(),
                            *run.tcp,
                            *run.udp,
                            run.conductor.tcpInfo(),
                            run.conductor.wireFigures(),
                            wire.get()};
    return e.runClaim(ev);
}

LabClaim claimOn(EngineHarness& h, const LabScriptRun& run, const LabExperiment& e) {
    auto wire = h.engine.store(run.script.wire());
    const LabScriptEvidence ev{run.script, wire.get(), [&h](SessionId id) -> const TrafficStore* {
                                   return h.engine.store(id).get();
                               }};
    return e.scriptClaim(ev);
}

/// Runs a schedule experiment; fails the test (returns nullptr) when the run did not finish on
/// the lab network.
std::unique_ptr<LabRunResult> runSchedule(EngineHarness& h, const LabRunSettings& settings) {
    auto run = std::make_unique<LabRunResult>(runLab(h, settings, 30'000));
    if (!run->done || run->conductor.usingFallback()) {
        qWarning("run failed: %s%s", run->failure.c_str(),
                 run->notices.empty() ? "" : run->notices.front().c_str());
        return nullptr;
    }
    return run;
}

struct WireFacts {
    std::uint64_t udpFragments = 0; ///< IPv4 UDP packets A->B with MF set or an offset
    std::uint64_t udpFirstFragments = 0;
    std::uint64_t tcpFragments = 0;
    std::size_t largest = 0;
};

/// Read from the wire's packets with this test's own decoding (independent of the claims').
WireFacts fragmentFacts(const TrafficStore& wire) {
    WireFacts f;
    for (const auto& r : dataRecords(wire, Direction::In)) {
        std::byte head[20] = {};
        if (wire.readArena(r.arenaOffset, std::span(head, std::min<std::size_t>(r.length, 20))) <
            20) {
            continue;
        }
        const int proto = std::to_integer<int>(head[9]);
        const int frag = (std::to_integer<int>(head[6]) << 8) | std::to_integer<int>(head[7]);
        const bool mf = (frag & 0x2000) != 0;
        const int offset = frag & 0x1fff;
        f.largest = std::max<std::size_t>(f.largest, r.wireLength ? r.wireLength : r.length);
        if (mf || offset != 0) {
            (proto == 17 ? f.udpFragments : f.tcpFragments) += 1;
            f.udpFirstFragments += proto == 17 && offset == 0 ? 1 : 0;
        }
    }
    return f;
}

} // namespace

class TestLabExperiments : public QObject {
    Q_OBJECT

private slots:
    void catalogIsComplete() {
        const auto all = labExperiments();
        QVERIFY(all.size() >= 12);
        std::set<std::string_view> ids;
        int scripts = 0;
        for (const LabExperiment& e : all) {
            QVERIFY(ids.insert(e.id).second);
            QVERIFY(!e.title.empty());
            QVERIFY2(e.explanation.size() > 150, std::string(e.id).c_str());
            QCOMPARE(findLabExperiment(e.id), &e);
            if (e.kind == LabExperimentKind::Schedule) {
                QVERIFY(e.settings && e.runClaim && !e.steps && !e.scriptClaim);
                QVERIFY(e.settings().schedule.validate().has_value());
            } else {
                ++scripts;
                QVERIFY(e.steps && e.scriptClaim && !e.settings && !e.runClaim);
                QVERIFY(!e.steps().empty());
            }
            if (!e.pairedWith.empty()) {
                QVERIFY(findLabExperiment(e.pairedWith));
                QCOMPARE(findLabExperiment(e.pairedWith)->pairedWith, e.id);
            }
        }
        QCOMPARE(scripts, 4);
        QVERIFY(findLabExperiment("nosuch") == nullptr);
    }

    // ---------------------------------------------------------------- schedules

    void messageBoundaries() {
        EngineHarness h;
        const LabExperiment& e = experiment("boundaries");
        auto run = runSchedule(h, e.settings());
        QVERIFY(run);
        const LabClaim claim = claimOn(h, *run, e);
        qInfo("%s", claim.text.c_str());
        QVERIFY2(claim.holds, claim.text.c_str());
        QCOMPARE(run->tcp->writes.size(), std::size_t(50));
        QVERIFY(run->tcp->reads.size() < 50);
        QCOMPARE(run->udp->reads.size(), std::size_t(50));
        for (const LabBlock& r : run->udp->reads) {
            QCOMPARE(r.length, std::size_t(100));
        }
        QVERIFY(claim.text.find("50 writes of 100 bytes arrived in") != std::string::npos);
    }

    // A run whose TCP reads are one message each (the writes' boundaries visible): the claim
    // must not hold.
    void boundariesClaimNeedsMergedReads() {
        const LabSchedule s{5, 20, 10};
        std::vector<LabChunk> chunks;
        for (int i = 1; i <= s.count; ++i) {
            chunks.push_back({i * 10'000'000LL, labMessage(i, s.size)});
        }
        std::vector<LabChunk> reads = chunks;
        for (auto& r : reads) {
            r.monoNs += 1'000'000;
        }
        auto tcp = analyzeLabRun({s, LabTransport::Stream, chunks, reads, std::nullopt});
        auto udp = analyzeLabRun({s, LabTransport::Datagram, chunks, reads, std::nullopt});
        QVERIFY(tcp && udp && tcp->inOrderAndComplete && udp->inOrderAndComplete);
        LabRunSettings settings;
        settings.schedule = s;
        const std::optional<TcpInfoSnapshot> info;
        const std::optional<WireFigures> figures;
        const LabClaim claim =
            experiment("boundaries")
                .runClaim(LabRunEvidence{settings, *tcp, *udp, info, figures, nullptr});
        QVERIFY2(!claim.holds, claim.text.c_str());
        QVERIFY(claim.text.find("5 writes of 20 bytes arrived in 5 reads") != std::string::npos);
    }

    void tenPercentLoss() {
        EngineHarness h;
        const LabExperiment& e = experiment("loss");
        auto run = runSchedule(h, e.settings());
        QVERIFY(run);
        const LabClaim claim = claimOn(h, *run, e);
        qInfo("%s", claim.text.c_str());
        QVERIFY2(claim.holds, claim.text.c_str());
        auto wire = wireStore(h, *run);
        const auto udpDropped = wirePackets(*wire, Direction::In, 17, RecordFlag::WireDropped);
        QVERIFY(udpDropped > 0);
        QCOMPARE(std::uint64_t(run->udp->totals.lost), udpDropped);
        QVERIFY(run->tcp->inOrderAndComplete);
        QVERIFY(run->conductor.tcpInfo()->totalRetrans > 0);
        QVERIFY(claim.text.find("UDP lost " + std::to_string(udpDropped)) != std::string::npos);
    }

    void reordering() {
        EngineHarness h;
        const LabExperiment& e = experiment("reorder");
        auto run = runSchedule(h, e.settings());
        QVERIFY(run);
        const LabClaim claim = claimOn(h, *run, e);
        qInfo("%s", claim.text.c_str());
        QVERIFY2(claim.holds, claim.text.c_str());
        auto wire = wireStore(h, *run);
        QVERIFY(wirePackets(*wire, Direction::In, 17, RecordFlag::WireReordered) > 0);
        QVERIFY(wirePackets(*wire, Direction::In, 6, RecordFlag::WireReordered) > 0);
        QVERIFY(run->udp->totals.outOfOrder > 0);
        QVERIFY(run->tcp->inOrderAndComplete);
    }

    void duplication() {
        EngineHarness h;
        const LabExperiment& e = experiment("duplicate");
        auto run = runSchedule(h, e.settings());
        QVERIFY(run);
        const LabClaim claim = claimOn(h, *run, e);
        qInfo("%s", claim.text.c_str());
        QVERIFY2(claim.holds, claim.text.c_str());
        auto wire = wireStore(h, *run);
        const auto udpTwice = wirePackets(*wire, Direction::In, 17, RecordFlag::WireDuplicated);
        QVERIFY(udpTwice > 0);
        QCOMPARE(std::uint64_t(run->udp->totals.duplicated), udpTwice);
        QCOMPARE(run->tcp->totals.bytesReceived, run->tcp->totals.bytesSent);
        QVERIFY(run->tcp->inOrderAndComplete);
    }

    void delayAndJitter() {
        EngineHarness h;
        const LabExperiment& e = experiment("delay");
        auto run = runSchedule(h, e.settings());
        QVERIFY(run);
        const LabClaim claim = claimOn(h, *run, e);
        qInfo("%s", claim.text.c_str());
        QVERIFY2(claim.holds, claim.text.c_str());
        QVERIFY(*run->udp->latency.minNs >= 25'000'000);
        QVERIFY(*run->udp->latency.maxNs > *run->udp->latency.minNs + 10'000'000);
        QCOMPARE(run->udp->totals.outOfOrder, 0);
        QVERIFY(run->tcp->inOrderAndComplete);
    }

    // The claims of loss, reordering, duplication and delay fail on a wire that does nothing.
    void impairmentClaimsFailOnAPlainWire() {
        EngineHarness h;
        LabRunSettings plain;
        plain.schedule = {100, 100, 5};
        auto run = runSchedule(h, plain);
        QVERIFY(run);
        for (const char* id : {"loss", "reorder", "duplicate", "delay"}) {
            const LabExperiment& e = experiment(id);
            const LabRunSettings as = e.settings(); // what the claim expected of the wire
            const LabClaim claim = claimOn(h, *run, e, &as);
            QVERIFY2(!claim.holds, (std::string(id) + ": " + claim.text).c_str());
        }
    }

    // Nagle on: fewer TCP segments than writes; off: about one per write. Each claim fails on
    // the other's run.
    void slowLinkNagleOnAndOff() {
        EngineHarness h;
        const LabExperiment& on = experiment("nagle");
        const LabExperiment& off = experiment("nagle-off");
        auto nagle = runSchedule(h, on.settings());
        QVERIFY(nagle);
        auto noDelay = runSchedule(h, off.settings());
        QVERIFY(noDelay);
        const LabClaim onClaim = claimOn(h, *nagle, on);
        const LabClaim offClaim = claimOn(h, *noDelay, off);
        qInfo("%s", onClaim.text.c_str());
        qInfo("%s", offClaim.text.c_str());
        QVERIFY2(onClaim.holds, onClaim.text.c_str());
        QVERIFY2(offClaim.holds, offClaim.text.c_str());
        // The test's own count: every TCP packet from A (data, SYN, handshake ACK, FIN).
        const auto tcpOn = wirePackets(*wireStore(h, *nagle), Direction::In, 6);
        const auto tcpOff = wirePackets(*wireStore(h, *noDelay), Direction::In, 6);
        QVERIFY2(tcpOn * 2 < tcpOff,
                 (std::to_string(tcpOn) + " vs " + std::to_string(tcpOff)).c_str());
        QVERIFY(tcpOff >= 48);
        // Swapped: the Nagle-on run judged as if Nagle had been off, and the other way round.
        const LabRunSettings offSettings = off.settings();
        const LabRunSettings onSettings = on.settings();
        QVERIFY(!claimOn(h, *nagle, off, &offSettings).holds);
        QVERIFY(!claimOn(h, *noDelay, on, &onSettings).holds);
    }

    void largerThanTheMtu() {
        EngineHarness h;
        const LabExperiment& e = experiment("mtu");
        auto run = runSchedule(h, e.settings());
        QVERIFY(run);
        const LabClaim claim = claimOn(h, *run, e);
        qInfo("%s", claim.text.c_str());
        QVERIFY2(claim.holds, claim.text.c_str());
        const WireFacts facts = fragmentFacts(*wireStore(h, *run));
        QCOMPARE(facts.udpFirstFragments, std::uint64_t(40));
        QVERIFY(facts.udpFragments >= 3 * 40);
        QCOMPARE(facts.tcpFragments, std::uint64_t(0));
        QVERIFY(facts.largest <= 1500);
        QVERIFY(run->udp->totals.lost > 0);
        QVERIFY(run->tcp->inOrderAndComplete);
    }

    // Messages that fit the MTU are not fragmented: the claim fails.
    void mtuClaimFailsWithoutFragments() {
        EngineHarness h;
        const LabExperiment& e = experiment("mtu");
        LabRunSettings small = e.settings();
        small.schedule.size = 1000;
        auto run = runSchedule(h, small);
        QVERIFY(run);
        QCOMPARE(fragmentFacts(*wireStore(h, *run)).udpFragments, std::uint64_t(0));
        const LabClaim claim = claimOn(h, *run, e);
        QVERIFY2(!claim.holds, claim.text.c_str());
    }

    // ---------------------------------------------------------------- scripts

    void halfClose() {
        EngineHarness h;
        const LabExperiment& e = experiment("half-close");
        auto run = runLabScript(h, e.steps(), e.timeout_ms);
        QVERIFY2(run.done, run.failure.c_str());
        const LabClaim claim = claimOn(h, run, e);
        qInfo("%s", claim.text.c_str());
        QVERIFY2(claim.holds, claim.text.c_str());
        const LabScriptActor* a = run.script.actor("A");
        const LabScriptActor* b = run.script.actor("B");
        QVERIFY(a && b);
        QVERIFY(a->reached(SessionState::HalfClosed));
        QVERIFY(b->reached(SessionState::PeerClosed));
        // A read B's answer, sent after B had read A's FIN.
        QCOMPARE(storeBytes(*h.engine.store(a->session), 0, Direction::In),
                 QByteArray("B still talks after A's FIN\n"));
        QVERIFY(!run.stepTexts.empty());
    }

    void finVersusRst() {
        EngineHarness h;
        const LabExperiment& e = experiment("fin-rst");
        auto run = runLabScript(h, e.steps(), e.timeout_ms);
        QVERIFY2(run.done, run.failure.c_str());
        const LabClaim claim = claimOn(h, run, e);
        qInfo("%s", claim.text.c_str());
        QVERIFY2(claim.holds, claim.text.c_str());
        QVERIFY(run.script.actor("B1")->reached(SessionState::PeerClosed));
        QVERIFY(run.script.actor("B2")->hadError(ECONNRESET));
        QVERIFY(!run.script.actor("B2")->reached(SessionState::PeerClosed));
    }

    // Both connections closed gracefully: no RST anywhere, and the claim says so.
    void finRstClaimFailsWhenBothCloseGracefully() {
        EngineHarness h;
        const LabExperiment& e = experiment("fin-rst");
        auto steps = e.steps();
        for (auto& s : steps) {
            if (s.kind == LabStep::Kind::Close) {
                s.abortive = false;
            }
        }
        steps.back() = LabStep::awaitState("B2", SessionState::PeerClosed);
        auto run = runLabScript(h, std::move(steps), e.timeout_ms);
        QVERIFY2(run.done, run.failure.c_str());
        const LabClaim claim = claimOn(h, run, e);
        QVERIFY2(!claim.holds, claim.text.c_str());
        QVERIFY(claim.text.find("A2's kernel sent no RST") != std::string::npos);
    }

    void closedPort() {
        EngineHarness h;
        const LabExperiment& e = experiment("closed-port");
        auto run = runLabScript(h, e.steps(), e.timeout_ms);
        QVERIFY2(run.done, run.failure.c_str());
        const LabClaim claim = claimOn(h, run, e);
        qInfo("%s", claim.text.c_str());
        QVERIFY2(claim.holds, claim.text.c_str());
        auto wire = h.engine.store(run.script.wire());
        QVERIFY(wirePackets(*wire, Direction::Out, 6) >= 1); // B's RST
        QVERIFY(wirePackets(*wire, Direction::Out, 1) >= 1); // B's ICMP port unreachable
        QVERIFY(run.script.actor("TCP")->reached(SessionState::Failed));
        QVERIFY(run.script.actor("UDP")->hadError(ECONNREFUSED));
    }

    void synRetries() {
        EngineHarness h;
        const LabExperiment& e = experiment("syn-retries");
        QElapsedTimer timer;
        timer.start();
        auto run = runLabScript(h, e.steps(), e.timeout_ms);
        QVERIFY2(run.done, run.failure.c_str());
        const LabClaim claim = claimOn(h, run, e);
        qInfo("%s", claim.text.c_str());
        QVERIFY2(claim.holds, claim.text.c_str());
        auto wire = h.engine.store(run.script.wire());
        // Only SYNs went from A to B, at least 1 + TCP_SYNCNT 3 of them, all dropped; connect()
        // gave up once 15 s (2^4 - 1) had passed since the first.
        const auto syns = wirePackets(*wire, Direction::In, 6);
        QVERIFY(syns >= 4);
        QCOMPARE(wirePackets(*wire, Direction::In, 6, RecordFlag::WireDropped), syns);
        QVERIFY(timer.elapsed() >= 14'000);
        QVERIFY(run.script.actor("A")->hadError(ETIMEDOUT));
    }
};

QTEST_MAIN(TestLabExperiments)
#include "test_lab_experiments.moc"
