#include "core/respond/text_problem.h"

namespace socklab::respond_detail {

std::string withoutPosition(std::string detail, std::size_t local) {
    // Appended piece by piece: g++ 12 warns (-Wrestrict, a false positive) on
    // `"literal" + std::string` temporaries once inlined.
    const std::string number = std::to_string(local);
    std::string prefix = "position ";
    prefix += number;
    prefix += ": ";
    if (detail.starts_with(prefix)) {
        detail.erase(0, prefix.size());
    }
    std::string suffix = " at position ";
    suffix += number;
    if (detail.ends_with(suffix)) {
        detail.erase(detail.size() - suffix.size());
    }
    return detail;
}

} // namespace socklab::respond_detail
