#pragma once

#include "core/impair/impairment.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace socklab {

/// One direction of stream impairment (toxiproxy's toxics): delay with jitter (order kept),
/// rate, re-segmentation into writes of segmentMin..segmentMax bytes, coalescing, stall, reset
/// after N bytes, slow close. Bytes always leave in the order they entered, none are lost or
/// added. Seeded and driven with explicit monotonic times, like DatagramPipeline.
class StreamPipeline {
public:
    /// What the relay does next on the outgoing leg.
    struct Step {
        enum class Kind : std::uint8_t {
            Write = 1, ///< write bytes
            Finish,    ///< the source's FIN, after every byte: shutdown(SHUT_WR)
            Reset,     ///< resetAfterBytes reached: reset both legs
        };
        Kind kind = Kind::Write;
        std::vector<std::byte> bytes;
    };

    StreamPipeline(Impairment settings, std::uint64_t seed);

    void setSettings(const Impairment& settings);
    [[nodiscard]] const Impairment& settings() const;

    /// Bytes read from the source at nowNs (one chunk). Notes appended for delay/coalesce.
    void push(std::span<const std::byte> bytes, std::int64_t nowNs,
              std::vector<ImpairmentNote>& notes);
    /// The source sent FIN at nowNs: a Finish step follows the last byte (after slowClose_ms).
    void pushFinish(std::int64_t nowNs);
    /// Steps due at or before nowNs, in order (nothing while stalled). A Reset step ends the
    /// pipeline: nothing follows it.
    void takeDue(std::int64_t nowNs, std::vector<Step>& out, std::vector<ImpairmentNote>& notes);
    /// When the next step is due; nullopt when nothing waits or while stalled.
    [[nodiscard]] std::optional<std::int64_t> nextDueNs() const;
    /// Bytes inside the pipeline (not yet given out): the relay stops reading the source
    /// above its high-water mark.
    [[nodiscard]] std::size_t waitingBytes() const;

    [[nodiscard]] const ImpairmentCounters& counters() const;
};

} // namespace socklab
