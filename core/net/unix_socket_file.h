#pragma once

#include "core/base/result.h"
#include "core/net/endpoint.h"

#include <cstdint>
#include <string>
#include <string_view>

// Binding a Unix path safely: the socket file is created owner-only (or with the mode asked
// for), an existing path is removed only when it is a stale socket file of this user, and on
// close only the file this socket created is removed (see docs/safety.md).
namespace socklab {

/// The mode a Unix socket file gets unless the user asks otherwise: owner read/write only.
inline constexpr std::uint32_t kDefaultUnixMode = 0600;

/// Parse a file mode as typed by a user: octal digits, optionally with a leading 0 ("600",
/// "0660"), at most 0777. Errors name the text:
/// `parse unix mode "0800": expected octal digits 0-7, e.g. 0600 or 660`.
[[nodiscard]] Result<std::uint32_t> parseUnixMode(std::string_view text);
/// "0600": four octal digits.
[[nodiscard]] std::string formatUnixMode(std::uint32_t mode);

/// The socket file a bind created, identified by device and inode, so that a later removal
/// leaves alone a file someone else put at the same path meanwhile.
class UnixSocketFile {
public:
    UnixSocketFile() = default;
    UnixSocketFile(std::string path, std::uint64_t device, std::uint64_t inode)
        : m_path(std::move(path)), m_device(device), m_inode(inode) {}
    [[nodiscard]] bool empty() const { return m_path.empty(); }
    [[nodiscard]] const std::string& path() const { return m_path; }
    /// Unlink the path if it still is this socket file (same st_dev/st_ino); otherwise, or when
    /// it is gone, nothing. Forgets the file either way. True when it unlinked.
    bool removeIfOurs();

private:
    std::string m_path;
    std::uint64_t m_device = 0;
    std::uint64_t m_inode = 0;
};

/// What bindWithSafeguards did besides bind.
struct BindOutcome {
    UnixSocketFile file; ///< the socket file created (Unix paths only)
    /// Non-empty when a stale socket file was removed first: "removed stale socket file
    /// /tmp/x.sock (nobody was listening)".
    std::string note;
};

/// bind(fd, local). For a Unix path: the file is created with mode (through fchmod on the
/// socket before bind, which Linux gives the new inode, so it never exists with a wider
/// mode; then chmod to the exact mode if the umask took bits away). An existing path is
/// unlinked and the bind retried only if it is a socket file owned by this user that refuses
/// connections (nobody listening); anything else fails naming the path and the reason:
/// `bind /tmp/x.sock: Address already in use (EADDRINUSE): a program is listening there`.
/// Other addresses (IP, abstract Unix names) are bound as they are.
[[nodiscard]] Result<BindOutcome> bindWithSafeguards(int fd, const Endpoint& local,
                                                     std::uint32_t mode = kDefaultUnixMode);

/// Test seam: when set, called on the binding thread with the path right after bind()
/// created a Unix socket file, before SockLab touches the file again, so a test can see the
/// mode the file was created with (the post-bind chmod would hide a missing fchmod). nullptr
/// (the default) to unset.
using UnixBindObserver = void (*)(const std::string& path);
void setUnixBindObserverForTests(UnixBindObserver observer);

} // namespace socklab
