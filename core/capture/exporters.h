#pragma once

#include "core/base/result.h"
#include "core/capture/traffic_store.h"
#include "core/net/endpoint.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>

namespace socklab {

/// Transport header the pcapng exporter synthesizes around each data record.
enum class PcapTransport : std::uint8_t {
    Tcp = 1, ///< TCP segments with per-direction sequence numbers (reassembles in Wireshark)
    Udp,     ///< one UDP datagram per data record
};

/// Which records an export covers: [firstSeq, endSeq), clamped to what the store holds.
struct ExportRange {
    std::uint64_t firstSeq = 0;
    std::uint64_t endSeq = std::numeric_limits<std::uint64_t>::max();
};

/// Progress of an export: records done so far out of the records in range (both counted in
/// sequence numbers from the range's first record the store holds). Called on the exporting
/// thread, after the first 64 records and then at most every 50 ms, and once more with
/// done == total when the export completed; not called after a cancel or an error.
using ExportProgress = std::function<void(std::uint64_t done, std::uint64_t total)>;

/// pcapng export settings.
struct PcapngOptions {
    PcapTransport transport = PcapTransport::Tcp;
    /// Our side's address. Empty, or of another family than a peer: the loopback of the
    /// peer's family with this port.
    Endpoint local;
    /// With an empty `local`: take our address from the capture itself, from the first Bound
    /// record or the own socket's Connected record ("local -> peer"); a relay's from the server
    /// its upstream leg reached. A wildcard address (0.0.0.0, ::) keeps only the port. Packets
    /// before that record use the loopback and port 0. The continuous save (LiveSave) sets it.
    bool learnLocal = false;
    ExportRange range;
    /// The store is a relay's (RecordFlag::Upstream marks the server leg): each connection is
    /// written as the one conversation the relay carried, client <-> server, as if the relay
    /// were transparent: In data from the client (the records' peer), Out data from the server
    /// at `local` (set it to the upstream address). What arrived is written; edited and
    /// injected bytes (RecordFlag::Edited/Injected) are left out and counted.
    bool relay = false;
    /// The store is a lab wire's: each Data record holds one IP packet as it entered the wire
    /// and is written as-is (LINKTYPE_RAW, no synthesized headers; transport/local/relay are
    /// ignored) on one of two interfaces, "lab wire A->B" (Direction::In records) and
    /// "lab wire B->A" (Direction::Out). A packet the wire did something to carries a comment
    /// (opt_comment) naming it, several joined by "; ": "dropped by the wire", "duplicated by
    /// the wire", "one bit corrupted by the wire", "reordered by the wire", "delayed 12.3 ms by
    /// the wire" (Record::wireDelayUs, rounded to 0.1 ms). Other records are skipped.
    bool wire = false;
    /// Set (from any thread) to stop the export: checked before the file is created and before
    /// each record; the export then removes its .part file, leaves the target untouched and
    /// fails with "export pcapng <path>: Operation canceled (ECANCELED): cancelled".
    /// Must outlive the call.
    const std::atomic<bool>* cancel = nullptr;
    /// Optional progress hook; see ExportProgress. Keep it cheap (post to the GUI thread).
    ExportProgress progress;
};

/// Text export settings (hexdump and text log).
struct TextExportOptions {
    ExportRange range;
    /// As PcapngOptions::cancel; the error names "export hexdump" / "export text log".
    const std::atomic<bool>* cancel = nullptr;
    /// As PcapngOptions::progress.
    ExportProgress progress;
    std::size_t maxBytesPerRecord = 4096; ///< text log: payload shown per line, rest counted
};

/// What an export wrote and what it could not.
struct ExportSummary {
    std::uint64_t records = 0;          ///< records visited
    std::uint64_t packets = 0;          ///< pcapng packets / text entries written
    std::uint64_t skippedNoAddress = 0; ///< data records without IP endpoints (Unix, unknown peer)
    std::uint64_t evictedRecords = 0;   ///< data records whose bytes were evicted (not written)
    std::uint64_t truncatedRecords = 0; ///< UDP payload cut to fit one IP datagram
    std::uint64_t skippedUserBytes = 0; ///< relay: edited/injected data records left out
};

/// All exports replace <path> atomically: they write "<path>.part" in the same directory, fsync
/// it and rename it over <path> on success. On an error or a cancel the .part is removed and an
/// existing <path> is left byte-identical.

/// Write the store's records as pcapng (LINKTYPE_RAW: synthesized IPv4/IPv6 + TCP/UDP, or the
/// recorded packets themselves for a lab wire, see PcapngOptions::wire),
/// readable by tshark/Wireshark. TCP gets a synthesized handshake on Connected/Accepted, FIN on
/// HalfClosed/Closed/PeerClosed and RST on Reset. Errors: "export pcapng <path>: <cause>".
Result<ExportSummary> exportPcapng(const TrafficStore& store, const std::string& path,
                                   const PcapngOptions& options = {});

/// Write every record as a header line plus an xxd-style dump of its bytes.
Result<ExportSummary> exportHexdump(const TrafficStore& store, const std::string& path,
                                    const TextExportOptions& options = {});

/// Write one line per record: time, connection, direction/kind, peer, escaped payload.
Result<ExportSummary> exportTextLog(const TrafficStore& store, const std::string& path,
                                    const TextExportOptions& options = {});

/// Header line of a record, e.g.
/// "#5 2026-11-24T05:04:06.123456789Z In conn 0 peer 127.0.0.1:80 len 16 flags OOB".
[[nodiscard]] std::string recordHeaderLine(const TrafficStore& store, const Record& r);

/// Header line plus xxd rows ("00000000: 4865 6c6c 6f0a  Hello.") and a trailing newline.
[[nodiscard]] std::string hexdumpRecord(const TrafficStore& store, const Record& r);

/// One text log line (no newline); payload escaped (\r \n \t \\ \xNN), cut at maxBytes.
[[nodiscard]] std::string textLogLine(const TrafficStore& store, const Record& r,
                                      std::size_t maxBytes);

} // namespace socklab
