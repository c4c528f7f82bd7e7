// Addresses as typed (core/net/endpoint, resolver, multicast_group): Endpoint::parse for each
// family, splitHostPort, parsePort, parseForFamily, checkMulticastGroup, withPortForPortless,
// needsResolution (never resolves). A parsed endpoint's text parses back to it.
#include "core/net/endpoint.h"
#include "core/net/multicast_group.h"
#include "core/net/resolver.h"
#include "tests/fuzz/fuzz_check.h"

#include <sys/socket.h>

using namespace socklab;
using socklab::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [selector, text] = fuzz::select(data, size);
    constexpr int kFamilies[] = {0, AF_INET, AF_INET6, AF_UNIX};
    const int family = kFamilies[selector % 4];

    const auto ep = Endpoint::parse(text, family);
    if (ep) {
        check(!ep->empty(), "a parsed endpoint is not empty");
        check(family == 0 || ep->family() == family, "the family asked for");
        check(ep->size() <= Endpoint::capacity(), "length within sockaddr_storage");
        const std::string shown = ep->toString();
        const auto again = Endpoint::parse(shown, ep->family() == AF_UNIX ? AF_UNIX : family);
        check(again && *again == *ep, "toString parses back to the same endpoint");
        (void)ep->host();
        (void)ep->isLoopback();
        (void)ep->isMulticast();
        check(ep->addressBytes().size() <= 16, "address bytes");
    }
    if (auto hp = splitHostPort(text)) {
        check(hp->host.size() + hp->port.size() <= text.size(), "split parts within text");
        if (auto port = parsePort(hp->port)) {
            check(std::to_string(*port).size() <= hp->port.size(), "port digits");
        }
    }
    (void)parsePort(text);
    if (auto typed = parseForFamily(text, family == 0 ? AF_INET : family)) {
        (void)typed->toString();
    }
    const ParsedGroup group = checkMulticastGroup(text, family == AF_UNIX ? 0 : family);
    if (group.check == GroupCheck::Ok) {
        check(group.group.isMulticast(), "an Ok group is multicast");
    }
    const auto joined = parseMulticastGroup(text, family == AF_UNIX ? 0 : family, "join");
    check(joined.has_value() == (group.check == GroupCheck::Ok), "parseMulticastGroup agrees");
    SocketSpec spec;
    spec.family = family == 0 ? AF_INET : family;
    spec.type = selector & 0x80 ? SOCK_RAW : SOCK_DGRAM;
    spec.protocol = 0;
    (void)withPortForPortless(text, spec);
    (void)needsResolution(text, family);
    return 0;
}
