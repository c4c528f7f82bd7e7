#include "core/net/endpoint.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cstddef>
#include <cstring>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

namespace socklab {

static_assert(sizeof(sockaddr_storage) == 128, "Endpoint storage must hold sockaddr_storage");
static_assert(alignof(sockaddr_storage) <= 8);

namespace {

constexpr std::size_t kSunPathOffset = offsetof(sockaddr_un, sun_path);

std::string scopeName(std::uint32_t scope) {
    char name[IF_NAMESIZE] = {};
    if (if_indextoname(scope, name) != nullptr) {
        return name;
    }
    return std::to_string(scope);
}

} // namespace

Endpoint Endpoint::loopback4(std::uint16_t port) {
    Endpoint e;
    auto* in = reinterpret_cast<sockaddr_in*>(e.m_storage.data());
    in->sin_family = AF_INET;
    in->sin_port = htons(port);
    in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    e.m_len = sizeof(sockaddr_in);
    e.m_kind = AddressKind::Inet4;
    return e;
}

Endpoint Endpoint::any4(std::uint16_t port) {
    Endpoint e = loopback4(port);
    reinterpret_cast<sockaddr_in*>(e.m_storage.data())->sin_addr.s_addr = htonl(INADDR_ANY);
    return e;
}

Endpoint Endpoint::loopback6(std::uint16_t port) {
    Endpoint e;
    auto* in6 = reinterpret_cast<sockaddr_in6*>(e.m_storage.data());
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(port);
    in6->sin6_addr = in6addr_loopback;
    e.m_len = sizeof(sockaddr_in6);
    e.m_kind = AddressKind::Inet6;
    return e;
}

Endpoint Endpoint::any6(std::uint16_t port) {
    Endpoint e = loopback6(port);
    reinterpret_cast<sockaddr_in6*>(e.m_storage.data())->sin6_addr = in6addr_any;
    return e;
}

Endpoint Endpoint::fromSockaddr(const sockaddr* sa, std::size_t len) {
    Endpoint e;
    if (sa == nullptr || len < sizeof(sa_family_t)) {
        return e;
    }
    len = std::min(len, kStorage);
    std::memcpy(e.m_storage.data(), sa, len);
    e.m_len = len;
    sa_family_t fam = 0;
    std::memcpy(&fam, sa, sizeof fam);
    switch (fam) {
    case AF_INET:
        e.m_kind = len >= sizeof(sockaddr_in) ? AddressKind::Inet4 : AddressKind::Other;
        break;
    case AF_INET6:
        e.m_kind = len >= sizeof(sockaddr_in6) ? AddressKind::Inet6 : AddressKind::Other;
        break;
    case AF_UNIX: {
        if (len <= kSunPathOffset) {
            // accept/recvfrom of an unbound peer report only the family.
            e.m_kind = AddressKind::UnixUnnamed;
            e.m_len = sizeof(sa_family_t);
            break;
        }
        len = std::min(len, sizeof(sockaddr_un));
        const auto* path = reinterpret_cast<const char*>(e.m_storage.data()) + kSunPathOffset;
        if (path[0] == '\0') {
            e.m_kind = AddressKind::UnixAbstract;
            e.m_len = len;
            // Bytes beyond len came from the kernel's buffer, not the name.
            std::memset(e.m_storage.data() + len, 0, kStorage - len);
            break;
        }
        // Normalize to the length the kernel reports for a bound path: path + NUL.
        const std::size_t n = strnlen(path, len - kSunPathOffset);
        e.m_kind = AddressKind::UnixPath;
        e.m_len = std::min(kSunPathOffset + n + 1, sizeof(sockaddr_un));
        std::memset(e.m_storage.data() + kSunPathOffset + n, 0, kStorage - kSunPathOffset - n);
        break;
    }
    default:
        e.m_kind = AddressKind::Other;
        break;
    }
    return e;
}

Endpoint Endpoint::fromSockaddr(const sockaddr* sa, std::size_t len, int socketFamily) {
    if (socketFamily == AF_UNIX && len < sizeof(sa_family_t)) {
        return unixUnnamed();
    }
    return fromSockaddr(sa, len);
}

Endpoint Endpoint::unixUnnamed() {
    Endpoint e;
    const sa_family_t fam = AF_UNIX;
    std::memcpy(e.m_storage.data(), &fam, sizeof fam);
    e.m_len = sizeof fam;
    e.m_kind = AddressKind::UnixUnnamed;
    return e;
}

void Endpoint::setSize(std::size_t len) {
    const auto copy = m_storage;
    *this = fromSockaddr(reinterpret_cast<const sockaddr*>(copy.data()), len);
}

void Endpoint::setSize(std::size_t len, int socketFamily) {
    const auto copy = m_storage;
    *this = fromSockaddr(reinterpret_cast<const sockaddr*>(copy.data()), len, socketFamily);
}

const sockaddr* Endpoint::data() const {
    return reinterpret_cast<const sockaddr*>(m_storage.data());
}

sockaddr* Endpoint::data() {
    return reinterpret_cast<sockaddr*>(m_storage.data());
}

int Endpoint::family() const {
    if (m_kind == AddressKind::None) {
        return 0;
    }
    sa_family_t fam = 0;
    std::memcpy(&fam, m_storage.data(), sizeof fam);
    return fam;
}

std::uint16_t Endpoint::port() const {
    if (m_kind == AddressKind::Inet4) {
        return ntohs(reinterpret_cast<const sockaddr_in*>(m_storage.data())->sin_port);
    }
    if (m_kind == AddressKind::Inet6) {
        return ntohs(reinterpret_cast<const sockaddr_in6*>(m_storage.data())->sin6_port);
    }
    return 0;
}

void Endpoint::setPort(std::uint16_t port) {
    if (m_kind == AddressKind::Inet4) {
        reinterpret_cast<sockaddr_in*>(m_storage.data())->sin_port = htons(port);
    } else if (m_kind == AddressKind::Inet6) {
        reinterpret_cast<sockaddr_in6*>(m_storage.data())->sin6_port = htons(port);
    }
}

std::string Endpoint::host() const {
    switch (m_kind) {
    case AddressKind::None:
        return {};
    case AddressKind::Inet4: {
        char buf[INET_ADDRSTRLEN] = {};
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(m_storage.data())->sin_addr, buf,
                  sizeof buf);
        return buf;
    }
    case AddressKind::Inet6: {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(m_storage.data());
        char buf[INET6_ADDRSTRLEN] = {};
        inet_ntop(AF_INET6, &in6->sin6_addr, buf, sizeof buf);
        std::string out = buf;
        if (in6->sin6_scope_id != 0) {
            out += "%" + scopeName(in6->sin6_scope_id);
        }
        return out;
    }
    case AddressKind::UnixPath:
        return reinterpret_cast<const char*>(m_storage.data()) + kSunPathOffset;
    case AddressKind::UnixAbstract: {
        const auto* name = reinterpret_cast<const char*>(m_storage.data()) + kSunPathOffset + 1;
        return "@" + std::string(name, m_len - kSunPathOffset - 1);
    }
    case AddressKind::UnixUnnamed:
        return "(unnamed)";
    case AddressKind::Other:
        return "family " + std::to_string(family()) + " (" + std::to_string(m_len) + " bytes)";
    }
    return {};
}

std::string Endpoint::toString() const {
    switch (m_kind) {
    case AddressKind::Inet4:
        return host() + ":" + std::to_string(port());
    case AddressKind::Inet6:
        return "[" + host() + "]:" + std::to_string(port());
    default:
        return host();
    }
}

namespace {

bool isV4Mapped(const in6_addr& a) {
    return IN6_IS_ADDR_V4MAPPED(&a);
}

std::uint32_t mappedV4(const in6_addr& a) {
    std::uint32_t v = 0;
    std::memcpy(&v, a.s6_addr + 12, 4);
    return ntohl(v);
}

} // namespace

bool Endpoint::isLoopback() const {
    if (m_kind == AddressKind::Inet4) {
        const auto v =
            ntohl(reinterpret_cast<const sockaddr_in*>(m_storage.data())->sin_addr.s_addr);
        return (v >> 24) == 127;
    }
    if (m_kind == AddressKind::Inet6) {
        const auto& a = reinterpret_cast<const sockaddr_in6*>(m_storage.data())->sin6_addr;
        return IN6_IS_ADDR_LOOPBACK(&a) || (isV4Mapped(a) && (mappedV4(a) >> 24) == 127);
    }
    return false;
}

bool Endpoint::isMulticast() const {
    if (m_kind == AddressKind::Inet4) {
        const auto v =
            ntohl(reinterpret_cast<const sockaddr_in*>(m_storage.data())->sin_addr.s_addr);
        return (v >> 28) == 0xE;
    }
    if (m_kind == AddressKind::Inet6) {
        const auto& a = reinterpret_cast<const sockaddr_in6*>(m_storage.data())->sin6_addr;
        return IN6_IS_ADDR_MULTICAST(&a) || (isV4Mapped(a) && (mappedV4(a) >> 28) == 0xE);
    }
    return false;
}

std::span<const std::byte> Endpoint::addressBytes() const {
    if (m_kind == AddressKind::Inet4 && m_len >= sizeof(sockaddr_in)) {
        return std::span(m_storage).subspan(offsetof(sockaddr_in, sin_addr), 4);
    }
    if (m_kind == AddressKind::Inet6 && m_len >= sizeof(sockaddr_in6)) {
        return std::span(m_storage).subspan(offsetof(sockaddr_in6, sin6_addr), 16);
    }
    return {};
}

bool operator==(const Endpoint& a, const Endpoint& b) {
    if (a.m_kind != b.m_kind) {
        return false;
    }
    switch (a.m_kind) {
    case AddressKind::None:
    case AddressKind::UnixUnnamed:
        return true;
    case AddressKind::Inet4: {
        // Compare the address fields only: sin_zero is padding.
        const auto* x = reinterpret_cast<const sockaddr_in*>(a.m_storage.data());
        const auto* y = reinterpret_cast<const sockaddr_in*>(b.m_storage.data());
        return x->sin_port == y->sin_port && x->sin_addr.s_addr == y->sin_addr.s_addr;
    }
    case AddressKind::Inet6: {
        const auto* x = reinterpret_cast<const sockaddr_in6*>(a.m_storage.data());
        const auto* y = reinterpret_cast<const sockaddr_in6*>(b.m_storage.data());
        return x->sin6_port == y->sin6_port && x->sin6_scope_id == y->sin6_scope_id &&
               std::memcmp(&x->sin6_addr, &y->sin6_addr, sizeof x->sin6_addr) == 0;
    }
    default:
        return a.m_len == b.m_len &&
               std::memcmp(a.m_storage.data(), b.m_storage.data(), a.m_len) == 0;
    }
}

} // namespace socklab
