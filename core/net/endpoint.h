#pragma once

#include "core/base/result.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

struct sockaddr; // opaque here: consumers of this header never need <sys/socket.h>

namespace socklab {

/// What kind of address an Endpoint holds.
enum class AddressKind : std::uint8_t {
    None = 0,     ///< empty / not set
    Inet4 = 1,    ///< AF_INET address + port
    Inet6,        ///< AF_INET6 address + port (+ scope id)
    UnixPath,     ///< AF_UNIX filesystem path
    UnixAbstract, ///< AF_UNIX Linux abstract name (shown as "@name")
    UnixUnnamed,  ///< AF_UNIX unbound/unnamed socket (e.g. an autobind peer)
    Other,        ///< another family (AF_PACKET...), kept as raw bytes
};

/// A socket address (sockaddr_storage + length) with text parsing and formatting.
/// Formats: "127.0.0.1:80", "[::1]:80", "[fe80::1%eth0]:80", "/tmp/s.sock", "@name",
/// "(unnamed)" (an AF_UNIX socket without a name; not parseable).
class Endpoint {
public:
    Endpoint() = default;

    /// Parse a numeric address (no DNS). family: 0 = infer from text, else AF_INET/AF_INET6/
    /// AF_UNIX. Accepts "ip:port", "[ipv6%scope]:port" and a host without port (port 0; bare
    /// IPv6 "::1" only this way). Unix: with family 0 text starting with '/' or '.' is a path;
    /// with AF_UNIX any text is; "@x" is an abstract name. Errors name the text and what is wrong:
    /// `parse address "1.2.3.4:70000": port 70000 out of range 0-65535`.
    static Result<Endpoint> parse(std::string_view text, int family = 0);

    /// Build from a kernel sockaddr (accept, recvfrom, getsockname).
    static Endpoint fromSockaddr(const sockaddr* sa, std::size_t len);
    /// Same, for a socket of family socketFamily: recvfrom/recvmsg on AF_UNIX report an unbound
    /// sender with length 0 (no family written), which becomes UnixUnnamed instead of empty.
    static Endpoint fromSockaddr(const sockaddr* sa, std::size_t len, int socketFamily);
    /// An AF_UNIX socket that has no name (unbound, or an unbound peer).
    static Endpoint unixUnnamed();

    /// IPv4/IPv6 helpers.
    static Endpoint loopback4(std::uint16_t port);
    static Endpoint loopback6(std::uint16_t port);
    static Endpoint any4(std::uint16_t port);
    static Endpoint any6(std::uint16_t port);
    /// Unix helpers; fail when the path exceeds sun_path (107 bytes + NUL).
    static Result<Endpoint> unixPath(std::string_view path);
    static Result<Endpoint> unixAbstract(std::string_view name);

    [[nodiscard]] AddressKind kind() const { return m_kind; }
    [[nodiscard]] bool empty() const { return m_kind == AddressKind::None; }
    [[nodiscard]] int family() const;         ///< AF_* value, 0 when empty
    [[nodiscard]] std::uint16_t port() const; ///< host order; 0 for non-IP
    void setPort(std::uint16_t port);         ///< no-op for non-IP
    [[nodiscard]] std::string host() const;   ///< "127.0.0.1", "::1", "fe80::1%eth0", path, "@name"
    [[nodiscard]] std::string toString() const; ///< full text form (see class comment)
    [[nodiscard]] bool isLoopback() const;
    [[nodiscard]] bool isMulticast() const;
    /// The IP address in network byte order: 4 bytes (Inet4), 16 (Inet6), else empty.
    [[nodiscard]] std::span<const std::byte> addressBytes() const;

    [[nodiscard]] const sockaddr* data() const;
    [[nodiscard]] sockaddr* data();
    [[nodiscard]] std::size_t size() const { return m_len; }
    /// Set the length after the kernel filled data() (e.g. recvfrom); recomputes kind().
    void setSize(std::size_t len);
    /// Same, knowing the receiving socket's family (see fromSockaddr with socketFamily).
    void setSize(std::size_t len, int socketFamily);
    static constexpr std::size_t capacity() { return kStorage; }

    friend bool operator==(const Endpoint& a, const Endpoint& b);

private:
    static constexpr std::size_t kStorage = 128; // sizeof(sockaddr_storage)
    alignas(8) std::array<std::byte, kStorage> m_storage{};
    std::size_t m_len = 0;
    AddressKind m_kind = AddressKind::None;
};

/// Split "host:port" / "[v6]:port" / "host" into parts without resolving. Port may be empty.
struct HostPort {
    std::string host;
    std::string port;
};
Result<HostPort> splitHostPort(std::string_view text);

/// Parse a port number 0..65535; error text says what was wrong.
Result<std::uint16_t> parsePort(std::string_view text);

} // namespace socklab
