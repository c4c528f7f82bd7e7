// Responder rules (core/respond/responder): parseRuleLine (the CLI's --reply), validateRule,
// CompiledRule (contains, starts with, PCRE2 regex, hex with wildcards) matching messages and
// rendering replies, and a Responder over the rule and the echo preset. Input: the rule line up
// to the first newline, then messages separated by newlines.
#include "core/respond/responder.h"
#include "tests/fuzz/fuzz_check.h"

using namespace socklab;
using socklab::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::textOf(data, size);
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    std::string_view messages =
        newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);

    (void)splitMatchText(line);
    const auto rule = parseRuleLine(line);
    if (!rule) {
        return 0;
    }
    const auto valid = validateRule(*rule, 1);
    auto compiled = CompiledRule::compile(*rule, 1);
    check(valid.has_value() == compiled.has_value(), "validateRule agrees with compile");
    if (!compiled) {
        return 0;
    }
    ResponderConfig config;
    config.rules = {*rule, ResponderConfig::echo().rules.front()};
    auto responder = Responder::create(config);
    check(responder.has_value(), "a valid rule makes a responder");

    int count = 0;
    while (count++ < 16) {
        const std::size_t end = messages.find('\n');
        const ByteView message = asBytes(messages.substr(0, end));
        if (const auto match = compiled->match(message)) {
            for (const ByteView c : match->captures) {
                check(c.empty() || (c.data() >= message.data() &&
                                    c.data() + c.size() <= message.data() + message.size()),
                      "captures lie inside the message");
            }
            TemplateContext context;
            context.message = message;
            context.captures = match->captures;
            (void)compiled->reply().render(context);
        }
        const auto reply = responder->respond(message, 0, 0);
        check(reply.has_value(), "the echo rule answers every message");
        if (end == std::string_view::npos) {
            break;
        }
        messages.remove_prefix(end + 1);
    }
    return 0;
}
