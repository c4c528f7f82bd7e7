#include "core/respond/framing.h"

#include "core/base/translate.h"
#include "core/codec/codec_util.h"
#include "core/codec/escapes.h"
#include "core/codec/hex.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <limits>

namespace socklab {

namespace {

constexpr std::size_t kDefaultMaxMessageBytes = FramingSpec{}.maxMessageBytes;
constexpr std::int64_t kNsPerMs = 1'000'000;
constexpr std::size_t kKeptPendingCapacity = 64 * 1024;

struct NamedDelimiter {
    std::string_view name;
    std::string_view bytes;
};

constexpr NamedDelimiter kNamedDelimiters[] = {
    {"lf", "\n"},
    {"crlf", "\r\n"},
    {"cr", "\r"},
    {"nul", std::string_view("\0", 1)},
};

std::string lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// A decimal number made of digits only (no sign, no blanks), or nullopt (also on overflow).
std::optional<std::uint64_t> decimal(std::string_view text) {
    if (text.empty() || !std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

Error parseError(std::string_view text, std::string detail) {
    return inputError(SL_TR("socklab", "parse framing"), codec_detail::quotedInput(text),
                      std::move(detail));
}

// The mode part of the short form (everything before ",max:"), into spec.
std::optional<std::string> parseMode(std::string_view mode, FramingSpec& spec) {
    const std::size_t colon = mode.find(':');
    const std::string name = lowered(mode.substr(0, colon));
    const bool hasValue = colon != std::string_view::npos;
    const std::string_view value = hasValue ? mode.substr(colon + 1) : std::string_view();

    if (name == "raw" && !hasValue) {
        spec.mode = FramingMode::Raw;
        return std::nullopt;
    }
    for (const NamedDelimiter& d : kNamedDelimiters) {
        if (name == d.name && !hasValue) {
            spec.mode = FramingMode::Delimiter;
            const ByteView bytes = asBytes(d.bytes);
            spec.delimiter.assign(bytes.begin(), bytes.end());
            return std::nullopt;
        }
    }
    if (name == "delim" || name == "delimhex") {
        if (!hasValue) {
            return name == "delim"
                       ? SL_TR("socklab", "delim: expected delim:TEXT, such as delim:\\x03")
                       : SL_TR("socklab", "delimhex: expected delimhex:HEX, such as delimhex:0d0a");
        }
        auto bytes = name == "delim" ? unescape(value) : parseHex(value);
        if (!bytes) {
            return trArgs(name == "delim" ? SL_TR("socklab", "delimiter text: %1")
                                          : SL_TR("socklab", "delimiter hex: %1"),
                          bytes.error().detail);
        }
        if (bytes->empty()) {
            return SL_TR("socklab", "delimiter: must not be empty");
        }
        spec.mode = FramingMode::Delimiter;
        spec.delimiter = std::move(*bytes);
        return std::nullopt;
    }
    if (name == "fixed") {
        const auto n = decimal(value);
        if (!n || *n == 0 || *n > std::numeric_limits<std::size_t>::max()) {
            return SL_TR("socklab",
                         "fixed: expected a length of at least 1 byte, such as fixed:16");
        }
        spec.mode = FramingMode::FixedLength;
        spec.length = static_cast<std::size_t>(*n);
        return std::nullopt;
    }
    if (name == "len") {
        std::string v = lowered(value);
        bool countsHeader = false;
        if (v.ends_with("+hdr")) {
            countsHeader = true;
            v.resize(v.size() - 4);
        }
        struct Prefix {
            std::string_view text;
            std::uint8_t bytes;
            bool bigEndian;
        };
        constexpr Prefix kPrefixes[] = {
            {"1", 1, true},   {"2be", 2, true},  {"2le", 2, false},
            {"4be", 4, true}, {"4le", 4, false},
        };
        for (const Prefix& p : kPrefixes) {
            if (hasValue && v == p.text) {
                spec.mode = FramingMode::LengthPrefixed;
                spec.prefixBytes = p.bytes;
                spec.prefixBigEndian = p.bigEndian;
                spec.prefixCountsHeader = countsHeader;
                return std::nullopt;
            }
        }
        return SL_TR("socklab", "len: expected len:1, len:2be, len:2le, len:4be or len:4le, "
                                "optionally followed by +hdr (the value counts the header)");
    }
    if (name == "idle") {
        std::string v = lowered(value);
        if (v.ends_with("ms")) {
            v.resize(v.size() - 2);
        }
        const auto n = decimal(v);
        if (!n || *n == 0 || *n > std::numeric_limits<std::uint32_t>::max()) {
            return SL_TR("socklab",
                         "idle: expected a gap of 1 to 4294967295 ms, such as idle:50ms");
        }
        spec.mode = FramingMode::IdleGap;
        spec.idleMs = static_cast<std::uint32_t>(*n);
        return std::nullopt;
    }
    return SL_TR("socklab", "expected raw, lf, crlf, cr, nul, delim:TEXT, delimhex:HEX, fixed:N, "
                            "len:1|2be|2le|4be|4le[+hdr], idle:MS, optionally followed by ,max:N");
}

// The value of a length header (1, 2 or 4 bytes).
std::uint64_t headerValue(const std::uint8_t* header, std::size_t size, bool bigEndian) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < size; ++i) {
        const std::uint8_t b = header[bigEndian ? i : size - 1 - i];
        value = (value << 8) | b;
    }
    return value;
}

} // namespace

Result<void> validateFraming(const FramingSpec& spec) {
    const auto problem = [&](std::string detail) {
        return fail(inputError(SL_TR("socklab", "check framing"),
                               codec_detail::quotedInput(formatFraming(spec)), std::move(detail)));
    };
    switch (spec.mode) {
    case FramingMode::Raw:
        break;
    case FramingMode::Delimiter:
        if (spec.delimiter.empty()) {
            return problem(SL_TR("socklab", "delimiter: must not be empty"));
        }
        break;
    case FramingMode::FixedLength:
        if (spec.length == 0) {
            return problem(SL_TR("socklab", "length: must be at least 1 byte"));
        }
        break;
    case FramingMode::LengthPrefixed:
        if (spec.prefixBytes != 1 && spec.prefixBytes != 2 && spec.prefixBytes != 4) {
            return problem(SL_TR("socklab", "length prefix: 1, 2 or 4 bytes"));
        }
        break;
    case FramingMode::IdleGap:
        if (spec.idleMs == 0) {
            return problem(SL_TR("socklab", "idle gap: must be at least 1 ms"));
        }
        break;
    default:
        return problem(
            trArgs(SL_TR("socklab", "mode: unknown framing mode %1"), static_cast<int>(spec.mode)));
    }
    if (spec.maxMessageBytes == 0) {
        return problem(SL_TR("socklab", "max message bytes: must be at least 1"));
    }
    return {};
}

Result<FramingSpec> parseFraming(std::string_view text) {
    FramingSpec spec;
    std::string_view mode = text;
    // The last ",max:" ends the text; one inside delim TEXT must be escaped (\x2c).
    const std::size_t maxAt = lowered(text).rfind(",max:");
    if (maxAt != std::string::npos) {
        const auto n = decimal(text.substr(maxAt + 5));
        if (!n || *n == 0 || *n > std::numeric_limits<std::size_t>::max()) {
            return fail(parseError(
                text, SL_TR("socklab",
                            "max: expected a message size of at least 1 byte, such as max:65536")));
        }
        spec.maxMessageBytes = static_cast<std::size_t>(*n);
        mode = text.substr(0, maxAt);
    }
    if (auto problem = parseMode(mode, spec)) {
        return fail(parseError(text, std::move(*problem)));
    }
    return spec;
}

std::string formatFraming(const FramingSpec& spec) {
    std::string out;
    switch (spec.mode) {
    case FramingMode::Raw:
        out = "raw";
        break;
    case FramingMode::Delimiter: {
        const std::string_view chars = asChars(spec.delimiter);
        const auto named = std::ranges::find(kNamedDelimiters, chars, &NamedDelimiter::bytes);
        out = named != std::end(kNamedDelimiters) ? std::string(named->name)
                                                  : "delimhex:" + formatHex(spec.delimiter, "");
        break;
    }
    case FramingMode::FixedLength:
        out = "fixed:" + std::to_string(spec.length);
        break;
    case FramingMode::LengthPrefixed:
        out = "len:" + std::to_string(spec.prefixBytes);
        if (spec.prefixBytes != 1) {
            out += spec.prefixBigEndian ? "be" : "le";
        }
        if (spec.prefixCountsHeader) {
            out += "+hdr";
        }
        break;
    case FramingMode::IdleGap:
        out = "idle:" + std::to_string(spec.idleMs) + "ms";
        break;
    default:
        out = "mode " + std::to_string(static_cast<int>(spec.mode));
        break;
    }
    if (spec.maxMessageBytes != kDefaultMaxMessageBytes) {
        out += ",max:" + std::to_string(spec.maxMessageBytes);
    }
    return out;
}

Framer::Framer(FramingSpec spec)
    : m_spec(std::move(spec)), m_mode(validateFraming(m_spec) ? m_spec.mode : FramingMode::Raw) {
    if (m_mode == FramingMode::Delimiter) {
        // m_failure[i]: length of the longest proper prefix of delimiter[0..i] that is also
        // its suffix (Knuth-Morris-Pratt), so a partial match is never rescanned.
        const ByteVector& d = m_spec.delimiter;
        m_failure.assign(d.size(), 0);
        std::size_t k = 0;
        for (std::size_t i = 1; i < d.size(); ++i) {
            while (k > 0 && d[i] != d[k]) {
                k = m_failure[k - 1];
            }
            if (d[i] == d[k]) {
                ++k;
            }
            m_failure[i] = k;
        }
    }
}

void Framer::feed(ByteView bytes, std::int64_t nowNs, const Sink& sink) {
    const std::uint64_t begin = m_offset;
    m_offset += bytes.size();
    switch (m_mode) {
    case FramingMode::Raw:
        if (!bytes.empty()) {
            sink(FramedMessage{begin, bytes, FrameNote::None});
        }
        break;
    case FramingMode::Delimiter:
        feedDelimiter(bytes, begin, sink);
        break;
    case FramingMode::FixedLength:
    case FramingMode::LengthPrefixed:
        feedCounted(bytes, begin, sink);
        break;
    case FramingMode::IdleGap:
        poll(nowNs, sink);
        if (!bytes.empty()) {
            take(bytes, begin, false, FrameNote::None, sink);
            m_lastFeedNs = nowNs;
        }
        break;
    }
}

std::optional<std::int64_t> Framer::idleDeadlineNs() const {
    if (m_mode != FramingMode::IdleGap || m_pending.empty()) {
        return std::nullopt;
    }
    return m_lastFeedNs + static_cast<std::int64_t>(m_spec.idleMs) * kNsPerMs;
}

void Framer::poll(std::int64_t nowNs, const Sink& sink) {
    const auto deadline = idleDeadlineNs();
    if (deadline && nowNs >= *deadline) {
        flush(FrameNote::None, sink);
    }
}

void Framer::finish(const Sink& sink) {
    flush(m_mode == FramingMode::IdleGap ? FrameNote::None : FrameNote::Unfinished, sink);
}

// bytes (the next bytes of the message under way, starting at stream offset begin) join the
// message; ends says the message ends with them. Pieces of maxMessageBytes are cut only once a
// byte beyond them is known to belong to the message, so the last piece (note) is never empty
// and a message of exactly maxMessageBytes is not cut. Whatever lies whole in bytes is delivered
// as a view of bytes; m_pending only keeps what must wait for the next read.
void Framer::take(ByteView bytes, std::uint64_t begin, bool ends, FrameNote note,
                  const Sink& sink) {
    const std::size_t max = m_spec.maxMessageBytes;
    m_messageTaken += bytes.size();
    std::size_t i = 0;
    if (!m_pending.empty()) {
        const std::size_t room = max - m_pending.size();
        const std::size_t n = std::min(room, bytes.size());
        m_pending.insert(m_pending.end(), bytes.begin(), bytes.begin() + n);
        i = n;
        if (bytes.size() > room) {
            sink(FramedMessage{m_pendingBegin, m_pending, FrameNote::Cut});
            m_pending.clear();
        } else {
            if (ends) {
                flush(note, sink);
            }
            return;
        }
    }
    while (bytes.size() - i > max) {
        sink(FramedMessage{begin + i, bytes.subspan(i, max), FrameNote::Cut});
        i += max;
    }
    const ByteView rest = bytes.subspan(i);
    if (ends) {
        if (!rest.empty()) {
            sink(FramedMessage{begin + i, rest, note});
        }
        endMessage();
    } else if (!rest.empty()) {
        m_pendingBegin = begin + i;
        m_pending.assign(rest.begin(), rest.end());
    }
}

// Delivers the pending bytes as the end of the message under way (nothing when none).
void Framer::flush(FrameNote note, const Sink& sink) {
    if (!m_pending.empty()) {
        sink(FramedMessage{m_pendingBegin, m_pending, note});
        m_pending.clear();
    }
    endMessage();
}

void Framer::endMessage() {
    // One long message spread over reads should not pin up to maxMessageBytes per connection.
    if (m_pending.capacity() > kKeptPendingCapacity) {
        ByteVector().swap(m_pending);
    }
    m_pending.clear();
    m_messageTaken = 0;
    m_matched = 0;
    m_headerHave = 0;
    m_messageLength = 0;
    m_messageNote = FrameNote::None;
}

// Knuth-Morris-Pratt over the stream: m_matched carries a partial delimiter over reads and over
// cuts, so each byte is looked at once (a megabyte arriving byte by byte stays linear) and no
// bytes are copied to search them. Between partial matches memchr skips to the delimiter's first
// byte. The search starts afresh after each delimiter (messages do not share delimiter bytes).
void Framer::feedDelimiter(ByteView bytes, std::uint64_t begin, const Sink& sink) {
    const ByteVector& d = m_spec.delimiter;
    const auto first = static_cast<unsigned char>(d[0]);
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t pos = 0; // first byte of the message under way not yet taken
    std::size_t j = 0;   // next byte to look at
    std::size_t state = m_matched;
    while (j < bytes.size()) {
        if (state == 0) {
            const void* hit = std::memchr(data + j, first, bytes.size() - j);
            if (hit == nullptr) {
                j = bytes.size();
                break;
            }
            j = static_cast<std::size_t>(static_cast<const unsigned char*>(hit) - data) + 1;
            state = 1;
        } else {
            const std::byte b = bytes[j++];
            while (state > 0 && d[state] != b) {
                state = m_failure[state - 1];
            }
            if (d[state] == b) {
                ++state;
            }
        }
        if (state == d.size()) {
            take(bytes.subspan(pos, j - pos), begin + pos, true, FrameNote::None, sink);
            pos = j;
            state = 0;
        }
    }
    if (pos < bytes.size()) {
        take(bytes.subspan(pos), begin + pos, false, FrameNote::None, sink);
    }
    m_matched = state;
}

// FixedLength and LengthPrefixed: the message's length is known (once its header is complete)
// and the bytes up to it are taken at once.
void Framer::feedCounted(ByteView bytes, std::uint64_t begin, const Sink& sink) {
    const bool prefixed = m_mode == FramingMode::LengthPrefixed;
    const std::size_t headerSize = m_spec.prefixBytes;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        if (!prefixed) {
            m_messageLength = m_spec.length;
        } else if (m_headerHave < headerSize) {
            // Peek at the header bytes: they are taken below with the rest of the message, so a
            // message whole in this read is still one view. (Header bytes of earlier reads were
            // taken already: the header is the first bytes of the message.)
            const std::size_t n = std::min(headerSize - m_headerHave, bytes.size() - pos);
            std::memcpy(m_header + m_headerHave, bytes.data() + pos, n);
            m_headerHave += n;
            if (m_headerHave < headerSize) {
                take(bytes.subspan(pos), begin + pos, false, FrameNote::None, sink);
                return;
            }
            const std::uint64_t value = headerValue(m_header, headerSize, m_spec.prefixBigEndian);
            m_messageNote = FrameNote::None;
            if (!m_spec.prefixCountsHeader) {
                m_messageLength = headerSize + value;
            } else if (value >= headerSize) {
                m_messageLength = value;
            } else {
                m_messageLength = headerSize;
                m_messageNote = FrameNote::BadLength;
            }
        }
        const std::uint64_t remaining = m_messageLength - m_messageTaken;
        const std::size_t n =
            static_cast<std::size_t>(std::min<std::uint64_t>(remaining, bytes.size() - pos));
        const bool ends = n == remaining;
        take(bytes.subspan(pos, n), begin + pos, ends, m_messageNote, sink);
        pos += n;
    }
}

} // namespace socklab
