// code: the Python or C equivalent of a workspace tab or of a socket described on the command
// line, printed by the same generator as the GUI's Show code dialog (core/codegen).
#include "app/cli/common.h"
#include "core/codegen/socket_code.h"
#include "core/respond/message_fields.h"
#include "core/workspace/workspace_json.h"

#include <cstdio>

namespace socklab::cli {

namespace {

constexpr OptionSpec kCodeOptions[] = {
    {"lang", 0, "LANG", "python (default) or c"},
    {"tab", 0, "N|TITLE",
     "workspace: the tab by number (1 = first) or title (default: the "
     "workspace's selected tab)"},
    {"connect", 0, "ADDR", "connect() to ADDR (HOST:PORT, or a path / @name for unix)"},
    {"listen", 0, "ADDR", "bind() to ADDR, listen() and accept() one connection"},
    {"bind", 'b', "ADDR", "bind() to ADDR first (alone: a datagram endpoint)"},
    {"to", 0, "ADDR", "unconnected datagram: sendto() this address"},
    {"option", 'o', "NAME=VALUE", "socket option after socket(), e.g. -o nodelay=1 (repeatable)"},
    {"send", 0, "TEXT", "send TEXT (C escapes: \\r\\n \\x00) once"},
    {"send-hex", 0, "HEX", "send bytes given in hex once"},
    {"backlog", 0, "N", "listen() backlog (default 128)"},
};
constexpr CommandSpec kCode{
    "code", "WORKSPACE [--tab N|TITLE] | FAMILY TYPE [PROTOCOL] [options]",
    "Print the Python or C program that does what a workspace tab (or the socket described) "
    "does, as the GUI's Show code does.",
    "A tab's payload is its first saved message (encoded as the composer sends it).\n"
    "FAMILY TYPE PROTOCOL are named as for `socklab-cli probe`.\n"
    "examples:\n"
    "  socklab-cli code inet stream tcp --connect 127.0.0.1:7000 --send 'hello\\n'\n"
    "  socklab-cli code --lang c inet dgram udp --bind 127.0.0.1:0 --to 127.0.0.1:9000\n"
    "  socklab-cli code workspace.socklab --tab client | python3\n",
    kCodeOptions};

// Options that describe a socket on the command line: meaningless with a workspace.
constexpr const char* kSocketOptionNames[] = {"connect", "listen", "bind",     "to",
                                              "option",  "send",   "send-hex", "backlog"};

struct Program {
    CodeRequest request;
    ByteVector payload; ///< request.payload views this
};

Result<const WorkspaceTab*> chooseTab(const Workspace& ws, const std::optional<std::string>& tab,
                                      const std::string& path) {
    if (ws.tabs.empty()) {
        return fail(inputError("code", path, "the workspace has no tabs"));
    }
    if (!tab) {
        const auto i = ws.selectedTab >= 0 && std::size_t(ws.selectedTab) < ws.tabs.size()
                           ? std::size_t(ws.selectedTab)
                           : 0;
        return &ws.tabs[i];
    }
    for (const WorkspaceTab& t : ws.tabs) {
        if (t.title == *tab) {
            return &t;
        }
    }
    if (auto n = parseInteger("--tab", *tab, 1, (long long)ws.tabs.size())) {
        return &ws.tabs[std::size_t(*n - 1)];
    }
    std::string titles;
    for (const WorkspaceTab& t : ws.tabs) {
        titles += (titles.empty() ? "\"" : ", \"") + t.title + "\"";
    }
    return fail(inputError("parse --tab", "\"" + *tab + "\"",
                           "no tab with this title, and not a number from 1 to " +
                               std::to_string(ws.tabs.size()) + " (tabs: " + titles + ")"));
}

Result<Program> fromWorkspace(const Args& args, const std::string& path) {
    for (const char* name : kSocketOptionNames) {
        if (args.has(name)) {
            return fail(inputError("parse arguments", "--" + std::string(name),
                                   "describes a socket on the command line; a workspace tab "
                                   "already describes one"));
        }
    }
    auto ws = loadWorkspace(path);
    if (!ws) {
        return fail(ws.error());
    }
    auto tab = chooseTab(*ws, args.value("tab"), path);
    if (!tab) {
        return fail(tab.error());
    }
    Program p;
    p.request.session = tabOpenRequest(**tab);
    p.request.destination = (*tab)->destination;
    if (!(*tab)->messages.empty()) {
        // A message with fields is rendered as its first send now.
        auto bytes =
            savedMessageBytes((*tab)->messages.front(), (*tab)->encoding, messageContextNow(1));
        if (!bytes) {
            return fail(bytes.error());
        }
        p.payload = std::move(*bytes);
    }
    return p;
}

Result<SocketSpec> specFromNames(std::span<const std::string> names) {
    const CatalogEntry* f = familyByName(names[0]);
    const CatalogEntry* t = typeByName(names[1]);
    const CatalogEntry* p = names.size() == 3 ? protocolByName(names[2]) : findProtocol(0);
    if (!f || !t || !p) {
        const bool badFamily = !f;
        const bool badType = f && !t;
        const std::string& name = badFamily ? names[0] : badType ? names[1] : names[2];
        const char* what = badFamily ? "family" : badType ? "type" : "protocol";
        return fail(inputError("code", "\"" + name + "\"",
                               std::string("unknown ") + what + " (see socklab-cli catalog)"));
    }
    return SocketSpec{f->value, t->value, p->value};
}

Result<Program> fromCommandLine(const Args& args) {
    if (args.has("tab")) {
        return fail(inputError("parse arguments", "--tab", "needs a WORKSPACE"));
    }
    auto spec = specFromNames(args.positionals());
    if (!spec) {
        return fail(spec.error());
    }
    Program p;
    OpenSession& s = p.request.session;
    s.spec = *spec;
    const auto connect = args.value("connect");
    const auto listen = args.value("listen");
    const auto bind = args.value("bind");
    const auto to = args.value("to");
    if (connect && listen) {
        return fail(inputError("parse arguments", "code",
                               "--connect and --listen exclude each "
                               "other"));
    }
    if (listen && bind) {
        return fail(inputError("parse arguments", "code",
                               "--listen already binds; --bind is for --connect or alone"));
    }
    if (to && (connect || listen)) {
        return fail(
            inputError("parse arguments", "code",
                       "--to is for an unconnected datagram socket (no --connect/--listen)"));
    }
    const bool connectionType =
        isStreamType(s.spec.type) || s.spec.type == catalogType("SOCK_SEQPACKET");
    if (listen && !connectionType) {
        return fail(inputError("parse arguments", "--listen",
                               "needs a stream or seqpacket type (datagrams: --bind)"));
    }
    // Host:port addresses are checked for the IP families; Unix addresses are paths or @names.
    const bool ip =
        s.spec.family == catalogFamily("AF_INET") || s.spec.family == catalogFamily("AF_INET6");
    for (const auto& addr : {connect, listen, bind, to}) {
        if (addr && ip) {
            if (auto f = checkHostPort(*addr); !f) {
                return fail(f.error());
            }
        }
    }
    s.role = connect ? Role::Connect : listen ? Role::Listen : Role::Bind;
    s.remote = connect.value_or("");
    s.local = listen ? *listen : bind.value_or("");
    p.request.destination = to.value_or("");
    auto options = socketOptions(args);
    if (!options) {
        return fail(options.error());
    }
    s.options = std::move(*options);
    auto backlog = intOption(args, "backlog", 0, 65535, s.backlog);
    if (!backlog) {
        return fail(backlog.error());
    }
    s.backlog = *backlog;
    auto steps = sendSteps(args);
    if (!steps) {
        return fail(steps.error());
    }
    for (const SendStep& step : *steps) {
        p.payload.insert(p.payload.end(), step.bytes.begin(), step.bytes.end());
    }
    return p;
}

} // namespace

int cmdCode(std::span<const std::string> argv) {
    int exit = 0;
    const auto args = parseOrExit(kCode, argv, exit);
    if (!args) {
        return exit;
    }
    const std::string lang = args->value("lang").value_or("python");
    if (lang != "python" && lang != "c") {
        return report(inputError("parse --lang", "\"" + lang + "\"", "expected python or c"),
                      kExitUsage);
    }
    const auto& pos = args->positionals();
    if (pos.empty() || pos.size() > 3) {
        return report(inputError("parse arguments", "code",
                                 "expected WORKSPACE or FAMILY TYPE [PROTOCOL] (see "
                                 "socklab-cli code --help)"),
                      kExitUsage);
    }
    auto program = pos.size() == 1 ? fromWorkspace(*args, pos[0]) : fromCommandLine(*args);
    if (!program) {
        return report(program.error(), kExitUsage);
    }
    program->request.payload = program->payload;
    const std::string text = lang == "c" ? cCode(program->request) : pythonCode(program->request);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
}

} // namespace socklab::cli
