#include "core/net/resolver.h"

#include "core/base/translate.h"
#include "core/net/socket_ops.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <memory>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace socklab {

namespace {

struct EaiEntry {
    int value;
    const char* name;
};

constexpr EaiEntry kEai[] = {
    {EAI_BADFLAGS, "EAI_BADFLAGS"},     {EAI_NONAME, "EAI_NONAME"},
    {EAI_AGAIN, "EAI_AGAIN"},           {EAI_FAIL, "EAI_FAIL"},
    {EAI_FAMILY, "EAI_FAMILY"},         {EAI_SOCKTYPE, "EAI_SOCKTYPE"},
    {EAI_SERVICE, "EAI_SERVICE"},       {EAI_MEMORY, "EAI_MEMORY"},
    {EAI_SYSTEM, "EAI_SYSTEM"},         {EAI_OVERFLOW, "EAI_OVERFLOW"},
#ifdef EAI_NODATA
    {EAI_NODATA, "EAI_NODATA"},
#endif
#ifdef EAI_ADDRFAMILY
    {EAI_ADDRFAMILY, "EAI_ADDRFAMILY"},
#endif
};

bool isUnixText(std::string_view text) {
    return !text.empty() && (text[0] == '/' || text[0] == '.' || text[0] == '@');
}

// Numeric IPv4, or IPv6 with an optional %scope: never needs DNS.
bool isNumericHost(const std::string& host) {
    in_addr a4{};
    if (inet_pton(AF_INET, host.c_str(), &a4) == 1) {
        return true;
    }
    in6_addr a6{};
    return inet_pton(AF_INET6, host.substr(0, host.find('%')).c_str(), &a6) == 1;
}

// glibc's English gai_strerror() texts, so the GUI can show them in the user's language;
// gai_strerror itself for any other code (glibc has no text of its own for EAI_OVERFLOW).
std::string gaiText(int rc) {
    switch (rc) {
    case EAI_BADFLAGS:
        return SL_TR("socklab", "Bad value for ai_flags");
    case EAI_NONAME:
        return SL_TR("socklab", "Name or service not known");
    case EAI_AGAIN:
        return SL_TR("socklab", "Temporary failure in name resolution");
    case EAI_FAIL:
        return SL_TR("socklab", "Non-recoverable failure in name resolution");
    case EAI_FAMILY:
        return SL_TR("socklab", "ai_family not supported");
    case EAI_SOCKTYPE:
        return SL_TR("socklab", "ai_socktype not supported");
    case EAI_SERVICE:
        return SL_TR("socklab", "Servname not supported for ai_socktype");
    case EAI_MEMORY:
        return SL_TR("socklab", "Memory allocation failure");
    case EAI_SYSTEM:
        return SL_TR("socklab", "System error");
#ifdef EAI_NODATA
    case EAI_NODATA:
        return SL_TR("socklab", "No address associated with hostname");
#endif
#ifdef EAI_ADDRFAMILY
    case EAI_ADDRFAMILY:
        return SL_TR("socklab", "Address family for hostname not supported");
#endif
    default:
        return gai_strerror(rc);
    }
}

Error gaiError(int rc, int savedErrno, const std::string& text) {
    if (rc == EAI_SYSTEM && savedErrno != 0) {
        return sysError(savedErrno, SL_TR("socklab", "resolve"), text);
    }
    return Error{{}, SL_TR("socklab", "resolve"), text, gaiText(rc) + " (" + eaiName(rc) + ")"};
}

} // namespace

std::string eaiName(int code) {
    for (const auto& e : kEai) {
        if (e.value == code) {
            return e.name;
        }
    }
    return "EAI_?" + std::to_string(code);
}

std::string withPortForPortless(std::string_view text, const SocketSpec& spec) {
    const bool portless = sockops::isRawType(spec.type) || sockops::isIcmpEcho(spec);
    std::string out(text);
    if (!portless || sockops::isUnixFamily(spec.family) || out.empty()) {
        return out;
    }
    if (out.front() == '[') {
        return out.find("]:") == std::string::npos ? out + ":0" : out;
    }
    const auto colons = std::count(out.begin(), out.end(), ':');
    if (colons == 0) {
        return out + ":0";
    }
    if (colons > 1) {
        return "[" + out + "]:0";
    }
    return out;
}

bool needsResolution(std::string_view text, int family) {
    if (family == AF_UNIX || isUnixText(text)) {
        return false;
    }
    auto hp = splitHostPort(text);
    if (!hp || hp->host.empty()) {
        return false;
    }
    return !isNumericHost(hp->host);
}

Result<Endpoint> parseForFamily(std::string_view text, int family) {
    if (family == AF_UNIX) {
        if (text.empty()) {
            return fail(
                inputError(SL_TR("socklab", "parse address"), "\"\"",
                           SL_TR("socklab", "type a Unix path or @name for an abstract address")));
        }
        return Endpoint::parse(text, AF_UNIX);
    }
    if (family == AF_INET || family == AF_INET6) {
        const char* shape = family == AF_INET ? "a.b.c.d:port" : "[v6addr]:port";
        if (text.empty()) {
            return fail(inputError(SL_TR("socklab", "parse address"), "\"\"",
                                   trArgs(SL_TR("socklab", "address is empty: write %1"), shape)));
        }
        auto hp = splitHostPort(text);
        if (!hp) {
            return fail(hp.error());
        }
        if (!hp->host.empty() && !isNumericHost(hp->host) && !isUnixText(text)) {
            return fail(
                inputError(SL_TR("socklab", "parse address"), "\"" + std::string(text) + "\"",
                           trArgs(SL_TR("socklab", "'%1' is not a numeric address: write %2 "
                                                   "(host names are resolved when "
                                                   "connecting)"),
                                  hp->host, shape)));
        }
        auto e = Endpoint::parse(text, family);
        if (!e) {
            return e;
        }
        if (hp->port.empty()) {
            return fail(inputError(SL_TR("socklab", "parse address"),
                                   "\"" + std::string(text) + "\"",
                                   trArgs(SL_TR("socklab", "missing port: write %1"), shape)));
        }
        return e;
    }
    return Endpoint::parse(text, family);
}

Status checkDestination(std::string_view typed, const SocketSpec& spec) {
    const std::string text = withPortForPortless(typed, spec);
    const int family = spec.family;
    const bool needsPort = !sockops::isRawType(spec.type) && !sockops::isIcmpEcho(spec) &&
                           !sockops::isUnixFamily(family);
    const auto hasControl = std::any_of(text.begin(), text.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    if (!text.empty() && !hasControl && needsResolution(text, family)) {
        auto hp = splitHostPort(text);
        if (!hp) {
            return fail(hp.error());
        }
        if (hp->port.empty() && hp->host.find(':') != std::string::npos) {
            // "1.2.3.4:5:6" splits as one host (colons, as in a bare IPv6 address) and is no
            // host name: say what the address parser says, not "add a port".
            if (auto e = parseForFamily(text, family); !e) {
                return fail(e.error());
            }
        }
        if (hp->port.empty()) {
            return fail(
                inputError(SL_TR("socklab", "parse address"), "\"" + text + "\"",
                           trArgs(SL_TR("socklab", "missing port: write %1:PORT"), hp->host)));
        }
        if (auto port = parsePort(hp->port); !port) {
            return fail(inputError(SL_TR("socklab", "parse address"), "\"" + text + "\"",
                                   port.error().detail));
        } else if (*port == 0 && needsPort) {
            return fail(inputError(SL_TR("socklab", "parse address"), "\"" + text + "\"",
                                   SL_TR("socklab", "port 0: a datagram needs the peer's port")));
        }
        return {};
    }
    // A control character: Endpoint::parse names it (a host name check would not).
    auto e = hasControl ? Endpoint::parse(text, family) : parseForFamily(text, family);
    if (!e) {
        return fail(e.error());
    }
    if (needsPort && e->port() == 0) {
        return fail(inputError(SL_TR("socklab", "parse address"), "\"" + text + "\"",
                               SL_TR("socklab", "port 0: a datagram needs the peer's port")));
    }
    return {};
}

Result<std::vector<Endpoint>> resolveBlocking(const std::string& text, int family, int socktype,
                                              bool passive) {
    if (family == AF_UNIX || isUnixText(text)) {
        auto e = Endpoint::parse(text, AF_UNIX);
        if (!e) {
            return fail(e.error());
        }
        return std::vector<Endpoint>{*e};
    }
    auto hp = splitHostPort(text);
    if (!hp) {
        return fail(hp.error());
    }
    std::uint16_t port = 0;
    if (!hp->port.empty()) {
        auto p = parsePort(hp->port);
        if (!p) {
            return fail(inputError(SL_TR("socklab", "resolve"), text, p.error().detail));
        }
        port = *p;
    }
    if (!hp->host.empty() && isNumericHost(hp->host)) {
        // Numeric input is parsed here so it never reaches a resolver (and gets our errors).
        auto e = Endpoint::parse(text, family);
        if (!e) {
            return fail(e.error());
        }
        return std::vector<Endpoint>{*e};
    }

    addrinfo hints{};
    hints.ai_family = family == AF_INET || family == AF_INET6 ? family : AF_UNSPEC;
    hints.ai_socktype = socktype;
    hints.ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0);
    const std::string service = std::to_string(port);
    addrinfo* res = nullptr;
    errno = 0;
    const int rc =
        getaddrinfo(hp->host.empty() ? nullptr : hp->host.c_str(), service.c_str(), &hints, &res);
    const int savedErrno = errno;
    if (rc != 0) {
        return fail(gaiError(rc, savedErrno, text));
    }
    std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> guard(res, &freeaddrinfo);

    std::vector<Endpoint> out;
    for (const addrinfo* ai = res; ai != nullptr; ai = ai->ai_next) {
        if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6) {
            continue;
        }
        Endpoint e = Endpoint::fromSockaddr(ai->ai_addr, ai->ai_addrlen);
        // Without a socktype getaddrinfo lists each address once per socket type.
        bool seen = false;
        for (const auto& o : out) {
            seen = seen || o == e;
        }
        if (!seen) {
            out.push_back(e);
        }
    }
    if (out.empty()) {
        return fail(inputError(SL_TR("socklab", "resolve"), text,
                               SL_TR("socklab", "no IPv4 or IPv6 address found")));
    }
    return out;
}

} // namespace socklab
