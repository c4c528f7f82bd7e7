#include "core/session/session_factory.h"

#include "core/base/translate.h"
#include "core/net/socket_ops.h"
#include "core/net/socket_spec.h"
#include "core/session/datagram_relay.h"
#include "core/session/datagram_session.h"
#include "core/session/lab_wire.h"
#include "core/session/stream_client.h"
#include "core/session/stream_listener.h"
#include "core/session/stream_relay.h"

#include <cerrno>

namespace socklab {

Result<std::unique_ptr<Session>> makeSession(SessionHost& host, SessionId id, OpenSession request,
                                             std::shared_ptr<TrafficStore> store) {
    if (!request.responders.empty()) {
        if (auto ok = respondersSupported(request); !ok) {
            return fail(ok.error());
        }
        if (auto responder = Responder::create(request.responders); !responder) {
            return fail(responder.error());
        }
    }
    const int type = request.spec.type;
    const bool connectionOriented = isStreamType(type) || sockops::isSeqpacketType(type);
    if (request.role == Role::Wire) {
        return std::make_unique<LabWire>(host, id, std::move(request), std::move(store));
    }
    if (request.placement.wire != 0 && request.role == Role::Relay) {
        return fail(sysError(
            EOPNOTSUPP, SL_TR("socklab", "relay"), SL_TR("socklab", "lab host"),
            SL_TR("socklab", "a relay runs in SockLab's own network, not inside the lab")));
    }
    if (request.role == Role::Relay) {
        if (connectionOriented) {
            return std::make_unique<StreamRelay>(host, id, std::move(request), std::move(store));
        }
        if (sockops::isPlainDatagramType(type)) {
            return std::make_unique<DatagramRelay>(host, id, std::move(request), std::move(store));
        }
        return fail(
            sysError(EOPNOTSUPP, SL_TR("socklab", "relay"), describe(request.spec),
                     SL_TR("socklab", "a relay forwards stream, seqpacket or datagram sockets")));
    }
    if (connectionOriented) {
        switch (request.role) {
        case Role::Connect:
            return std::make_unique<StreamClient>(host, id, std::move(request), std::move(store));
        case Role::Listen:
            return std::make_unique<StreamListener>(host, id, std::move(request), std::move(store));
        case Role::Relay:
        case Role::Wire:
        case Role::Bind:
            return fail(
                sysError(EOPNOTSUPP, "open", describe(request.spec),
                         SL_TR("socklab", "a connection-oriented socket must Connect or Listen")));
        }
    }
    return std::make_unique<DatagramSession>(host, id, std::move(request), std::move(store));
}

} // namespace socklab
