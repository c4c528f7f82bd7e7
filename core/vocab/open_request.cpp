#include "core/vocab/open_request.h"

#include "core/base/translate.h"
#include "core/net/socket_ops.h"

#include <cerrno>

namespace socklab {

Result<void> respondersSupported(const OpenSession& request) {
    const int type = request.spec.type;
    const bool kindOk = isStreamType(type) || sockops::isSeqpacketType(type) ||
                        (sockops::isPlainDatagramType(type) && !sockops::isIcmpEcho(request.spec));
    if (request.role == Role::Relay || request.role == Role::Wire || !kindOk) {
        return fail(sysError(EOPNOTSUPP, SL_TR("socklab", "responders"), describe(request.spec),
                             SL_TR("socklab", "responders answer stream, seqpacket and datagram "
                                              "sockets that connect, listen or bind")));
    }
    return {};
}

} // namespace socklab
