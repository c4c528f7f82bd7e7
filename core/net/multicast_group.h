#pragma once

#include "core/base/result.h"
#include "core/net/endpoint.h"

#include <cstdint>
#include <string_view>

namespace socklab {

/// Outcome of checking a text as a multicast group for a socket.
enum class GroupCheck : std::uint8_t {
    Ok = 1,
    Empty,        ///< nothing typed
    NotAnAddress, ///< not a numeric IPv4/IPv6 address without a port
    NotMulticast, ///< an address, but outside 224.0.0.0/4 and ff00::/8
    WrongFamily,  ///< an IPv6 group for an IPv4 socket or the reverse
};

/// A checked group: check, and when Ok the group address (port 0).
struct ParsedGroup {
    GroupCheck check = GroupCheck::Empty;
    Endpoint group;
};

/// Classify text ("239.1.2.3", "ff02::1234", "[ff15::1]", "ff02::1%lo") as a multicast group
/// for a socket of family (AF_INET or AF_INET6; 0 = either). The one rule both front ends use.
[[nodiscard]] ParsedGroup checkMulticastGroup(std::string_view text, int family);

/// checkMulticastGroup as a Result: the group, or an Error for operation op
/// ("join multicast" / "leave multicast") naming the text and what is wrong with it.
[[nodiscard]] Result<Endpoint> parseMulticastGroup(std::string_view text, int family,
                                                   std::string_view op);

} // namespace socklab
