#include "core/lab/lab_script.h"

#include "core/base/translate.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace socklab {

namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;

std::string seconds(int ms) {
    if (ms % 1000 == 0) {
        return std::to_string(ms / 1000) + " s";
    }
    return std::to_string(ms) + " ms";
}

/// "TCP connect to 192.0.2.2:7000", "UDP bind 192.0.2.2:7001".
std::string describeRequest(const OpenSession& r) {
    // The engine's socket() numbers (Linux), as the conductor spells them without headers.
    constexpr int kStream = 1;
    constexpr int kDgram = 2;
    const std::string kind = r.spec.type == kStream  ? "TCP"
                             : r.spec.type == kDgram ? "UDP"
                                                     : "socket";
    // kind: "TCP", "UDP" or "socket".
    switch (r.role) {
    case Role::Connect:
        return trArgs(SL_TR("socklab", "%1 connect to %2"), kind, r.remote);
    case Role::Listen:
        return trArgs(SL_TR("socklab", "%1 listen on %2"), kind, r.local);
    case Role::Bind:
        return r.local.empty() ? trArgs(SL_TR("socklab", "%1 bind (any)"), kind)
                               : trArgs(SL_TR("socklab", "%1 bind %2"), kind, r.local);
    case Role::Relay:
        return trArgs(SL_TR("socklab", "%1 relay %2 -> %3"), kind, r.local, r.remote);
    case Role::Wire:
        return SL_TR("socklab", "the lab network and its wire");
    }
    return kind;
}

/// "client: open TCP connect to 192.0.2.2:7000 in host A".
std::string openText(const LabStep& s) {
    const std::string what = describeRequest(s.request);
    switch (s.host) {
    case LabHost::A:
        //: %1: the socket's name in the script; %2: "TCP connect to 192.0.2.2:7000".
        return trArgs(SL_TR("socklab", "%1: open %2 in host A"), s.actor, what);
    case LabHost::B:
        return trArgs(SL_TR("socklab", "%1: open %2 in host B"), s.actor, what);
    case LabHost::None:
        break;
    }
    return trArgs(SL_TR("socklab", "%1: open %2"), s.actor, what);
}

} // namespace

// ---------------------------------------------------------------- steps

LabStep LabStep::open(std::string actor, LabHost host, OpenSession request) {
    LabStep s;
    s.kind = Kind::Open;
    s.actor = std::move(actor);
    s.host = host;
    s.request = std::move(request);
    return s;
}

LabStep LabStep::openWire(std::string actor, LabConfig network) {
    OpenSession r;
    r.role = Role::Wire;
    r.lab = std::move(network);
    return open(std::move(actor), LabHost::None, std::move(r));
}

LabStep LabStep::awaitState(std::string actor, SessionState state, int timeout_ms) {
    LabStep s;
    s.kind = Kind::AwaitState;
    s.actor = std::move(actor);
    s.state = state;
    s.timeout_ms = timeout_ms;
    return s;
}

LabStep LabStep::awaitAccept(std::string listener, std::string name, int timeout_ms) {
    LabStep s;
    s.kind = Kind::AwaitAccept;
    s.actor = std::move(listener);
    s.name = std::move(name);
    s.timeout_ms = timeout_ms;
    return s;
}

LabStep LabStep::awaitError(std::string actor, int err, int timeout_ms) {
    LabStep s;
    s.kind = Kind::AwaitError;
    s.actor = std::move(actor);
    s.err = err;
    s.timeout_ms = timeout_ms;
    return s;
}

LabStep LabStep::awaitBytes(std::string actor, std::uint64_t bytes, int timeout_ms) {
    LabStep s;
    s.kind = Kind::AwaitBytes;
    s.actor = std::move(actor);
    s.bytes = bytes;
    s.timeout_ms = timeout_ms;
    return s;
}

LabStep LabStep::pause(int ms) {
    LabStep s;
    s.kind = Kind::Pause;
    s.timeout_ms = ms;
    return s;
}

LabStep LabStep::send(std::string actor, std::string_view text) {
    LabStep s;
    s.kind = Kind::Send;
    s.actor = std::move(actor);
    s.data.resize(text.size());
    std::ranges::transform(text, s.data.begin(), [](char c) { return std::byte(c); });
    return s;
}

LabStep LabStep::shutdownWrite(std::string actor) {
    LabStep s;
    s.kind = Kind::ShutdownWrite;
    s.actor = std::move(actor);
    return s;
}

LabStep LabStep::close(std::string actor, bool abortive) {
    LabStep s;
    s.kind = Kind::Close;
    s.actor = std::move(actor);
    s.abortive = abortive;
    return s;
}

LabStep LabStep::setImpairment(WireDirection direction, Impairment impairment) {
    LabStep s;
    s.kind = Kind::SetImpairment;
    s.direction = direction;
    s.impairment = std::move(impairment);
    return s;
}

LabStep LabStep::said(std::string what) && {
    text = std::move(what);
    return std::move(*this);
}

std::string labStepText(const LabStep& s) {
    if (!s.text.empty()) {
        return s.text;
    }
    const std::string within = seconds(s.timeout_ms);
    switch (s.kind) {
    case LabStep::Kind::Open:
        return openText(s);
    case LabStep::Kind::AwaitState:
        //: %1: the socket's name in the script; %2: a state ("Connected"); %3: "5 s".
        return trArgs(SL_TR("socklab", "%1: wait for %2 (at most %3)"), s.actor, stateName(s.state),
                      within);
    case LabStep::Kind::AwaitAccept:
        //: %2: the name the accepted connection gets in the script.
        return trArgs(SL_TR("socklab", "%1: wait for a connection, %2 (at most %3)"), s.actor,
                      s.name, within);
    case LabStep::Kind::AwaitError:
        return trArgs(SL_TR("socklab", "%1: wait for the error %2 (at most %3)"), s.actor,
                      errnoName(s.err), within);
    case LabStep::Kind::AwaitBytes:
        return trArgs(SL_TR("socklab", "%1: wait until %2 bytes arrived (at most %3)"), s.actor,
                      s.bytes, within);
    case LabStep::Kind::Pause:
        return trArgs(SL_TR("socklab", "wait %1"), seconds(s.timeout_ms));
    case LabStep::Kind::Send:
        return trArgs(SL_TR("socklab", "%1: send %2 bytes"), s.actor, s.data.size());
    case LabStep::Kind::ShutdownWrite:
        return trArgs(SL_TR("socklab", "%1: shutdown(SHUT_WR), a FIN; it can still read"), s.actor);
    case LabStep::Kind::Close:
        return s.abortive
                   ? trArgs(SL_TR("socklab", "%1: close abortively (SO_LINGER 0), a RST"), s.actor)
                   : trArgs(SL_TR("socklab", "%1: close gracefully, a FIN"), s.actor);
    case LabStep::Kind::SetImpairment:
        return s.direction == WireDirection::AtoB
                   ? SL_TR("socklab", "the wire changes what it does from A to B")
                   : SL_TR("socklab", "the wire changes what it does from B to A");
    }
    return {};
}

// ---------------------------------------------------------------- actors

bool LabScriptActor::reached(SessionState s) const {
    return std::ranges::find(states, s) != states.end();
}

bool LabScriptActor::hadError(int err) const {
    return std::ranges::any_of(errors, [err](const Error& e) { return e.sysErrno() == err; });
}

// ---------------------------------------------------------------- the script

LabScript::LabScript(std::vector<LabStep> steps) : m_steps(std::move(steps)) {}

std::vector<LabScriptAction> LabScript::start() {
    if (m_phase != Phase::Idle) {
        return {};
    }
    m_phase = Phase::Running;
    return advance(nullptr);
}

void LabScript::opened(std::string_view actor, SessionId id) {
    LabScriptActor a;
    a.name = std::string(actor);
    a.session = id;
    m_actors.push_back(std::move(a));
    if (m_step < m_steps.size() && m_steps[m_step].kind == LabStep::Kind::Open &&
        m_steps[m_step].actor == actor) {
        m_awaitingId = false;
        if (m_steps[m_step].request.role == Role::Wire) {
            m_wire = id;
        }
    }
}

const LabScriptActor* LabScript::actor(std::string_view name) const {
    const auto it = std::ranges::find(m_actors, name, &LabScriptActor::name);
    return name.empty() || it == m_actors.end() ? nullptr : &*it;
}

LabScriptActor* LabScript::find(std::string_view name) {
    return const_cast<LabScriptActor*>(std::as_const(*this).actor(name));
}

std::vector<SessionId> LabScript::sessions() const {
    std::vector<SessionId> out;
    for (const auto& a : m_actors) {
        if (a.connection == 0 && a.session != 0) {
            out.push_back(a.session);
        }
    }
    return out;
}

LabScriptActor* LabScript::track(SessionId session, ConnectionId connection) {
    bool known = false;
    for (auto& a : m_actors) {
        if (a.session == session && a.connection == connection) {
            return &a;
        }
        known = known || a.session == session;
    }
    if (!known || session == 0) {
        return nullptr;
    }
    // A connection a listener accepted: tracked from its first event, named by AwaitAccept.
    LabScriptActor a;
    a.session = session;
    a.connection = connection;
    m_actors.push_back(std::move(a));
    return &m_actors.back();
}

std::vector<LabScriptAction> LabScript::onEvent(const EngineEvent& e) {
    if (m_phase != Phase::Running) {
        return {};
    }
    LabScriptActor* a = track(e.session, e.connection);
    if (a == nullptr) {
        return {};
    }
    switch (e.kind) {
    case EngineEvent::Kind::StateChanged:
        a->states.push_back(e.state);
        if (!e.local.empty()) {
            a->local = e.local;
        }
        if (!e.peer.empty()) {
            a->peer = e.peer;
        }
        break;
    case EngineEvent::Kind::Accepted:
        if (!e.peer.empty()) {
            a->peer = e.peer;
        }
        if (a->states.empty()) {
            a->states.push_back(SessionState::Connected); // accepted: established
        }
        break;
    case EngineEvent::Kind::Error:
        if (e.error) {
            a->errors.push_back(*e.error);
        }
        break;
    default:
        break;
    }
    return advance(nullptr);
}

std::vector<LabScriptAction> LabScript::onTick(std::int64_t nowNs, const LabBytesProbe& bytesIn) {
    if (m_phase != Phase::Running) {
        return {};
    }
    m_nowNs = nowNs;
    if (m_performed && m_stepStartNs == 0) {
        m_stepStartNs = nowNs;
    }
    return advance(&bytesIn);
}

LabScriptAction LabScript::post(Command command) const {
    LabScriptAction a;
    a.kind = LabScriptAction::Kind::Post;
    a.step = m_step;
    a.command = std::move(command);
    return a;
}

std::vector<LabScriptAction> LabScript::perform(const LabStep& s) {
    std::vector<LabScriptAction> out;
    LabScriptAction say;
    say.kind = LabScriptAction::Kind::Step;
    say.step = m_step;
    say.text = labStepText(s);
    out.push_back(std::move(say));
    const LabScriptActor* a = actor(s.actor);
    const SessionId session = a ? a->session : 0;
    const ConnectionId connection = a ? a->connection : 0;
    switch (s.kind) {
    case LabStep::Kind::Open: {
        LabScriptAction open;
        open.kind = LabScriptAction::Kind::Open;
        open.step = m_step;
        open.actor = s.actor;
        open.request = s.request;
        if (s.request.role != Role::Wire && s.host != LabHost::None) {
            open.request.placement = {m_wire, s.host};
        }
        m_awaitingId = true;
        out.push_back(std::move(open));
        break;
    }
    case LabStep::Kind::Send:
        if (a != nullptr) {
            out.push_back(post(SendData{session, connection, s.data, false, {}}));
        }
        break;
    case LabStep::Kind::ShutdownWrite:
        if (a != nullptr) {
            out.push_back(post(ShutdownWrite{session, connection}));
        }
        break;
    case LabStep::Kind::Close:
        if (a != nullptr) {
            out.push_back(post(CloseSocket{session, connection, s.abortive}));
        }
        break;
    case LabStep::Kind::SetImpairment:
        if (m_wire == 0) {
            break;
        }
        out.push_back(
            post(SetImpairment{m_wire,
                               s.direction == WireDirection::AtoB ? RelayDirection::ToServer
                                                                  : RelayDirection::ToClient,
                               s.impairment}));
        break;
    default:
        break;
    }
    return out;
}

LabScript::Check LabScript::check(const LabStep& s, const LabBytesProbe* bytesIn) {
    using K = LabStep::Kind;
    const std::int64_t elapsedNs = m_stepStartNs == 0 ? 0 : m_nowNs - m_stepStartNs;
    const bool timedOut = elapsedNs >= std::int64_t(s.timeout_ms) * kNsPerMs;
    if (s.kind == K::Open) {
        return m_awaitingId ? Check::Waiting : Check::Met;
    }
    if (s.kind == K::Pause) {
        return timedOut ? Check::Met : Check::Waiting;
    }
    if (s.kind == K::SetImpairment) {
        if (m_wire == 0) {
            m_failure = SL_TR("socklab", "no lab wire was opened before");
            return Check::Broken;
        }
        return Check::Met;
    }
    const bool acts = s.kind == K::Send || s.kind == K::ShutdownWrite || s.kind == K::Close;
    if (acts && find(s.actor) != nullptr) {
        return Check::Met;
    }
    LabScriptActor* a = find(s.actor);
    if (a == nullptr) {
        m_failure = trArgs(SL_TR("socklab", "no socket is called %1"), s.actor);
        return Check::Broken;
    }
    bool met = false;
    bool failureIsTheAnswer = false;
    switch (s.kind) {
    case K::AwaitState:
        met = a->reached(s.state);
        failureIsTheAnswer = s.state == SessionState::Failed;
        break;
    case K::AwaitAccept:
        for (auto& child : m_actors) {
            if (child.name.empty() && child.session == a->session && child.connection != 0) {
                child.name = s.name;
                met = true;
                break;
            }
        }
        break;
    case K::AwaitError:
        met = a->hadError(s.err);
        failureIsTheAnswer = true;
        break;
    case K::AwaitBytes:
        met = bytesIn != nullptr && (*bytesIn)(a->session, a->connection) >= s.bytes;
        break;
    default:
        break;
    }
    if (met) {
        return Check::Met;
    }
    if (!failureIsTheAnswer && a->reached(SessionState::Failed)) {
        m_failure =
            a->errors.empty()
                ? trArgs(SL_TR("socklab", "%1 failed"), a->name)
                //: %1: the socket's name in the script; %2: the error message.
                : trArgs(SL_TR("socklab", "%1 failed: %2"), a->name, a->errors.back().message());
        return Check::Broken;
    }
    if (timedOut) {
        m_failure = trArgs(SL_TR("socklab", "it did not happen within %1"), seconds(s.timeout_ms));
        return Check::Broken;
    }
    return Check::Waiting;
}

std::vector<LabScriptAction> LabScript::fail(std::string why) {
    m_phase = Phase::Failed;
    //: %1: the step's number; %2: what the step does; %3: why it failed.
    m_failure =
        trArgs(SL_TR("socklab", "step %1 (%2): %3"), m_step + 1, labStepText(m_steps[m_step]), why);
    LabScriptAction a;
    a.kind = LabScriptAction::Kind::Failed;
    a.step = m_step;
    a.text = m_failure;
    return {std::move(a)};
}

std::vector<LabScriptAction> LabScript::advance(const LabBytesProbe* bytesIn) {
    std::vector<LabScriptAction> out;
    while (m_phase == Phase::Running && m_step < m_steps.size()) {
        const LabStep& s = m_steps[m_step];
        if (!m_performed) {
            m_performed = true;
            // The script has no clock: from a tick the step starts now, from an event at the
            // next tick.
            m_stepStartNs = bytesIn != nullptr ? m_nowNs : 0;
            auto actions = perform(s);
            std::ranges::move(actions, std::back_inserter(out));
        }
        switch (check(s, bytesIn)) {
        case Check::Waiting:
            return out;
        case Check::Broken: {
            auto failed = fail(m_failure);
            std::ranges::move(failed, std::back_inserter(out));
            return out;
        }
        case Check::Met:
            ++m_step;
            m_performed = false;
            break;
        }
    }
    if (m_phase == Phase::Running) {
        m_phase = Phase::Done;
        LabScriptAction done;
        done.kind = LabScriptAction::Kind::Done;
        done.step = m_step;
        done.text = SL_TR("socklab", "every step ran");
        out.push_back(std::move(done));
    }
    return out;
}

} // namespace socklab
