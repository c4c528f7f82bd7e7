#pragma once

// One direction of a captured TCP connection put back into a byte stream, by sequence number
// (32-bit wraparound arithmetic). Nothing is invented: bytes the capture does not hold come out
// as gaps, bytes seen twice as retransmissions.
//
//   ReassemblyBudget budget{64u << 20};
//   TcpReassembler r(budget, 1u << 20);            // compare retransmissions over the last MiB
//   r.syn(isn);                                     // optional: without it the first segment
//   r.segment(seq, bytes, claimedLength, fin, sink); //   seen starts the stream
//   r.peerAcked(ack);                               // the other side's ACK: holes below it were
//   r.finish(sink);                                 //   received but not captured
//
// The sink sees, in stream order: Data (bytes delivered in order), Gap (bytes missing),
// Retransmission (bytes already delivered, seen again), OutOfOrder (a segment held until the
// hole before it fills or is declared a gap), BufferLimit (the shared out-of-order budget ran out:
// held bytes were delivered with the hole marked as a gap) and Fin (the stream ends here).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <vector>

namespace socklab {

/// Bytes held for out-of-order segments, shared by every stream of one import.
struct ReassemblyBudget {
    std::size_t limitBytes = 64u << 20;
    std::size_t usedBytes = 0;
};

/// Why bytes of a stream are missing.
enum class GapCause : std::uint8_t {
    NotCaptured = 1, ///< the peer acknowledged them, or the capture ended, without them
    Snaplen,         ///< the packet was cut by the capture's snapshot length
    BufferLimit,     ///< the out-of-order budget ran out before the hole filled
};

/// How a retransmission compares with the bytes first delivered.
enum class Resent : std::uint8_t {
    NotCompared = 1, ///< the first copy is no longer held (or the retransmission was cut)
    Same,
    Differs, ///< the first copy was kept in the stream
};

/// One thing a stream reports.
struct StreamEvent {
    enum class Kind : std::uint8_t { Data = 1, Gap, Retransmission, OutOfOrder, BufferLimit, Fin };
    Kind kind = Kind::Data;
    std::uint64_t offset = 0;         ///< stream offset (0 = the first data byte)
    std::uint64_t length = 0;         ///< bytes concerned
    std::span<const std::byte> bytes; ///< Data: the bytes
    GapCause gapCause = GapCause::NotCaptured;
    Resent resent = Resent::NotCompared;
    std::uint64_t waitingFor = 0; ///< OutOfOrder: the offset the stream waits for
    bool firstForHole = false;    ///< OutOfOrder: the first segment held for this hole
    std::int64_t timeNs = 0;      ///< capture time of the packet that caused the event
};

/// Relative sequence number of a stream offset, as Wireshark shows it (first data byte = 1).
[[nodiscard]] inline std::uint64_t relativeSeq(std::uint64_t offset) {
    return offset + 1;
}

/// One direction of a TCP connection.
class TcpReassembler {
public:
    using Sink = std::function<void(const StreamEvent&)>;

    /// historyBytes: delivered bytes kept to compare retransmissions with (0 = never compare).
    TcpReassembler(ReassemblyBudget& budget, std::size_t historyBytes);
    ~TcpReassembler();
    TcpReassembler(const TcpReassembler&) = delete;
    TcpReassembler& operator=(const TcpReassembler&) = delete;

    /// The sender's SYN: the stream starts at isn + 1. Ignored once the stream has started.
    void syn(std::uint32_t isn);
    /// A segment: seq, the bytes captured, the payload length the IP header claims (>= bytes:
    /// the rest was cut by the snapshot length) and its FIN flag.
    void segment(std::uint32_t seq, std::span<const std::byte> bytes, std::size_t claimedLength,
                 bool fin, std::int64_t timeNs, const Sink& sink);
    /// The other side acknowledged up to ack: what is missing below it was sent but not
    /// captured; reported as a gap when the next segment of this direction (or finish) comes.
    void peerAcked(std::uint32_t ack);
    /// Deliver everything held, holes as gaps (end of capture, reset).
    void finish(std::int64_t timeNs, const Sink& sink);

    [[nodiscard]] bool started() const { return m_started; }
    [[nodiscard]] std::uint64_t deliveredBytes() const { return m_delivered; }
    [[nodiscard]] std::uint64_t nextOffset() const { return m_next; }
    [[nodiscard]] bool finSeen() const { return m_finOffset.has_value(); }
    [[nodiscard]] bool finDelivered() const { return m_finDelivered; }
    [[nodiscard]] std::size_t heldBytes() const { return m_heldBytes; }

private:
    struct Held {
        std::vector<std::byte> bytes;
        std::uint64_t claimed = 0;
    };

    /// Stream offset of seq (negative: before the first byte this import saw).
    [[nodiscard]] std::int64_t offsetOf(std::uint32_t seq) const;
    void hold(std::uint64_t offset, std::span<const std::byte> bytes, std::uint64_t claimed,
              std::int64_t timeNs, const Sink& sink);
    void deliver(std::uint64_t offset, std::span<const std::byte> bytes, std::uint64_t claimed,
                 std::int64_t timeNs, const Sink& sink);
    void drain(std::int64_t timeNs, const Sink& sink);
    void gapTo(std::uint64_t end, GapCause cause, std::int64_t timeNs, const Sink& sink);
    void flushHeld(std::uint64_t upTo, GapCause cause, std::int64_t timeNs, const Sink& sink);
    void maybeFin(std::int64_t timeNs, const Sink& sink);
    void remember(std::span<const std::byte> bytes);
    [[nodiscard]] Resent compare(std::uint64_t offset, std::span<const std::byte> bytes,
                                 std::uint64_t claimed) const;
    void release(std::size_t bytes);

    ReassemblyBudget& m_budget;
    bool m_started = false;
    std::uint32_t m_nextSeq = 0; ///< sequence number of stream offset m_next
    std::uint64_t m_next = 0;    ///< next stream offset expected
    std::uint64_t m_delivered = 0;
    std::optional<std::uint64_t> m_finOffset;
    bool m_finDelivered = false;
    std::uint64_t m_ackedTo = 0; ///< the peer acknowledged up to here
    std::map<std::uint64_t, Held> m_held;
    std::size_t m_heldBytes = 0;
    bool m_limitReported = false;
    // Ring of the last delivered bytes: byte at offset o is m_history[o % size], valid for
    // offsets in [m_historyBegin, m_next) within the ring's size.
    std::vector<std::byte> m_history; ///< allocated on the first delivery
    std::size_t m_historyCapacity = 0;
    std::uint64_t m_historyBegin = 0;
};

} // namespace socklab
