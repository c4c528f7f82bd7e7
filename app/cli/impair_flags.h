#pragma once

// The impairment options shared by `relay` and `lab` (--loss, --delay, --burst...), each
// applying to both directions unless its value starts with a direction prefix.

#include "app/cli/args.h"
#include "core/base/result.h"
#include "core/impair/impairment.h"

#include <string_view>

namespace socklab::cli {

/// What the impaired traffic is: a datagram relay, a stream relay, or the lab wire's packets
/// (every datagram option applies; the stream options do not).
enum class ImpairmentScope : std::uint8_t { Datagram = 1, Stream, Packets };

/// The value prefixes that pick one direction ("c2s:" / "s2c:", "a2b:" / "b2a:").
struct DirectionPrefixes {
    std::string_view first;
    std::string_view second;
};
inline constexpr DirectionPrefixes kRelayPrefixes{"c2s:", "s2c:"};
inline constexpr DirectionPrefixes kLabPrefixes{"a2b:", "b2a:"};

/// Every impairment option of args in command-line order into first / second, then validated.
Status parseImpairments(const Args& args, ImpairmentScope scope, const DirectionPrefixes& prefixes,
                        Impairment& first, Impairment& second);

} // namespace socklab::cli
