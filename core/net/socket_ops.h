#pragma once

#include "core/base/result.h"
#include "core/base/unique_fd.h"
#include "core/net/endpoint.h"
#include "core/net/socket_spec.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

// The thin syscall layer: every socket syscall the engine makes goes through here, and every
// failure comes back as an Error naming the operation and its object
// ("connect 127.0.0.1:9: Connection refused (ECONNREFUSED)"). Sockets are always non-blocking
// and close-on-exec. This header deliberately does not include <sys/socket.h>.
namespace socklab::sockops {

/// Outcome of one non-blocking transfer: bytes moved, "would block", or orderly EOF.
struct Io {
    std::size_t bytes = 0;
    bool wouldBlock = false; ///< EAGAIN/EWOULDBLOCK: nothing moved
    bool eof = false;        ///< recv returned 0 on a connection-oriented socket
};

/// A socket accepted by accept4 (non-blocking, close-on-exec).
struct Accepted {
    UniqueFd fd;
    Endpoint peer;
};

/// One datagram of a recvBatch call; its bytes start at slot * slotBytes in the buffer.
struct Datagram {
    std::size_t length = 0;     ///< bytes stored in the slot
    std::size_t wireLength = 0; ///< true datagram length (> length when truncated)
    bool truncated = false;     ///< MSG_TRUNC
    Endpoint peer;
    /// The socket's cumulative kernel drop count (SO_RXQ_OVFL), when the kernel attached it:
    /// it does so once the count is non-zero and enableDropCounter() was called.
    std::optional<std::uint32_t> kernelDrops;
};

/// socket(spec) with SOCK_NONBLOCK|SOCK_CLOEXEC, owned by the result. Object in errors:
/// describe(spec).
Result<UniqueFd> openSocket(const SocketSpec& spec);
Status bindTo(int fd, const Endpoint& local);
Status listenOn(int fd, int backlog, std::string_view object);
/// AF_UNIX autobind: give an unbound socket a unique abstract name, so that a datagram peer
/// can answer it.
Status autobindUnix(int fd, std::string_view object);
/// accept4 one connection; nullopt when none is pending. EMFILE/ENFILE come back as errors.
Result<std::optional<Accepted>> acceptOne(int listenFd, std::string_view object);
/// Start a non-blocking connect. true: connected at once; false: in progress (wait writable).
Result<bool> connectStart(int fd, const Endpoint& remote);
/// connect(AF_UNSPEC): dissolve a datagram socket's association.
Status disconnect(int fd, std::string_view object);
/// SO_ERROR, which also clears it. 0 = no pending error.
int takePendingError(int fd);

/// send(MSG_NOSIGNAL [|MSG_OOB]).
Result<Io> sendSome(int fd, std::span<const std::byte> bytes, bool oob, std::string_view object);
/// recv([MSG_OOB]); eof set when recv returned 0 (stream/seqpacket).
Result<Io> recvSome(int fd, std::span<std::byte> buffer, bool oob, std::string_view object);
/// recvmsg into first, then second (a scatter read: one system call fills both); eof as recvSome.
Result<Io> recvScatter(int fd, std::span<std::byte> first, std::span<std::byte> second,
                       std::string_view object);
/// sendto (dest == nullptr or empty: send() to the connected peer).
Result<Io> sendTo(int fd, std::span<const std::byte> bytes, const Endpoint* dest,
                  std::string_view object);
/// recvmmsg with MSG_TRUNC into out.size() slots of slotBytes each; returns how many arrived
/// (0 = would block). Each Datagram reports the sender and the true length.
Result<std::size_t> recvBatch(int fd, std::span<std::byte> buffer, std::size_t slotBytes,
                              std::span<Datagram> out, std::string_view object);

/// SO_RXQ_OVFL: recvBatch then reports the kernel's drop counter with each datagram.
Status enableDropCounter(int fd, std::string_view object);
/// True for an IPv4 address the kernel treats as broadcast: 255.255.255.255, or the all-ones
/// host part of a local interface's subnet (127.255.255.255 on lo, 192.0.2.255 on a /24).
bool isBroadcastAddress(const Endpoint& address);

Status shutdownWrite(int fd, std::string_view object);
/// SO_LINGER {1, 0}: the next close() sends RST instead of FIN.
Status setAbortiveLinger(int fd, std::string_view object);
/// getsockname / getpeername; empty Endpoint on failure.
Endpoint localAddress(int fd);
Endpoint peerAddress(int fd);
/// FIONREAD: bytes (stream) or next datagram size (datagram) readable now.
Result<int> bytesReadable(int fd, std::string_view object);
/// SIOCATMARK: true when the read pointer is at the urgent mark.
bool atUrgentMark(int fd);
/// SO_TYPE (SOCK_STREAM, SOCK_RAW...), 0 on failure.
int socketType(int fd);
/// SO_OOBINLINE currently on.
bool oobInline(int fd);
/// IP_ADD/DROP_MEMBERSHIP or IPV6_JOIN/LEAVE_GROUP. iface: name ("lo"), IPv4 address, or "".
Status multicastMembership(int fd, const Endpoint& group, std::string_view iface, bool join);

// Facts about socket() numbers, so sessions need no socket headers.
bool isUnixFamily(int family);
bool isInet6Family(int family);
bool isSeqpacketType(int type);
bool isRawType(int type);
bool isPlainDatagramType(int type); ///< SOCK_DGRAM
/// (AF_INET, *, IPPROTO_ICMP) or (AF_INET6, *, IPPROTO_ICMPV6).
bool isIcmpEcho(const SocketSpec& spec);
int rawType();     ///< SOCK_RAW
int inet4Family(); ///< AF_INET

} // namespace socklab::sockops
