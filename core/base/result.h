#pragma once

#include "core/base/error.h"

#include <expected>

namespace socklab {

/// A value or an Error. Fallible core calls return this; they never throw.
template <class T> using Result = std::expected<T, Error>;

/// Success or an Error.
using Status = std::expected<void, Error>;

/// Shorthand for returning an error from a function returning Result<T>/Status.
inline std::unexpected<Error> fail(Error e) { return std::unexpected<Error>(std::move(e)); }

} // namespace socklab
