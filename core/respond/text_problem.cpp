#include "core/respond/text_problem.h"

#include "core/base/translate.h"

namespace socklab::respond_detail {

std::string positionText(std::size_t position, std::string_view detail) {
    return trArgs(SL_TR("socklab", "position %1: %2"), position, detail);
}

std::string withoutPosition(std::string detail, std::size_t local) {
    // Appended piece by piece: g++ 12 warns (-Wrestrict, a false positive) on
    // `"literal" + std::string` temporaries once inlined.
    const std::string number = std::to_string(local);
    // "position 3: x", in the user's language: what positionText puts around the detail.
    const std::string marked = positionText(local, "\x01");
    if (const std::size_t at = marked.find('\x01'); at != std::string::npos) {
        const std::string_view before(marked.data(), at);
        const std::string_view after = std::string_view(marked).substr(at + 1);
        if (detail.size() >= before.size() + after.size() && detail.starts_with(before) &&
            detail.ends_with(after)) {
            detail.erase(detail.size() - after.size());
            detail.erase(0, before.size());
        }
    }
    std::string suffix = " at position ";
    suffix += number;
    if (detail.ends_with(suffix)) {
        detail.erase(detail.size() - suffix.size());
    }
    return detail;
}

} // namespace socklab::respond_detail
