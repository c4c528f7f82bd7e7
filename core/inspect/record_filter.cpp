#include "core/inspect/record_filter.h"

#include "core/base/translate.h"
#include "core/codec/codec_util.h"

namespace socklab {

bool RecordFilter::keepsAll() const {
    return in && out && data && events && errors && peer.empty() && match == MatchKind::Any;
}

Result<void> validateFilter(const RecordFilter& filter) {
    auto compiled = CompiledFilter::compile(filter);
    if (!compiled) {
        return fail(compiled.error());
    }
    return {};
}

namespace {

Result<std::unique_ptr<CompiledRule>> compileRule(MatchKind kind, const std::string& pattern) {
    ResponderRule rule;
    rule.match = kind;
    rule.pattern = pattern;
    auto made = CompiledRule::compile(rule);
    if (!made) {
        // The rule's detail reads "pattern: position 3: ..."; the filter has one pattern.
        std::string detail = made.error().detail;
        if (detail.starts_with("pattern: ")) {
            detail.erase(0, 9);
        }
        return fail(inputError(SL_TR("socklab", "check filter"), codec_detail::quotedInput(pattern),
                               detail));
    }
    return std::make_unique<CompiledRule>(std::move(*made));
}

} // namespace

CompiledFilter::CompiledFilter(CompiledFilter&&) noexcept = default;
CompiledFilter& CompiledFilter::operator=(CompiledFilter&&) noexcept = default;
CompiledFilter::~CompiledFilter() = default;

Result<CompiledFilter> CompiledFilter::compile(const RecordFilter& filter) {
    CompiledFilter compiled;
    compiled.m_filter = filter;
    if (filter.match == MatchKind::Any) {
        return compiled;
    }
    auto rule = compileRule(filter.match, filter.pattern);
    if (!rule) {
        return fail(rule.error());
    }
    compiled.m_rule = std::move(*rule);
    if (!filter.eventPattern.empty()) {
        auto eventRule = compileRule(filter.match, filter.eventPattern);
        if (!eventRule) {
            return fail(eventRule.error());
        }
        compiled.m_eventRule = std::move(*eventRule);
    }
    return compiled;
}

bool CompiledFilter::acceptsKind(RecordKind kind, Direction direction) const {
    switch (kind) {
    case RecordKind::Data:
        return m_filter.data && (direction == Direction::In    ? m_filter.in
                                 : direction == Direction::Out ? m_filter.out
                                                               : true);
    case RecordKind::Error:
    case RecordKind::Reset:
        return m_filter.errors;
    default:
        return m_filter.events;
    }
}

bool CompiledFilter::acceptsPeer(std::string_view peerText) const {
    return m_filter.peer.empty() || peerText.find(m_filter.peer) != std::string_view::npos;
}

bool CompiledFilter::acceptsContent(ByteView content) const {
    return !m_rule || m_rule->match(content).has_value();
}

bool CompiledFilter::acceptsText(std::string_view text) const {
    const CompiledRule* rule = m_eventRule ? m_eventRule.get() : m_rule.get();
    return !rule || rule->match(asBytes(text)).has_value();
}

} // namespace socklab
