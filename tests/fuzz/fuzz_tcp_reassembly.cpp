// TCP reassembly of imported captures (core/pcapimport/tcp_reassembler), driven as
// tests/core/test_pcap_fuzz drives it: a stream whose bytes are known (the input's tail) is sent
// as segments the input chooses (offsets, lengths, cuts by the snapshot length, duplicates, FIN,
// ACKs, wild sequence numbers). Data and Gap events tile the stream from 0, delivered bytes are
// the stream's own bytes at their offsets, and the shared budget is released at the end.
#include "core/pcapimport/tcp_reassembler.h"
#include "tests/fuzz/fuzz_check.h"

#include <FuzzedDataProvider.h>
#include <algorithm>
#include <vector>

using namespace socklab;
using socklab::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    const std::uint32_t isn = in.ConsumeIntegral<std::uint32_t>();
    const bool withSyn = in.ConsumeBool();
    const std::size_t limit = in.ConsumeIntegralInRange<std::size_t>(0, 4096);
    const std::size_t history = in.ConsumeIntegralInRange<std::size_t>(0, 2048);
    const std::size_t streamLength = in.ConsumeIntegralInRange<std::size_t>(1, 4096);
    std::vector<std::byte> truth(streamLength);
    for (std::size_t i = 0; i < streamLength; ++i) {
        truth[i] = static_cast<std::byte>(i * 131 + (i >> 8));
    }

    ReassemblyBudget budget{limit};
    TcpReassembler r(budget, history);
    std::uint64_t tiled = 0;
    bool wild = false; // a segment outside the known stream: only the tiling holds
    // Without a SYN the first segment (or the peer's first ACK) starts the stream: stream
    // offset 0 is the truth's byte at origin.
    std::size_t origin = 0;
    const TcpReassembler::Sink sink = [&](const StreamEvent& e) {
        if (e.kind != StreamEvent::Kind::Data && e.kind != StreamEvent::Kind::Gap) {
            return;
        }
        check(e.offset == tiled, "Data and Gap events tile the stream");
        if (e.kind == StreamEvent::Kind::Data) {
            check(e.bytes.size() == e.length, "Data bytes match their length");
            if (!wild) {
                check(origin + e.offset + e.length <= streamLength, "no byte past the stream");
                check(std::equal(e.bytes.begin(), e.bytes.end(),
                                 truth.begin() + static_cast<std::ptrdiff_t>(origin + e.offset)),
                      "delivered bytes are the stream's bytes");
            }
        }
        tiled = e.offset + e.length;
    };
    if (withSyn) {
        r.syn(isn);
    }
    const std::uint32_t first = isn + (withSyn ? 1 : 0);
    std::int64_t now = 0;
    for (int n = 0; n < 256 && in.remaining_bytes() > 0; ++n) {
        switch (in.ConsumeIntegralInRange<int>(0, 9)) {
        case 0: {
            // The peer acknowledges up to somewhere in (or past) the stream. Before any segment
            // of this direction, that is where the stream starts.
            const auto acked = in.ConsumeIntegralInRange<std::uint32_t>(0, streamLength + 64);
            if (!r.started()) {
                origin = acked;
            }
            r.peerAcked(first + acked);
            break;
        }
        case 1: {
            // A segment of other bytes anywhere in sequence space.
            wild = true;
            const std::uint32_t seq = in.ConsumeIntegral<std::uint32_t>();
            const auto bytes = in.ConsumeBytes<std::byte>(in.ConsumeIntegralInRange(0, 64));
            r.segment(seq, bytes, bytes.size() + in.ConsumeIntegralInRange(0, 8), in.ConsumeBool(),
                      ++now, sink);
            break;
        }
        default: {
            // A segment of the stream, maybe cut by the snapshot length.
            const std::size_t offset = in.ConsumeIntegralInRange<std::size_t>(0, streamLength - 1);
            const std::size_t length =
                in.ConsumeIntegralInRange<std::size_t>(0, streamLength - offset);
            const std::size_t captured =
                in.ConsumeBool() ? length : in.ConsumeIntegralInRange<std::size_t>(0, length);
            const bool fin = offset + length == streamLength && in.ConsumeBool();
            if (!r.started()) {
                origin = offset;
            }
            r.segment(first + static_cast<std::uint32_t>(offset),
                      std::span<const std::byte>(truth).subspan(offset, captured), length, fin,
                      ++now, sink);
            break;
        }
        }
        check(budget.usedBytes == r.heldBytes(), "the budget counts the held bytes");
    }
    r.finish(++now, sink);
    check(r.heldBytes() == 0, "nothing held after finish");
    check(budget.usedBytes == 0, "the budget is released");
    check(r.deliveredBytes() <= tiled, "delivered bytes lie in the tiled stream");
    return 0;
}
