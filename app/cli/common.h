#pragma once

#include "app/cli/args.h"
#include "app/cli/output.h"
#include "core/capture/live_save.h"
#include "core/codec/bytes.h"
#include "core/net/options.h"
#include "core/net/socket_spec.h"
#include "core/respond/responder.h"

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
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

/// Every -o name=value (parseOptionSetting), in command-line order.
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

/// --save and its companions: continuous save of the session's capture (saveFromArgs).
inline constexpr OptionSpec kSaveOptions[] = {
    {"save", 0, "FILE",
     "write the capture to FILE as it happens, flushed every 200 ms (pcapng; a text log for "
     ".log/.txt); an existing file is never replaced: the next free FILE.1, FILE.2... is used"},
    {"save-format", 0, "FORMAT", "pcapng (default) or text"},
    {"rotate", 0, "SIZE",
     "with --save: go on in a new file (cap.1.pcapng, cap.2.pcapng...) before one grows past SIZE "
     "(10M, 512k, 4096; K/M/G are 1024-based)"},
    {"save-keep", 0, "N", "with --rotate: keep only the newest N files"},
};

/// The continuous save --save FILE [--save-format F] [--rotate SIZE] [--save-keep N] asks for,
/// for a socket of spec; nullopt without --save. Errors name the option:
/// "parse --rotate \"5x\": expected a size like 10M, 512k or 4096 (bytes)".
Result<std::optional<LiveSaveSettings>> saveFromArgs(const Args& args, const SocketSpec& spec);

/// --unix-mode: the mode of the socket file a bind to a Unix path creates.
inline constexpr OptionSpec kUnixModeOptions[] = {
    {"unix-mode", 0, "OCTAL",
     "mode of the socket file a bind to a Unix path creates (default 0600: owner only), e.g. "
     "0660 to let the group connect"},
};

/// The --unix-mode value, 0600 without it. bound: the address the command binds ("" = none).
/// Errors name the option: "parse --unix-mode \"0800\": expected octal digits 0-7, ...", and
/// a --unix-mode for a socket that creates no file (no bind, an @abstract name) is one too.
Result<std::uint32_t> unixModeFromArgs(const Args& args, std::string_view bound);

/// --send-queue: the per-connection send queue limit of stream and seqpacket sockets.
inline constexpr OptionSpec kSendQueueOptions[] = {
    {"send-queue", 0, "SIZE",
     "bytes a connection may hold that the kernel has not taken yet (default 4M, 64k..1G; "
     "K/M/G are 1024-based); a send beyond it is refused as \"send queue full\""},
};

/// The --send-queue value in bytes, 0 (the engine's default) without it. Errors name the
/// option: "parse --send-queue \"32k\": out of range 64k..1G".
Result<std::size_t> sendQueueFromArgs(const Args& args);

/// The number of options in a C array or std::array of OptionSpec.
template <class T> struct OptionCount : std::extent<T> {};
template <std::size_t N>
struct OptionCount<std::array<OptionSpec, N>> : std::integral_constant<std::size_t, N> {};

/// The options of each list in turn (a subcommand's own options plus shared groups).
template <class... Lists>
constexpr std::array<OptionSpec, (OptionCount<Lists>::value + ...)>
joinOptions(const Lists&... lists) {
    std::array<OptionSpec, (OptionCount<Lists>::value + ...)> out{};
    std::size_t i = 0;
    const auto append = [&](const auto& list) {
        for (const OptionSpec& o : list) {
            out[i++] = o;
        }
    };
    (append(lists), ...);
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
int cmdReplay(std::span<const std::string> args);

} // namespace socklab::cli
