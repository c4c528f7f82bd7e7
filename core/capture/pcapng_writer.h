#pragma once

// Internal to core/capture: the pcapng encoding of a store's records, shared by the one-shot
// export (exportPcapng) and the continuous save (LiveSave). Not a public API.

#include "core/capture/exporters.h"
#include "core/capture/traffic_store.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <span>

namespace socklab::detail {

/// Receives the encoded bytes, one whole pcapng block per call.
using PcapngSink = std::function<void(std::span<const std::byte>)>;

/// Turns records into pcapng blocks (little-endian, LINKTYPE_RAW): synthesized IPv4/IPv6 +
/// TCP/UDP packets with per-connection sequence numbers, or a lab wire's packets as recorded
/// (PcapngOptions::wire). The conversation state (peers, sequence numbers, FINs) lives here, so
/// records may be visited in several runs and the blocks split over several files: each file
/// starts with writeHeader() and continues the same conversations.
class PcapngRecordWriter {
public:
    /// options.range, cancel and progress are not used here (the caller walks the records).
    PcapngRecordWriter(const TrafficStore& store, const PcapngOptions& options, PcapngSink sink);
    ~PcapngRecordWriter();
    PcapngRecordWriter(const PcapngRecordWriter&) = delete;
    PcapngRecordWriter& operator=(const PcapngRecordWriter&) = delete;

    /// The section header block and the interface description block(s) a file starts with.
    void writeHeader();
    /// The blocks one record stands for (none, one, or several: a handshake, a record cut into
    /// segments), counted into summary.
    void visit(const Record& r, ExportSummary& summary);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace socklab::detail
