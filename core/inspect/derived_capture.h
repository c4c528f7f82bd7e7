#pragma once

// A capture seen another way, as a TrafficStore of its own so that every view, find, counter
// and export works on it unchanged (the raw records stay in the source):
//
//   CaptureView view;
//   view.framing = *parseFraming("crlf");          // messages instead of reads
//   view.filter.match = MatchKind::Regex;           // only the messages that match
//   view.filter.pattern = "^ERR";
//   auto derived = DerivedCapture::create(source, view);
//   while (!derived->advance(4096, monotonicNs())) {}
//   derived->finish();                               // the source is complete
//   ... derived->store() ...
//
// Messages: each connection's stream in each direction is cut by its own Framer (a relay's two
// legs apart); with `datagrams` every Data record is framed alone. A message becomes one Data
// record at the time of the read that completed it, with that read's connection, direction,
// peer and flags. A message that did not end by the framing's rule is followed by an Info
// note saying so ("message cut at 1048576 bytes (the framing's limit); it goes on in the next
// record", "the stream ended inside a message: 12 bytes", "message cut short after 5 bytes: the
// capture lacks the bytes after it (gap)"). A direction's pending bytes end as a message when
// its stream ends (peer-closed for In, half-closed for Out, closed/reset for both; a relay's
// server-leg records the other way round; a new connection under the same id), at a hole an
// imported capture marks (streamGapText: the bytes on either side are never joined) or at
// finish(). Reads the source's memory cap evicted before they were read are one note per run
// ("4120 bytes evicted by the memory cap before they were framed") and restart that stream's
// framing; the first message after a hole says it may begin inside one. Out-of-band bytes are
// never framed: each OOB read is its own record. Notes are events: the filter's Events and
// peer conditions apply to them.
//
// Filter: applied to what framing produced (messages, or the reads themselves with Raw
// framing) and to every other record, see RecordFilter.

#include "core/base/result.h"
#include "core/capture/traffic_store.h"
#include "core/inspect/record_filter.h"
#include "core/respond/framing.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>

namespace socklab {

/// How to see a capture: its reads cut into messages, and which records to keep.
struct CaptureView {
    FramingSpec framing; ///< Raw: the reads as they came
    RecordFilter filter;
    bool datagrams = false; ///< every Data record is one datagram (framed alone)
    /// Nothing to derive: the source itself shows this view.
    [[nodiscard]] bool identity() const {
        return framing.mode == FramingMode::Raw && filter.keepsAll();
    }
    friend bool operator==(const CaptureView&, const CaptureView&) = default;
};

/// Builds and extends the derived store from the source, incrementally. One thread calls
/// advance()/finish(); any thread may read store() and the counters.
class DerivedCapture {
public:
    /// Checks the framing (validateFraming) and the filter (validateFilter).
    [[nodiscard]] static Result<DerivedCapture> create(std::shared_ptr<const TrafficStore> source,
                                                       CaptureView view);
    DerivedCapture(DerivedCapture&&) noexcept;
    DerivedCapture& operator=(DerivedCapture&&) noexcept;
    ~DerivedCapture();

    /// Reads up to maxRecords records the source appended since the last call (fewer when
    /// cancel gets set: checked before each record). Once every record there was has been
    /// read, IdleGap framing also ends the messages whose silence reached nowMonoNs (a
    /// CLOCK_MONOTONIC time, as the records'; 0 = none). True when every record there was has
    /// been read.
    bool advance(std::size_t maxRecords, std::int64_t nowMonoNs,
                 const std::atomic<bool>* cancel = nullptr);
    /// The source is complete: every message under way ends here (an imported capture, the end
    /// of a CLI run). advance() may still be called after (records appended later).
    void finish();

    [[nodiscard]] const std::shared_ptr<TrafficStore>& store() const { return m_store; }
    [[nodiscard]] const std::shared_ptr<const TrafficStore>& source() const { return m_source; }
    [[nodiscard]] const CaptureView& view() const { return m_view; }
    /// Source records read so far (a seq: records before it are done).
    [[nodiscard]] std::uint64_t sourceDone() const {
        return m_done.load(std::memory_order_acquire);
    }
    /// Source records looked at so far (read, or dropped by the source before they were read).
    [[nodiscard]] std::uint64_t sourceRecords() const {
        return m_looked.load(std::memory_order_relaxed);
    }

    struct Impl;

private:
    DerivedCapture() = default;
    std::shared_ptr<const TrafficStore> m_source;
    std::shared_ptr<TrafficStore> m_store;
    CaptureView m_view;
    std::unique_ptr<Impl> m_impl;
    std::atomic<std::uint64_t> m_done{0};
    std::atomic<std::uint64_t> m_looked{0};
};

/// Runs a DerivedCapture on a worker thread that follows the source (every 20 ms when it has
/// caught up), so a front end only reads store(). Destruction stops and joins the worker.
class LiveDerivedCapture {
public:
    /// sourceComplete: the source will not grow (an imported capture): finish() once caught up.
    LiveDerivedCapture(DerivedCapture capture, bool sourceComplete);
    ~LiveDerivedCapture();
    LiveDerivedCapture(const LiveDerivedCapture&) = delete;
    LiveDerivedCapture& operator=(const LiveDerivedCapture&) = delete;

    [[nodiscard]] std::shared_ptr<const TrafficStore> store() const { return m_store; }
    [[nodiscard]] const CaptureView& view() const { return m_view; }
    /// Source records read so far, and whether the worker had read all there was the last time
    /// it looked (and, for a complete source, finished).
    [[nodiscard]] std::uint64_t sourceDone() const;
    [[nodiscard]] bool caughtUp() const { return m_caughtUp.load(std::memory_order_acquire); }

private:
    void run(std::stop_token stop);

    std::unique_ptr<DerivedCapture> m_capture;
    std::shared_ptr<const TrafficStore> m_store;
    CaptureView m_view;
    bool m_sourceComplete;
    std::atomic<bool> m_caughtUp{false};
    std::atomic<bool> m_stopping{false}; ///< set first by the destructor: ends a batch early
    std::jthread m_worker;               // last: starts after the members it uses
};

} // namespace socklab
