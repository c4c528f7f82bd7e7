// connect, listen and unix: the stream-shaped subcommands (unix --dgram hands over to the
// datagram driver).
#include "app/cli/drivers.h"
#include "core/codec/codec_util.h"
#include "core/net/endpoint.h"

namespace socklab::cli {

namespace {

constexpr OptionSpec kConnectOwnOptions[] = {
    {"family", 0, "FAMILY", "socket family (default: from the address: inet or inet6)"},
    {"type", 0, "TYPE", "socket type (default stream)"},
    {"protocol", 0, "PROTO", "protocol (default 0: the kernel's choice)"},
    {"option", 'o', "NAME=VALUE", "socket option before connect, e.g. -o nodelay=1 (repeatable)"},
    {"bind", 'b', "ADDR:PORT", "bind to this local address first"},
    {"send", 0, "TEXT", "send TEXT (C escapes: \\r\\n \\x00) instead of reading stdin"},
    {"send-hex", 0, "HEX", "send bytes given in hex, e.g. \"de ad be ef\""},
    {"oob", 0, "TEXT", "send TEXT as urgent data (MSG_OOB)"},
    {"half-close", 0, "", "keep sending stdin after the peer's FIN (default: FIN ends it)"},
    {"timeout-ms", 't', "MS", "give up connecting / close when idle for MS milliseconds"},
    {"hex", 'x', "", "xxd-style dump of both directions with time and direction"},
    {"log", 'l', "", "one line per record with escaped bytes"},
    {"verbose", 'v', "", "report connection events on stderr"},
};
constexpr auto kConnectOptions =
    joinOptions(kConnectOwnOptions, kSendQueueOptions, kResponderOptions, kSaveOptions);
constexpr CommandSpec kConnect{
    "connect", "HOST:PORT [options]",
    "Connect a stream socket; stdin goes to the socket, the socket to stdout (like ncat).",
    "When stdin (or the --send list) ends, a FIN is sent (shutdown SHUT_WR) and the command\n"
    "waits for the peer to close. --send/--send-hex/--oob are sent in the order given.\n"
    "examples:\n"
    "  echo hello | socklab-cli connect 127.0.0.1:7\n"
    "  socklab-cli connect --hex --send 'GET / HTTP/1.0\\r\\n\\r\\n' example.org:80\n",
    kConnectOptions};

constexpr OptionSpec kListenOwnOptions[] = {
    {"family", 0, "FAMILY", "socket family (default: from the address)"},
    {"type", 0, "TYPE", "socket type (default stream; seqpacket works too)"},
    {"protocol", 0, "PROTO", "protocol (default 0)"},
    {"option", 'o', "NAME=VALUE", "socket option before bind, e.g. -o reuseaddr=1"},
    {"echo", 'e', "",
     "answer every message no --reply rule answered with itself, and half-close after the "
     "client does"},
    {"max-connections", 'm', "N", "at most N clients at once; more are closed at once"},
    {"once", '1', "", "serve one client, exit when it disconnects"},
    {"backlog", 0, "N", "listen() backlog (default 128)"},
    {"hex", 'x', "", "xxd-style dump of both directions"},
    {"log", 'l', "", "one line per record with escaped bytes"},
    {"verbose", 'v', "", "report accepted/closed connections on stderr"},
};
constexpr auto kListenOptions =
    joinOptions(kListenOwnOptions, kSendQueueOptions, kResponderOptions, kSaveOptions);
constexpr CommandSpec kListen{
    "listen", "ADDR:PORT [options]",
    "Listen on a stream socket; clients' bytes go to stdout, stdin goes to every client.",
    "The bound address is printed on stderr (\"listening on 127.0.0.1:40123\"), so port 0\n"
    "picks a free port.\n"
    "examples:\n"
    "  socklab-cli listen --echo 127.0.0.1:0\n"
    "  socklab-cli listen --save cap.pcapng --rotate 10M --save-keep 20 0.0.0.0:7000\n"
    "  socklab-cli listen --frame lf --reply 'PING=>PONG\\n' --reply 're:^GET (\\S+)=>{1}\\n' "
    "127.0.0.1:7000\n"
    "  socklab-cli listen --frame len:2be --reply 'hex:00 03 01 *=>hex:00 03 81 {1}' "
    "127.0.0.1:502\n",
    kListenOptions};

constexpr OptionSpec kUnixOwnOptions[] = {
    {"listen", 'L', "", "bind and listen (stream/seqpacket) or bind and receive (dgram)"},
    {"dgram", 'd', "", "SOCK_DGRAM instead of SOCK_STREAM"},
    {"seqpacket", 's', "", "SOCK_SEQPACKET instead of SOCK_STREAM"},
    {"bind", 'b', "PATH", "client: bind to this path or @name first (dgram replies need it)"},
    {"option", 'o', "NAME=VALUE", "socket option (repeatable)"},
    {"echo", 'e', "", "answer every message no --reply rule answered with itself"},
    {"once", '1', "", "listener: serve one client, then exit"},
    {"max-connections", 'm', "N", "listener: at most N clients at once"},
    {"send", 0, "TEXT", "send TEXT (C escapes) instead of reading stdin"},
    {"send-hex", 0, "HEX", "send bytes given in hex"},
    {"count", 'c', "N", "dgram: send the --send list N times / exit after N received"},
    {"half-close", 0, "", "keep sending stdin after the peer's FIN"},
    {"timeout-ms", 't', "MS", "connect/idle timeout (stream), reply wait (dgram)"},
    {"hex", 'x', "", "xxd-style dump of both directions"},
    {"log", 'l', "", "one line per record with escaped bytes"},
    {"verbose", 'v', "", "report connection events on stderr"},
};
constexpr auto kUnixOptions = joinOptions(kUnixOwnOptions, kUnixModeOptions, kSendQueueOptions,
                                          kResponderOptions, kSaveOptions);
constexpr CommandSpec kUnix{
    "unix", "PATH|@NAME [options]",
    "Unix-domain sockets: connect (default) or --listen, stream (default), --dgram or "
    "--seqpacket.",
    "@NAME is a Linux abstract name (no file). A socket file is created owner-only (0600)\n"
    "unless --unix-mode says otherwise; an existing PATH is replaced only when it is a stale\n"
    "socket file of yours (nobody listening), and the note says so. examples:\n"
    "  socklab-cli unix --listen --echo /tmp/s.sock\n"
    "  echo hi | socklab-cli unix /tmp/s.sock\n"
    "  socklab-cli unix --listen --dgram @lab --count 1\n",
    kUnixOptions};

struct Common {
    OpenSession request;
    std::vector<SendStep> steps;
    int timeout_ms = 0;
    std::optional<LiveSaveSettings> save;
};

OutputOptions outputWithSave(const Args& args, const Common& c) {
    OutputOptions output = outputOptions(args);
    output.save = c.save;
    return output;
}

// Everything the stream-shaped commands share; errors are usage errors.
Result<Common> commonFromArgs(const Args& args, SocketSpec spec) {
    Common c;
    auto s = specFromArgs(args, spec);
    if (!s) {
        return fail(s.error());
    }
    c.request.spec = *s;
    auto options = socketOptions(args);
    if (!options) {
        return fail(options.error());
    }
    c.request.options = std::move(*options);
    auto steps = sendSteps(args);
    if (!steps) {
        return fail(steps.error());
    }
    c.steps = std::move(*steps);
    auto timeout = intOption(args, "timeout-ms", 1, 86'400'000, 0);
    if (!timeout) {
        return fail(timeout.error());
    }
    c.timeout_ms = *timeout;
    auto responders = respondersFromArgs(args);
    if (!responders) {
        return fail(responders.error());
    }
    c.request.responders = std::move(*responders);
    auto save = saveFromArgs(args, c.request.spec);
    if (!save) {
        return fail(save.error());
    }
    c.save = std::move(*save);
    auto queue = sendQueueFromArgs(args);
    if (!queue) {
        return fail(queue.error());
    }
    c.request.sendQueueBytes = *queue;
    return c;
}

int runClient(Common c, const Args& args, const std::string& target) {
    return runSession<StreamClientDriver>(
        outputWithSave(args, c), std::move(c.request),
        StreamClientDriver::Config{std::move(c.steps), args.has("half-close"), c.timeout_ms, target,
                                   args.has("verbose"), c.request.sendQueueBytes});
}

int runListener(Common c, const Args& args) {
    auto max = intOption(args, "max-connections", 1, 1'000'000, 0);
    if (!max) {
        return report(max.error(), kExitUsage);
    }
    auto backlog = intOption(args, "backlog", 1, 65535, 128);
    if (!backlog) {
        return report(backlog.error(), kExitUsage);
    }
    c.request.role = Role::Listen;
    c.request.backlog = *backlog;
    return runSession<ListenDriver>(outputWithSave(args, c), std::move(c.request),
                                    ListenDriver::Config{*max, args.has("once"),
                                                         args.has("verbose"),
                                                         c.request.sendQueueBytes});
}

std::optional<int> needOneAddress(const Args& args, std::string_view command,
                                  std::string_view what) {
    if (args.positionals().size() != 1) {
        return report(inputError("parse arguments", std::string(command),
                                 "expected one " + std::string(what) + " (see socklab-cli " +
                                     std::string(command) + " --help)"),
                      kExitUsage);
    }
    return std::nullopt;
}

} // namespace

int cmdConnect(std::span<const std::string> argv) {
    int exit = 0;
    const auto args = parseOrExit(kConnect, argv, exit);
    if (!args) {
        return exit;
    }
    if (auto code = needOneAddress(*args, "connect", "HOST:PORT")) {
        return *code;
    }
    const std::string& target = args->positionals()[0];
    auto family = checkHostPort(target);
    if (!family) {
        return report(family.error(), kExitUsage);
    }
    auto c = commonFromArgs(*args, {*family, catalogType("SOCK_STREAM"), 0});
    if (!c) {
        return report(c.error(), kExitUsage);
    }
    c->request.role = Role::Connect;
    c->request.remote = target;
    if (const auto local = args->value("bind")) {
        if (auto f = checkHostPort(*local); !f) {
            return report(f.error(), kExitUsage);
        }
        c->request.local = *local;
    }
    return runClient(std::move(*c), *args, target);
}

int cmdListen(std::span<const std::string> argv) {
    int exit = 0;
    const auto args = parseOrExit(kListen, argv, exit);
    if (!args) {
        return exit;
    }
    if (auto code = needOneAddress(*args, "listen", "ADDR:PORT")) {
        return *code;
    }
    const std::string& local = args->positionals()[0];
    auto family = checkHostPort(local);
    if (!family) {
        return report(family.error(), kExitUsage);
    }
    auto c = commonFromArgs(*args, {*family, catalogType("SOCK_STREAM"), 0});
    if (!c) {
        return report(c.error(), kExitUsage);
    }
    c->request.local = local;
    return runListener(std::move(*c), *args);
}

int cmdUnix(std::span<const std::string> argv) {
    int exit = 0;
    const auto args = parseOrExit(kUnix, argv, exit);
    if (!args) {
        return exit;
    }
    if (auto code = needOneAddress(*args, "unix", "PATH or @NAME")) {
        return *code;
    }
    if (args->has("dgram") && args->has("seqpacket")) {
        return report(inputError("parse arguments", "unix",
                                 "--dgram and --seqpacket exclude "
                                 "each other"),
                      kExitUsage);
    }
    const std::string& path = args->positionals()[0];
    if (auto e = Endpoint::parse(path, catalogFamily("AF_UNIX")); !e) {
        return report(e.error(), kExitUsage);
    }
    const char* type = args->has("dgram")       ? "SOCK_DGRAM"
                       : args->has("seqpacket") ? "SOCK_SEQPACKET"
                                                : "SOCK_STREAM";
    auto c = commonFromArgs(*args, {catalogFamily("AF_UNIX"), catalogType(type), 0});
    if (!c) {
        return report(c.error(), kExitUsage);
    }
    const bool listen = args->has("listen");
    auto mode = unixModeFromArgs(*args, listen ? path : args->value("bind").value_or(""));
    if (!mode) {
        return report(mode.error(), kExitUsage);
    }
    c->request.unixMode = *mode;
    if (!args->has("dgram")) {
        if (listen) {
            c->request.local = path;
            return runListener(std::move(*c), *args);
        }
        c->request.role = Role::Connect;
        c->request.remote = path;
        if (const auto local = args->value("bind")) {
            c->request.local = *local;
        }
        return runClient(std::move(*c), *args, path);
    }
    if (const auto queue = args->value("send-queue")) {
        return report(inputError("parse --send-queue", codec_detail::quotedVisible(*queue),
                                 "datagram sockets have no send queue (drop --dgram or the "
                                 "option)"),
                      kExitUsage);
    }
    auto count = intOption(*args, "count", 1, 1'000'000, listen ? 0 : 1);
    if (!count) {
        return report(count.error(), kExitUsage);
    }
    DatagramDriver::Config config;
    config.verbose = args->has("verbose");
    config.steps = std::move(c->steps);
    if (listen) {
        c->request.role = Role::Bind;
        c->request.local = path;
        config.receiveLimit = *count;
    } else {
        c->request.role = Role::Connect;
        c->request.remote = path;
        c->request.local = args->value("bind").value_or("");
        config.connected = true;
        if (config.steps.empty()) {
            config.receiveLimit = args->has("count") ? *count : 0;
        } else {
            config.count = *count;
        }
    }
    if (c->timeout_ms > 0) {
        config.linger_ms = c->timeout_ms;
        config.receiveTimeout_ms = c->timeout_ms;
    }
    return runSession<DatagramDriver>(outputWithSave(*args, *c), std::move(c->request),
                                      std::move(config));
}

} // namespace socklab::cli
