#include "ui/support/capture_fill.h"

namespace socklab::test {

std::shared_ptr<TrafficStore> makeStore(std::size_t chunkBytes, std::size_t maxRecords) {
    TrafficStore::Config config;
    config.chunkBytes = chunkBytes;
    config.maxRecords = maxRecords;
    return std::make_shared<TrafficStore>(config);
}

std::vector<std::byte> bytesOf(std::string_view text) {
    const auto* p = reinterpret_cast<const std::byte*>(text.data());
    return {p, p + text.size()};
}

std::uint64_t appendText(TrafficStore& store, Direction dir, std::string_view text,
                         std::uint32_t connection) {
    const auto bytes = bytesOf(text);
    return store.appendData(connection, dir, bytes);
}

void appendPattern(TrafficStore& store, std::size_t count, std::size_t size,
                   std::uint32_t connection) {
    std::vector<std::byte> bytes(size);
    for (std::size_t i = 0; i < count; ++i) {
        for (std::size_t j = 0; j < size; ++j) {
            bytes[j] = static_cast<std::byte>((i * 7 + j) & 0xff);
        }
        store.appendData(connection, i % 2 ? Direction::Out : Direction::In, bytes);
    }
}

} // namespace socklab::test
