#pragma once

#include "core/base/result.h"
#include "core/base/unique_fd.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace socklab::detail {

/// Buffered output file for exporters, replaced atomically: bytes go to "<path>.part" in the
/// same directory, finish() fsyncs it and renames it over <path>. Any failure, discard() or
/// destruction before finish() unlinks the .part and leaves <path> as it was.
/// An existing <path> that is not a regular file (/dev/null, a FIFO) is written directly,
/// without .part or rename; a FIFO no process reads fails at once ("export pcapng /x.fifo: No
/// such device or address (ENXIO): no process reads the FIFO") instead of waiting for one.
/// Every failure names the export and the path: "export pcapng /x.pcapng: No space left on
/// device (ENOSPC)". After the first error further writes are ignored and finish() reports it.
class ExportFile {
public:
    ExportFile(std::string op, std::string path);
    ~ExportFile();
    ExportFile(const ExportFile&) = delete;
    ExportFile& operator=(const ExportFile&) = delete;

    /// Create or truncate "<path>.part".
    Status open();
    /// Continuous saving: create <path> itself, exclusively (O_EXCL: an existing file is never
    /// replaced; the error is then EEXIST, so the caller can try the next name), and write it
    /// directly, so what was flushed survives a crash. An existing <path> that is not a regular
    /// file (/dev/null, /dev/full, a FIFO) is written as it is, unless `numbered` (a name the
    /// caller made up, such as the rotation's "cap.3.pcapng"): then anything there gives
    /// EEXIST. finish() then flushes, fsyncs and closes it (no rename); discard() closes it and
    /// leaves it in place.
    Status openNew(bool numbered = false);
    /// Write the buffered bytes now. The buffer only ever holds whole write() calls (whole
    /// pcapng blocks, whole lines), so a crash leaves the file valid up to its last flush; when
    /// a write fails (ENOSPC) part-way, the file is cut back to what the previous flush left.
    /// Returns the first error so far.
    Status flushNow();
    /// False for a device or FIFO written as it is (no rotation into other files makes sense).
    [[nodiscard]] bool isRegularFile() const { return !m_direct; }
    void write(std::span<const std::byte> data);
    void write(std::string_view text);
    /// A write has failed; finish() will report it.
    [[nodiscard]] bool failed() const { return m_error.has_value(); }
    /// Bytes accepted so far (buffered or written).
    [[nodiscard]] std::uint64_t bytesWritten() const { return m_bytes; }
    /// Flush, fsync, close and rename over <path>; the first error of any step (the .part is
    /// removed then).
    Status finish();
    /// Close and remove the .part; <path> is not touched.
    void discard();

private:
    /// An existing <path> that is no regular file is opened as it is (true, m_fd set or not).
    bool openSpecial();
    /// The error of the open that failed (m_openError, m_openDetail).
    Status openFailed();
    void flush();

    std::string m_op;
    std::string m_path;
    std::string m_partPath;
    UniqueFd m_fd;
    bool m_partExists = false;
    bool m_direct = false; ///< writing <path> itself (not a regular file)
    bool m_live = false;   ///< openNew(): writing the regular file <path> itself
    std::uint64_t m_bytes = 0;
    std::uint64_t m_flushed = 0; ///< bytes on disk after the last complete flush
    std::vector<std::byte> m_buf;
    std::optional<Error> m_error;
    int m_openError = 0;
    std::string m_openDetail;
};

} // namespace socklab::detail
