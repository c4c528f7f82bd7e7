// The impairment options shared by `relay` and `lab`.
#include "app/cli/impair_flags.h"

#include "core/impair/impairment_text.h"

#include <functional>
#include <string>
#include <vector>

namespace socklab::cli {

namespace {

enum class Applies : std::uint8_t { Both = 1, Stream, Datagram };

struct Target {
    Impairment* toServer;
    Impairment* toClient;
};

using Setter =
    std::function<Status(const std::string& flag, std::string_view value, Impairment& impairment)>;

struct ImpairFlag {
    std::string_view name;
    Applies applies;
    Setter set;
};

template <class T, class F>
Setter assign(Result<T> (*parse)(std::string_view, std::string_view), F store) {
    return
        [parse, store](const std::string& flag, std::string_view value, Impairment& imp) -> Status {
            auto v = parse(flag, value);
            if (!v) {
                return fail(v.error());
            }
            store(imp, *v);
            return {};
        };
}

std::vector<std::string_view> splitCommas(std::string_view text) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = text.find(',', start);
        parts.push_back(text.substr(start, comma - start));
        if (comma == std::string_view::npos) {
            return parts;
        }
        start = comma + 1;
    }
}

// `parse --burst "1,2,3": expected ...`, like the core parsers' messages.
Error badValue(const std::string& flag, std::string_view value, std::string expected) {
    std::string op = "parse ";
    op += flag;
    std::string quoted = "\"";
    quoted += value;
    quoted += '"';
    return inputError(std::move(op), std::move(quoted), std::move(expected));
}

Status setBurst(const std::string& flag, std::string_view value, Impairment& imp) {
    const auto parts = splitCommas(value);
    if (parts.size() != 2 && parts.size() != 4) {
        return fail(badValue(flag, value,
                             "expected GOOD_TO_BAD,BAD_TO_GOOD[,LOSS_GOOD,LOSS_BAD] "
                             "percentages such as 1%,25%"));
    }
    double* fields[] = {&imp.burst.pGoodToBad, &imp.burst.pBadToGood, &imp.burst.lossGood,
                        &imp.burst.lossBad};
    for (std::size_t i = 0; i < parts.size(); ++i) {
        auto p = parsePercent(flag, parts[i]);
        if (!p) {
            return fail(p.error());
        }
        *fields[i] = *p;
    }
    return {};
}

Status setReorder(const std::string& flag, std::string_view value, Impairment& imp) {
    const auto parts = splitCommas(value);
    if (parts.size() > 2) {
        return fail(badValue(flag, value, "expected PERCENT[,DEPTH] such as 5% or 5%,3"));
    }
    auto p = parsePercent(flag, parts[0]);
    if (!p) {
        return fail(p.error());
    }
    imp.reorderPercent = *p;
    if (parts.size() == 2) {
        auto depth = parseInteger(flag + " depth", parts[1], 1, 10'000);
        if (!depth) {
            return fail(depth.error());
        }
        imp.reorderDepth = int(*depth);
    }
    return {};
}

const std::vector<ImpairFlag>& impairFlags() {
    static const std::vector<ImpairFlag> flags = {
        {"loss", Applies::Datagram,
         assign(&parsePercent, [](Impairment& i, double v) { i.lossPercent = v; })},
        {"burst", Applies::Datagram, &setBurst},
        {"dup", Applies::Datagram,
         assign(&parsePercent, [](Impairment& i, double v) { i.duplicatePercent = v; })},
        {"reorder", Applies::Datagram, &setReorder},
        {"delay", Applies::Both,
         assign(&parseDurationMs, [](Impairment& i, int v) { i.delay_ms = v; })},
        {"jitter", Applies::Both,
         assign(&parseDurationMs, [](Impairment& i, int v) { i.jitter_ms = v; })},
        {"rate", Applies::Both,
         assign(&parseRate, [](Impairment& i, std::uint64_t v) { i.rateBytesPerSec = v; })},
        {"corrupt", Applies::Datagram,
         assign(&parsePercent, [](Impairment& i, double v) { i.corruptPercent = v; })},
        {"truncate", Applies::Datagram,
         assign(&parseByteCount,
                [](Impairment& i, std::uint64_t v) { i.truncateBytes = std::size_t(v); })},
        {"segment", Applies::Stream,
         assign(&parseRange,
                [](Impairment& i, std::pair<std::size_t, std::size_t> v) {
                    i.segmentMin = v.first;
                    i.segmentMax = v.second;
                })},
        {"coalesce", Applies::Stream,
         assign(&parseDurationMs, [](Impairment& i, int v) { i.coalesce_ms = v; })},
        {"reset-after", Applies::Stream,
         assign(&parseByteCount, [](Impairment& i, std::uint64_t v) { i.resetAfterBytes = v; })},
        {"slow-close", Applies::Stream,
         assign(&parseDurationMs, [](Impairment& i, int v) { i.slowClose_ms = v; })},
    };
    return flags;
}

} // namespace

Status parseImpairments(const Args& args, ImpairmentScope scope, const DirectionPrefixes& prefixes,
                        Impairment& first, Impairment& second) {
    const bool datagram = scope != ImpairmentScope::Stream;
    for (const Args::Item& item : args.items()) {
        const ImpairFlag* flag = nullptr;
        for (const ImpairFlag& f : impairFlags()) {
            if (f.name == item.name) {
                flag = &f;
            }
        }
        if (!flag) {
            continue;
        }
        const std::string name = "--" + item.name;
        if (flag->applies == Applies::Datagram && !datagram) {
            return fail(
                inputError("parse arguments", name, "applies to datagram relays only (add --udp)"));
        }
        if (flag->applies == Applies::Stream && datagram) {
            return fail(inputError("parse arguments", name,
                                   scope == ImpairmentScope::Packets
                                       ? "applies to stream relays only, not to the lab's wire"
                                       : "applies to stream relays only"));
        }
        std::string_view value = item.value;
        bool toFirst = true;
        bool toSecond = true;
        if (value.starts_with(prefixes.first)) {
            toSecond = false;
            value.remove_prefix(prefixes.first.size());
        } else if (value.starts_with(prefixes.second)) {
            toFirst = false;
            value.remove_prefix(prefixes.second.size());
        }
        for (auto [wanted, imp] : {std::pair{toFirst, &first}, std::pair{toSecond, &second}}) {
            if (wanted) {
                if (auto st = flag->set(name, value, *imp); !st) {
                    return st;
                }
            }
        }
    }
    for (const Impairment* imp : {&first, &second}) {
        if (auto st = validate(*imp); !st) {
            return st;
        }
    }
    return {};
}

} // namespace socklab::cli
