#pragma once

#include "core/base/error.h"
#include "core/net/options.h"
#include "core/vocab/commands.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace socklab {

/// Lifecycle state of a session's own socket (or of a child connection).
enum class SessionState : std::uint8_t {
    Resolving = 1, ///< waiting for getaddrinfo
    Connecting,    ///< non-blocking connect in progress
    Connected,     ///< stream connected / datagram connected
    Listening,
    Bound,      ///< datagram/raw socket bound (or just open, unbound)
    HalfClosed, ///< we sent FIN (SHUT_WR); can still receive
    PeerClosed, ///< peer sent FIN; we can still send
    Closed,
    Failed, ///< open failed or the connection died with an error
};

/// The readable name of a state, shown by both front ends: "Connected", "Half-closed",
/// "Peer closed"... Marked SL_N("socklab", ...): the GUI translates it where it shows it.
[[nodiscard]] std::string_view stateName(SessionState s);

/// One ICMP echo outcome.
struct PingResult {
    std::uint16_t sequence = 0;
    std::uint16_t identifier = 0;
    bool timedOut = false;
    std::int64_t rtt_us = 0;
    std::string from;      ///< reply source address
    std::size_t bytes = 0; ///< reply payload bytes
    int ttl = 0;           ///< when known, else 0
};

/// Something the engine tells its consumer. Plain value.
struct EngineEvent {
    enum class Kind : std::uint8_t {
        StateChanged = 1, ///< state of session (connection==0) or a child; local/peer filled
        Accepted,         ///< new child `connection` on a listener; peer filled
        RecordsAppended,  ///< store records [firstSeq, endSeq) are new (coalesced per wakeup)
        OptionApplied,    ///< an option set on request (open, SetOption) and read back
        TcpInfo,          ///< tcpInfo filled
        PingReply,        ///< ping filled (timedOut for a timeout)
        PingDone,         ///< a Ping command finished all its echoes
        Error,            ///< error filled; the session may continue (see state). A refused
                          ///< option at open also fills option (id, requested, error).
        Warning,          ///< text filled (e.g. EMFILE: accept paused)
        /// The kernel's value of an option nobody set, read once the session's own socket is
        /// open and again when a connect() changed it (option.wasSet false; option.error when
        /// getsockopt failed). Only options that apply to the spec (optionApplies).
        OptionRead,
        /// A multicast membership of the session's socket is now in effect (joined true) or
        /// was dropped (joined false); membership filled. Not sent when the socket closes
        /// (closing drops every membership).
        MembershipChanged,
        /// Relay: relayFigures filled (on change, at most every 100 ms, and when asked).
        RelayFigures,
        /// Relay: a message entered the hold queue; held filled (with its bytes).
        HeldQueued,
        /// Relay: a held message left the queue (released, edited, dropped, or its pair
        /// closed); held.id filled, text says how ("released", "edited", "dropped", "closed").
        HeldGone,
        /// Relay: a direction's hold or impairment changed; relayDirection, holding and
        /// impairment filled (also sent once at start for both directions).
        RelaySettings,
        /// Lab wire: wireFigures filled (on change, at most every 100 ms).
        WireFigures,
        /// A SendSeries finished: endSeq = messages handed to the socket, firstSeq = the
        /// series' count; text says so ("sent 50 of 50 messages").
        SeriesDone,
        /// Responders: ruleHits filled with every rule's hit count (in rule order); sent when
        /// the rules are set and then at most every 100 ms while rules are hit.
        RuleHits,
        /// A stream connection's send queue: bytes pile up because the peer does not read
        /// (backpressure true, after about a second above 256 KiB, or at once when a send was
        /// refused because the queue was full), the figures changed (sent at most twice a
        /// second), or the queue drained (backpressure false). queuedBytes, sendQueueCap and
        /// refusedSends filled; text says it ("4.0 MiB queued, the peer is not reading").
        Backpressure,
    };
    Kind kind = Kind::StateChanged;
    SessionId session = 0;
    ConnectionId connection = 0;
    SessionState state = SessionState::Closed;
    std::string local; ///< local address text when known
    std::string peer;  ///< peer address text when known
    std::uint64_t firstSeq = 0;
    std::uint64_t endSeq = 0;
    std::optional<Error> error;
    OptionReadback option{};
    TcpInfoSnapshot tcpInfo{};
    PingResult ping{};
    std::string text;
    /// Warning about kernel drops (SO_RXQ_OVFL) on a datagram session: the socket's total of
    /// datagrams the kernel dropped so far (receive buffer full). 0 for other events.
    std::uint64_t kernelDrops = 0;
    /// MembershipChanged: the group (canonical address text) and interface as requested.
    /// Also filled on the Error event of a failed join/leave, with joined = what was asked,
    /// so a consumer can tell which group failed. Empty group for every other event.
    MulticastGroup membership{};
    bool joined = false;
    /// Relay events (see Kind). For StateChanged/Accepted of a relay pair, `peer` is the
    /// client and `text` the upstream address (once connected: "local -> upstream").
    RelayFigures relayFigures{};
    HeldMessage held{};
    RelayDirection relayDirection = RelayDirection::ToServer;
    bool holding = false;
    Impairment impairment{};
    /// Lab wire events (see Kind). A wire's StateChanged Connected carries in `text` what the
    /// network is ("192.0.2.1 <-> 192.0.2.2, 2001:db8::1 <-> 2001:db8::2, MTU 1500").
    WireFigures wireFigures{};
    /// RuleHits: hits per responder rule, in rule order.
    std::vector<std::uint64_t> ruleHits;
    /// RuleHits: the SetResponders::generation of the rules counted (0: the open request's).
    std::uint64_t rulesGeneration = 0;
    /// Backpressure: in effect (false: the queue drained or the connection closed), the
    /// connection's queued bytes, its cap and the sends refused since backpressure began.
    bool backpressure = false;
    std::uint64_t queuedBytes = 0;
    std::uint64_t sendQueueCap = 0;
    std::uint64_t refusedSends = 0;
};

} // namespace socklab
