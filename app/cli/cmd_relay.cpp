// relay: sit between a client and a server, forward both ways with optional impairment, show
// the traffic, and print per-direction figures at exit.
#include "app/cli/common.h"
#include "app/cli/impair_flags.h"
#include "app/cli/runner.h"
#include "app/cli/session_watch.h"
#include "core/capture/exporters.h"
#include "core/capture/record_text.h"
#include "core/impair/impairment_text.h"
#include "core/net/endpoint.h"

#include <cstdio>
#include <functional>
#include <limits>

namespace socklab::cli {

namespace {

constexpr OptionSpec kRelayOptions[] = {
    {"listen", 'L', "ADDR", "where clients connect: 127.0.0.1:8000, [::1]:8000, /tmp/r.sock, @r"},
    {"to", 0, "ADDR", "the upstream server every client is forwarded to"},
    {"udp", 'u', "", "datagram relay (UDP, or Unix datagram for paths); default: stream"},
    {"unix", 0, "", "addresses are Unix socket paths even without a leading / or @"},
    {"unix-mode", 0, "OCTAL",
     "mode of the --listen socket file (default 0600: owner only), e.g. 0660"},
    {"loss", 0, "[DIR:]P", "datagrams: drop P% at random, e.g. 10%"},
    {"burst", 0, "[DIR:]GB,BG[,LG,LB]", "datagrams: bursty loss, Gilbert-Elliott (see below)"},
    {"dup", 0, "[DIR:]P", "datagrams: a second copy of P% of them"},
    {"reorder", 0, "[DIR:]P[,DEPTH]",
     "datagrams: hold P% back until DEPTH later ones passed (default 3)"},
    {"delay", 0, "[DIR:]TIME", "delay every datagram / chunk, e.g. 40ms (stream order kept)"},
    {"jitter", 0, "[DIR:]TIME", "the delay varies by +-TIME"},
    {"rate", 0, "[DIR:]RATE", "rate limit like a link: 1MB/s, 512KiB/s, 10Mbit/s"},
    {"corrupt", 0, "[DIR:]P", "datagrams: flip one random bit in P% of them"},
    {"truncate", 0, "[DIR:]N", "datagrams: cut longer ones to N bytes"},
    {"segment", 0, "[DIR:]MIN..MAX", "streams: write in pieces of MIN..MAX bytes, e.g. 1..16"},
    {"coalesce", 0, "[DIR:]TIME", "streams: gather chunks for TIME and write them as one"},
    {"reset-after", 0, "[DIR:]N", "streams: reset both legs after N bytes went this way"},
    {"slow-close", 0, "[DIR:]TIME", "streams: hold the FIN back for TIME after the last byte"},
    {"seed", 0, "N", "random seed: the same seed and traffic give the same fates (default 1)"},
    {"idle-timeout", 0, "TIME", "datagrams: a client mapping without traffic expires (60s)"},
    {"duration", 0, "TIME", "stop after TIME, e.g. 10s"},
    {"count", 'c', "N", "stop after N pairs (stream) or mappings (datagram) closed"},
    {"pcapng", 0, "FILE", "at exit, write the capture as pcapng (IP relays)"},
    {"hex", 'x', "", "xxd-style dump of both directions, live"},
    {"log", 'l', "", "one line per record with escaped bytes, live"},
    {"verbose", 'v', "", "report pairs opening and closing on stderr"},
};
constexpr CommandSpec kRelay{
    "relay", "--listen ADDR --to ADDR [--udp] [impairment] [options]",
    "Forward every client to an upstream server, both directions captured, optionally "
    "impaired.",
    "Family and type come from the addresses ([v6]:port, /path or @abstract for Unix) and\n"
    "--udp. A stream relay gives each client its own upstream connection (a pair); a datagram\n"
    "relay gives each client address its own upstream socket (a mapping). The bound address\n"
    "is printed on stderr. The relay runs until Ctrl-C/SIGTERM, --duration or --count, then\n"
    "prints per-direction counters on stdout.\n"
    "\n"
    "Directions: an impairment applies to both directions unless its value starts with\n"
    "c2s: (client->server only) or s2c: (server->client only). Options apply in order, so\n"
    "  --delay 40ms --delay s2c:0     delays client->server only\n"
    "TIME: 40ms, 1.5s, 40 (ms). P: 10%, 2.5. RATE: 1MB/s (K = 1000, KiB = 1024), 10Mbit/s.\n"
    "--burst GB,BG[,LG,LB]: % chance per datagram of Good->Bad and of Bad->Good, and the loss %\n"
    "while Good (default 0) and while Bad (default 100).\n"
    "Exit status: 0 when the relay ran (Ctrl-C included), 1 when it could not start, 2 for a\n"
    "bad command line.\n"
    "examples:\n"
    "  socklab-cli relay --listen 127.0.0.1:8000 --to 127.0.0.1:9000 --log\n"
    "  socklab-cli relay --udp --listen 127.0.0.1:5353 --to 127.0.0.1:53 --loss 10% --seed 7\n"
    "  socklab-cli relay --listen /tmp/r.sock --to /run/app.sock --segment c2s:1..16\n",
    kRelayOptions};

// ---- addresses ----

bool looksUnix(std::string_view address) {
    return address.starts_with('/') || address.starts_with('@');
}

// The family an address implies, checked for syntax.
Result<int> addressFamily(std::string_view flag, const std::string& address, bool forceUnix) {
    if (forceUnix || looksUnix(address)) {
        const int unixFamily = catalogFamily("AF_UNIX");
        if (auto e = Endpoint::parse(address, unixFamily); !e) {
            return fail(e.error());
        }
        return unixFamily;
    }
    auto f = checkHostPort(address);
    if (!f) {
        Error e = f.error();
        e.op = "parse " + std::string(flag);
        return fail(e);
    }
    return *f;
}

// ---- the run ----

struct RunConfig {
    int duration_ms = 0; ///< 0 = until interrupted
    int pairLimit = 0;   ///< stop after this many pairs/mappings closed; 0 = no limit
    std::string pcapng;  ///< "" = none
    bool datagram = false;
    bool verbose = false;
    std::string upstream; ///< as typed, for messages
};

// How long to wait for the last figures after asking for them; the engine answers at once, so
// this only bounds a run whose engine is stuck.
constexpr auto kFiguresWait = std::chrono::seconds(3);

class RelayDriver final : public Driver {
public:
    RelayDriver(Runner& runner, SessionId id, RunConfig config)
        : m_runner(runner), m_id(id), m_config(std::move(config)),
          m_watch(id, {SessionState::Listening, SessionState::Bound}) {}

    void onEvent(const EngineEvent& e) override {
        if (e.session != m_id) {
            return;
        }
        switch (e.kind) {
        case EngineEvent::Kind::RelayFigures:
            m_figures = e.relayFigures;
            if (m_closed) {
                end(); // the figures the close sends: final
            }
            return;
        case EngineEvent::Kind::Accepted:
            if (m_config.verbose) {
                notice(std::string(m_config.datagram ? "mapping #" : "pair #") +
                       std::to_string(e.connection) + " from " + e.peer + ", upstream " + e.text);
            }
            return;
        case EngineEvent::Kind::StateChanged:
            break;
        default:
            return;
        }
        if (e.connection != 0) {
            if (e.state == SessionState::Closed || e.state == SessionState::Failed) {
                if (m_config.verbose) {
                    notice(std::string(m_config.datagram ? "mapping #" : "pair #") +
                           std::to_string(e.connection) +
                           (e.state == SessionState::Failed ? " failed" : " closed") +
                           (e.text.empty() ? "" : ": " + e.text));
                }
                ++m_pairsClosed;
                if (m_config.pairLimit > 0 && m_pairsClosed >= m_config.pairLimit) {
                    stop(kExitOk);
                }
            }
            return;
        }
        switch (m_watch.onEvent(e)) {
        case SessionWatch::Step::Up:
            m_local = e.local;
            m_upstream = e.text.empty() ? m_config.upstream : e.text; // resolved by the engine
            m_started = Clock::now();
            notice(std::string(m_config.datagram ? "bound to " : "listening on ") + e.local +
                   ", relaying to " + (e.text.empty() ? m_config.upstream : e.text));
            break;
        case SessionWatch::Step::Failed:
            finish(kExitFailure);
            break;
        case SessionWatch::Step::Closed:
            m_closed = true;
            if (!m_stopping) {
                stop(kExitOk);
            }
            break;
        case SessionWatch::Step::None:
            break;
        }
    }

    [[nodiscard]] bool awaitingAnswer(SessionId session) const override {
        return session == m_id && !m_watch.up();
    }

    [[nodiscard]] std::optional<Clock::time_point> deadline() const override {
        if (m_stopping) {
            return m_stopDeadline;
        }
        if (m_watch.up() && m_config.duration_ms > 0) {
            return m_started + std::chrono::milliseconds(m_config.duration_ms);
        }
        return std::nullopt;
    }

    void onDeadline() override {
        if (m_stopping) {
            notice("no final figures from the relay within 3 s: printing the last ones");
            end();
            return;
        }
        stop(kExitOk);
    }

    // Ctrl-C is how a relay normally ends: figures are printed and the status is 0.
    void onInterrupt() override {
        if (!m_watch.up()) {
            finish(130);
            return;
        }
        stop(kExitOk);
    }

private:
    // Ask for the figures and close the relay (listener and every pair); the figures event
    // that follows the Closed state is final.
    void stop(int code) {
        if (m_stopping) {
            return;
        }
        m_stopping = true;
        m_exitCode = code;
        m_stopDeadline = Clock::now() + kFiguresWait;
        m_runner.post(QueryRelayFigures{m_id});
        if (!m_closed) {
            m_runner.post(CloseSocket{m_id, 0, false});
        }
    }

    void end() {
        if (finished()) {
            return;
        }
        m_runner.printer().flush(m_id);
        printFigures();
        int code = m_exitCode;
        if (!m_config.pcapng.empty() && !writePcapng()) {
            code = kExitFailure;
        }
        finish(code);
    }

    void printFigures() const {
        const RelayFigures& f = m_figures;
        const ImpairmentCounters& s = f.toServer;
        const ImpairmentCounters& c = f.toClient;
        std::printf("--- relay %s -> %s ---\n", m_local.c_str(), m_config.upstream.c_str());
        std::printf("%-18s %16s %16s\n", "", "client->server", "server->client");
        auto row = [](const char* name, std::uint64_t a, std::uint64_t b) {
            std::printf("%-18s %16llu %16llu\n", name, static_cast<unsigned long long>(a),
                        static_cast<unsigned long long>(b));
        };
        row("received", s.received, c.received);
        row("dropped", s.dropped, c.dropped);
        row("duplicated", s.duplicated, c.duplicated);
        row("reordered", s.reordered, c.reordered);
        row("delayed", s.delayed, c.delayed);
        row("corrupted", s.corrupted, c.corrupted);
        row("truncated", s.truncated, c.truncated);
        row("delivered", s.delivered, c.delivered);
        row("bytes received", s.receivedBytes, c.receivedBytes);
        row("bytes delivered", s.deliveredBytes, c.deliveredBytes);
        row("waiting", s.waiting, c.waiting);
        row("held", f.heldToServer, f.heldToClient);
        row("injected", f.injectedToServer, f.injectedToClient);
        row("dropped held", f.heldDroppedToServer, f.heldDroppedToClient);
        row("unsent", f.unsentToServer, f.unsentToClient);
        std::printf("%s: %llu total, %llu open; upstream failures: %llu; expired: %llu\n",
                    m_config.datagram ? "mappings" : "pairs",
                    static_cast<unsigned long long>(f.pairsTotal),
                    static_cast<unsigned long long>(f.pairs),
                    static_cast<unsigned long long>(f.upstreamFailures),
                    static_cast<unsigned long long>(f.expired));
        std::fflush(stdout);
    }

    bool writePcapng() const {
        const auto store = m_runner.engine().store(m_id);
        if (!store) {
            notice("export pcapng " + m_config.pcapng + ": the capture is gone");
            return false;
        }
        PcapngOptions options;
        options.transport = m_config.datagram ? PcapTransport::Udp : PcapTransport::Tcp;
        // The file shows each pair as the client <-> server conversation it carried.
        options.relay = true;
        if (auto upstream = Endpoint::parse(m_upstream)) {
            options.local = *upstream;
        }
        auto summary = exportPcapng(*store, m_config.pcapng, options);
        if (!summary) {
            notice(summary.error().message());
            return false;
        }
        std::string text =
            "wrote " + std::to_string(summary->packets) + " packets to " + m_config.pcapng;
        if (summary->skippedUserBytes > 0) {
            text += " (" + std::to_string(summary->skippedUserBytes) +
                    " edited/injected records left out: the file shows what the peers sent)";
        }
        if (summary->skippedNoAddress > 0) {
            text += " (" + std::to_string(summary->skippedNoAddress) +
                    " data records without IP addresses left out)";
        }
        notice(text);
        return true;
    }

    Runner& m_runner;
    SessionId m_id;
    RunConfig m_config;
    SessionWatch m_watch;
    std::string m_local;
    std::string m_upstream;
    Clock::time_point m_started = Clock::now();
    RelayFigures m_figures;
    int m_pairsClosed = 0;
    bool m_stopping = false;
    bool m_closed = false;
    int m_exitCode = kExitOk;
    Clock::time_point m_stopDeadline;
};

// A value option parsed as a duration; fallback when absent.
Result<int> durationOption(const Args& args, std::string_view name, int min, int fallback) {
    const auto v = args.value(name);
    if (!v) {
        return fallback;
    }
    const std::string flag = "--" + std::string(name);
    auto ms = parseDurationMs(flag, *v);
    if (!ms) {
        return fail(ms.error());
    }
    if (*ms < min) {
        return fail(inputError("parse " + flag, "\"" + *v + "\"",
                               "must be at least " + std::to_string(min) + " ms"));
    }
    return *ms;
}

} // namespace

int cmdRelay(std::span<const std::string> argv) {
    int exit = 0;
    const auto args = parseOrExit(kRelay, argv, exit);
    if (!args) {
        return exit;
    }
    if (!args->positionals().empty()) {
        return report(inputError("parse arguments", "\"" + args->positionals()[0] + "\"",
                                 "relay takes no positional address: use --listen and --to"),
                      kExitUsage);
    }
    const auto listen = args->value("listen");
    const auto upstream = args->value("to");
    if (!listen || !upstream) {
        return report(
            inputError("parse arguments", "relay", "--listen ADDR and --to ADDR are both needed"),
            kExitUsage);
    }
    const bool forceUnix = args->has("unix");
    auto listenFamily = addressFamily("--listen", *listen, forceUnix);
    if (!listenFamily) {
        return report(listenFamily.error(), kExitUsage);
    }
    auto upstreamFamily = addressFamily("--to", *upstream, forceUnix);
    if (!upstreamFamily) {
        return report(upstreamFamily.error(), kExitUsage);
    }
    if (*listenFamily != *upstreamFamily) {
        return report(inputError("parse arguments", "relay",
                                 "--listen " + *listen + " and --to " + *upstream +
                                     " are of different families (IPv4, IPv6, Unix): the relay "
                                     "opens both sides alike"),
                      kExitUsage);
    }
    const bool datagram = args->has("udp");
    OpenSession request;
    request.spec = {*listenFamily, catalogType(datagram ? "SOCK_DGRAM" : "SOCK_STREAM"), 0};
    request.role = Role::Relay;
    request.local = *listen;
    request.remote = *upstream;
    auto mode = unixModeFromArgs(*args, *listenFamily == catalogFamily("AF_UNIX") ? *listen : "");
    if (!mode) {
        return report(mode.error(), kExitUsage);
    }
    request.unixMode = *mode;
    const ImpairmentScope scope = datagram ? ImpairmentScope::Datagram : ImpairmentScope::Stream;
    if (auto st = parseImpairments(*args, scope, kRelayPrefixes, request.relay.toServer,
                                   request.relay.toClient);
        !st) {
        return report(st.error(), kExitUsage);
    }
    if (const auto v = args->value("seed")) {
        auto seed = parseInteger("--seed", *v, 0, std::numeric_limits<long long>::max());
        if (!seed) {
            return report(seed.error(), kExitUsage);
        }
        request.relay.seed = std::uint64_t(*seed);
    }
    if (args->has("idle-timeout") && !datagram) {
        return report(inputError("parse arguments", "--idle-timeout",
                                 "applies to datagram relays only (add --udp)"),
                      kExitUsage);
    }
    auto idle = durationOption(*args, "idle-timeout", 1, request.relay.idleTimeout_ms);
    auto duration = durationOption(*args, "duration", 1, 0);
    auto count = intOption(*args, "count", 1, 10'000'000, 0);
    for (const Error* e : {idle ? nullptr : &idle.error(), duration ? nullptr : &duration.error(),
                           count ? nullptr : &count.error()}) {
        if (e) {
            return report(*e, kExitUsage);
        }
    }
    request.relay.idleTimeout_ms = *idle;
    RunConfig run;
    run.duration_ms = *duration;
    run.pairLimit = *count;
    run.pcapng = args->value("pcapng").value_or("");
    run.datagram = datagram;
    run.verbose = args->has("verbose");
    run.upstream = *upstream;
    OutputOptions output = outputOptions(*args, OutputFormat::Quiet);
    output.relay = true;
    return runSession<RelayDriver>(output, std::move(request), std::move(run));
}

} // namespace socklab::cli
