#include "core/respond/sequence.h"

#include "core/base/translate.h"
#include "core/codec/codec_util.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace socklab {

namespace {

constexpr std::uint32_t kMaxMs = 3'600'000;
constexpr std::uint32_t kMaxRepeat = 1'000'000;

std::string stepDetail(std::size_t index, std::string what) {
    return trArgs(SL_TR("socklab", "step %1: %2"), index + 1, what);
}

ResponderRule expectRule(const SequenceStep& step) {
    ResponderRule r;
    r.match = step.match;
    r.pattern = step.match == MatchKind::Any ? std::string() : step.text;
    return r;
}

struct KindWord {
    std::string_view word;
    MatchKind kind;
};
constexpr std::array<KindWord, 5> kKinds{{{"contains", MatchKind::Contains},
                                          {"start", MatchKind::StartsWith},
                                          {"re", MatchKind::Regex},
                                          {"hex", MatchKind::HexPattern},
                                          {"any", MatchKind::Any}}};

std::optional<std::uint32_t> number(std::string_view text) {
    std::uint32_t v = 0;
    const auto* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, v);
    if (r.ec != std::errc() || r.ptr != end || text.empty()) {
        return std::nullopt;
    }
    return v;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

} // namespace

Status checkSequenceName(std::string_view name) {
    const auto bad = [&](std::string what) -> Status {
        return fail(inputError(SL_TR("socklab", "check sequence name"),
                               codec_detail::quotedInput(name), std::move(what)));
    };
    if (name.find_first_not_of(' ') == std::string_view::npos) {
        return bad(
            SL_TR("socklab", "the name is empty (results and the CLI name a sequence by it)"));
    }
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto b = static_cast<unsigned char>(name[i]);
        if (b < 0x20 || b == 0x7f) {
            return bad(trArgs(SL_TR("socklab", "control character %1 at position %2"),
                              codec_detail::describeChar(name[i]), i));
        }
    }
    if (name.size() > kMaxSequenceNameBytes) {
        return bad(trArgs(SL_TR("socklab", "%1 bytes, the limit is %2"), name.size(),
                          kMaxSequenceNameBytes));
    }
    return {};
}

Result<void> validateSequence(const Sequence& sequence) {
    const auto bad = [&](std::size_t i, std::string what) -> Result<void> {
        return fail(inputError(SL_TR("socklab", "check sequence"),
                               codec_detail::quotedInput(sequence.name),
                               stepDetail(i, std::move(what))));
    };
    std::vector<std::size_t> open;
    // Sends a block renders in one go (no Wait or Expect inside it): the runner renders them
    // in one call, so nested repeats of sends (10^12 of them) must not pass.
    struct Block {
        std::uint64_t count = 1;
        std::uint64_t sends = 0;
        bool pauses = false;
    };
    std::vector<Block> blocks{Block{}};
    for (std::size_t i = 0; i < sequence.steps.size(); ++i) {
        const SequenceStep& s = sequence.steps[i];
        switch (s.kind) {
        case SequenceStep::Kind::Send:
            if (auto t = ReplyTemplate::parse(s.text, s.syntax); !t) {
                return bad(i, trArgs(SL_TR("socklab", "send: %1"), t.error().detail));
            }
            ++blocks.back().sends;
            break;
        case SequenceStep::Kind::Wait:
            if (s.ms == 0 || s.ms > kMaxMs) {
                return bad(i,
                           trArgs(SL_TR("socklab", "wait: %1 ms (expected 1..%2)"), s.ms, kMaxMs));
            }
            blocks.back().pauses = true;
            break;
        case SequenceStep::Kind::Expect:
            if (s.ms == 0 || s.ms > kMaxMs) {
                return bad(i, trArgs(SL_TR("socklab", "expect: timeout %1 ms (expected 1..%2)"),
                                     s.ms, kMaxMs));
            }
            if (auto r = CompiledRule::compile(expectRule(s)); !r) {
                return bad(i, trArgs(SL_TR("socklab", "expect: %1"), r.error().detail));
            }
            blocks.back().pauses = true;
            break;
        case SequenceStep::Kind::Repeat:
            if (s.count == 0 || s.count > kMaxRepeat) {
                return bad(i, trArgs(SL_TR("socklab", "repeat: %1 times (expected 1..%2)"), s.count,
                                     kMaxRepeat));
            }
            open.push_back(i);
            blocks.push_back(Block{s.count, 0, false});
            break;
        case SequenceStep::Kind::End: {
            if (open.empty()) {
                return bad(i, SL_TR("socklab", "end without a repeat before it"));
            }
            Block done = blocks.back();
            blocks.pop_back();
            // A pass with no send still costs the runner a step: nested empty repeats (10^10
            // passes over nothing) count like sends, or they would hold the caller as long.
            done.sends = std::max<std::uint64_t>(done.sends, 1);
            if (done.pauses) {
                blocks.back().pauses = true;
            } else if (done.sends > kMaxRepeat / done.count ||
                       blocks.back().sends + done.sends * done.count > kMaxRepeat) {
                return bad(open.back(),
                           trArgs(SL_TR("socklab", "repeat: more than %1 sends in a row without "
                                                   "a wait or expect (nested repeats multiply); "
                                                   "put a wait inside the repeat"),
                                  kMaxRepeat));
            } else {
                blocks.back().sends += done.sends * done.count;
            }
            open.pop_back();
            break;
        }
        }
    }
    if (!open.empty()) {
        return bad(open.back(), SL_TR("socklab", "repeat without an end"));
    }
    return {};
}

Result<Sequence> parseSequenceText(std::string_view text, std::string name) {
    Sequence seq;
    seq.name = std::move(name);
    std::size_t lineNo = 0;
    const auto bad = [&](std::string what) -> Result<Sequence> {
        return fail(inputError(SL_TR("socklab", "parse sequence"),
                               codec_detail::quotedInput(seq.name),
                               trArgs(SL_TR("socklab", "line %1: %2"), lineNo, what)));
    };
    while (!text.empty()) {
        ++lineNo;
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        // Only leading blanks are insignificant: a send's trailing spaces are its bytes.
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
            line.remove_prefix(1);
        }
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty() || line.front() == '#') {
            continue;
        }
        const std::size_t space = line.find(' ');
        const std::string_view word = line.substr(0, space);
        const std::string_view rest =
            space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
        SequenceStep step;
        if (word == "send" || word == "sendhex") {
            step.kind = SequenceStep::Kind::Send;
            step.syntax = word == "send" ? TemplateSyntax::Text : TemplateSyntax::Hex;
            step.text = std::string(rest);
        } else if (word == "wait") {
            step.kind = SequenceStep::Kind::Wait;
            const auto ms = number(trim(rest));
            if (!ms) {
                return bad(SL_TR("socklab", "wait takes milliseconds: \"wait 100\""));
            }
            step.ms = *ms;
        } else if (word == "repeat") {
            step.kind = SequenceStep::Kind::Repeat;
            const auto n = number(trim(rest));
            if (!n) {
                return bad(SL_TR("socklab", "repeat takes a count: \"repeat 10\""));
            }
            step.count = *n;
        } else if (word == "end") {
            step.kind = SequenceStep::Kind::End;
            if (!trim(rest).empty()) {
                return bad(SL_TR("socklab", "end takes nothing after it"));
            }
        } else if (word == "expect" || word.starts_with("expect:")) {
            step.kind = SequenceStep::Kind::Expect;
            if (word.size() > 6) {
                const std::string_view kind = word.substr(7);
                const auto it = std::find_if(kKinds.begin(), kKinds.end(),
                                             [&](const KindWord& k) { return k.word == kind; });
                if (it == kKinds.end()) {
                    return bad(trArgs(SL_TR("socklab", "unknown match \"%1\" (expected "
                                                       "contains, start, re, hex or any)"),
                                      kind));
                }
                step.match = it->kind;
            }
            const std::size_t within = rest.rfind(" within ");
            const std::string_view tail =
                within == std::string_view::npos ? rest : rest.substr(within + 1);
            if (!tail.starts_with("within ")) {
                return bad(SL_TR("socklab",
                                 "expect needs a timeout at the end: \"expect PONG within 1000\""));
            }
            const auto ms = number(trim(tail.substr(7)));
            if (!ms) {
                return bad(SL_TR("socklab",
                                 "the timeout after \"within\" is milliseconds: \"within 1000\""));
            }
            step.ms = *ms;
            step.text = within == std::string_view::npos ? std::string()
                                                         : std::string(rest.substr(0, within));
            if (step.match == MatchKind::Any && !step.text.empty()) {
                // It would match nothing more than "any" and be lost when the step is written.
                return bad(
                    SL_TR("socklab", "expect:any takes no pattern: \"expect:any within 1000\""));
            }
        } else {
            return bad(trArgs(SL_TR("socklab", "unknown step \"%1\" (expected send, sendhex, "
                                               "wait, expect, repeat or end)"),
                              word));
        }
        seq.steps.push_back(std::move(step));
    }
    if (auto ok = validateSequence(seq); !ok) {
        return fail(ok.error());
    }
    return seq;
}

std::string formatSequenceText(const Sequence& sequence) {
    std::string out;
    int depth = 0;
    for (const SequenceStep& s : sequence.steps) {
        if (s.kind == SequenceStep::Kind::End) {
            depth = std::max(0, depth - 1);
        }
        out.append(static_cast<std::size_t>(depth) * 2, ' ');
        switch (s.kind) {
        case SequenceStep::Kind::Send:
            out += (s.syntax == TemplateSyntax::Hex ? "sendhex " : "send ") + s.text;
            // The parser takes one '\r' before the line break for a CRLF line end: a text
            // that ends in '\r' keeps it only with one more.
            if (s.text.ends_with('\r')) {
                out += '\r';
            }
            break;
        case SequenceStep::Kind::Wait:
            out += "wait " + std::to_string(s.ms);
            break;
        case SequenceStep::Kind::Expect: {
            out += "expect";
            if (s.match != MatchKind::Contains) {
                const auto it = std::find_if(kKinds.begin(), kKinds.end(),
                                             [&](const KindWord& k) { return k.kind == s.match; });
                out += ":" + std::string(it->word);
            }
            if (s.match != MatchKind::Any) {
                out += " " + s.text;
            }
            out += " within " + std::to_string(s.ms);
            break;
        }
        case SequenceStep::Kind::Repeat:
            out += "repeat " + std::to_string(s.count);
            ++depth;
            break;
        case SequenceStep::Kind::End:
            out += "end";
            break;
        }
        out += '\n';
    }
    return out;
}

SequenceRunner::SequenceRunner(Sequence sequence) : m_sequence(std::move(sequence)) {
    const std::size_t n = m_sequence.steps.size();
    m_templates.resize(n);
    m_rules.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const SequenceStep& s = m_sequence.steps[i];
        if (s.kind == SequenceStep::Kind::Send) {
            if (auto t = ReplyTemplate::parse(s.text, s.syntax)) {
                m_templates[i] = std::move(*t);
            }
        } else if (s.kind == SequenceStep::Kind::Expect) {
            if (auto r = CompiledRule::compile(expectRule(s))) {
                m_rules[i] = std::move(*r);
            }
        }
    }
}

SequenceRunner::Actions SequenceRunner::start(std::int64_t nowNs, std::int64_t unixNs,
                                              std::int32_t utcOffsetSeconds) {
    m_pc = 0;
    m_loops.clear();
    m_running = true;
    m_waiting = false;
    m_paused = false;
    m_sends = m_expectsMet = m_stepsRun = 0;
    m_captures.clear();
    return advance(nowNs, unixNs, utcOffsetSeconds);
}

SequenceRunner::Actions SequenceRunner::advance(std::int64_t nowNs, std::int64_t unixNs,
                                                std::int32_t utcOffsetSeconds) {
    Actions actions;
    while (m_running && m_pc < m_sequence.steps.size()) {
        const SequenceStep& s = m_sequence.steps[m_pc];
        ++m_stepsRun;
        switch (s.kind) {
        case SequenceStep::Kind::Send: {
            TemplateContext context;
            for (const ByteVector& c : m_captures) {
                context.captures.emplace_back(c);
            }
            context.seq = ++m_sends;
            context.unixTimeNs = unixNs;
            context.utcOffsetSeconds = utcOffsetSeconds;
            actions.sends.push_back(m_templates[m_pc].render(context));
            ++m_pc;
            break;
        }
        case SequenceStep::Kind::Wait:
        case SequenceStep::Kind::Expect:
            m_waiting = true;
            m_deadlineNs = nowNs + std::int64_t{s.ms} * 1'000'000;
            actions.timerAtNs = m_deadlineNs;
            return actions;
        case SequenceStep::Kind::Repeat:
            m_loops.push_back({m_pc + 1, s.count});
            ++m_pc;
            break;
        case SequenceStep::Kind::End:
            if (!m_loops.empty() && --m_loops.back().left > 0) {
                m_pc = m_loops.back().begin;
            } else {
                if (!m_loops.empty()) {
                    m_loops.pop_back();
                }
                ++m_pc;
            }
            break;
        }
    }
    Actions done =
        finish(true, trArgs(SL_TR("socklab", "finished: %1 sent, %2 expected replies met"), m_sends,
                            m_expectsMet));
    done.sends = std::move(actions.sends);
    return done;
}

SequenceRunner::Actions SequenceRunner::onMessage(ByteView message, std::int64_t nowNs,
                                                  std::int64_t unixNs,
                                                  std::int32_t utcOffsetSeconds) {
    if (!m_running || m_paused || !m_waiting ||
        m_sequence.steps[m_pc].kind != SequenceStep::Kind::Expect) {
        return {};
    }
    auto match = m_rules[m_pc] ? m_rules[m_pc]->match(message) : std::nullopt;
    if (!match) {
        return {};
    }
    m_captures.clear();
    for (ByteView c : match->captures) {
        m_captures.emplace_back(c.begin(), c.end());
    }
    ++m_expectsMet;
    m_waiting = false;
    ++m_pc;
    return advance(nowNs, unixNs, utcOffsetSeconds);
}

SequenceRunner::Actions SequenceRunner::onTimer(std::int64_t nowNs, std::int64_t unixNs,
                                                std::int32_t utcOffsetSeconds) {
    if (!m_running || m_paused || !m_waiting) {
        return {};
    }
    if (nowNs < m_deadlineNs) {
        Actions again;
        again.timerAtNs = m_deadlineNs;
        return again;
    }
    const SequenceStep& s = m_sequence.steps[m_pc];
    m_waiting = false;
    if (s.kind == SequenceStep::Kind::Expect) {
        return finish(
            false,
            s.match == MatchKind::Any
                ? trArgs(SL_TR("socklab", "step %1: expected any message within %2 ms, none came"),
                         m_pc + 1, s.ms)
                : trArgs(SL_TR("socklab", "step %1: expected %2 \"%3\" within %4 ms, none came"),
                         m_pc + 1, translate("socklab", matchKindName(s.match)), s.text, s.ms));
    }
    ++m_pc;
    return advance(nowNs, unixNs, utcOffsetSeconds);
}

void SequenceRunner::pause(std::int64_t nowNs) {
    if (m_running && !m_paused) {
        m_paused = true;
        m_pausedAtNs = nowNs;
    }
}

SequenceRunner::Actions SequenceRunner::resume(std::int64_t nowNs) {
    Actions a;
    if (!m_paused) {
        return a;
    }
    m_paused = false;
    if (m_waiting) {
        m_deadlineNs += std::max<std::int64_t>(0, nowNs - m_pausedAtNs);
        a.timerAtNs = m_deadlineNs;
    }
    return a;
}

SequenceOutcome SequenceRunner::stop() {
    if (!m_running) {
        return {false, 0, SL_TR("socklab", "not running")};
    }
    const std::size_t step = m_pc + 1;
    m_running = false;
    m_waiting = false;
    m_paused = false;
    return {false, step, trArgs(SL_TR("socklab", "stopped at step %1"), step)};
}

SequenceRunner::Actions SequenceRunner::finish(bool ok, std::string text) {
    Actions a;
    SequenceOutcome outcome;
    outcome.ok = ok;
    outcome.step = ok ? 0 : m_pc + 1;
    outcome.text = std::move(text);
    a.finished = std::move(outcome);
    m_running = false;
    m_waiting = false;
    return a;
}

} // namespace socklab
