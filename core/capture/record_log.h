#pragma once

#include "core/capture/record.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>

namespace socklab::detail {

/// Records indexed by seq, stored in fixed blocks: append and drop-oldest are O(1) with one
/// allocation per kBlock records (std::deque would allocate every 6 records of this size).
class RecordLog {
public:
    static constexpr std::size_t kBlock = 4096;

    [[nodiscard]] std::uint64_t beginSeq() const { return m_begin; }
    [[nodiscard]] std::uint64_t endSeq() const { return m_end; }
    [[nodiscard]] std::uint64_t size() const { return m_end - m_begin; }
    [[nodiscard]] bool empty() const { return m_end == m_begin; }
    /// True when the next push_back needs a new block (allocate it outside any lock).
    [[nodiscard]] bool needsBlock() const { return m_end % kBlock == 0; }

    /// block: a fresh block when needsBlock(), else ignored.
    void push_back(const Record& r, std::unique_ptr<Record[]> block) {
        if (needsBlock()) {
            m_blocks.push_back(std::move(block));
        }
        (*this)[m_end] = r;
        ++m_end;
    }

    /// Drops the oldest record; returns a block to free outside the lock, if one emptied.
    std::unique_ptr<Record[]> pop_front() {
        ++m_begin;
        if (m_begin % kBlock != 0) {
            return nullptr;
        }
        auto freed = std::move(m_blocks.front());
        m_blocks.pop_front();
        ++m_firstBlock;
        return freed;
    }

    Record& operator[](std::uint64_t seq) {
        return m_blocks[seq / kBlock - m_firstBlock][seq % kBlock];
    }
    const Record& operator[](std::uint64_t seq) const {
        return m_blocks[seq / kBlock - m_firstBlock][seq % kBlock];
    }
    [[nodiscard]] const Record& front() const { return (*this)[m_begin]; }

    [[nodiscard]] std::uint64_t memoryBytes() const {
        return m_blocks.size() * (kBlock * sizeof(Record) + sizeof(void*));
    }

private:
    std::deque<std::unique_ptr<Record[]>> m_blocks; ///< m_blocks[i] holds block m_firstBlock + i
    std::uint64_t m_firstBlock = 0;
    std::uint64_t m_begin = 0;
    std::uint64_t m_end = 0;
};

} // namespace socklab::detail
