#pragma once

#include "core/base/result.h"
#include "core/codec/bytes.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace socklab {

/// How a byte stream is cut into messages (for responder rules and message views).
enum class FramingMode : std::uint8_t {
    Raw = 1,        ///< each read (each datagram) is one message, as received
    Delimiter,      ///< a message ends with the delimiter bytes (kept at its end)
    FixedLength,    ///< every message is exactly `length` bytes
    LengthPrefixed, ///< a 1-, 2- or 4-byte length header, then that many bytes
    IdleGap,        ///< a message ends when no byte arrived for `idleMs`
};

/// A framing mode and its parameters (only those of `mode` matter).
struct FramingSpec {
    FramingMode mode = FramingMode::Raw;
    ByteVector delimiter;            ///< Delimiter: one or more bytes, e.g. "\r\n"
    std::size_t length = 0;          ///< FixedLength: bytes per message, > 0
    std::uint8_t prefixBytes = 2;    ///< LengthPrefixed: 1, 2 or 4
    bool prefixBigEndian = true;     ///< LengthPrefixed: byte order of the header
    bool prefixCountsHeader = false; ///< LengthPrefixed: the value includes the header bytes
    std::uint32_t idleMs = 50;       ///< IdleGap: silence that ends a message, > 0
    /// Any mode but Raw: a message longer than this is delivered in pieces of this size, so one
    /// endless message cannot take all memory. > 0. Every piece but the last is marked
    /// FrameNote::Cut; the last (shorter or equal) carries the message's own note. Cuts never
    /// move where messages end: a delimiter is matched across a cut (its bytes may then be split
    /// between a Cut piece and the last piece), a declared length counts every piece.
    std::size_t maxMessageBytes = std::size_t{1} << 20;
    friend bool operator==(const FramingSpec&, const FramingSpec&) = default;
};

/// The spec's parameters are usable (op "check framing", object the quoted formatFraming text,
/// the field and the rule in detail: "delimiter: must not be empty", "length prefix: 1, 2 or 4
/// bytes"). Only the fields of spec.mode are checked, and maxMessageBytes.
[[nodiscard]] Result<void> validateFraming(const FramingSpec& spec);

/// Parses the short form used by the CLI and saved settings:
/// "raw", "lf" (\n), "crlf" (\r\n), "cr", "nul" (\0), "delim:TEXT" (TEXT with C escapes,
/// "delim:\x03"), "delimhex:0d0a", "fixed:N", "len:1", "len:2be", "len:2le", "len:4be+hdr"
/// (+hdr: the value counts the header), "idle:50ms" (or "idle:50"); an optional ",max:N" ends any
/// of them. Names are case-insensitive ("CRLF", "len:2LE"); no blanks. A ",max:" inside
/// delim TEXT must be written with an escape ("\x2cmax:"). Errors: op "parse framing", object
/// the quoted text, detail says what is expected.
[[nodiscard]] Result<FramingSpec> parseFraming(std::string_view text);

/// The short form of spec that parseFraming reads back to the same spec ("crlf", "len:2be"),
/// as far as the fields of spec.mode go (a 1-byte prefix has no byte order). Delimiters are
/// written as lf, crlf, cr or nul when they are one of those, else as delimhex:HEX; ",max:N"
/// only when maxMessageBytes is not the default.
[[nodiscard]] std::string formatFraming(const FramingSpec& spec);

/// Why a message ended other than by its framing.
enum class FrameNote : std::uint8_t {
    None = 1,   ///< a whole message by the framing's rule
    Cut,        ///< maxMessageBytes reached: a piece of a longer message, whose next piece follows
    Unfinished, ///< the stream (or datagram) ended before the message did: what there was
    BadLength,  ///< LengthPrefixed with prefixCountsHeader and a value smaller than the header:
                ///< the header alone is delivered and framing goes on after it
};

/// One message found by a Framer.
struct FramedMessage {
    /// Stream offset of its first byte (bytes fed before it). Messages and pieces tile the
    /// stream: each begins where the previous one ended.
    std::uint64_t begin = 0;
    ByteView bytes; ///< its bytes; valid only during the callback
    FrameNote note = FrameNote::None;
};

/// Cuts a byte stream into messages incrementally: bytes arrive in reads of any size, split and
/// merged arbitrarily; messages come out in order, each exactly once, with the same boundaries
/// whatever the read sizes (IdleGap aside, which depends on the arrival times by definition).
/// A message that lies whole within one read is delivered as a view into that read (no copy);
/// only a message spread over reads is gathered in the pending buffer. A spec that fails
/// validateFraming frames as Raw (it never loops nor cuts into empty pieces). A sink must not
/// call back into its framer nor destroy it (the framer's state is used after the sink returns).
class Framer {
public:
    using Sink = std::function<void(const FramedMessage&)>;

    explicit Framer(FramingSpec spec);

    /// Bytes that arrived at nowNs (a monotonic time); calls sink for each message they end.
    /// Raw: non-empty bytes are one message. In IdleGap mode, pending bytes older than the gap
    /// are delivered first (as poll would); empty bytes do not count as an arrival.
    void feed(ByteView bytes, std::int64_t nowNs, const Sink& sink);
    /// IdleGap: when the pending bytes become a message if nothing more arrives; nullopt when
    /// nothing is pending or in other modes.
    [[nodiscard]] std::optional<std::int64_t> idleDeadlineNs() const;
    /// IdleGap: delivers the pending bytes if nowNs reached idleDeadlineNs().
    void poll(std::int64_t nowNs, const Sink& sink);
    /// The stream ended: pending bytes become one message (FrameNote::Unfinished; IdleGap: None)
    /// and the framer starts afresh at the current offset (for datagrams: one stream each).
    /// Raw never has pending bytes. A message whose pieces were all Cut has pending bytes left:
    /// a piece is only cut when more bytes of the message have arrived.
    void finish(const Sink& sink);

    [[nodiscard]] const FramingSpec& spec() const { return m_spec; }
    [[nodiscard]] std::size_t pendingBytes() const { return m_pending.size(); }
    /// Total bytes fed.
    [[nodiscard]] std::uint64_t offset() const { return m_offset; }

private:
    FramingSpec m_spec;
    ByteVector m_pending;          ///< bytes of the message under way
    std::uint64_t m_offset = 0;    ///< bytes fed so far
    std::int64_t m_lastFeedNs = 0; ///< IdleGap: arrival time of the newest pending byte

    FramingMode m_mode;                 ///< spec.mode, or Raw when the spec is not valid
    std::uint64_t m_pendingBegin = 0;   ///< stream offset of m_pending's first byte
    std::uint64_t m_messageTaken = 0;   ///< bytes of the message under way delivered or pending
    std::vector<std::size_t> m_failure; ///< Delimiter: KMP failure function of the delimiter
    std::size_t m_matched = 0;          ///< Delimiter: delimiter bytes matched at the end so far
    std::uint8_t m_header[4] = {};      ///< LengthPrefixed: the header bytes seen so far
    std::size_t m_headerHave = 0;       ///< LengthPrefixed: how many of them
    std::uint64_t m_messageLength = 0;  ///< FixedLength, LengthPrefixed: the message's bytes
    FrameNote m_messageNote = FrameNote::None; ///< LengthPrefixed: None or BadLength

    void take(ByteView bytes, std::uint64_t begin, bool ends, FrameNote note, const Sink& sink);
    void flush(FrameNote note, const Sink& sink);
    void endMessage();
    void feedDelimiter(ByteView bytes, std::uint64_t begin, const Sink& sink);
    void feedCounted(ByteView bytes, std::uint64_t begin, const Sink& sink);
};

} // namespace socklab
