#pragma once

#include "core/impair/impairment.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace socklab {

/// One direction of datagram impairment (netem's parameters): loss, bursty loss, duplication,
/// reordering, delay with jitter, rate, corruption, truncation. A plain, seeded state machine:
/// time is passed in (monotonic ns), so a run with the same seed, settings and times gives the
/// same fates. The relay session drives it from the event loop (push on receive, takeDue when
/// nextDueNs() passes).
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
};

} // namespace socklab
