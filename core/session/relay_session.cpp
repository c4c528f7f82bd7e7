#include "core/session/relay_session.h"

#include "core/base/translate.h"
#include "core/net/socket_ops.h"

#include <algorithm>

namespace socklab {

RelaySession::RelaySession(SessionHost& host, SessionId id, OpenSession request,
                           std::shared_ptr<TrafficStore> store)
    : Session(host, id, std::move(request), std::move(store)),
      m_book(*this, [this](RelayFigures& f) { collect(f); }) {}

RelaySession::~RelaySession() {
    if (m_fd.valid()) {
        host().loop().unwatch(m_fd.get());
        m_fd.reset();
        removeSocketFile();
    }
}

void RelaySession::start() {
    // A reopened relay continues its capture: new pairs/mappings get ids after the old ones.
    if (const auto ids = store().connectionIds(); !ids.empty()) {
        m_firstId = std::max<ConnectionId>(1, ids.back() + 1);
    }
    if (request().local.empty()) {
        failOpen(inputError(SL_TR("socklab", "relay"), SL_TR("socklab", "(no listen address)"),
                            SL_TR("socklab", "a listen address is needed")));
        return;
    }
    if (request().remote.empty()) {
        failOpen(inputError(SL_TR("socklab", "relay"), SL_TR("socklab", "(no upstream address)"),
                            SL_TR("socklab", "an upstream address is needed")));
        return;
    }
    m_book.announce();
    // The upstream is resolved once, at start: every client goes to the same server.
    lookup(request().remote, false, [this, alive = aliveToken()](Result<std::vector<Endpoint>> r) {
        if (alive.expired()) {
            return;
        }
        if (!r || r->empty()) {
            failOpen(r ? inputError(SL_TR("socklab", "resolve"), request().remote,
                                    SL_TR("socklab", "no addresses"))
                       : r.error());
            return;
        }
        m_upstream = r->front();
        lookup(request().local, true,
               [this, alive2 = aliveToken()](Result<std::vector<Endpoint>> l) {
                   if (alive2.expired()) {
                       return;
                   }
                   if (!l || l->empty()) {
                       failOpen(l ? inputError(SL_TR("socklab", "resolve"), request().local,
                                               SL_TR("socklab", "no addresses"))
                                  : l.error());
                       return;
                   }
                   openOn(l->front());
               });
    });
}

void RelaySession::failOpen(const Error& error) {
    reportError(0, error, SessionState::Failed);
    emitState(0, SessionState::Failed);
}

void RelaySession::announceUp(SessionState state) {
    EngineEvent e;
    e.kind = EngineEvent::Kind::StateChanged;
    e.session = id();
    e.state = state;
    e.local = m_local.toString();
    e.peer = m_upstream.toString();
    e.text = m_upstream.toString();
    host().emit(std::move(e));
    m_book.emitFigures();
}

void RelaySession::closeOwnSocket() {
    if (!m_fd.valid()) {
        return;
    }
    host().loop().unwatch(m_fd.get());
    m_fd.reset();
    removeSocketFile();
    recordEvent(0, RecordKind::Closed, SL_TR("socklab", "relay closed"));
    emitState(0, SessionState::Closed, m_local);
    m_book.emitFigures();
}

void RelaySession::hold(const HoldDirection& command) {
    m_book.setHolding(command.direction, command.hold);
}

void RelaySession::queryRelayFigures() {
    m_book.emitFigures();
}

} // namespace socklab
