#include "core/lab/lab_conductor.h"

#include "core/base/translate.h"
#include "core/netns/lab_checks.h"

#include <algorithm>
#include <cerrno>

namespace socklab {

namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kSetupBudgetNs = 20'000 * kMs;  ///< network, servers, clients
constexpr std::int64_t kSlackNs = 10'000 * kMs;        ///< beyond the schedule and settle
constexpr std::int64_t kFinishingWaitNs = 3'000 * kMs; ///< for TCP_INFO and wire figures
constexpr std::int64_t kTcpInfoEveryNs = 250 * kMs;    ///< TCP_INFO samples while running

/// What the run was doing, put in at %1 of "the run did not finish in time (stuck while %1)".
std::string phaseWord(LabConductor::Phase p) {
    switch (p) {
    case LabConductor::Phase::Network:
        return SL_TR("socklab", "building the lab network");
    case LabConductor::Phase::Servers:
        return SL_TR("socklab", "opening the receivers");
    case LabConductor::Phase::Relays:
        return SL_TR("socklab", "opening the relays");
    case LabConductor::Phase::Clients:
        return SL_TR("socklab", "connecting");
    case LabConductor::Phase::Sending:
        return SL_TR("socklab", "sending");
    case LabConductor::Phase::Settling:
        return SL_TR("socklab", "waiting for late arrivals");
    default:
        return SL_TR("socklab", "finishing");
    }
}

/// The engine's socket() numbers, without socket headers (the values are Linux's, and the lab
/// is Linux-only).
constexpr int kInet = 2;
constexpr int kInet6 = 10;
constexpr int kStream = 1;
constexpr int kDgram = 2;

/// The answer to a QueryTcpInfo that failed: the session has no socket ("getsockopt TCP_INFO"),
/// getsockopt failed ("getsockopt", "TCP_INFO on fd N"), or the engine has no such session
/// ("TCP_INFO").
bool isTcpInfoError(const Error& e) {
    return e.op.find("TCP_INFO") != std::string::npos ||
           e.object.find("TCP_INFO") != std::string::npos;
}

OpenSession request(int family, int type, Role role, std::string local, std::string remote) {
    OpenSession r;
    r.spec = {family, type, 0};
    r.role = role;
    r.local = std::move(local);
    r.remote = std::move(remote);
    return r;
}

std::string hostPort(std::string_view address, std::uint16_t port, bool v6) {
    return v6 ? "[" + std::string(address) + "]:" + std::to_string(port)
              : std::string(address) + ":" + std::to_string(port);
}

} // namespace

LabConductor::LabConductor(LabRunSettings settings) : m_settings(std::move(settings)) {}

LabAction LabConductor::open(LabSlot slot, OpenSession r) const {
    LabAction a;
    a.kind = LabAction::Kind::Open;
    a.slot = slot;
    a.request = std::move(r);
    return a;
}

std::vector<LabAction> LabConductor::start() {
    if (auto valid = m_settings.schedule.validate(); !valid) {
        //: %1: what is wrong with the schedule, "count: must be 1..100000".
        return failed(trArgs(SL_TR("socklab", "lab schedule: %1"), valid.error().message()));
    }
    if (m_settings.fallback) {
        m_fallback = true;
        m_unavailable = SL_TR("socklab", "the lab network was not asked for");
        return openServers();
    }
    m_phase = Phase::Network;
    OpenSession wire;
    wire.role = Role::Wire;
    wire.lab = m_settings.network;
    return {open(LabSlot::Wire, std::move(wire))};
}

void LabConductor::opened(LabSlot slot, SessionId id) {
    m_ids[static_cast<std::size_t>(slot)] = id;
}

OpenSession LabConductor::placed(OpenSession r, LabHost host) const {
    if (!m_fallback) {
        r.placement = {session(LabSlot::Wire), host};
    }
    return r;
}

std::vector<LabAction> LabConductor::openServers() {
    m_phase = Phase::Servers;
    const bool v6 = m_settings.ipv6;
    const int family = v6 ? kInet6 : kInet;
    std::string tcpLocal;
    std::string udpLocal;
    if (m_fallback) {
        const std::string_view loopback = v6 ? "::1" : "127.0.0.1";
        tcpLocal = hostPort(loopback, 0, v6);
        udpLocal = hostPort(loopback, 0, v6);
    } else {
        const std::string_view b = v6 ? kLabAddressB6 : kLabAddressB4;
        tcpLocal = hostPort(b, m_settings.tcpPort, v6);
        udpLocal = hostPort(b, m_settings.udpPort, v6);
    }
    return {open(LabSlot::TcpServer,
                 placed(request(family, kStream, Role::Listen, tcpLocal, {}), LabHost::B)),
            open(LabSlot::UdpReceiver,
                 placed(request(family, kDgram, Role::Bind, udpLocal, {}), LabHost::B))};
}

std::vector<LabAction> LabConductor::openClients(const std::string& tcpTarget,
                                                 const std::string& udpTarget) {
    m_phase = Phase::Clients;
    const bool v6 = m_settings.ipv6;
    const int family = v6 ? kInet6 : kInet;
    OpenSession tcp = placed(request(family, kStream, Role::Connect, {}, tcpTarget), LabHost::A);
    if (m_settings.tcpNoDelay) {
        tcp.options.push_back({OptionId::TcpNoDelay, 1});
    }
    return {open(LabSlot::TcpClient, std::move(tcp)),
            open(LabSlot::UdpSender,
                 placed(request(family, kDgram, Role::Connect, {}, udpTarget), LabHost::A))};
}

std::vector<LabAction> LabConductor::startSending() {
    m_phase = Phase::Sending;
    const LabSchedule& s = m_settings.schedule;
    std::vector<LabAction> actions;
    for (const LabSlot slot : {LabSlot::TcpClient, LabSlot::UdpSender}) {
        LabAction a;
        a.kind = LabAction::Kind::Post;
        a.slot = slot;
        a.command = SendSeries{session(slot), 0, s.count, s.size, s.interval_ms};
        actions.push_back(std::move(a));
    }
    return actions;
}

LabAction LabConductor::queryTcpInfo(std::int64_t nowNs) {
    m_tcpInfoAskedAt.push_back(nowNs);
    m_lastTcpInfoQueryNs = nowNs;
    LabAction info;
    info.kind = LabAction::Kind::Post;
    info.slot = LabSlot::TcpClient;
    info.command = QueryTcpInfo{session(LabSlot::TcpClient), 0};
    return info;
}

void LabConductor::tcpInfoAnswered(const TcpInfoSnapshot* info) {
    const std::int64_t at = m_tcpInfoAskedAt.empty() ? m_nowNs : m_tcpInfoAskedAt.front();
    if (!m_tcpInfoAskedAt.empty()) {
        m_tcpInfoAskedAt.erase(m_tcpInfoAskedAt.begin());
    }
    if (info != nullptr) {
        m_tcpInfo = *info;
        m_tcpInfoSamples.push_back({at, *info});
    }
}

std::vector<LabAction> LabConductor::finishing() {
    m_phase = Phase::Finishing;
    std::vector<LabAction> actions;
    actions.push_back(queryTcpInfo(m_nowNs));
    if (!m_fallback) {
        m_wantFigures = true;
        LabAction figures;
        figures.kind = LabAction::Kind::Post;
        figures.slot = LabSlot::Wire;
        figures.command = QueryRelayFigures{session(LabSlot::Wire)};
        actions.push_back(std::move(figures));
    }
    return actions;
}

std::vector<LabAction> LabConductor::failed(std::string text) {
    m_phase = Phase::Failed;
    LabAction a;
    a.kind = LabAction::Kind::Failed;
    a.text = std::move(text);
    return {std::move(a)};
}

std::optional<LabSlot> LabConductor::slotOf(SessionId id) const {
    if (id == 0) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < kLabSlots; ++i) {
        if (m_ids[i] == id) {
            return static_cast<LabSlot>(i);
        }
    }
    return std::nullopt;
}

std::vector<LabAction> LabConductor::onEvent(const EngineEvent& e) {
    const auto slot = slotOf(e.session);
    if (!slot || m_phase == Phase::Done || m_phase == Phase::Failed) {
        return {};
    }
    const auto index = static_cast<std::size_t>(*slot);
    switch (e.kind) {
    case EngineEvent::Kind::Error:
        if (*slot == LabSlot::TcpClient && e.error && isTcpInfoError(*e.error)) {
            tcpInfoAnswered(nullptr);
            break; // in Finishing, the run can end without it
        }
        if (e.error && e.connection == 0 && !e.option.error) {
            m_lastError[index] = e.error->message();
        }
        return {};
    case EngineEvent::Kind::WireFigures:
        m_wireFigures = e.wireFigures;
        break;
    case EngineEvent::Kind::TcpInfo:
        if (*slot == LabSlot::TcpClient) {
            tcpInfoAnswered(&e.tcpInfo);
        }
        break;
    case EngineEvent::Kind::Accepted:
        if (*slot == LabSlot::TcpServer && m_tcpConnection == 0) {
            m_tcpConnection = e.connection;
        }
        break;
    case EngineEvent::Kind::SeriesDone:
        if (m_phase == Phase::Sending && ++m_seriesDone == 2) {
            m_phase = Phase::Settling;
            m_settleStartNs = 0; // set by the next tick (the conductor has no clock)
        }
        return {};
    case EngineEvent::Kind::StateChanged:
        if (e.connection == 0) {
            if (e.state == SessionState::Failed) {
                const std::string why = m_lastError[index].empty()
                                            ? SL_TR("socklab", "the socket failed")
                                            : m_lastError[index];
                if (*slot == LabSlot::Wire && m_phase == Phase::Network) {
                    // The lab network cannot run here: say why, then stand in with relays.
                    m_fallback = true;
                    m_unavailable = why;
                    std::vector<LabAction> actions;
                    LabAction notice;
                    //: %1: why (an error message); the fallback follows on the next line.
                    notice.text =
                        trArgs(SL_TR("socklab", "The lab network is not available: %1"), why) +
                        "\n" + labFallbackText();
                    actions.push_back(std::move(notice));
                    auto servers = openServers();
                    actions.insert(actions.end(), servers.begin(), servers.end());
                    return actions;
                }
                return failed(why);
            }
            if (e.state == SessionState::Closed && m_phase != Phase::Finishing) {
                return failed(SL_TR("socklab", "a lab socket closed before the run ended"));
            }
            if (e.state == SessionState::Connected || e.state == SessionState::Listening ||
                e.state == SessionState::Bound) {
                readiness(*slot) = {true, e.local};
            }
        }
        break;
    default:
        break;
    }

    std::vector<LabAction> actions;
    switch (m_phase) {
    case Phase::Network:
        if (readiness(LabSlot::Wire).up) {
            actions = openServers();
        }
        break;
    case Phase::Servers:
        if (readiness(LabSlot::TcpServer).up && readiness(LabSlot::UdpReceiver).up) {
            if (m_fallback) {
                m_phase = Phase::Relays;
                const bool v6 = m_settings.ipv6;
                const int family = v6 ? kInet6 : kInet;
                const std::string loopback = hostPort(v6 ? "::1" : "127.0.0.1", 0, v6);
                OpenSession tcp = request(family, kStream, Role::Relay, loopback,
                                          readiness(LabSlot::TcpServer).local);
                OpenSession udp = request(family, kDgram, Role::Relay, loopback,
                                          readiness(LabSlot::UdpReceiver).local);
                for (OpenSession* r : {&tcp, &udp}) {
                    r->relay.toServer = m_settings.network.aToB;
                    r->relay.toClient = m_settings.network.bToA;
                    r->relay.seed = m_settings.network.seed;
                }
                // A stream relay cannot lose bytes: only what a stream can carry applies.
                for (Impairment* imp : {&tcp.relay.toServer, &tcp.relay.toClient}) {
                    Impairment kept;
                    kept.delay_ms = imp->delay_ms;
                    kept.jitter_ms = imp->jitter_ms;
                    kept.rateBytesPerSec = imp->rateBytesPerSec;
                    *imp = kept;
                }
                actions = {open(LabSlot::TcpRelay, std::move(tcp)),
                           open(LabSlot::UdpRelay, std::move(udp))};
            } else {
                const bool v6 = m_settings.ipv6;
                const std::string_view b = v6 ? kLabAddressB6 : kLabAddressB4;
                actions = openClients(hostPort(b, m_settings.tcpPort, v6),
                                      hostPort(b, m_settings.udpPort, v6));
            }
        }
        break;
    case Phase::Relays:
        if (readiness(LabSlot::TcpRelay).up && readiness(LabSlot::UdpRelay).up) {
            actions =
                openClients(readiness(LabSlot::TcpRelay).local, readiness(LabSlot::UdpRelay).local);
        }
        break;
    case Phase::Clients:
        if (readiness(LabSlot::TcpClient).up && readiness(LabSlot::UdpSender).up &&
            m_tcpConnection != 0) {
            actions = startSending();
        }
        break;
    case Phase::Finishing:
        // The final TCP_INFO: every query asked so far answered (in order).
        if (m_tcpInfoAskedAt.empty() &&
            (!m_wantFigures || e.kind == EngineEvent::Kind::WireFigures ||
             m_wireFiguresAfterQuery)) {
            actions = finished();
        }
        if (e.kind == EngineEvent::Kind::WireFigures) {
            m_wireFiguresAfterQuery = true;
        }
        break;
    default:
        break;
    }
    return actions;
}

std::int64_t LabConductor::settleMinNs() const {
    if (m_settings.settleMin_ms > 0) {
        return std::int64_t(m_settings.settleMin_ms) * kMs;
    }
    const auto& a = m_settings.network.aToB;
    const auto& b = m_settings.network.bToA;
    const int link = std::max(a.delay_ms + a.jitter_ms, b.delay_ms + b.jitter_ms);
    return (500 + 4 * std::int64_t(link)) * kMs;
}

std::int64_t LabConductor::deadlineNs() const {
    // Setting up, sending the whole schedule, the longest settle, then some slack.
    const LabSchedule& s = m_settings.schedule;
    return m_firstTickNs + kSetupBudgetNs + std::int64_t(s.count) * s.interval_ms * kMs +
           std::int64_t(m_settings.settleMax_ms) * kMs + kSlackNs;
}

std::vector<LabAction> LabConductor::finished() {
    m_phase = Phase::Done;
    LabAction done;
    done.kind = LabAction::Kind::Done;
    done.text = m_tcpComplete
                    ? SL_TR("socklab", "TCP delivered every byte")
                    : SL_TR("socklab", "TCP had not delivered every byte when the run ended");
    return {std::move(done)};
}

std::vector<LabAction> LabConductor::onTick(std::int64_t nowNs, std::uint64_t tcpBytesReceived) {
    if (m_phase == Phase::Done || m_phase == Phase::Failed || m_phase == Phase::Idle) {
        return {};
    }
    m_nowNs = nowNs;
    if (m_firstTickNs == 0) {
        m_firstTickNs = nowNs;
    }
    // (A short schedule can be sent and settling before the first tick sees it sending.)
    if ((m_phase == Phase::Sending || m_phase == Phase::Settling) && m_sendStartNs == 0) {
        m_sendStartNs = nowNs;
    }
    if (m_phase == Phase::Finishing) {
        // TCP_INFO and the wire's figures normally answer at once; without them the run still
        // ends (the table then shows "-").
        if (m_finishingNs == 0) {
            m_finishingNs = nowNs;
        } else if (nowNs - m_finishingNs > kFinishingWaitNs) {
            return finished();
        }
        return {};
    }
    if (nowNs > deadlineNs()) {
        return failed(trArgs(SL_TR("socklab", "the run did not finish in time (stuck while %1)"),
                             phaseWord(m_phase)));
    }
    if (m_phase == Phase::Settling) {
        if (m_settleStartNs == 0) {
            m_settleStartNs = nowNs;
        }
        const LabSchedule& s = m_settings.schedule;
        m_tcpComplete = tcpBytesReceived >= std::uint64_t(s.count) * s.size;
        const std::int64_t waited = nowNs - m_settleStartNs;
        if ((m_tcpComplete && waited >= settleMinNs()) ||
            waited >= std::int64_t(m_settings.settleMax_ms) * kMs) {
            return finishing(); // asks for the final TCP_INFO itself
        }
    }
    if ((m_phase == Phase::Sending || m_phase == Phase::Settling) &&
        nowNs - m_lastTcpInfoQueryNs >= kTcpInfoEveryNs) {
        return {queryTcpInfo(nowNs)};
    }
    return {};
}

} // namespace socklab
