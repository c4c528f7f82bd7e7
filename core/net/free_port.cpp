#include "core/net/free_port.h"

#include "core/net/endpoint.h"
#include "core/net/options.h"
#include "core/net/socket_ops.h"

#include <sys/socket.h>

namespace socklab {

namespace {

// Bind a fresh socket to 127.0.0.1:port; the port it got, or the bind error. Stream probes set
// SO_REUSEADDR like the demo's listener, so a TIME_WAIT left on the port does not count as taken.
Result<std::uint16_t> probe(const SocketSpec& spec, std::uint16_t port) {
    auto fd = sockops::openSocket(spec);
    if (!fd) {
        return fail(fd.error());
    }
    if (spec.type == SOCK_STREAM) {
        if (auto set = applyOption(*fd, spec.family, {OptionId::ReuseAddr, 1}); !set) {
            sockops::closeFd(*fd);
            return fail(set.error());
        }
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
