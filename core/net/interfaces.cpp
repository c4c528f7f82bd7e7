#include "core/net/interfaces.h"

#include "core/base/translate.h"
#include "core/net/endpoint.h"

#include <bit>
#include <cerrno>
#include <cstring>
#include <ifaddrs.h>
#include <memory>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace socklab {

namespace {

// Contiguous masks are the norm; counting set bits also gives a sensible figure otherwise.
int prefixFromMask(const sockaddr* mask) {
    if (mask == nullptr) {
        return 0;
    }
    const unsigned char* bytes = nullptr;
    std::size_t n = 0;
    if (mask->sa_family == AF_INET) {
        bytes = reinterpret_cast<const unsigned char*>(
            &reinterpret_cast<const sockaddr_in*>(mask)->sin_addr);
        n = 4;
    } else if (mask->sa_family == AF_INET6) {
        bytes = reinterpret_cast<const sockaddr_in6*>(mask)->sin6_addr.s6_addr;
        n = 16;
    } else {
        return 0;
    }
    int bits = 0;
    for (std::size_t i = 0; i < n; ++i) {
        bits += std::popcount(static_cast<unsigned>(bytes[i]));
    }
    return bits;
}

} // namespace

Result<std::vector<InterfaceAddress>> listInterfaces() {
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0) {
        const int err = errno; // before translating: the translator may touch errno
        return fail(sysError(err, "getifaddrs", SL_TR("socklab", "local interfaces")));
    }
    std::unique_ptr<ifaddrs, decltype(&freeifaddrs)> guard(list, &freeifaddrs);

    std::vector<InterfaceAddress> out;
    for (const ifaddrs* ifa = list; ifa != nullptr; ifa = ifa->ifa_next) {
        if (ifa->ifa_addr == nullptr) {
            continue;
        }
        const int fam = ifa->ifa_addr->sa_family;
        if (fam != AF_INET && fam != AF_INET6) {
            continue;
        }
        const std::size_t len = fam == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
        InterfaceAddress a;
        a.interface = ifa->ifa_name;
        a.index = if_nametoindex(ifa->ifa_name);
        a.family = fam;
        // Endpoint::host() renders IPv6 link-local scopes by interface name ("fe80::1%eth0").
        a.address = Endpoint::fromSockaddr(ifa->ifa_addr, len).host();
        a.prefixLength = prefixFromMask(ifa->ifa_netmask);
        a.up = (ifa->ifa_flags & IFF_UP) != 0;
        a.loopback = (ifa->ifa_flags & IFF_LOOPBACK) != 0;
        a.multicast = (ifa->ifa_flags & IFF_MULTICAST) != 0;
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace socklab
