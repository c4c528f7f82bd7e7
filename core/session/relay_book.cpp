#include "core/session/relay_book.h"

#include "core/base/translate.h"
#include "core/capture/record_text.h"
#include "core/impair/impairment_text.h"
#include "core/net/socket_spec.h"
#include "core/session/session.h"

namespace socklab {

namespace {

constexpr int kFiguresInterval_ms = 100;

/// "client->server" / "server->client" in the user's language (the names are SL_N-marked).
std::string directionText(RelayDirection d) {
    return translate("socklab", relayDirectionText(captureDirection(d)));
}

} // namespace

RelayBook::RelayBook(Session& session, std::function<void(RelayFigures&)> collect)
    : m_session(session), m_collect(std::move(collect)),
      m_toServer(session.request().relay.toServer), m_toClient(session.request().relay.toClient),
      m_holdToServer(session.request().relay.holdToServer),
      m_holdToClient(session.request().relay.holdToClient) {}

RelayBook::~RelayBook() {
    if (m_timer != 0) {
        m_session.host().loop().cancelTimer(m_timer);
    }
}

void RelayBook::announce() {
    announce(RelayDirection::ToServer);
    announce(RelayDirection::ToClient);
}

void RelayBook::announce(RelayDirection d) {
    EngineEvent e;
    e.kind = EngineEvent::Kind::RelaySettings;
    e.session = m_session.id();
    e.relayDirection = d;
    e.holding = holding(d);
    e.impairment = impairment(d);
    m_session.host().emit(std::move(e));
}

const Impairment& RelayBook::impairment(RelayDirection d) const {
    return d == RelayDirection::ToServer ? m_toServer : m_toClient;
}

void RelayBook::setImpairment(RelayDirection d, const Impairment& impairment) {
    (d == RelayDirection::ToServer ? m_toServer : m_toClient) = impairment;
    const bool datagram = !isStreamType(m_session.request().spec.type);
    m_session.recordEvent(0, RecordKind::Info,
                          trArgs(SL_TR("socklab", "impairment %1: %2"), directionText(d),
                                 describe(impairment, datagram)),
                          0, nullptr, RecordFlag::Impaired);
    announce(d);
}

bool RelayBook::holding(RelayDirection d) const {
    return d == RelayDirection::ToServer ? m_holdToServer : m_holdToClient;
}

void RelayBook::setHolding(RelayDirection d, bool hold) {
    bool& flag = d == RelayDirection::ToServer ? m_holdToServer : m_holdToClient;
    if (flag == hold) {
        announce(d);
        return;
    }
    flag = hold;
    m_session.recordEvent(
        0, RecordKind::Info,
        trArgs(hold ? SL_TR("socklab", "holding %1") : SL_TR("socklab", "forwarding %1"),
               directionText(d)),
        0, nullptr, RecordFlag::Impaired);
    announce(d);
    touch();
}

std::uint64_t RelayBook::hold(ConnectionId connection, RelayDirection d,
                              std::vector<std::byte> bytes, std::uint64_t recordSeq) {
    const std::uint64_t id = m_nextHeld++;
    HeldMessage& m = m_held[id];
    m.id = id;
    m.connection = connection;
    m.direction = d;
    m.bytes = std::move(bytes);
    m.recordSeq = recordSeq;
    m_heldBytes += m.bytes.size();
    addHeld(m, +1);
    m_session.recordEvent(
        connection, RecordKind::Info,
        trArgs(SL_TR("socklab", "held #%1 (%2 bytes, %3)"), id, m.bytes.size(), directionText(d)),
        0, nullptr, RecordFlag::Impaired);
    EngineEvent e;
    e.kind = EngineEvent::Kind::HeldQueued;
    e.session = m_session.id();
    e.connection = connection;
    e.relayDirection = d;
    e.held = m;
    m_session.host().emit(std::move(e));
    touch();
    return id;
}

std::vector<HeldMessage> RelayBook::take(RelayDirection d, std::uint64_t id, std::string_view how) {
    std::vector<HeldMessage> out;
    if (id != 0) {
        auto it = m_held.find(id);
        if (it == m_held.end() || it->second.direction != d) {
            EngineEvent e;
            e.kind = EngineEvent::Kind::Error;
            e.session = m_session.id();
            e.error = inputError(
                translate("socklab", how), trArgs(SL_TR("socklab", "held message #%1"), id),
                trArgs(SL_TR("socklab", "not in the %1 hold queue"), directionText(d)));
            m_session.host().emit(std::move(e));
            return out;
        }
        m_heldBytes -= it->second.bytes.size();
        addHeld(it->second, -1);
        out.push_back(std::move(it->second));
        m_held.erase(it);
    } else {
        for (auto it = m_held.begin(); it != m_held.end();) {
            if (it->second.direction == d) {
                m_heldBytes -= it->second.bytes.size();
                addHeld(it->second, -1);
                out.push_back(std::move(it->second));
                it = m_held.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (const HeldMessage& m : out) {
        EngineEvent e;
        e.kind = EngineEvent::Kind::HeldGone;
        e.session = m_session.id();
        e.connection = m.connection;
        e.relayDirection = m.direction;
        e.held.id = m.id;
        e.held.connection = m.connection;
        e.held.direction = m.direction;
        e.text = std::string(how);
        m_session.host().emit(std::move(e));
    }
    touch();
    return out;
}

void RelayBook::forget(ConnectionId connection) {
    for (auto it = m_held.begin(); it != m_held.end();) {
        if (it->second.connection != connection) {
            ++it;
            continue;
        }
        EngineEvent e;
        e.kind = EngineEvent::Kind::HeldGone;
        e.session = m_session.id();
        e.connection = connection;
        e.relayDirection = it->second.direction;
        e.held.id = it->second.id;
        e.held.connection = connection;
        e.held.direction = it->second.direction;
        e.text = "closed";
        m_session.host().emit(std::move(e));
        m_heldBytes -= it->second.bytes.size();
        addHeld(it->second, -1);
        it = m_held.erase(it);
    }
    touch();
}

bool RelayBook::holdFull() const {
    const RelayConfig& c = m_session.request().relay;
    return m_held.size() >= c.holdLimit || m_heldBytes >= 16 * c.bufferBytes;
}

void RelayBook::addHeld(const HeldMessage& m, int sign) {
    const auto key = std::make_pair(m.connection, m.direction);
    HeldTotals& t = m_heldBy[key];
    if (sign > 0) {
        ++t.count;
        t.bytes += m.bytes.size();
    } else {
        --t.count;
        t.bytes -= m.bytes.size();
        if (t.count == 0) {
            m_heldBy.erase(key);
        }
    }
}

std::size_t RelayBook::heldCount(ConnectionId connection, RelayDirection d) const {
    const auto it = m_heldBy.find(std::make_pair(connection, d));
    return it == m_heldBy.end() ? 0 : it->second.count;
}

std::size_t RelayBook::heldBytes(ConnectionId connection, RelayDirection d) const {
    const auto it = m_heldBy.find(std::make_pair(connection, d));
    return it == m_heldBy.end() ? 0 : it->second.bytes;
}

const HeldMessage* RelayBook::find(std::uint64_t id) const {
    const auto it = m_held.find(id);
    return it == m_held.end() ? nullptr : &it->second;
}

std::vector<std::uint64_t> RelayBook::heldBefore(ConnectionId connection, RelayDirection d,
                                                 std::uint64_t id) const {
    std::vector<std::uint64_t> out;
    for (auto it = m_held.begin(); it != m_held.end() && it->first < id; ++it) {
        if (it->second.connection == connection && it->second.direction == d) {
            out.push_back(it->first);
        }
    }
    return out;
}

RelayFigures RelayBook::figures() const {
    RelayFigures f = m_extra;
    if (m_collect) {
        m_collect(f);
    }
    f.heldToServer = 0;
    f.heldToClient = 0;
    for (const auto& [id, m] : m_held) {
        ++(m.direction == RelayDirection::ToServer ? f.heldToServer : f.heldToClient);
    }
    return f;
}

void RelayBook::touch() {
    if (m_timer != 0) {
        return;
    }
    m_timer = m_session.host().loop().addTimer(kFiguresInterval_ms, [this] {
        m_timer = 0;
        const RelayFigures f = figures();
        if (!m_lastSent || !(*m_lastSent == f)) {
            emitFigures();
        }
    });
}

void RelayBook::emitFigures() {
    EngineEvent e;
    e.kind = EngineEvent::Kind::RelayFigures;
    e.session = m_session.id();
    e.relayFigures = figures();
    m_lastSent = e.relayFigures;
    m_session.host().emit(std::move(e));
}

void recordNotes(Session& session, ConnectionId connection, RelayDirection d,
                 const std::vector<ImpairmentNote>& notes, bool datagram) {
    for (const ImpairmentNote& n : notes) {
        session.recordEvent(
            connection, RecordKind::Info,
            trArgs(SL_TR("socklab", "%1 (%2)"), noteText(n, datagram), directionText(d)), 0,
            nullptr, RecordFlag::Impaired);
    }
}

} // namespace socklab
