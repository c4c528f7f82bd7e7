#pragma once

#include "core/session/session.h"

#include <memory>

namespace socklab {

/// The session kind for a request: stream/SEQPACKET + Connect -> StreamClient, + Listen ->
/// StreamListener, datagram/raw -> DatagramSession. Returns an Error for combinations no kind
/// handles (e.g. a datagram socket asked to listen).
Result<std::unique_ptr<Session>> makeSession(SessionHost& host, SessionId id, OpenSession request,
                                             std::shared_ptr<TrafficStore> store);

} // namespace socklab
