// The lab's packet decoder (core/packet): decodePacket with and without a wire length,
// packetSummary, icmpDescription, and TcpAnalyzer over a series of packets. Input: a selector
// byte, then packets, each after a 2-byte big-endian length (the last one takes the rest).
#include "core/packet/packet.h"
#include "core/packet/tcp_analysis.h"
#include "tests/fuzz/fuzz_check.h"

#include <algorithm>

using namespace socklab;
using socklab::fuzz::check;

namespace {

void checkPacket(const DecodedPacket& p, std::size_t size) {
    check(p.capturedLength == size, "capturedLength is the input size");
    check(p.wireLength >= p.capturedLength, "wireLength >= capturedLength");
    if (p.tcp) {
        check(p.tcp->payloadOffset + p.tcp->payloadLength <= size, "TCP payload within bytes");
        check(p.tcp->payloadLength <= p.tcp->segmentLength || p.tcp->partial,
              "TCP payload within segment");
    }
    if (p.udp) {
        check(p.udp->payloadOffset + p.udp->payloadLength <= size, "UDP payload within bytes");
    }
    if (p.icmp) {
        check(p.icmp->payloadOffset + p.icmp->payloadLength <= size, "ICMP payload within bytes");
        (void)icmpDescription(*p.icmp);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [selector, rest] = fuzz::select(data, size);
    const ByteView all = asBytes(rest);
    // The whole input as one packet, whole or as a capture cut short.
    const std::size_t wire = selector % 2 ? all.size() + selector * 7 : 0;
    const DecodedPacket one = decodePacket(all, wire);
    checkPacket(one, all.size());
    check(!packetSummary(one).empty(), "a summary says something");

    TcpAnalyzer analyzer;
    std::size_t at = 0;
    std::int64_t now = 0;
    for (int n = 0; n < 64 && at < all.size(); ++n) {
        std::size_t length = all.size() - at;
        if (length > 2) {
            const std::size_t declared = (std::to_integer<std::size_t>(all[at]) << 8) |
                                         std::to_integer<std::size_t>(all[at + 1]);
            at += 2;
            length = std::min(declared, all.size() - at);
        }
        const ByteView bytes = all.subspan(at, length);
        const DecodedPacket p = decodePacket(bytes, selector & 0x80 ? length + 100 : 0);
        checkPacket(p, bytes.size());
        const TcpMarks marks = analyzer.feed(p, now += 1000);
        check(!packetSummary(p, &marks).empty(), "a summary with marks");
        at += length;
    }
    return 0;
}
