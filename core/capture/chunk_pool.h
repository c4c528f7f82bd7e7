#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <sys/mman.h>
#include <vector>

namespace socklab::detail {

/// Arena chunk buffers handed out as shared_ptr: a reader pins a chunk by copying the pointer
/// under the store's lock and copies out of it after unlocking; the buffer comes back to a small
/// free list when the last pin drops, so the writer reuses warm pages instead of faulting fresh
/// ones. Must outlive every chunk it handed out.
class ChunkPool {
public:
    ChunkPool(std::size_t chunkBytes, std::size_t maxFree)
        : m_chunkBytes(chunkBytes), m_maxFree(maxFree) {}
    ChunkPool(const ChunkPool&) = delete;
    ChunkPool& operator=(const ChunkPool&) = delete;

    /// A chunk whose pages are already faulted in (reused, or fresh and touched here).
    std::shared_ptr<std::byte> take() {
        std::unique_ptr<std::byte[]> mem;
        {
            std::lock_guard lk(m_mutex);
            if (!m_free.empty()) {
                mem = std::move(m_free.back());
                m_free.pop_back();
            }
        }
        if (!mem) {
            mem = std::make_unique_for_overwrite<std::byte[]>(m_chunkBytes);
            prefault(mem.get());
        }
        return {mem.release(), [this](std::byte* p) { give(p); }};
    }

    /// Bytes held in the free list (counted as store memory).
    [[nodiscard]] std::size_t freeBytes() const {
        std::lock_guard lk(m_mutex);
        return m_free.size() * m_chunkBytes;
    }

private:
    // Fault the pages in now, in one system call where the kernel can (Linux >= 5.14), rather
    // than one trap per page during the copy.
    void prefault(std::byte* p) const {
        constexpr std::uintptr_t kPage = 4096;
        const auto begin = reinterpret_cast<std::uintptr_t>(p);
        const std::uintptr_t first = (begin + kPage - 1) & ~(kPage - 1);
        const std::uintptr_t last = (begin + m_chunkBytes) & ~(kPage - 1);
        if (last > first &&
            ::madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE) == 0) {
            return;
        }
        for (std::size_t i = 0; i < m_chunkBytes; i += kPage) {
            p[i] = std::byte{0};
        }
    }

    void give(std::byte* p) {
        std::unique_ptr<std::byte[]> mem(p);
        std::lock_guard lk(m_mutex);
        if (m_free.size() < m_maxFree) {
            m_free.push_back(std::move(mem));
        }
        // else freed here; rare (only after a burst of evictions), so the mutex is not an issue
    }

    const std::size_t m_chunkBytes;
    const std::size_t m_maxFree;
    mutable std::mutex m_mutex;
    std::vector<std::unique_ptr<std::byte[]>> m_free;
};

} // namespace socklab::detail
