// C-style escapes (core/codec/escapes): unescape, firstEscapeError, escapeBytes, escapePreview.
#include "core/codec/escapes.h"
#include "tests/fuzz/fuzz_check.h"

#include <algorithm>

using namespace socklab;
using socklab::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::textOf(data, size);
    const auto bytes = unescape(text);
    const auto firstError = firstEscapeError(text);
    check(bytes.has_value() == !firstError.has_value(), "firstEscapeError agrees with unescape");
    if (firstError) {
        check(*firstError < text.size(), "error position inside text");
        check(text[*firstError] == '\\', "the error names a backslash");
    }
    if (bytes) {
        check(bytes->size() <= text.size(), "unescaping never grows the text");
    }
    // escapeBytes output reads back to the same bytes under every option unescape can undo.
    const ByteView raw = fuzz::bytesOf(data, size);
    for (int flags = 0; flags < 8; ++flags) {
        EscapeOptions options;
        options.escapeDoubleQuote = (flags & 1) != 0;
        options.escapeSingleQuote = (flags & 2) != 0;
        options.keepUtf8 = (flags & 4) != 0;
        const std::string escaped = escapeBytes(raw, options);
        const auto back = unescape(escaped);
        check(back && std::ranges::equal(*back, raw), "escapeBytes then unescape round trip");
        // A preview is a cut of the same text, never longer than asked.
        const std::size_t maxChars = size == 0 ? 0 : data[0] % 64;
        const std::string preview = escapePreview(raw, maxChars, options);
        check(preview.size() <= maxChars, "escapePreview within maxChars");
        if (preview != escaped && preview.ends_with("...")) {
            check(escaped.starts_with(std::string_view(preview).substr(0, preview.size() - 3)),
                  "escapePreview is a prefix of escapeBytes");
        }
        options.placeholderForHidden = true;
        (void)escapeBytes(raw, options); // display only: no round trip
    }
    return 0;
}
