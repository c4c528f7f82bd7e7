#include "core/base/unique_fd.h"

#include <cerrno>
#include <unistd.h>

namespace socklab {

int closeDescriptor(int fd) noexcept {
    if (fd < 0) {
        return 0;
    }
    if (::close(fd) == 0) {
        return 0;
    }
    // EINTR: the descriptor is gone on Linux; not an error worth reporting, never a retry.
    return errno == EINTR ? 0 : errno;
}

} // namespace socklab
