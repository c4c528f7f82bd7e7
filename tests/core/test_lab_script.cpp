// LabScript, the step runner of the lab's scripted experiments, as a pure state machine: fed
// made-up engine events and times, it opens sessions (placed in the script's wire), posts
// commands on the right session and connection, waits for states, accepted connections,
// errors, bytes and time, and fails with the step's name when a wait times out or a socket
// fails.
#include "core/lab/lab_script.h"

#include <QTest>
#include <cerrno>

using namespace socklab;

namespace {

constexpr std::int64_t kMs = 1'000'000;

EngineEvent state(SessionId s, ConnectionId c, SessionState st, std::string local = {}) {
    EngineEvent e;
    e.kind = EngineEvent::Kind::StateChanged;
    e.session = s;
    e.connection = c;
    e.state = st;
    e.local = std::move(local);
    return e;
}

EngineEvent accepted(SessionId s, ConnectionId c) {
    EngineEvent e;
    e.kind = EngineEvent::Kind::Accepted;
    e.session = s;
    e.connection = c;
    e.peer = "192.0.2.1:40000";
    return e;
}

EngineEvent error(SessionId s, int err) {
    EngineEvent e;
    e.kind = EngineEvent::Kind::Error;
    e.session = s;
    e.error = sysError(err, "connect", "192.0.2.2:7000");
    return e;
}

OpenSession tcp(Role role) {
    OpenSession r;
    r.spec = {2, 1, 0};
    r.role = role;
    return r;
}

std::vector<LabScriptAction> only(std::vector<LabScriptAction> actions, LabScriptAction::Kind k) {
    std::erase_if(actions, [k](const LabScriptAction& a) { return a.kind != k; });
    return actions;
}

const LabBytesProbe kNoBytes = [](SessionId, ConnectionId) { return std::uint64_t(0); };

} // namespace

class TestLabScript : public QObject {
    Q_OBJECT

private slots:
    void opensInTheWireAndPostsOnTheAcceptedConnection() {
        LabScript script({
            LabStep::openWire("wire", {}),
            LabStep::awaitState("wire", SessionState::Connected),
            LabStep::open("listener", LabHost::B, tcp(Role::Listen)),
            LabStep::open("A", LabHost::A, tcp(Role::Connect)),
            LabStep::awaitAccept("listener", "B"),
            LabStep::send("B", "hi"),
            LabStep::close("A", true),
        });
        auto actions = script.start();
        auto opens = only(actions, LabScriptAction::Kind::Open);
        QCOMPARE(opens.size(), std::size_t(1));
        QCOMPARE(opens[0].request.role, Role::Wire);
        QCOMPARE(only(actions, LabScriptAction::Kind::Step).size(), std::size_t(1));
        script.opened("wire", 10);
        QCOMPARE(script.wire(), SessionId(10));
        QVERIFY(script.onEvent(state(10, 0, SessionState::Connecting)).size() <= 1);
        actions = script.onEvent(state(10, 0, SessionState::Connected));
        opens = only(actions, LabScriptAction::Kind::Open);
        QCOMPARE(opens.size(), std::size_t(1));
        QCOMPARE(opens[0].actor, std::string("listener"));
        QCOMPARE(opens[0].request.placement, (LabPlacement{10, LabHost::B}));
        script.opened("listener", 11);
        // The child's events come before anyone waits for them.
        QVERIFY(script.onEvent(state(11, 0, SessionState::Listening)).size() >= 1);
        script.opened("A", 12);
        actions = script.onEvent(accepted(11, 3));
        const auto posts = only(actions, LabScriptAction::Kind::Post);
        QCOMPARE(posts.size(), std::size_t(2));
        const auto& send = std::get<SendData>(posts[0].command);
        QCOMPARE(send.session, SessionId(11));
        QCOMPARE(send.connection, ConnectionId(3));
        QCOMPARE(send.bytes.size(), std::size_t(2));
        const auto& close = std::get<CloseSocket>(posts[1].command);
        QCOMPARE(close.session, SessionId(12));
        QCOMPARE(close.connection, ConnectionId(0));
        QVERIFY(close.abortive);
        QCOMPARE(only(actions, LabScriptAction::Kind::Done).size(), std::size_t(1));
        QCOMPARE(script.phase(), LabScript::Phase::Done);
        QCOMPARE(script.actor("B")->peer, std::string("192.0.2.1:40000"));
        QVERIFY(script.actor("B")->reached(SessionState::Connected)); // accepted = connected
        QCOMPARE(script.sessions(), (std::vector<SessionId>{10, 11, 12}));
    }

    void awaitTimesOutWithTheStepsName() {
        LabScript script({LabStep::openWire("wire", {}),
                          LabStep::awaitState("wire", SessionState::Connected, 300)});
        (void)script.start();
        script.opened("wire", 1);
        // The wait starts with this tick.
        QVERIFY(only(script.onTick(1000 * kMs, kNoBytes), LabScriptAction::Kind::Failed).empty());
        QVERIFY(only(script.onTick(1200 * kMs, kNoBytes), LabScriptAction::Kind::Failed).empty());
        const auto failed =
            only(script.onTick(1300 * kMs, kNoBytes), LabScriptAction::Kind::Failed);
        QCOMPARE(failed.size(), std::size_t(1));
        QCOMPARE(failed[0].text, std::string("step 2 (wire: wait for Connected (at most 300 ms)): "
                                             "it did not happen within 300 ms"));
        QCOMPARE(script.phase(), LabScript::Phase::Failed);
        QVERIFY(script.onEvent(state(1, 0, SessionState::Connected)).empty());
    }

    // A socket that fails while a step waits for something else fails the script with its
    // error; a step waiting for that error succeeds.
    void failuresEndTheScriptUnlessAwaited() {
        LabScript broken({LabStep::open("A", LabHost::None, tcp(Role::Connect)),
                          LabStep::awaitState("A", SessionState::Connected)});
        (void)broken.start();
        broken.opened("A", 4);
        (void)broken.onEvent(error(4, ECONNREFUSED));
        const auto failed =
            only(broken.onEvent(state(4, 0, SessionState::Failed)), LabScriptAction::Kind::Failed);
        QCOMPARE(failed.size(), std::size_t(1));
        QVERIFY2(failed[0].text.find("A failed: connect 192.0.2.2:7000: Connection refused "
                                     "(ECONNREFUSED)") != std::string::npos,
                 failed[0].text.c_str());

        LabScript awaited({LabStep::open("A", LabHost::None, tcp(Role::Connect)),
                           LabStep::awaitError("A", ECONNREFUSED)});
        (void)awaited.start();
        awaited.opened("A", 4);
        const auto done =
            only(awaited.onEvent(error(4, ECONNREFUSED)), LabScriptAction::Kind::Done);
        QCOMPARE(done.size(), std::size_t(1));
        QVERIFY(awaited.actor("A")->hadError(ECONNREFUSED));
    }

    void bytesAndPausesNeedTicks() {
        LabScript script({LabStep::open("A", LabHost::None, tcp(Role::Connect)),
                          LabStep::awaitBytes("A", 10), LabStep::pause(500),
                          LabStep::shutdownWrite("A")});
        (void)script.start();
        script.opened("A", 7);
        std::uint64_t received = 4;
        const LabBytesProbe probe = [&](SessionId s, ConnectionId c) {
            return s == 7 && c == 0 ? received : 0;
        };
        (void)script.onTick(100 * kMs, probe);
        QCOMPARE(script.currentStep(), std::size_t(1));
        received = 10;
        (void)script.onTick(150 * kMs, probe);
        QCOMPARE(script.currentStep(), std::size_t(2)); // the pause starts with this tick
        (void)script.onTick(600 * kMs, probe);
        QCOMPARE(script.currentStep(), std::size_t(2));
        const auto actions = script.onTick(650 * kMs, probe);
        const auto posts = only(actions, LabScriptAction::Kind::Post);
        QCOMPARE(posts.size(), std::size_t(1));
        QCOMPARE(std::get<ShutdownWrite>(posts[0].command).session, SessionId(7));
        QCOMPARE(script.phase(), LabScript::Phase::Done);
    }

    void stepTextsSayWhatHappens() {
        QCOMPARE(labStepText(LabStep::awaitState("A", SessionState::HalfClosed, 2000)),
                 std::string("A: wait for Half-closed (at most 2 s)"));
        QCOMPARE(labStepText(LabStep::close("A", true)),
                 std::string("A: close abortively (SO_LINGER 0), a RST"));
        OpenSession r = tcp(Role::Connect);
        r.remote = "192.0.2.2:9";
        QCOMPARE(labStepText(LabStep::open("TCP", LabHost::A, r)),
                 std::string("TCP: open TCP connect to 192.0.2.2:9 in host A"));
        QCOMPARE(labStepText(LabStep::pause(1500).said("let it settle")),
                 std::string("let it settle"));
    }
};

QTEST_APPLESS_MAIN(TestLabScript)
#include "test_lab_script.moc"
