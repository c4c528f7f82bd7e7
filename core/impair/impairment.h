#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace socklab {

/// Gilbert-Elliott bursty loss: a two-state Markov chain (Good, Bad) advanced once per datagram.
/// Percentages are 0..100. Off when pGoodToBad is 0.
struct BurstLoss {
    double pGoodToBad = 0;  ///< % chance per datagram of entering the Bad state
    double pBadToGood = 25; ///< % chance per datagram of leaving the Bad state
    double lossGood = 0;    ///< % loss while Good
    double lossBad = 100;   ///< % loss while Bad
    friend bool operator==(const BurstLoss&, const BurstLoss&) = default;
};

/// What one direction of a relay (or the lab wire) does to what passes through it. One struct
/// for both socket kinds; a stream relay ignores the datagram-only fields and vice versa.
/// All zero = forward untouched. Percentages are 0..100.
struct Impairment {
    // ---- both kinds ----
    int delay_ms = 0;                  ///< added to every datagram / every chunk received
    int jitter_ms = 0;                 ///< delay varies uniformly in [delay-jitter, delay+jitter]
    std::uint64_t rateBytesPerSec = 0; ///< 0 = unlimited; serialisation like a link of this rate

    // ---- datagrams ----
    double lossPercent = 0;      ///< independent random loss
    BurstLoss burst;             ///< bursty loss (applied after random loss)
    double duplicatePercent = 0; ///< a second copy follows the datagram
    double reorderPercent = 0;   ///< held back until reorderDepth later datagrams have passed
    int reorderDepth = 3;        ///< 1.. ; a held datagram also leaves after reorderTimeout_ms
    int reorderTimeout_ms = 200;
    double corruptPercent = 0;     ///< one random bit flipped in the datagram
    std::size_t truncateBytes = 0; ///< 0 = off; longer datagrams are cut to this length
    std::size_t queueLimit = 1000; ///< datagrams waiting (delay/rate); beyond: dropped, counted

    // ---- streams ----
    std::size_t segmentMin = 0; ///< re-segment: write in pieces of segmentMin..segmentMax bytes
    std::size_t segmentMax = 0; ///< (0 = off)
    int coalesce_ms = 0;        ///< gather received chunks for this long, write them as one
    bool stall = false;         ///< deliver nothing (bytes wait, backpressure applies)
    std::uint64_t resetAfterBytes = 0; ///< 0 = off; after this many bytes delivered: RST both legs
    int slowClose_ms = 0;              ///< hold the FIN this long after the last byte

    [[nodiscard]] bool isIdentity() const;
    friend bool operator==(const Impairment&, const Impairment&) = default;
};

/// What a pipeline did to one datagram or chunk; the relay records each as a capture event.
struct ImpairmentNote {
    enum class Kind : std::uint8_t {
        Dropped = 1, ///< random or burst loss ("dropped datagram #17")
        QueueFull,   ///< dropped because queueLimit datagrams were waiting
        Duplicated,  ///< "duplicated #23"
        Reordered,   ///< held back, delivered after later ones
        Delayed,     ///< delayed by valueNs
        Corrupted,   ///< bit value flipped
        Truncated,   ///< cut from wire length to value bytes
        Resegmented, ///< a chunk written in value pieces
        Coalesced,   ///< value chunks written as one
        Reset,       ///< resetAfterBytes reached
    };
    Kind kind = Kind::Dropped;
    std::uint64_t index = 0; ///< 1-based number of the datagram / chunk in this direction
    std::int64_t value = 0;  ///< delay ns, bit number, truncated length, piece count...
};

/// One-line text of a note, in the user's language (core/base/translate.h): "dropped datagram
/// #17", "delayed #3 by 48 ms".
[[nodiscard]] std::string noteText(const ImpairmentNote& note, bool datagram);

/// Exact per-direction counters. For datagrams:
/// delivered + waiting == received - dropped + duplicated at every moment.
struct ImpairmentCounters {
    std::uint64_t received = 0; ///< datagrams / chunks that entered
    std::uint64_t receivedBytes = 0;
    std::uint64_t dropped = 0; ///< loss + burst loss + queue full
    std::uint64_t duplicated = 0;
    std::uint64_t reordered = 0;
    std::uint64_t delayed = 0; ///< entries given a non-zero delay
    std::uint64_t corrupted = 0;
    std::uint64_t truncated = 0;
    std::uint64_t delivered = 0; ///< datagrams / writes that left
    std::uint64_t deliveredBytes = 0;
    std::uint64_t waiting = 0; ///< datagrams (or bytes for streams) inside the pipeline now
    friend bool operator==(const ImpairmentCounters&, const ImpairmentCounters&) = default;
};

} // namespace socklab
