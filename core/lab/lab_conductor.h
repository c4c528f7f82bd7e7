#pragma once

#include "core/lab/lab_message.h"
#include "core/vocab/commands.h"
#include "core/vocab/events.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace socklab {

/// One run of the TCP-vs-UDP lab: the network, the schedule sent over both protocols, and how
/// the sockets are set up.
struct LabRunSettings {
    LabConfig network; ///< both directions' impairment, seed, MTU
    LabSchedule schedule;
    bool ipv6 = false;       ///< the pairs use 2001:db8::1 -> 2001:db8::2 instead of IPv4
    bool fallback = false;   ///< skip the lab network: relays on loopback (see labFallbackText)
    bool tcpNoDelay = false; ///< TCP_NODELAY on the TCP sender (Nagle off)
    std::uint16_t tcpPort = 7000;
    std::uint16_t udpPort = 7001;
    /// After both series were sent: wait at least this long for late arrivals (0 = derived from
    /// the link: 500 ms + 4 x (delay + jitter)), and end at most this long after, even when TCP
    /// has not delivered everything (it then counts as not complete).
    int settleMin_ms = 0;
    int settleMax_ms = 60'000;
};

/// The sessions of a lab run.
enum class LabSlot : std::uint8_t {
    Wire = 0,
    TcpServer,   ///< listener in host B (fallback: on 127.0.0.1)
    UdpReceiver, ///< bound in host B
    TcpClient,   ///< connects from host A and sends the series
    UdpSender,   ///< connected UDP socket in host A, sends the series
    TcpRelay,    ///< fallback only: relay on loopback standing in for the wire
    UdpRelay,
};
inline constexpr std::size_t kLabSlots = 7;

/// The TCP sender's TCP_INFO at one moment of a run (monotonic ns of the query).
struct LabTcpInfoSample {
    std::int64_t atNs = 0;
    TcpInfoSnapshot info;
};

/// Something the front end must do for the conductor.
struct LabAction {
    enum class Kind : std::uint8_t {
        Open = 1, ///< open `request` and tell the conductor its id (opened())
        Post,     ///< post `command`
        Notice,   ///< show `text` (e.g. the lab is unavailable, running the fallback)
        Done,     ///< the run ended; analyse the captures (text: a one-line summary)
        Failed,   ///< the run cannot go on; text says why
    };
    Kind kind = Kind::Notice;
    LabSlot slot = LabSlot::Wire;
    OpenSession request;
    Command command;
    std::string text;
};

/// Runs a lab experiment as a state machine, free of threads and clocks: the front end feeds it
/// engine events and the time, and carries out the actions it returns (open a session, post a
/// command, show a notice). The CLI and the GUI drive the same conductor.
///
/// Order: the wire (Role::Wire); when it is up, the TCP listener and the UDP receiver in host
/// B; when both are ready, the TCP client and the UDP sender in host A; when TCP is connected
/// and accepted and UDP connected, the same SendSeries on both; when both series are sent, the
/// settle time (see LabRunSettings); then TCP_INFO of the sender and the wire's final figures;
/// Done. While sending and settling it asks the TCP sender for TCP_INFO every 250 ms (see
/// tcpInfoSamples(): rtt, cwnd and retransmissions over time). When the wire cannot start, a Notice
/// says why and what the fallback is, and the run goes on with the servers on 127.0.0.1 and a relay
/// per protocol in place of the wire.
class LabConductor {
public:
    enum class Phase : std::uint8_t {
        Idle,
        Network,
        Servers,
        Relays,
        Clients,
        Sending,
        Settling,
        Finishing,
        Done,
        Failed
    };

    explicit LabConductor(LabRunSettings settings);

    [[nodiscard]] std::vector<LabAction> start();
    /// The id the front end got for an Open action.
    void opened(LabSlot slot, SessionId id);
    [[nodiscard]] std::vector<LabAction> onEvent(const EngineEvent& event);
    /// Call at least every 100 ms from start() on: the conductor's clock. A run that is stuck
    /// (a socket never answers) fails after its deadline (see deadlineNs()); TCP_INFO and the
    /// wire's figures are waited for at most 3 s. tcpBytesReceived: Data bytes the TCP
    /// server's connection has received so far.
    [[nodiscard]] std::vector<LabAction> onTick(std::int64_t nowNs, std::uint64_t tcpBytesReceived);

    [[nodiscard]] Phase phase() const { return m_phase; }
    [[nodiscard]] bool usingFallback() const { return m_fallback; }
    [[nodiscard]] SessionId session(LabSlot slot) const {
        return m_ids[static_cast<std::size_t>(slot)];
    }
    /// The TCP server's connection that carries the run (0 until accepted).
    [[nodiscard]] ConnectionId tcpConnection() const { return m_tcpConnection; }
    [[nodiscard]] const LabRunSettings& settings() const { return m_settings; }
    /// The last TCP_INFO of the sender (after Done: at the end of the run).
    [[nodiscard]] const std::optional<TcpInfoSnapshot>& tcpInfo() const { return m_tcpInfo; }
    /// Every TCP_INFO of the sender so far, in time order: one per 250 ms while sending and
    /// settling, and the final one.
    [[nodiscard]] const std::vector<LabTcpInfoSample>& tcpInfoSamples() const {
        return m_tcpInfoSamples;
    }
    /// The wire's last figures (lab only).
    [[nodiscard]] const std::optional<WireFigures>& wireFigures() const { return m_wireFigures; }
    /// Whether TCP delivered count x size bytes before the run ended.
    [[nodiscard]] bool tcpComplete() const { return m_tcpComplete; }
    /// Why the wire could not start (fallback runs).
    [[nodiscard]] const std::string& unavailableReason() const { return m_unavailable; }
    /// When the run started sending (monotonic ns of the SendSeries posts).
    [[nodiscard]] std::int64_t sendStartNs() const { return m_sendStartNs; }

private:
    struct Readiness {
        bool up = false;
        std::string local; ///< as the StateChanged event reported it
    };
    LabAction open(LabSlot slot, OpenSession request) const;
    std::vector<LabAction> openServers();
    std::vector<LabAction> openClients(const std::string& tcpTarget, const std::string& udpTarget);
    std::vector<LabAction> startSending();
    std::vector<LabAction> finishing();
    /// Ask the TCP sender for TCP_INFO at nowNs (answered by a TcpInfo or an Error event).
    LabAction queryTcpInfo(std::int64_t nowNs);
    void tcpInfoAnswered(const TcpInfoSnapshot* info);
    std::vector<LabAction> failed(std::string text);
    std::vector<LabAction> finished();
    /// When a run that is not done fails as stuck: setup, the schedule, settleMax and slack
    /// after the first tick.
    [[nodiscard]] std::int64_t deadlineNs() const;
    [[nodiscard]] OpenSession placed(OpenSession r, LabHost host) const;
    [[nodiscard]] std::optional<LabSlot> slotOf(SessionId id) const;
    Readiness& readiness(LabSlot slot) { return m_ready[static_cast<std::size_t>(slot)]; }
    [[nodiscard]] std::int64_t settleMinNs() const;

    LabRunSettings m_settings;
    Phase m_phase = Phase::Idle;
    bool m_fallback = false;
    std::array<SessionId, kLabSlots> m_ids{};
    std::array<Readiness, kLabSlots> m_ready{};
    std::array<std::string, kLabSlots> m_lastError{};
    ConnectionId m_tcpConnection = 0;
    int m_seriesDone = 0;
    std::int64_t m_sendStartNs = 0;
    std::int64_t m_settleStartNs = 0;
    std::int64_t m_firstTickNs = 0;
    std::int64_t m_finishingNs = 0;
    bool m_tcpComplete = false;
    bool m_wantFigures = false;
    bool m_wireFiguresAfterQuery = false;
    std::optional<TcpInfoSnapshot> m_tcpInfo;
    std::vector<LabTcpInfoSample> m_tcpInfoSamples;
    std::vector<std::int64_t> m_tcpInfoAskedAt; ///< queries not answered yet, oldest first
    std::int64_t m_lastTcpInfoQueryNs = 0;
    std::int64_t m_nowNs = 0; ///< the last tick's time
    std::optional<WireFigures> m_wireFigures;
    std::string m_unavailable;
};

} // namespace socklab
