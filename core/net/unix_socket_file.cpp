#include "core/net/unix_socket_file.h"

#include "core/base/translate.h"
#include "core/base/unique_fd.h"
#include "core/net/socket_ops.h"
#include "core/net/unix_diag.h"

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <optional>
#include <string>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace socklab {

namespace {

// Why an existing path is left alone, or nullopt when it is a stale socket file of ours that
// may be removed. st: lstat of the path.
std::optional<Error> whyKept(int fd, const Endpoint& local, const struct stat& st) {
    const std::string path = local.host();
    const auto kept = [&](std::string detail) {
        return sysError(EADDRINUSE, "bind", path, std::move(detail));
    };
    if (S_ISLNK(st.st_mode)) {
        return kept(SL_TR("socklab",
                          "it is a symbolic link, not a socket file; SockLab does not delete it"));
    }
    if (S_ISDIR(st.st_mode)) {
        return kept(
            SL_TR("socklab", "it is a directory, not a socket file; SockLab does not delete it"));
    }
    if (!S_ISSOCK(st.st_mode)) {
        return kept(SL_TR("socklab", "it is not a socket file; SockLab does not delete it"));
    }
    if (st.st_uid != ::geteuid()) {
        return kept(trArgs(SL_TR("socklab", "the socket file belongs to another user (uid %1); "
                                            "SockLab does not delete it"),
                           static_cast<unsigned long long>(st.st_uid)));
    }
    // Is anybody there? A socket file whose socket is gone refuses every connect.
    int type = sockops::socketType(fd);
    UniqueFd probe(
        ::socket(AF_UNIX, (type ? type : SOCK_STREAM) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!probe) {
        const int err = errno;
        return kept(trArgs(SL_TR("socklab", "cannot check whether a program uses it (%1); "
                                            "SockLab does not delete it"),
                           errnoName(err)));
    }
    int err = 0;
    if (::connect(probe.get(), local.data(), static_cast<socklen_t>(local.size())) != 0) {
        err = errno;
    }
    if (err == ECONNREFUSED) {
        // Refused also when a program has bound the path and not called listen() yet: stale
        // only if no live socket in the system is bound to this very inode.
        auto bound = unixSocketBoundTo(std::uint64_t(st.st_dev), std::uint64_t(st.st_ino));
        if (!bound) {
            return kept(trArgs(SL_TR("socklab", "cannot check whether a program uses it (%1); "
                                                "SockLab does not delete it"),
                               bound.error().message()));
        }
        if (*bound) {
            return kept(SL_TR("socklab", "a program has it bound but is not listening; SockLab "
                                         "does not delete it"));
        }
        return std::nullopt;
    }
    if (err == 0 || err == EAGAIN || err == EINPROGRESS || err == EPROTOTYPE) {
        return kept(SL_TR("socklab", "a program is listening there"));
    }
    return kept(trArgs(SL_TR("socklab", "cannot check whether a program uses it (connect: %1); "
                                        "SockLab does not delete it"),
                       errnoName(err)));
}

std::atomic<UnixBindObserver> g_bindObserver{nullptr};

Status bindOnce(int fd, const Endpoint& local) {
    if (::bind(fd, local.data(), static_cast<socklen_t>(local.size())) != 0) {
        const int err = errno;
        return fail(sysError(err, "bind", local.toString()));
    }
    return {};
}

} // namespace

Result<std::uint32_t> parseUnixMode(std::string_view text) {
    const auto bad = [&] {
        return fail(inputError(SL_TR("socklab", "parse unix mode"), "\"" + std::string(text) + "\"",
                               SL_TR("socklab", "expected octal digits 0-7, at most 0777, e.g. "
                                                "0600 or 660")));
    };
    if (text.empty() || text.size() > 4) {
        return bad();
    }
    std::uint32_t mode = 0;
    for (char c : text) {
        if (c < '0' || c > '7') {
            return bad();
        }
        mode = mode * 8 + std::uint32_t(c - '0');
    }
    if (mode > 0777) {
        return bad();
    }
    return mode;
}

std::string formatUnixMode(std::uint32_t mode) {
    std::string out(4, '0');
    for (int i = 3; i >= 0; --i) {
        out[std::size_t(i)] = char('0' + (mode & 7));
        mode >>= 3;
    }
    return out;
}

bool UnixSocketFile::removeIfOurs() {
    if (m_path.empty()) {
        return false;
    }
    const std::string path = std::move(m_path);
    m_path.clear();
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISSOCK(st.st_mode) ||
        std::uint64_t(st.st_dev) != m_device || std::uint64_t(st.st_ino) != m_inode) {
        return false; // gone, or another file took the path: not ours to delete
    }
    return ::unlink(path.c_str()) == 0;
}

void setUnixBindObserverForTests(UnixBindObserver observer) {
    g_bindObserver.store(observer);
}

Result<BindOutcome> bindWithSafeguards(int fd, const Endpoint& local, std::uint32_t mode) {
    BindOutcome out;
    if (local.kind() != AddressKind::UnixPath) {
        if (auto st = bindOnce(fd, local); !st) {
            return fail(st.error());
        }
        return out;
    }
    const std::string path = local.host();
    // The new inode takes the socket's own mode (less the umask): it never exists wider.
    if (::fchmod(fd, mode) != 0) {
        const int err = errno;
        return fail(sysError(err, "fchmod " + formatUnixMode(mode), path));
    }
    Status bound = bindOnce(fd, local);
    for (int attempt = 0; !bound && bound.error().sysErrno() == EADDRINUSE && attempt < 2;
         ++attempt) {
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0) {
            // Gone since the bind (ENOENT): try again; anything else: the bind's error stands.
            if (errno != ENOENT) {
                break;
            }
        } else {
            if (auto kept = whyKept(fd, local, st)) {
                return fail(*kept);
            }
            // The probe took time: remove the name only if it is still the very file checked.
            struct stat again {};
            if (::lstat(path.c_str(), &again) != 0 || again.st_dev != st.st_dev ||
                again.st_ino != st.st_ino || !S_ISSOCK(again.st_mode) ||
                again.st_uid != st.st_uid) {
                return fail(sysError(EADDRINUSE, "bind", path,
                                     SL_TR("socklab", "the file changed while SockLab checked "
                                                      "it; SockLab does not delete it")));
            }
            if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
                const int err = errno;
                return fail(sysError(err, "unlink", path,
                                     SL_TR("socklab", "removing a stale socket file")));
            }
            out.note = trArgs(
                SL_TR("socklab", "removed stale socket file %1 (nobody was listening)"), path);
        }
        bound = bindOnce(fd, local);
    }
    if (!bound) {
        return fail(bound.error());
    }
    if (const UnixBindObserver observe = g_bindObserver.load()) {
        observe(path);
    }
    struct stat st {};
    const int statErr = ::lstat(path.c_str(), &st) != 0 ? errno : 0;
    if (statErr != 0 || !S_ISSOCK(st.st_mode)) {
        const int err = statErr != 0 ? statErr : ENOTSOCK;
        return fail(sysError(err, "stat", path, SL_TR("socklab", "the socket file vanished")));
    }
    out.file = UnixSocketFile(path, std::uint64_t(st.st_dev), std::uint64_t(st.st_ino));
    if ((st.st_mode & 07777) != mode) {
        // The umask took bits the user asked for (0660 under umask 022): give them back, to
        // the inode this bind created only (never through a symbolic link or to a file that
        // replaced it): pin it with O_PATH, check it, and change it through /proc/self/fd.
        int err = 0;
        UniqueFd pinned(::open(path.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        struct stat now {};
        if (!pinned || ::fstat(pinned.get(), &now) != 0) {
            err = errno;
        } else if (!S_ISSOCK(now.st_mode) || now.st_dev != st.st_dev || now.st_ino != st.st_ino) {
            err = ENOTSOCK;
        } else if (::chmod(("/proc/self/fd/" + std::to_string(pinned.get())).c_str(), mode) != 0) {
            err = errno;
        }
        if (err != 0) {
            out.file.removeIfOurs();
            return fail(sysError(err, "chmod " + formatUnixMode(mode), path));
        }
    }
    return out;
}

} // namespace socklab
