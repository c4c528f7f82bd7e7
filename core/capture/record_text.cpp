#include "core/capture/record_text.h"

#include "core/base/translate.h"

#include <cstdio>
#include <ctime>

namespace socklab {

namespace {

struct KindName {
    RecordKind kind;
    std::string_view name;
};

// The one spelling of each record kind: lower case, one word (hyphenated), so a CLI log line
// splits on spaces. Marked SL_N: the GUI translates these same strings at its edge (coreText).
constexpr KindName kKindNames[] = {
    {RecordKind::Data, SL_N("socklab", "data")},
    {RecordKind::Opened, SL_N("socklab", "opened")},
    {RecordKind::Bound, SL_N("socklab", "bound")},
    {RecordKind::Listening, SL_N("socklab", "listening")},
    {RecordKind::Connecting, SL_N("socklab", "connecting")},
    {RecordKind::Connected, SL_N("socklab", "connected")},
    {RecordKind::Accepted, SL_N("socklab", "accepted")},
    {RecordKind::HalfClosed, SL_N("socklab", "half-closed")},
    {RecordKind::PeerClosed, SL_N("socklab", "peer-closed")},
    {RecordKind::Closed, SL_N("socklab", "closed")},
    {RecordKind::Reset, SL_N("socklab", "reset")},
    {RecordKind::Error, SL_N("socklab", "error")},
    {RecordKind::Info, SL_N("socklab", "info")},
};

} // namespace

std::string_view recordKindName(RecordKind kind) {
    for (const auto& k : kKindNames) {
        if (k.kind == kind) {
            return k.name;
        }
    }
    return "?";
}

std::string_view directionName(Direction dir) {
    switch (dir) {
    case Direction::In:
        return "In";
    case Direction::Out:
        return "Out";
    case Direction::Local:
        return "Local";
    }
    return "?";
}

std::string_view relayDirectionText(Direction dir) {
    switch (dir) {
    case Direction::In:
        return SL_N("socklab", "client->server");
    case Direction::Out:
        return SL_N("socklab", "server->client");
    case Direction::Local:
        return SL_N("socklab", "relay");
    }
    return "?";
}

namespace {
constexpr std::string_view kGapOut = "gap client->server: ";
constexpr std::string_view kGapIn = "gap server->client: ";
} // namespace

std::string streamGapText(Direction dir, std::string_view what) {
    return std::string(dir == Direction::Out ? kGapOut : kGapIn) + std::string(what);
}

std::optional<Direction> streamGapDirection(std::string_view text) {
    if (text.starts_with(kGapOut)) {
        return Direction::Out;
    }
    if (text.starts_with(kGapIn)) {
        return Direction::In;
    }
    return std::nullopt;
}

namespace {

/// The digits at the front of text (consumed), or nullopt.
std::optional<std::string_view> takeNumber(std::string_view& text) {
    std::size_t n = 0;
    while (n < text.size() && text[n] >= '0' && text[n] <= '9') {
        ++n;
    }
    if (n == 0) {
        return std::nullopt;
    }
    const auto digits = text.substr(0, n);
    text.remove_prefix(n);
    return digits;
}

bool take(std::string_view& text, std::string_view prefix) {
    if (!text.starts_with(prefix)) {
        return false;
    }
    text.remove_prefix(prefix.size());
    return true;
}

} // namespace

std::string readableRecordText(std::string_view text) {
    const auto dir = streamGapDirection(text);
    if (!dir || !hasTranslator()) {
        return std::string(text);
    }
    // "gap client->server: 1448 bytes missing at seq 1001 (not captured)"
    std::string_view rest = text.substr(kGapOut.size());
    const auto bytes = takeNumber(rest);
    if (!bytes || !(take(rest, " bytes") || take(rest, " byte")) ||
        !take(rest, " missing at seq ")) {
        return std::string(text);
    }
    const auto seq = takeNumber(rest);
    if (!seq || !take(rest, " (") || !rest.ends_with(')')) {
        return std::string(text);
    }
    const std::string_view why = rest.substr(0, rest.size() - 1);
    std::string cause;
    if (why == "not captured") {
        cause = SL_TR("socklab", "not captured");
    } else if (why == "cut by the capture's snapshot length") {
        cause = SL_TR("socklab", "cut by the capture's snapshot length");
    } else if (why == "not arrived when the out-of-order buffer was full") {
        cause = SL_TR("socklab", "not arrived when the out-of-order buffer was full");
    } else {
        cause = std::string(why);
    }
    const std::string direction = translate("socklab", *dir == Direction::Out
                                                           ? relayDirectionText(Direction::In)
                                                           : relayDirectionText(Direction::Out));
    //: A hole in an imported TCP stream: %1 the direction (client->server), %2 a byte count,
    //: %3 the TCP sequence number where it starts, %4 why the bytes are missing.
    return trArgs(SL_TR("socklab", "gap %1: %2 bytes missing at seq %3 (%4)"), direction, *bytes,
                  *seq, cause);
}

std::string recordFlagsText(std::uint16_t flags) {
    static constexpr struct {
        std::uint16_t bit;
        const char* name;
    } kNames[] = {
        {RecordFlag::Oob, "OOB"},           {RecordFlag::Truncated, "TRUNC"},
        {RecordFlag::Broadcast, "BCAST"},   {RecordFlag::Multicast, "MCAST"},
        {RecordFlag::Evicted, "EVICTED"},   {RecordFlag::Remote, "REMOTE"},
        {RecordFlag::Icmp, "ICMP"},         {RecordFlag::Upstream, "UPSTREAM"},
        {RecordFlag::Impaired, "IMPAIRED"}, {RecordFlag::Injected, "INJECTED"},
        {RecordFlag::Edited, "EDITED"},
    };
    std::string out;
    for (const auto& f : kNames) {
        if (flags & f.bit) {
            out += out.empty() ? "" : "|";
            out += f.name;
        }
    }
    return out;
}

std::string formatWallTime(std::int64_t wallNs) {
    std::int64_t secs = wallNs / 1'000'000'000;
    std::int64_t ns = wallNs % 1'000'000'000;
    if (ns < 0) {
        ns += 1'000'000'000;
        --secs;
    }
    const std::time_t t = static_cast<std::time_t>(secs);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%09lldZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<long long>(ns));
    return buf;
}

} // namespace socklab
