#pragma once

#include "core/capture/traffic_store.h"

#include <atomic>
#include <cstdint>
#include <optional>
#include <span>

namespace socklab::ui {

/// Finds a byte pattern across a whole capture: forward through TrafficStore::findBytes,
/// backward by scanning arena windows from the end; hits in records outside the connection
/// filter are skipped.
class ByteFinder {
public:
    /// A set `cancel` flag (checked per block or window) ends a search with nullopt.
    explicit ByteFinder(const TrafficStore& store, std::optional<std::uint32_t> connection = {},
                        const std::atomic<bool>* cancel = nullptr)
        : m_store(store), m_connection(connection), m_cancel(cancel) {}

    /// First hit starting at or after from.
    [[nodiscard]] std::optional<std::uint64_t> next(std::span<const std::byte> pattern,
                                                    std::uint64_t from) const;
    /// Last hit starting before `before`.
    [[nodiscard]] std::optional<std::uint64_t> previous(std::span<const std::byte> pattern,
                                                        std::uint64_t before) const;

private:
    [[nodiscard]] bool accepted(std::uint64_t offset) const;
    [[nodiscard]] bool cancelled() const {
        return m_cancel != nullptr && m_cancel->load(std::memory_order_relaxed);
    }

    const TrafficStore& m_store;
    std::optional<std::uint32_t> m_connection;
    const std::atomic<bool>* m_cancel;
};

} // namespace socklab::ui
