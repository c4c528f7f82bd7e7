// The replay player without sockets (core/play/replay_player): scripts built from an imported
// store for either side, the pacing (recorded gaps kept from our previous step and from the
// peer's bytes a step came after; scaled, as fast as possible), waits for a silent peer that
// time out (going on or stopping), the comparison of the live answer with the recording (TCP
// stream and UDP datagrams, with hex context), the server side's first connection / sender, and
// the parsers of speed, side and address. Time is passed in; the "live" store is filled by hand
// the way the engine fills a session's store.
#include "core/capture/record_text.h"
#include "core/play/replay_player.h"
#include "core/support/bytes.h"

#include <QTest>
#include <sys/socket.h>

using namespace socklab;
using namespace socklab::test;

namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kT0 = 1'700'000'000'000'000'000;
constexpr SessionId kSession = 7;

/// A recorded TCP conversation as the import makes it (client's view, times in ms after kT0):
/// 0 Connected, 100 > "GET /", 300 < "OK 12", 500 > "BYE", 600 client FIN, 610 server FIN.
void fillTcp(TrafficStore& s) {
    const auto at = [](std::int64_t ms) { return kT0 + ms * kMs; };
    s.appendEvent(0, RecordKind::Connecting, "SYN", 0, nullptr, 0, at(-1), at(-1));
    s.appendEvent(0, RecordKind::Connected, "SYN-ACK", 0, nullptr, 0, at(0), at(0));
    s.appendData(0, Direction::Out, asBytes("GET /"), nullptr, 0, 0, at(100), at(100));
    s.appendData(0, Direction::In, asBytes("OK 12"), nullptr, 0, 0, at(300), at(300));
    s.appendData(0, Direction::Out, asBytes("BYE"), nullptr, 0, 0, at(500), at(500));
    s.appendEvent(0, RecordKind::HalfClosed, "FIN from the client", 0, nullptr, 0, at(600),
                  at(600));
    s.appendEvent(0, RecordKind::PeerClosed, "FIN from the server", 0, nullptr, 0, at(610),
                  at(610));
}

CaptureConversation tcpConversation() {
    CaptureConversation c;
    c.index = 1;
    c.protocol = CaptureProtocol::Tcp;
    c.client = *Endpoint::parse("192.0.2.1:40000");
    c.server = *Endpoint::parse("192.0.2.2:7000");
    return c;
}

ReplayScript script(const TrafficStore& s, ReplaySide side,
                    CaptureConversation c = tcpConversation()) {
    auto r = buildReplayScript(s, c, side);
    if (!r) {
        qWarning("%s", r.error().message().c_str());
        return {};
    }
    return *r;
}

QByteArray sendBytes(const Command& c) {
    const auto* d = std::get_if<SendData>(&c);
    return d ? toQt(d->bytes) : QByteArray("(not a send)");
}

/// The sends among commands, as text.
QByteArrayList sends(const std::vector<Command>& cs) {
    QByteArrayList out;
    for (const Command& c : cs) {
        if (std::holds_alternative<SendData>(c)) {
            out << sendBytes(c);
        }
    }
    return out;
}

/// What the engine would record for commands posted: the sends as Out records.
void engineSends(TrafficStore& live, const std::vector<Command>& cs, ConnectionId conn = 0) {
    for (const Command& c : cs) {
        if (const auto* d = std::get_if<SendData>(&c)) {
            live.appendData(conn, Direction::Out, d->bytes);
        }
    }
}

/// The script of `side` of the conversation fillTcp records.
ReplayScript tcpScript(ReplaySide side) {
    TrafficStore rec;
    fillTcp(rec);
    return script(rec, side);
}

/// Options that play the recording as fast as possible.
ReplayOptions asap() {
    ReplayOptions o;
    o.timing = {ReplayTiming::Mode::Asap, 1};
    return o;
}

template <class T> bool has(const std::vector<Command>& cs) {
    return std::any_of(cs.begin(), cs.end(),
                       [](const Command& c) { return std::holds_alternative<T>(c); });
}

} // namespace

class TestReplayPlayer : public QObject {
    Q_OBJECT

private slots:
    void parsesSpeedSideAndAddress() {
        QCOMPARE(parseReplayTiming("x2")->mode, ReplayTiming::Mode::Scaled);
        QCOMPARE(parseReplayTiming("x2")->factor, 2.0);
        QCOMPARE(parseReplayTiming("0.5")->factor, 0.5);
        QCOMPARE(parseReplayTiming("4x")->factor, 4.0);
        QCOMPARE(parseReplayTiming("x1")->mode, ReplayTiming::Mode::Original);
        QCOMPARE(parseReplayTiming("asap")->mode, ReplayTiming::Mode::Asap);
        QCOMPARE(parseReplayTiming("original")->mode, ReplayTiming::Mode::Original);
        const auto zero = parseReplayTiming("x0");
        QVERIFY(!zero);
        QCOMPARE(QString::fromStdString(zero.error().message()),
                 QStringLiteral("parse speed \"x0\": the factor must be between 0.01 and 1000 "
                                "(2 = twice as fast)"));
        QVERIFY(!parseReplayTiming("fast"));
        QVERIFY(!parseReplayTiming("x"));
        QVERIFY(!parseReplayTiming("xnan"));
        QVERIFY(!parseReplayFactor("2000"));
        QCOMPARE(replayTimingText(*parseReplayTiming("x0.5")), std::string("x0.5"));
        QCOMPARE(replayTimingText(ReplayTiming{ReplayTiming::Mode::Asap, 1}),
                 std::string("as fast as possible"));
        QCOMPARE(ReplayTiming({ReplayTiming::Mode::Scaled, 2}).scale(100 * kMs), 50 * kMs);
        QCOMPARE(ReplayTiming({ReplayTiming::Mode::Scaled, 0.5}).scale(100 * kMs), 200 * kMs);
        QCOMPARE(ReplayTiming({ReplayTiming::Mode::Asap, 1}).scale(100 * kMs), 0);
        QCOMPARE(ReplayTiming{}.scale(-5), 0);

        QCOMPARE(*parseReplaySide("server"), ReplaySide::Server);
        QVERIFY(!parseReplaySide("both"));

        const CaptureConversation c = tcpConversation();
        auto client = replayOpenRequest(c, ReplaySide::Client, "127.0.0.1:7000");
        QVERIFY(client);
        QCOMPARE(client->role, Role::Connect);
        QCOMPARE(client->remote, std::string("127.0.0.1:7000"));
        QCOMPARE(client->spec.type, SOCK_STREAM);
        auto server = replayOpenRequest(c, ReplaySide::Server, "[::1]:0");
        QVERIFY(server);
        QCOMPARE(server->role, Role::Listen);
        QCOMPARE(server->spec.family, AF_INET6);
        QCOMPARE(server->local, std::string("[::1]:0"));
        CaptureConversation udp = c;
        udp.protocol = CaptureProtocol::Udp;
        QCOMPARE(replayOpenRequest(udp, ReplaySide::Server, "127.0.0.1:5000")->role, Role::Bind);
        QCOMPARE(replayOpenRequest(udp, ReplaySide::Client, "127.0.0.1:5000")->spec.type,
                 SOCK_DGRAM);
        for (const char* bad : {"127.0.0.1", "127.0.0.1:0", ":7000", "127.0.0.1:99999", ""}) {
            const auto r = replayOpenRequest(c, ReplaySide::Client, bad);
            QVERIFY2(!r, bad);
            QVERIFY2(r.error().op == "replay", r.error().message().c_str());
        }
    }

    void scriptOfEachSide() {
        const ReplayScript client = tcpScript(ReplaySide::Client);
        QCOMPARE(client.steps.size(), std::size_t(3));
        QCOMPARE(toQt(client.steps[0].bytes), QByteArray("GET /"));
        QCOMPARE(client.steps[0].atNs, 100 * kMs);
        QCOMPARE(client.steps[0].peerBefore, 0u);
        QCOMPARE(toQt(client.steps[1].bytes), QByteArray("BYE"));
        QCOMPARE(client.steps[1].peerBefore, 5u);
        QCOMPARE(client.steps[1].peerAtNs, 300 * kMs);
        QCOMPARE(client.steps[2].kind, ReplayStep::Kind::Shutdown);
        QCOMPARE(toQt(client.peerStream), QByteArray("OK 12"));
        QVERIFY(client.peerCloses);
        QCOMPARE(client.ownBytes, 8u);
        QCOMPARE(client.durationNs, 610 * kMs);

        const ReplayScript server = tcpScript(ReplaySide::Server);
        QCOMPARE(server.steps.size(), std::size_t(2));
        QCOMPARE(toQt(server.steps[0].bytes), QByteArray("OK 12"));
        QCOMPARE(server.steps[0].peerBefore, 5u);
        QCOMPARE(server.steps[0].peerAtNs, 100 * kMs);
        QCOMPARE(server.steps[1].kind, ReplayStep::Kind::Shutdown);
        QCOMPARE(server.steps[1].peerBefore, 8u);
        QVERIFY(server.steps[1].peerFinBefore); // the server's FIN came after the client's
        QCOMPARE(toQt(server.peerStream), QByteArray("GET /BYE"));

        TrafficStore empty;
        const auto none = buildReplayScript(empty, tcpConversation(), ReplaySide::Client);
        QVERIFY(!none);
        QCOMPARE(QString::fromStdString(none.error().message()),
                 QStringLiteral("replay conversation 1: the conversation has no records"));
    }

    void originalTimingKeepsGapsAndCausality() {
        ReplayPlayer p(kSession, tcpScript(ReplaySide::Client), {});
        TrafficStore live;
        const std::int64_t t0 = 1000 * kMs;
        QVERIFY(p.start(t0).empty());
        QCOMPARE(p.state(), ReplayState::Playing);
        QCOMPARE(*p.deadlineNs(), t0 + 100 * kMs); // the recorded gap after Connected
        QVERIFY(p.onTimer(t0 + 99 * kMs).empty());
        auto out = p.onTimer(t0 + 100 * kMs);
        QCOMPARE(sends(out), QByteArrayList{"GET /"});
        QCOMPARE(std::get<SendData>(out[0]).session, kSession);
        engineSends(live, out);
        QVERIFY(p.onRecords(live, t0 + 101 * kMs).empty());
        // "BYE" came after the server's 5 bytes: it waits for them (give up 5 s after the
        // recording expected them, at 300 ms).
        QCOMPARE(*p.deadlineNs(), t0 + 300 * kMs + 5000 * kMs);
        QVERIFY2(p.progressText().find("waiting for the server (0 of 5 bytes)") !=
                     std::string::npos,
                 p.progressText().c_str());
        // The live server answers faster than recorded (at 150 ms, in two reads): "BYE" is
        // due at the later of its gaps: 400 ms after "GET /" (500) and 200 ms after the
        // answer (350).
        live.appendData(0, Direction::In, asBytes("OK"));
        QVERIFY(p.onRecords(live, t0 + 140 * kMs).empty());
        QCOMPARE(*p.deadlineNs(), t0 + 300 * kMs + 5000 * kMs); // 2 of 5 bytes
        live.appendData(0, Direction::In, asBytes(" 12"));
        QVERIFY(p.onRecords(live, t0 + 150 * kMs).empty());
        QCOMPARE(*p.deadlineNs(), t0 + 500 * kMs);
        out = p.onTimer(t0 + 500 * kMs);
        QCOMPARE(sends(out), QByteArrayList{"BYE"});
        engineSends(live, out);
        // Our FIN 100 ms later.
        QCOMPARE(*p.deadlineNs(), t0 + 600 * kMs);
        out = p.onTimer(t0 + 600 * kMs);
        QCOMPARE(out.size(), std::size_t(1));
        QVERIFY(std::holds_alternative<ShutdownWrite>(out[0]));
        QCOMPARE(p.state(), ReplayState::Finishing);
        // Waiting for the server's FIN, as recorded.
        QVERIFY(!p.done());
        live.appendEvent(0, RecordKind::HalfClosed, "shutdown(SHUT_WR): sent FIN");
        live.appendEvent(0, RecordKind::PeerClosed, "peer sent FIN");
        out = p.onRecords(live, t0 + 620 * kMs);
        QVERIFY(p.done());
        QVERIFY(has<CloseSocket>(out));
        const ReplayComparison c = p.comparison();
        QVERIFY(c.identical);
        QVERIFY(c.completed);
        QVERIFY(c.peerClosed && c.peerClosedRecorded);
        QCOMPARE(c.received.liveBytes, 5u);
        QCOMPARE(c.received.liveMessages, 2u);
        QCOMPARE(c.received.recordedMessages, 1u);
        QCOMPARE(c.sent.liveBytes, 8u);
        QCOMPARE(c.liveNs, 620 * kMs);
        QCOMPARE(c.recordedNs, 610 * kMs);
        QCOMPARE(replaySummary(c), std::string("identical (5 of 5 bytes)"));
        const auto lines = replayReportLines(c, ReplaySide::Client);
        QCOMPARE(lines.front(), std::string("identical: the server answered 5 bytes in 2 messages, "
                                            "as recorded (5 bytes in 1 message)"));
        QVERIFY(p.notes().empty());
    }

    void scaledAndAsap() {
        for (const auto& [timing, gap] :
             {std::pair{ReplayTiming{ReplayTiming::Mode::Scaled, 2.0}, 50 * kMs},
              std::pair{ReplayTiming{ReplayTiming::Mode::Scaled, 0.5}, 200 * kMs},
              std::pair{ReplayTiming{ReplayTiming::Mode::Asap, 1.0}, std::int64_t(0)}}) {
            ReplayOptions o;
            o.timing = timing;
            ReplayPlayer p(kSession, tcpScript(ReplaySide::Client), o);
            TrafficStore live;
            auto out = p.start(0);
            if (gap == 0) {
                QCOMPARE(sends(out), QByteArrayList{"GET /"}); // at once
            } else {
                QCOMPARE(*p.deadlineNs(), gap);
                out = p.onTimer(gap);
            }
            engineSends(live, out);
            // Asap still waits for the server's answer before "BYE".
            QVERIFY(p.onRecords(live, gap).empty());
            live.appendData(0, Direction::In, asBytes("OK 12"));
            out = p.onRecords(live, gap + 10 * kMs);
            // BYE: the later of 400 ms scaled after GET and 200 ms scaled after the answer.
            const std::int64_t due =
                std::max(gap + timing.scale(400 * kMs), gap + 10 * kMs + timing.scale(200 * kMs));
            if (gap == 0) {
                QCOMPARE(sends(out), QByteArrayList{"BYE"});
            } else {
                QCOMPARE(*p.deadlineNs(), due);
                QVERIFY(sends(p.onTimer(due)) == QByteArrayList{"BYE"});
            }
        }
    }

    void silentPeerTimesOut() {
        ReplayOptions o = asap();
        o.waitTimeoutNs = 1000 * kMs;
        ReplayPlayer p(kSession, tcpScript(ReplaySide::Client), o);
        TrafficStore live;
        engineSends(live, p.start(0));
        QVERIFY(p.onRecords(live, 1 * kMs).empty());
        QCOMPARE(*p.deadlineNs(), 1000 * kMs);
        auto out = p.onTimer(1000 * kMs);
        QCOMPARE(sends(out), QByteArrayList{"BYE"}); // going on
        QVERIFY(has<ShutdownWrite>(out));            // not waiting for the same bytes again
        QCOMPARE(p.notes().size(), std::size_t(1));
        QCOMPARE(p.notes()[0], std::string("step 2: waited 1000 ms for the server's 5 bytes (got "
                                           "0): going on"));
        engineSends(live, out);
        QVERIFY(p.onRecords(live, 1001 * kMs).empty());
        QCOMPARE(p.state(), ReplayState::Finishing);
        // The rest of the answer never comes either.
        QCOMPARE(*p.deadlineNs(), 2000 * kMs);
        out = p.onTimer(2000 * kMs);
        QVERIFY(p.done());
        QVERIFY(has<CloseSocket>(out));
        const ReplayComparison c = p.comparison();
        QVERIFY(!c.identical);
        QVERIFY(c.completed);
        QCOMPARE(c.timeouts, 2u);
        QCOMPARE(c.differsAt.value_or(99), 0u);
        QCOMPARE(c.liveContext, std::string("|"));
        QCOMPARE(c.recordedContext, std::string("| 4f 4b 20 31 32"));
        QCOMPARE(replaySummary(c), std::string("differs at byte 0 (0 bytes, recorded 5)"));

        // Stop on timeout: no more steps.
        o.stopOnTimeout = true;
        ReplayPlayer q(kSession, tcpScript(ReplaySide::Client), o);
        (void)q.start(0);
        out = q.onTimer(1000 * kMs);
        QVERIFY(sends(out).isEmpty());
        QVERIFY(has<CloseSocket>(out));
        QVERIFY(q.done());
        QVERIFY(!q.comparison().completed);
        QCOMPARE(q.stepsDone(), std::size_t(1));
    }

    void differingAnswerHasHexContext() {
        ReplayOptions o = asap();
        ReplayPlayer p(kSession, tcpScript(ReplaySide::Client), o);
        TrafficStore live;
        engineSends(live, p.start(0));
        live.appendData(0, Direction::In, asBytes("OK"));
        live.appendData(0, Direction::In, asBytes(" 13 and more"));
        auto out = p.onRecords(live, 1 * kMs);
        engineSends(live, out);
        live.appendEvent(0, RecordKind::PeerClosed, "peer sent FIN");
        live.appendEvent(0, RecordKind::Closed, "closed");
        out = p.onRecords(live, 2 * kMs);
        QVERIFY(p.done());
        const ReplayComparison c = p.comparison();
        QVERIFY(!c.identical);
        QCOMPARE(c.differsAt.value_or(99), 4u);
        QCOMPARE(c.recordedContext, std::string("4f 4b 20 31 | 32"));
        QCOMPARE(c.liveContext, std::string("4f 4b 20 31 | 33 20 61 6e 64 20 6d 6f 72 65"));
        const auto lines = replayReportLines(c, ReplaySide::Client);
        QCOMPARE(lines[1], std::string("first difference at byte 4 of the server's stream"));
        QCOMPARE(lines[2], std::string("  recorded: 4f 4b 20 31 | 32"));
    }

    void peerResetEndsEarly() {
        ReplayPlayer p(kSession, tcpScript(ReplaySide::Client), {});
        TrafficStore live;
        (void)p.start(0);
        engineSends(live, p.onTimer(100 * kMs));
        live.appendEvent(0, RecordKind::Reset, "recv: Connection reset by peer", ECONNRESET,
                         nullptr, RecordFlag::Remote);
        auto out = p.onRecords(live, 120 * kMs);
        QVERIFY(p.done());
        QVERIFY(!p.comparison().completed);
        QVERIFY(p.comparison().peerClosed);
        QCOMPARE(p.notes().back(), std::string("the connection ended before step 2 of 3"));
        p.socketGone("the socket closed", 121 * kMs);
        QCOMPARE(p.notes().size(), std::size_t(2)); // socketGone after the end adds nothing
        (void)out;
    }

    void serverSideWaitsForTheFirstClient() {
        ReplayOptions o;
        o.timing = {ReplayTiming::Mode::Scaled, 10};
        ReplayPlayer p(kSession, tcpScript(ReplaySide::Server), o);
        TrafficStore live;
        QVERIFY(p.start(0).empty());
        QCOMPARE(p.state(), ReplayState::WaitingForPeer);
        QVERIFY(!p.deadlineNs()); // a server waits for as long as it takes
        live.appendEvent(0, RecordKind::Listening, "listening");
        const Endpoint client = *Endpoint::parse("127.0.0.1:40000");
        live.appendEvent(3, RecordKind::Accepted, "accepted", 0, &client);
        QVERIFY(p.onRecords(live, 50 * kMs).empty());
        QCOMPARE(p.state(), ReplayState::Playing);
        live.appendData(3, Direction::In, asBytes("GET /"));
        QVERIFY(p.onRecords(live, 60 * kMs).empty());
        // "OK 12" 200 ms / 10 after the request.
        QCOMPARE(*p.deadlineNs(), 80 * kMs);
        auto out = p.onTimer(80 * kMs);
        QCOMPARE(sends(out), QByteArrayList{"OK 12"});
        QCOMPARE(std::get<SendData>(out[0]).connection, ConnectionId(3));
        engineSends(live, out, 3);
        // A second client is closed.
        live.appendEvent(4, RecordKind::Accepted, "accepted", 0, &client);
        out = p.onRecords(live, 81 * kMs);
        QCOMPARE(out.size(), std::size_t(1));
        QCOMPARE(std::get<CloseSocket>(out[0]).connection, ConnectionId(4));
        // Our FIN waits for "BYE" and the client's FIN.
        live.appendData(3, Direction::In, asBytes("BYE"));
        QVERIFY(p.onRecords(live, 90 * kMs).empty());
        QVERIFY(p.progressText().find("waiting for the client") != std::string::npos);
        live.appendEvent(3, RecordKind::PeerClosed, "peer sent FIN");
        QVERIFY(p.onRecords(live, 100 * kMs).empty());
        // 310 ms / 10 after our answer (10 ms / 10 after the client's FIN is earlier).
        QCOMPARE(*p.deadlineNs(), 111 * kMs);
        out = p.onTimer(111 * kMs);
        QCOMPARE(std::get<ShutdownWrite>(out.at(0)).connection, ConnectionId(3));
        QVERIFY(p.done());
        QVERIFY(has<CloseSocket>(out)); // the listener
        const ReplayComparison c = p.comparison();
        QVERIFY2(c.identical, replaySummary(c).c_str());
        QCOMPARE(c.received.liveBytes, 8u);
    }

    void udpDatagramsBothSides() {
        const auto at = [](std::int64_t ms) { return kT0 + ms * kMs; };
        const Endpoint server = *Endpoint::parse("192.0.2.2:53");
        TrafficStore rec;
        rec.appendData(0, Direction::Out, asBytes("q1"), &server, 0, 0, at(0), at(0));
        rec.appendData(0, Direction::In, asBytes("a1"), &server, 0, 0, at(10), at(10));
        rec.appendData(0, Direction::Out, asBytes("q2"), &server, 0, 0, at(20), at(20));
        rec.appendData(0, Direction::In, asBytes("a2!"), &server, 0, 0, at(30), at(30));
        CaptureConversation conv = tcpConversation();
        conv.protocol = CaptureProtocol::Udp;

        // Client: datagrams to the connected peer; the answer's second datagram differs.
        ReplayOptions o = asap();
        ReplayPlayer p(kSession, script(rec, ReplaySide::Client, conv), o);
        TrafficStore live;
        auto out = p.start(0);
        QCOMPARE(sends(out), QByteArrayList{"q1"});
        QCOMPARE(std::get<SendData>(out[0]).destination, std::string());
        engineSends(live, out);
        live.appendData(0, Direction::In, asBytes("a1"), &server);
        out = p.onRecords(live, 1 * kMs);
        QCOMPARE(sends(out), QByteArrayList{"q2"});
        engineSends(live, out);
        live.appendData(0, Direction::In, asBytes("a2?"), &server);
        out = p.onRecords(live, 2 * kMs);
        // No close in the recording: done after a quiet moment (no third datagram).
        QVERIFY(!p.done());
        out = p.onTimer(2 * kMs + kReplayQuietNs);
        QVERIFY(p.done());
        const ReplayComparison c = p.comparison();
        QVERIFY(!c.identical);
        QCOMPARE(c.datagram, 2u);
        QCOMPARE(c.differsAt.value_or(99), 2u);
        QCOMPARE(c.liveContext, std::string("61 32 | 3f"));
        QCOMPARE(replaySummary(c),
                 std::string("differs in datagram 2 at byte 2 (2 datagrams, recorded 2)"));

        // Server: answers the first sender; others are ignored.
        ReplayPlayer s(kSession, script(rec, ReplaySide::Server, conv), o);
        TrafficStore bound;
        QVERIFY(s.start(0).empty());
        const Endpoint a = *Endpoint::parse("127.0.0.1:6001");
        const Endpoint b = *Endpoint::parse("127.0.0.1:6002");
        bound.appendData(0, Direction::In, asBytes("q1"), &a);
        bound.appendData(0, Direction::In, asBytes("noise"), &b);
        out = s.onRecords(bound, 1 * kMs);
        QCOMPARE(sends(out), QByteArrayList{"a1"});
        QCOMPARE(std::get<SendData>(out[0]).destination, std::string("127.0.0.1:6001"));
        engineSends(bound, out);
        bound.appendData(0, Direction::In, asBytes("q2"), &a);
        out = s.onRecords(bound, 2 * kMs);
        QCOMPARE(sends(out), QByteArrayList{"a2!"});
        engineSends(bound, out);
        out = s.onRecords(bound, 3 * kMs);
        QVERIFY(!s.done());
        out = s.onTimer(3 * kMs + kReplayQuietNs);
        QVERIFY(s.done());
        QVERIFY2(s.comparison().identical, replaySummary(s.comparison()).c_str());
        QCOMPARE(s.notes().size(), std::size_t(1));
        QVERIFY(s.notes()[0].starts_with("datagrams from 127.0.0.1:6002 are ignored"));
    }

    // A connect refused before the peer was there: the replay failed with that error (not "differs
    // at byte 0"). An error followed by a connect (the next address) is no failure.
    void failedSocketIsTheError() {
        const std::string refused = "connect 127.0.0.1:9: Connection refused (ECONNREFUSED)";
        ReplayPlayer p(kSession, tcpScript(ReplaySide::Client), {});
        TrafficStore live;
        live.appendEvent(0, RecordKind::Connecting, "connecting to 127.0.0.1:9");
        live.appendEvent(0, RecordKind::Error, refused, ECONNREFUSED);
        QVERIFY(p.onRecords(live, 1 * kMs).empty());
        p.socketGone("the socket failed", 2 * kMs);
        QVERIFY(p.done());
        const ReplayComparison c = p.comparison();
        QVERIFY(c.networkError);
        QVERIFY(!c.started);
        QVERIFY(!c.completed);
        QCOMPARE(c.error, refused);
        QCOMPARE(replaySummary(c), "failed: " + refused);
        QCOMPARE(replayReportLines(c, ReplaySide::Client),
                 std::vector<std::string>{"failed: " + refused + ": nothing was replayed"});
        QCOMPARE(p.notes().front(), refused);

        // The server side: the address in use.
        ReplayPlayer s(kSession, tcpScript(ReplaySide::Server), {});
        TrafficStore bound;
        const std::string inUse = "listen 127.0.0.1:7000: Address already in use (EADDRINUSE)";
        bound.appendEvent(0, RecordKind::Error, inUse, EADDRINUSE);
        QVERIFY(s.onRecords(bound, 1 * kMs).empty());
        s.socketGone("the socket failed", 1 * kMs);
        QCOMPARE(s.comparison().error, inUse);
        QVERIFY(s.comparison().networkError);

        // ::1 refused, 127.0.0.1 connected: no error.
        ReplayPlayer q(kSession, tcpScript(ReplaySide::Client), asap());
        TrafficStore second;
        second.appendEvent(0, RecordKind::Error, "connect [::1]:9: Connection refused",
                           ECONNREFUSED);
        QVERIFY(q.onRecords(second, 1 * kMs).empty());
        (void)q.start(2 * kMs);
        QVERIFY(q.comparison().error.empty());
        QVERIFY(!q.comparison().networkError);
    }

    // The recording has the server staying open after its answer: the player waits for a quiet
    // moment and reads bytes the live server sends beyond the recording (a difference).
    void bytesBeyondARecordingWithoutClose() {
        const auto at = [](std::int64_t ms) { return kT0 + ms * kMs; };
        TrafficStore rec;
        rec.appendEvent(0, RecordKind::Connected, "SYN-ACK", 0, nullptr, 0, at(0), at(0));
        rec.appendData(0, Direction::Out, asBytes("GET"), nullptr, 0, 0, at(10), at(10));
        rec.appendData(0, Direction::In, asBytes("OK"), nullptr, 0, 0, at(20), at(20));
        ReplayOptions o = asap();
        o.waitTimeoutNs = 2000 * kMs;
        for (const bool more : {false, true}) {
            ReplayPlayer p(kSession, script(rec, ReplaySide::Client), o);
            TrafficStore live;
            engineSends(live, p.start(0));
            QVERIFY(p.onRecords(live, 1 * kMs).empty());
            live.appendData(0, Direction::In, asBytes("OK"));
            QVERIFY(p.onRecords(live, 10 * kMs).empty());
            QCOMPARE(p.state(), ReplayState::Finishing);
            QVERIFY(!p.done()); // every recorded byte is there, but more may come
            QCOMPARE(*p.deadlineNs(), 10 * kMs + kReplayQuietNs);
            if (more) {
                live.appendData(0, Direction::In, asBytes("MORE\n"));
                const auto out = p.onRecords(live, 60 * kMs);
                QVERIFY(p.done());
                QVERIFY(has<CloseSocket>(out));
                const ReplayComparison c = p.comparison();
                QVERIFY(!c.identical);
                QCOMPARE(c.extra, 5u);
                QCOMPARE(replaySummary(c), std::string("differs: 5 bytes more than recorded (7 "
                                                       "bytes, recorded 2)"));
                const auto lines = replayReportLines(c, ReplaySide::Client);
                QVERIFY(std::find(lines.begin(), lines.end(),
                                  "the server sent 5 bytes more than recorded") != lines.end());
            } else {
                QVERIFY(p.onTimer(10 * kMs + kReplayQuietNs - 1).empty());
                QVERIFY(has<CloseSocket>(p.onTimer(10 * kMs + kReplayQuietNs)));
                QVERIFY(p.done());
                QVERIFY2(p.comparison().identical, replaySummary(p.comparison()).c_str());
            }
        }
    }

    // A hole in the server's recorded stream (the import's gap note): the live server sends
    // those bytes; the pacing counts them and the comparison skips them.
    void gapsInThePeersStreamAreSkipped() {
        const auto at = [](std::int64_t ms) { return kT0 + ms * kMs; };
        TrafficStore rec;
        rec.appendEvent(0, RecordKind::Connected, "SYN-ACK", 0, nullptr, 0, at(0), at(0));
        rec.appendData(0, Direction::Out, asBytes("hello\n"), nullptr, 0, 0, at(10), at(10));
        rec.appendData(0, Direction::In, asBytes("world\n"), nullptr, 0, 0, at(20), at(20));
        rec.appendEvent(0, RecordKind::Info,
                        streamGapText(Direction::In, "5 bytes missing at seq 7 (not captured)"), 0,
                        nullptr, 0, at(30), at(30));
        rec.appendData(0, Direction::In, asBytes("tail"), nullptr, 0, 0, at(30), at(30));
        rec.appendData(0, Direction::Out, asBytes("bye"), nullptr, 0, 0, at(40), at(40));
        rec.appendEvent(0, RecordKind::PeerClosed, "FIN from the server", 0, nullptr, 0, at(50),
                        at(50));
        const ReplayScript sc = script(rec, ReplaySide::Client);
        QCOMPARE(sc.peerGaps.size(), std::size_t(1));
        QCOMPARE(sc.peerGaps[0].offset, 6u);
        QCOMPARE(sc.peerGaps[0].length, 5u);
        QCOMPARE(sc.steps.at(1).peerBefore, 15u); // "world\n", the 5 missing bytes, "tail"
        // The client's own gaps are not the peer's.
        QVERIFY(script(rec, ReplaySide::Server).peerGaps.empty());

        ReplayPlayer p(kSession, sc, asap());
        TrafficStore live;
        engineSends(live, p.start(0));
        live.appendData(0, Direction::In, asBytes("world\nXXX"));
        auto out = p.onRecords(live, 1 * kMs);
        QVERIFY(sends(out).isEmpty()); // 9 of 15 bytes
        live.appendData(0, Direction::In, asBytes("XXtail"));
        out = p.onRecords(live, 2 * kMs);
        QCOMPARE(sends(out), QByteArrayList{"bye"});
        engineSends(live, out);
        live.appendEvent(0, RecordKind::PeerClosed, "peer sent FIN");
        (void)p.onRecords(live, 3 * kMs);
        QVERIFY(p.done());
        const ReplayComparison c = p.comparison();
        QVERIFY2(c.identical, replaySummary(c).c_str());
        QCOMPARE(c.received.recordedBytes, 15u);

        // A difference after the gap is placed in the live stream, context from the recording.
        ReplayPlayer q(kSession, sc, asap());
        TrafficStore live2;
        engineSends(live2, q.start(0));
        live2.appendData(0, Direction::In, asBytes("world\nXXXXXtaiL"));
        (void)q.onRecords(live2, 1 * kMs);
        const ReplayComparison d = q.comparison();
        QCOMPARE(d.differsAt.value_or(99), 14u);
        QCOMPARE(d.recordedContext, std::string("6f 72 6c 64 0a 74 61 69 | 6c"));
    }

    // The recording has the server closing with FIN; live it resets: a difference.
    void resetWhereTheRecordingHasAFin() {
        ReplayPlayer p(kSession, tcpScript(ReplaySide::Client), asap());
        TrafficStore live;
        engineSends(live, p.start(0));
        live.appendData(0, Direction::In, asBytes("OK 12"));
        auto out = p.onRecords(live, 1 * kMs);
        engineSends(live, out);
        QCOMPARE(p.state(), ReplayState::Finishing);
        live.appendEvent(0, RecordKind::Reset, "recv: Connection reset by peer", ECONNRESET,
                         nullptr, RecordFlag::Remote);
        (void)p.onRecords(live, 2 * kMs);
        QVERIFY(p.done());
        const ReplayComparison c = p.comparison();
        QVERIFY(c.completed);
        QVERIFY(c.closeDiffers);
        QVERIFY(!c.identical);
        QCOMPARE(replaySummary(c),
                 std::string("differs: the peer reset the connection (recorded: FIN)"));
        const auto lines = replayReportLines(c, ReplaySide::Client);
        QVERIFY(std::find(lines.begin(), lines.end(),
                          "the server reset the connection (the recording has it closing with "
                          "FIN)") != lines.end());
        QVERIFY(std::find(lines.begin(), lines.end(), "the server closed, as recorded") ==
                lines.end());
    }

    void stopByTheUser() {
        ReplayPlayer p(kSession, tcpScript(ReplaySide::Client), {});
        (void)p.start(0);
        const auto out = p.stop(10 * kMs);
        QVERIFY(has<CloseSocket>(out));
        QVERIFY(p.done());
        QVERIFY(!p.comparison().completed);
        QCOMPARE(p.notes().back(), std::string("stopped by the user at step 1 of 3"));
        QVERIFY(p.stop(11 * kMs).empty());
    }
};

QTEST_MAIN(TestReplayPlayer)

#include "test_replay_player.moc"
