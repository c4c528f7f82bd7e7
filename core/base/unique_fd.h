#pragma once

#include <utility>

namespace socklab {

/// close(fd) once, without retrying on EINTR (Linux releases the descriptor even then, and a
/// retry could close a descriptor another thread just got). Returns 0, or the errno of close()
/// (a file's delayed write error shows up here). Negative fds are ignored (returns 0).
int closeDescriptor(int fd) noexcept;

/// Sole owner of a file descriptor (socket, epoll, eventfd, file): closes it on destruction, so
/// no error path has to. Move-only; a moved-from UniqueFd is empty (-1).
class UniqueFd {
public:
    UniqueFd() noexcept = default;
    /// Takes ownership of fd (-1 = empty).
    explicit UniqueFd(int fd) noexcept : m_fd(fd) {}
    ~UniqueFd() { reset(); }

    UniqueFd(UniqueFd&& other) noexcept : m_fd(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept {
        if (this != &other) {
            reset(other.release());
        }
        return *this;
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;

    /// The descriptor, still owned here (-1 when empty).
    [[nodiscard]] int get() const noexcept { return m_fd; }
    [[nodiscard]] bool valid() const noexcept { return m_fd >= 0; }
    explicit operator bool() const noexcept { return valid(); }

    /// Give up ownership without closing; the caller now closes it. Leaves this empty.
    [[nodiscard]] int release() noexcept { return std::exchange(m_fd, -1); }
    /// Close the owned descriptor (if any) and own fd instead (-1 = stay empty).
    void reset(int fd = -1) noexcept {
        const int old = std::exchange(m_fd, fd);
        if (old >= 0 && old != fd) {
            closeDescriptor(old);
        }
    }
    /// Close now and report close()'s errno (0 = fine); for files whose last write error
    /// only close() reveals. Leaves this empty.
    [[nodiscard]] int close() noexcept { return closeDescriptor(release()); }

private:
    int m_fd = -1;
};

} // namespace socklab
