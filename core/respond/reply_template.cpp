#include "core/respond/reply_template.h"

#include "core/base/translate.h"
#include "core/codec/codec_util.h"
#include "core/codec/escapes.h"
#include "core/codec/hex.h"
#include "core/respond/text_problem.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <string>
#include <utility>

namespace socklab {

namespace {

using Part = ReplyTemplate::Part;

// A parse error: where it is in the whole template and what it is.
using Problem = respond_detail::TextProblem;

using Parsed = std::expected<std::vector<Part>, Problem>;

std::unexpected<Problem> problem(std::size_t position, std::string what) {
    return std::unexpected(Problem{position, std::move(what)});
}

// A field as typed, for error details: as it is when short and printable, else quoted and cut.
std::string shownField(std::string_view field) {
    const bool plain = field.size() <= 40 && std::ranges::all_of(field, [](char c) {
                           return codec_detail::isPrintableAscii(static_cast<std::uint8_t>(c));
                       });
    return plain ? std::string(field) : codec_detail::quotedInput(field);
}

// --- Literal parts ---------------------------------------------------------------------------

// The bytes of a literal run of the template, which starts at offset in the whole text. The
// codecs' errors name positions in the run; they are moved to the whole text.
std::expected<ByteVector, Problem> decodeLiteral(std::string_view run, std::size_t offset,
                                                 TemplateSyntax syntax) {
    const bool hex = syntax == TemplateSyntax::Hex;
    Result<ByteVector> bytes = hex ? parseHex(run) : unescape(run);
    if (bytes) {
        return std::move(*bytes);
    }
    const std::size_t local = (hex ? firstHexError(run) : firstEscapeError(run)).value_or(0);
    return problem(offset + local,
                   respond_detail::withoutPosition(std::move(bytes.error().detail), local));
}

// Appends literal bytes to the last part when it is a literal, else as a new part.
void appendLiteral(std::vector<Part>& parts, ByteView bytes, std::size_t position) {
    if (bytes.empty()) {
        return;
    }
    if (parts.empty() || parts.back().kind != Part::Kind::Literal) {
        Part part;
        part.position = position;
        parts.push_back(std::move(part));
    }
    parts.back().literal.insert(parts.back().literal.end(), bytes.begin(), bytes.end());
}

// --- Fields --------------------------------------------------------------------------------

// One ':'-separated piece of a field and where it starts in the whole text.
struct Token {
    std::string_view text;
    std::size_t position = 0;
};

// An error in a field's name: text is a translated template, %1 the field ("unknown field %1").
std::unexpected<Problem> fieldProblem(std::size_t position, std::string_view text,
                                      std::string_view field) {
    return problem(position, trArgs(text, shownField(field)));
}

// An error in an option: text is a translated template, %1 the option and %2 the field
// ("unknown option '%1' in %2").
std::unexpected<Problem> optionProblem(const Token& option, std::string_view text,
                                       std::string_view field) {
    return problem(option.position, trArgs(text, shownField(option.text), shownField(field)));
}

// The name and options of a field's content (between the braces), which starts at position.
std::vector<Token> splitField(std::string_view content, std::size_t position) {
    std::vector<Token> tokens;
    std::size_t start = 0;
    while (true) {
        const std::size_t colon = content.find(':', start);
        const std::size_t end = colon == std::string_view::npos ? content.size() : colon;
        tokens.push_back({content.substr(start, end - start), position + start});
        if (colon == std::string_view::npos) {
            return tokens;
        }
        start = colon + 1;
    }
}

// A decimal number of digits only (no sign, no spaces); nullopt when not one or too large.
std::optional<std::size_t> parseNumber(std::string_view text) {
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<Part::Format> formatByName(std::string_view name) {
    using F = Part::Format;
    constexpr std::pair<std::string_view, F> kFormats[] = {
        {"u8", F::U8},       {"u16be", F::U16Be}, {"u16le", F::U16Le},
        {"u32be", F::U32Be}, {"u32le", F::U32Le},
    };
    for (const auto& [text, format] : kFormats) {
        if (text == name) {
            return format;
        }
    }
    return std::nullopt;
}

std::optional<Part::TimeStyle> timeStyleByName(std::string_view name) {
    using S = Part::TimeStyle;
    if (name == "iso") {
        return S::Iso;
    }
    if (name == "unix") {
        return S::Unix;
    }
    if (name == "unix_ms") {
        return S::UnixMs;
    }
    return std::nullopt;
}

// The option of {len}, {seq} or {time}: none or one (nullopt), more is an error.
std::expected<std::optional<Token>, Problem> singleOption(const std::vector<Token>& tokens,
                                                          std::string_view field) {
    if (tokens.size() > 2) {
        return optionProblem(tokens[2], SL_TR("socklab", "unknown option '%1' in %2"), field);
    }
    return tokens.size() == 2 ? std::optional(tokens[1]) : std::nullopt;
}

// "N.." or "N..M" (M >= N) into part.from and part.to.
bool parseRange(std::string_view text, Part& part) {
    const std::size_t dots = text.find("..");
    const auto from = parseNumber(text.substr(0, dots));
    if (dots == std::string_view::npos || !from) {
        return false;
    }
    part.from = *from;
    const std::string_view rest = text.substr(dots + 2);
    if (rest.empty()) {
        return true;
    }
    part.to = parseNumber(rest);
    return part.to && *part.to >= part.from;
}

using Filled = std::expected<void, Problem>;

// {0}..{99}: no options.
Filled fillCapture(Part& part, const std::vector<Token>& tokens, std::string_view field) {
    const auto index = parseNumber(tokens[0].text);
    if (!index || *index > 99) {
        return fieldProblem(part.position, SL_TR("socklab", "capture index above 99 in %1"), field);
    }
    if (tokens.size() > 1) {
        return optionProblem(tokens[1], SL_TR("socklab", "unknown option '%1' in %2"), field);
    }
    part.kind = Part::Kind::Capture;
    part.capture = static_cast<int>(*index);
    return {};
}

// {len} and {seq}, with an optional binary format.
Filled fillNumber(Part& part, const std::vector<Token>& tokens, std::string_view field) {
    const auto option = singleOption(tokens, field);
    if (!option) {
        return std::unexpected(option.error());
    }
    part.kind = tokens[0].text == "len" ? Part::Kind::Length : Part::Kind::Seq;
    if (*option) {
        const auto format = formatByName((*option)->text);
        if (!format) {
            return optionProblem(
                **option,
                SL_TR("socklab", "bad format '%1' in %2 (u8, u16be, u16le, u32be or u32le)"),
                field);
        }
        part.format = *format;
    }
    return {};
}

// {time}, with an optional style.
Filled fillTime(Part& part, const std::vector<Token>& tokens, std::string_view field) {
    const auto option = singleOption(tokens, field);
    if (!option) {
        return std::unexpected(option.error());
    }
    part.kind = Part::Kind::Time;
    if (*option) {
        const auto style = timeStyleByName((*option)->text);
        if (!style) {
            return optionProblem(
                **option, SL_TR("socklab", "bad format '%1' in %2 (iso, unix or unix_ms)"), field);
        }
        part.time = *style;
    }
    return {};
}

// A checksum's options: a range and a byte order, each at most once, in any order.
Filled fillChecksum(Part& part, ChecksumKind kind, const std::vector<Token>& tokens,
                    std::string_view field) {
    part.kind = Part::Kind::Checksum;
    part.checksum = kind;
    bool haveRange = false;
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        if (token.text.find("..") != std::string_view::npos) {
            if (haveRange) {
                return optionProblem(token, SL_TR("socklab", "second range '%1' in %2"), field);
            }
            if (!parseRange(token.text, part)) {
                return optionProblem(token,
                                     SL_TR("socklab", "bad checksum range '%1' in %2 (from.. or "
                                                      "from..to, from <= to)"),
                                     field);
            }
            haveRange = true;
        } else if (token.text == "be" || token.text == "le") {
            if (part.order) {
                return optionProblem(token, SL_TR("socklab", "second byte order '%1' in %2"),
                                     field);
            }
            part.order = token.text == "be" ? ByteOrder::Big : ByteOrder::Little;
        } else {
            return optionProblem(token, SL_TR("socklab", "unknown option '%1' in %2"), field);
        }
    }
    return {};
}

bool isDigits(std::string_view text) {
    return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

// The field text[open..close] (the braces included). Errors in the name point at the '{',
// errors in an option at the option.
std::expected<Part, Problem> parseField(std::string_view text, std::size_t open,
                                        std::size_t close) {
    const std::string_view field = text.substr(open, close - open + 1);
    const std::vector<Token> tokens = splitField(field.substr(1, field.size() - 2), open + 1);
    const std::string_view name = tokens[0].text;
    Part part;
    part.position = open;
    Filled filled;
    if (isDigits(name)) {
        filled = fillCapture(part, tokens, field);
    } else if (name == "len" || name == "seq") {
        filled = fillNumber(part, tokens, field);
    } else if (name == "time") {
        filled = fillTime(part, tokens, field);
    } else if (const auto kind = checksumByName(name)) {
        filled = fillChecksum(part, *kind, tokens, field);
    } else {
        return fieldProblem(open, SL_TR("socklab", "unknown field %1"), field);
    }
    if (!filled) {
        return std::unexpected(std::move(filled.error()));
    }
    return part;
}

// The whole template: literal runs (cut at fields and at "{{" / "}}") and fields.
Parsed parseParts(std::string_view text, TemplateSyntax syntax) {
    std::vector<Part> parts;
    std::size_t runStart = 0;
    auto flushRun = [&](std::size_t end) -> std::expected<void, Problem> {
        auto bytes = decodeLiteral(text.substr(runStart, end - runStart), runStart, syntax);
        if (!bytes) {
            return std::unexpected(std::move(bytes.error()));
        }
        appendLiteral(parts, *bytes, runStart);
        return {};
    };
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c != '{' && c != '}') {
            ++i;
            continue;
        }
        if (auto flushed = flushRun(i); !flushed) {
            return std::unexpected(std::move(flushed.error()));
        }
        const bool doubled = i + 1 < text.size() && text[i + 1] == c;
        if (doubled) {
            appendLiteral(parts, asBytes(text.substr(i, 1)), i);
            i += 2;
        } else if (c == '}') {
            return problem(i, SL_TR("socklab", "stray '}' (write }} for a brace)"));
        } else {
            const std::size_t close = text.find('}', i);
            if (close == std::string_view::npos) {
                return problem(i, SL_TR("socklab", "unclosed '{'"));
            }
            auto part = parseField(text, i, close);
            if (!part) {
                return std::unexpected(std::move(part.error()));
            }
            parts.push_back(std::move(*part));
            i = close + 1;
        }
        runStart = i;
    }
    if (auto flushed = flushRun(text.size()); !flushed) {
        return std::unexpected(std::move(flushed.error()));
    }
    return parts;
}

// --- Rendering -----------------------------------------------------------------------------

void appendText(ByteVector& out, std::string_view text) {
    const ByteView bytes = asBytes(text);
    out.insert(out.end(), bytes.begin(), bytes.end());
}

// value in width bytes, modulo 2^(8 * width).
void appendBinary(ByteVector& out, std::uint64_t value, std::size_t width, bool bigEndian) {
    for (std::size_t i = 0; i < width; ++i) {
        const std::size_t shift = 8 * (bigEndian ? width - 1 - i : i);
        out.push_back(static_cast<std::byte>((value >> shift) & 0xffu));
    }
}

void appendNumber(ByteVector& out, std::uint64_t value, Part::Format format) {
    switch (format) {
    case Part::Format::Decimal:
        appendText(out, std::to_string(value));
        return;
    case Part::Format::U8:
        appendBinary(out, value, 1, true);
        return;
    case Part::Format::U16Be:
    case Part::Format::U16Le:
        appendBinary(out, value, 2, format == Part::Format::U16Be);
        return;
    case Part::Format::U32Be:
    case Part::Format::U32Le:
        appendBinary(out, value, 4, format == Part::Format::U32Be);
        return;
    }
}

// Whole seconds and milliseconds since the epoch (both floored: -1 ns is 1969, .999).
struct Instant {
    std::int64_t seconds = 0;
    int millis = 0;
};

Instant instantOf(std::int64_t unixTimeNs) {
    constexpr std::int64_t kNsPerSecond = 1'000'000'000;
    std::int64_t seconds = unixTimeNs / kNsPerSecond;
    std::int64_t ns = unixTimeNs % kNsPerSecond;
    if (ns < 0) {
        ns += kNsPerSecond;
        --seconds;
    }
    return {seconds, static_cast<int>(ns / 1'000'000)};
}

// "HH:MM:SS.mmm" of the day of at, or "YYYY-MM-DDTHH:MM:SS.mmmZ" with the date.
// std::chrono's calendar is pure arithmetic: no time zone database, no global state.
std::string formatTime(Instant at, bool withDate) {
    using namespace std::chrono;
    const sys_seconds time{seconds(at.seconds)};
    const sys_days day = floor<days>(time);
    const hh_mm_ss clock{time - day};
    const auto h = static_cast<int>(clock.hours().count());
    const auto m = static_cast<int>(clock.minutes().count());
    const auto s = static_cast<int>(clock.seconds().count());
    char text[40];
    if (withDate) {
        const year_month_day date{day};
        std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                      static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                      static_cast<unsigned>(date.day()), h, m, s, at.millis);
    } else {
        std::snprintf(text, sizeof text, "%02d:%02d:%02d.%03d", h, m, s, at.millis);
    }
    return text;
}

void appendTime(ByteVector& out, const TemplateContext& context, Part::TimeStyle style) {
    const Instant utc = instantOf(context.unixTimeNs);
    switch (style) {
    case Part::TimeStyle::Local:
        appendText(out, formatTime({utc.seconds + context.utcOffsetSeconds, utc.millis}, false));
        return;
    case Part::TimeStyle::Iso:
        appendText(out, formatTime(utc, true));
        return;
    case Part::TimeStyle::Unix:
        appendText(out, std::to_string(utc.seconds));
        return;
    case Part::TimeStyle::UnixMs:
        appendText(out, std::to_string(utc.seconds * 1000 + utc.millis));
        return;
    }
}

// The checksum of the part's range of out, cut to the bytes written so far.
void appendChecksum(ByteVector& out, const Part& part) {
    const std::size_t end = std::min(part.to.value_or(out.size()), out.size());
    const std::size_t begin = std::min(part.from, end);
    const std::uint32_t value =
        computeChecksum(part.checksum, ByteView(out).subspan(begin, end - begin));
    const ByteOrder order = part.order.value_or(checksumInfo(part.checksum).order);
    const ByteVector field = checksumField(part.checksum, value, order);
    out.insert(out.end(), field.begin(), field.end());
}

ByteView captureOf(const TemplateContext& context, int index) {
    if (index == 0) {
        return context.message;
    }
    const auto i = static_cast<std::size_t>(index - 1);
    return i < context.captures.size() ? context.captures[i] : ByteView{};
}

} // namespace

Result<ReplyTemplate> ReplyTemplate::parse(std::string_view text, TemplateSyntax syntax) {
    Parsed parts = parseParts(text, syntax);
    if (!parts) {
        return fail(
            inputError(SL_TR("socklab", "parse template"), codec_detail::quotedInput(text),
                       respond_detail::positionText(parts.error().position, parts.error().detail)));
    }
    ReplyTemplate result;
    result.m_parts = std::move(*parts);
    return result;
}

ByteVector ReplyTemplate::render(const TemplateContext& context) const {
    ByteVector out;
    for (const Part& part : m_parts) {
        switch (part.kind) {
        case Part::Kind::Literal:
            out.insert(out.end(), part.literal.begin(), part.literal.end());
            break;
        case Part::Kind::Capture: {
            const ByteView bytes = captureOf(context, part.capture);
            out.insert(out.end(), bytes.begin(), bytes.end());
            break;
        }
        case Part::Kind::Length:
            appendNumber(out, context.message.size(), part.format);
            break;
        case Part::Kind::Seq:
            appendNumber(out, context.seq, part.format);
            break;
        case Part::Kind::Time:
            appendTime(out, context, part.time);
            break;
        case Part::Kind::Checksum:
            appendChecksum(out, part);
            break;
        }
    }
    return out;
}

int ReplyTemplate::highestCapture() const {
    int highest = -1;
    for (const Part& part : m_parts) {
        if (part.kind == Part::Kind::Capture) {
            highest = std::max(highest, part.capture);
        }
    }
    return highest;
}

bool ReplyTemplate::isLiteral() const {
    return std::ranges::all_of(m_parts,
                               [](const Part& part) { return part.kind == Part::Kind::Literal; });
}

std::optional<std::size_t> firstTemplateError(std::string_view text, TemplateSyntax syntax) {
    Parsed parts = parseParts(text, syntax);
    if (!parts) {
        return parts.error().position;
    }
    return std::nullopt;
}

} // namespace socklab
