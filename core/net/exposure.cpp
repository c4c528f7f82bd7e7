#include "core/net/exposure.h"

#include "core/base/translate.h"

#include <algorithm>
#include <cstddef>

namespace socklab {

AddressExposure addressExposure(const Endpoint& bound) {
    if (bound.kind() != AddressKind::Inet4 && bound.kind() != AddressKind::Inet6) {
        return AddressExposure::Local;
    }
    if (bound.isLoopback()) {
        return AddressExposure::Local;
    }
    auto bytes = bound.addressBytes();
    // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address it maps.
    if (bytes.size() == 16 &&
        std::all_of(bytes.begin(), bytes.begin() + 10,
                    [](std::byte b) { return b == std::byte{0}; }) &&
        bytes[10] == std::byte{0xff} && bytes[11] == std::byte{0xff}) {
        bytes = bytes.subspan(12);
    }
    const bool wildcard =
        std::all_of(bytes.begin(), bytes.end(), [](std::byte b) { return b == std::byte{0}; });
    return wildcard ? AddressExposure::AllInterfaces : AddressExposure::Network;
}

std::string exposureText(const Endpoint& bound, bool listening) {
    switch (addressExposure(bound)) {
    case AddressExposure::Local:
        return {};
    case AddressExposure::AllInterfaces:
        return listening ? SL_TR("socklab", "Listening on all interfaces: other machines on your "
                                            "network can connect.")
                         : SL_TR("socklab", "Bound to all interfaces: other machines on your "
                                            "network can send to it.");
    case AddressExposure::Network:
        break;
    }
    //: %1: an IP address of this machine, e.g. 192.168.1.5
    return trArgs(listening ? SL_TR("socklab", "Listening on %1: reachable from that network.")
                            : SL_TR("socklab", "Bound to %1: reachable from that network."),
                  bound.host());
}

std::string exposureText(std::string_view address, bool listening) {
    auto ep = Endpoint::parse(address);
    if (!ep) {
        return {};
    }
    return exposureText(*ep, listening);
}

} // namespace socklab
