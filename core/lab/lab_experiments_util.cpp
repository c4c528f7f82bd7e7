// Helpers the experiments' claims share: counting words, times, records, ports.
#include "core/base/translate.h"
#include "core/capture/traffic_store.h"
#include "core/lab/lab_experiments_detail.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace socklab::lab_experiments {

std::string counted(std::uint64_t n, std::string_view one, std::string_view many) {
    return trArgs(n == 1 ? one : many, n);
}

void addSentence(std::string& paragraph, std::string_view sentence) {
    paragraph += ' ';
    paragraph += sentence;
}

std::string secondsText(std::int64_t ns) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", double(ns) / 1e9);
    return buf;
}

std::vector<Record> allRecords(const TrafficStore& store) {
    std::vector<Record> out;
    const std::uint64_t end = store.endSeq();
    for (std::uint64_t seq = store.beginSeq(); seq < end;) {
        auto batch =
            store.records(seq, static_cast<std::size_t>(std::min<std::uint64_t>(4096, end - seq)));
        if (batch.empty()) {
            break;
        }
        seq = batch.back().seq + 1;
        std::ranges::move(batch, std::back_inserter(out));
    }
    return out;
}

LabClaim needsTheWire() {
    return {false,
            SL_TR("socklab", "This experiment looks at the packets on the lab wire, and this "
                             "run had no lab network (it ran over relays on loopback).")};
}

std::uint16_t portOf(std::string_view address) {
    const auto colon = address.rfind(':');
    if (colon == std::string_view::npos) {
        return 0;
    }
    unsigned port = 0;
    const auto digits = address.substr(colon + 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    return ec == std::errc() && end == digits.data() + digits.size() && port <= 65535
               ? static_cast<std::uint16_t>(port)
               : 0;
}

} // namespace socklab::lab_experiments
