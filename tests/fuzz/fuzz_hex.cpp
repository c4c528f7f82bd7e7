// Hex text as a user types or pastes it (core/codec/hex): parseHex, firstHexError, formatHex.
#include "core/codec/hex.h"
#include "tests/fuzz/fuzz_check.h"

#include <algorithm>

using namespace socklab;
using socklab::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::textOf(data, size);
    const auto bytes = parseHex(text);
    const auto firstError = firstHexError(text);
    // Live validation and the parser agree.
    check(bytes.has_value() == !firstError.has_value(), "firstHexError agrees with parseHex");
    if (firstError) {
        check(*firstError < std::max<std::size_t>(text.size(), 1), "error position inside text");
    }
    if (bytes) {
        check(bytes->size() <= text.size() / 2, "at most one byte per two characters");
        // What formatHex writes reads back to the same bytes, whatever the separator.
        for (const std::string_view separator : {" ", "", ":", ", "}) {
            const auto again = parseHex(formatHex(*bytes, separator, separator.empty()));
            check(again && *again == *bytes, "formatHex then parseHex gives the bytes back");
        }
    }
    // Any bytes survive the round trip.
    const ByteView raw = fuzz::bytesOf(data, size);
    const auto raw2 = parseHex(formatHex(raw));
    check(raw2 && std::ranges::equal(*raw2, raw), "formatHex of the input reads back");
    return 0;
}
