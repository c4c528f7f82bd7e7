#include "core/capture/export_file.h"

#include "core/base/translate.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace socklab::detail {

namespace {
constexpr std::size_t kBufferBytes = 256u << 10;
}

ExportFile::ExportFile(std::string op, std::string path)
    : m_op(std::move(op)), m_path(std::move(path)), m_partPath(m_path + ".part") {
    m_buf.reserve(kBufferBytes);
}

ExportFile::~ExportFile() {
    discard();
}

bool ExportFile::openSpecial() {
    struct stat st {};
    if (::stat(m_path.c_str(), &st) != 0 || S_ISREG(st.st_mode)) {
        return false;
    }
    // A device or FIFO (/dev/null, a pipe): nothing to replace, write to it directly.
    m_direct = true;
    if (S_ISFIFO(st.st_mode)) {
        // O_WRONLY alone would wait (forever) for a reader: O_NONBLOCK fails at once (ENXIO)
        // instead; once open, writes block as on any pipe.
        const int fd = ::open(m_path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            m_openError = errno;
            if (errno == ENXIO) {
                m_openDetail = SL_TR("socklab", "no process reads the FIFO");
            }
            return true;
        }
        m_fd.reset(fd);
        const int flags = ::fcntl(fd, F_GETFL);
        if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
            m_openError = errno;
            m_fd.reset();
        }
        return true;
    }
    m_fd.reset(::open(m_path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC));
    if (!m_fd) {
        m_openError = errno;
    }
    return true;
}

Status ExportFile::openFailed() {
    return fail(sysError(m_openError, m_op, m_path, m_openDetail));
}

Status ExportFile::open() {
    if (!openSpecial()) {
        m_fd.reset(::open(m_partPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        m_partExists = m_fd.valid();
        m_openError = errno;
    }
    if (!m_fd) {
        return openFailed();
    }
    return {};
}

Status ExportFile::openNew(bool numbered) {
    // A numbered name is ours to make: whatever is there (a FIFO, a directory, a device) is
    // someone else's, and O_EXCL says EEXIST for it, so the caller takes the next number.
    if (numbered || !openSpecial()) {
        m_live = true;
        m_fd.reset(::open(m_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
        m_openError = errno;
    }
    if (!m_fd) {
        return openFailed();
    }
    return {};
}

Status ExportFile::flushNow() {
    if (!m_error && !m_fd) {
        m_error = sysError(EBADF, m_op, m_path, SL_TR("socklab", "not open"));
    }
    flush();
    if (m_error) {
        return fail(*m_error);
    }
    return {};
}

void ExportFile::write(std::span<const std::byte> data) {
    if (m_error) {
        return;
    }
    if (m_buf.size() + data.size() > kBufferBytes) {
        flush();
    }
    m_buf.insert(m_buf.end(), data.begin(), data.end());
    m_bytes += data.size();
}

void ExportFile::write(std::string_view text) {
    write(std::as_bytes(std::span(text.data(), text.size())));
}

void ExportFile::flush() {
    std::size_t done = 0;
    while (!m_error && done < m_buf.size()) {
        const ssize_t n = ::write(m_fd.get(), m_buf.data() + done, m_buf.size() - done);
        if (n < 0) {
            if (errno != EINTR) {
                m_error = sysError(errno, m_op, m_path);
            }
            continue;
        }
        done += static_cast<std::size_t>(n);
    }
    if (m_error && m_live) {
        // No half block at the end: the file stays readable up to the previous flush.
        (void)::ftruncate(m_fd.get(), static_cast<off_t>(m_flushed));
    } else if (!m_error) {
        m_flushed += m_buf.size();
    }
    m_buf.clear();
}

Status ExportFile::finish() {
    if (!m_fd) {
        return fail(sysError(EBADF, m_op, m_path, SL_TR("socklab", "not open")));
    }
    flush();
    if (!m_error && !m_direct && ::fsync(m_fd.get()) != 0) {
        m_error = sysError(errno, m_op, m_path);
    }
    // NFS and friends report write errors only here.
    if (const int closeErr = m_fd.close(); !m_error && closeErr != 0) {
        m_error = sysError(closeErr, m_op, m_path);
    }
    if (!m_error && !m_direct && !m_live && std::rename(m_partPath.c_str(), m_path.c_str()) != 0) {
        const int err = errno; // read before the translator runs
        m_error =
            sysError(err, m_op, m_path, trArgs(SL_TR("socklab", "rename from %1"), m_partPath));
    }
    if (m_error) {
        discard();
        return fail(*m_error);
    }
    m_partExists = false; // it is <path> now
    return {};
}

void ExportFile::discard() {
    m_fd.reset();
    if (m_partExists) {
        ::unlink(m_partPath.c_str());
        m_partExists = false;
    }
    m_buf.clear();
}

} // namespace socklab::detail
