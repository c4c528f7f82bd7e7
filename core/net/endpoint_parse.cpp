#include "core/base/translate.h"
#include "core/codec/codec_util.h"
#include "core/net/endpoint.h"

#include <arpa/inet.h>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

// Text -> Endpoint: everything a user can type. Formatting lives in endpoint.cpp.

namespace socklab {

namespace {

constexpr std::size_t kSunPathOffset = offsetof(sockaddr_un, sun_path);
constexpr std::size_t kSunPathSize = sizeof(sockaddr_un{}.sun_path);
// One byte of sun_path is the path's NUL (or the abstract marker).
constexpr std::size_t kUnixNameMax = kSunPathSize - 1;

// Quoted with control characters escaped: a NUL or a line break typed into a field must show.
std::string quoted(std::string_view text) {
    return codec_detail::quotedVisible(text);
}

Error addressError(std::string_view text, std::string detail) {
    return inputError(SL_TR("socklab", "parse address"), quoted(text), std::move(detail));
}

bool looksLikeUnix(std::string_view text) {
    return !text.empty() && (text[0] == '/' || text[0] == '.' || text[0] == '@');
}

bool allDigits(std::string_view s) {
    if (s.empty()) {
        return false;
    }
    for (char c : s) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

bool isV4Literal(const std::string& host) {
    in_addr a{};
    return inet_pton(AF_INET, host.c_str(), &a) == 1;
}

// Scope by number ("%2") or interface name ("%eth0").
Result<std::uint32_t> parseScope(std::string_view text, std::string_view scope) {
    if (scope.empty()) {
        return fail(addressError(text, SL_TR("socklab", "empty scope after '%'")));
    }
    if (allDigits(scope)) {
        std::uint32_t v = 0;
        auto [p, ec] = std::from_chars(scope.data(), scope.data() + scope.size(), v);
        if (ec != std::errc{} || p != scope.data() + scope.size()) {
            return fail(
                addressError(text, trArgs(SL_TR("socklab", "scope '%1' out of range"), scope)));
        }
        return v;
    }
    const unsigned idx = if_nametoindex(std::string(scope).c_str());
    if (idx == 0) {
        return fail(
            addressError(text, trArgs(SL_TR("socklab", "unknown interface '%1' in scope"), scope)));
    }
    return idx;
}

} // namespace

Result<std::uint16_t> parsePort(std::string_view text) {
    auto err = [&](std::string detail) {
        return fail(inputError(SL_TR("socklab", "parse port"), quoted(text), std::move(detail)));
    };
    if (text.empty()) {
        return err(SL_TR("socklab", "port is empty"));
    }
    if (!allDigits(text)) {
        return err(trArgs(SL_TR("socklab", "port '%1' is not a number"), text));
    }
    unsigned long long v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc::result_out_of_range || v > 65535) {
        return err(trArgs(SL_TR("socklab", "port %1 out of range 0-65535"), text));
    }
    if (ec != std::errc{} || p != text.data() + text.size()) {
        return err(trArgs(SL_TR("socklab", "port '%1' is not a number"), text));
    }
    return static_cast<std::uint16_t>(v);
}

Result<HostPort> splitHostPort(std::string_view text) {
    HostPort out;
    if (!text.empty() && text[0] == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos) {
            return fail(addressError(text, SL_TR("socklab", "missing ']' after IPv6 address")));
        }
        out.host = std::string(text.substr(1, close - 1));
        const auto rest = text.substr(close + 1);
        if (rest.empty()) {
            return out;
        }
        if (rest[0] != ':') {
            return fail(addressError(
                text, trArgs(SL_TR("socklab", "expected ':port' after ']', found '%1'"), rest)));
        }
        if (rest.size() == 1) {
            return fail(addressError(text, SL_TR("socklab", "missing port after ':'")));
        }
        out.port = std::string(rest.substr(1));
        return out;
    }
    const auto first = text.find(':');
    if (first == std::string_view::npos) {
        out.host = std::string(text);
        return out;
    }
    if (text.find(':', first + 1) != std::string_view::npos) {
        // Several colons and no brackets: a bare IPv6 address, which cannot carry a port.
        out.host = std::string(text);
        return out;
    }
    if (first + 1 == text.size()) {
        return fail(addressError(text, SL_TR("socklab", "missing port after ':'")));
    }
    out.host = std::string(text.substr(0, first));
    out.port = std::string(text.substr(first + 1));
    return out;
}

Result<Endpoint> Endpoint::unixPath(std::string_view path) {
    if (path.empty()) {
        return fail(addressError(path, SL_TR("socklab", "Unix path is empty")));
    }
    if (path.find('\0') != std::string_view::npos) {
        return fail(addressError(path, SL_TR("socklab", "Unix path contains a NUL byte")));
    }
    if (path.size() > kUnixNameMax) {
        return fail(
            addressError(path, trArgs(SL_TR("socklab", "Unix path is %1 bytes, the limit is %2"),
                                      path.size(), kUnixNameMax)));
    }
    Endpoint e;
    auto* un = reinterpret_cast<sockaddr_un*>(e.m_storage.data());
    un->sun_family = AF_UNIX;
    std::memcpy(un->sun_path, path.data(), path.size());
    e.m_len = kSunPathOffset + path.size() + 1;
    e.m_kind = AddressKind::UnixPath;
    return e;
}

Result<Endpoint> Endpoint::unixAbstract(std::string_view name) {
    if (name.size() > kUnixNameMax) {
        return fail(
            addressError("@" + std::string(name),
                         trArgs(SL_TR("socklab", "abstract name is %1 bytes, the limit is %2"),
                                name.size(), kUnixNameMax)));
    }
    Endpoint e;
    auto* un = reinterpret_cast<sockaddr_un*>(e.m_storage.data());
    un->sun_family = AF_UNIX;
    // Leading NUL marks the abstract namespace; the name is not NUL-terminated and the kernel
    // takes its length from socklen, so trailing bytes must not be counted.
    std::memcpy(un->sun_path + 1, name.data(), name.size());
    e.m_len = kSunPathOffset + 1 + name.size();
    e.m_kind = AddressKind::UnixAbstract;
    return e;
}

Result<Endpoint> Endpoint::parse(std::string_view text, int family) {
    if (family != 0 && family != AF_INET && family != AF_INET6 && family != AF_UNIX) {
        return fail(addressError(
            text, trArgs(SL_TR("socklab", "family %1 has no text address form"), family)));
    }
    if (text.empty()) {
        return fail(addressError(text, SL_TR("socklab", "address is empty")));
    }
    if (family == AF_UNIX || (family == 0 && looksLikeUnix(text))) {
        if (text[0] == '@') {
            return unixAbstract(text.substr(1));
        }
        return unixPath(text);
    }
    if (text[0] == '@' || text[0] == '/') {
        return fail(
            addressError(text, SL_TR("socklab", "a Unix address needs the AF_UNIX family")));
    }
    // inet_pton reads up to a NUL: "127.0.0.1\0junk" must not pass as 127.0.0.1.
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x20 || b == 0x7f) {
            return fail(
                addressError(text, trArgs(SL_TR("socklab", "control character %1 at position %2"),
                                          codec_detail::describeChar(text[i]), i)));
        }
    }

    auto hp = splitHostPort(text);
    if (!hp) {
        return fail(hp.error());
    }
    std::uint16_t port = 0;
    if (!hp->port.empty()) {
        auto p = parsePort(hp->port);
        if (!p) {
            return fail(addressError(text, p.error().detail));
        }
        port = *p;
    }
    const std::string& host = hp->host;
    if (host.empty()) {
        return fail(addressError(text, SL_TR("socklab", "missing host before ':'")));
    }

    in_addr a4{};
    if (inet_pton(AF_INET, host.c_str(), &a4) == 1) {
        if (family == AF_INET6) {
            return fail(addressError(
                text, trArgs(SL_TR("socklab", "IPv4 address %1 for an IPv6 socket: write ::ffff:%1 "
                                              "or switch the family to IPv4"),
                             host)));
        }
        if (text[0] == '[') {
            return fail(
                addressError(text, SL_TR("socklab", "brackets are only for IPv6 addresses")));
        }
        Endpoint e = any4(port);
        reinterpret_cast<sockaddr_in*>(e.m_storage.data())->sin_addr = a4;
        return e;
    }

    const auto pct = host.find('%');
    const std::string addr = host.substr(0, pct);
    in6_addr a6{};
    if (inet_pton(AF_INET6, addr.c_str(), &a6) == 1) {
        if (family == AF_INET) {
            return fail(addressError(
                text, trArgs(SL_TR("socklab",
                                   "IPv6 address %1 for an IPv4 socket: switch the family to IPv6"),
                             addr)));
        }
        std::uint32_t scope = 0;
        if (pct != std::string::npos) {
            auto s = parseScope(text, std::string_view(host).substr(pct + 1));
            if (!s) {
                return fail(s.error());
            }
            scope = *s;
        }
        Endpoint e = any6(port);
        auto* in6 = reinterpret_cast<sockaddr_in6*>(e.m_storage.data());
        in6->sin6_addr = a6;
        in6->sin6_scope_id = scope;
        return e;
    }
    if (isV4Literal(addr) && pct != std::string::npos) {
        return fail(
            addressError(text, SL_TR("socklab", "a scope ('%') applies only to IPv6 addresses")));
    }
    return fail(addressError(
        text,
        trArgs(SL_TR("socklab", "'%1' is not a numeric IP address (host names need resolving)"),
               host)));
}

} // namespace socklab
