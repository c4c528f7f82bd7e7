#include "core/capture/spill_file.h"

#include "core/base/translate.h"
#include "core/capture/traffic_store.h"
#include "core/codec/codec_util.h"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace socklab {

Status checkSpillDirectoryTyped(const std::string& dir) {
    if (dir.empty()) {
        return {};
    }
    const auto bad = [&](std::string what) -> Status {
        return fail(inputError(SL_TR("socklab", "open spill file in"),
                               codec_detail::quotedInput(dir), std::move(what)));
    };
    for (std::size_t i = 0; i < dir.size(); ++i) {
        const auto b = static_cast<unsigned char>(dir[i]);
        if (b < 0x20 || b == 0x7f) {
            return bad(trArgs(SL_TR("socklab", "control character %1 at position %2"),
                              codec_detail::describeChar(dir[i]), i));
        }
    }
    if (dir.front() != '/') {
        return bad(SL_TR("socklab", "not an absolute path (write /path/to/dir)"));
    }
    // What the file's creation would say, asked without creating one.
    struct stat st {};
    int err = 0;
    if (::stat(dir.c_str(), &st) != 0) {
        err = errno;
    } else if (!S_ISDIR(st.st_mode)) {
        err = ENOTDIR;
    } else if (::access(dir.c_str(), W_OK | X_OK) != 0) {
        err = errno;
    }
    if (err != 0) {
        return fail(sysError(err, SL_TR("socklab", "open spill file in"), dir));
    }
    return {};
}

Status checkSpillDirectory(const std::string& dir) {
    if (Status typed = checkSpillDirectoryTyped(dir); !typed || dir.empty()) {
        return typed;
    }
    detail::SpillFile probe; // unlinked already: closing it removes it
    return probe.open(dir);
}

} // namespace socklab

namespace socklab::detail {

Status SpillFile::open(const std::string& dir) {
    std::string where = dir;
    if (where.empty()) {
        const char* tmp = std::getenv("TMPDIR");
        where = (tmp && *tmp) ? tmp : "/tmp";
    }
    m_location = where;
    int fd = -1;
#ifdef O_TMPFILE
    fd = ::open(where.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) {
        m_fd.reset(fd);
        return {};
    }
    // Filesystems without O_TMPFILE support (EOPNOTSUPP, EISDIR on old kernels) fall through.
    if (errno == ENOENT || errno == EACCES || errno == ENOTDIR) {
        const int err = errno; // read before the translator runs
        return fail(sysError(err, SL_TR("socklab", "open spill file in"), where));
    }
#endif
    std::string pattern = where + "/socklab-spill-XXXXXX";
    fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd < 0) {
        const int err = errno; // read before the translator runs
        return fail(sysError(err, SL_TR("socklab", "open spill file in"), where));
    }
    m_fd.reset(fd);
    ::unlink(pattern.c_str());
    return {};
}

Status SpillFile::writeAt(std::uint64_t offset, std::span<const std::byte> data) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::pwrite(m_fd.get(), data.data() + done, data.size() - done,
                                   static_cast<off_t>(offset + done));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int err = errno; // read before the translator runs
            return fail(sysError(err, SL_TR("socklab", "write spill file in"), m_location));
        }
        done += static_cast<std::size_t>(n);
    }
    return {};
}

Status SpillFile::readAt(std::uint64_t offset, std::span<std::byte> out) const {
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::pread(m_fd.get(), out.data() + done, out.size() - done,
                                  static_cast<off_t>(offset + done));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int err = errno; // read before the translator runs
            return fail(sysError(err, SL_TR("socklab", "read spill file in"), m_location));
        }
        if (n == 0) {
            return fail(sysError(EIO, SL_TR("socklab", "read spill file in"), m_location,
                                 SL_TR("socklab", "unexpected end of file")));
        }
        done += static_cast<std::size_t>(n);
    }
    return {};
}

void SpillFile::release(std::uint64_t offset, std::uint64_t len) {
#ifdef FALLOC_FL_PUNCH_HOLE
    // Best effort: the slot is reused anyway; punching just returns space early.
    (void)::fallocate(m_fd.get(), FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                      static_cast<off_t>(offset), static_cast<off_t>(len));
#else
    (void)offset;
    (void)len;
#endif
}

} // namespace socklab::detail
