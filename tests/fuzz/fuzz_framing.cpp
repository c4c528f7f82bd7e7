// Framing (core/respond/framing): parseFraming / formatFraming, and a Framer cutting a stream.
// Input: the length of the framing text in the first byte, the text, then the stream. The stream
// is fed whole and again in reads of varying size: the messages are the same (Raw and IdleGap
// aside), they tile the stream, and each is within maxMessageBytes.
#include "core/respond/framing.h"
#include "tests/fuzz/fuzz_check.h"

#include <algorithm>
#include <vector>

using namespace socklab;
using socklab::fuzz::check;

namespace {

struct Message {
    std::uint64_t begin = 0;
    ByteVector bytes;
    FrameNote note = FrameNote::None;
    friend bool operator==(const Message&, const Message&) = default;
};

std::vector<Message> frame(const FramingSpec& spec, ByteView stream, std::size_t firstRead) {
    Framer framer(spec);
    std::vector<Message> out;
    const Framer::Sink sink = [&](const FramedMessage& m) {
        out.push_back({m.begin, ByteVector(m.bytes.begin(), m.bytes.end()), m.note});
    };
    std::size_t at = 0;
    std::size_t read = firstRead;
    std::int64_t now = 0;
    while (at < stream.size()) {
        const std::size_t n = std::min(read, stream.size() - at);
        framer.feed(stream.subspan(at, n), now += 1'000'000, sink);
        framer.poll(now, sink);
        at += n;
        read = 1 + (read * 7 + 3) % 97;
    }
    framer.finish(sink);
    check(framer.pendingBytes() == 0, "nothing pending after finish");
    check(framer.offset() == stream.size(), "every byte counted");
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [selector, rest] = fuzz::select(data, size);
    const std::size_t textLength = std::min<std::size_t>(selector % 64, rest.size());
    const std::string_view text = rest.substr(0, textLength);
    const ByteView stream = asBytes(rest.substr(textLength));

    auto spec = parseFraming(text);
    if (!spec) {
        return 0;
    }
    check(validateFraming(*spec).has_value(), "a parsed framing is valid");
    const std::string shown = formatFraming(*spec);
    const auto again = parseFraming(shown);
    check(again && *again == *spec, "formatFraming reads back to the same spec");
    // Keep pieces small enough that a long stream stays quick.
    spec->maxMessageBytes = std::min<std::size_t>(spec->maxMessageBytes, 1u << 16);

    const std::vector<Message> whole = frame(*spec, stream, stream.size() + 1);
    std::uint64_t at = 0;
    for (const Message& m : whole) {
        check(m.begin == at, "messages tile the stream");
        check(!m.bytes.empty(), "no empty message");
        check(m.bytes.size() <= spec->maxMessageBytes, "no message over maxMessageBytes");
        at += m.bytes.size();
    }
    check(at == stream.size(), "the messages hold every byte");
    // Raw keeps each read, IdleGap depends on arrival times: the others ignore read sizes.
    if (spec->mode != FramingMode::IdleGap && spec->mode != FramingMode::Raw) {
        check(frame(*spec, stream, 1 + selector % 5) == whole,
              "the same messages whatever the read sizes");
    }
    return 0;
}
