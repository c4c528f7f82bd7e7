#include "core/base/error.h"

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
