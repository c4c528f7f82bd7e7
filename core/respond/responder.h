#pragma once

#include "core/base/result.h"
#include "core/codec/bytes.h"
#include "core/respond/framing.h"
#include "core/respond/reply_template.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace socklab {

/// How a responder rule recognises a message.
enum class MatchKind : std::uint8_t {
    Any = 1,    ///< every message
    Contains,   ///< the pattern's bytes (text with C escapes) occur anywhere in the message
    StartsWith, ///< the message begins with the pattern's bytes (text with C escapes)
    Regex,      ///< a PCRE2 regular expression found in the message (bytes, not UTF-8);
                ///< groups are captures {1}, {2}...; searched in its first 64 KiB
    HexPattern, ///< the whole message, as hex with wildcards: "??" one byte, "*" any run of
                ///< bytes (also none); each wildcard is a capture ("01 03 ?? *": {1}, {2});
                ///< messages over 64 KiB never match
};

/// One auto-reply rule: when a message matches, send the rendered reply to whoever sent it.
struct ResponderRule {
    bool enabled = true;
    MatchKind match = MatchKind::Contains;
    std::string pattern; ///< see MatchKind; unused for Any
    std::string reply;   ///< a ReplyTemplate; empty = match (and count) without replying
    TemplateSyntax replySyntax = TemplateSyntax::Text;
    std::uint32_t delayMs = 0; ///< wait this long before sending the reply
    bool once = false;         ///< reply to the first match only (until the rules are set again)
    std::string name;          ///< optional label shown with the hit count
    friend bool operator==(const ResponderRule&, const ResponderRule&) = default;
};

/// A session's responders: the framing that cuts received bytes into messages and the rules,
/// tried in order (the first enabled rule that matches answers). A listener's rules answer
/// every connection; a datagram socket's answer each sender, every datagram framed alone.
struct ResponderConfig {
    FramingSpec framing;
    std::vector<ResponderRule> rules;
    /// Stream sockets: when the peer half-closes, half-close our side too once every reply
    /// is sent (what `cat` does; the echo preset sets it).
    bool halfCloseWithPeer = false;

    /// No rules: nothing to do.
    [[nodiscard]] bool empty() const { return rules.empty(); }
    /// The echo preset: raw framing, one rule "any message -> {0}", half-close with the peer.
    [[nodiscard]] static ResponderConfig echo();
    /// True when this is exactly the echo preset.
    [[nodiscard]] bool isEcho() const;
    friend bool operator==(const ResponderConfig&, const ResponderConfig&) = default;
};

/// The text a user knows a match kind by ("contains", "starts with", "regex", "hex", "any");
/// SL_N-marked: translate("socklab", name) where it is shown.
[[nodiscard]] std::string_view matchKindName(MatchKind kind);

/// Checks a rule (pattern parses, regex compiles, reply template parses and uses no capture the
/// pattern cannot have). Errors: op "check", object the rule ("rule 2 \"ping\"" when index
/// and name are given), detail from the failing part with its position:
/// `check rule 2 "ping": pattern: position 3: missing closing parenthesis`.
[[nodiscard]] Result<void> validateRule(const ResponderRule& rule, std::size_t index = 0);

/// A match written as `[KIND:]PATTERN`: KIND is `contains` (the default), `start`, `re`, `hex` or
/// `any`, as in a rule line before its "=>" (and the CLI's --match filter). Only splits: the
/// pattern is checked when compiled.
struct MatchText {
    MatchKind kind = MatchKind::Contains;
    std::string pattern;
};
[[nodiscard]] MatchText splitMatchText(std::string_view text);

/// Parses the CLI's one-line rule: `[KIND:]PATTERN=>[hex:]REPLY`, split at the first "=>".
/// KIND is `contains` (the default), `start`, `re`, `hex` or `any` (then PATTERN is empty:
/// "any:=>{0}"); a reply starting with "hex:" is hex syntax, else text with escapes.
/// Example: "re:^GET (\S+)=>200 {1}\r\n". Errors: op "parse rule", object the quoted text.
[[nodiscard]] Result<ResponderRule> parseRuleLine(std::string_view text);

/// A message and the capture groups of the rule that matched it.
struct RuleMatch {
    std::vector<ByteView> captures; ///< captures[i] = group i+1 (empty view: did not take part)
};

/// A rule made ready to match (pattern bytes, compiled regex, parsed template).
class CompiledRule {
public:
    [[nodiscard]] static Result<CompiledRule> compile(const ResponderRule& rule,
                                                      std::size_t index = 0);
    CompiledRule(CompiledRule&&) noexcept;
    CompiledRule& operator=(CompiledRule&&) noexcept;
    ~CompiledRule();

    /// The captures if message matches (nullopt if not; a regex over its match limit does
    /// not match).
    [[nodiscard]] std::optional<RuleMatch> match(ByteView message) const;
    [[nodiscard]] const ResponderRule& rule() const { return m_rule; }
    [[nodiscard]] const ReplyTemplate& reply() const { return m_reply; }

    struct Impl;

private:
    CompiledRule();
    ResponderRule m_rule;
    ReplyTemplate m_reply;
    std::unique_ptr<Impl> m_impl;
};

/// A reply decided by a Responder.
struct ResponderReply {
    std::size_t rule = 0; ///< index of the rule that matched
    ByteVector bytes;     ///< the rendered reply (may be empty: a rule without reply)
    std::uint32_t delayMs = 0;
};

/// A session's rules at run time: the first enabled rule that matches answers; hit counts,
/// "once" and each rule's {seq} counter live here. Engine thread only.
class Responder {
public:
    /// Compiles every rule (disabled ones too, so errors show at once).
    [[nodiscard]] static Result<Responder> create(const ResponderConfig& config);

    /// The reply to message, or nullopt when no rule matched. unixTimeNs and utcOffsetSeconds
    /// fill {time}.
    [[nodiscard]] std::optional<ResponderReply> respond(ByteView message, std::int64_t unixTimeNs,
                                                        std::int32_t utcOffsetSeconds);

    [[nodiscard]] const ResponderConfig& config() const { return m_config; }
    /// Hits per rule, in rule order.
    [[nodiscard]] const std::vector<std::uint64_t>& hits() const { return m_hits; }
    /// Some reply has a {time} field (otherwise respond() needs no clock reading).
    [[nodiscard]] bool needsTime() const { return m_needsTime; }

private:
    ResponderConfig m_config;
    std::vector<CompiledRule> m_rules;
    std::vector<std::uint64_t> m_hits;
    bool m_needsTime = false;
};

} // namespace socklab
