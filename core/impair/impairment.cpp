#include "core/impair/impairment.h"

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
    const char* noun = datagram ? "datagram " : "chunk ";
    switch (note.kind) {
    case K::Dropped:
        return std::string("dropped ") + noun + n + (note.value == 1 ? " by burst loss" : "");
    case K::QueueFull:
        return std::string("dropped ") + noun + n + ": queue full";
    case K::Duplicated:
        return "duplicated " + n;
    case K::Reordered:
        return "reordered " + n;
    case K::Delayed:
        return "delayed " + n + " by " +
               impair_detail::decimalText(static_cast<double>(note.value) / 1e6, 3) + " ms";
    case K::Corrupted:
        return "corrupted " + n + ": bit " + v + " flipped";
    case K::Truncated:
        return "truncated " + n + " to " + v + (note.value == 1 ? " byte" : " bytes");
    case K::Resegmented:
        return "resegmented " + n + " into " + v + " writes";
    case K::Coalesced:
        return "coalesced " + v + " chunks from " + n + " into one write";
    case K::Reset:
        return "reset after " + v + " bytes, in " + noun + n;
    }
    return "impairment " + n;
}

} // namespace socklab
