#pragma once

// What the fuzz targets share: an invariant check that stops the run like a crash (libFuzzer
// keeps the input; fuzz_replay fails), and views of the input.

#include "core/codec/bytes.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace socklab::fuzz {

/// Stops the process when an invariant does not hold, naming it.
inline void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
        __builtin_trap();
    }
}

inline std::string_view textOf(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

inline ByteView bytesOf(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const std::byte*>(data), size};
}

/// The input as a selector byte (0 when empty) and the rest.
struct Selected {
    std::uint8_t selector = 0;
    std::string_view rest;
};
inline Selected select(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return {};
    }
    return {data[0], textOf(data + 1, size - 1)};
}

} // namespace socklab::fuzz
