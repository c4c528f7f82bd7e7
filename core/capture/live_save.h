#pragma once

#include "core/base/result.h"
#include "core/capture/exporters.h"
#include "core/capture/traffic_store.h"
#include "core/net/endpoint.h"
#include "core/net/socket_spec.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace socklab {

/// What a continuous save writes.
enum class LiveSaveFormat : std::uint8_t {
    Pcapng = 1, ///< as exportPcapng: synthesized TCP/UDP packets (IP sockets only)
    TextLog,    ///< as exportTextLog: one escaped line per record
};

/// "pcapng" / "text" (the CLI's --save-format and the workspace's "format"; the GUI translates
/// its own labels).
[[nodiscard]] std::string_view liveSaveFormatName(LiveSaveFormat format);
/// Inverse of liveSaveFormatName ("log" is taken for "text" too); nullopt when unknown.
[[nodiscard]] std::optional<LiveSaveFormat> liveSaveFormatFromName(std::string_view name);

/// The smallest rotation size: a file must hold its header and a few packets.
inline constexpr std::uint64_t kMinRotateBytes = 1024;

/// A size such as "10M", "512k", "1G", "1.5M" or "4096" (bytes): K, M, G are powers of 1024
/// (KiB, MiB, GiB and kB, MB, GB are read the same way), case-insensitive. "0" is 0.
/// Errors: "parse size \"5x\": expected a size like 10M, 512k or 4096 (bytes)".
[[nodiscard]] Result<std::uint64_t> parseByteSize(std::string_view text);
/// The short form parseByteSize reads back: "10M", "512k", "1536" (exact multiples only).
[[nodiscard]] std::string byteSizeText(std::uint64_t bytes);

/// The name of file number `index` of a continuous save to `path`: index 0 is path itself,
/// then the number goes before the extension, like a ring buffer's:
/// "cap.pcapng", "cap.1.pcapng", "cap.2.pcapng"...; "cap" -> "cap.1"; "dir.d/cap" -> "dir.d/cap.1".
[[nodiscard]] std::string liveSaveFileName(const std::string& path, std::uint64_t index);

/// What the user chooses for a continuous save: a workspace tab keeps it, both front ends
/// turn it into LiveSaveOptions (liveSaveOptionsFor).
struct LiveSaveSettings {
    std::string path;
    LiveSaveFormat format = LiveSaveFormat::Pcapng;
    /// Start a new file when the current one would grow beyond this many bytes (0 = never).
    /// A file grows past it only by a single record that alone is bigger. At least
    /// kMinRotateBytes.
    std::uint64_t rotateBytes = 0;
    /// Keep at most this many files, removing the oldest this save wrote (0 = keep all).
    std::uint32_t maxFiles = 0;

    friend bool operator==(const LiveSaveSettings&, const LiveSaveSettings&) = default;
};

/// The largest maxFiles a front end accepts.
inline constexpr std::uint32_t kMaxLiveSaveFiles = 1'000'000;

/// Problems of the settings themselves (no file name, rotation size below kMinRotateBytes,
/// too many files): inputError("save", path, "...").
[[nodiscard]] Status checkLiveSaveSettings(const LiveSaveSettings& settings);

/// Settings of a continuous save.
struct LiveSaveOptions : LiveSaveSettings {
    /// pcapng: the packets' transport (PcapngOptions::transport).
    PcapTransport transport = PcapTransport::Tcp;
    /// pcapng: our address; empty = learned from the capture (PcapngOptions::learnLocal).
    Endpoint local;
    /// pcapng: a relay's capture (PcapngOptions::relay); local empty = the upstream server.
    bool relay = false;
    /// Text log: payload bytes shown per line (TextExportOptions::maxBytesPerRecord).
    std::size_t maxBytesPerRecord = 4096;
    /// How often the worker looks for new records (and writes them out).
    std::chrono::milliseconds pollInterval{200};

    friend bool operator==(const LiveSaveOptions&, const LiveSaveOptions&) = default;
};

/// The options for saving a socket's capture: settings checked, TCP for stream sockets and
/// UDP otherwise, our address learned from the capture. pcapng of a Unix-domain socket is
/// refused: "save pcapng /x.pcapng: Unix-domain traffic has no IP addresses to put in packets;
/// save it as text".
[[nodiscard]] Result<LiveSaveOptions>
liveSaveOptionsFor(const LiveSaveSettings& settings, const SocketSpec& spec, bool relay = false);

/// What a continuous save did so far; a snapshot (LiveSave::status()).
struct LiveSaveStatus {
    bool running = false;      ///< the worker is writing (false after stop() or an error)
    std::string currentFile;   ///< the file written now (the last one after a stop)
    std::uint64_t files = 0;   ///< files started
    std::uint64_t bytes = 0;   ///< bytes written over all files
    std::uint64_t records = 0; ///< records written
    std::uint64_t packets = 0; ///< pcapng packets / text lines written
    std::uint64_t nextSeq = 0; ///< the first record not written yet
    /// Records (or their bytes) the store dropped, by its memory or record limit, before the
    /// save got to them: not in the files.
    std::uint64_t missedRecords = 0;
    /// pcapng: data records without IP endpoints (Unix-domain, unknown peer), not written.
    std::uint64_t skippedNoAddress = 0;
    /// The error that stopped the save: "save pcapng /x/cap.1.pcapng: No space left on device
    /// (ENOSPC)". The files stay valid up to their last complete flush; the store keeps
    /// everything it held.
    std::optional<Error> error;
};

/// Continuous save of one TrafficStore: a worker thread appends the store's new records to a
/// file every pollInterval (whole blocks or lines, written out after each poll, so a crash
/// leaves the file readable up to the last poll) and rotates to the next file by size. Each
/// pcapng file is complete on its own (section header and interface blocks, then the packets);
/// TCP conversations continue across files (sequence numbers keep counting), so merging them
/// (mergecap) gives the whole capture. Files are never overwritten: a name that exists is
/// skipped for the next number.
///
/// Starts with the first record the store holds (everything captured so far), so it may be
/// started at any time after the store exists. status(), requestStop() and stop() may be called
/// from any thread; the store is read concurrently with its writer (the engine thread).
///
/// A front end that must not wait (the GUI thread) calls requestStop() and watches
/// status().running go false, or hands the save to finishInBackground(): the worker still
/// writes the backlog, then fsyncs, while the caller goes on.
class LiveSave {
public:
    /// Check the options and create the first file (errors of that are returned here:
    /// "save pcapng /ro/cap.pcapng: Permission denied (EACCES)"), then start the worker.
    /// Option errors: inputError("save", path, "...").
    static Result<std::unique_ptr<LiveSave>> start(std::shared_ptr<const TrafficStore> store,
                                                   LiveSaveOptions options);
    /// stop(): blocks until the file is complete (see finishInBackground()).
    ~LiveSave();
    LiveSave(const LiveSave&) = delete;
    LiveSave& operator=(const LiveSave&) = delete;

    /// Write what the store holds now, close the file (fsync) and end the worker. Blocks until
    /// done; idempotent.
    void stop();
    /// The same without waiting: the worker writes what the store holds now, closes the file
    /// and ends; status().running is false once it is done. Idempotent.
    void requestStop();
    /// Stop `save` without waiting for it: a detached thread owns it (and through it the
    /// store) until its file is complete. For a tab that closes while its save drains.
    static void finishInBackground(std::unique_ptr<LiveSave> save);
    /// Wait until every save handed to finishInBackground() is complete, at most `timeout`
    /// (at the end of main()). False when some still write.
    static bool waitForBackgroundFinishes(std::chrono::milliseconds timeout);
    [[nodiscard]] LiveSaveStatus status() const;
    /// The files this save wrote that are still kept, oldest first.
    [[nodiscard]] std::vector<std::string> files() const;
    [[nodiscard]] const LiveSaveOptions& options() const;

private:
    struct Impl;
    explicit LiveSave(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace socklab
