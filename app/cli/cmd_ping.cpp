#include "app/cli/common.h"
#include "app/cli/runner.h"
#include "app/cli/session_watch.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace socklab::cli {

namespace {

constexpr OptionSpec kPingOptions[] = {
    {"count", 'c', "N", "echo requests to send (default 4)"},
    {"interval", 'i', "SECONDS", "time between requests (default 1; 0.2 = 200 ms)"},
    {"wait", 'W', "SECONDS", "how long to wait for each reply (default 2)"},
    {"size", 's', "BYTES", "payload bytes per request (default 56)"},
    {"inet6", '6', "", "ICMPv6 (default: from the address)"},
    {"hex", 'x', "", "also dump every request and reply"},
    {"log", 'l', "", "also log every record"},
};
constexpr CommandSpec kPing{
    "ping", "HOST [options]",
    "ICMP echo through the engine (an unprivileged ping socket, or a raw one as root).",
    "Unprivileged ICMP needs your group in net.ipv4.ping_group_range; otherwise run as root.\n"
    "example: socklab-cli ping -c 3 -i 0.2 127.0.0.1\n",
    kPingOptions};

Result<double> parseSeconds(std::string_view name, const std::string& text, double min,
                            double max) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v) || v < min ||
        v > max) {
        return fail(inputError("parse " + std::string(name), "\"" + text + "\"",
                               "expected seconds between " + std::to_string(min) + " and " +
                                   std::to_string(max)));
    }
    return v;
}

class PingDriver final : public Driver {
public:
    PingDriver(Runner& runner, SessionId id, Ping request)
        : m_runner(runner), m_id(id), m_request(std::move(request)),
          m_watch(id, {SessionState::Bound, SessionState::Connected}) {
        m_request.session = id;
    }

    void onEvent(const EngineEvent& e) override {
        if (e.session != m_id) {
            return;
        }
        switch (e.kind) {
        case EngineEvent::Kind::StateChanged:
            if (const auto step = m_watch.onEvent(e); step == SessionWatch::Step::Up) {
                std::printf("PING %s: %zu data bytes\n", m_request.target.c_str(),
                            m_request.payloadBytes);
                std::fflush(stdout);
                m_runner.post(m_request);
                m_awaitingReply = true;
            } else if (step == SessionWatch::Step::Failed || step == SessionWatch::Step::Closed) {
                finish(kExitFailure);
            }
            break;
        case EngineEvent::Kind::PingReply:
            m_awaitingReply = false;
            ++m_sent;
            if (e.ping.timedOut) {
                std::printf("no reply for icmp_seq=%u within %d ms\n", unsigned(e.ping.sequence),
                            m_request.timeout_ms);
            } else {
                ++m_received;
                const double ms = double(e.ping.rtt_us) / 1000.0;
                m_min = std::min(m_min, ms);
                m_max = std::max(m_max, ms);
                m_sum += ms;
                std::printf("%zu bytes from %s: icmp_seq=%u", e.ping.bytes, e.ping.from.c_str(),
                            unsigned(e.ping.sequence));
                if (e.ping.ttl > 0) {
                    std::printf(" ttl=%d", e.ping.ttl);
                }
                std::printf(" time=%.3f ms\n", ms);
            }
            std::fflush(stdout);
            break;
        case EngineEvent::Kind::PingDone:
            summary();
            finish(m_received > 0 ? kExitOk : kExitFailure);
            break;
        default:
            break;
        }
    }

    /// Until the session is up, then from the Ping command to its first reply: a target that
    /// does not resolve (or a first echo the kernel refuses to send) is only an Error event.
    [[nodiscard]] bool awaitingAnswer(SessionId session) const override {
        return session == m_id && (!m_watch.up() || m_awaitingReply);
    }

    void onInterrupt() override {
        summary();
        finish(m_received > 0 ? kExitOk : kExitFailure);
    }

private:
    void summary() {
        std::printf("--- %s ping statistics ---\n", m_request.target.c_str());
        const int loss = m_sent ? int(100 * (m_sent - m_received) / m_sent) : 0;
        std::printf("%d transmitted, %d received, %d%% packet loss\n", m_sent, m_received, loss);
        if (m_received > 0) {
            std::printf("rtt min/avg/max = %.3f/%.3f/%.3f ms\n", m_min, m_sum / m_received, m_max);
        }
        std::fflush(stdout);
    }

    Runner& m_runner;
    SessionId m_id;
    Ping m_request;
    SessionWatch m_watch;
    bool m_awaitingReply = false;
    int m_sent = 0;
    int m_received = 0;
    double m_min = 1e300;
    double m_max = 0;
    double m_sum = 0;
};

} // namespace

int cmdPing(std::span<const std::string> argv) {
    int exit = 0;
    const auto args = parseOrExit(kPing, argv, exit);
    if (!args) {
        return exit;
    }
    if (args->positionals().size() != 1) {
        return report(inputError("parse arguments", "ping", "expected one HOST"), kExitUsage);
    }
    Ping ping;
    ping.target = args->positionals()[0];
    if (const auto v = args->value("count")) {
        auto n = parseInteger("--count", *v, 1, 1'000'000);
        if (!n) {
            return report(n.error(), kExitUsage);
        }
        ping.count = int(*n);
    }
    if (const auto v = args->value("interval")) {
        auto s = parseSeconds("--interval", *v, 0.001, 3600);
        if (!s) {
            return report(s.error(), kExitUsage);
        }
        ping.interval_ms = std::max(1, int(*s * 1000));
    }
    if (const auto v = args->value("wait")) {
        auto s = parseSeconds("--wait", *v, 0.001, 3600);
        if (!s) {
            return report(s.error(), kExitUsage);
        }
        ping.timeout_ms = std::max(1, int(*s * 1000));
    }
    if (const auto v = args->value("size")) {
        auto n = parseInteger("--size", *v, 0, 65000);
        if (!n) {
            return report(n.error(), kExitUsage);
        }
        ping.payloadBytes = std::size_t(*n);
    }
    const bool v6 = args->has("inet6") || ping.target.find(':') != std::string::npos;
    OpenSession request;
    request.spec = {catalogFamily(v6 ? "AF_INET6" : "AF_INET"), catalogType("SOCK_DGRAM"),
                    catalogProtocol(v6 ? "IPPROTO_ICMPV6" : "IPPROTO_ICMP")};
    request.role = Role::Bind;
    return runSession<PingDriver>(outputOptions(*args, OutputFormat::Quiet), std::move(request),
                                  ping);
}

} // namespace socklab::cli
