#include "core/session/session.h"

#include "core/base/translate.h"
#include "core/net/options.h"
#include "core/net/resolver.h"
#include "core/net/socket_ops.h"
#include "core/net/socket_spec.h"
#include "core/session/responder_runner.h"
#include "core/session/series_sender.h"

#include <algorithm>
#include <cerrno>

namespace socklab {

Session::Session(SessionHost& host, SessionId id, OpenSession request,
                 std::shared_ptr<TrafficStore> store)
    : m_host(host), m_id(id), m_request(std::move(request)), m_store(std::move(store)) {
    if (!m_request.responders.empty()) {
        // makeSession checked the rules; a failure here would be a bug, and then no rules run.
        if (auto responder = Responder::create(m_request.responders)) {
            m_responders = std::make_unique<ResponderRunner>(*this, std::move(*responder));
            m_responders->reportHits(); // the rules are in place, none hit yet
        }
    }
}

Session::~Session() {
    m_socketFile.removeIfOurs();
}

Status Session::bindLocal(int fd, const Endpoint& local) {
    auto bound = bindWithSafeguards(fd, local, m_request.unixMode);
    if (!bound) {
        return fail(bound.error());
    }
    if (!bound->note.empty()) {
        emitWarning(0, bound->note);
    }
    if (!bound->file.empty()) {
        m_socketFile.removeIfOurs();
        m_socketFile = std::move(bound->file);
    }
    return {};
}

void Session::removeSocketFile() {
    m_socketFile.removeIfOurs();
}

void Session::setResponders(const SetResponders& command) {
    if (auto ok = respondersSupported(m_request); !ok) {
        reportError(0, ok.error(), SessionState::Bound);
        return;
    }
    auto responder = Responder::create(command.config);
    if (!responder) {
        EngineEvent e;
        e.kind = EngineEvent::Kind::Error;
        e.session = m_id;
        e.state = SessionState::Bound;
        e.error = responder.error();
        recordEvent(0, RecordKind::Error, responder.error().message());
        m_host.emit(std::move(e));
        return;
    }
    m_request.responders = command.config;
    m_rulesGeneration = command.generation;
    if (command.config.empty()) {
        m_responders.reset();
        EngineEvent e;
        e.kind = EngineEvent::Kind::RuleHits;
        e.session = m_id;
        e.rulesGeneration = m_rulesGeneration;
        m_host.emit(std::move(e));
        return;
    }
    if (m_responders) {
        m_responders->reconfigure(std::move(*responder));
    } else {
        m_responders = std::make_unique<ResponderRunner>(*this, std::move(*responder));
        m_responders->reportHits();
    }
}

void Session::queryRuleHits() {
    if (m_responders) {
        m_responders->reportHits();
    }
}

void Session::streamReceived(ConnectionId connection, std::span<const std::byte> bytes) {
    if (m_responders) {
        m_responders->streamData(connection, bytes);
    }
}

void Session::datagramReceived(std::span<const std::byte> bytes, const Endpoint& peer,
                               bool connected, const Endpoint& local) {
    if (m_responders) {
        m_responders->datagram(bytes, peer, connected, local);
    }
}

void Session::respondersSocketClosed() {
    if (m_responders) {
        m_responders->socketClosed();
    }
}

void Session::streamPeerClosed(ConnectionId connection) {
    if (m_responders) {
        m_responders->peerClosed(connection);
    }
}

void Session::streamEnded(ConnectionId connection) {
    if (m_responders) {
        m_responders->ended(connection);
    }
}

void Session::sendSeries(const SendSeries& command) {
    m_series = std::make_unique<SeriesSender>(*this, command);
    m_series->start();
}

void Session::emitState(ConnectionId connection, SessionState state, const Endpoint& local,
                        const Endpoint& peer) {
    EngineEvent e;
    e.kind = EngineEvent::Kind::StateChanged;
    e.session = m_id;
    e.connection = connection;
    e.state = state;
    e.local = local.empty() ? std::string() : local.toString();
    e.peer = peer.empty() ? std::string() : peer.toString();
    m_host.emit(std::move(e));
}

void Session::reportError(ConnectionId connection, const Error& error, SessionState state) {
    recordEvent(connection, RecordKind::Error, error.message(), error.sysErrno());
    EngineEvent e;
    e.kind = EngineEvent::Kind::Error;
    e.session = m_id;
    e.connection = connection;
    e.state = state;
    e.error = error;
    m_host.emit(std::move(e));
}

void Session::emitWarning(ConnectionId connection, std::string text) {
    recordEvent(connection, RecordKind::Info, text);
    EngineEvent e;
    e.kind = EngineEvent::Kind::Warning;
    e.session = m_id;
    e.connection = connection;
    e.text = std::move(text);
    m_host.emit(std::move(e));
}

std::uint64_t Session::recordEvent(ConnectionId connection, RecordKind kind, std::string_view text,
                                   int err, const Endpoint* peer, std::uint16_t flags) {
    const auto seq = m_store->appendEvent(connection, kind, text, err, peer, flags);
    m_host.recordsAppended(m_id, seq);
    return seq;
}

std::uint64_t Session::recordData(ConnectionId connection, Direction dir,
                                  std::span<const std::byte> bytes, const Endpoint* peer,
                                  std::uint16_t flags, std::uint64_t wireLength) {
    const auto seq = m_store->appendData(connection, dir, bytes, peer, flags, wireLength);
    m_host.recordsAppended(m_id, seq);
    return seq;
}

std::uint64_t Session::recordReceived(ConnectionId connection, std::size_t n,
                                      const Endpoint* peer) {
    const auto seq = m_store->commitReceived(n, connection, Direction::In, peer);
    m_host.recordsAppended(m_id, seq);
    return seq;
}

void Session::send(SendData& command) {
    unsupported(command.connection, "send");
}

void Session::shutdownWrite(ConnectionId connection) {
    unsupported(connection, "shutdown(SHUT_WR)");
}

void Session::close(ConnectionId connection, bool) {
    unsupported(connection, "close");
}

void Session::connectDatagram(const std::string&) {
    unsupported(0, SL_TR("socklab", "connect datagram"));
}

void Session::multicast(const MulticastMembership&) {
    unsupported(0, SL_TR("socklab", "multicast membership"));
}

void Session::ping(const Ping&) {
    unsupported(0, SL_TR("socklab", "ping"));
}

void Session::setImpairment(const SetImpairment&) {
    unsupported(0, SL_TR("socklab", "impairment"));
}

void Session::hold(const HoldDirection&) {
    unsupported(0, SL_TR("socklab", "hold"));
}

void Session::releaseHeld(ReleaseHeld&) {
    unsupported(0, SL_TR("socklab", "release held message"));
}

void Session::inject(InjectData& command) {
    unsupported(command.connection, SL_TR("socklab", "inject"));
}

void Session::queryRelayFigures() {
    unsupported(0, SL_TR("socklab", "relay figures"));
}

void Session::setOption(ConnectionId connection, const OptionSetting& setting) {
    const int fd = fdOf(connection);
    const OptionInfo* info = findOption(setting.id);
    const std::string name = info ? std::string(info->name) : "option";
    if (fd < 0) {
        reportError(connection,
                    sysError(EBADF, "setsockopt " + name,
                             trArgs(SL_TR("socklab", "connection %1"), connection),
                             SL_TR("socklab", "no open socket")),
                    SessionState::Closed);
        return;
    }
    auto r = applyOption(fd, m_request.spec.family, setting);
    if (!r) {
        EngineEvent e;
        e.kind = EngineEvent::Kind::Error;
        e.session = m_id;
        e.connection = connection;
        e.error = r.error();
        recordEvent(connection, RecordKind::Error, r.error().message(), r.error().sysErrno());
        m_host.emit(std::move(e));
        return;
    }
    reportApplied(connection, *r);
}

void Session::reportApplied(ConnectionId connection, const OptionReadback& readback,
                            bool byDefault) {
    const OptionInfo* info = findOption(readback.id);
    const std::string name = info ? std::string(info->name) : "option";
    recordEvent(connection, RecordKind::Info,
                trArgs(byDefault ? SL_TR("socklab", "%1 default requested %2, effective %3")
                                 : SL_TR("socklab", "%1 requested %2, effective %3"),
                       name, readback.requested, readback.effective));
    if (connection == 0 && std::ranges::find(m_setOptions, readback.id) == m_setOptions.end()) {
        m_setOptions.push_back(readback.id);
    }
    EngineEvent e;
    e.kind = EngineEvent::Kind::OptionApplied;
    e.session = m_id;
    e.connection = connection;
    e.option = readback;
    m_host.emit(std::move(e));
}

void Session::readBackOptions(int fd, bool changedOnly) {
    for (const OptionInfo& info : optionCatalog()) {
        if (!optionApplies(info.id, m_request.spec) ||
            std::ranges::find(m_setOptions, info.id) != m_setOptions.end()) {
            continue;
        }
        Result<int> value = readOption(fd, m_request.spec.family, info.id);
        const auto previous = m_lastRead.find(info.id);
        bool same = false;
        if (previous != m_lastRead.end() && previous->second.has_value() == value.has_value()) {
            const Result<int>& before = previous->second;
            same =
                value ? *before == *value : before.error().sysErrno() == value.error().sysErrno();
        }
        m_lastRead.insert_or_assign(info.id, value);
        if (changedOnly && same) {
            continue;
        }
        EngineEvent e;
        e.kind = EngineEvent::Kind::OptionRead;
        e.session = m_id;
        e.option.id = info.id;
        e.option.wasSet = false;
        if (value) {
            e.option.effective = *value;
        } else {
            // One unreadable option must not hide the others: it becomes a value-less row.
            e.option.error = value.error();
        }
        m_host.emit(std::move(e));
    }
}

void Session::queryTcpInfo(ConnectionId connection) {
    const int fd = fdOf(connection);
    EngineEvent e;
    e.session = m_id;
    e.connection = connection;
    if (fd < 0) {
        e.kind = EngineEvent::Kind::Error;
        e.error = sysError(EBADF, "getsockopt TCP_INFO",
                           trArgs(SL_TR("socklab", "connection %1"), connection),
                           SL_TR("socklab", "no open socket"));
        m_host.emit(std::move(e));
        return;
    }
    auto r = readTcpInfo(fd);
    if (!r) {
        e.kind = EngineEvent::Kind::Error;
        e.error = r.error();
    } else {
        e.kind = EngineEvent::Kind::TcpInfo;
        e.tcpInfo = *r;
    }
    m_host.emit(std::move(e));
}

Result<UniqueFd> Session::makeSocket(const SocketSpec& spec) {
    return m_request.placement.wire != 0 ? m_host.labSocket(m_request.placement, spec)
                                         : sockops::openSocket(spec);
}

std::string Session::openedText(const SocketSpec& spec, int fd) const {
    std::string text = describe(spec) + " fd " + std::to_string(fd);
    if (m_request.placement.wire == 0) {
        return text;
    }
    return trArgs(m_request.placement.host == LabHost::A ? SL_TR("socklab", "%1 in lab host A")
                                                         : SL_TR("socklab", "%1 in lab host B"),
                  text);
}

Result<UniqueFd> Session::openConfiguredSocket() {
    auto fd = makeSocket(m_request.spec);
    if (!fd) {
        return fd;
    }
    recordEvent(0, RecordKind::Opened, openedText(m_request.spec, fd->get()));
    for (const auto& setting : m_request.options) {
        auto r = applyOption(fd->get(), m_request.spec.family, setting);
        if (!r) {
            // A refused option is reported but does not abort the session: the user may want to
            // see what the socket does without it.
            EngineEvent e;
            e.kind = EngineEvent::Kind::Error;
            e.session = m_id;
            e.error = r.error();
            // Which option: consumers tell a refused option (the session goes on) from a
            // failure of the socket itself.
            e.option.id = setting.id;
            e.option.requested = setting.value;
            e.option.error = r.error();
            recordEvent(0, RecordKind::Error, r.error().message(), r.error().sysErrno());
            m_host.emit(std::move(e));
            continue;
        }
        reportApplied(0, *r);
    }
    return fd;
}

void Session::lookup(const std::string& rawText, bool passive, SessionHost::ResolveDone done) {
    const int family = m_request.spec.family;
    const std::string text = withPortForPortless(rawText, m_request.spec);
    if (sockops::isUnixFamily(family) || !needsResolution(text, family)) {
        auto ep = parseForFamily(text, family);
        if (!ep) {
            done(fail(ep.error()));
        } else {
            done(std::vector<Endpoint>{*ep});
        }
        return;
    }
    emitState(0, SessionState::Resolving);
    m_host.resolve(m_id, ResolveRequest{text, family, m_request.spec.type, passive},
                   std::move(done));
}

void Session::unsupported(ConnectionId connection, std::string_view what) {
    EngineEvent e;
    e.kind = EngineEvent::Kind::Error;
    e.session = m_id;
    e.connection = connection;
    e.error = sysError(EOPNOTSUPP, std::string(what), describe(m_request.spec),
                       SL_TR("socklab", "not available for this kind of session"));
    m_host.emit(std::move(e));
}

std::string Session::socketLabel(int fd) const {
    std::string label = "fd " + std::to_string(fd);
    const Endpoint local = sockops::localAddress(fd);
    if (!local.empty() && local.kind() != AddressKind::UnixUnnamed) {
        label += " " + local.toString();
    }
    return label;
}

} // namespace socklab
