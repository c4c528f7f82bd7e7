#include "core/impair/datagram_pipeline.h"

#include <algorithm>
#include <utility>

namespace socklab {

namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;

} // namespace

DatagramPipeline::DatagramPipeline(Impairment settings, std::uint64_t seed)
    : settings_(std::move(settings)), rng_(seed) {}

void DatagramPipeline::setSettings(const Impairment& settings) {
    settings_ = settings;
}

const Impairment& DatagramPipeline::settings() const {
    return settings_;
}

const ImpairmentCounters& DatagramPipeline::counters() const {
    return counters_;
}

std::uint64_t DatagramPipeline::push(std::vector<std::byte> bytes, std::uint64_t tag,
                                     std::int64_t nowNs, std::vector<ImpairmentNote>& notes) {
    using K = ImpairmentNote::Kind;
    const Impairment& s = settings_;
    const std::uint64_t index = ++counters_.received;
    counters_.receivedBytes += bytes.size();

    auto drop = [&](K kind, std::int64_t value) {
        ++counters_.dropped;
        notes.push_back({kind, index, value});
        return index;
    };
    if (rng_.chance(s.lossPercent)) {
        return drop(K::Dropped, 0);
    }
    if (burst_.lose(s.burst, rng_)) {
        return drop(K::Dropped, 1); // value 1: burst loss
    }
    const std::uint64_t limit = s.queueLimit;
    if (limit != 0 && counters_.waiting >= limit) {
        return drop(K::QueueFull, 0);
    }

    if (s.truncateBytes != 0 && bytes.size() > s.truncateBytes) {
        bytes.resize(s.truncateBytes);
        ++counters_.truncated;
        notes.push_back({K::Truncated, index, static_cast<std::int64_t>(s.truncateBytes)});
    }
    if (rng_.chance(s.corruptPercent) && !bytes.empty()) {
        const std::uint64_t bit = rng_.below(bytes.size() * 8);
        bytes[bit / 8] ^= static_cast<std::byte>(1u << (bit % 8));
        ++counters_.corrupted;
        notes.push_back({K::Corrupted, index, static_cast<std::int64_t>(bit)});
    }
    bool duplicate = rng_.chance(s.duplicatePercent);
    if (duplicate && limit != 0 && counters_.waiting + 2 > limit) {
        duplicate = false; // room for the original only
    }
    if (duplicate) {
        ++counters_.duplicated;
        notes.push_back({K::Duplicated, index, 0});
    }
    counters_.waiting += duplicate ? 2 : 1;

    const std::size_t size = bytes.size();
    Output out{std::move(bytes), tag, index, false};
    if (rng_.chance(s.reorderPercent)) {
        ++counters_.reordered;
        notes.push_back({K::Reordered, index, 0});
        held_.push_back(Held{std::move(out), duplicate,
                             nowNs + std::int64_t{s.reorderTimeout_ms} * kNsPerMs,
                             std::max(1, s.reorderDepth), 0});
        return index;
    }

    std::int64_t delayNs = std::int64_t{s.delay_ms} * kNsPerMs;
    if (s.jitter_ms > 0) {
        const std::int64_t j = std::int64_t{s.jitter_ms} * kNsPerMs;
        delayNs = std::max<std::int64_t>(0, delayNs + rng_.between(-j, j));
    }
    const std::int64_t due = link_.schedule(nowNs + delayNs, size, s.rateBytesPerSec);
    if (duplicate) {
        link_.schedule(due, size, s.rateBytesPerSec); // the copy occupies the link too
    }
    if (due > nowNs) {
        ++counters_.delayed;
        notes.push_back({K::Delayed, index, due - nowNs});
    }
    queue_.push_back(Queued{std::move(out), duplicate, due});
    return index;
}

void DatagramPipeline::deliver(Output out, bool withDuplicate, std::vector<Output>& sink) {
    const std::uint64_t index = out.index;
    const std::size_t copies = withDuplicate ? 2 : 1;
    counters_.delivered += copies;
    counters_.deliveredBytes += copies * out.bytes.size();
    counters_.waiting -= copies;
    if (withDuplicate) {
        Output copy = out;
        copy.duplicate = true;
        sink.push_back(std::move(out));
        sink.push_back(std::move(copy));
    } else {
        sink.push_back(std::move(out));
    }
    // Each held datagram counts later datagrams leaving; when its depth is reached it leaves
    // right after (the lowest index first; its own departure counts for the ones before it).
    for (Held& h : held_) {
        if (h.out.index < index) {
            ++h.passed;
        }
    }
    for (std::size_t i = 0; i < held_.size(); ++i) {
        if (held_[i].passed >= held_[i].depth) {
            Held h = std::move(held_[i]);
            held_.erase(held_.begin() + static_cast<std::ptrdiff_t>(i));
            deliver(std::move(h.out), h.withDuplicate, sink);
            i = static_cast<std::size_t>(-1); // the recursion may have released others
        }
    }
}

std::size_t DatagramPipeline::earliestHeld() const {
    std::size_t best = held_.size();
    for (std::size_t i = 0; i < held_.size(); ++i) {
        if (best == held_.size() || held_[i].deadlineNs < held_[best].deadlineNs) {
            best = i;
        }
    }
    return best;
}

void DatagramPipeline::takeDue(std::int64_t nowNs, std::vector<Output>& out) {
    // Every pass delivers at least one waiting entry, so this ends within waiting passes.
    while (!queue_.empty() || !held_.empty()) {
        const std::size_t h = earliestHeld();
        const bool heldFirst =
            h < held_.size() && (queue_.empty() || held_[h].deadlineNs < queue_.front().dueNs);
        if (heldFirst) {
            if (held_[h].deadlineNs > nowNs) {
                break;
            }
            Held entry = std::move(held_[h]);
            held_.erase(held_.begin() + static_cast<std::ptrdiff_t>(h));
            deliver(std::move(entry.out), entry.withDuplicate, out);
        } else {
            if (queue_.front().dueNs > nowNs) {
                break;
            }
            Queued entry = std::move(queue_.front());
            queue_.pop_front();
            deliver(std::move(entry.out), entry.withDuplicate, out);
        }
    }
}

std::optional<std::int64_t> DatagramPipeline::nextDueNs() const {
    std::optional<std::int64_t> due;
    if (!queue_.empty()) {
        due = queue_.front().dueNs;
    }
    if (const std::size_t h = earliestHeld(); h < held_.size()) {
        due = due ? std::min(*due, held_[h].deadlineNs) : held_[h].deadlineNs;
    }
    return due;
}

void DatagramPipeline::discardTag(std::uint64_t tag) {
    auto forget = [&](bool withDuplicate) {
        const std::uint64_t copies = withDuplicate ? 2 : 1;
        counters_.dropped += copies;
        counters_.waiting -= copies;
    };
    std::erase_if(queue_, [&](const Queued& q) {
        if (q.out.tag != tag) {
            return false;
        }
        forget(q.withDuplicate);
        return true;
    });
    std::erase_if(held_, [&](const Held& h) {
        if (h.out.tag != tag) {
            return false;
        }
        forget(h.withDuplicate);
        return true;
    });
}

} // namespace socklab
