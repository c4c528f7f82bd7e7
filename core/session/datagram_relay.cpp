#include "core/session/datagram_relay.h"

#include "core/base/translate.h"
#include "core/net/options.h"
#include "core/net/socket_ops.h"
#include "core/session/relay_pair.h"

#include <algorithm>
#include <array>
#include <cerrno>

namespace socklab {

namespace {

constexpr std::size_t kSlots = 16;
constexpr std::size_t kSlotBytes = 65536;
constexpr int kBatchesPerWakeup = 16;
constexpr std::size_t kBytesPerWakeup = 1u << 20;
constexpr int kRcvBufBytes = 4 << 20;
constexpr std::size_t kMaxMappings = 4096;

} // namespace

DatagramRelay::DatagramRelay(SessionHost& host, SessionId id, OpenSession request,
                             std::shared_ptr<TrafficStore> store)
    : RelaySession(host, id, std::move(request), std::move(store)),
      m_toServer{
          DatagramPipeline(this->request().relay.toServer,
                           relaySeed(this->request().relay.seed, 0, RelayDirection::ToServer))},
      m_toClient{
          DatagramPipeline(this->request().relay.toClient,
                           relaySeed(this->request().relay.seed, 0, RelayDirection::ToClient))} {}

DatagramRelay::~DatagramRelay() {
    for (Way* w : {&m_toServer, &m_toClient}) {
        if (w->timer != 0) {
            host().loop().cancelTimer(w->timer);
        }
    }
    if (m_idleTimer != 0) {
        host().loop().cancelTimer(m_idleTimer);
    }
    for (auto& [mid, m] : m_mappings) {
        host().loop().unwatch(m.fd.get());
    }
}

int DatagramRelay::fdOf(ConnectionId connection) const {
    if (connection == 0) {
        return m_fd.get();
    }
    auto it = m_mappings.find(connection);
    return it == m_mappings.end() ? -1 : it->second.fd.get();
}

void DatagramRelay::openOn(const Endpoint& local) {
    auto fd = openConfiguredSocket();
    if (!fd) {
        failOpen(fd.error());
        return;
    }
    m_fd = std::move(*fd);
    const int family = request().spec.family;
    const bool userSetRcvBuf = std::ranges::any_of(
        request().options, [](const OptionSetting& o) { return o.id == OptionId::RcvBuf; });
    if (!userSetRcvBuf) {
        // A relay drains one socket into many: give bursts room before the kernel drops.
        (void)applyOption(m_fd.get(), family, OptionSetting{OptionId::RcvBuf, kRcvBufBytes});
    }
    (void)sockops::enableDropCounter(m_fd.get(), local.toString());
    if (auto st = bindLocal(m_fd.get(), local); !st) {
        m_fd.reset();
        failOpen(st.error());
        return;
    }
    m_local = sockops::localAddress(m_fd.get());
    if (m_local.empty()) {
        m_local = local;
    }
    recordEvent(
        0, RecordKind::Bound,
        trArgs(SL_TR("socklab", "relay %1 -> %2"), m_local.toString(), m_upstream.toString()));
    if (auto st = host().loop().watch(
            m_fd.get(), LoopEvent::Readable,
            [this](std::uint32_t ev) {
                if (ev & (LoopEvent::Readable | LoopEvent::Error)) {
                    readClients();
                }
                if ((ev & LoopEvent::Error) && !m_reading && m_fd.valid()) {
                    // Not reading (hold queue full): take the error
                    // or epoll reports it again at once.
                    if (const int err = sockops::takePendingError(m_fd.get())) {
                        reportError(0, sysError(err, "recv", m_local.toString()),
                                    SessionState::Bound);
                    }
                }
                if (ev & LoopEvent::Writable) {
                    flushToClients();
                }
            });
        !st) {
        m_fd.reset();
        failOpen(st.error());
        return;
    }
    const int idle = std::max(1, request().relay.idleTimeout_ms);
    m_idleTimer = host().loop().addTimer(
        std::clamp(idle / 4, 20, 1000), [this] { expireIdle(); }, true);
    announceUp(SessionState::Bound);
}

DatagramRelay::Mapping* DatagramRelay::mappingFor(const Endpoint& client) {
    const std::string key = client.toString();
    if (auto it = m_byClient.find(key); it != m_byClient.end()) {
        return &m_mappings.at(it->second);
    }
    if (m_mappings.size() >= kMaxMappings) {
        // A flood of source addresses must not take one socket each until EMFILE.
        if (!m_mappingsFullWarned) {
            m_mappingsFullWarned = true;
            emitWarning(0, trArgs(SL_TR("socklab",
                                        "%1 client mappings are open: datagrams from new clients "
                                        "are dropped until one expires (first: %2)"),
                                  kMaxMappings, key));
        }
        m_book.countUnsent(RelayDirection::ToServer);
        return nullptr;
    }
    if (m_nextMapping == 0) {
        m_nextMapping = firstConnectionId();
    }
    const ConnectionId mid = m_nextMapping++;
    auto fail = [&](const Error& error) {
        recordEvent(mid, RecordKind::Error, error.message(), error.sysErrno(), &m_upstream,
                    RecordFlag::Upstream);
        EngineEvent ev;
        ev.kind = EngineEvent::Kind::Error;
        ev.session = id();
        ev.connection = mid;
        ev.state = SessionState::Failed;
        ev.error = error;
        host().emit(std::move(ev));
        ++m_book.extra().upstreamFailures;
        return nullptr;
    };
    auto fd = sockops::openSocket(request().spec);
    if (!fd) {
        return fail(fd.error());
    }
    if (sockops::isUnixFamily(request().spec.family)) {
        // An unbound Unix datagram socket can send but not be answered.
        if (auto st = sockops::autobindUnix(fd->get(), m_upstream.toString()); !st) {
            return fail(st.error());
        }
    }
    if (auto c = sockops::connectStart(fd->get(), m_upstream); !c) {
        return fail(c.error());
    }
    Mapping m;
    m.id = mid;
    m.client = client;
    m.local = sockops::localAddress(fd->get());
    m.fd = std::move(*fd);
    m.lastActiveNs = monotonicNs();
    const int raw = m.fd.get();
    auto [it, inserted] = m_mappings.emplace(mid, std::move(m));
    m_byClient.emplace(key, mid);
    if (auto st = host().loop().watch(raw, readInterest(),
                                      [this, mid](std::uint32_t ev) {
                                          auto found = m_mappings.find(mid);
                                          if (found == m_mappings.end()) {
                                              return;
                                          }
                                          if (ev & LoopEvent::Writable) {
                                              flushToServer(found->second);
                                          }
                                          if (ev & (LoopEvent::Readable | LoopEvent::Error)) {
                                              readUpstream(found->second);
                                          }
                                          if ((ev & LoopEvent::Error) && !m_reading) {
                                              takeError(found->second);
                                          }
                                      });
        !st) {
        m_mappings.erase(mid);
        m_byClient.erase(key);
        return fail(st.error());
    }
    ++m_book.extra().pairsTotal;
    recordEvent(mid, RecordKind::Accepted,
                trArgs(SL_TR("socklab", "%1 -> %2; upstream %3 -> %4"), client.toString(),
                       m_local.toString(), it->second.local.toString(), m_upstream.toString()),
                0, &it->second.client);
    EngineEvent e;
    e.kind = EngineEvent::Kind::Accepted;
    e.session = id();
    e.connection = mid;
    e.state = SessionState::Connected;
    e.local = m_local.toString();
    e.peer = client.toString();
    e.text = it->second.local.toString() + " -> " + m_upstream.toString();
    host().emit(std::move(e));
    m_book.touch();
    return &it->second;
}

void DatagramRelay::readClients() {
    auto buffer = host().ioBuffer();
    const std::size_t slots =
        std::max<std::size_t>(1, std::min(kSlots, buffer.size() / kSlotBytes));
    std::array<sockops::Datagram, kSlots> got{};
    std::size_t total = 0;
    for (int b = 0; b < kBatchesPerWakeup && total < kBytesPerWakeup && m_fd.valid(); ++b) {
        if (m_book.holdFull()) {
            updateReading();
            return;
        }
        auto r = sockops::recvBatch(m_fd.get(), buffer.first(slots * kSlotBytes), kSlotBytes,
                                    std::span(got).first(slots), m_local.toString());
        if (!r) {
            reportError(0, r.error(), SessionState::Bound);
            return;
        }
        if (*r == 0) {
            return;
        }
        // Copy out first: entered() may send, and sends do not touch the buffer, but a new
        // mapping's records must not race the batch either way.
        for (std::size_t i = 0; i < *r; ++i) {
            const auto& d = got[i];
            total += d.length;
            if (d.kernelDrops && *d.kernelDrops > m_kernelDrops) {
                const auto fresh = *d.kernelDrops - m_kernelDrops;
                m_kernelDrops = *d.kernelDrops;
                emitWarning(0, trArgs(SL_TR("socklab",
                                            "kernel dropped %1 datagram(s) at the relay's socket "
                                            "(receive buffer full), %2 in all"),
                                      fresh, m_kernelDrops));
            }
            Mapping* m = mappingFor(d.peer);
            if (!m) {
                continue;
            }
            entered(RelayDirection::ToServer, *m, buffer.subspan(i * kSlotBytes, d.length),
                    d.truncated ? RecordFlag::Truncated : 0, d.wireLength);
        }
        if (*r < slots) {
            return;
        }
    }
}

void DatagramRelay::takeError(Mapping& m) {
    // An ICMP error on the upstream socket while reading is stopped: taken here, or the
    // level-triggered EPOLLERR would fire again at once.
    if (const int err = sockops::takePendingError(m.fd.get()); err != 0) {
        recordEvent(m.id, RecordKind::Error, sysError(err, "recv", m_upstream.toString()).message(),
                    err, &m_upstream, RecordFlag::Upstream);
    }
}

void DatagramRelay::readUpstream(Mapping& m) {
    auto buffer = host().ioBuffer();
    const std::size_t slots =
        std::max<std::size_t>(1, std::min(kSlots, buffer.size() / kSlotBytes));
    std::array<sockops::Datagram, kSlots> got{};
    const ConnectionId mid = m.id;
    for (int b = 0; b < kBatchesPerWakeup; ++b) {
        if (m_book.holdFull()) {
            updateReading();
            return;
        }
        auto r = sockops::recvBatch(m.fd.get(), buffer.first(slots * kSlotBytes), kSlotBytes,
                                    std::span(got).first(slots), m_upstream.toString());
        if (!r) {
            // Connected UDP: the server's port is closed (ICMP port unreachable).
            recordEvent(mid, RecordKind::Error, r.error().message(), r.error().sysErrno(),
                        &m_upstream, RecordFlag::Upstream);
            EngineEvent ev;
            ev.kind = EngineEvent::Kind::Error;
            ev.session = id();
            ev.connection = mid;
            ev.state = SessionState::Connected;
            ev.error = r.error();
            host().emit(std::move(ev));
            return;
        }
        if (*r == 0) {
            return;
        }
        for (std::size_t i = 0; i < *r; ++i) {
            auto it = m_mappings.find(mid);
            if (it == m_mappings.end()) {
                return;
            }
            entered(RelayDirection::ToClient, it->second,
                    buffer.subspan(i * kSlotBytes, got[i].length),
                    got[i].truncated ? RecordFlag::Truncated : 0, got[i].wireLength);
        }
        if (*r < slots) {
            return;
        }
    }
}

void DatagramRelay::entered(RelayDirection d, Mapping& m, std::span<const std::byte> bytes,
                            std::uint16_t flags, std::uint64_t wireLength) {
    m.lastActiveNs = monotonicNs();
    const Endpoint* peer = d == RelayDirection::ToServer ? &m.client : &m_upstream;
    const std::uint64_t seq = recordData(m.id, captureDirection(d), bytes, peer, flags, wireLength);
    if (m_book.holding(d)) {
        m_book.hold(m.id, d, std::vector<std::byte>(bytes.begin(), bytes.end()), seq);
        updateReading();
        return;
    }
    push(d, m, std::vector<std::byte>(bytes.begin(), bytes.end()));
}

void DatagramRelay::push(RelayDirection d, Mapping& m, std::vector<std::byte> bytes) {
    std::vector<ImpairmentNote> notes;
    way(d).pipeline.push(std::move(bytes), m.id, monotonicNs(), notes);
    recordNotes(*this, m.id, d, notes, true);
    pump(d);
    m_book.touch();
}

void DatagramRelay::pump(RelayDirection d) {
    std::vector<DatagramPipeline::Output> out;
    way(d).pipeline.takeDue(monotonicNs(), out);
    for (auto& o : out) {
        auto it = m_mappings.find(ConnectionId(o.tag));
        if (it != m_mappings.end()) {
            deliver(d, it->second, o.bytes);
        }
    }
    schedule(d);
}

void DatagramRelay::schedule(RelayDirection d) {
    Way& w = way(d);
    armDueTimer(host().loop(), w.timer, w.pipeline, [this, d] {
        pump(d);
        m_book.touch();
    });
}

void DatagramRelay::deliver(RelayDirection d, Mapping& m, std::span<const std::byte> bytes) {
    const std::size_t limit = request().relay.bufferBytes;
    if (d == RelayDirection::ToServer) {
        if (m.toServerQueue.empty()) {
            auto r = sockops::sendTo(m.fd.get(), bytes, nullptr, m_upstream.toString());
            if (r && !r->wouldBlock) {
                return;
            }
            if (!r) {
                m_book.countUnsent(d);
                recordEvent(m.id, RecordKind::Error, r.error().message(), r.error().sysErrno(),
                            &m_upstream, RecordFlag::Upstream);
                return;
            }
        }
        if (m.queuedBytes + bytes.size() > limit) {
            m_book.countUnsent(d);
            recordEvent(
                m.id, RecordKind::Info,
                trArgs(SL_TR("socklab", "upstream send queue full (%1 bytes): datagram dropped"),
                       m.queuedBytes),
                0, nullptr, RecordFlag::Impaired);
            return;
        }
        m.toServerQueue.emplace_back(bytes.begin(), bytes.end());
        m.queuedBytes += bytes.size();
        (void)host().loop().modify(m.fd.get(), readInterest() | LoopEvent::Writable);
        return;
    }
    if (m.client.kind() == AddressKind::UnixUnnamed) {
        m_book.countUnsent(d);
        recordEvent(
            m.id, RecordKind::Error,
            SL_TR("socklab", "reply not relayed: the client's Unix socket has no name to send to"),
            0, nullptr, 0);
        return;
    }
    if (m_toClientQueue.empty()) {
        auto r = sockops::sendTo(m_fd.get(), bytes, &m.client, m.client.toString());
        if (r && !r->wouldBlock) {
            return;
        }
        if (!r) {
            m_book.countUnsent(d);
            recordEvent(m.id, RecordKind::Error, r.error().message(), r.error().sysErrno(),
                        &m.client);
            return;
        }
    }
    if (m_toClientQueued + bytes.size() > limit) {
        m_book.countUnsent(d);
        recordEvent(m.id, RecordKind::Info,
                    trArgs(SL_TR("socklab", "client send queue full (%1 bytes): datagram dropped"),
                           m_toClientQueued),
                    0, nullptr, RecordFlag::Impaired);
        return;
    }
    m_toClientQueue.emplace_back(m.client, std::vector<std::byte>(bytes.begin(), bytes.end()));
    m_toClientQueued += bytes.size();
    (void)host().loop().modify(m_fd.get(), readInterest() | LoopEvent::Writable);
}

void DatagramRelay::flushToServer(Mapping& m) {
    while (!m.toServerQueue.empty()) {
        auto& front = m.toServerQueue.front();
        auto r = sockops::sendTo(m.fd.get(), front, nullptr, m_upstream.toString());
        if (r && r->wouldBlock) {
            return;
        }
        if (!r) {
            m_book.countUnsent(RelayDirection::ToServer);
            recordEvent(m.id, RecordKind::Error, r.error().message(), r.error().sysErrno(),
                        &m_upstream, RecordFlag::Upstream);
        }
        m.queuedBytes -= front.size();
        m.toServerQueue.pop_front();
    }
    (void)host().loop().modify(m.fd.get(), readInterest());
}

void DatagramRelay::flushToClients() {
    while (!m_toClientQueue.empty()) {
        auto& [client, bytes] = m_toClientQueue.front();
        auto r = sockops::sendTo(m_fd.get(), bytes, &client, client.toString());
        if (r && r->wouldBlock) {
            return;
        }
        if (!r) {
            m_book.countUnsent(RelayDirection::ToClient);
            recordEvent(0, RecordKind::Error, r.error().message(), r.error().sysErrno(), &client);
        }
        m_toClientQueued -= bytes.size();
        m_toClientQueue.pop_front();
    }
    (void)host().loop().modify(m_fd.get(), readInterest());
}

std::uint32_t DatagramRelay::readInterest() const {
    return m_reading ? LoopEvent::Readable : 0u;
}

void DatagramRelay::updateReading() {
    // A full hold queue stops reading every socket (level-triggered epoll would otherwise spin
    // on them); the kernel keeps, or drops and counts, what arrives meanwhile.
    const bool reading = !m_book.holdFull();
    if (reading == m_reading) {
        return;
    }
    m_reading = reading;
    recordEvent(0, RecordKind::Info,
                reading ? SL_TR("socklab", "hold queue below its limit: reading again")
                        : SL_TR("socklab", "hold queue full: reading stopped"),
                0, nullptr, RecordFlag::Impaired);
    if (m_fd.valid()) {
        (void)host().loop().modify(
            m_fd.get(), readInterest() | (m_toClientQueue.empty() ? 0u : LoopEvent::Writable));
    }
    for (auto& [mid, m] : m_mappings) {
        (void)host().loop().modify(
            m.fd.get(), readInterest() | (m.toServerQueue.empty() ? 0u : LoopEvent::Writable));
    }
    m_book.touch();
}

void DatagramRelay::expireIdle() {
    const std::int64_t now = monotonicNs();
    const std::int64_t idleNs = std::int64_t(request().relay.idleTimeout_ms) * 1'000'000;
    std::vector<ConnectionId> idle;
    for (const auto& [mid, m] : m_mappings) {
        if (now - m.lastActiveNs >= idleNs &&
            m_book.heldCount(mid, RelayDirection::ToServer) == 0 &&
            m_book.heldCount(mid, RelayDirection::ToClient) == 0) {
            idle.push_back(mid);
        }
    }
    for (ConnectionId mid : idle) {
        ++m_book.extra().expired;
        closeMapping(mid, trArgs(SL_TR("socklab", "mapping expired after %1 ms idle"),
                                 request().relay.idleTimeout_ms));
    }
}

void DatagramRelay::closeMapping(ConnectionId mid, const std::string& why) {
    auto it = m_mappings.find(mid);
    if (it == m_mappings.end()) {
        return;
    }
    m_toServer.pipeline.discardTag(mid);
    m_toClient.pipeline.discardTag(mid);
    m_book.forget(mid);
    host().loop().unwatch(it->second.fd.get());
    const Endpoint client = it->second.client;
    m_byClient.erase(client.toString());
    m_mappings.erase(it);
    recordEvent(mid, RecordKind::Closed, why, 0, &client);
    EngineEvent e;
    e.kind = EngineEvent::Kind::StateChanged;
    e.session = id();
    e.connection = mid;
    e.state = SessionState::Closed;
    e.local = m_local.toString();
    e.peer = client.toString();
    e.text = why;
    host().emit(std::move(e));
    m_book.touch();
    updateReading(); // its held messages are gone: the hold queue may have room again
    m_mappingsFullWarned = false;
}

void DatagramRelay::collect(RelayFigures& f) const {
    f.toServer = m_toServer.pipeline.counters();
    f.toClient = m_toClient.pipeline.counters();
    f.pairs = m_mappings.size();
}

void DatagramRelay::close(ConnectionId connection, bool) {
    if (connection == 0 || connection == kAllConnections) {
        std::vector<ConnectionId> ids;
        for (const auto& [mid, m] : m_mappings) {
            ids.push_back(mid);
        }
        for (ConnectionId mid : ids) {
            closeMapping(mid, SL_TR("socklab", "closed by the user"));
        }
        if (connection == kAllConnections || !m_fd.valid()) {
            return;
        }
        if (m_idleTimer != 0) {
            host().loop().cancelTimer(m_idleTimer);
            m_idleTimer = 0;
        }
        closeOwnSocket();
        return;
    }
    if (!m_mappings.contains(connection)) {
        reportError(connection,
                    inputError("close", trArgs(SL_TR("socklab", "mapping %1"), connection),
                               SL_TR("socklab", "no such open mapping")),
                    m_fd.valid() ? SessionState::Bound : SessionState::Closed);
        return;
    }
    closeMapping(connection, SL_TR("socklab", "closed by the user"));
}

void DatagramRelay::setImpairment(const SetImpairment& command) {
    m_book.setImpairment(command.direction, command.impairment);
    way(command.direction).pipeline.setSettings(command.impairment);
    pump(command.direction);
}

void DatagramRelay::releaseHeld(ReleaseHeld& command) {
    const char* how = command.drop     ? SL_N("socklab", "dropped")
                      : command.edited ? SL_N("socklab", "edited")
                                       : SL_N("socklab", "released");
    auto taken = m_book.take(command.direction, command.heldId, how);
    for (HeldMessage& m : taken) {
        auto it = m_mappings.find(m.connection);
        if (it == m_mappings.end()) {
            continue;
        }
        if (command.drop) {
            m_book.countHeldDropped(command.direction);
            recordEvent(
                m.connection, RecordKind::Info,
                trArgs(SL_TR("socklab", "dropped held #%1 (%2 bytes)"), m.id, m.bytes.size()), 0,
                nullptr, RecordFlag::Impaired);
            continue;
        }
        if (command.edited) {
            recordData(m.connection, captureDirection(command.direction), command.bytes, nullptr,
                       RecordFlag::Edited);
            recordEvent(m.connection, RecordKind::Info,
                        trArgs(SL_TR("socklab", "edited held #%1 (%2 -> %3 bytes) and released"),
                               m.id, m.bytes.size(), command.bytes.size()),
                        0, nullptr, RecordFlag::Impaired);
            push(command.direction, it->second, command.bytes);
        } else {
            recordEvent(m.connection, RecordKind::Info,
                        trArgs(SL_TR("socklab", "released held #%1"), m.id), 0, nullptr,
                        RecordFlag::Impaired);
            push(command.direction, it->second, std::move(m.bytes));
        }
    }
    updateReading();
}

void DatagramRelay::inject(InjectData& command) {
    std::vector<ConnectionId> targets;
    for (const auto& [mid, m] : m_mappings) {
        if (command.connection == kAllConnections || command.connection == mid) {
            targets.push_back(mid);
        }
    }
    if (targets.empty()) {
        reportError(
            command.connection,
            inputError(SL_TR("socklab", "inject"),
                       trArgs(SL_TR("socklab", "mapping %1"), command.connection),
                       SL_TR("socklab", "no such client mapping (a client must send first)")),
            m_fd.valid() ? SessionState::Bound : SessionState::Closed);
        return;
    }
    for (ConnectionId mid : targets) {
        Mapping& m = m_mappings.at(mid);
        recordData(mid, captureDirection(command.direction), command.bytes, nullptr,
                   RecordFlag::Injected);
        m_book.countInjected(command.direction);
        push(command.direction, m, command.bytes);
    }
}

} // namespace socklab
