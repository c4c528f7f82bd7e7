#include "core/codec/pattern.h"

#include "core/base/translate.h"
#include "core/codec/codec_util.h"
#include "core/codec/escapes.h"
#include "core/codec/hex.h"

#include <algorithm>
#include <functional>

namespace socklab {

Result<ByteVector> parsePattern(std::string_view pattern, PatternKind kind) {
    Result<ByteVector> bytes = ByteVector{};
    switch (kind) {
    case PatternKind::Text: {
        const ByteView view = asBytes(pattern);
        bytes = ByteVector(view.begin(), view.end());
        break;
    }
    case PatternKind::Escaped:
        bytes = unescape(pattern);
        break;
    case PatternKind::Hex:
        bytes = parseHex(pattern);
        break;
    }
    if (bytes && bytes->empty()) {
        return fail(inputError(SL_TR("socklab", "parse pattern"),
                               codec_detail::quotedInput(pattern),
                               SL_TR("socklab", "empty pattern")));
    }
    return bytes;
}

std::optional<std::size_t> firstPatternError(std::string_view pattern, PatternKind kind) {
    std::optional<std::size_t> pos;
    switch (kind) {
    case PatternKind::Text:
        break;
    case PatternKind::Escaped:
        pos = firstEscapeError(pattern);
        break;
    case PatternKind::Hex:
        pos = firstHexError(pattern);
        break;
    }
    if (pos) {
        return pos;
    }
    // Only separators (hex) or nothing at all: nothing to search for.
    if (pattern.empty() || (kind == PatternKind::Hex && parseHex(pattern)->empty())) {
        return std::size_t{0};
    }
    return std::nullopt;
}

std::optional<std::size_t> findBytes(ByteView haystack, ByteView needle, std::size_t from) {
    if (needle.empty() || from >= haystack.size() || needle.size() > haystack.size() - from) {
        return std::nullopt;
    }
    const auto begin = haystack.begin() + static_cast<std::ptrdiff_t>(from);
    const auto it = std::search(begin, haystack.end(),
                                std::boyer_moore_horspool_searcher(needle.begin(), needle.end()));
    if (it == haystack.end()) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(it - haystack.begin());
}

std::optional<std::size_t> findBytesBackward(ByteView haystack, ByteView needle,
                                             std::size_t before) {
    if (needle.empty() || needle.size() > haystack.size()) {
        return std::nullopt;
    }
    std::size_t start = std::min(before, haystack.size() - needle.size() + 1);
    while (start-- > 0) {
        if (std::equal(needle.begin(), needle.end(),
                       haystack.begin() + static_cast<std::ptrdiff_t>(start))) {
            return start;
        }
    }
    return std::nullopt;
}

} // namespace socklab
