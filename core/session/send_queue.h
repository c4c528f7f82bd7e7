#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <vector>

namespace socklab {

/// The bytes a stream connection has been asked to send and the kernel has not taken yet,
/// bounded: a send is admitted while the queue is empty (a single large send may exceed the
/// cap once) or while it fits under the cap. Each queued chunk is charged a small overhead so
/// that many tiny sends cannot grow memory past the cap either; on a byte stream a send behind
/// the chunk being written joins the last chunk, so there the cost stays about the bytes.
class SendQueue {
public:
    /// The cap when the open request leaves it at 0.
    static constexpr std::size_t kDefaultCapBytes = 4u << 20;
    /// What one queued send costs besides its bytes (the chunk and its allocation).
    static constexpr std::size_t kChunkOverheadBytes = 64;

    struct Chunk {
        std::vector<std::byte> bytes;
        std::size_t offset = 0;
        bool oob = false;
    };

    explicit SendQueue(std::size_t capBytes = 0);

    /// Whether a send of size bytes may be queued now.
    [[nodiscard]] bool admits(std::size_t size) const;
    /// Queue bytes. stream: a byte stream (SOCK_STREAM), where sends have no boundaries: normal
    /// data joins the last chunk unless that one is the front (being written) or urgent, and an
    /// urgent send of more than one byte is two chunks (TCP marks only the last byte of an
    /// MSG_OOB send, so the rest goes as normal data). Otherwise (SEQPACKET) one chunk a send.
    void push(std::span<const std::byte> bytes, bool oob, bool stream);
    [[nodiscard]] Chunk& front() { return m_chunks.front(); }
    /// n bytes of the front chunk were written; drops the chunk once it is all written.
    void consumed(std::size_t n);
    void clear();

    [[nodiscard]] bool empty() const { return m_chunks.empty(); }
    [[nodiscard]] std::size_t bytes() const { return m_bytes; }
    [[nodiscard]] std::size_t capBytes() const { return m_capBytes; }
    /// Payload bytes plus the per-chunk overhead: what the cap is checked against.
    [[nodiscard]] std::size_t costBytes() const {
        return m_bytes + m_chunks.size() * kChunkOverheadBytes;
    }

private:
    std::deque<Chunk> m_chunks;
    std::size_t m_bytes = 0;
    std::size_t m_capBytes;
};

/// "4.0 MiB", "512.0 KiB", "100 B": the size of a send queue in the messages about it.
[[nodiscard]] std::string queueSizeText(std::uint64_t bytes);

} // namespace socklab
