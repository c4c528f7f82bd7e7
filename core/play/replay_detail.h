#pragma once

// Inside the replay (core/play/replay_*.cpp): the wording helpers its parsers, script, report
// and player share. Not for front ends: they include core/play/replay_player.h.

#include "core/base/translate.h"
#include "core/codec/codec_util.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace socklab::replay_detail {

/// "\"text\"": an input as the errors name it (control characters escaped, so a NUL shows).
inline std::string quoted(std::string_view text) {
    return codec_detail::quotedVisible(text);
}

/// trArgs(one, n, rest...) when n == 1, else trArgs(many, n, rest...): the caller passes both
/// forms translated, e.g. counted(n, SL_TR("socklab", "%1 byte"), SL_TR("socklab", "%1 bytes")).
template <class... Rest>
std::string counted(std::uint64_t n, std::string_view one, std::string_view many,
                    const Rest&... rest) {
    return trArgs(n == 1 ? one : many, n, rest...);
}

/// "1 byte", "2 bytes", in the user's language.
inline std::string bytesText(std::uint64_t n) {
    return counted(n, SL_TR("socklab", "%1 byte"), SL_TR("socklab", "%1 bytes"));
}

} // namespace socklab::replay_detail
