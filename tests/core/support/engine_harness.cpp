#include "core/support/engine_harness.h"

#include "core/net/endpoint.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QtDebug>
#include <netinet/in.h>
#include <sys/socket.h>

namespace socklab::test {

EngineHarness::EngineHarness() {
    engine.start();
}

EngineHarness::~EngineHarness() {
    engine.stop();
}

void EngineHarness::pump(int timeout_ms) {
    auto batch =
        timeout_ms > 0 ? engine.events().waitAndDrain(timeout_ms) : engine.events().drain();
    for (auto& e : batch) {
        m_log.push_back(std::move(e));
    }
}

std::optional<EngineEvent> EngineHarness::waitFor(const Pred& pred, int timeout_ms) {
    QDeadlineTimer deadline(timeout_ms);
    for (int round = 0; round < 1'000'000; ++round) {
        for (; m_cursor < m_log.size(); ++m_cursor) {
            if (pred(m_log[m_cursor])) {
                return m_log[m_cursor++];
            }
        }
        if (deadline.hasExpired()) {
            return std::nullopt;
        }
        pump(static_cast<int>(std::clamp<qint64>(deadline.remainingTime(), 1, 100)));
    }
    return std::nullopt;
}

std::optional<EngineEvent> EngineHarness::waitState(SessionId s, ConnectionId c, SessionState state,
                                                    int timeout_ms) {
    return waitFor(
        [&](const EngineEvent& e) {
            return e.session == s && e.connection == c &&
                   e.kind == EngineEvent::Kind::StateChanged && e.state == state;
        },
        timeout_ms);
}

std::optional<EngineEvent> EngineHarness::waitKind(SessionId s, EngineEvent::Kind kind,
                                                   int timeout_ms) {
    return waitFor([&](const EngineEvent& e) { return e.session == s && e.kind == kind; },
                   timeout_ms);
}

std::optional<EngineHarness::Listener> EngineHarness::listen(const OpenSession& request,
                                                             int timeout_ms) {
    const SessionId s = engine.open(request);
    const auto listening = waitState(s, 0, SessionState::Listening, timeout_ms);
    if (!listening) {
        return std::nullopt;
    }
    Listener l{s, listening->local, 0};
    if (const auto ep = Endpoint::parse(l.local)) {
        l.port = ep->port();
    }
    return l;
}

std::optional<EngineHarness::Listener> EngineHarness::listenTcp(int timeout_ms) {
    return listen(openRequest(AF_INET, SOCK_STREAM, 0, Role::Listen, "127.0.0.1:0"), timeout_ms);
}

SessionId EngineHarness::openTcpClient(const QByteArray& port) {
    return engine.open(
        openRequest(AF_INET, SOCK_STREAM, 0, Role::Connect, "", "127.0.0.1:" + port.toStdString()));
}

bool EngineHarness::waitUntil(const std::function<bool()>& cond, int timeout_ms) {
    QDeadlineTimer deadline(timeout_ms);
    for (int round = 0; round < 1'000'000; ++round) {
        if (cond()) {
            return true;
        }
        if (deadline.hasExpired()) {
            return cond();
        }
        pump(static_cast<int>(std::clamp<qint64>(deadline.remainingTime(), 1, 20)));
    }
    return cond();
}

std::vector<EngineEvent> EngineHarness::errors(SessionId s) const {
    std::vector<EngineEvent> out;
    for (const auto& e : m_log) {
        if (e.session == s && e.kind == EngineEvent::Kind::Error) {
            out.push_back(e);
        }
    }
    return out;
}

void EngineHarness::dump() const {
    for (const auto& e : m_log) {
        qDebug().noquote() << "event kind" << int(e.kind) << "session" << e.session << "conn"
                           << e.connection << "state" << QString::fromUtf8(stateName(e.state))
                           << "local" << QString::fromStdString(e.local) << "peer"
                           << QString::fromStdString(e.peer) << "seq" << e.firstSeq << e.endSeq
                           << (e.error ? QString::fromStdString(e.error->message()) : QString())
                           << QString::fromStdString(e.text);
    }
}

namespace {

template <class F>
void forEachData(const TrafficStore& store, ConnectionId connection, Direction dir, bool includeOob,
                 F&& f) {
    for (std::uint64_t seq = store.beginSeq(); seq < store.endSeq();) {
        const auto batch = store.records(seq, 4096);
        if (batch.empty()) {
            break;
        }
        for (const Record& r : batch) {
            if (r.kind == RecordKind::Data && r.direction == dir &&
                (connection == kAllConnections || r.connectionId == connection) &&
                (includeOob || !(r.flags & RecordFlag::Oob))) {
                f(r);
            }
        }
        seq = batch.back().seq + 1;
    }
}

} // namespace

QByteArray storeBytes(const TrafficStore& store, ConnectionId connection, Direction dir,
                      bool includeOob) {
    QByteArray out;
    forEachData(store, connection, dir, includeOob, [&](const Record& r) {
        const auto bytes = store.recordBytes(r);
        out.append(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
    });
    return out;
}

QByteArray storeSha256(const TrafficStore& store, ConnectionId connection, Direction dir,
                       std::uint64_t* bytesOut) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    std::uint64_t total = 0;
    std::vector<std::byte> buf(1 << 20);
    forEachData(store, connection, dir, false, [&](const Record& r) {
        for (std::size_t off = 0; off < r.length;) {
            const std::size_t n = store.readRecordBytes(r, off, buf);
            if (n == 0) {
                break;
            }
            hash.addData(QByteArrayView(reinterpret_cast<const char*>(buf.data()), qsizetype(n)));
            off += n;
            total += n;
        }
    });
    if (bytesOut) {
        *bytesOut = total;
    }
    return hash.result().toHex();
}

std::vector<Record> storeRecords(const TrafficStore& store, RecordKind kind,
                                 ConnectionId connection) {
    std::vector<Record> out;
    for (std::uint64_t seq = store.beginSeq(); seq < store.endSeq();) {
        const auto batch = store.records(seq, 4096);
        if (batch.empty()) {
            break;
        }
        for (const Record& r : batch) {
            if (r.kind == kind && (connection == kAllConnections || r.connectionId == connection)) {
                out.push_back(r);
            }
        }
        seq = batch.back().seq + 1;
    }
    return out;
}

std::vector<Record> dataRecords(const TrafficStore& store, Direction dir) {
    std::vector<Record> out;
    for (const Record& r : storeRecords(store, RecordKind::Data)) {
        if (r.direction == dir) {
            out.push_back(r);
        }
    }
    return out;
}

OpenSession openRequest(int family, int type, int protocol, Role role, std::string local,
                        std::string remote) {
    OpenSession r;
    r.spec = SocketSpec{family, type, protocol};
    r.role = role;
    r.local = std::move(local);
    r.remote = std::move(remote);
    return r;
}

} // namespace socklab::test
