// Sequences (core/respond/sequence): parseSequenceText, validateSequence, formatSequenceText
// (reads back to the same steps), and a SequenceRunner driven by timers and messages. Input: the
// sequence text; the lines after a line "---" are the messages received.
#include "core/respond/sequence.h"
#include "tests/fuzz/fuzz_check.h"

using namespace socklab;
using socklab::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = fuzz::textOf(data, size);
    const std::size_t split = input.find("\n---\n");
    const std::string_view text = input.substr(0, split);
    std::string_view messages =
        split == std::string_view::npos ? std::string_view{} : input.substr(split + 5);

    const auto sequence = parseSequenceText(text, "fuzz");
    if (!sequence) {
        return 0;
    }
    if (!validateSequence(*sequence)) {
        return 0;
    }
    const auto again = parseSequenceText(formatSequenceText(*sequence), "fuzz");
    check(again && *again == *sequence, "formatSequenceText reads back to the same steps");

    SequenceRunner runner(*sequence);
    std::int64_t now = 0;
    // The timer armed last, -1 when none (a message that does not match leaves it as it was).
    std::int64_t deadline = -1;
    const auto take = [&](const SequenceRunner::Actions& a) {
        if (a.timerAtNs) {
            check(*a.timerAtNs >= now, "timers are not in the past");
            deadline = *a.timerAtNs;
        }
        if (a.finished) {
            check(!runner.running(), "a finished run is not running");
        }
    };
    take(runner.start(now));
    for (int round = 0; round < 64 && runner.running(); ++round) {
        if (!messages.empty() && round % 2 == 0) {
            const std::size_t end = messages.find('\n');
            take(runner.onMessage(asBytes(messages.substr(0, end)), now));
            messages =
                end == std::string_view::npos ? std::string_view{} : messages.substr(end + 1);
        } else {
            check(deadline >= 0, "a running sequence waits on a timer");
            now = deadline;
            deadline = -1;
            take(runner.onTimer(now));
        }
        if (round == 3 && runner.running()) {
            runner.pause(now);
            take(runner.resume(now + 5));
            now += 5;
        }
    }
    if (runner.running()) {
        (void)runner.stop();
    }
    return 0;
}
