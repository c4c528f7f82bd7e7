#pragma once

#include <string_view>

namespace socklab {

/// SockLab's version, defined once in the top-level CMakeLists.txt (project VERSION).
std::string_view version();

} // namespace socklab
