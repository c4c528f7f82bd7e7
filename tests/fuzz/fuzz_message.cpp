// A composed or saved message as typed (core/codec/message_encoding, core/respond/
// message_fields): encodeMessage and renderMessage in every mode, line ending and encoding, with
// and without fields, against their live validation. Input: a selector byte, then the content.
#include "core/codec/message_encoding.h"
#include "core/codec/text_encode.h"
#include "core/respond/message_fields.h"
#include "tests/fuzz/fuzz_check.h"

using namespace socklab;
using socklab::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [selector, content] = fuzz::select(data, size);
    const auto mode = static_cast<MessageMode>(1 + selector % 3);
    const auto ending = static_cast<LineEnding>(1 + (selector / 3) % 4);
    const auto encodings = allEncodings();
    const TextEncoding encoding = encodings[(selector / 12) % encodings.size()];

    const auto plain = encodeMessage(mode, content, ending, encoding);
    const auto plainError = firstMessageError(mode, content, encoding);
    check(plain.has_value() == !plainError.has_value(), "firstMessageError agrees");
    if (plainError) {
        check(*plainError <= content.size(), "error position inside content");
    }

    // Without fields renderMessage is encodeMessage.
    TemplateContext context;
    context.seq = selector;
    context.unixTimeNs = 1'700'000'000'123'456'789;
    context.utcOffsetSeconds = 3600 * ((selector % 27) - 13);
    const auto same = renderMessage(mode, content, ending, encoding, false, context);
    check(same.has_value() == plain.has_value() && (!same || *same == *plain),
          "renderMessage without fields is encodeMessage");

    const auto fielded = renderMessage(mode, content, ending, encoding, true, context);
    const auto fieldError = firstMessageFieldError(mode, content, encoding);
    check(fielded.has_value() == !fieldError.has_value(), "firstMessageFieldError agrees");
    if (fieldError) {
        check(*fieldError <= content.size(), "field error position inside content");
    }
    return 0;
}
