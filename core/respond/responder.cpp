#include "core/respond/responder.h"

#include "core/base/translate.h"
#include "core/codec/codec_util.h"
#include "core/codec/escapes.h"
#include "core/codec/pattern.h"
#include "core/respond/text_problem.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <algorithm>
#include <array>
#include <pcre2.h>

namespace socklab {

namespace {

// A regex that needs more steps than this on one message does not match (catastrophic
// backtracking on a hostile message must not stall the engine thread).
constexpr std::uint32_t kRegexMatchLimit = 1'000'000;
constexpr std::uint32_t kRegexDepthLimit = 10'000;
// Regex and hex rules look at the first 64 KiB of a message at most: PCRE2's match limit counts
// per start position, and hex matching is O(n*m), so their cost needs a bound on n too.
constexpr std::size_t kMaxMatchBytes = 64 * 1024;

struct HexToken {
    enum class Kind : std::uint8_t { Byte = 1, AnyByte, AnyRun };
    Kind kind = Kind::Byte;
    std::byte value{};
};

std::string ruleObject(const ResponderRule& rule, std::size_t index) {
    if (rule.name.empty()) {
        return index > 0 ? trArgs(SL_TR("socklab", "rule %1"), index) : SL_TR("socklab", "rule");
    }
    const std::string name = codec_detail::quotedInput(rule.name);
    return index > 0 ? trArgs(SL_TR("socklab", "rule %1 %2"), index, name)
                     : trArgs(SL_TR("socklab", "rule %1"), name);
}

Error ruleError(const ResponderRule& rule, std::size_t index, std::string detail) {
    return inputError(SL_TR("socklab", "check"), ruleObject(rule, index), std::move(detail));
}

/// "pattern: position 3: ..." from a codec error on the pattern or reply; part is the
/// translated template ("pattern: %1").
std::string partDetail(std::string_view part, const Error& error) {
    return trArgs(part, error.detail.empty() ? error.message() : error.detail);
}

Result<std::vector<HexToken>> parseHexPattern(std::string_view text) {
    std::vector<HexToken> tokens;
    auto bad = [&](std::size_t pos, std::string what) -> Result<std::vector<HexToken>> {
        return fail(inputError(SL_TR("socklab", "parse hex pattern"),
                               codec_detail::quotedInput(text),
                               respond_detail::positionText(pos, what)));
    };
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':') {
            ++i;
        } else if (c == '*') {
            // Two runs in a row match like one; keep one so captures stay meaningful.
            if (tokens.empty() || tokens.back().kind != HexToken::Kind::AnyRun) {
                tokens.push_back({HexToken::Kind::AnyRun, {}});
            }
            ++i;
        } else if (c == '?') {
            if (i + 1 >= text.size() || text[i + 1] != '?') {
                return bad(i, SL_TR("socklab", "a wildcard byte is \"??\""));
            }
            tokens.push_back({HexToken::Kind::AnyByte, {}});
            i += 2;
        } else {
            const int hi = codec_detail::hexValue(c);
            if (hi < 0) {
                return bad(i, trArgs(SL_TR("socklab", "expected hex digits, \"??\" or \"*\", "
                                                      "found %1"),
                                     codec_detail::describeChar(c)));
            }
            if (i + 1 >= text.size() || codec_detail::hexValue(text[i + 1]) < 0) {
                return bad(i, SL_TR("socklab", "a byte needs two hex digits"));
            }
            const int lo = codec_detail::hexValue(text[i + 1]);
            tokens.push_back({HexToken::Kind::Byte, static_cast<std::byte>(hi * 16 + lo)});
            i += 2;
        }
    }
    if (tokens.empty()) {
        return bad(0, SL_TR("socklab", "empty pattern"));
    }
    return tokens;
}

std::size_t wildcardCount(const std::vector<HexToken>& tokens) {
    return static_cast<std::size_t>(std::count_if(
        tokens.begin(), tokens.end(), [](auto& t) { return t.kind != HexToken::Kind::Byte; }));
}

/// Glob matching of the whole message (the classic one-star backtracking walk: linear in
/// practice, O(n*m) at worst), recording where each wildcard matched.
std::optional<RuleMatch> matchHex(const std::vector<HexToken>& tokens, ByteView message) {
    struct Span {
        std::size_t begin = 0;
        std::size_t size = 0;
    };
    std::vector<Span> spans(tokens.size());
    std::size_t i = 0;
    std::size_t j = 0;
    std::optional<std::size_t> star; // token index of the last "*" passed
    std::size_t starEnd = 0;         // message position where that star's run ends now
    while (i < message.size()) {
        if (j < tokens.size() && tokens[j].kind == HexToken::Kind::Byte &&
            tokens[j].value == message[i]) {
            ++i;
            ++j;
        } else if (j < tokens.size() && tokens[j].kind == HexToken::Kind::AnyByte) {
            spans[j] = {i, 1};
            ++i;
            ++j;
        } else if (j < tokens.size() && tokens[j].kind == HexToken::Kind::AnyRun) {
            star = j;
            spans[j] = {i, 0};
            starEnd = i;
            ++j;
        } else if (star) {
            ++starEnd;
            spans[*star].size = starEnd - spans[*star].begin;
            i = starEnd;
            j = *star + 1;
        } else {
            return std::nullopt;
        }
    }
    while (j < tokens.size() && tokens[j].kind == HexToken::Kind::AnyRun) {
        spans[j] = {i, 0};
        ++j;
    }
    if (j != tokens.size()) {
        return std::nullopt;
    }
    RuleMatch m;
    for (std::size_t t = 0; t < tokens.size(); ++t) {
        if (tokens[t].kind != HexToken::Kind::Byte) {
            m.captures.push_back(message.subspan(spans[t].begin, spans[t].size));
        }
    }
    return m;
}

std::string pcre2Message(int code) {
    std::array<PCRE2_UCHAR, 256> buffer{};
    const int n = pcre2_get_error_message(code, buffer.data(), buffer.size());
    if (n < 0) {
        return trArgs(SL_TR("socklab", "error %1"), code);
    }
    return {reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(n)};
}

} // namespace

struct CompiledRule::Impl {
    ByteVector bytes; // Contains, StartsWith
    std::vector<HexToken> hex;
    pcre2_code* code = nullptr;
    pcre2_match_context* context = nullptr;
    pcre2_match_data* data = nullptr; // reused: a CompiledRule is used by one thread
    std::size_t captureCount = 0;

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() {
        pcre2_match_data_free(data);
        pcre2_match_context_free(context);
        pcre2_code_free(code);
    }
};

CompiledRule::CompiledRule() : m_impl(std::make_unique<Impl>()) {}
CompiledRule::CompiledRule(CompiledRule&&) noexcept = default;
CompiledRule& CompiledRule::operator=(CompiledRule&&) noexcept = default;
CompiledRule::~CompiledRule() = default;

Result<CompiledRule> CompiledRule::compile(const ResponderRule& rule, std::size_t index) {
    CompiledRule compiled;
    compiled.m_rule = rule;
    Impl& impl = *compiled.m_impl;
    switch (rule.match) {
    case MatchKind::Any:
        break;
    case MatchKind::Contains:
    case MatchKind::StartsWith: {
        if (rule.pattern.empty()) {
            return fail(ruleError(
                rule, index, SL_TR("socklab", "pattern: empty (use \"any\" to match everything)")));
        }
        auto bytes = unescape(rule.pattern);
        if (!bytes) {
            return fail(
                ruleError(rule, index, partDetail(SL_TR("socklab", "pattern: %1"), bytes.error())));
        }
        impl.bytes = std::move(*bytes);
        break;
    }
    case MatchKind::HexPattern: {
        auto tokens = parseHexPattern(rule.pattern);
        if (!tokens) {
            return fail(ruleError(rule, index,
                                  partDetail(SL_TR("socklab", "pattern: %1"), tokens.error())));
        }
        impl.hex = std::move(*tokens);
        impl.captureCount = wildcardCount(impl.hex);
        break;
    }
    case MatchKind::Regex: {
        if (rule.pattern.empty()) {
            return fail(
                ruleError(rule, index, SL_TR("socklab", "pattern: empty regular expression")));
        }
        int code = 0;
        PCRE2_SIZE offset = 0;
        impl.code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(rule.pattern.data()),
                                  rule.pattern.size(), 0, &code, &offset, nullptr);
        if (impl.code == nullptr) {
            return fail(
                ruleError(rule, index,
                          trArgs(SL_TR("socklab", "pattern: %1"),
                                 respond_detail::positionText(offset, pcre2Message(code)))));
        }
        // JIT where the platform has it (much faster per message); the interpreter otherwise.
        (void)pcre2_jit_compile(impl.code, PCRE2_JIT_COMPLETE);
        std::uint32_t groups = 0;
        pcre2_pattern_info(impl.code, PCRE2_INFO_CAPTURECOUNT, &groups);
        impl.captureCount = groups;
        impl.context = pcre2_match_context_create(nullptr);
        pcre2_set_match_limit(impl.context, kRegexMatchLimit);
        pcre2_set_depth_limit(impl.context, kRegexDepthLimit);
        impl.data = pcre2_match_data_create_from_pattern(impl.code, nullptr);
        if (impl.context == nullptr || impl.data == nullptr) {
            return fail(ruleError(rule, index, SL_TR("socklab", "pattern: out of memory")));
        }
        break;
    }
    }
    if (!rule.reply.empty()) {
        auto reply = ReplyTemplate::parse(rule.reply, rule.replySyntax);
        if (!reply) {
            return fail(
                ruleError(rule, index, partDetail(SL_TR("socklab", "reply: %1"), reply.error())));
        }
        const int highest = reply->highestCapture();
        if (highest > static_cast<int>(impl.captureCount)) {
            return fail(ruleError(
                rule, index,
                impl.captureCount == 0
                    ? trArgs(SL_TR("socklab",
                                   "reply: uses {%1} but the pattern has no capture groups"),
                             highest)
                    : trArgs(impl.captureCount == 1
                                 ? SL_TR("socklab",
                                         "reply: uses {%1} but the pattern has %2 capture group")
                                 : SL_TR("socklab",
                                         "reply: uses {%1} but the pattern has %2 capture groups"),
                             highest, impl.captureCount)));
        }
        compiled.m_reply = std::move(*reply);
    }
    return compiled;
}

std::optional<RuleMatch> CompiledRule::match(ByteView message) const {
    const Impl& impl = *m_impl;
    switch (m_rule.match) {
    case MatchKind::Any:
        return RuleMatch{};
    case MatchKind::Contains:
        if (findBytes(message, impl.bytes)) {
            return RuleMatch{};
        }
        return std::nullopt;
    case MatchKind::StartsWith:
        if (message.size() >= impl.bytes.size() &&
            std::equal(impl.bytes.begin(), impl.bytes.end(), message.begin())) {
            return RuleMatch{};
        }
        return std::nullopt;
    case MatchKind::HexPattern:
        if (message.size() > kMaxMatchBytes) {
            return std::nullopt; // the whole message cannot be checked within the bound
        }
        return matchHex(impl.hex, message);
    case MatchKind::Regex: {
        message = message.first(std::min(message.size(), kMaxMatchBytes));
        const int rc = pcre2_match(impl.code, reinterpret_cast<PCRE2_SPTR>(message.data()),
                                   message.size(), 0, 0, impl.data, impl.context);
        if (rc < 0) {
            return std::nullopt; // no match, or over the match/depth limit
        }
        const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(impl.data);
        RuleMatch m;
        m.captures.resize(impl.captureCount);
        for (std::size_t g = 1; g <= impl.captureCount && g < static_cast<std::size_t>(rc); ++g) {
            const PCRE2_SIZE b = ovector[2 * g];
            const PCRE2_SIZE e = ovector[2 * g + 1];
            if (b != PCRE2_UNSET && e != PCRE2_UNSET && b <= e && e <= message.size()) {
                m.captures[g - 1] = message.subspan(b, e - b);
            }
        }
        return m;
    }
    }
    return std::nullopt;
}

ResponderConfig ResponderConfig::echo() {
    ResponderConfig c;
    ResponderRule r;
    r.match = MatchKind::Any;
    r.reply = "{0}";
    r.name = "echo";
    c.rules.push_back(std::move(r));
    c.halfCloseWithPeer = true;
    return c;
}

bool ResponderConfig::isEcho() const {
    return *this == echo();
}

std::string_view matchKindName(MatchKind kind) {
    switch (kind) {
    case MatchKind::Any:
        return SL_N("socklab", "any");
    case MatchKind::Contains:
        return SL_N("socklab", "contains");
    case MatchKind::StartsWith:
        return SL_N("socklab", "starts with");
    case MatchKind::Regex:
        return SL_N("socklab", "regex");
    case MatchKind::HexPattern:
        return SL_N("socklab", "hex");
    }
    return "?";
}

Result<void> validateRule(const ResponderRule& rule, std::size_t index) {
    auto compiled = CompiledRule::compile(rule, index);
    if (!compiled) {
        return fail(compiled.error());
    }
    return {};
}

MatchText splitMatchText(std::string_view text) {
    struct Prefix {
        std::string_view text;
        MatchKind kind;
    };
    static constexpr std::array<Prefix, 5> kPrefixes{{{"contains:", MatchKind::Contains},
                                                      {"start:", MatchKind::StartsWith},
                                                      {"re:", MatchKind::Regex},
                                                      {"hex:", MatchKind::HexPattern},
                                                      {"any:", MatchKind::Any}}};
    MatchText match;
    for (const Prefix& p : kPrefixes) {
        if (text.starts_with(p.text)) {
            match.kind = p.kind;
            text.remove_prefix(p.text.size());
            break;
        }
    }
    match.pattern = std::string(text);
    return match;
}

Result<ResponderRule> parseRuleLine(std::string_view text) {
    auto bad = [&](std::string detail) -> Result<ResponderRule> {
        return fail(inputError(SL_TR("socklab", "parse rule"), codec_detail::quotedInput(text),
                               std::move(detail)));
    };
    const std::size_t arrow = text.find("=>");
    if (arrow == std::string_view::npos) {
        return bad(SL_TR("socklab", "expected PATTERN=>REPLY, e.g. \"PING=>PONG\\n\" or "
                                    "\"re:^GET (\\S+)=>{1}\""));
    }
    std::string_view reply = text.substr(arrow + 2);
    ResponderRule rule;
    MatchText match = splitMatchText(text.substr(0, arrow));
    rule.match = match.kind;
    const std::string& pattern = match.pattern;
    if (rule.match == MatchKind::Any && !pattern.empty()) {
        return bad(SL_TR("socklab", "\"any:\" takes no pattern: write \"any:=>REPLY\""));
    }
    if (reply.starts_with("hex:")) {
        rule.replySyntax = TemplateSyntax::Hex;
        reply.remove_prefix(4);
    }
    rule.pattern = pattern;
    rule.reply = std::string(reply);
    rule.name = std::string(text.substr(0, arrow));
    auto compiled = CompiledRule::compile(rule);
    if (!compiled) {
        return bad(compiled.error().detail);
    }
    return rule;
}

Result<Responder> Responder::create(const ResponderConfig& config) {
    if (auto ok = validateFraming(config.framing); !ok) {
        return fail(ok.error());
    }
    if (config.framing.mode == FramingMode::FixedLength &&
        config.framing.length > config.framing.maxMessageBytes) {
        // Every message would be cut into pieces, and no rule would ever see one whole.
        return fail(inputError(
            SL_TR("socklab", "check framing"),
            codec_detail::quotedInput(formatFraming(config.framing)),
            trArgs(SL_TR("socklab", "length: %1 bytes is over the message limit of %2 bytes (raise "
                                    "it: \",max:%1\")"),
                   config.framing.length, config.framing.maxMessageBytes)));
    }
    Responder r;
    r.m_config = config;
    for (std::size_t i = 0; i < config.rules.size(); ++i) {
        auto compiled = CompiledRule::compile(config.rules[i], i + 1);
        if (!compiled) {
            return fail(compiled.error());
        }
        for (const ReplyTemplate::Part& part : compiled->reply().parts()) {
            r.m_needsTime = r.m_needsTime || part.kind == ReplyTemplate::Part::Kind::Time;
        }
        r.m_rules.push_back(std::move(*compiled));
    }
    r.m_hits.assign(config.rules.size(), 0);
    return r;
}

std::optional<ResponderReply> Responder::respond(ByteView message, std::int64_t unixTimeNs,
                                                 std::int32_t utcOffsetSeconds) {
    for (std::size_t i = 0; i < m_rules.size(); ++i) {
        const ResponderRule& rule = m_rules[i].rule();
        if (!rule.enabled || (rule.once && m_hits[i] > 0)) {
            continue;
        }
        auto match = m_rules[i].match(message);
        if (!match) {
            continue;
        }
        ++m_hits[i];
        ResponderReply reply;
        reply.rule = i;
        reply.delayMs = rule.delayMs;
        if (!rule.reply.empty()) {
            TemplateContext context;
            context.message = message;
            context.captures = std::move(match->captures);
            context.seq = m_hits[i];
            context.unixTimeNs = unixTimeNs;
            context.utcOffsetSeconds = utcOffsetSeconds;
            reply.bytes = m_rules[i].reply().render(context);
        }
        return reply;
    }
    return std::nullopt;
}

} // namespace socklab
