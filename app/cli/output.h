#pragma once

#include "core/capture/live_save.h"
#include "core/capture/traffic_store.h"
#include "core/vocab/commands.h"

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace socklab::cli {

/// How captured records reach the terminal.
enum class OutputFormat : std::uint8_t {
    Raw = 1, ///< received bytes to stdout as they are (like ncat); lifecycle only with -v
    Log,     ///< one line per record: time, direction, connection, peer, escaped bytes
    Hex,     ///< a header line per record, then an xxd-style dump of its bytes
    Quiet,   ///< records not printed (the command prints its own results); lifecycle with -v
};

struct OutputOptions {
    OutputFormat format = OutputFormat::Raw;
    bool verbose = false;
    /// A relay's capture: directions printed as "client->server" / "server->client"
    /// (relayDirectionText) instead of '<' / '>'.
    bool relay = false;
    /// --save: the session's capture is also written to a file as it happens (Runner::startSave).
    std::optional<LiveSaveSettings> save;
};

/// One header line for a record (no newline):
/// "05:10:45.123456 [label] #1 < 127.0.0.1:5000 data 5 bytes"; with relay, the direction is
/// spelled out: "#1 client->server 127.0.0.1:5000 data 5 bytes".
std::string recordHeader(const Record& r, std::string_view label, const std::string& peer,
                         const std::string& text, bool relay = false);

/// The record as Log prints it, or as Hex prints it (header + dump lines), each line ending
/// in '\n'.
std::string formatLogRecord(const TrafficStore& store, const Record& r, std::string_view label,
                            bool relay = false);
std::string formatHexRecord(const TrafficStore& store, const Record& r, std::string_view label,
                            bool relay = false);

/// Prints each session's new records exactly once, in order, in the chosen format.
class RecordPrinter {
public:
    explicit RecordPrinter(OutputOptions options, std::FILE* out = stdout, std::FILE* err = stderr)
        : m_options(options), m_out(out), m_err(err) {}

    /// relay: this session is a relay (directions spelled out, as OutputOptions::relay).
    void track(SessionId id, std::shared_ptr<const TrafficStore> store, std::string label,
               bool relay = false);
    /// Print everything the session's store holds beyond what was printed.
    void flush(SessionId id);
    void flushAll();
    [[nodiscard]] const OutputOptions& options() const { return m_options; }

private:
    struct Tracked {
        std::shared_ptr<const TrafficStore> store;
        std::string label;
        std::uint64_t next = 0;
        bool relay = false;
    };
    void print(const Tracked& t, const Record& r);

    OutputOptions m_options;
    std::FILE* m_out;
    std::FILE* m_err;
    std::map<SessionId, Tracked> m_sessions;
};

/// "socklab-cli: <text>" on stderr.
void notice(std::string_view text);

} // namespace socklab::cli
