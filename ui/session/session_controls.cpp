#include "ui/session/session_controls.h"

#include "ui/widgets/presets.h"

namespace socklab::ui {

bool SessionControls::isLive(SessionState state) {
    return state != SessionState::Closed && state != SessionState::Failed;
}

bool SessionControls::canSendIn(SessionState state) {
    return state == SessionState::Connected || state == SessionState::Bound ||
           state == SessionState::PeerClosed || state == SessionState::Listening;
}

bool SessionControls::hasTcpConnection(SessionState state) {
    return state == SessionState::Connected || state == SessionState::PeerClosed ||
           state == SessionState::HalfClosed;
}

SessionControls SessionControls::decide(const SessionFacts& facts) {
    SessionControls c;
    const OpenSession& r = facts.request;
    c.open = facts.hasSession && facts.state && isLive(*facts.state);
    c.openEnabled = c.open || facts.formValid;
    c.formLocked = c.open;
    c.canSend = c.open && canSendIn(*facts.state);
    c.showReset = c.open && isStreamType(r.spec.type);
    c.listener = facts.hasSession && r.role == Role::Listen;
    c.relay = r.role == Role::Relay;
    c.showConnections = c.listener || (facts.hasSession && c.relay);
    // A relay injects into its pairs: no half-close, urgent data or destination of its own.
    c.stream = !c.relay && (isStreamType(r.spec.type) || isType(r.spec.type, "SOCK_SEQPACKET"));
    c.urgent = !c.relay && isTcp(r.spec);
    c.ping = isIcmp(r.spec);
    const bool connected = r.role == Role::Connect && !r.remote.empty();
    c.needsDestination = isDatagramType(r.spec.type) && !connected && !c.ping && !c.relay;
    c.tcpInfo = c.open && isTcp(r.spec) && !c.relay;
    return c;
}

} // namespace socklab::ui
