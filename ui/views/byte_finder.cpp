#include "ui/views/byte_finder.h"

#include "core/codec/pattern.h"

#include <algorithm>
#include <vector>

namespace socklab::ui {

namespace {

constexpr std::size_t kWindow = 1u << 20;
constexpr int kMaxSkippedHits = 100000; // hits in filtered-out connections before giving up

} // namespace

bool ByteFinder::accepted(std::uint64_t offset) const {
    if (!m_connection) {
        return true;
    }
    auto seq = m_store.recordAtArenaOffset(offset);
    auto rec = seq ? m_store.record(*seq) : std::nullopt;
    return rec && rec->connectionId == *m_connection;
}

std::optional<std::uint64_t> ByteFinder::next(std::span<const std::byte> pattern,
                                              std::uint64_t from) const {
    if (pattern.empty()) {
        return std::nullopt;
    }
    from = std::max(from, m_store.arenaBegin());
    for (int i = 0; i < kMaxSkippedHits; ++i) {
        auto hit = m_store.findBytes(pattern, from, m_cancel);
        if (!hit || cancelled() || accepted(*hit)) {
            return hit;
        }
        from = *hit + 1;
    }
    return std::nullopt;
}

std::optional<std::uint64_t> ByteFinder::previous(std::span<const std::byte> pattern,
                                                  std::uint64_t before) const {
    if (pattern.empty()) {
        return std::nullopt;
    }
    const std::uint64_t begin = m_store.arenaBegin();
    before = std::min(before, m_store.arenaEnd());
    // Windows overlap by pattern.size() - 1 so a hit straddling two windows is still seen.
    std::vector<std::byte> window;
    std::uint64_t windowEnd = std::min(m_store.arenaEnd(), before + pattern.size() - 1);
    const std::uint64_t size = std::max<std::uint64_t>(kWindow, 2 * pattern.size());
    int skipped = 0;
    while (windowEnd > begin && before > begin && !cancelled()) {
        const std::uint64_t windowBegin = windowEnd - begin > size ? windowEnd - size : begin;
        window.resize(windowEnd - windowBegin);
        window.resize(m_store.readArena(windowBegin, window));
        std::size_t limit = static_cast<std::size_t>(std::min(before, windowEnd) - windowBegin);
        while (auto at = findBytesBackward(window, pattern, limit)) {
            const std::uint64_t hit = windowBegin + *at;
            if (accepted(hit)) {
                return hit;
            }
            if (++skipped > kMaxSkippedHits) {
                return std::nullopt;
            }
            limit = *at;
        }
        if (windowBegin == begin) {
            break;
        }
        before = windowBegin;
        windowEnd = windowBegin + pattern.size() - 1;
    }
    return std::nullopt;
}

} // namespace socklab::ui
