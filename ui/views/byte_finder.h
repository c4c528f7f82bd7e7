#pragma once

#include "core/capture/traffic_store.h"

#include <cstdint>
#include <optional>
#include <span>

namespace socklab::ui {

/// Finds a byte pattern across a whole capture: forward through TrafficStore::findBytes,
/// backward by scanning arena windows from the end; hits in records outside the connection
/// filter are skipped.
class ByteFinder {
public:
    explicit ByteFinder(const TrafficStore& store, std::optional<std::uint32_t> connection = {})
        : m_store(store), m_connection(connection) {}

    /// First hit starting at or after from.
    [[nodiscard]] std::optional<std::uint64_t> next(std::span<const std::byte> pattern,
                                                    std::uint64_t from) const;
    /// Last hit starting before `before`.
    [[nodiscard]] std::optional<std::uint64_t> previous(std::span<const std::byte> pattern,
                                                        std::uint64_t before) const;

private:
    [[nodiscard]] bool accepted(std::uint64_t offset) const;

    const TrafficStore& m_store;
    std::optional<std::uint32_t> m_connection;
};

} // namespace socklab::ui
