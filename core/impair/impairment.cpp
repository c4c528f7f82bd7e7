#include "core/impair/impairment.h"

#include "core/base/translate.h"
#include "core/impair/text_util.h"

namespace socklab {

bool Impairment::isIdentity() const {
    // reorderDepth, reorderTimeout_ms, queueLimit and the burst's other figures only shape an
    // impairment that is on; they do nothing by themselves.
    return delay_ms == 0 && jitter_ms == 0 && rateBytesPerSec == 0 && !(lossPercent > 0) &&
           !(burst.pGoodToBad > 0) && !(duplicatePercent > 0) && !(reorderPercent > 0) &&
           !(corruptPercent > 0) && truncateBytes == 0 && segmentMax == 0 && coalesce_ms == 0 &&
           !stall && resetAfterBytes == 0 && slowClose_ms == 0;
}

std::string noteText(const ImpairmentNote& note, bool datagram) {
    using K = ImpairmentNote::Kind;
    // Appended rather than "#" + to_string(): GCC 12 warns falsely (-Wrestrict) on the latter.
    std::string n = "#";
    n += std::to_string(note.index);
    const std::string v = std::to_string(note.value);
    // n: "#17" (the datagram's or chunk's number in its direction).
    switch (note.kind) {
    case K::Dropped:
        if (note.value == 1) {
            return trArgs(datagram ? SL_TR("socklab", "dropped datagram %1 by burst loss")
                                   : SL_TR("socklab", "dropped chunk %1 by burst loss"),
                          n);
        }
        return trArgs(datagram ? SL_TR("socklab", "dropped datagram %1")
                               : SL_TR("socklab", "dropped chunk %1"),
                      n);
    case K::QueueFull:
        return trArgs(datagram ? SL_TR("socklab", "dropped datagram %1: queue full")
                               : SL_TR("socklab", "dropped chunk %1: queue full"),
                      n);
    case K::Duplicated:
        return trArgs(SL_TR("socklab", "duplicated %1"), n);
    case K::Reordered:
        return trArgs(SL_TR("socklab", "reordered %1"), n);
    case K::Delayed:
        return trArgs(SL_TR("socklab", "delayed %1 by %2 ms"), n,
                      impair_detail::decimalText(static_cast<double>(note.value) / 1e6, 3));
    case K::Corrupted:
        return trArgs(SL_TR("socklab", "corrupted %1: bit %2 flipped"), n, v);
    case K::Truncated:
        return trArgs(note.value == 1 ? SL_TR("socklab", "truncated %1 to %2 byte")
                                      : SL_TR("socklab", "truncated %1 to %2 bytes"),
                      n, v);
    case K::Resegmented:
        return trArgs(SL_TR("socklab", "resegmented %1 into %2 writes"), n, v);
    case K::Coalesced:
        return trArgs(SL_TR("socklab", "coalesced %1 chunks from %2 into one write"), v, n);
    case K::Reset:
        return trArgs(datagram ? SL_TR("socklab", "reset after %1 bytes, in datagram %2")
                               : SL_TR("socklab", "reset after %1 bytes, in chunk %2"),
                      v, n);
    }
    return trArgs(SL_TR("socklab", "impairment %1"), n);
}

} // namespace socklab
