// The small typed values (selected by the first byte): impairment texts (parsePercent,
// parseDurationMs, parseRate, parseRange, parseByteCount), sizes (parseByteSize / byteSizeText),
// replay sides and speeds, and the names of line endings, checksums, encodings and save formats.
// Every value is within its documented range; names and sizes read back.
#include "core/capture/live_save.h"
#include "core/codec/checksum.h"
#include "core/codec/line_ending.h"
#include "core/codec/text_encode.h"
#include "core/impair/impairment_text.h"
#include "core/play/replay_player.h"
#include "tests/fuzz/fuzz_check.h"

using namespace socklab;
using socklab::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [selector, text] = fuzz::select(data, size);
    switch (selector % 12) {
    case 0:
        if (auto v = parsePercent("--loss", text)) {
            check(*v >= 0 && *v <= 100, "percent in 0..100");
        }
        break;
    case 1:
        if (auto v = parseDurationMs("--delay", text)) {
            check(*v >= 0 && *v <= 3'600'000, "duration in 0..3600000 ms");
        }
        break;
    case 2:
        if (auto v = parseRate("--rate", text)) {
            (void)rateText(*v);
        }
        break;
    case 3:
        if (auto v = parseRange("--segment", text)) {
            check(v->first >= 1 && v->first <= v->second && v->second <= 65536, "range");
        }
        break;
    case 4:
        (void)parseByteCount("--queue", text);
        break;
    case 5:
        if (auto v = parseByteSize(text)) {
            const auto again = parseByteSize(byteSizeText(*v));
            check(again && *again == *v, "byteSizeText reads back");
        }
        break;
    case 6:
        if (auto v = parseReplaySide(text)) {
            check(parseReplaySide(replaySideName(*v)) == *v, "side name reads back");
        }
        break;
    case 7:
        if (auto v = parseReplayTiming(text)) {
            check(v->factor >= kReplayMinFactor && v->factor <= kReplayMaxFactor, "factor");
            (void)replayTimingText(*v);
            (void)v->scale(1'000'000'000);
        }
        break;
    case 8:
        if (auto v = parseReplayFactor(text)) {
            check(*v >= kReplayMinFactor && *v <= kReplayMaxFactor, "factor in range");
        }
        break;
    case 9:
        if (auto v = parseLineEnding(text)) {
            check(parseLineEnding(lineEndingName(*v)) == *v, "line ending name reads back");
        }
        break;
    case 10:
        if (auto v = checksumByName(text)) {
            check(checksumByName(checksumInfo(*v).name) == *v, "checksum name reads back");
            check(checksumByName(checksumInfo(*v).title) == *v, "checksum title reads back");
        }
        break;
    default:
        if (auto v = encodingByName(text)) {
            check(encodingByName(encodingName(*v)) == *v, "encoding name reads back");
        }
        if (auto v = liveSaveFormatFromName(text)) {
            check(liveSaveFormatFromName(liveSaveFormatName(*v)) == *v, "format name reads back");
        }
        break;
    }
    return 0;
}
