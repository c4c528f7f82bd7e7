#include "app/cli/common.h"

#include "core/codec/codec_util.h"
#include "core/codec/escapes.h"
#include "core/codec/hex.h"
#include "core/net/endpoint.h"
#include "core/net/unix_socket_file.h"
#include "core/vocab/open_request.h"

#include <cstdio>

namespace socklab::cli {

int report(const Error& error, int code) {
    notice(error.message());
    return code;
}

std::optional<Args> parseOrExit(const CommandSpec& spec, std::span<const std::string> args,
                                int& exit) {
    auto parsed = parseArgs(spec, args);
    if (!parsed) {
        Error e = parsed.error();
        e.detail += " (see socklab-cli " + std::string(spec.name) + " --help)";
        exit = report(e, kExitUsage);
        return std::nullopt;
    }
    if (parsed->has("help")) {
        const std::string text = helpText(spec);
        std::fwrite(text.data(), 1, text.size(), stdout);
        exit = kExitOk;
        return std::nullopt;
    }
    return std::move(*parsed);
}

OutputOptions outputOptions(const Args& args, OutputFormat defaultFormat) {
    OutputOptions o;
    o.format = defaultFormat;
    if (args.has("log")) {
        o.format = OutputFormat::Log;
    }
    if (args.has("hex")) {
        o.format = OutputFormat::Hex;
    }
    o.verbose = args.has("verbose");
    return o;
}

int catalogFamily(std::string_view name) {
    const CatalogEntry* e = familyByName(name);
    return e ? e->value : 0;
}
int catalogType(std::string_view name) {
    const CatalogEntry* e = typeByName(name);
    return e ? e->value : 0;
}
int catalogProtocol(std::string_view name) {
    const CatalogEntry* e = protocolByName(name);
    return e ? e->value : 0;
}

Result<SocketSpec> specFromArgs(const Args& args, SocketSpec defaults) {
    struct Part {
        std::string_view option;
        std::string_view what;
        const CatalogEntry* (*lookup)(std::string_view);
        int* out;
    };
    const Part parts[] = {{"family", "family", &familyByName, &defaults.family},
                          {"type", "type", &typeByName, &defaults.type},
                          {"protocol", "protocol", &protocolByName, &defaults.protocol}};
    for (const Part& p : parts) {
        if (const auto v = args.value(p.option)) {
            const CatalogEntry* e = p.lookup(*v);
            if (!e) {
                return fail(
                    inputError("parse --" + std::string(p.option), "\"" + *v + "\"",
                               "unknown " + std::string(p.what) + " (see socklab-cli catalog)"));
            }
            *p.out = e->value;
        }
    }
    return defaults;
}

Result<int> checkHostPort(std::string_view text) {
    if (text.empty()) {
        return fail(inputError("parse address", "\"\"", "address is empty (expected HOST:PORT)"));
    }
    auto hp = splitHostPort(text);
    if (!hp) {
        return fail(hp.error());
    }
    if (hp->host.empty()) {
        return fail(inputError("parse address", "\"" + std::string(text) + "\"",
                               "missing host before ':'"));
    }
    if (hp->port.empty()) {
        return fail(inputError("parse address", "\"" + std::string(text) + "\"",
                               "missing port (expected HOST:PORT)"));
    }
    if (auto port = parsePort(hp->port); !port) {
        return fail(port.error());
    }
    const bool v6 = hp->host.find(':') != std::string::npos;
    return catalogFamily(v6 ? "AF_INET6" : "AF_INET");
}

Result<std::vector<OptionSetting>> socketOptions(const Args& args) {
    std::vector<OptionSetting> out;
    for (const auto& item : args.items()) {
        if (item.name == "option") {
            auto o = parseOptionSetting(item.value);
            if (!o) {
                return fail(o.error());
            }
            out.push_back(*o);
        }
    }
    return out;
}

Result<std::vector<SendStep>> sendSteps(const Args& args) {
    std::vector<SendStep> out;
    for (const auto& item : args.items()) {
        if (item.name == "send" || item.name == "oob") {
            auto bytes = unescape(item.value);
            if (!bytes) {
                return fail(bytes.error());
            }
            out.push_back({std::move(*bytes), item.name == "oob"});
        } else if (item.name == "send-hex") {
            auto bytes = parseHex(item.value);
            if (!bytes) {
                return fail(bytes.error());
            }
            out.push_back({std::move(*bytes), false});
        }
    }
    return out;
}

Result<ResponderConfig> respondersFromArgs(const Args& args) {
    ResponderConfig config;
    bool haveRule = false;
    const auto needRule = [&](const std::string& option) -> Result<void> {
        if (!haveRule) {
            return fail(inputError("parse arguments", "--" + option,
                                   "applies to the --reply before it: give --reply first"));
        }
        return {};
    };
    for (const auto& item : args.items()) {
        if (item.name == "reply") {
            auto rule = parseRuleLine(item.value);
            if (!rule) {
                return fail(rule.error());
            }
            config.rules.push_back(std::move(*rule));
            haveRule = true;
        } else if (item.name == "reply-delay") {
            if (auto ok = needRule(item.name); !ok) {
                return fail(ok.error());
            }
            auto ms = parseInteger("--reply-delay", item.value, 0, 3'600'000);
            if (!ms) {
                return fail(ms.error());
            }
            config.rules.back().delayMs = static_cast<std::uint32_t>(*ms);
        } else if (item.name == "reply-once") {
            if (auto ok = needRule(item.name); !ok) {
                return fail(ok.error());
            }
            config.rules.back().once = true;
        } else if (item.name == "frame") {
            auto framing = parseFraming(item.value);
            if (!framing) {
                return fail(framing.error());
            }
            config.framing = *framing;
        }
    }
    if (args.has("echo")) {
        // After the --reply rules: what no rule answers is echoed (and FIN follows FIN).
        ResponderConfig echo = ResponderConfig::echo();
        config.rules.push_back(echo.rules.front());
        config.halfCloseWithPeer = true;
    }
    if (args.has("frame") && config.rules.empty()) {
        return fail(inputError("parse arguments", "--frame",
                               "frames messages for --reply rules: give at least one --reply"));
    }
    return config;
}

Result<std::uint32_t> unixModeFromArgs(const Args& args, std::string_view bound) {
    const auto text = args.value("unix-mode");
    if (!text) {
        return kDefaultUnixMode;
    }
    auto mode = parseUnixMode(*text);
    if (!mode) {
        return fail(inputError("parse --unix-mode", "\"" + *text + "\"", mode.error().detail));
    }
    auto ep = Endpoint::parse(bound, catalogFamily("AF_UNIX"));
    if (bound.empty() || !ep || ep->kind() != AddressKind::UnixPath) {
        return fail(inputError("parse --unix-mode", "\"" + *text + "\"",
                               "only a bind to a Unix path creates a socket file (use it with "
                               "--listen PATH or --bind PATH, not an @abstract name)"));
    }
    return *mode;
}

Result<std::size_t> sendQueueFromArgs(const Args& args) {
    const auto text = args.value("send-queue");
    if (!text) {
        return std::size_t{0};
    }
    auto limit = parseSendQueueLimit(*text);
    if (!limit) {
        return fail(inputError("parse --send-queue", codec_detail::quotedVisible(*text),
                               limit.error().detail));
    }
    return *limit;
}

} // namespace socklab::cli
