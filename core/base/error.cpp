#include "core/base/error.h"

#include "core/base/translate.h"

#include <cerrno>
#include <cstring>

namespace socklab {

namespace {

struct ErrnoEntry {
    int value;
    const char* name;
};

// Only the errnos a socket tool meets; anything else prints as E?<n>.
constexpr ErrnoEntry kErrnos[] = {
    {EPERM, "EPERM"},
    {ENOENT, "ENOENT"},
    {ENXIO, "ENXIO"},
    {EINTR, "EINTR"},
    {EIO, "EIO"},
    {EBADF, "EBADF"},
    {EAGAIN, "EAGAIN"},
    {ENOMEM, "ENOMEM"},
    {EACCES, "EACCES"},
    {EFAULT, "EFAULT"},
    {EBUSY, "EBUSY"},
    {EEXIST, "EEXIST"},
    {ENODEV, "ENODEV"},
    {ENOTDIR, "ENOTDIR"},
    {EISDIR, "EISDIR"},
    {EINVAL, "EINVAL"},
    {ENFILE, "ENFILE"},
    {EMFILE, "EMFILE"},
    {ENOSPC, "ENOSPC"},
    {EROFS, "EROFS"},
    {EPIPE, "EPIPE"},
    {ERANGE, "ERANGE"},
    {ENAMETOOLONG, "ENAMETOOLONG"},
    {ENOSYS, "ENOSYS"},
    {ENOTSOCK, "ENOTSOCK"},
    {EDESTADDRREQ, "EDESTADDRREQ"},
    {EMSGSIZE, "EMSGSIZE"},
    {EPROTOTYPE, "EPROTOTYPE"},
    {ENOPROTOOPT, "ENOPROTOOPT"},
    {EPROTONOSUPPORT, "EPROTONOSUPPORT"},
    {ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT"},
    {EOPNOTSUPP, "EOPNOTSUPP"},
    {EPFNOSUPPORT, "EPFNOSUPPORT"},
    {EAFNOSUPPORT, "EAFNOSUPPORT"},
    {EADDRINUSE, "EADDRINUSE"},
    {EADDRNOTAVAIL, "EADDRNOTAVAIL"},
    {ENETDOWN, "ENETDOWN"},
    {ENETUNREACH, "ENETUNREACH"},
    {ENETRESET, "ENETRESET"},
    {ECANCELED, "ECANCELED"},
    {EFBIG, "EFBIG"},
    {ECONNABORTED, "ECONNABORTED"},
    {ECONNRESET, "ECONNRESET"},
    {ENOBUFS, "ENOBUFS"},
    {EISCONN, "EISCONN"},
    {ENOTCONN, "ENOTCONN"},
    {ESHUTDOWN, "ESHUTDOWN"},
    {ETIMEDOUT, "ETIMEDOUT"},
    {ECONNREFUSED, "ECONNREFUSED"},
    {EHOSTDOWN, "EHOSTDOWN"},
    {EHOSTUNREACH, "EHOSTUNREACH"},
    {EALREADY, "EALREADY"},
    {EINPROGRESS, "EINPROGRESS"},
    {ENOTSUP == EOPNOTSUPP ? 0 : ENOTSUP, "ENOTSUP"},
};

// glibc's English strerror() texts for the errnos above (ENOTSUP is EOPNOTSUPP on Linux), so
// the GUI can show them in the user's language; empty for any other errno.
std::string knownErrnoText(int err) {
    switch (err) {
    case EPERM:
        return SL_TR("socklab", "Operation not permitted");
    case ENOENT:
        return SL_TR("socklab", "No such file or directory");
    case ENXIO:
        return SL_TR("socklab", "No such device or address");
    case EINTR:
        return SL_TR("socklab", "Interrupted system call");
    case EIO:
        return SL_TR("socklab", "Input/output error");
    case EBADF:
        return SL_TR("socklab", "Bad file descriptor");
    case EAGAIN:
        return SL_TR("socklab", "Resource temporarily unavailable");
    case ENOMEM:
        return SL_TR("socklab", "Cannot allocate memory");
    case EACCES:
        return SL_TR("socklab", "Permission denied");
    case EFAULT:
        return SL_TR("socklab", "Bad address");
    case EBUSY:
        return SL_TR("socklab", "Device or resource busy");
    case EEXIST:
        return SL_TR("socklab", "File exists");
    case ENODEV:
        return SL_TR("socklab", "No such device");
    case ENOTDIR:
        return SL_TR("socklab", "Not a directory");
    case EISDIR:
        return SL_TR("socklab", "Is a directory");
    case EINVAL:
        return SL_TR("socklab", "Invalid argument");
    case ENFILE:
        return SL_TR("socklab", "Too many open files in system");
    case EMFILE:
        return SL_TR("socklab", "Too many open files");
    case ENOSPC:
        return SL_TR("socklab", "No space left on device");
    case EROFS:
        return SL_TR("socklab", "Read-only file system");
    case EPIPE:
        return SL_TR("socklab", "Broken pipe");
    case ERANGE:
        return SL_TR("socklab", "Numerical result out of range");
    case ENAMETOOLONG:
        return SL_TR("socklab", "File name too long");
    case ENOSYS:
        return SL_TR("socklab", "Function not implemented");
    case ENOTSOCK:
        return SL_TR("socklab", "Socket operation on non-socket");
    case EDESTADDRREQ:
        return SL_TR("socklab", "Destination address required");
    case EMSGSIZE:
        return SL_TR("socklab", "Message too long");
    case EPROTOTYPE:
        return SL_TR("socklab", "Protocol wrong type for socket");
    case ENOPROTOOPT:
        return SL_TR("socklab", "Protocol not available");
    case EPROTONOSUPPORT:
        return SL_TR("socklab", "Protocol not supported");
    case ESOCKTNOSUPPORT:
        return SL_TR("socklab", "Socket type not supported");
    case EOPNOTSUPP:
        return SL_TR("socklab", "Operation not supported");
    case EPFNOSUPPORT:
        return SL_TR("socklab", "Protocol family not supported");
    case EAFNOSUPPORT:
        return SL_TR("socklab", "Address family not supported by protocol");
    case EADDRINUSE:
        return SL_TR("socklab", "Address already in use");
    case EADDRNOTAVAIL:
        return SL_TR("socklab", "Cannot assign requested address");
    case ENETDOWN:
        return SL_TR("socklab", "Network is down");
    case ENETUNREACH:
        return SL_TR("socklab", "Network is unreachable");
    case ENETRESET:
        return SL_TR("socklab", "Network dropped connection on reset");
    case ECANCELED:
        return SL_TR("socklab", "Operation canceled");
    case EFBIG:
        return SL_TR("socklab", "File too large");
    case ECONNABORTED:
        return SL_TR("socklab", "Software caused connection abort");
    case ECONNRESET:
        return SL_TR("socklab", "Connection reset by peer");
    case ENOBUFS:
        return SL_TR("socklab", "No buffer space available");
    case EISCONN:
        return SL_TR("socklab", "Transport endpoint is already connected");
    case ENOTCONN:
        return SL_TR("socklab", "Transport endpoint is not connected");
    case ESHUTDOWN:
        return SL_TR("socklab", "Cannot send after transport endpoint shutdown");
    case ETIMEDOUT:
        return SL_TR("socklab", "Connection timed out");
    case ECONNREFUSED:
        return SL_TR("socklab", "Connection refused");
    case EHOSTDOWN:
        return SL_TR("socklab", "Host is down");
    case EHOSTUNREACH:
        return SL_TR("socklab", "No route to host");
    case EALREADY:
        return SL_TR("socklab", "Operation already in progress");
    case EINPROGRESS:
        return SL_TR("socklab", "Operation now in progress");
    default:
        return {};
    }
}

} // namespace

std::string errnoName(int err) {
    for (const auto& e : kErrnos) {
        if (e.value == err && e.value != 0) {
            return e.name;
        }
    }
    return "E?" + std::to_string(err);
}

std::string errnoText(int err) {
    if (std::string known = knownErrnoText(err); !known.empty()) {
        return known;
    }
    char buf[256];
    // GNU strerror_r may return a static string instead of filling buf.
    const char* text = strerror_r(err, buf, sizeof buf);
    return text ? std::string(text) : std::string("Unknown error ") + std::to_string(err);
}

int Error::sysErrno() const {
    if (code && (code.category() == std::generic_category() ||
                 code.category() == std::system_category())) {
        return code.value();
    }
    return 0;
}

std::string Error::message() const {
    std::string out = op;
    if (!object.empty()) {
        out += (out.empty() ? "" : " ") + object;
    }
    const int err = sysErrno();
    std::string cause;
    if (err != 0) {
        cause = errnoText(err) + " (" + errnoName(err) + ")";
    } else if (code) {
        cause = code.message();
    }
    if (!detail.empty()) {
        cause = cause.empty() ? detail : cause + ": " + detail;
    }
    if (!cause.empty()) {
        out += (out.empty() ? "" : ": ") + cause;
    }
    return out;
}

Error sysError(int err, std::string op, std::string object, std::string detail) {
    return Error{std::error_code(err, std::generic_category()), std::move(op), std::move(object),
                 std::move(detail)};
}

Error inputError(std::string op, std::string object, std::string detail) {
    return Error{{}, std::move(op), std::move(object), std::move(detail)};
}

} // namespace socklab
