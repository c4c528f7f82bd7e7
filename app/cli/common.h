#pragma once

#include "app/cli/args.h"
#include "app/cli/output.h"
#include "core/codec/bytes.h"
#include "core/net/options.h"
#include "core/net/socket_spec.h"
#include "core/respond/responder.h"

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace socklab::cli {

inline constexpr int kExitOk = 0;
/// The network said no (refused, reset, timeout, a name that does not resolve, an address in
/// use); also the status of a run that an engine error ended (kErrorExit in runner.h).
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2; ///< the command line or an input file is wrong

/// Print the error on stderr and return code.
int report(const Error& error, int code);

/// Parse a subcommand's arguments; on --help prints the help and sets `exit` to 0, on a bad
/// command line prints the error and sets it to 2. Returns nullopt in both cases.
std::optional<Args> parseOrExit(const CommandSpec& spec, std::span<const std::string> args,
                                int& exit);

/// --hex / --log / -v common to every traffic command.
OutputOptions outputOptions(const Args& args, OutputFormat defaultFormat = OutputFormat::Raw);

/// Catalog number for a symbolic name known to exist ("AF_INET", "SOCK_DGRAM"...).
int catalogFamily(std::string_view name);
int catalogType(std::string_view name);
int catalogProtocol(std::string_view name);

/// The socket triple from --family/--type/--protocol over defaults; unknown names are errors
/// ("parse --family \"AF_FOO\": unknown family (see socklab-cli catalog)").
Result<SocketSpec> specFromArgs(const Args& args, SocketSpec defaults);

/// "ip:port" / "[v6]:port" / "name:port" with a valid port; returns the family it implies
/// (AF_INET6 for a bracketed or bare IPv6 address, else AF_INET).
Result<int> checkHostPort(std::string_view text);

/// -o name=value (value: integer, or on/off/true/false/yes/no for flags).
Result<OptionSetting> parseSocketOption(std::string_view text);
Result<std::vector<OptionSetting>> socketOptions(const Args& args);

/// One scripted send from --send TEXT (escapes allowed), --send-hex HEX or --oob TEXT.
struct SendStep {
    ByteVector bytes;
    bool oob = false;
};
/// The --send/--send-hex/--oob steps in command-line order.
Result<std::vector<SendStep>> sendSteps(const Args& args);

/// The responders of --reply RULE (repeatable, in order; --reply-delay MS and --reply-once
/// apply to the --reply before them), --frame MODE and --echo (an echo rule after the others).
Result<ResponderConfig> respondersFromArgs(const Args& args);

/// The option lines of those flags, for the subcommands that take them.
inline constexpr OptionSpec kResponderOptions[] = {
    {"reply", 'r', "RULE",
     "auto-reply rule [KIND:]PATTERN=>[hex:]REPLY, KIND: contains (default), start, re, hex, any; "
     "repeatable, the first match answers"},
    {"reply-delay", 0, "MS", "wait MS before sending the preceding --reply's answer"},
    {"reply-once", 0, "", "the preceding --reply answers only its first match"},
    {"frame", 0, "MODE",
     "cut received bytes into messages for --reply: raw (default), lf, crlf, cr, nul, "
     "delim:TEXT, delimhex:HEX, fixed:N, len:1|2be|2le|4be|4le[+hdr], idle:MS, then optionally "
     ",max:N (docs/responders.md)"},
};

/// a's options followed by b's (a subcommand's own options plus a shared group).
template <std::size_t N, std::size_t M>
constexpr std::array<OptionSpec, N + M> joinOptions(const OptionSpec (&a)[N],
                                                    const OptionSpec (&b)[M]) {
    std::array<OptionSpec, N + M> out{};
    for (std::size_t i = 0; i < N; ++i) {
        out[i] = a[i];
    }
    for (std::size_t i = 0; i < M; ++i) {
        out[N + i] = b[i];
    }
    return out;
}

// Subcommands: each takes its arguments after the subcommand name, returns the exit status.
int cmdProbe(std::span<const std::string> args);
int cmdCatalog(std::span<const std::string> args);
int cmdInterfaces(std::span<const std::string> args);
int cmdConnect(std::span<const std::string> args);
int cmdListen(std::span<const std::string> args);
int cmdUnix(std::span<const std::string> args);
int cmdUdp(std::span<const std::string> args);
int cmdPing(std::span<const std::string> args);
int cmdRelay(std::span<const std::string> args);
int cmdLab(std::span<const std::string> args);
int cmdRun(std::span<const std::string> args);
int cmdCode(std::span<const std::string> args);
int cmdImport(std::span<const std::string> args);

} // namespace socklab::cli
