#include "core/net/unix_diag.h"

#include "core/base/error.h"
#include "core/base/unique_fd.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <unistd.h>

namespace socklab {

namespace {

Error diagError(int err) {
    return sysError(err, "unix_diag", "dump");
}

// The kernel's internal dev_t (MKDEV: major << 20 | minor), as unix_diag reports it.
bool sameDevice(std::uint32_t kernelDev, std::uint64_t statDev) {
    return (kernelDev >> 20) == ::major(statDev) && (kernelDev & 0xfffff) == ::minor(statDev);
}

} // namespace

Result<bool> unixSocketBoundTo(std::uint64_t device, std::uint64_t inode) {
    UniqueFd nl(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
    if (!nl) {
        return fail(diagError(errno));
    }
    // A dump that does not come within 2 s is an error (the caller keeps the file).
    const timeval timeout{2, 0};
    if (::setsockopt(nl.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout) != 0) {
        return fail(diagError(errno));
    }
    struct Request {
        nlmsghdr header;
        unix_diag_req body;
    } request{};
    request.header.nlmsg_len = sizeof request;
    request.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    request.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    request.header.nlmsg_seq = 1;
    request.body.sdiag_family = AF_UNIX;
    request.body.udiag_states = ~0u; // every state: bound but not listening too
    request.body.udiag_show = UDIAG_SHOW_VFS;
    request.body.udiag_cookie[0] = ~0u; // no cookie: every socket
    request.body.udiag_cookie[1] = ~0u;
    if (::send(nl.get(), &request, sizeof request, 0) != ssize_t(sizeof request)) {
        return fail(diagError(errno));
    }
    alignas(nlmsghdr) std::array<char, 32768> buffer{};
    bool found = false;
    for (;;) {
        iovec iov{buffer.data(), buffer.size()};
        msghdr mh{};
        mh.msg_iov = &iov;
        mh.msg_iovlen = 1;
        const ssize_t got = ::recvmsg(nl.get(), &mh, 0);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            return fail(diagError(errno));
        }
        if (got == 0) {
            return fail(diagError(EPROTO));
        }
        if (mh.msg_flags & MSG_TRUNC) {
            return fail(diagError(EMSGSIZE)); // a part of the dump is lost: cannot answer
        }
        int left = int(got);
        for (auto* h = reinterpret_cast<nlmsghdr*>(buffer.data()); NLMSG_OK(h, left);
             h = NLMSG_NEXT(h, left)) {
            if (h->nlmsg_type == NLMSG_DONE) {
                return found;
            }
            if (h->nlmsg_type == NLMSG_ERROR) {
                if (h->nlmsg_len < NLMSG_LENGTH(sizeof(nlmsgerr))) {
                    return fail(diagError(EPROTO));
                }
                const auto* e = static_cast<const nlmsgerr*>(NLMSG_DATA(h));
                return fail(diagError(e->error < 0 ? -e->error : EPROTO));
            }
            if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY ||
                h->nlmsg_len < NLMSG_LENGTH(sizeof(unix_diag_msg))) {
                continue;
            }
            const auto* msg = static_cast<const unix_diag_msg*>(NLMSG_DATA(h));
            int attrLeft = int(h->nlmsg_len - NLMSG_LENGTH(sizeof *msg));
            for (auto* a = reinterpret_cast<rtattr*>(const_cast<unix_diag_msg*>(msg) + 1);
                 RTA_OK(a, attrLeft); a = RTA_NEXT(a, attrLeft)) {
                if (a->rta_type != UNIX_DIAG_VFS || RTA_PAYLOAD(a) < sizeof(unix_diag_vfs)) {
                    continue;
                }
                unix_diag_vfs vfs{};
                std::memcpy(&vfs, RTA_DATA(a), sizeof vfs);
                // unix_diag reports 32 bits of the inode number.
                if (vfs.udiag_vfs_ino == std::uint32_t(inode) &&
                    sameDevice(vfs.udiag_vfs_dev, device)) {
                    found = true; // read on to the end of the dump
                }
            }
        }
    }
}

} // namespace socklab
