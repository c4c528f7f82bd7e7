#pragma once

// Replay one side of an imported capture conversation against a live peer, for both front ends
// (`socklab-cli replay`, the capture tab's Replay…): pure logic, time passed in, no threads.
// Sources: replay_parse.cpp (sides, timings), replay_script.cpp (the script, the session to
// open), replay_player.cpp (states and pacing), replay_comparison.cpp (comparison, report).
//
//   TrafficStore recorded;                                     // importCaptureConversation(...)
//   auto script = buildReplayScript(recorded, conversation, ReplaySide::Client);
//   auto request = replayOpenRequest(conversation, ReplaySide::Client, "127.0.0.1:7000");
//   SessionId id = engine.open(*request);
//   ReplayPlayer player(id, std::move(*script), options);
//   // socket ready (Connected, Listening, Bound):   post(player.start(now))
//   // the live store grew:                          post(player.onRecords(*liveStore, now))
//   // at player.deadlineNs():                       post(player.onTimer(now))
//   // the session closed or failed:                 player.socketGone(why, now)
//   // player.done(): player.comparison() says what the peer answered next to the recording
//
// Sides (the recorded store is the client's view: Out = client -> server, In = server ->
// client):
//   Client  we connect to ADDR and send the client's bytes (Out); the peer's answer is compared
//           with the recorded In bytes. UDP: a connected datagram socket.
//   Server  we listen (TCP) or bind (UDP) on ADDR, wait for the peer (the first accepted
//           connection; the sender of the first datagram) and send the server's bytes (In).
//
// Pacing: every step (a send, our FIN, our RST) keeps two recorded gaps: from our previous
// step, and from the peer's bytes it came after (causality). A step is due at the later of
//   previous step sent live + gap since our previous recorded step
//   the moment the live peer had sent as many bytes (UDP: datagrams) as the recording had
//       before the step + gap since those recorded bytes
// with each gap scaled by the timing (Original: as recorded; Scaled x2: half the gaps;
// Asap: no gaps, causality still kept unless waitForPeer is off). When the live peer stays
// silent for waitTimeoutNs past the moment the recording expects its bytes, the wait is
// reported in the notes and the step goes out anyway (stopOnTimeout: the replay stops). A peer
// FIN ends such waits at once (no more bytes can come); a reset or a closed connection stops
// the replay. After the last step the player waits the same way for the rest of the peer's
// recorded bytes and, when the recording has the peer closing, for its FIN; then it closes the
// session. When the recording has the peer sending no FIN, the player waits, once the peer sent
// every recorded byte, for a quiet period (kReplayQuietNs, or the wait timeout when shorter)
// in which nothing more arrives: bytes beyond the recording are a difference ("the server sent
// 6 bytes more than recorded"). A socket that fails before the peer is there (a refused
// connect, an address in use) ends the replay with the error (ReplayComparison::error).
// Holes in the peer's recorded stream (bytes the capture missed, the import's gap notes) are
// counted in the pacing (the live peer sends them) and skipped by the comparison.
// Recording times are the capture's; the live times are the front end's monotonic ns.
//
// Strings (report lines, notes, progress, errors) are English, for the CLI and tooltips; the GUI
// words its status line itself (translated) from the figures: ReplayComparison, ReplayProgress.

#include "core/base/result.h"
#include "core/capture/traffic_store.h"
#include "core/codec/bytes.h"
#include "core/pcapimport/capture_import.h"
#include "core/vocab/commands.h"
#include "core/vocab/open_request.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace socklab {

/// Which end of the recorded conversation the replay plays.
enum class ReplaySide : std::uint8_t { Client = 1, Server };

/// "client" / "server".
[[nodiscard]] std::string_view replaySideName(ReplaySide side);
/// "client" or "server" (op "parse side").
[[nodiscard]] Result<ReplaySide> parseReplaySide(std::string_view text);

/// How the recorded gaps are played.
struct ReplayTiming {
    enum class Mode : std::uint8_t { Original = 1, Scaled, Asap };
    Mode mode = Mode::Original;
    /// Scaled: x2 = twice as fast (gaps halved), x0.5 = twice as slow. 1 for the others.
    double factor = 1.0;

    /// A recorded gap as played.
    [[nodiscard]] std::int64_t scale(std::int64_t gapNs) const;
    friend bool operator==(const ReplayTiming&, const ReplayTiming&) = default;
};

/// Scale factors accepted (also by the GUI's field).
inline constexpr double kReplayMinFactor = 0.01;
inline constexpr double kReplayMaxFactor = 1000.0;

/// "original", "asap", "xF", "F" or "Fx" with F in [0.01, 1000] ("x1" = original). Error op
/// "parse speed": `parse speed "x0": the factor must be between 0.01 and 1000 (x2 = twice as
/// fast)`.
[[nodiscard]] Result<ReplayTiming> parseReplayTiming(std::string_view text);
/// A scale factor alone ("2", "0.5"; op "parse factor").
[[nodiscard]] Result<double> parseReplayFactor(std::string_view text);
/// "original timing", "x2", "x0.5", "as fast as possible".
[[nodiscard]] std::string replayTimingText(const ReplayTiming& timing);

/// What the replay does at each step of the recording.
struct ReplayStep {
    enum class Kind : std::uint8_t { Send = 1, Shutdown, Reset };
    Kind kind = Kind::Send;
    ByteVector bytes;      ///< Send: one recorded message (a datagram, or one captured segment)
    std::int64_t atNs = 0; ///< recorded time, relative to the start of the conversation
    /// Bytes (TCP) or datagrams (UDP) the peer had sent before this step in the recording.
    std::uint64_t peerBefore = 0;
    /// Recorded time (relative) of the peer's data or FIN that came last before the step.
    std::int64_t peerAtNs = 0;
    /// The peer's FIN came before this step in the recording (TCP).
    bool peerFinBefore = false;
};

/// One side of a recorded conversation, as steps, and the other side's part as the reference.
struct ReplayScript {
    CaptureProtocol protocol = CaptureProtocol::Tcp;
    ReplaySide side = ReplaySide::Client;
    std::uint32_t conversation = 0; ///< its index in the capture
    std::vector<ReplayStep> steps;
    /// What the peer sent in the recording: TCP its stream (the bytes captured), UDP its
    /// datagrams.
    ByteVector peerStream;
    /// A hole in the peer's recorded stream (TCP): bytes it sent that the capture lacks (the
    /// import's gap notes). `offset` counts every byte the peer sent before it, missing ones
    /// too, as the live peer's stream does.
    struct Gap {
        std::uint64_t offset = 0;
        std::uint64_t length = 0;
    };
    std::vector<Gap> peerGaps;      ///< in stream order
    std::uint64_t peerGapBytes = 0; ///< their lengths together
    std::vector<ByteVector> peerDatagrams;
    std::uint64_t peerMessages = 0; ///< recorded Data records of the peer
    std::uint64_t ownBytes = 0;     ///< bytes the steps send
    std::uint64_t ownMessages = 0;
    bool peerCloses = false;        ///< the recording has the peer's FIN
    bool peerResets = false;        ///< ... or its RST (both may be recorded: FIN, then RST)
    std::int64_t lastPeerNs = 0;    ///< recorded time (relative) of the peer's last data or FIN
    std::int64_t durationNs = 0;    ///< start of the conversation to its last record
    std::vector<std::string> notes; ///< what the recording lacks (gaps, cut datagrams, OOB)
};

/// The script of `side` from an imported conversation's store (importCaptureConversation).
/// The start of the conversation is its Connected record (the SYN-ACK), else its first record.
/// Error op "replay", object "conversation N": no records, or bytes no longer readable.
[[nodiscard]] Result<ReplayScript> buildReplayScript(const TrafficStore& recorded,
                                                     const CaptureConversation& conversation,
                                                     ReplaySide side);

/// The session a replay opens: the conversation's transport (family from `address`: IPv6 for
/// a bracketed or bare IPv6 address, else IPv4), Role::Connect to `address` (client) or
/// Role::Listen / Role::Bind on it (server). Errors (op "replay"): an address without host or
/// port, a port 0 for the client side.
[[nodiscard]] Result<OpenSession> replayOpenRequest(const CaptureConversation& conversation,
                                                    ReplaySide side, const std::string& address);

/// The longest wait for the peer a front end accepts (`--wait-ms`, the dialog's field), in ms:
/// one day.
inline constexpr int kReplayMaxWaitMs = 86'400'000;

struct ReplayOptions {
    ReplayTiming timing;
    /// Keep causality: a step recorded after the peer's bytes waits for them live.
    bool waitForPeer = true;
    /// How long the peer may stay silent past the moment the recording expects its bytes.
    std::int64_t waitTimeoutNs = 5'000'000'000;
    /// On such a timeout, stop the replay instead of going on.
    bool stopOnTimeout = false;
};

/// After the peer sent every recorded byte (and the recording has it not closing): how long it
/// must stay silent before the replay ends (at most the wait timeout).
inline constexpr std::int64_t kReplayQuietNs = 500'000'000;

/// Per direction: the recording next to the live run.
struct ReplayDirectionFigures {
    std::uint64_t recordedBytes = 0;
    std::uint64_t liveBytes = 0;
    std::uint64_t recordedMessages = 0; ///< Data records (TCP: segments / reads; UDP: datagrams)
    std::uint64_t liveMessages = 0;
};

/// What the peer answered next to what was recorded.
struct ReplayComparison {
    ReplayDirectionFigures sent;     ///< our side: the recording's bytes vs what went out
    ReplayDirectionFigures received; ///< the peer's: recorded vs answered live
    /// Every step ran (not stopped, the connection did not end early, no socket error).
    bool completed = false;
    /// The peer's bytes are those of the recording (UDP: datagram by datagram; bytes the
    /// capture missed are not compared), no more, and every recorded byte of ours went out.
    /// A peer that does not close is reported (peerClosed) but not compared; one that closes
    /// otherwise than recorded (RST instead of FIN or the other way round) differs.
    bool identical = false;
    /// First differing byte of the peer's stream (TCP), or inside datagram `datagram` (UDP).
    std::optional<std::uint64_t> differsAt;
    std::uint64_t datagram = 0; ///< UDP: 1-based datagram of the difference (0 for TCP)
    /// Hex of up to 8 bytes before and 16 from the difference: "48 45 | 4c 4c"; "" past the end.
    std::string recordedContext;
    std::string liveContext;
    bool peerClosedRecorded = false; ///< the recording has the peer's FIN or RST
    bool peerClosed = false;         ///< the live peer sent FIN or RST
    bool peerResetRecorded = false;  ///< the recording has the peer's RST
    bool peerReset = false;          ///< the live peer sent RST
    /// Both closed, one with FIN and the other with RST: a difference.
    bool closeDiffers = false;
    CaptureProtocol protocol = CaptureProtocol::Tcp;
    /// The live peer sent more bytes (UDP: datagrams) than the recording has.
    std::uint64_t extra = 0;
    bool networkError = false; ///< the socket failed or reported an error
    /// The socket's first error, as core words it: "connect 127.0.0.1:7000: Connection refused
    /// (ECONNREFUSED)"; empty when none.
    std::string error;
    /// The peer was there (client: connected; server: its first client or datagram) and the
    /// steps began.
    bool started = false;
    std::uint64_t timeouts = 0;  ///< waits for the peer that ran out
    std::int64_t recordedNs = 0; ///< the recording's duration, scaled by the timing
    std::int64_t liveNs = 0;     ///< start to end of the live run
};

/// The report both front ends print: "identical: the server answered 24 bytes in 2 messages as
/// recorded", "sent 12 of 12 bytes in 2 messages", then the difference ("differs at byte 17 of
/// the server's stream: recorded 48 45 | 4c 4f, live 48 45 | 58 59"), bytes beyond the
/// recording ("the server sent 6 bytes more than recorded"), how it closed and timing lines.
/// A socket that failed before the peer was there: "failed: connect 127.0.0.1:7000:
/// Connection refused (ECONNREFUSED): nothing was replayed".
[[nodiscard]] std::vector<std::string> replayReportLines(const ReplayComparison& c,
                                                         ReplaySide side);
/// One line: "identical (24 of 24 bytes)", "differs at byte 17 (24 bytes, recorded 30)",
/// "incomplete, ...", "failed: connect 127.0.0.1:7000: Connection refused (ECONNREFUSED)".
[[nodiscard]] std::string replaySummary(const ReplayComparison& c);

/// Where a replay is.
enum class ReplayState : std::uint8_t {
    Idle = 1,       ///< not started (the session is opening)
    WaitingForPeer, ///< server side: waiting for the peer's connection / first datagram
    Playing,        ///< steps left
    Finishing,      ///< every step ran: waiting for the rest of the peer's answer
    Done,
};

/// Where a replay is, as figures (the GUI words them itself, translated).
struct ReplayProgress {
    ReplayState state = ReplayState::Idle;
    std::size_t step = 0;  ///< 1-based step due next (Playing)
    std::size_t steps = 0; ///< steps in all
    /// The next step waits for the peer: its bytes (UDP: datagrams) so far and those needed.
    bool waitingForPeer = false;
    std::uint64_t peerHave = 0;
    std::uint64_t peerNeed = 0;
};

class ReplayPlayer {
public:
    ReplayPlayer(SessionId session, ReplayScript script, ReplayOptions options);

    /// The session's socket is ready (client: Connected; server: Listening or Bound).
    [[nodiscard]] std::vector<Command> start(std::int64_t nowNs);
    /// New records in the live session's store (reads from where it left off). After done(),
    /// records still complete the comparison (the peer's last bytes, its FIN, our last sends).
    [[nodiscard]] std::vector<Command> onRecords(const TrafficStore& live, std::int64_t nowNs);
    /// The deadline passed (early calls do nothing).
    [[nodiscard]] std::vector<Command> onTimer(std::int64_t nowNs);
    /// The session closed or failed (before or while playing). Call onRecords first: the
    /// records that led to the state change come with it.
    void socketGone(const std::string& why, std::int64_t nowNs);
    /// Stop by the user: no more steps; the session is closed (the returned command).
    [[nodiscard]] std::vector<Command> stop(std::int64_t nowNs);

    [[nodiscard]] ReplayState state() const { return m_state; }
    [[nodiscard]] bool done() const { return m_state == ReplayState::Done; }
    [[nodiscard]] std::optional<std::int64_t> deadlineNs() const;
    [[nodiscard]] std::size_t stepsDone() const { return m_next; }
    [[nodiscard]] std::size_t stepCount() const { return m_script.steps.size(); }
    [[nodiscard]] const ReplayScript& script() const { return m_script; }
    [[nodiscard]] ReplayProgress progress() const;
    /// progress() in words: "step 3 of 7: waiting for the server (80 of 120 bytes)", "waiting
    /// for the client", "every step sent: waiting for the rest of the server's answer"; "" when
    /// idle or done.
    [[nodiscard]] std::string progressText() const;
    /// What happened on the way, in order: timeouts, an early end, a second client refused...
    [[nodiscard]] const std::vector<std::string>& notes() const { return m_notes; }
    /// The comparison so far (final once done()).
    [[nodiscard]] ReplayComparison comparison() const;

private:
    struct Due {
        std::int64_t atNs = 0;     ///< when the step may go
        bool peerReady = true;     ///< the live peer sent what the step waits for
        std::int64_t giveUpNs = 0; ///< when waiting for the peer times out
    };
    struct Arrival {
        std::uint64_t count = 0; ///< the peer's bytes (datagrams) so far
        std::int64_t atNs = 0;   ///< live time they were seen
    };
    [[nodiscard]] Due due(const ReplayStep& step) const;
    /// Live time the peer had sent what the step waits for; nullopt when not yet.
    [[nodiscard]] std::optional<std::int64_t> peerReachedAt(const ReplayStep& step) const;
    /// After the last step: when waiting for the rest of the peer's answer ends.
    [[nodiscard]] std::int64_t endGiveUpNs() const;
    /// The peer sent everything recorded (and closed when recorded), or can send no more.
    [[nodiscard]] bool peerFinished(std::int64_t nowNs) const;
    [[nodiscard]] std::uint64_t peerCount() const;
    /// "the server" / "the client" (the peer of the replayed side), in the user's language.
    [[nodiscard]] std::string peerName() const;
    /// "N bytes" / "N datagrams" (always the plural, as the notes count the peer's part).
    [[nodiscard]] std::string peerAmount(std::uint64_t n) const;
    void begin(std::int64_t nowNs);
    std::vector<Command> advance(std::int64_t nowNs);
    void runStep(const ReplayStep& step, std::int64_t nowNs, std::vector<Command>& out);
    /// Close the session (unless gone) and end.
    void finish(std::int64_t nowNs, std::vector<Command>& out);
    void end(std::int64_t nowNs);
    void compareLive(std::span<const std::byte> bytes);
    /// Where the peer's live stream offset is in m_script.peerStream (the holes left out).
    [[nodiscard]] std::uint64_t recordedIndex(std::uint64_t liveOffset) const;
    /// The peer's recorded total: bytes (TCP, with the capture's holes) or datagrams (UDP).
    [[nodiscard]] std::uint64_t peerTotal() const;
    /// Once the peer sent every recorded byte and the recording has it not closing: when its
    /// silence is long enough to end the replay.
    [[nodiscard]] std::int64_t quietUntilNs() const;
    /// A read took the peer's count from `before` to peerCount() at nowNs: kept for the steps
    /// that wait for a count in between (at most one entry per step).
    void noteArrival(std::uint64_t before, std::int64_t nowNs);
    /// The socket's error (the first one is kept).
    void socketError(const std::string& text);
    void note(std::string text) { m_notes.push_back(std::move(text)); }

    SessionId m_session;
    ReplayScript m_script;
    ReplayOptions m_options;
    ReplayState m_state = ReplayState::Idle;
    ConnectionId m_connection = 0; ///< server TCP: the accepted connection
    std::string m_destination;     ///< server UDP: the first sender
    std::size_t m_next = 0;        ///< index of the next step
    std::int64_t m_startNs = 0;
    std::int64_t m_lastStepNs = 0;     ///< live time of our previous step (or the start)
    std::int64_t m_lastStepRecNs = 0;  ///< its recorded time
    std::int64_t m_peerActivityNs = 0; ///< live time the peer last sent something
    std::int64_t m_peerEndNs = 0;      ///< live time of its FIN/RST
    std::int64_t m_endNs = 0;
    std::uint64_t m_readSeq = 0;
    std::uint64_t m_postedBytes = 0; ///< bytes of the sends returned so far
    /// Reads that brought the peer's count to a step's need, for the steps not run yet.
    std::vector<Arrival> m_arrivals;
    /// An error on the socket before the peer was there (the last one): a refused connect may
    /// still be followed by the next address; it is the replay's error when the socket fails.
    std::string m_pendingError;
    std::size_t m_nextGap = 0;      ///< first of m_script.peerGaps not passed by the live stream
    std::uint64_t m_gapSkipped = 0; ///< lengths of the gaps before it
    ByteVector m_liveAfter;         ///< live bytes from the first difference (its context)
    bool m_begun = false;           ///< the peer is known and steps started
    bool m_peerEnded = false;       ///< FIN or RST from the live peer (or the connection ended)
    bool m_connectionGone = false;  ///< reset, closed or failed
    bool m_socketGone = false;      ///< the front end said the session closed or failed
    bool m_stopped = false;
    /// A wait for the peer timed out: steps needing no more than this go on without it.
    bool m_waived = false;
    std::uint64_t m_waivedCount = 0;
    bool m_waivedFin = false;
    std::int64_t m_waivedAtNs = 0;
    bool m_notedPeerEnd = false;
    bool m_otherSenders = false;
    bool m_closeSent = false;
    ReplayComparison m_cmp;
    std::vector<std::string> m_notes;
};

} // namespace socklab
