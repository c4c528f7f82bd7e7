#include "core/inspect/record_filter.h"

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

CompiledFilter::CompiledFilter(CompiledFilter&&) noexcept = default;
CompiledFilter& CompiledFilter::operator=(CompiledFilter&&) noexcept = default;
CompiledFilter::~CompiledFilter() = default;

Result<CompiledFilter> CompiledFilter::compile(const RecordFilter& filter) {
    CompiledFilter compiled;
    compiled.m_filter = filter;
    if (filter.match != MatchKind::Any) {
        ResponderRule rule;
        rule.match = filter.match;
        rule.pattern = filter.pattern;
        auto made = CompiledRule::compile(rule);
        if (!made) {
            // The rule's detail reads "pattern: position 3: ..."; the filter has one pattern.
            std::string detail = made.error().detail;
            if (detail.starts_with("pattern: ")) {
                detail.erase(0, 9);
            }
            return fail(
                inputError("check filter", codec_detail::quotedInput(filter.pattern), detail));
        }
        compiled.m_rule = std::make_unique<CompiledRule>(std::move(*made));
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

} // namespace socklab
