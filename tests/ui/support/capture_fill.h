#pragma once

#include "core/capture/traffic_store.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace socklab::test {

/// A store with small arena chunks so tests cross chunk boundaries with little data.
std::shared_ptr<TrafficStore> makeStore(std::size_t chunkBytes = 4096,
                                        std::size_t maxRecords = 50'000'000);
/// Append text (as bytes) as one data record; returns its seq.
std::uint64_t appendText(TrafficStore& store, Direction dir, std::string_view text,
                         std::uint32_t connection = 0);
/// Append `count` records of `size` bytes each with a repeating, position-dependent pattern.
void appendPattern(TrafficStore& store, std::size_t count, std::size_t size,
                   std::uint32_t connection = 0);
/// The bytes of a string.
std::vector<std::byte> bytesOf(std::string_view text);

} // namespace socklab::test
