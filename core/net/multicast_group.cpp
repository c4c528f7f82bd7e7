#include "core/net/multicast_group.h"

#include "core/base/translate.h"
#include "core/codec/codec_util.h"

#include <netinet/in.h>
#include <sys/socket.h>

namespace socklab {

namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

} // namespace

ParsedGroup checkMulticastGroup(std::string_view text, int family) {
    text = trimmed(text);
    if (text.empty()) {
        return {GroupCheck::Empty, {}};
    }
    std::string host(text);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    // A group is an address, never a name or an address with a port: parse "host" alone
    // (bare IPv6 is accepted as host-only) and insist that no port came with it.
    auto ep = Endpoint::parse(host, 0);
    if (!ep || (ep->kind() != AddressKind::Inet4 && ep->kind() != AddressKind::Inet6) ||
        ep->port() != 0 || host.find(']') != std::string::npos ||
        (ep->kind() == AddressKind::Inet4 && host.find(':') != std::string::npos)) {
        return {GroupCheck::NotAnAddress, {}};
    }
    if (!ep->isMulticast()) {
        return {GroupCheck::NotMulticast, {}};
    }
    if (family != 0 && ep->family() != family) {
        return {GroupCheck::WrongFamily, {}};
    }
    return {GroupCheck::Ok, *ep};
}

Result<Endpoint> parseMulticastGroup(std::string_view text, int family, std::string_view op) {
    const ParsedGroup p = checkMulticastGroup(text, family);
    // Control characters escaped: a pasted line break must show in the one-line message.
    const std::string object = codec_detail::quotedVisible(text);
    switch (p.check) {
    case GroupCheck::Ok:
        return p.group;
    case GroupCheck::Empty:
        return fail(inputError(std::string(op), object, SL_TR("socklab", "no group given")));
    case GroupCheck::NotAnAddress:
        return fail(inputError(
            std::string(op), object,
            SL_TR("socklab", "not a numeric IPv4 or IPv6 address (give it without a port)")));
    case GroupCheck::NotMulticast:
        return fail(
            inputError(std::string(op), object,
                       SL_TR("socklab", "not a multicast address (224.0.0.0/4 or ff00::/8)")));
    case GroupCheck::WrongFamily:
        return fail(inputError(
            std::string(op), object,
            family == AF_INET    ? SL_TR("socklab", "an IPv6 group on an IPv4 socket")
            : family == AF_INET6 ? SL_TR("socklab", "an IPv4 group on an IPv6 socket")
                                 : SL_TR("socklab", "multicast needs an IPv4 or IPv6 socket")));
    }
    return fail(inputError(std::string(op), object, "unchecked"));
}

} // namespace socklab
