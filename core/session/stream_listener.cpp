#include "core/session/stream_listener.h"

#include "core/base/translate.h"
#include "core/net/socket_ops.h"

#include <algorithm>
#include <cerrno>

namespace socklab {

namespace {

// Accepts per readiness event, so a connection storm cannot starve other sockets.
constexpr int kAcceptsPerWakeup = 64;

} // namespace

StreamListener::~StreamListener() {
    m_children.clear();
    if (m_pauseTimer != 0) {
        host().loop().cancelTimer(m_pauseTimer);
    }
    if (m_fd.valid()) {
        host().loop().unwatch(m_fd.get());
        m_fd.reset();
        removeSocketFile();
    }
}

int StreamListener::fdOf(ConnectionId connection) const {
    if (connection == 0) {
        return m_fd.get();
    }
    auto it = m_children.find(connection);
    return it != m_children.end() && it->second->isOpen() ? it->second->fd() : -1;
}

bool StreamListener::sendQueueFull(ConnectionId connection, std::size_t size) const {
    for (const auto& [id, c] : m_children) {
        if ((connection == kAllConnections || connection == id) && c->isOpen() &&
            !c->admits(size)) {
            return true;
        }
    }
    return false;
}

StreamConnection* StreamListener::child(ConnectionId id) {
    auto it = m_children.find(id);
    return it == m_children.end() ? nullptr : it->second.get();
}

void StreamListener::start() {
    // A reopened listener continues its capture: new children get ids after the old ones.
    if (const auto ids = store().connectionIds(); !ids.empty()) {
        m_nextChild = std::max<ConnectionId>(m_nextChild, ids.back() + 1);
    }
    std::string local = request().local;
    if (local.empty()) {
        reportError(0,
                    inputError("listen", SL_TR("socklab", "(no local address)"),
                               SL_TR("socklab", "a local address is needed")),
                    SessionState::Failed);
        emitState(0, SessionState::Failed);
        return;
    }
    lookup(local, true, [this, alive = aliveToken()](Result<std::vector<Endpoint>> r) {
        if (alive.expired()) {
            return;
        }
        if (!r || r->empty()) {
            reportError(0,
                        r ? inputError(SL_TR("socklab", "resolve"), request().local,
                                       SL_TR("socklab", "no addresses"))
                          : r.error(),
                        SessionState::Failed);
            emitState(0, SessionState::Failed);
            return;
        }
        listenOn(r->front());
    });
}

void StreamListener::listenOn(const Endpoint& local) {
    auto fd = openConfiguredSocket();
    if (!fd) {
        reportError(0, fd.error(), SessionState::Failed);
        emitState(0, SessionState::Failed);
        return;
    }
    auto failWith = [this](const Error& e) {
        reportError(0, e, SessionState::Failed);
        emitState(0, SessionState::Failed);
        m_fd.reset();
    };
    m_fd = std::move(*fd);
    if (auto st = bindLocal(m_fd.get(), local); !st) {
        failWith(st.error());
        return;
    }
    m_local = sockops::localAddress(m_fd.get());
    if (m_local.empty()) {
        m_local = local;
    }
    recordEvent(0, RecordKind::Bound, m_local.toString());
    if (auto st = sockops::listenOn(m_fd.get(), request().backlog, m_local.toString()); !st) {
        failWith(st.error());
        removeSocketFile();
        return;
    }
    recordEvent(
        0, RecordKind::Listening,
        trArgs(SL_TR("socklab", "backlog %1 on %2"), request().backlog, m_local.toString()));
    if (auto st = host().loop().watch(m_fd.get(), LoopEvent::Readable,
                                      [this](std::uint32_t) { acceptPending(); });
        !st) {
        failWith(st.error());
        return;
    }
    readBackOptions(m_fd.get(), false);
    emitState(0, SessionState::Listening, m_local);
}

void StreamListener::acceptPending() {
    for (int i = 0; i < kAcceptsPerWakeup && m_fd.valid() && !m_paused; ++i) {
        auto r = sockops::acceptOne(m_fd.get(), m_local.toString());
        if (!r) {
            const int err = r.error().sysErrno();
            if (err == EMFILE || err == ENFILE || err == ENOBUFS || err == ENOMEM) {
                pauseAccept(r.error());
            } else {
                reportError(0, r.error(), SessionState::Listening);
            }
            return;
        }
        if (!*r) {
            return;
        }
        const ConnectionId id = m_nextChild++;
        const Endpoint childLocal = sockops::localAddress((*r)->fd.get());
        Endpoint peer = (*r)->peer;
        StreamConnection::Callbacks cb;
        cb.onFinished = [this](StreamConnection& c) { retire(c.id()); };
        auto conn = std::make_unique<StreamConnection>(*this, id, std::move((*r)->fd), childLocal,
                                                       peer, cb);
        StreamConnection* raw = conn.get();
        m_children.emplace(id, std::move(conn));
        recordEvent(id, RecordKind::Accepted, peer.toString() + " -> " + childLocal.toString(), 0,
                    &peer);
        EngineEvent e;
        e.kind = EngineEvent::Kind::Accepted;
        e.session = this->id();
        e.connection = id;
        e.state = SessionState::Connected;
        e.local = childLocal.toString();
        e.peer = peer.toString();
        host().emit(std::move(e));
        raw->begin();
    }
}

void StreamListener::pauseAccept(const Error& error) {
    // Level-triggered epoll would report the listener readable again at once and spin; stop
    // watching it for a while and let the connections wait in the backlog.
    m_paused = true;
    (void)host().loop().modify(m_fd.get(), 0);
    emitWarning(0, trArgs(SL_TR("socklab", "%1: accepting paused for %2 ms"), error.message(),
                          kAcceptPause_ms));
    m_pauseTimer = host().loop().addTimer(kAcceptPause_ms, [this] {
        m_pauseTimer = 0;
        m_paused = false;
        if (m_fd.valid()) {
            (void)host().loop().modify(m_fd.get(), LoopEvent::Readable);
        }
    });
}

void StreamListener::retire(ConnectionId id) {
    // Called from inside the child's own handler: erase it after the dispatch.
    host().defer([this, id, alive = aliveToken()] {
        if (!alive.expired()) {
            auto it = m_children.find(id);
            if (it != m_children.end() && !it->second->isOpen()) {
                m_children.erase(it);
            }
        }
    });
}

void StreamListener::send(SendData& command) {
    if (command.connection == kAllConnections) {
        for (auto& [id, c] : m_children) {
            if (c->isOpen()) {
                c->send(command.bytes, command.oob);
            }
        }
        return;
    }
    if (command.connection == 0) {
        reportError(0,
                    sysError(ENOTCONN, "send", m_local.toString(),
                             SL_TR("socklab", "a listening socket has no peer; pick a connection")),
                    SessionState::Listening);
        return;
    }
    StreamConnection* c = child(command.connection);
    if (!c || !c->isOpen()) {
        reportError(command.connection,
                    inputError("send",
                               trArgs(SL_TR("socklab", "connection %1"), command.connection),
                               SL_TR("socklab", "no such open connection")),
                    SessionState::Closed);
        return;
    }
    c->send(command.bytes, command.oob);
}

void StreamListener::shutdownWrite(ConnectionId connection) {
    if (connection == kAllConnections) {
        for (auto& [id, c] : m_children) {
            c->shutdownWrite();
        }
        return;
    }
    if (StreamConnection* c = child(connection)) {
        c->shutdownWrite();
        return;
    }
    reportError(connection,
                inputError("shutdown(SHUT_WR)",
                           trArgs(SL_TR("socklab", "connection %1"), connection),
                           SL_TR("socklab", "no such open connection")),
                m_fd.valid() ? SessionState::Listening : SessionState::Closed);
}

void StreamListener::close(ConnectionId connection, bool abortive) {
    if (connection == 0 || connection == kAllConnections) {
        std::vector<StreamConnection*> open;
        for (auto& [id, c] : m_children) {
            open.push_back(c.get());
        }
        for (StreamConnection* c : open) {
            c->close(abortive);
        }
        if (connection == kAllConnections) {
            return;
        }
        if (m_fd.valid()) {
            if (m_pauseTimer != 0) {
                host().loop().cancelTimer(m_pauseTimer);
                m_pauseTimer = 0;
            }
            host().loop().unwatch(m_fd.get());
            m_fd.reset();
            removeSocketFile();
            recordEvent(0, RecordKind::Closed, SL_TR("socklab", "listener closed"));
            emitState(0, SessionState::Closed, m_local);
        }
        return;
    }
    if (StreamConnection* c = child(connection)) {
        c->close(abortive);
        return;
    }
    reportError(connection,
                inputError("close", trArgs(SL_TR("socklab", "connection %1"), connection),
                           SL_TR("socklab", "no such open connection")),
                m_fd.valid() ? SessionState::Listening : SessionState::Closed);
}

} // namespace socklab
