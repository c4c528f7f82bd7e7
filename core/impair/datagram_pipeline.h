#pragma once

#include "core/impair/gilbert_elliott.h"
#include "core/impair/impairment.h"
#include "core/impair/link_clock.h"
#include "core/impair/rng.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace socklab {

/// One direction of datagram impairment (netem's parameters): loss, bursty loss, duplication,
/// reordering, delay with jitter, rate, corruption, truncation. A plain, seeded state machine:
/// time is passed in (monotonic ns), so a run with the same seed, settings and times gives the
/// same fates. The relay session drives it from the event loop (push on receive, takeDue when
/// nextDueNs() passes).
///
/// Order of the stages for one datagram: random loss, burst loss, queue limit (the datagram,
/// counting duplicates and held ones, must find room), truncation, corruption, duplication,
/// then either reorder (held outside the queue) or delay + rate. Delay with jitter keeps FIFO
/// order (unlike netem): a datagram never leaves before one that entered earlier, only reorder
/// reorders. A held (reordered) datagram skips delay and rate. A duplicate leaves right after
/// its original and takes its own serialisation time on a rate-limited link; when only the
/// original fits under queueLimit, no duplicate is made. queueLimit 0 means unlimited.
class DatagramPipeline {
public:
    /// A datagram that leaves the pipeline. tag is what push() was given (the relay's mapping).
    struct Output {
        std::vector<std::byte> bytes;
        std::uint64_t tag = 0;
        std::uint64_t index = 0; ///< the number push() gave it (a duplicate repeats it)
        bool duplicate = false;
    };

    DatagramPipeline(Impairment settings, std::uint64_t seed);

    /// Change the settings while running; datagrams already waiting keep their due times.
    void setSettings(const Impairment& settings);
    [[nodiscard]] const Impairment& settings() const;

    /// A datagram entered at nowNs. Notes for what was done to it are appended to notes.
    /// Returns its 1-based index.
    std::uint64_t push(std::vector<std::byte> bytes, std::uint64_t tag, std::int64_t nowNs,
                       std::vector<ImpairmentNote>& notes);
    /// Append every datagram due at or before nowNs to out, in delivery order.
    void takeDue(std::int64_t nowNs, std::vector<Output>& out);
    /// When the next waiting datagram is due; nullopt when none waits.
    [[nodiscard]] std::optional<std::int64_t> nextDueNs() const;
    /// Forget waiting datagrams whose tag is `tag` (the mapping expired); counted as dropped.
    void discardTag(std::uint64_t tag);

    [[nodiscard]] const ImpairmentCounters& counters() const;

private:
    // The original and its duplicate (if any) wait in one entry, so nothing can come between.
    struct Queued {
        Output out;
        bool withDuplicate = false;
        std::int64_t dueNs = 0;
    };
    // A reordered datagram: leaves right after `depth` later datagrams left, or at deadlineNs.
    struct Held {
        Output out;
        bool withDuplicate = false;
        std::int64_t deadlineNs = 0;
        int depth = 1;
        int passed = 0;
    };

    void deliver(Output out, bool withDuplicate, std::vector<Output>& sink);
    [[nodiscard]] std::size_t earliestHeld() const;

    Impairment settings_;
    impair_detail::Rng rng_;
    impair_detail::GilbertElliott burst_;
    impair_detail::LinkClock link_;
    ImpairmentCounters counters_;
    std::deque<Queued> queue_; // due times never decrease (FIFO)
    std::vector<Held> held_;   // in arrival order
};

} // namespace socklab
