#pragma once

// Test helpers for relays between python3 peers (stream and datagram relay tests).
//
//   PythonPeer peer(pairScript("inet", body));   // server + client around the relay
//   auto relay = startRelay(h, request);         // waits for Listening (Bound for datagrams)
//   sendRelayAddress(peer, relay->local);        // the script connects its client there
//   hasRecord(*store, RecordKind::Reset, "forwarded", 1);

#include "core/support/engine_harness.h"
#include "core/support/python_peer.h"

#include <QString>
#include <optional>
#include <string>
#include <string_view>

namespace socklab::test {

/// A python server and client with the relay between them. The script prints the server's
/// address, reads the relay's address from stdin, then runs `body` with `c` (client) and `s`
/// (the accepted server side). Family: "inet", "inet6" or "unix" (server path in argv[1]).
QString pairScript(const QString& family, const QString& body);

struct RunningRelay {
    SessionId session = 0;
    std::string local; ///< where it listens
};

/// Open the relay and wait until it is `up` (Listening for streams, Bound for datagrams).
std::optional<RunningRelay> startRelay(EngineHarness& h, OpenSession request,
                                       SessionState up = SessionState::Listening);
/// Tell the python script where the relay listens (the port, or a Unix path).
void sendRelayAddress(PythonPeer& peer, const std::string& local, bool unix = false);
/// A record of `kind` whose text contains textPart (on connection c, or any).
bool hasRecord(const TrafficStore& store, RecordKind kind, std::string_view textPart,
               ConnectionId c = kAllConnections);

} // namespace socklab::test
