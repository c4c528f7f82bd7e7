#pragma once

#include "core/base/result.h"
#include "core/net/socket_spec.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace socklab {

/// Socket options SockLab can set and read back.
enum class OptionId : std::uint8_t {
    ReuseAddr = 1,  ///< SO_REUSEADDR (bool)
    ReusePort,      ///< SO_REUSEPORT (bool)
    Broadcast,      ///< SO_BROADCAST (bool)
    KeepAlive,      ///< SO_KEEPALIVE (bool)
    RcvBuf,         ///< SO_RCVBUF (bytes; kernel doubles it, read-back shows effective)
    SndBuf,         ///< SO_SNDBUF (bytes)
    Linger,         ///< SO_LINGER (seconds; -1 = off, 0 = abortive close)
    OobInline,      ///< SO_OOBINLINE (bool)
    TcpNoDelay,     ///< TCP_NODELAY (bool)
    IpTtl,          ///< IP_TTL / IPV6_UNICAST_HOPS (int)
    V6Only,         ///< IPV6_V6ONLY (bool)
    MulticastTtl,   ///< IP_MULTICAST_TTL / IPV6_MULTICAST_HOPS (int)
    MulticastLoop,  ///< IP_MULTICAST_LOOP / IPV6_MULTICAST_LOOP (bool)
    MulticastIf,    ///< IP_MULTICAST_IF / IPV6_MULTICAST_IF (interface index; 0 = default)
    TcpSynCount,    ///< TCP_SYNCNT (SYN retransmissions before connect() gives up; 1..127)
    TcpUserTimeout, ///< TCP_USER_TIMEOUT (ms sent data may stay unacknowledged; 0 = kernel's)
    TcpKeepIdle,    ///< TCP_KEEPIDLE (idle seconds before the first keep-alive probe)
    TcpKeepIntvl,   ///< TCP_KEEPINTVL (seconds between keep-alive probes)
    TcpKeepCnt,     ///< TCP_KEEPCNT (unanswered probes before the connection is dropped)
};

/// Static description of an option for UIs and the CLI.
struct OptionInfo {
    OptionId id;
    std::string_view name;        ///< "SO_REUSEADDR"
    std::string_view cliName;     ///< "reuseaddr"
    std::string_view explanation; ///< one sentence
    bool boolean;                 ///< true: value is 0/1
    bool beforeBind;              ///< only meaningful before bind/connect (e.g. REUSEADDR, V6ONLY)
};

std::span<const OptionInfo> optionCatalog();
const OptionInfo* findOption(OptionId id);
const OptionInfo* findOptionByName(std::string_view name); ///< by name or cliName, any case

/// A requested value: ints for everything (bools are 0/1, Linger is seconds or -1).
struct OptionSetting {
    OptionId id;
    int value = 0;
};

/// An option as typed, "name=value" (the CLI's -o): the name as findOptionByName takes it, the
/// value an integer, or on/off/true/false/yes/no for flags ("reuseaddr" alone is on). Errors:
/// `parse -o "nagle=1": unknown option "nagle" (see socklab-cli catalog)`,
/// `parse -o rcvbuf "x": not an integer`, `parse -o ttl "-5": out of range -1..2147483647`.
[[nodiscard]] Result<OptionSetting> parseOptionSetting(std::string_view text);

/// What was asked and what the kernel reports afterwards (getsockopt).
struct OptionReadback {
    OptionId id;
    int requested = 0;
    int effective = 0;
    /// false: nobody set the option, effective is the kernel's own value (requested is 0).
    bool wasSet = true;
    /// Read-only rows: getsockopt failed, so there is no effective value, only this error.
    std::optional<Error> error;
};

/// Whether the option means something on a socket(spec): TCP_NODELAY only on TCP, IPV6_V6ONLY
/// only on AF_INET6, multicast only on IPv4/IPv6 datagram sockets, no IP option on AF_UNIX...
bool optionApplies(OptionId id, const SocketSpec& spec);
/// Why it does not ("Nagle's algorithm exists only in TCP."); empty when it applies.
std::string_view whyOptionDoesNotApply(OptionId id, const SocketSpec& spec);

/// setsockopt on fd (family decides IPv4 vs IPv6 level), then getsockopt to read back.
/// Error example: "setsockopt SO_RCVBUF=100 on fd 7: Invalid argument (EINVAL)".
/// family 0 asks the socket (SO_DOMAIN). Negative buffer sizes and Linger < -1 fail with EINVAL
/// before the call: the kernel would silently clamp them instead of refusing.
Result<OptionReadback> applyOption(int fd, int family, const OptionSetting& setting);
/// getsockopt only. IPv4 reports the multicast interface by address; it is mapped back to its
/// index (0 when unset or when the interface has no IPv4 address).
Result<int> readOption(int fd, int family, OptionId id);

/// TCP_INFO snapshot of a connected TCP socket.
struct TcpInfoSnapshot {
    std::uint8_t state = 0; ///< TCP_ESTABLISHED...
    std::uint32_t rttUs = 0;
    std::uint32_t rttVarUs = 0;
    std::uint32_t sndCwnd = 0; ///< segments
    std::uint32_t sndMss = 0;
    std::uint32_t retransmits = 0;  ///< current retransmit count (tcpi_retransmits)
    std::uint32_t totalRetrans = 0; ///< tcpi_total_retrans
    std::uint32_t unacked = 0;      ///< segments sent but not acknowledged
    std::uint64_t bytesAcked = 0;
    std::uint64_t bytesReceived = 0;
};
Result<TcpInfoSnapshot> readTcpInfo(int fd);

} // namespace socklab
