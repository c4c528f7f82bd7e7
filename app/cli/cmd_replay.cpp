// socklab-cli replay: one side of a capture's conversation played against a live peer.
#include "app/cli/common.h"
#include "app/cli/runner.h"
#include "app/cli/session_watch.h"
#include "core/pcapimport/capture_import.h"
#include "core/play/replay_player.h"

#include <cstdio>

namespace socklab::cli {

namespace {

constexpr OptionSpec kReplayOptions[] = {
    {"conversation", 'c', "N", "the conversation to replay (as `socklab-cli import FILE` lists)"},
    {"to", 0, "ADDR:PORT",
     "client side: the live server to connect to; server side: where to listen (port 0: any)"},
    {"as", 0, "SIDE", "the side SockLab plays: client (default) or server"},
    {"speed", 's', "xF",
     "scale the recorded gaps: x2 = twice as fast, x0.5 = half speed (default: as recorded)"},
    {"asap", 0, "", "no gaps: each step as soon as the peer's bytes it came after are there"},
    {"wait-ms", 'w', "MS",
     "how long the peer may stay silent past the time the recording expects its bytes "
     "(default 5000)"},
    {"stop-on-timeout", 0, "", "stop the replay when such a wait runs out (default: go on)"},
    {"no-wait", 0, "", "send on the recorded times alone, without waiting for the peer's bytes"},
    {"hex", 'x', "", "xxd-style dump of each record instead of one line per record"},
    {"quiet", 'q', "", "print only the comparison (and notes), not the records"},
    {"verbose", 'v', "", "state changes and progress on stderr"},
};
constexpr CommandSpec kReplay{
    "replay", "FILE --conversation N --to ADDR:PORT [--as client|server] [--speed xF | --asap]",
    "Replay one side of a captured conversation against a live peer and compare what it "
    "answers with the recording.",
    "The conversation is imported as `socklab-cli import FILE -c N` shows it. As the client,\n"
    "SockLab connects to --to and sends the client's bytes (UDP: datagrams to --to); as the\n"
    "server, it listens (UDP: binds) on --to, waits for the first client (the first sender)\n"
    "and sends the server's bytes. FIN and RST are replayed where the recording has them.\n"
    "Pacing: each step keeps its recorded gap after our previous step and after the peer's\n"
    "bytes it came after; a step recorded after the peer's bytes waits until the live peer\n"
    "has sent as many bytes (datagrams) as the recording had, for up to --wait-ms past the\n"
    "time they were expected (then it says so and goes on, or stops with --stop-on-timeout).\n"
    "Records are printed as `connect --log` prints them (--hex, --quiet), notes on stderr,\n"
    "then the comparison: the peer's bytes and messages next to the recording's, the first\n"
    "differing byte with hex context, what was sent, and how long it took.\n"
    "Exit status: 0 the replay ran every step and the peer answered exactly the recorded\n"
    "bytes; 1 the answer differed, a wait timed out and stopped it, or the network failed\n"
    "(refused, reset, address in use); 2 bad command line, unreadable capture, no such\n"
    "conversation; 130 interrupted.\n"
    "examples:\n"
    "  socklab-cli replay lo.pcap -c 1 --to 127.0.0.1:7000              # as recorded\n"
    "  socklab-cli replay lo.pcap -c 1 --to 127.0.0.1:7000 --speed x2   # twice as fast\n"
    "  socklab-cli replay lo.pcap -c 3 --to 127.0.0.1:7001 --as server --asap\n",
    kReplayOptions};

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

class ReplayDriver final : public Driver {
public:
    ReplayDriver(Runner& runner, SessionId id, ReplayPlayer player, bool verbose)
        : m_runner(runner), m_id(id), m_player(std::move(player)), m_verbose(verbose),
          m_watch(id, {SessionState::Connected, SessionState::Listening, SessionState::Bound}) {}

    void onEvent(const EngineEvent& e) override {
        if (e.session != m_id) {
            return;
        }
        if (e.kind == EngineEvent::Kind::RecordsAppended) {
            if (auto store = m_runner.engine().store(m_id)) {
                post(m_player.onRecords(*store, nowNs()));
            }
        } else if (e.kind == EngineEvent::Kind::StateChanged && e.connection != 0) {
            if (m_verbose) {
                notice("connection #" + std::to_string(e.connection) + " " +
                       std::string(stateName(e.state)) + (e.peer.empty() ? "" : " " + e.peer));
            }
        }
        switch (m_watch.onEvent(e)) {
        case SessionWatch::Step::Up:
            if (e.state == SessionState::Listening || e.state == SessionState::Bound) {
                notice((e.state == SessionState::Listening ? "listening on " : "bound to ") +
                       e.local);
            } else {
                notice("connected " + e.local + " -> " + e.peer);
            }
            post(m_player.start(nowNs()));
            break;
        case SessionWatch::Step::Failed:
        case SessionWatch::Step::Closed:
            m_gone = true;
            // The records that led here may not have been announced yet.
            if (auto store = m_runner.engine().store(m_id)) {
                post(m_player.onRecords(*store, nowNs()));
            }
            m_player.socketGone(e.state == SessionState::Failed ? "the socket failed"
                                                                : "the socket closed",
                                nowNs());
            break;
        default:
            break;
        }
        check();
    }

    [[nodiscard]] std::optional<Clock::time_point> deadline() const override {
        if (m_closeBy) {
            return m_closeBy;
        }
        if (const auto ns = m_player.deadlineNs()) {
            return Clock::time_point{std::chrono::nanoseconds(*ns)};
        }
        return std::nullopt;
    }
    void onDeadline() override {
        if (m_closeBy) {
            if (Clock::now() >= *m_closeBy) {
                finish(exitStatus());
            }
            return;
        }
        post(m_player.onTimer(nowNs()));
        check();
    }
    void onInterrupt() override {
        post(m_player.stop(nowNs()));
        finish(130);
    }
    [[nodiscard]] bool awaitingAnswer(SessionId session) const override {
        return session == m_id && !m_watch.up();
    }

    [[nodiscard]] const ReplayPlayer& player() const { return m_player; }

private:
    void post(std::vector<Command> commands) {
        for (Command& c : commands) {
            m_runner.post(std::move(c));
        }
    }

    /// Print notes as they come; once the player is done, wait (bounded) for the session to
    /// close so that the last FIN and close reach the peer, then finish.
    void check() {
        const auto& notes = m_player.notes();
        for (; m_notesShown < notes.size(); ++m_notesShown) {
            notice(notes[m_notesShown]);
        }
        if (m_verbose) {
            if (std::string p = m_player.progressText(); p != m_progress) {
                m_progress = std::move(p);
                if (!m_progress.empty()) {
                    notice(m_progress);
                }
            }
        }
        if (!m_player.done() || finished()) {
            return;
        }
        if (m_gone) {
            finish(exitStatus());
        } else if (!m_closeBy) {
            m_closeBy = Clock::now() + std::chrono::seconds(2);
        }
    }

    [[nodiscard]] int exitStatus() const {
        const ReplayComparison c = m_player.comparison();
        return c.completed && c.identical ? kExitOk : kExitFailure;
    }

    Runner& m_runner;
    SessionId m_id;
    ReplayPlayer m_player;
    bool m_verbose;
    SessionWatch m_watch;
    bool m_gone = false;
    std::optional<Clock::time_point> m_closeBy;
    std::size_t m_notesShown = 0;
    std::string m_progress;
};

} // namespace

int cmdReplay(std::span<const std::string> argv) {
    int exit = 0;
    const auto args = parseOrExit(kReplay, argv, exit);
    if (!args) {
        return exit;
    }
    const auto usage = [](std::string why) {
        return report(inputError("parse arguments", "replay", std::move(why)), kExitUsage);
    };
    if (args->positionals().size() != 1) {
        return usage(args->positionals().empty()
                         ? "a capture FILE is needed"
                         : "one capture FILE only (got " +
                               std::to_string(args->positionals().size()) + ")");
    }
    if (!args->has("conversation")) {
        return usage("--conversation N is needed (socklab-cli import FILE lists them)");
    }
    const auto to = args->value("to");
    if (!to) {
        return usage("--to ADDR:PORT is needed (the peer, or where to listen with --as server)");
    }
    auto index = intOption(*args, "conversation", 1, 2'000'000'000, 1);
    if (!index) {
        return report(index.error(), kExitUsage);
    }
    ReplaySide side = ReplaySide::Client;
    if (const auto as = args->value("as")) {
        auto s = parseReplaySide(*as);
        if (!s) {
            return report(s.error(), kExitUsage);
        }
        side = *s;
    }
    ReplayOptions options;
    if (args->has("speed") && args->has("asap")) {
        return usage("--speed and --asap exclude each other");
    }
    if (const auto speed = args->value("speed")) {
        auto t = parseReplayTiming(*speed);
        if (!t) {
            return report(t.error(), kExitUsage);
        }
        options.timing = *t;
    }
    if (args->has("asap")) {
        options.timing = ReplayTiming{ReplayTiming::Mode::Asap, 1.0};
    }
    auto waitMs = intOption(*args, "wait-ms", 1, kReplayMaxWaitMs, 5000);
    if (!waitMs) {
        return report(waitMs.error(), kExitUsage);
    }
    options.waitTimeoutNs = std::int64_t(*waitMs) * 1'000'000;
    options.stopOnTimeout = args->has("stop-on-timeout");
    options.waitForPeer = !args->has("no-wait");

    const std::string& path = args->positionals()[0];
    TrafficStore recorded;
    auto conv = importCaptureConversation(path, static_cast<std::uint32_t>(*index), recorded);
    if (!conv) {
        return report(conv.error(), kExitUsage);
    }
    auto script = buildReplayScript(recorded, *conv, side);
    if (!script) {
        return report(script.error(), kExitUsage);
    }
    auto request = replayOpenRequest(*conv, side, *to);
    if (!request) {
        return report(request.error(), kExitUsage);
    }
    notice("replaying the " + std::string(replaySideName(side)) + " of conversation " +
           std::to_string(conv->index) + " (" + captureProtocolName(conv->protocol) + " " +
           conv->client.toString() + " -> " + conv->server.toString() + ", " +
           std::to_string(script->steps.size()) + " steps) " +
           (side == ReplaySide::Client ? "to " : "on ") + *to + ", " +
           replayTimingText(options.timing));

    OutputOptions output = outputOptions(*args, OutputFormat::Log);
    if (args->has("quiet")) {
        output.format = OutputFormat::Quiet;
    }
    Runner runner(output);
    const SessionId id = runner.open(std::move(*request));
    ReplayDriver driver(runner, id, ReplayPlayer(id, std::move(*script), options),
                        args->has("verbose"));
    const int code = runner.run(driver);
    for (const std::string& line : replayReportLines(driver.player().comparison(), side)) {
        std::printf("%s\n", line.c_str());
    }
    std::fflush(stdout);
    return code;
}

} // namespace socklab::cli
