#include "core/respond/message_fields.h"

#include "core/base/translate.h"
#include "core/codec/codec_util.h"
#include "core/codec/escapes.h"
#include "core/codec/line_ending.h"
#include "core/codec/text_encode.h"
#include "core/respond/text_problem.h"

#include <chrono>
#include <ctime>
#include <expected>
#include <string>
#include <utility>

namespace socklab {

namespace {

using Part = ReplyTemplate::Part;

using Problem = respond_detail::TextProblem;
using respond_detail::withoutPosition;

void appendBytes(ByteVector& out, ByteView bytes) {
    out.insert(out.end(), bytes.begin(), bytes.end());
}

// Bytes as Text-syntax template text: every byte as \xNN, so nothing in them can be read as a
// field, a brace or the start of a longer escape, whatever follows.
void appendAsEscapes(std::string& out, ByteView bytes) {
    for (const std::byte b : bytes) {
        out += "\\x";
        codec_detail::appendHexByte(out, static_cast<std::uint8_t>(b));
    }
}

// The bytes of one literal run of a Text or Escapes message (typed at `offset` in the content),
// by encodeMessage's rules without the final ending.
std::expected<ByteVector, Problem> literalBytes(MessageMode mode, std::string_view run,
                                                std::size_t offset, LineEnding ending,
                                                TextEncoding encoding) {
    if (mode == MessageMode::Text) {
        const std::string text = applyLineEnding(run, ending, false);
        if (encoding == TextEncoding::Utf8) {
            const ByteView b = asBytes(text);
            return ByteVector(b.begin(), b.end());
        }
        if (auto bytes = encodeText(text, encoding)) {
            return std::move(*bytes);
        }
        // As typed, so the position is in what the user typed (line breaks always encode).
        const std::size_t local = firstMessageError(mode, run, encoding).value_or(0);
        auto typed = encodeText(run, encoding);
        std::string detail = typed ? SL_TR("socklab", "cannot encode") : typed.error().detail;
        return std::unexpected(Problem{offset + local, withoutPosition(std::move(detail), local)});
    }
    // Escapes: each typed line unescaped on its own (as encodeMessage does), breaks become the
    // ending. An escape never spans a typed break, so the first error is unescape(run)'s.
    auto whole = unescape(run);
    if (!whole) {
        const std::size_t local = firstEscapeError(run).value_or(0);
        return std::unexpected(
            Problem{offset + local, withoutPosition(std::move(whole.error().detail), local)});
    }
    if (ending == LineEnding::None) {
        return std::move(*whole);
    }
    const ByteView eol = asBytes(lineEndingChars(ending));
    ByteVector out;
    std::size_t start = 0;
    while (true) {
        const std::size_t brk = run.find_first_of("\r\n", start);
        const std::size_t end = brk == std::string_view::npos ? run.size() : brk;
        auto line = unescape(run.substr(start, end - start));
        if (line) {
            appendBytes(out, *line);
        }
        if (brk == std::string_view::npos) {
            break;
        }
        appendBytes(out, eol);
        start = brk + 1;
        if (run[brk] == '\r' && start < run.size() && run[start] == '\n') {
            ++start;
        }
    }
    return out;
}

// A field that only a reply has (a capture or {len}): an error in a message sent from here.
std::optional<Problem> needsReceivedMessage(const ReplyTemplate& parsed, std::size_t offset,
                                            std::string_view content) {
    for (const Part& part : parsed.parts()) {
        if (part.kind == Part::Kind::Capture || part.kind == Part::Kind::Length) {
            const std::size_t at = offset + part.position;
            const std::size_t close = content.find('}', at);
            const std::string_view field = content.substr(
                at, close == std::string_view::npos ? std::string_view::npos : close - at + 1);
            return Problem{at, trArgs(SL_TR("socklab", "%1 needs a received message (only replies "
                                                       "have one)"),
                                      field)};
        }
    }
    return std::nullopt;
}

// One field typed at content[open..close], checked on its own (a field's meaning does not
// depend on what is around it).
std::optional<Problem> checkField(std::string_view content, std::size_t open, std::size_t close) {
    const std::string_view field = content.substr(open, close - open + 1);
    auto parsed = ReplyTemplate::parse(field, TemplateSyntax::Text);
    if (!parsed) {
        const std::size_t local = firstTemplateError(field, TemplateSyntax::Text).value_or(0);
        return Problem{open + local, withoutPosition(std::move(parsed.error().detail), local)};
    }
    return needsReceivedMessage(*parsed, open, content);
}

// A Text or Escapes message as a Text-syntax template: literal runs as the bytes they stand for
// (written as \xNN), fields as typed.
std::expected<std::string, Problem> textTemplate(MessageMode mode, std::string_view content,
                                                 LineEnding ending, TextEncoding encoding) {
    std::string out;
    std::size_t runStart = 0;
    auto flush = [&](std::size_t end, std::string_view run) -> std::optional<Problem> {
        auto bytes = literalBytes(mode, run, end - run.size(), ending, encoding);
        if (!bytes) {
            return std::move(bytes.error());
        }
        appendAsEscapes(out, *bytes);
        return std::nullopt;
    };
    std::size_t i = 0;
    while (i < content.size()) {
        const char c = content[i];
        if (c != '{' && c != '}') {
            ++i;
            continue;
        }
        if (auto problem = flush(i, content.substr(runStart, i - runStart))) {
            return std::unexpected(std::move(*problem));
        }
        if (i + 1 < content.size() && content[i + 1] == c) {
            // A literal brace: a character of the text like any other (encoded in Text mode).
            if (auto problem = flush(i + 1, content.substr(i, 1))) {
                return std::unexpected(std::move(*problem));
            }
            i += 2;
        } else if (c == '}') {
            return std::unexpected(
                Problem{i, SL_TR("socklab", "stray '}' (write }} for a brace)")});
        } else {
            const std::size_t close = content.find('}', i);
            if (close == std::string_view::npos) {
                return std::unexpected(Problem{i, SL_TR("socklab", "unclosed '{'")});
            }
            if (auto problem = checkField(content, i, close)) {
                return std::unexpected(std::move(*problem));
            }
            out += content.substr(i, close - i + 1);
            i = close + 1;
        }
        runStart = i;
    }
    if (auto problem = flush(content.size(), content.substr(runStart))) {
        return std::unexpected(std::move(*problem));
    }
    return out;
}

// The message as a parsed template, or the first problem in the content.
std::expected<ReplyTemplate, Problem> messageTemplate(MessageMode mode, std::string_view content,
                                                      LineEnding ending, TextEncoding encoding) {
    if (mode == MessageMode::Hex) {
        auto parsed = ReplyTemplate::parse(content, TemplateSyntax::Hex);
        if (!parsed) {
            const std::size_t at = firstTemplateError(content, TemplateSyntax::Hex).value_or(0);
            return std::unexpected(
                Problem{at, withoutPosition(std::move(parsed.error().detail), at)});
        }
        if (auto problem = needsReceivedMessage(*parsed, 0, content)) {
            return std::unexpected(std::move(*problem));
        }
        return std::move(*parsed);
    }
    auto text = textTemplate(mode, content, ending, encoding);
    if (!text) {
        return std::unexpected(std::move(text.error()));
    }
    auto parsed = ReplyTemplate::parse(*text, TemplateSyntax::Text);
    if (!parsed) {
        // Not expected: every field was checked and literals are plain \xNN escapes.
        return std::unexpected(Problem{0, std::move(parsed.error().detail)});
    }
    return std::move(*parsed);
}

// The final line ending's bytes (in Text mode, in the encoding, as encodeMessage sends it).
ByteVector finalEnding(MessageMode mode, LineEnding ending, TextEncoding encoding) {
    const std::string_view eol = lineEndingChars(ending);
    if (mode == MessageMode::Text && encoding != TextEncoding::Utf8 && !eol.empty()) {
        if (auto bytes = encodeText(eol, encoding)) {
            return std::move(*bytes);
        }
    }
    const ByteView b = asBytes(eol);
    return ByteVector(b.begin(), b.end());
}

} // namespace

Result<ByteVector> renderMessage(MessageMode mode, std::string_view content, LineEnding ending,
                                 TextEncoding encoding, bool fields,
                                 const TemplateContext& context) {
    if (!fields) {
        return encodeMessage(mode, content, ending, encoding);
    }
    auto parsed = messageTemplate(mode, content, ending, encoding);
    if (!parsed) {
        return fail(inputError(
            SL_TR("socklab", "parse template"), codec_detail::quotedInput(content),
            respond_detail::positionText(parsed.error().position, parsed.error().detail)));
    }
    ByteVector out = parsed->render(context);
    appendBytes(out, finalEnding(mode, ending, encoding));
    return out;
}

std::optional<std::size_t> firstMessageFieldError(MessageMode mode, std::string_view content,
                                                  TextEncoding encoding) {
    auto parsed = messageTemplate(mode, content, LineEnding::None, encoding);
    if (!parsed) {
        return parsed.error().position;
    }
    return std::nullopt;
}

TemplateContext messageContextNow(std::uint64_t seq) {
    TemplateContext context;
    context.seq = seq;
    context.unixTimeNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
    const auto seconds = static_cast<std::time_t>(context.unixTimeNs / 1'000'000'000);
    std::tm local{};
    if (localtime_r(&seconds, &local) != nullptr) {
        context.utcOffsetSeconds = static_cast<std::int32_t>(local.tm_gmtoff);
    }
    return context;
}

} // namespace socklab
