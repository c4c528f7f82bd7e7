#pragma once

#include <string>
#include <string_view>
#include <system_error>

namespace socklab {

/// A failure as a value: which operation, on which object, and why.
/// message() renders e.g. "bind 0.0.0.0:80: Permission denied (EACCES)".
struct Error {
    std::error_code code; ///< errno (generic_category) or a socklab::Errc; may be empty
    std::string op;       ///< the operation, e.g. "bind", "parse hex"
    std::string object;   ///< what it was applied to, e.g. "0.0.0.0:80"
    std::string detail;   ///< extra explanation or position; optional

    /// Human-readable one-line text naming operation, object and cause.
    [[nodiscard]] std::string message() const;
    /// errno value when code is a system error, else 0.
    [[nodiscard]] int sysErrno() const;
};

/// Error from an errno value, e.g. sysError(EACCES, "bind", "0.0.0.0:80").
[[nodiscard]] Error sysError(int err, std::string op, std::string object,
                             std::string detail = {});

/// Error without an errno (bad input, protocol violation...).
[[nodiscard]] Error inputError(std::string op, std::string object, std::string detail);

/// Symbolic errno name, e.g. "ECONNREFUSED"; "E?<n>" when unknown.
[[nodiscard]] std::string errnoName(int err);

/// strerror text for an errno, thread-safe.
[[nodiscard]] std::string errnoText(int err);

} // namespace socklab
