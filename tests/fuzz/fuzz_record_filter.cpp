// Capture filter expressions (core/inspect/record_filter): validateFilter and CompiledFilter
// (content as responder patterns, peer text, event text). Input: a selector byte (match kind,
// directions, kinds), the pattern up to the first newline, then the record's bytes.
#include "core/inspect/record_filter.h"
#include "tests/fuzz/fuzz_check.h"

using namespace socklab;
using socklab::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [selector, rest] = fuzz::select(data, size);
    const std::size_t newline = rest.find('\n');
    RecordFilter filter;
    filter.match = static_cast<MatchKind>(1 + selector % 5);
    filter.pattern = std::string(rest.substr(0, newline));
    filter.in = (selector & 0x08) == 0;
    filter.out = (selector & 0x10) == 0;
    filter.events = (selector & 0x20) == 0;
    filter.peer = selector & 0x40 ? "127.0.0.1" : "";
    if (selector & 0x80) {
        filter.eventPattern = filter.pattern + "x";
    }
    const std::string_view content =
        newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);

    const auto valid = validateFilter(filter);
    auto compiled = CompiledFilter::compile(filter);
    check(valid.has_value() == compiled.has_value(), "validateFilter agrees with compile");
    if (!compiled) {
        return 0;
    }
    (void)compiled->filter().keepsAll();
    (void)compiled->acceptsKind(RecordKind::Data, Direction::In);
    (void)compiled->acceptsPeer(content);
    (void)compiled->acceptsContent(asBytes(content));
    (void)compiled->acceptsText(content);
    if (filter.match == MatchKind::Any) {
        check(compiled->acceptsContent(asBytes(content)), "Any accepts every content");
    }
    return 0;
}
