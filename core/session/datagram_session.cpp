#include "core/session/datagram_session.h"

#include "core/base/translate.h"
#include "core/net/multicast_group.h"
#include "core/net/options.h"
#include "core/net/socket_ops.h"
#include "core/session/icmp_pinger.h"

#include <algorithm>
#include <array>
#include <cerrno>

namespace socklab {

namespace {

// recvmmsg batch geometry: 16 slots of 64 KiB (the largest UDP payload fits in one slot).
constexpr std::size_t kSlots = 16;
constexpr std::size_t kDefaultSlotBytes = 65536;
// Per readiness event, at most this many datagrams and about this many bytes, so that a flood
// into one socket cannot starve the others (level-triggered: we come back next iteration).
// A datagram socket gets a longer turn than a stream connection (1 MiB, about a millisecond):
// what does not fit its receive buffer is lost, while a stream's sender only slows down. With
// 256 datagrams a turn, a 200k pps stream beside a captured TCP flood lost 70% (one TCP turn
// with its spill took ~7 ms there, so ~1400 datagrams arrived per loop iteration); 4096 at
// a microsecond or two each hands the thread on after a few milliseconds of CPU.
constexpr std::size_t kDatagramsPerWakeup = 4096;
constexpr std::size_t kBytesPerWakeup = 4u << 20;
// SO_RCVBUF asked for when the request sets none: the kernel's default (~208 KiB) fills in a
// few milliseconds of a loopback flood. The kernel caps it at net.core.rmem_max.
constexpr int kDefaultRcvBufBytes = 4 << 20;

std::uint16_t addressFlags(const Endpoint& ep) {
    if (ep.isMulticast()) {
        return RecordFlag::Multicast;
    }
    return sockops::isBroadcastAddress(ep) ? RecordFlag::Broadcast : 0;
}

} // namespace

DatagramSession::DatagramSession(SessionHost& host, SessionId id, OpenSession request,
                                 std::shared_ptr<TrafficStore> store)
    : Session(host, id, std::move(request), std::move(store)) {}

DatagramSession::~DatagramSession() {
    m_pinger.reset();
    if (m_fd.valid()) {
        host().loop().unwatch(m_fd.get());
        m_fd.reset();
        removeSocketFile();
    }
}

int DatagramSession::fdOf(ConnectionId connection) const {
    return connection == 0 ? m_fd.get() : -1;
}

bool DatagramSession::openSocket() {
    auto fd = openConfiguredSocket();
    if (!fd && sockops::isIcmpEcho(request().spec) &&
        sockops::isPlainDatagramType(request().spec.type) &&
        (fd.error().sysErrno() == EACCES || fd.error().sysErrno() == EPERM)) {
        // Unprivileged ping sockets are off (net.ipv4.ping_group_range); a raw socket works
        // when we hold CAP_NET_RAW (there, or in the lab host the request places it in).
        const Error first = fd.error();
        SocketSpec raw = request().spec;
        raw.type = sockops::rawType();
        auto rawFd = makeSocket(raw);
        if (rawFd) {
            recordEvent(0, RecordKind::Opened, openedText(raw, rawFd->get()));
            emitWarning(0, trArgs(SL_TR("socklab", "%1; using %2 instead"), first.message(),
                                  describe(raw)));
            fd = std::move(rawFd);
        }
    }
    if (!fd) {
        reportError(0, fd.error(), SessionState::Failed);
        emitState(0, SessionState::Failed);
        return false;
    }
    m_fd = std::move(*fd);
    configureReceive();
    return true;
}

void DatagramSession::configureReceive() {
    const auto& options = request().options;
    const bool userRcvBuf = std::ranges::any_of(
        options, [](const OptionSetting& o) { return o.id == OptionId::RcvBuf; });
    if (!userRcvBuf) {
        // Reported like a requested option, so the read-back shows the effective size.
        if (auto r = applyOption(m_fd.get(), request().spec.family,
                                 OptionSetting{OptionId::RcvBuf, kDefaultRcvBufBytes});
            r) {
            reportApplied(0, *r, true);
        } else {
            recordEvent(
                0, RecordKind::Info,
                trArgs(SL_TR("socklab", "default SO_RCVBUF not set: %1"), r.error().message()));
        }
    }
    if (auto st = sockops::enableDropCounter(m_fd.get(), socketLabel(m_fd.get())); !st) {
        emitWarning(0, trArgs(SL_TR("socklab", "%1; kernel drops will not be counted"),
                              st.error().message()));
    }
}

void DatagramSession::noteKernelDrops(std::uint32_t total) {
    // The counter is the socket's cumulative sk_drops when the datagram was queued, so the
    // drops it reveals happened before this datagram: recorded ahead of it.
    if (total <= m_kernelDrops) {
        return;
    }
    const std::uint64_t fresh = total - m_kernelDrops;
    m_kernelDrops = total;
    std::string text = trArgs(
        fresh == 1 ? SL_TR("socklab",
                           "%1 datagram dropped by the kernel (receive buffer full; %2 in total)")
                   : SL_TR("socklab",
                           "%1 datagrams dropped by the kernel (receive buffer full; %2 in total)"),
        fresh, total);
    recordEvent(0, RecordKind::Info, text);
    EngineEvent e;
    e.kind = EngineEvent::Kind::Warning;
    e.session = id();
    e.text = std::move(text);
    e.kernelDrops = total;
    host().emit(std::move(e));
}

void DatagramSession::start() {
    if (request().role == Role::Listen) {
        reportError(0,
                    sysError(EOPNOTSUPP, "listen", describe(request().spec),
                             SL_TR("socklab", "datagram sockets do not listen; use Bind")),
                    SessionState::Failed);
        emitState(0, SessionState::Failed);
        return;
    }
    if (!openSocket()) {
        return;
    }
    if (request().local.empty()) {
        afterBind();
        return;
    }
    lookup(request().local, true, [this, alive = aliveToken()](Result<std::vector<Endpoint>> r) {
        if (alive.expired() || !m_fd.valid()) {
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
        if (auto st = bindLocal(m_fd.get(), r->front()); !st) {
            reportError(0, st.error(), SessionState::Failed);
            emitState(0, SessionState::Failed);
            host().loop().unwatch(m_fd.get());
            m_fd.reset();
            return;
        }
        m_local = sockops::localAddress(m_fd.get());
        if (m_local.empty()) {
            m_local = r->front();
        }
        recordEvent(0, RecordKind::Bound, m_local.toString());
        afterBind();
    });
}

void DatagramSession::afterBind() {
    if (auto st = host().loop().watch(m_fd.get(), LoopEvent::Readable,
                                      [this](std::uint32_t ev) { onEvents(ev); });
        !st) {
        reportError(0, st.error(), SessionState::Failed);
        emitState(0, SessionState::Failed);
        return;
    }
    readBackOptions(m_fd.get(), false);
    // Joined before the Bound/Connected state, so a consumer that starts sending on that state
    // finds the memberships in effect.
    for (const MulticastGroup& g : request().multicastGroups) {
        changeMembership(g, true);
    }
    if (request().role == Role::Connect && !request().remote.empty()) {
        m_connectAtOpen = true;
        connectDatagram(request().remote);
        return;
    }
    emitState(0, SessionState::Bound, sockops::localAddress(m_fd.get()));
}

void DatagramSession::connectFailed(const Error& error) {
    if (!m_connectAtOpen) {
        // A later connect (ConnectDatagram) leaves the socket as it was.
        reportError(0, error, m_remote.empty() ? SessionState::Bound : SessionState::Connected);
        return;
    }
    // The open asked for a connected socket: without its peer the open failed, as for a
    // stream client, and consumers waiting for Connected learn it from the Failed state.
    m_connectAtOpen = false;
    reportError(0, error, SessionState::Failed);
    host().loop().unwatch(m_fd.get());
    m_fd.reset();
    removeSocketFile();
    emitState(0, SessionState::Failed, m_local, {});
}

void DatagramSession::connectDatagram(const std::string& remote) {
    if (!m_fd.valid()) {
        reportError(0, sysError(EBADF, "connect", remote, SL_TR("socklab", "the socket is closed")),
                    SessionState::Closed);
        return;
    }
    if (remote.empty()) {
        if (auto st = sockops::disconnect(m_fd.get(), m_remote.toString()); !st) {
            reportError(0, st.error(), SessionState::Connected);
            return;
        }
        recordEvent(0, RecordKind::Info,
                    trArgs(SL_TR("socklab", "disconnected from %1"), m_remote.toString()));
        m_remote = {};
        emitState(0, SessionState::Bound, sockops::localAddress(m_fd.get()));
        return;
    }
    lookup(remote, false, [this, remote, alive = aliveToken()](Result<std::vector<Endpoint>> r) {
        if (alive.expired() || !m_fd.valid()) {
            return;
        }
        if (!r || r->empty()) {
            connectFailed(r ? inputError(SL_TR("socklab", "resolve"), remote,
                                         SL_TR("socklab", "no addresses"))
                            : r.error());
            return;
        }
        doConnect(r->front());
    });
}

void DatagramSession::doConnect(const Endpoint& remote) {
    // connect() on a datagram socket completes at once (it only sets the default peer).
    auto r = sockops::connectStart(m_fd.get(), remote);
    if (!r) {
        connectFailed(r.error());
        return;
    }
    m_connectAtOpen = false;
    m_remote = remote;
    const Endpoint local = sockops::localAddress(m_fd.get());
    recordEvent(0, RecordKind::Connected, local.toString() + " -> " + remote.toString(), 0,
                &remote);
    readBackOptions(m_fd.get(), true);
    emitState(0, SessionState::Connected, local, remote);
}

void DatagramSession::onEvents(std::uint32_t events) {
    if (events & (LoopEvent::Readable | LoopEvent::Error)) {
        readBatches();
    }
    if (m_fd.valid() && (events & LoopEvent::Error)) {
        // An ICMP error (connected UDP) that recvmmsg did not already report.
        if (const int err = sockops::takePendingError(m_fd.get()); err != 0) {
            reportError(0,
                        sysError(err, "recv",
                                 m_remote.empty() ? socketLabel(m_fd.get()) : m_remote.toString()),
                        m_remote.empty() ? SessionState::Bound : SessionState::Connected);
        }
    }
    if (m_fd.valid() && (events & LoopEvent::Writable)) {
        flushQueue();
    }
}

void DatagramSession::readBatches() {
    // Under overload the kernel's drop counter grows from batch to batch: one note (and one
    // Warning) ahead of the first datagram of the turn that reveals new drops, one at the end
    // of the turn for what the rest revealed; not one per batch (each repaints the tab).
    std::uint32_t laterDrops = 0;
    readTurn(laterDrops);
    if (laterDrops > m_kernelDrops) {
        noteKernelDrops(laterDrops);
    }
}

void DatagramSession::readTurn(std::uint32_t& laterDrops) {
    const std::size_t slotBytes =
        request().datagramBufferBytes > 0 ? request().datagramBufferBytes : kDefaultSlotBytes;
    auto buffer = host().ioBuffer();
    const std::size_t slots = std::max<std::size_t>(1, std::min(kSlots, buffer.size() / slotBytes));
    std::array<sockops::Datagram, kSlots> got{};
    std::size_t total = 0;
    bool noted = false;
    // recvBatch names it only in an error; it costs a getsockname and a format, so it is built
    // once a turn, not once a batch.
    const std::string object = m_remote.empty() ? socketLabel(m_fd.get()) : m_remote.toString();
    for (std::size_t count = 0;
         count < kDatagramsPerWakeup && total < kBytesPerWakeup && m_fd.valid();) {
        auto r =
            sockops::recvBatch(m_fd.get(), buffer.first(std::min(buffer.size(), slots * slotBytes)),
                               slotBytes, std::span(got).first(slots), object);
        if (!r) {
            // Connected UDP: the ICMP port unreachable of an earlier send lands here.
            reportError(0, r.error(),
                        m_remote.empty() ? SessionState::Bound : SessionState::Connected);
            return;
        }
        if (*r == 0) {
            return;
        }
        count += *r;
        for (std::size_t i = 0; i < *r; ++i) {
            const auto& d = got[i];
            const auto bytes = buffer.subspan(i * slotBytes, d.length);
            total += d.length;
            if (d.kernelDrops && *d.kernelDrops > m_kernelDrops) {
                if (!noted) {
                    noteKernelDrops(*d.kernelDrops);
                    noted = true;
                } else {
                    laterDrops = std::max(laterDrops, *d.kernelDrops);
                }
            }
            std::uint16_t flags = d.truncated ? RecordFlag::Truncated : 0;
            if (sockops::isIcmpEcho(request().spec)) {
                flags |= RecordFlag::Icmp;
            }
            const Endpoint* peer = d.peer.empty() ? nullptr : &d.peer;
            recordData(0, Direction::In, bytes, peer, flags, d.wireLength);
            if (m_pinger) {
                m_pinger->onPacket(bytes, d.peer);
            }
            datagramReceived(bytes, d.peer, !m_remote.empty(), m_local);
            if (!m_fd.valid()) {
                return;
            }
        }
        if (*r < slots) {
            return;
        }
    }
}

bool DatagramSession::sendDatagram(std::span<const std::byte> bytes, const Endpoint* dest,
                                   std::uint16_t flags) {
    if (!m_queue.empty()) {
        m_queue.push_back(Queued{{bytes.begin(), bytes.end()}, dest ? *dest : Endpoint{}, flags});
        return true;
    }
    auto r = sockops::sendTo(m_fd.get(), bytes, dest,
                             m_remote.empty() ? SL_TR("socklab", "(not connected)")
                                              : m_remote.toString());
    if (!r) {
        reportError(0, r.error(), m_remote.empty() ? SessionState::Bound : SessionState::Connected);
        return false;
    }
    if (r->wouldBlock) {
        m_queue.push_back(Queued{{bytes.begin(), bytes.end()}, dest ? *dest : Endpoint{}, flags});
        updateInterest();
        return true;
    }
    const Endpoint* peer = dest && !dest->empty() ? dest : (m_remote.empty() ? nullptr : &m_remote);
    recordData(0, Direction::Out, bytes.first(r->bytes), peer,
               static_cast<std::uint16_t>(flags | (peer ? addressFlags(*peer) : 0)));
    return true;
}

void DatagramSession::flushQueue() {
    while (m_fd.valid() && !m_queue.empty()) {
        Queued& q = m_queue.front();
        auto r = sockops::sendTo(m_fd.get(), q.bytes, q.dest.empty() ? nullptr : &q.dest,
                                 m_remote.toString());
        if (!r) {
            reportError(0, r.error(),
                        m_remote.empty() ? SessionState::Bound : SessionState::Connected);
            m_queue.pop_front();
            continue;
        }
        if (r->wouldBlock) {
            break;
        }
        const Endpoint* peer = !q.dest.empty() ? &q.dest : (m_remote.empty() ? nullptr : &m_remote);
        recordData(0, Direction::Out, std::span<const std::byte>(q.bytes).first(r->bytes), peer,
                   static_cast<std::uint16_t>(q.flags | (peer ? addressFlags(*peer) : 0)));
        m_queue.pop_front();
    }
    updateInterest();
}

void DatagramSession::updateInterest() {
    if (m_fd.valid()) {
        (void)host().loop().modify(m_fd.get(), LoopEvent::Readable |
                                                   (m_queue.empty() ? 0u : LoopEvent::Writable));
    }
}

void DatagramSession::sendResolved(std::vector<std::byte> bytes, const Endpoint& dest) {
    sendDatagram(bytes, dest.empty() ? nullptr : &dest, 0);
}

void DatagramSession::send(SendData& command) {
    if (!m_fd.valid()) {
        reportError(0,
                    sysError(EBADF, "send", describe(request().spec),
                             SL_TR("socklab", "the socket is closed")),
                    SessionState::Closed);
        return;
    }
    if (command.oob) {
        unsupported(0, "send(MSG_OOB)");
        return;
    }
    if (command.destination.empty()) {
        sendResolved(std::move(command.bytes), Endpoint{});
        return;
    }
    lookup(command.destination, false,
           [this, bytes = std::move(command.bytes), dest = command.destination,
            alive = aliveToken()](Result<std::vector<Endpoint>> r) mutable {
               if (alive.expired() || !m_fd.valid()) {
                   return;
               }
               if (!r || r->empty()) {
                   reportError(0,
                               r ? inputError(SL_TR("socklab", "resolve"), dest,
                                              SL_TR("socklab", "no addresses"))
                                 : r.error(),
                               m_remote.empty() ? SessionState::Bound : SessionState::Connected);
                   return;
               }
               sendResolved(std::move(bytes), r->front());
           });
}

void DatagramSession::close(ConnectionId connection, bool) {
    if (connection != 0 && connection != kAllConnections) {
        unsupported(connection, SL_TR("socklab", "close of a child connection"));
        return;
    }
    if (!m_fd.valid()) {
        return;
    }
    m_pinger.reset();
    respondersSocketClosed();
    host().loop().unwatch(m_fd.get());
    m_fd.reset();
    m_queue.clear();
    removeSocketFile();
    recordEvent(0, RecordKind::Closed, SL_TR("socklab", "closed"));
    emitState(0, SessionState::Closed, m_local, m_remote);
}

void DatagramSession::multicast(const MulticastMembership& command) {
    changeMembership(MulticastGroup{command.group, command.interface}, command.join);
}

void DatagramSession::changeMembership(const MulticastGroup& membership, bool join) {
    const std::string op =
        join ? SL_TR("socklab", "join multicast") : SL_TR("socklab", "leave multicast");
    const SessionState state = m_remote.empty() ? SessionState::Bound : SessionState::Connected;
    const auto failed = [&](const Error& error, SessionState s) {
        recordEvent(0, RecordKind::Error, error.message(), error.sysErrno());
        EngineEvent e;
        e.kind = EngineEvent::Kind::Error;
        e.session = id();
        e.state = s;
        e.error = error;
        e.membership = membership;
        e.joined = join;
        host().emit(std::move(e));
    };
    if (!m_fd.valid()) {
        failed(sysError(EBADF, op, membership.group, SL_TR("socklab", "the socket is closed")),
               SessionState::Closed);
        return;
    }
    auto group = parseMulticastGroup(membership.group, request().spec.family, op);
    if (!group) {
        failed(group.error(), state);
        return;
    }
    if (auto st = sockops::multicastMembership(m_fd.get(), *group, membership.interface, join);
        !st) {
        failed(st.error(), state);
        return;
    }
    recordEvent(
        0, RecordKind::Info,
        membership.interface.empty()
            ? trArgs(join ? SL_TR("socklab", "joined %1") : SL_TR("socklab", "left %1"),
                     group->host())
            : trArgs(join ? SL_TR("socklab", "joined %1 on %2") : SL_TR("socklab", "left %1 on %2"),
                     group->host(), membership.interface),
        0, nullptr, RecordFlag::Multicast);
    EngineEvent e;
    e.kind = EngineEvent::Kind::MembershipChanged;
    e.session = id();
    e.state = state;
    e.membership = MulticastGroup{group->host(), membership.interface};
    e.joined = join;
    host().emit(std::move(e));
}

void DatagramSession::ping(const Ping& command) {
    if (!m_fd.valid() || !sockops::isIcmpEcho(request().spec)) {
        unsupported(0, SL_TR("socklab", "ping"));
        return;
    }
    if (!m_pinger) {
        m_pinger = std::make_unique<IcmpPinger>(*this);
    }
    std::string target = command.target.empty() ? request().remote : command.target;
    if (target.empty() && !m_remote.empty()) {
        target = m_remote.host();
    }
    Ping p = command;
    lookup(target, false, [this, p, target, alive = aliveToken()](Result<std::vector<Endpoint>> r) {
        if (alive.expired() || !m_pinger) {
            return;
        }
        if (!r || r->empty()) {
            reportError(0,
                        r ? inputError(SL_TR("socklab", "resolve"), target,
                                       SL_TR("socklab", "no addresses"))
                          : r.error(),
                        SessionState::Bound);
            return;
        }
        m_pinger->start(p, r->front());
    });
}

} // namespace socklab
