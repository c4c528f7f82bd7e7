#pragma once

#include <cstdint>

namespace socklab::test {

/// This process's resident memory (VmRSS from /proc/self/status) in bytes; 0 when unreadable.
std::uint64_t residentBytes();

} // namespace socklab::test
