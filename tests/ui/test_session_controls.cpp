// The state rules of a session tab (SessionControls), without any widget.
#include "ui/session/session_controls.h"
#include "ui/widgets/presets.h"

#include <QTest>

using namespace socklab;
using namespace socklab::ui;

namespace {

SessionControls decide(const OpenSession& request, std::optional<SessionState> state,
                       bool hasSession = true, bool formValid = true) {
    SessionFacts facts;
    facts.hasSession = hasSession;
    facts.state = state;
    facts.request = request;
    facts.formValid = formValid;
    return SessionControls::decide(facts);
}

} // namespace

class TestSessionControls : public QObject {
    Q_OBJECT
private slots:
    void beforeTheFirstOpen() {
        const OpenSession tcp = presetRequest(Preset::TcpClient);
        SessionControls c = decide(tcp, std::nullopt, false);
        QVERIFY(!c.open);
        QVERIFY(c.openEnabled);
        QVERIFY(!c.formLocked);
        QVERIFY(!c.canSend);
        QVERIFY(!c.showReset);
        QVERIFY(!c.showConnections);
        QVERIFY(!c.tcpInfo);
        // The composer already shows what this kind of socket can do.
        QVERIFY(c.stream);
        QVERIFY(c.urgent);
        c = decide(tcp, std::nullopt, false, false);
        QVERIFY(!c.openEnabled);
    }

    void tcpClientThroughItsLife() {
        const OpenSession tcp = presetRequest(Preset::TcpClient);
        SessionControls c = decide(tcp, SessionState::Connecting);
        QVERIFY(c.open);
        QVERIFY(c.formLocked);
        QVERIFY(!c.canSend);
        QVERIFY(c.showReset);
        c = decide(tcp, SessionState::Connected);
        QVERIFY(c.canSend);
        QVERIFY(c.tcpInfo);
        QVERIFY(!c.listener);
        QVERIFY(!c.needsDestination);
        QVERIFY(!c.ping);
        QVERIFY(decide(tcp, SessionState::PeerClosed).canSend);
        QVERIFY(!decide(tcp, SessionState::HalfClosed).canSend);
        QVERIFY(decide(tcp, SessionState::HalfClosed).open);
        for (SessionState end : {SessionState::Closed, SessionState::Failed}) {
            c = decide(tcp, end);
            QVERIFY(!c.open);
            QVERIFY(!c.formLocked);
            QVERIFY(!c.canSend);
            QVERIFY(!c.showReset);
            QVERIFY(!c.tcpInfo);
            QVERIFY(c.openEnabled);
        }
    }

    void listenerShowsItsConnections() {
        const OpenSession server = presetRequest(Preset::TcpServer);
        QCOMPARE(server.role, Role::Listen);
        SessionControls c = decide(server, SessionState::Listening);
        QVERIFY(c.listener);
        QVERIFY(c.showConnections);
        QVERIFY(c.canSend); // to every accepted connection
        // A closed listener keeps its list to inspect; a new tab has none.
        QVERIFY(decide(server, SessionState::Closed).showConnections);
        QVERIFY(!decide(server, std::nullopt, false).showConnections);
        QVERIFY(!decide(presetRequest(Preset::TcpClient), SessionState::Connected).showConnections);
    }

    void datagramsNameTheirDestination() {
        OpenSession udp = presetRequest(Preset::UdpEndpoint);
        SessionControls c = decide(udp, SessionState::Bound);
        QVERIFY(c.canSend);
        QVERIFY(c.needsDestination);
        QVERIFY(!c.stream);
        QVERIFY(!c.urgent);
        QVERIFY(!c.showReset);
        QVERIFY(!c.tcpInfo);
        udp.role = Role::Connect;
        udp.remote = "127.0.0.1:9";
        QVERIFY(!decide(udp, SessionState::Connected).needsDestination);
        const OpenSession icmp = presetRequest(Preset::IcmpPing);
        c = decide(icmp, SessionState::Bound);
        QVERIFY(c.ping);
        QVERIFY(!c.needsDestination);
    }

    void seqpacketHalfClosesWithoutReset() {
        OpenSession r = presetRequest(Preset::UnixStream);
        r.spec.type = typeValue("SOCK_SEQPACKET");
        const SessionControls c = decide(r, SessionState::Connected);
        QVERIFY(c.stream);
        QVERIFY(!c.showReset);
        QVERIFY(!c.urgent);
    }

    void stateHelpers() {
        QVERIFY(SessionControls::isLive(SessionState::Resolving));
        QVERIFY(!SessionControls::isLive(SessionState::Closed));
        QVERIFY(!SessionControls::isLive(SessionState::Failed));
        QVERIFY(!SessionControls::canSendIn(SessionState::Connecting));
        QVERIFY(SessionControls::hasTcpConnection(SessionState::HalfClosed));
        QVERIFY(!SessionControls::hasTcpConnection(SessionState::Listening));
    }
};

QTEST_APPLESS_MAIN(TestSessionControls)
#include "test_session_controls.moc"
