#pragma once

#include "core/base/result.h"
#include "core/base/unique_fd.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace socklab {

/// The part of checkSpillDirectory (traffic_store.h) that creates no file, for checking as the
/// user types: absolute, no control characters, an existing directory this process may write
/// to. Same messages as the full check; empty is the system's temporary directory.
[[nodiscard]] Status checkSpillDirectoryTyped(const std::string& dir);

} // namespace socklab

namespace socklab::detail {

/// An unlinked temporary file holding fixed-size slots; gone from disk when closed or on crash.
/// pread/pwrite are positional, so readers and the writer may use it concurrently as long as
/// nobody reads a slot while it is being written (the store guarantees that).
class SpillFile {
public:
    SpillFile() = default;
    SpillFile(const SpillFile&) = delete;
    SpillFile& operator=(const SpillFile&) = delete;

    /// Create the file in dir (empty = $TMPDIR or /tmp): O_TMPFILE, else mkstemp + unlink.
    Status open(const std::string& dir);
    [[nodiscard]] bool isOpen() const { return m_fd.valid(); }
    /// Write all of data at offset.
    Status writeAt(std::uint64_t offset, std::span<const std::byte> data);
    /// Read all of out from offset.
    Status readAt(std::uint64_t offset, std::span<std::byte> out) const;
    /// Give the disk blocks of [offset, offset+len) back to the filesystem (best effort).
    void release(std::uint64_t offset, std::uint64_t len);
    [[nodiscard]] const std::string& location() const { return m_location; }

private:
    UniqueFd m_fd;
    std::string m_location; ///< directory, for error messages
};

} // namespace socklab::detail
