#pragma once

// The GUI's edge for core's translatable strings (core/base/translate.h).

#include <QString>
#include <string_view>

namespace socklab::ui {

/// A string core marked with SL_N("socklab", ...) (a table entry: catalog label or explanation,
/// record kind, state name...), in the user's language. Unmarked text comes back unchanged.
[[nodiscard]] QString coreText(std::string_view source);

} // namespace socklab::ui
