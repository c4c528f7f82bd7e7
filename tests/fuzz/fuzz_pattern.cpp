// Find patterns (core/codec/pattern): parsePattern and firstPatternError in each kind, and the
// byte searches they feed. Input: a selector byte (kind, pattern length), the pattern, then the
// haystack.
#include "core/codec/pattern.h"
#include "tests/fuzz/fuzz_check.h"

#include <algorithm>

using namespace socklab;
using socklab::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [selector, rest] = fuzz::select(data, size);
    const auto kind = static_cast<PatternKind>(1 + selector % 3);
    const std::size_t patternLength = std::min<std::size_t>(selector / 3, rest.size());
    const std::string_view pattern = rest.substr(0, patternLength);
    const ByteView haystack = asBytes(rest.substr(patternLength));

    const auto needle = parsePattern(pattern, kind);
    const auto firstError = firstPatternError(pattern, kind);
    check(needle.has_value() == !firstError.has_value(), "firstPatternError agrees");
    if (!needle) {
        return 0;
    }
    const auto expected = std::ranges::search(haystack, *needle);
    const auto found = findBytes(haystack, *needle);
    if (needle->empty()) {
        check(!found, "an empty needle is never found");
        return 0;
    }
    check(found.has_value() == !expected.empty(), "findBytes finds what std::search finds");
    if (found) {
        check(*found == static_cast<std::size_t>(expected.begin() - haystack.begin()),
              "findBytes gives the first occurrence");
        const auto next = findBytes(haystack, *needle, *found + 1);
        if (next) {
            check(*next > *found, "the next occurrence is after the first");
        }
        // Backward from the end finds the last occurrence; from just after the first, the first.
        const auto last = findBytesBackward(haystack, *needle, haystack.size());
        check(last && *last >= *found, "findBytesBackward finds the last occurrence");
        const auto first = findBytesBackward(haystack, *needle, *found + 1);
        check(first && *first == *found, "findBytesBackward before the first+1 is the first");
        check(!findBytesBackward(haystack, *needle, *found), "nothing before the first");
    } else {
        check(!findBytesBackward(haystack, *needle, haystack.size()), "backward agrees");
    }
    return 0;
}
