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
        if (auto set = applyOption(fd->get(), spec.family, {OptionId::ReuseAddr, 1}); !set) {
            return fail(set.error());
        }
    }
    if (Status bound = sockops::bindTo(fd->get(), Endpoint::loopback4(port)); !bound) {
        return fail(bound.error());
    }
    return sockops::localAddress(fd->get()).port();
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
