#pragma once

#include "core/impair/impairment.h"
#include "core/impair/link_clock.h"
#include "core/impair/rng.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace socklab {

/// One direction of stream impairment (toxiproxy's toxics): delay with jitter (order kept),
/// rate, re-segmentation into writes of segmentMin..segmentMax bytes, coalescing, stall, reset
/// after N bytes, slow close. Bytes always leave in the order they entered, none are lost or
/// added. Seeded and driven with explicit monotonic times, like DatagramPipeline.
///
/// Stages: coalescing gathers chunks for coalesce_ms after the first one (the group then enters
/// at that deadline); a chunk (or group) is delayed by delay ± jitter but never passes the one
/// before it; it is cut into pieces (segmentMin..segmentMax with re-segmentation on, else pieces
/// of 100 ms worth of bytes when rate-limited, else one piece), each leaving when the link of
/// rateBytesPerSec has serialised it. The FIN also takes the delay (no jitter) and leaves
/// slowClose_ms after the last byte left. Chunks pushed after pushFinish() or after a Reset
/// step are ignored (not counted); a Reset forgets every byte still waiting.
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

    /// True when a chunk pushed now would leave at once, whole and unchanged: no stream
    /// impairment is set (slow close aside, which only moves the FIN), nothing waits and no FIN
    /// or reset was given. The relay then writes the chunk itself and calls passThrough(),
    /// which saves copying every byte through the pipeline.
    [[nodiscard]] bool passesThrough() const;
    /// Count a chunk written without the pipeline exactly as push() + takeDue() would have:
    /// one chunk received, one write delivered, `bytes` each.
    void passThrough(std::size_t bytes, std::int64_t nowNs);

private:
    // One write to come: the next `size` bytes of buffer_, due at dueNs.
    struct Piece {
        std::size_t size = 0;
        std::int64_t dueNs = 0;
        std::uint64_t index = 0; ///< chunk (or first chunk of a coalesced group) it came from
    };
    // Chunks gathered for coalescing; their bytes are the tail of buffer_ behind every piece.
    struct Gather {
        bool open = false;
        std::size_t bytes = 0;
        std::uint64_t count = 0;
        std::uint64_t firstIndex = 0;
        std::int64_t deadlineNs = 0;
    };

    void enter(std::size_t bytes, std::uint64_t index, std::int64_t atNs,
               std::vector<ImpairmentNote>& notes);
    void closeGatherIfDue(std::int64_t nowNs, std::vector<ImpairmentNote>& notes);
    [[nodiscard]] std::vector<std::byte> take(std::size_t n);
    void reset(std::uint64_t index, std::vector<Step>& out, std::vector<ImpairmentNote>& notes);
    [[nodiscard]] bool resetDue() const;
    [[nodiscard]] std::int64_t finishDueNs() const;

    static constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min();

    Impairment settings_;
    impair_detail::Rng rng_;
    impair_detail::LinkClock link_;
    ImpairmentCounters counters_;
    std::vector<std::byte> buffer_; // waiting bytes from head_ on
    std::size_t head_ = 0;
    std::deque<Piece> pieces_; // due times never decrease
    Gather gather_;
    bool finishPending_ = false;
    std::int64_t finishEntryNs_ = 0; // when the FIN has passed the delay
    std::int64_t lastLeftNs_ = kNever;
    std::int64_t lastNowNs_ = kNever;
    std::uint64_t lastIndex_ = 0;
    bool ended_ = false; // Finish or Reset given out
};

} // namespace socklab
