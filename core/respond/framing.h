#pragma once

#include "core/base/result.h"
#include "core/codec/bytes.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

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
    ByteVector delimiter;              ///< Delimiter: one or more bytes, e.g. "\r\n"
    std::size_t length = 0;            ///< FixedLength: bytes per message, > 0
    std::uint8_t prefixBytes = 2;      ///< LengthPrefixed: 1, 2 or 4
    bool prefixBigEndian = true;       ///< LengthPrefixed: byte order of the header
    bool prefixCountsHeader = false;   ///< LengthPrefixed: the value includes the header bytes
    std::uint32_t idleMs = 50;         ///< IdleGap: silence that ends a message, > 0
    /// Any mode but Raw: a message longer than this is delivered in pieces of this size, each
    /// marked FrameNote::Cut, so one endless message cannot take all memory. > 0.
    std::size_t maxMessageBytes = std::size_t{1} << 20;
    friend bool operator==(const FramingSpec&, const FramingSpec&) = default;
};

/// The spec's parameters are usable (op "check framing", the field and the rule in detail:
/// "delimiter: must not be empty", "length prefix: 1, 2 or 4 bytes").
[[nodiscard]] Result<void> validateFraming(const FramingSpec& spec);

/// Parses the short form used by the CLI and saved settings:
/// "raw", "lf" (\n), "crlf" (\r\n), "cr", "nul" (\0), "delim:TEXT" (TEXT with C escapes,
/// "delim:\x03"), "delimhex:0d0a", "fixed:N", "len:1", "len:2be", "len:2le", "len:4be+hdr"
/// (+hdr: the value counts the header), "idle:50ms" (or "idle:50"); an optional ",max:N" ends any
/// of them. Errors: op "parse framing", object the quoted text, detail says what is expected.
[[nodiscard]] Result<FramingSpec> parseFraming(std::string_view text);

/// The short form of spec that parseFraming reads back to the same spec ("crlf", "len:2be").
[[nodiscard]] std::string formatFraming(const FramingSpec& spec);

/// Why a message ended other than by its framing.
enum class FrameNote : std::uint8_t {
    None = 1,   ///< a whole message by the framing's rule
    Cut,        ///< maxMessageBytes reached: a piece of a longer message
    Unfinished, ///< the stream (or datagram) ended before the message did: what there was
    BadLength,  ///< LengthPrefixed with prefixCountsHeader and a value smaller than the header:
                ///< the header alone is delivered and framing goes on after it
};

/// One message found by a Framer.
struct FramedMessage {
    std::uint64_t begin = 0; ///< stream offset of its first byte (bytes fed before it)
    ByteView bytes;          ///< its bytes; valid only during the callback
    FrameNote note = FrameNote::None;
};

/// Cuts a byte stream into messages incrementally: bytes arrive in reads of any size, split and
/// merged arbitrarily; messages come out in order, each exactly once, with the same boundaries
/// whatever the read sizes (IdleGap aside, which depends on the arrival times by definition).
class Framer {
public:
    using Sink = std::function<void(const FramedMessage&)>;

    explicit Framer(FramingSpec spec);

    /// Bytes that arrived at nowNs (a monotonic time); calls sink for each message they end.
    /// In IdleGap mode, pending bytes older than the gap are delivered first (as poll would).
    void feed(ByteView bytes, std::int64_t nowNs, const Sink& sink);
    /// IdleGap: when the pending bytes become a message if nothing more arrives; nullopt when
    /// nothing is pending or in other modes.
    [[nodiscard]] std::optional<std::int64_t> idleDeadlineNs() const;
    /// IdleGap: delivers the pending bytes if nowNs reached idleDeadlineNs().
    void poll(std::int64_t nowNs, const Sink& sink);
    /// The stream ended: pending bytes become one message (FrameNote::Unfinished; IdleGap: None)
    /// and the framer starts afresh at the current offset (for datagrams: one stream each).
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
    // Implementation state (search position, declared length...) may be added here.
};

} // namespace socklab
