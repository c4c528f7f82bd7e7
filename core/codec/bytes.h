#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace socklab {

/// Read-only view of raw bytes, the input type of every codec function.
using ByteView = std::span<const std::byte>;

/// Owned bytes, the output type of every parser (same type as the engine's send buffers).
using ByteVector = std::vector<std::byte>;

/// Views the characters of a string as bytes (no copy).
inline ByteView asBytes(std::string_view text) {
    return {reinterpret_cast<const std::byte*>(text.data()), text.size()};
}

/// Views bytes as characters (no copy, no decoding).
inline std::string_view asChars(ByteView bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

} // namespace socklab
