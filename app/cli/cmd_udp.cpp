#include "app/cli/drivers.h"
#include "core/net/multicast_group.h"

namespace socklab::cli {

namespace {

constexpr OptionSpec kUdpOwnOptions[] = {
    {"bind", 'b', "ADDR:PORT", "local address (default 0.0.0.0:0 or [::]:0)"},
    {"to", 0, "ADDR:PORT", "send datagrams to this address with sendto()"},
    {"connect", 0, "ADDR:PORT", "connect() the socket to this peer (only its datagrams arrive)"},
    {"send", 0, "TEXT", "datagram with TEXT (C escapes) instead of stdin (repeatable)"},
    {"send-hex", 0, "HEX", "datagram with bytes given in hex (repeatable)"},
    {"count", 'c', "N", "send the --send list N times; without --send: exit after N received"},
    {"join", 'j', "GROUP", "join a multicast group after bind (e.g. 239.1.2.3; repeatable)"},
    {"join-if", 0, "IFACE", "interface for --join: a name (lo) or IPv4 address; default: kernel"},
    {"option", 'o', "NAME=VALUE", "socket option before bind, e.g. -o broadcast=1"},
    {"protocol", 0, "PROTO", "protocol (default udp; udplite works too)"},
    {"timeout-ms", 't', "MS",
     "wait MS for replies after the last send (default 500); with --count and no --send: "
     "fail after MS idle"},
    {"hex", 'x', "", "xxd-style dump of each datagram with time, direction and peer"},
    {"log", 'l', "", "one line per datagram with escaped bytes"},
    {"verbose", 'v', "", "report socket events on stderr"},
};
constexpr auto kUdpOptions = joinOptions(kUdpOwnOptions, kResponderOptions, kSaveOptions);
constexpr CommandSpec kUdp{
    "udp", "--bind ADDR:PORT [--to ADDR:PORT | --connect ADDR:PORT] [options]",
    "A UDP endpoint: sends --send datagrams or one datagram per stdin read; prints what "
    "arrives.",
    "The bound address is printed on stderr. Received datagrams go to stdout (raw unless\n"
    "--log/--hex). examples:\n"
    "  socklab-cli udp --bind 127.0.0.1:9000 --count 1            # wait for one datagram\n"
    "  socklab-cli udp --bind 127.0.0.1:0 --to 127.0.0.1:9000 --send 'hi\\n'\n"
    "  socklab-cli udp --bind 0.0.0.0:9000 --join 239.1.2.3 --join-if lo --count 1\n"
    "  socklab-cli udp --bind 127.0.0.1:9000 --reply 'hex:01 03 *=>hex:01 83 02 {crc16-modbus}'\n",
    kUdpOptions};

} // namespace

int cmdUdp(std::span<const std::string> argv) {
    int exit = 0;
    const auto args = parseOrExit(kUdp, argv, exit);
    if (!args) {
        return exit;
    }
    if (!args->positionals().empty()) {
        return report(inputError("parse arguments", "\"" + args->positionals()[0] + "\"",
                                 "udp takes no positional address: use --bind/--to/--connect"),
                      kExitUsage);
    }
    if (args->has("to") && args->has("connect")) {
        return report(inputError("parse arguments", "udp", "--to and --connect exclude each other"),
                      kExitUsage);
    }
    OpenSession request;
    int family = 0;
    for (const char* name : {"bind", "to", "connect"}) {
        if (const auto v = args->value(name)) {
            auto f = checkHostPort(*v);
            if (!f) {
                return report(f.error(), kExitUsage);
            }
            if (family != 0 && *f != family) {
                return report(inputError("parse arguments", "udp",
                                         "addresses mix IPv4 and IPv6 (--" + std::string(name) +
                                             " " + *v + ")"),
                              kExitUsage);
            }
            family = *f;
        }
    }
    if (family == 0) {
        // Only groups given: their family picks the socket's (an IPv6 group needs [::]).
        for (const auto& item : args->items()) {
            if (item.name == "join") {
                if (const ParsedGroup g = checkMulticastGroup(item.value, 0);
                    g.check == GroupCheck::Ok) {
                    family = g.group.family();
                    break;
                }
            }
        }
    }
    if (family == 0) {
        family = catalogFamily("AF_INET");
    }
    const std::string joinIf = args->value("join-if").value_or("");
    if (args->has("join-if") && joinIf.empty()) {
        // An empty name would silently mean "the kernel's choice", which --join alone says.
        return report(inputError("parse --join-if", "\"\"",
                                 "expected an interface name (lo) or an IPv4 address"),
                      kExitUsage);
    }
    for (const auto& item : args->items()) {
        if (item.name != "join") {
            continue;
        }
        if (auto g = parseMulticastGroup(item.value, family, "join multicast"); !g) {
            return report(g.error(), kExitUsage);
        }
        request.multicastGroups.push_back({item.value, joinIf});
    }
    auto spec = specFromArgs(*args, {family, catalogType("SOCK_DGRAM"), 0});
    auto options = socketOptions(*args);
    auto steps = sendSteps(*args);
    auto count = intOption(*args, "count", 1, 10'000'000, 1);
    auto timeout = intOption(*args, "timeout-ms", 0, 86'400'000, 500);
    auto responders = respondersFromArgs(*args);
    for (const Error* e :
         {spec ? nullptr : &spec.error(), options ? nullptr : &options.error(),
          steps ? nullptr : &steps.error(), count ? nullptr : &count.error(),
          timeout ? nullptr : &timeout.error(), responders ? nullptr : &responders.error()}) {
        if (e) {
            return report(*e, kExitUsage);
        }
    }
    request.spec = *spec;
    auto save = saveFromArgs(*args, request.spec);
    if (!save) {
        return report(save.error(), kExitUsage);
    }
    request.options = std::move(*options);
    request.responders = std::move(*responders);
    const bool v6 = family == catalogFamily("AF_INET6");
    request.local = args->value("bind").value_or(v6 ? "[::]:0" : "0.0.0.0:0");
    DatagramDriver::Config config;
    if (const auto peer = args->value("connect")) {
        request.role = Role::Connect;
        request.remote = *peer;
        config.connected = true;
    } else {
        request.role = Role::Bind;
        config.destination = args->value("to").value_or("");
    }
    config.steps = std::move(*steps);
    if (config.steps.empty()) {
        config.receiveLimit = args->has("count") ? *count : 0;
    } else {
        config.count = *count;
    }
    config.linger_ms = *timeout;
    config.receiveTimeout_ms = args->has("timeout-ms") ? *timeout : 0;
    config.verbose = args->has("verbose");
    if (!config.steps.empty() && !config.connected && config.destination.empty()) {
        return report(inputError("parse arguments", "udp", "--send needs --to or --connect"),
                      kExitUsage);
    }
    OutputOptions output = outputOptions(*args);
    output.save = std::move(*save);
    return runSession<DatagramDriver>(std::move(output), std::move(request), std::move(config));
}

} // namespace socklab::cli
