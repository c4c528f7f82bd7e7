#include "core/session/stream_relay.h"

#include "core/base/translate.h"
#include "core/net/socket_ops.h"

#include <algorithm>
#include <cerrno>

namespace socklab {

namespace {

constexpr int kAcceptsPerWakeup = 64;

} // namespace

void addCounters(ImpairmentCounters& a, const ImpairmentCounters& b) {
    a.received += b.received;
    a.receivedBytes += b.receivedBytes;
    a.dropped += b.dropped;
    a.duplicated += b.duplicated;
    a.reordered += b.reordered;
    a.delayed += b.delayed;
    a.corrupted += b.corrupted;
    a.truncated += b.truncated;
    a.delivered += b.delivered;
    a.deliveredBytes += b.deliveredBytes;
    a.waiting += b.waiting;
}

StreamRelay::StreamRelay(SessionHost& host, SessionId id, OpenSession request,
                         std::shared_ptr<TrafficStore> store)
    : RelaySession(host, id, std::move(request), std::move(store)) {}

StreamRelay::~StreamRelay() {
    m_pairs.clear(); // before the listening socket goes (RelaySession)
}

int StreamRelay::fdOf(ConnectionId connection) const {
    if (connection == 0) {
        return m_fd.get();
    }
    auto it = m_pairs.find(connection);
    return it != m_pairs.end() && !it->second->finished() ? it->second->clientFd() : -1;
}

void StreamRelay::openOn(const Endpoint& local) {
    auto fd = openConfiguredSocket();
    if (!fd) {
        failOpen(fd.error());
        return;
    }
    m_fd = std::move(*fd);
    if (auto st = bindLocal(m_fd.get(), local); !st) {
        m_fd.reset();
        failOpen(st.error());
        return;
    }
    m_local = sockops::localAddress(m_fd.get());
    if (m_local.empty()) {
        m_local = local;
    }
    recordEvent(0, RecordKind::Bound, m_local.toString());
    if (auto st = sockops::listenOn(m_fd.get(), request().backlog, m_local.toString()); !st) {
        m_fd.reset();
        removeSocketFile();
        failOpen(st.error());
        return;
    }
    recordEvent(
        0, RecordKind::Listening,
        trArgs(SL_TR("socklab", "relay %1 -> %2"), m_local.toString(), m_upstream.toString()));
    if (auto st = host().loop().watch(m_fd.get(), LoopEvent::Readable,
                                      [this](std::uint32_t) { acceptPending(); });
        !st) {
        m_fd.reset();
        failOpen(st.error());
        return;
    }
    announceUp(SessionState::Listening);
}

void StreamRelay::acceptPending() {
    for (int i = 0; i < kAcceptsPerWakeup && m_fd.valid(); ++i) {
        auto r = sockops::acceptOne(m_fd.get(), m_local.toString());
        if (!r) {
            reportError(0, r.error(), SessionState::Listening);
            return;
        }
        if (!*r) {
            return;
        }
        if (m_nextPair == 0) {
            m_nextPair = firstConnectionId();
        }
        const ConnectionId pairId = m_nextPair++;
        const Endpoint childLocal = sockops::localAddress((*r)->fd.get());
        auto pair = std::make_unique<RelayPair>(*this, m_book, pairId, std::move((*r)->fd),
                                                childLocal, (*r)->peer, m_upstream,
                                                [this](RelayPair& p) { retire(p.id()); });
        RelayPair* raw = pair.get();
        m_pairs.emplace(pairId, std::move(pair));
        ++m_book.extra().pairsTotal;
        raw->begin();
        m_book.touch();
    }
}

void StreamRelay::retire(ConnectionId pairId) {
    host().defer([this, pairId, alive = aliveToken()] {
        if (alive.expired()) {
            return;
        }
        auto it = m_pairs.find(pairId);
        if (it != m_pairs.end() && it->second->finished()) {
            addCounters(m_closedToServer, it->second->counters(RelayDirection::ToServer));
            addCounters(m_closedToClient, it->second->counters(RelayDirection::ToClient));
            m_pairs.erase(it);
            m_book.touch();
            // Its held messages are gone: pairs paused by a full hold queue may read again.
            for (auto& [id, p] : m_pairs) {
                p->updateBackpressure();
            }
        }
    });
}

void StreamRelay::collect(RelayFigures& f) const {
    f.toServer = m_closedToServer;
    f.toClient = m_closedToClient;
    f.pairs = 0;
    for (const auto& [pid, p] : m_pairs) {
        addCounters(f.toServer, p->counters(RelayDirection::ToServer));
        addCounters(f.toClient, p->counters(RelayDirection::ToClient));
        if (!p->finished()) {
            ++f.pairs;
            f.backpressureToServer |= p->readingPaused(RelayDirection::ToServer);
            f.backpressureToClient |= p->readingPaused(RelayDirection::ToClient);
        }
    }
}

void StreamRelay::close(ConnectionId connection, bool abortive) {
    if (connection == 0 || connection == kAllConnections) {
        std::vector<RelayPair*> open;
        for (auto& [pid, p] : m_pairs) {
            open.push_back(p.get());
        }
        for (RelayPair* p : open) {
            p->close(abortive);
        }
        if (connection != kAllConnections) {
            closeOwnSocket();
        }
        return;
    }
    auto it = m_pairs.find(connection);
    if (it == m_pairs.end() || it->second->finished()) {
        reportError(connection,
                    inputError("close", trArgs(SL_TR("socklab", "connection %1"), connection),
                               SL_TR("socklab", "no such open connection")),
                    m_fd.valid() ? SessionState::Listening : SessionState::Closed);
        return;
    }
    it->second->close(abortive);
}

void StreamRelay::setImpairment(const SetImpairment& command) {
    m_book.setImpairment(command.direction, command.impairment);
    for (auto& [pid, p] : m_pairs) {
        p->setImpairment(command.direction, command.impairment);
    }
}

void StreamRelay::releaseHeld(ReleaseHeld& command) {
    if (command.heldId != 0 && !command.drop) {
        // A stream keeps its order: messages of the same pair and direction held before this
        // one go out first, unchanged.
        if (const HeldMessage* target = m_book.find(command.heldId);
            target && target->direction == command.direction) {
            for (std::uint64_t earlier :
                 m_book.heldBefore(target->connection, command.direction, command.heldId)) {
                for (const HeldMessage& m :
                     m_book.take(command.direction, earlier, SL_N("socklab", "released"))) {
                    forwardHeld(m, command.direction, nullptr, command.heldId);
                }
            }
        }
    }
    const char* how = command.drop     ? SL_N("socklab", "dropped")
                      : command.edited ? SL_N("socklab", "edited")
                                       : SL_N("socklab", "released");
    auto taken = m_book.take(command.direction, command.heldId, how);
    for (HeldMessage& m : taken) {
        if (command.drop) {
            m_book.countHeldDropped(command.direction);
            recordEvent(
                m.connection, RecordKind::Info,
                trArgs(SL_TR("socklab", "dropped held #%1 (%2 bytes)"), m.id, m.bytes.size()), 0,
                nullptr, RecordFlag::Impaired);
            if (auto it = m_pairs.find(m.connection); it != m_pairs.end()) {
                it->second->heldGone(command.direction);
            }
            continue;
        }
        forwardHeld(m, command.direction, command.edited ? &command.bytes : nullptr, 0);
    }
    // Pairs paused by a full hold queue read again.
    for (auto& [pid, p] : m_pairs) {
        p->updateBackpressure();
    }
}

void StreamRelay::forwardHeld(const HeldMessage& m, RelayDirection d,
                              const std::vector<std::byte>* edited, std::uint64_t heldBefore) {
    auto it = m_pairs.find(m.connection);
    if (it == m_pairs.end() || it->second->finished()) {
        return;
    }
    if (edited) {
        recordData(m.connection, captureDirection(d), *edited, nullptr, RecordFlag::Edited);
        recordEvent(m.connection, RecordKind::Info,
                    trArgs(SL_TR("socklab", "edited held #%1 (%2 -> %3 bytes) and released"), m.id,
                           m.bytes.size(), edited->size()),
                    0, nullptr, RecordFlag::Impaired);
        it->second->forward(d, *edited);
    } else {
        recordEvent(
            m.connection, RecordKind::Info,
            heldBefore != 0
                ? trArgs(SL_TR("socklab", "released held #%1 (held before #%2)"), m.id, heldBefore)
                : trArgs(SL_TR("socklab", "released held #%1"), m.id),
            0, nullptr, RecordFlag::Impaired);
        it->second->forward(d, m.bytes);
    }
    it->second->heldGone(d);
}

void StreamRelay::inject(InjectData& command) {
    std::vector<RelayPair*> targets;
    for (auto& [pid, p] : m_pairs) {
        if (!p->finished() &&
            (command.connection == kAllConnections || command.connection == pid)) {
            targets.push_back(p.get());
        }
    }
    if (targets.empty()) {
        reportError(command.connection,
                    inputError(SL_TR("socklab", "inject"),
                               trArgs(SL_TR("socklab", "connection %1"), command.connection),
                               SL_TR("socklab", "no such open connection")),
                    m_fd.valid() ? SessionState::Listening : SessionState::Closed);
        return;
    }
    for (RelayPair* p : targets) {
        if (!p->accepts(command.direction)) {
            reportError(
                p->id(),
                inputError(
                    SL_TR("socklab", "inject"), trArgs(SL_TR("socklab", "connection %1"), p->id()),
                    command.direction == RelayDirection::ToServer
                        ? SL_TR("socklab", "client->server has ended (FIN forwarded or reset)")
                        : SL_TR("socklab", "server->client has ended (FIN forwarded or reset)")),
                SessionState::Connected);
            continue;
        }
        recordData(p->id(), captureDirection(command.direction), command.bytes, nullptr,
                   RecordFlag::Injected);
        m_book.countInjected(command.direction);
        p->forward(command.direction, command.bytes);
    }
}

} // namespace socklab
