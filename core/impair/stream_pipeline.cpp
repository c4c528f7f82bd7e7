#include "core/impair/stream_pipeline.h"

#include <algorithm>
#include <utility>

namespace socklab {

namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;
// Compact the byte buffer once this much has been given out from its front.
constexpr std::size_t kCompactAt = 64 * 1024;

} // namespace

StreamPipeline::StreamPipeline(Impairment settings, std::uint64_t seed)
    : settings_(std::move(settings)), rng_(seed) {}

void StreamPipeline::setSettings(const Impairment& settings) {
    settings_ = settings;
}

const Impairment& StreamPipeline::settings() const {
    return settings_;
}

const ImpairmentCounters& StreamPipeline::counters() const {
    return counters_;
}

std::size_t StreamPipeline::waitingBytes() const {
    return counters_.waiting;
}

bool StreamPipeline::passesThrough() const {
    const Impairment& s = settings_;
    return !ended_ && !finishPending_ && counters_.waiting == 0 && !gather_.open &&
           pieces_.empty() && s.delay_ms == 0 && s.jitter_ms == 0 && s.rateBytesPerSec == 0 &&
           s.segmentMax == 0 && s.coalesce_ms == 0 && !s.stall && s.resetAfterBytes == 0;
}

void StreamPipeline::passThrough(std::size_t bytes, std::int64_t nowNs) {
    lastNowNs_ = std::max(lastNowNs_, nowNs);
    lastIndex_ = ++counters_.received;
    counters_.receivedBytes += bytes;
    if (bytes == 0) {
        return;
    }
    ++counters_.delivered;
    counters_.deliveredBytes += bytes;
    lastLeftNs_ = nowNs;
}

void StreamPipeline::push(std::span<const std::byte> bytes, std::int64_t nowNs,
                          std::vector<ImpairmentNote>& notes) {
    if (ended_ || finishPending_) {
        return;
    }
    lastNowNs_ = std::max(lastNowNs_, nowNs);
    closeGatherIfDue(nowNs, notes);
    const std::uint64_t index = ++counters_.received;
    lastIndex_ = index;
    counters_.receivedBytes += bytes.size();
    if (bytes.empty()) {
        return;
    }
    counters_.waiting += bytes.size();
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
    // An open group takes the chunk even if coalescing was just turned off: its bytes sit
    // behind every piece, so nothing may be placed after them but more of the group.
    if (settings_.coalesce_ms > 0 || gather_.open) {
        if (!gather_.open) {
            gather_ = Gather{true, 0, 0, index, nowNs + settings_.coalesce_ms * kNsPerMs};
        }
        gather_.bytes += bytes.size();
        ++gather_.count;
        return;
    }
    enter(bytes.size(), index, nowNs, notes);
}

void StreamPipeline::closeGatherIfDue(std::int64_t nowNs, std::vector<ImpairmentNote>& notes) {
    if (!gather_.open || gather_.deadlineNs > nowNs) {
        return;
    }
    const Gather g = gather_;
    gather_ = Gather{};
    if (g.count > 1) {
        notes.push_back(
            {ImpairmentNote::Kind::Coalesced, g.firstIndex, static_cast<std::int64_t>(g.count)});
    }
    enter(g.bytes, g.firstIndex, g.deadlineNs, notes);
}

void StreamPipeline::enter(std::size_t bytes, std::uint64_t index, std::int64_t atNs,
                           std::vector<ImpairmentNote>& notes) {
    const Impairment& s = settings_;
    std::int64_t delayNs = s.delay_ms * kNsPerMs;
    if (s.jitter_ms > 0) {
        const std::int64_t j = s.jitter_ms * kNsPerMs;
        delayNs = std::max<std::int64_t>(0, delayNs + rng_.between(-j, j));
    }
    const bool resegment = s.segmentMax > 0;
    const std::size_t segMax = s.segmentMax;
    const std::size_t segMin =
        std::clamp<std::size_t>(s.segmentMin, 1, std::max<std::size_t>(segMax, 1));
    // Without re-segmentation a rate-limited chunk leaves in pieces of 100 ms worth of bytes,
    // so a large chunk trickles out instead of appearing whole after a long wait (at most 1024
    // pieces per chunk, which bounds the bookkeeping at very low rates).
    const std::size_t ratePiece = s.rateBytesPerSec > 0
                                      ? std::max({static_cast<std::size_t>(s.rateBytesPerSec / 10),
                                                  (bytes + 1023) / 1024, std::size_t{1}})
                                      : bytes;

    std::size_t left = bytes;
    std::int64_t pieces = 0;
    std::int64_t firstDue = 0;
    while (left > 0) { // every pass takes at least one byte
        std::size_t size = left;
        if (resegment) {
            size = static_cast<std::size_t>(
                rng_.between(static_cast<std::int64_t>(segMin), static_cast<std::int64_t>(segMax)));
        } else {
            size = ratePiece;
        }
        size = std::min(size, left);
        const std::int64_t due = link_.schedule(atNs + delayNs, size, s.rateBytesPerSec);
        if (pieces == 0) {
            firstDue = due;
        }
        pieces_.push_back(Piece{size, due, index});
        left -= size;
        ++pieces;
    }
    if (firstDue > atNs) {
        ++counters_.delayed;
        notes.push_back({ImpairmentNote::Kind::Delayed, index, firstDue - atNs});
    }
    if (resegment && pieces > 1) {
        notes.push_back({ImpairmentNote::Kind::Resegmented, index, pieces});
    }
}

void StreamPipeline::pushFinish(std::int64_t nowNs) {
    if (ended_ || finishPending_) {
        return;
    }
    lastNowNs_ = std::max(lastNowNs_, nowNs);
    finishPending_ = true;
    finishEntryNs_ = nowNs + settings_.delay_ms * kNsPerMs;
}

std::vector<std::byte> StreamPipeline::take(std::size_t n) {
    const auto first = buffer_.begin() + static_cast<std::ptrdiff_t>(head_);
    std::vector<std::byte> out(first, first + static_cast<std::ptrdiff_t>(n));
    head_ += n;
    counters_.waiting -= n;
    if (head_ == buffer_.size()) {
        buffer_.clear();
        head_ = 0;
    } else if (head_ >= kCompactAt && head_ * 2 >= buffer_.size()) {
        buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
    }
    return out;
}

bool StreamPipeline::resetDue() const {
    return settings_.resetAfterBytes > 0 && counters_.deliveredBytes >= settings_.resetAfterBytes;
}

void StreamPipeline::reset(std::uint64_t index, std::vector<Step>& out,
                           std::vector<ImpairmentNote>& notes) {
    notes.push_back(
        {ImpairmentNote::Kind::Reset, index, static_cast<std::int64_t>(settings_.resetAfterBytes)});
    out.push_back(Step{Step::Kind::Reset, {}});
    ended_ = true;
    buffer_.clear();
    head_ = 0;
    pieces_.clear();
    gather_ = Gather{};
    counters_.waiting = 0;
}

std::int64_t StreamPipeline::finishDueNs() const {
    return std::max(finishEntryNs_, lastLeftNs_) + settings_.slowClose_ms * kNsPerMs;
}

void StreamPipeline::takeDue(std::int64_t nowNs, std::vector<Step>& out,
                             std::vector<ImpairmentNote>& notes) {
    if (ended_) {
        return;
    }
    lastNowNs_ = std::max(lastNowNs_, nowNs);
    closeGatherIfDue(nowNs, notes);
    if (settings_.stall) {
        return;
    }
    if (resetDue()) { // resetAfterBytes lowered below what has already left
        reset(lastIndex_, out, notes);
        return;
    }
    while (!pieces_.empty() && pieces_.front().dueNs <= nowNs) { // each pass removes a piece
        const Piece piece = pieces_.front();
        pieces_.pop_front();
        std::size_t size = piece.size;
        const std::uint64_t limit = settings_.resetAfterBytes;
        const bool lastBeforeReset = limit > 0 && counters_.deliveredBytes + size >= limit;
        if (lastBeforeReset) {
            size = static_cast<std::size_t>(limit - counters_.deliveredBytes);
        }
        if (size > 0) {
            out.push_back(Step{Step::Kind::Write, take(size)});
            ++counters_.delivered;
            counters_.deliveredBytes += size;
            lastLeftNs_ = nowNs;
        }
        if (lastBeforeReset) {
            reset(piece.index, out, notes);
            return;
        }
    }
    if (finishPending_ && pieces_.empty() && !gather_.open && finishDueNs() <= nowNs) {
        out.push_back(Step{Step::Kind::Finish, {}});
        ended_ = true;
    }
}

std::optional<std::int64_t> StreamPipeline::nextDueNs() const {
    if (ended_ || settings_.stall) {
        return std::nullopt;
    }
    if (resetDue()) {
        return lastNowNs_;
    }
    if (!pieces_.empty()) {
        return pieces_.front().dueNs;
    }
    if (gather_.open) {
        return gather_.deadlineNs;
    }
    if (finishPending_) {
        return finishDueNs();
    }
    return std::nullopt;
}

} // namespace socklab
