#include "core/session/lab_wire.h"

#include "core/base/translate.h"
#include "core/impair/impairment_text.h"
#include "core/session/relay_pair.h"

#include <algorithm>
#include <cerrno>
#include <limits>
#include <unistd.h>

namespace socklab {

namespace {

constexpr int kFiguresInterval_ms = 100;
/// Packets read from one TUN per wakeup, so the other direction and other sessions get turns.
constexpr int kReadBudget = 256;

WireDirection wireOf(RelayDirection d) {
    return d == RelayDirection::ToServer ? WireDirection::AtoB : WireDirection::BtoA;
}

LabHost sourceOf(WireDirection d) {
    return d == WireDirection::AtoB ? LabHost::A : LabHost::B;
}
LabHost destinationOf(WireDirection d) {
    return d == WireDirection::AtoB ? LabHost::B : LabHost::A;
}

std::uint64_t wireSeed(std::uint64_t seed, WireDirection d) {
    return relaySeed(
        seed, 0, d == WireDirection::AtoB ? RelayDirection::ToServer : RelayDirection::ToClient);
}

} // namespace

LabWire::LabWire(SessionHost& host, SessionId id, OpenSession request,
                 std::shared_ptr<TrafficStore> store)
    : Session(host, id, std::move(request), std::move(store)) {
    const LabConfig& lab = this->request().lab;
    m_ways[0] = std::make_unique<Way>(lab.aToB, wireSeed(lab.seed, WireDirection::AtoB));
    m_ways[1] = std::make_unique<Way>(lab.bToA, wireSeed(lab.seed, WireDirection::BtoA));
}

LabWire::~LabWire() {
    shutdown();
}

void LabWire::start() {
    auto net = LabNetwork::create(request().lab);
    if (!net) {
        reportError(0, net.error(), SessionState::Failed);
        emitState(0, SessionState::Failed);
        return;
    }
    m_network = std::move(*net);
    for (const auto d : {WireDirection::AtoB, WireDirection::BtoA}) {
        const int fd = m_network->tun(sourceOf(d));
        auto watched =
            host().loop().watch(fd, LoopEvent::Readable, [this, d](std::uint32_t) { readFrom(d); });
        if (!watched) {
            reportError(0, watched.error(), SessionState::Failed);
            shutdown();
            emitState(0, SessionState::Failed);
            return;
        }
    }
    m_open = true;
    const std::string text = m_network->describe();
    recordEvent(0, RecordKind::Connected, trArgs(SL_TR("socklab", "lab network up: %1"), text));
    if (!m_network->ipv6()) {
        emitWarning(0, SL_TR("socklab", "lab: the hosts have no IPv6 addresses (IPv6 is disabled "
                                        "in this kernel); the lab runs IPv4 only"));
    }
    EngineEvent e;
    e.kind = EngineEvent::Kind::StateChanged;
    e.session = id();
    e.state = SessionState::Connected;
    e.local = std::string(kLabAddressA4);
    e.peer = std::string(kLabAddressB4);
    e.text = text;
    host().emit(std::move(e));
    m_figuresTimer = host().loop().addTimer(
        kFiguresInterval_ms,
        [this] {
            if (m_figuresDirty) {
                emitFigures();
            }
        },
        true);
    emitFigures();
}

void LabWire::readFrom(WireDirection d) {
    if (!m_network) {
        return;
    }
    const int fd = m_network->tun(sourceOf(d));
    const auto buffer = host().ioBuffer();
    for (int i = 0; i < kReadBudget; ++i) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                reportError(0, sysError(errno, "read", "lab wire TUN"), SessionState::Connected);
            }
            break;
        }
        admit(d, buffer.first(static_cast<std::size_t>(n)), monotonicNs());
        pump(d);
    }
}

void LabWire::admit(WireDirection d, std::span<const std::byte> packet, std::int64_t nowNs) {
    Way& w = way(d);
    ++w.packets;
    ++(d == WireDirection::AtoB ? m_figures.packetsAtoB : m_figures.packetsBtoA);
    m_notes.clear();
    const std::uint64_t index =
        w.pipeline.push(std::vector<std::byte>(packet.begin(), packet.end()), 0, nowNs, m_notes);
    std::uint16_t flags = 0;
    for (const auto& note : m_notes) {
        switch (note.kind) {
        case ImpairmentNote::Kind::Dropped:
        case ImpairmentNote::Kind::QueueFull:
            flags |= RecordFlag::WireDropped;
            break;
        case ImpairmentNote::Kind::Duplicated:
            flags |= RecordFlag::WireDuplicated;
            break;
        case ImpairmentNote::Kind::Corrupted:
            flags |= RecordFlag::WireCorrupted;
            break;
        case ImpairmentNote::Kind::Reordered:
            flags |= RecordFlag::WireReordered;
            break;
        case ImpairmentNote::Kind::Truncated:
            flags |= RecordFlag::Truncated;
            break;
        default:
            break;
        }
    }
    const std::uint64_t seq = record(d, packet, nowNs, flags);
    if ((flags & RecordFlag::WireDropped) == 0) {
        w.inFlight[index] = {nowNs, seq};
    }
    touch();
}

std::uint64_t LabWire::record(WireDirection d, std::span<const std::byte> packet,
                              std::int64_t nowNs, std::uint16_t flags) {
    const DecodedPacket decoded = decodePacket(packet);
    if (decoded.tcp) {
        const TcpMarks marks = m_tcp.feed(decoded, nowNs);
        if (marks.resent) {
            flags |= RecordFlag::WireResent;
            ++m_figures.resentSegments;
            m_figures.resentAtoB += d == WireDirection::AtoB ? 1 : 0;
        }
        const TcpTotals& t = m_tcp.totals();
        m_figures.retransmissions = t.retransmissions;
        m_figures.duplicateAcks = t.duplicateAcks;
        m_figures.outOfOrder = t.outOfOrder;
        m_figures.zeroWindow = t.zeroWindows;
    }
    const auto seq =
        store().appendData(0, captureDirection(d), packet, nullptr, flags, 0, 0, nowNs);
    host().recordsAppended(id(), seq);
    return seq;
}

void LabWire::pump(WireDirection d) {
    if (!m_network) {
        return;
    }
    Way& w = way(d);
    m_due.clear();
    const std::int64_t now = monotonicNs();
    w.pipeline.takeDue(now, m_due);
    const int fd = m_network->tun(destinationOf(d));
    for (const auto& out : m_due) {
        // A TUN write hands the packet to the host's stack at once; it fails only when the
        // packet is malformed for the kernel (e.g. truncated by the wire) or memory is short.
        if (::write(fd, out.bytes.data(), out.bytes.size()) !=
            static_cast<ssize_t>(out.bytes.size())) {
            ++m_figures.unwritten;
        }
        // The first copy to leave says how long the wire held the packet.
        if (auto it = w.inFlight.find(out.index); it != w.inFlight.end()) {
            const auto heldUs = std::clamp<std::int64_t>((now - it->second.entryNs) / 1000, 1,
                                                         std::numeric_limits<std::uint32_t>::max());
            store().setWireDelay(it->second.recordSeq, static_cast<std::uint32_t>(heldUs));
            w.inFlight.erase(it);
        }
    }
    if (!m_due.empty()) {
        touch();
    }
    schedule(d);
}

void LabWire::schedule(WireDirection d) {
    Way& w = way(d);
    armDueTimer(host().loop(), w.timer, w.pipeline, [this, d] { pump(d); });
}

void LabWire::setImpairment(const SetImpairment& command) {
    const WireDirection d = wireOf(command.direction);
    if (auto valid = validate(command.impairment); !valid) {
        reportError(0, valid.error(), m_open ? SessionState::Connected : SessionState::Closed);
        return;
    }
    way(d).pipeline.setSettings(command.impairment);
    recordEvent(0, RecordKind::Info,
                std::string(d == WireDirection::AtoB ? "A -> B" : "B -> A") + ": " +
                    describe(command.impairment, true),
                0, nullptr, RecordFlag::Impaired);
    EngineEvent e;
    e.kind = EngineEvent::Kind::RelaySettings;
    e.session = id();
    e.relayDirection = command.direction;
    e.impairment = command.impairment;
    host().emit(std::move(e));
    schedule(d);
}

void LabWire::queryRelayFigures() {
    emitFigures();
}

void LabWire::close(ConnectionId connection, bool) {
    if (connection != 0) {
        unsupported(connection, "close");
        return;
    }
    if (!m_open) {
        return;
    }
    shutdown();
    recordEvent(0, RecordKind::Closed, SL_TR("socklab", "lab network closed"));
    emitState(0, SessionState::Closed);
}

void LabWire::shutdown() {
    m_open = false;
    for (auto& w : m_ways) {
        if (w && w->timer != 0) {
            host().loop().cancelTimer(w->timer);
            w->timer = 0;
        }
    }
    if (m_figuresTimer != 0) {
        host().loop().cancelTimer(m_figuresTimer);
        m_figuresTimer = 0;
    }
    if (m_network) {
        host().loop().unwatch(m_network->tun(LabHost::A));
        host().loop().unwatch(m_network->tun(LabHost::B));
        m_network.reset();
    }
}

void LabWire::touch() {
    m_figuresDirty = true;
}

void LabWire::emitFigures() {
    m_figuresDirty = false;
    m_figures.aToB = m_ways[0]->pipeline.counters();
    m_figures.bToA = m_ways[1]->pipeline.counters();
    EngineEvent e;
    e.kind = EngineEvent::Kind::WireFigures;
    e.session = id();
    e.wireFigures = m_figures;
    host().emit(std::move(e));
}

} // namespace socklab
