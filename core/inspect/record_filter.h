#pragma once

#include "core/base/result.h"
#include "core/capture/record.h"
#include "core/codec/bytes.h"
#include "core/respond/responder.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace socklab {

/// Which records a filtered view of a capture keeps: every condition that is set must hold.
/// Content is matched as responder rules match messages (contains / starts with with C
/// escapes, PCRE2 regex, hex pattern with wildcards): against a Data record's bytes, or against
/// the text of any other record ("connection refused", "gap server->client: ...").
struct RecordFilter {
    bool in = true;  ///< Data received (a relay: client->server)
    bool out = true; ///< Data sent (a relay: server->client)
    bool data = true;
    bool events = true; ///< lifecycle records (opened, connected, closed...) and Info notes
    bool errors = true; ///< Error and Reset records
    /// The peer's address text contains this ("127.0.0.1:40", "[::1]", "/tmp/s.sock"); a
    /// stream's records take the peer of their connection. "" = any peer.
    std::string peer;
    MatchKind match = MatchKind::Any;
    std::string pattern; ///< see MatchKind; unused for Any
    /// When set, the text of records other than Data is matched against this instead of
    /// pattern (same kind): a GUI that encodes typed text into the tab's encoding (GBK,
    /// UTF-16) for the bytes keeps the text as typed (UTF-8) for events.
    std::string eventPattern;

    /// True when the filter keeps every record.
    [[nodiscard]] bool keepsAll() const;
    friend bool operator==(const RecordFilter&, const RecordFilter&) = default;
};

/// Checks the filter's pattern (op "check filter", object the quoted pattern, detail from the
/// pattern's parser with its position: `check filter "a(b": position 3: missing closing
/// parenthesis`).
[[nodiscard]] Result<void> validateFilter(const RecordFilter& filter);

/// A filter made ready to test records (pattern bytes or regex compiled once).
class CompiledFilter {
public:
    [[nodiscard]] static Result<CompiledFilter> compile(const RecordFilter& filter);
    CompiledFilter(CompiledFilter&&) noexcept;
    CompiledFilter& operator=(CompiledFilter&&) noexcept;
    ~CompiledFilter();

    /// Whether a record of this kind, direction and flags passes the filter's kind and
    /// direction conditions (cheap; no bytes needed).
    [[nodiscard]] bool acceptsKind(RecordKind kind, Direction direction) const;
    /// Whether the peer text passes.
    [[nodiscard]] bool acceptsPeer(std::string_view peerText) const;
    /// Whether a Data record's bytes pass the content condition.
    [[nodiscard]] bool acceptsContent(ByteView content) const;
    /// Whether another record's text passes it (eventPattern when set).
    [[nodiscard]] bool acceptsText(std::string_view text) const;
    [[nodiscard]] const RecordFilter& filter() const { return m_filter; }
    /// A content condition is set (the caller must read bytes to test it).
    [[nodiscard]] bool needsContent() const { return m_rule != nullptr; }

private:
    CompiledFilter() = default;
    RecordFilter m_filter;
    std::unique_ptr<CompiledRule> m_rule;
    std::unique_ptr<CompiledRule> m_eventRule; ///< eventPattern's, when set
};

} // namespace socklab
