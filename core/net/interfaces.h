#pragma once

#include "core/base/result.h"

#include <string>
#include <vector>

namespace socklab {

/// One address of one local interface (from getifaddrs).
struct InterfaceAddress {
    std::string interface; ///< "lo", "eth0"
    unsigned index = 0;    ///< if_nametoindex
    int family = 0;        ///< AF_INET / AF_INET6
    std::string address;   ///< numeric, IPv6 link-local with %scope
    int prefixLength = 0;
    bool up = false;
    bool loopback = false;
    bool multicast = false;
};

/// Enumerate local interfaces and their IPv4/IPv6 addresses, for bind pickers.
Result<std::vector<InterfaceAddress>> listInterfaces();

} // namespace socklab
