#include "core/session/send_queue.h"

namespace socklab {

SendQueue::SendQueue(std::size_t capBytes)
    : m_capBytes(capBytes == 0 ? kDefaultCapBytes : capBytes) {}

bool SendQueue::admits(std::size_t size) const {
    return m_chunks.empty() || costBytes() + size + 2 * kChunkOverheadBytes <= m_capBytes;
}

void SendQueue::push(std::span<const std::byte> bytes, bool oob, bool stream) {
    m_bytes += bytes.size();
    const std::size_t urgent = oob && stream && !bytes.empty() ? 1 : 0;
    const auto normal = bytes.first(bytes.size() - urgent);
    if (!stream) {
        m_chunks.push_back(Chunk{{bytes.begin(), bytes.end()}, 0, oob});
        return;
    }
    if (!normal.empty()) {
        if (m_chunks.size() >= 2 && !m_chunks.back().oob) {
            std::vector<std::byte>& last = m_chunks.back().bytes;
            last.insert(last.end(), normal.begin(), normal.end());
        } else {
            m_chunks.push_back(Chunk{{normal.begin(), normal.end()}, 0, false});
        }
    }
    if (urgent != 0) {
        m_chunks.push_back(Chunk{{normal.end(), bytes.end()}, 0, true});
    }
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
