#include "core/session/send_queue.h"

namespace socklab {

SendQueue::SendQueue(std::size_t capBytes)
    : m_capBytes(capBytes == 0 ? kDefaultCapBytes : capBytes) {}

bool SendQueue::admits(std::size_t size) const {
    return m_chunks.empty() || costBytes() + size + 2 * kChunkOverheadBytes <= m_capBytes;
}

void SendQueue::push(std::span<const std::byte> bytes, bool oob, bool splitUrgent) {
    if (oob && splitUrgent && bytes.size() > 1) {
        m_chunks.push_back(Chunk{{bytes.begin(), bytes.end() - 1}, 0, false});
        m_chunks.push_back(Chunk{{bytes.end() - 1, bytes.end()}, 0, true});
    } else {
        m_chunks.push_back(Chunk{{bytes.begin(), bytes.end()}, 0, oob});
    }
    m_bytes += bytes.size();
}

void SendQueue::consumed(std::size_t n) {
    Chunk& c = m_chunks.front();
    c.offset += n;
    m_bytes -= n;
    if (c.offset == c.bytes.size()) {
        m_chunks.pop_front();
    }
}

void SendQueue::clear() {
    m_chunks.clear();
    m_bytes = 0;
}

std::string queueSizeText(std::uint64_t bytes) {
    struct Unit {
        std::uint64_t factor;
        const char* name;
    };
    static constexpr Unit kUnits[] = {
        {1ull << 30, "GiB"}, {1ull << 20, "MiB"}, {1ull << 10, "KiB"}};
    for (const Unit& u : kUnits) {
        if (bytes >= u.factor) {
            // Tenths in integers: the same text in every C locale.
            const std::uint64_t tenths = (bytes * 10 + u.factor / 2) / u.factor;
            return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " " + u.name;
        }
    }
    return std::to_string(bytes) + " B";
}

} // namespace socklab
