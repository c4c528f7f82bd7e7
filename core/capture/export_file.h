#pragma once

#include "core/base/result.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace socklab::detail {

/// Buffered output file for exporters; every failure names the export and the path:
/// "export pcapng /x.pcapng: No space left on device (ENOSPC)". After the first error further
/// writes are ignored and finish() reports it.
class ExportFile {
public:
    ExportFile(std::string op, std::string path);
    ~ExportFile();
    ExportFile(const ExportFile&) = delete;
    ExportFile& operator=(const ExportFile&) = delete;

    /// Create or truncate the file.
    Status open();
    void write(std::span<const std::byte> data);
    void write(std::string_view text);
    /// Flush and close; the first error of any step.
    Status finish();

private:
    void flush();

    std::string m_op;
    std::string m_path;
    int m_fd = -1;
    std::vector<std::byte> m_buf;
    std::optional<Error> m_error;
};

} // namespace socklab::detail
