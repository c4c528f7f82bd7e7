// The stream (TCP) walk: message seq occupies stream bytes [(seq-1)*size, seq*size) on both
// sides; it is sent by the write holding its first byte and arrives with the read holding its
// last byte, provided every byte of it equals the byte sent at that offset.
#include "core/lab/lab_observe.h"

#include <optional>

namespace socklab::lab_detail {

namespace {

/// The bytes of a sequence of chunks, one at a time, as one stream.
class StreamCursor {
public:
    explicit StreamCursor(std::span<const LabChunk> chunks) : m_chunks(chunks) {}

    /// The next byte, or nullopt past the end.
    std::optional<std::byte> next() {
        while (m_chunk < m_chunks.size() && m_pos >= m_chunks[m_chunk].bytes.size()) {
            ++m_chunk;
            m_pos = 0;
        }
        if (m_chunk >= m_chunks.size()) {
            return std::nullopt;
        }
        return m_chunks[m_chunk].bytes[m_pos++];
    }

private:
    std::span<const LabChunk> m_chunks;
    std::size_t m_chunk = 0;
    std::size_t m_pos = 0;
};

LabBlock streamBlock(const LabChunk& chunk, std::uint64_t offset, std::uint64_t size) {
    const std::uint64_t length = chunk.bytes.size();
    return LabBlock{chunk.monoNs,
                    offset,
                    chunk.bytes.size(),
                    static_cast<int>(offset / size + 1),
                    static_cast<int>((offset + length - 1) / size + 1),
                    false};
}

// Send times (the write holding each message's first byte) and write blocks.
void observeWrites(const LabRun& run, Observations& obs) {
    const std::uint64_t size = run.schedule.size;
    const auto count = static_cast<std::uint64_t>(run.schedule.count);
    std::uint64_t offset = 0;
    for (const LabChunk& write : run.writes) {
        if (write.bytes.empty()) {
            continue;
        }
        const std::uint64_t end = offset + write.bytes.size();
        obs.writes.push_back(streamBlock(write, offset, size));
        for (std::uint64_t first = (offset + size - 1) / size * size; first < end; first += size) {
            const std::uint64_t index = first / size;
            if (index >= count) {
                break;
            }
            obs.messages[index].sentNs = write.monoNs;
        }
        offset = end;
    }
    obs.bytesSent = offset;
}

// Arrivals, mismatched bytes and read blocks.
void observeReads(const LabRun& run, Observations& obs) {
    const std::uint64_t size = run.schedule.size;
    const auto count = static_cast<std::uint64_t>(run.schedule.count);
    StreamCursor sent(run.writes);
    std::optional<std::uint64_t> lastGarbledSlot;
    std::uint64_t offset = 0;
    for (const LabChunk& read : run.reads) {
        if (read.bytes.empty()) {
            continue;
        }
        LabBlock block = streamBlock(read, offset, size);
        for (const std::byte got : read.bytes) {
            const std::uint64_t slot = offset / size;
            const auto expected = sent.next();
            if (!expected || *expected != got) {
                ++obs.mismatchedBytes;
                block.damaged = true;
                if (lastGarbledSlot != slot) {
                    ++obs.garbled;
                    lastGarbledSlot = slot;
                }
                if (slot < count) {
                    obs.messages[slot].garbled = true;
                }
            }
            if (offset % size == size - 1 && slot < count && !obs.messages[slot].garbled) {
                obs.messages[slot].firstArrivalNs = read.monoNs;
                obs.messages[slot].arrivals = 1;
            }
            ++offset;
        }
        obs.reads.push_back(block);
    }
    obs.bytesReceived = offset;
}

} // namespace

Observations observeStream(const LabRun& run) {
    Observations obs;
    obs.messages.resize(static_cast<std::size_t>(run.schedule.count));
    observeWrites(run, obs);
    observeReads(run, obs);
    obs.inOrderAndComplete =
        obs.bytesSent > 0 && obs.mismatchedBytes == 0 && obs.bytesReceived == obs.bytesSent;
    return obs;
}

} // namespace socklab::lab_detail
