// Reply and composer templates (core/respond/reply_template): ReplyTemplate::parse in both
// syntaxes against firstTemplateError, and render with a received message and captures.
// Input: a selector byte (syntax, template length), the template, then the received message.
#include "core/respond/reply_template.h"
#include "tests/fuzz/fuzz_check.h"

#include <algorithm>

using namespace socklab;
using socklab::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [selector, rest] = fuzz::select(data, size);
    const auto syntax = static_cast<TemplateSyntax>(1 + selector % 2);
    const std::size_t length = std::min<std::size_t>(selector / 2, rest.size());
    const std::string_view text = rest.substr(0, length);
    const ByteView message = asBytes(rest.substr(length));

    const auto parsed = ReplyTemplate::parse(text, syntax);
    const auto firstError = firstTemplateError(text, syntax);
    check(parsed.has_value() == !firstError.has_value(), "firstTemplateError agrees");
    if (firstError) {
        check(*firstError <= text.size(), "error position inside text");
    }
    if (!parsed) {
        return 0;
    }
    check(parsed->highestCapture() <= 99, "captures 0..99");
    TemplateContext context;
    context.message = message;
    // Captures: the message cut in thirds, the last one absent (did not take part).
    const std::size_t third = message.size() / 3;
    context.captures = {message.subspan(0, third), message.subspan(third, third), ByteView{}};
    context.seq = 0xfffffffffffffff0ull + selector % 32; // wraps in the binary formats
    context.unixTimeNs = selector % 2 ? -1'000'000'123 : 4'102'444'800'000'000'000;
    context.utcOffsetSeconds = (selector % 2 ? -1 : 1) * 14 * 3600;
    const ByteVector out = parsed->render(context);
    if (parsed->isLiteral()) {
        check(out == parsed->render(TemplateContext{}), "a literal template ignores the context");
    }
    return 0;
}
