#include "core/net/free_port.h"

#include "core/net/endpoint.h"
#include "core/net/socket_ops.h"

namespace socklab {

namespace {

// Bind a fresh socket to 127.0.0.1:port; the port it got, or the bind error.
Result<std::uint16_t> probe(const SocketSpec& spec, std::uint16_t port) {
    auto fd = sockops::openSocket(spec);
    if (!fd) {
        return fail(fd.error());
    }
    Status bound = sockops::bindTo(*fd, Endpoint::loopback4(port));
    std::uint16_t got = 0;
    if (bound) {
        got = sockops::localAddress(*fd).port();
    }
    sockops::closeFd(*fd);
    if (!bound) {
        return fail(bound.error());
    }
    return got;
}

} // namespace

Result<std::uint16_t> freeLoopbackPort(const SocketSpec& spec, std::uint16_t preferred) {
    if (preferred != 0) {
        if (auto p = probe(spec, preferred)) {
            return *p;
        }
    }
    return probe(spec, 0);
}

} // namespace socklab
