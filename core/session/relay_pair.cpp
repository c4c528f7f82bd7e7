#include "core/session/relay_pair.h"

#include "core/base/translate.h"
#include "core/net/socket_ops.h"
#include "core/session/relay_book.h"
#include "core/session/session.h"

#include <cerrno>
#include <ctime>

namespace socklab {

int relayDelayMs(std::int64_t dueNs, std::int64_t nowNs) {
    if (dueNs <= nowNs) {
        return 0;
    }
    return int((dueNs - nowNs + 999'999) / 1'000'000);
}

void armDueTimer(EventLoop& loop, EventLoop::TimerId& timer, const DatagramPipeline& pipeline,
                 std::function<void()> fire) {
    if (timer != 0) {
        loop.cancelTimer(timer);
        timer = 0;
    }
    const auto due = pipeline.nextDueNs();
    if (!due) {
        return;
    }
    timer = loop.addTimer(relayDelayMs(*due, monotonicNs()), [&timer, fire = std::move(fire)] {
        timer = 0;
        fire();
    });
}

std::uint64_t relaySeed(std::uint64_t seed, ConnectionId connection, RelayDirection d) {
    // splitmix64 of the three, so neighbouring connections get unrelated streams.
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ull * (std::uint64_t(connection) * 2 +
                                                      (d == RelayDirection::ToServer ? 1 : 2));
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

RelayPair::RelayPair(Session& session, RelayBook& book, ConnectionId id, UniqueFd clientFd,
                     Endpoint clientLocal, Endpoint client, Endpoint upstream,
                     std::function<void(RelayPair&)> onFinished)
    : m_session(session), m_book(book), m_id(id), m_clientLocal(std::move(clientLocal)),
      m_clientPeer(std::move(client)), m_upstreamPeer(std::move(upstream)),
      m_onFinished(std::move(onFinished)),
      m_client(session.host().loop(), session.host().ioBuffer(), m_clientPeer.toString(),
               RelayLeg::Callbacks{
                   [this](std::span<const std::byte> b) { onBytes(RelayDirection::ToServer, b); },
                   [this] { onEof(RelayDirection::ToServer); },
                   [this](const Error& e) { onError(RelayDirection::ToServer, e); }, nullptr,
                   [this] { updateBackpressure(); }}),
      m_upstream(session.host().loop(), session.host().ioBuffer(), m_upstreamPeer.toString(),
                 RelayLeg::Callbacks{
                     [this](std::span<const std::byte> b) { onBytes(RelayDirection::ToClient, b); },
                     [this] { onEof(RelayDirection::ToClient); },
                     [this](const Error& e) { onError(RelayDirection::ToClient, e); },
                     [this] { onUpstreamConnected(); }, [this] { updateBackpressure(); }}),
      m_toServer{
          StreamPipeline(book.impairment(RelayDirection::ToServer),
                         relaySeed(session.request().relay.seed, id, RelayDirection::ToServer))},
      m_toClient{
          StreamPipeline(book.impairment(RelayDirection::ToClient),
                         relaySeed(session.request().relay.seed, id, RelayDirection::ToClient))},
      m_pendingClient(std::move(clientFd)) {}

RelayPair::~RelayPair() {
    for (Way* w : {&m_toServer, &m_toClient}) {
        if (w->timer != 0) {
            m_session.host().loop().cancelTimer(w->timer);
        }
    }
}

const ImpairmentCounters& RelayPair::counters(RelayDirection d) const {
    return (d == RelayDirection::ToServer ? m_toServer : m_toClient).pipeline.counters();
}

bool RelayPair::readingPaused(RelayDirection d) const {
    return (d == RelayDirection::ToServer ? m_toServer : m_toClient).paused;
}

bool RelayPair::accepts(RelayDirection d) const {
    const Way& w = d == RelayDirection::ToServer ? m_toServer : m_toClient;
    return !m_finished && !w.finPushed;
}

const Endpoint* RelayPair::peerOf(RelayDirection from) const {
    return from == RelayDirection::ToServer ? &m_clientPeer : &m_upstreamPeer;
}

void RelayPair::begin() {
    if (auto st = m_client.attach(std::move(m_pendingClient), false); !st) {
        m_session.reportError(m_id, st.error(), SessionState::Failed);
        finish(SessionState::Failed);
        return;
    }
    // Nothing is read from the client until the upstream connection exists: the kernel keeps
    // its bytes (and applies its own flow control) meanwhile.
    m_client.setReading(false);
    m_session.recordEvent(m_id, RecordKind::Accepted,
                          m_clientPeer.toString() + " -> " + m_clientLocal.toString(), 0,
                          &m_clientPeer);
    EngineEvent e;
    e.kind = EngineEvent::Kind::Accepted;
    e.session = m_session.id();
    e.connection = m_id;
    e.state = SessionState::Connecting;
    e.local = m_clientLocal.toString();
    e.peer = m_clientPeer.toString();
    e.text = m_upstreamPeer.toString();
    m_session.host().emit(std::move(e));

    auto fail = [this](const Error& error) {
        upstreamFailed(error, SL_TR("socklab", "client reset: upstream %1 unreachable"));
    };
    auto fd = sockops::openSocket(m_session.request().spec);
    if (!fd) {
        fail(fd.error());
        return;
    }
    const int raw = fd->get();
    auto started = sockops::connectStart(raw, m_upstreamPeer);
    if (!started) {
        fail(started.error());
        return;
    }
    if (auto st = m_upstream.attach(std::move(*fd), !*started); !st) {
        fail(st.error());
        return;
    }
    m_session.recordEvent(m_id, RecordKind::Connecting,
                          trArgs(SL_TR("socklab", "upstream %1"), m_upstreamPeer.toString()), 0,
                          &m_upstreamPeer, RecordFlag::Upstream);
    if (*started) {
        onUpstreamConnected();
    }
}

void RelayPair::onUpstreamConnected() {
    const Endpoint local = sockops::localAddress(m_upstream.fd());
    m_session.recordEvent(m_id, RecordKind::Connected,
                          local.toString() + " -> " + m_upstreamPeer.toString(), 0, &m_upstreamPeer,
                          RecordFlag::Upstream);
    EngineEvent e;
    e.kind = EngineEvent::Kind::StateChanged;
    e.session = m_session.id();
    e.connection = m_id;
    e.state = SessionState::Connected;
    e.local = m_clientLocal.toString();
    e.peer = m_clientPeer.toString();
    e.text = local.toString() + " -> " + m_upstreamPeer.toString();
    m_session.host().emit(std::move(e));
    updateBackpressure();
    m_book.touch();
}

void RelayPair::onBytes(RelayDirection d, std::span<const std::byte> bytes) {
    const std::uint64_t seq = m_session.recordData(m_id, captureDirection(d), bytes, peerOf(d));
    // While older bytes of this direction wait in the hold queue, newer ones queue behind them:
    // a stream must not overtake itself.
    if (m_book.holding(d) || m_book.heldCount(m_id, d) != 0) {
        m_book.hold(m_id, d, std::vector<std::byte>(bytes.begin(), bytes.end()), seq);
    } else if (way(d).pipeline.passesThrough()) {
        // Nothing to impair: straight to the other leg (which sends before it copies).
        way(d).pipeline.passThrough(bytes.size(), monotonicNs());
        destination(d).write(bytes);
    } else {
        std::vector<ImpairmentNote> notes;
        way(d).pipeline.push(bytes, monotonicNs(), notes);
        recordNotes(m_session, m_id, d, notes, false);
        pump(d);
    }
    updateBackpressure();
    m_book.touch();
}

void RelayPair::forward(RelayDirection d, std::span<const std::byte> bytes) {
    if (m_finished || way(d).finPushed) {
        return;
    }
    std::vector<ImpairmentNote> notes;
    way(d).pipeline.push(bytes, monotonicNs(), notes);
    recordNotes(m_session, m_id, d, notes, false);
    pump(d);
    updateBackpressure();
    m_book.touch();
}

void RelayPair::heldGone(RelayDirection d) {
    pushFinishIfClear(d);
    updateBackpressure();
}

void RelayPair::setImpairment(RelayDirection d, const Impairment& impairment) {
    way(d).pipeline.setSettings(impairment);
    pump(d);
    updateBackpressure();
}

void RelayPair::onEof(RelayDirection d) {
    const bool fromClient = d == RelayDirection::ToServer;
    const std::string text =
        fromClient ? SL_TR("socklab", "client sent FIN") : SL_TR("socklab", "server sent FIN");
    m_session.recordEvent(m_id, RecordKind::PeerClosed, text, 0, peerOf(d),
                          fromClient ? 0 : RecordFlag::Upstream);
    EngineEvent e;
    e.kind = EngineEvent::Kind::StateChanged;
    e.session = m_session.id();
    e.connection = m_id;
    e.state = fromClient ? SessionState::PeerClosed : SessionState::HalfClosed;
    e.local = m_clientLocal.toString();
    e.peer = m_clientPeer.toString();
    e.text = text;
    m_session.host().emit(std::move(e));
    way(d).finPending = true;
    pushFinishIfClear(d);
}

void RelayPair::pushFinishIfClear(RelayDirection d) {
    Way& w = way(d);
    if (!w.finPending || w.finPushed || m_book.heldCount(m_id, d) != 0) {
        return;
    }
    w.finPushed = true;
    w.pipeline.pushFinish(monotonicNs());
    pump(d);
}

void RelayPair::onError(RelayDirection from, const Error& error) {
    if (m_finished) {
        return;
    }
    const bool fromClient = from == RelayDirection::ToServer;
    const std::uint16_t legFlag = fromClient ? 0 : RecordFlag::Upstream;
    if (error.sysErrno() == ECONNRESET || error.sysErrno() == EPIPE) {
        m_session.recordEvent(m_id, RecordKind::Reset, error.message(), error.sysErrno(),
                              peerOf(from), legFlag | RecordFlag::Remote);
        RelayLeg& other = fromClient ? m_upstream : m_client;
        if (other.isOpen()) {
            other.close(true);
            m_session.recordEvent(m_id, RecordKind::Reset,
                                  fromClient ? SL_TR("socklab", "reset forwarded to the server")
                                             : SL_TR("socklab", "reset forwarded to the client"),
                                  0, fromClient ? &m_upstreamPeer : &m_clientPeer,
                                  fromClient ? RecordFlag::Upstream : 0);
        }
        finish(SessionState::Closed);
        return;
    }
    if (error.op == "connect") {
        upstreamFailed(error, SL_TR("socklab", "client reset: upstream %1 refused"));
        return;
    }
    reportFailure(error, peerOf(from), legFlag);
    m_client.close(true);
    m_upstream.close(true);
    finish(SessionState::Failed);
}

void RelayPair::reportFailure(const Error& error, const Endpoint* peer, std::uint16_t flags) {
    m_session.recordEvent(m_id, RecordKind::Error, error.message(), error.sysErrno(), peer, flags);
    EngineEvent ev;
    ev.kind = EngineEvent::Kind::Error;
    ev.session = m_session.id();
    ev.connection = m_id;
    ev.state = SessionState::Failed;
    ev.error = error;
    m_session.host().emit(std::move(ev));
}

void RelayPair::upstreamFailed(const Error& error, std::string_view text) {
    reportFailure(error, &m_upstreamPeer, RecordFlag::Upstream);
    ++m_book.extra().upstreamFailures;
    // The client learns that the server is not there the way a direct connection would have:
    // a reset.
    m_client.close(true);
    m_session.recordEvent(m_id, RecordKind::Reset, trArgs(text, m_upstreamPeer.toString()),
                          error.sysErrno(), &m_clientPeer);
    finish(SessionState::Failed);
}

void RelayPair::pump(RelayDirection d) {
    Way& w = way(d);
    if (m_finished) {
        return;
    }
    std::vector<StreamPipeline::Step> steps;
    std::vector<ImpairmentNote> notes;
    w.pipeline.takeDue(monotonicNs(), steps, notes);
    recordNotes(m_session, m_id, d, notes, false);
    RelayLeg& dest = destination(d);
    for (auto& step : steps) {
        switch (step.kind) {
        case StreamPipeline::Step::Kind::Write:
            dest.write(step.bytes);
            break;
        case StreamPipeline::Step::Kind::Finish:
            dest.shutdownWrite();
            w.finDone = true;
            m_session.recordEvent(
                m_id, RecordKind::HalfClosed,
                d == RelayDirection::ToServer ? SL_TR("socklab", "FIN forwarded to the server")
                                              : SL_TR("socklab", "FIN forwarded to the client"),
                0, d == RelayDirection::ToServer ? &m_upstreamPeer : &m_clientPeer,
                d == RelayDirection::ToServer ? RecordFlag::Upstream : 0);
            break;
        case StreamPipeline::Step::Kind::Reset:
            resetBoth(trArgs(SL_TR("socklab", "reset after %1 bytes (impairment): reset both legs"),
                             w.pipeline.counters().deliveredBytes));
            return;
        }
        if (m_finished) {
            return;
        }
    }
    schedule(d);
    maybeDone();
}

void RelayPair::schedule(RelayDirection d) {
    Way& w = way(d);
    if (w.timer != 0) {
        m_session.host().loop().cancelTimer(w.timer);
        w.timer = 0;
    }
    const auto due = w.pipeline.nextDueNs();
    if (!due) {
        return;
    }
    w.timer = m_session.host().loop().addTimer(relayDelayMs(*due, monotonicNs()), [this, d] {
        way(d).timer = 0;
        pump(d);
        updateBackpressure();
    });
}

void RelayPair::updateBackpressure() {
    if (m_finished) {
        return;
    }
    const std::size_t limit = m_session.request().relay.bufferBytes;
    for (RelayDirection d : {RelayDirection::ToServer, RelayDirection::ToClient}) {
        Way& w = way(d);
        const std::size_t inFlight =
            w.pipeline.waitingBytes() + destination(d).queuedBytes() + m_book.heldBytes(m_id, d);
        const bool tooMany = m_book.holdFull();
        bool pause = w.paused;
        if (inFlight >= limit || tooMany) {
            pause = true;
        } else if (inFlight <= limit / 2) {
            pause = false;
        }
        if (d == RelayDirection::ToServer && !m_upstream.connected()) {
            source(d).setReading(false);
            continue;
        }
        if (pause != w.paused) {
            w.paused = pause;
            const bool client = d == RelayDirection::ToServer;
            const std::string text =
                pause ? (client ? SL_TR("socklab", "backpressure: stopped reading the client (%1 "
                                                   "bytes in flight)")
                                : SL_TR("socklab", "backpressure: stopped reading the server (%1 "
                                                   "bytes in flight)"))
                      : (client ? SL_TR("socklab", "backpressure over: reading the client (%1 "
                                                   "bytes in flight)")
                                : SL_TR("socklab", "backpressure over: reading the server (%1 "
                                                   "bytes in flight)"));
            m_session.recordEvent(m_id, RecordKind::Info, trArgs(text, inFlight), 0, nullptr,
                                  RecordFlag::Impaired);
            m_book.touch();
        }
        source(d).setReading(!pause);
    }
    maybeDone();
}

void RelayPair::maybeDone() {
    if (m_finished) {
        return;
    }
    const bool toServerDone = m_toServer.finDone && m_upstream.queuedBytes() == 0;
    const bool toClientDone = m_toClient.finDone && m_client.queuedBytes() == 0;
    if (toServerDone && toClientDone && m_client.writeShut() && m_upstream.writeShut()) {
        m_client.close(false);
        m_upstream.close(false);
        m_session.recordEvent(m_id, RecordKind::Closed,
                              SL_TR("socklab", "both directions finished"), 0, &m_clientPeer);
        finish(SessionState::Closed);
    }
}

void RelayPair::resetBoth(const std::string& text) {
    m_client.close(true);
    m_upstream.close(true);
    m_session.recordEvent(m_id, RecordKind::Reset, text, 0, &m_clientPeer, RecordFlag::Impaired);
    finish(SessionState::Closed);
}

void RelayPair::close(bool abortive) {
    if (m_finished) {
        return;
    }
    if (abortive) {
        resetBoth(SL_TR("socklab", "closed by the user: reset both legs"));
        return;
    }
    m_client.close(false);
    m_upstream.close(false);
    m_session.recordEvent(m_id, RecordKind::Closed, SL_TR("socklab", "closed by the user"), 0,
                          &m_clientPeer);
    finish(SessionState::Closed);
}

void RelayPair::finish(SessionState state) {
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_client.close(false);
    m_upstream.close(false);
    for (Way* w : {&m_toServer, &m_toClient}) {
        if (w->timer != 0) {
            m_session.host().loop().cancelTimer(w->timer);
            w->timer = 0;
        }
    }
    m_book.forget(m_id);
    EngineEvent e;
    e.kind = EngineEvent::Kind::StateChanged;
    e.session = m_session.id();
    e.connection = m_id;
    e.state = state;
    e.local = m_clientLocal.toString();
    e.peer = m_clientPeer.toString();
    m_session.host().emit(std::move(e));
    m_book.touch();
    if (m_onFinished) {
        m_onFinished(*this);
    }
}

} // namespace socklab
