#pragma once
// A lab run's captures as the ladder diagram's input: every packet of the wire's capture an
// arrow (with its fate and Wireshark's retransmission mark), every socket call of the lab's
// sessions a mark at its host. The CLI (lab --ladder-svg) and the GUI's ladder view share it.
//
//   std::vector<LabLadderSocket> sockets = labRunLadderSockets(conductor, storeOf);
//   const LabLadderInput input = labLadderInput(wireStore.get(), sockets);
//   LadderLayout layout;
//   addLadderInput(layout, input);
//   ladderSvg(layout);

#include "core/capture/record.h"
#include "core/lab/ladder.h"
#include "core/vocab/ids.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace socklab {

class LabConductor;
class LabScript;
class TrafficStore;
struct DecodedPacket;
struct TcpMarks;

/// One lab socket whose capture records become calls at a host.
struct LabLadderSocket {
    const TrafficStore* store = nullptr; ///< nullptr: skipped
    LabHost host = LabHost::A;
    /// Prefix of its calls' labels ("TCP: send 100"); "" = none ("send 100").
    std::string name;
    /// Only the records of this connection (an accepted connection of a listener: its id; the
    /// socket itself: 0); nullopt = every record of the store.
    std::optional<ConnectionId> connection;
};

/// What the ladder draws.
struct LabLadderInput {
    std::vector<LadderPacket> packets; ///< in the wire's capture order (as they entered it)
    std::vector<LadderCall> calls;     ///< socket by socket, each in capture order
    /// Per call: the index of the socket (in the span given to labLadderInput) it came from,
    /// so that LadderCall::ref (a record seq in that socket's store) can be looked up.
    std::vector<std::size_t> callSockets;
};

/// The short label of a wire packet (the arrow's text before its fate): TCP "SYN", "SYN,ACK",
/// "ACK ack=101", "PSH,ACK seq=1 len=100", "FIN,ACK seq=4001 ack=1", "RST,ACK", with
/// " dup ACK #N" / " out-of-order" from the analysis, relative numbers when marks.tcp; UDP
/// "UDP 100" (payload bytes; a first fragment adds " first fragment"); a later fragment
/// "fragment offset=1480 len=1480"; ICMP "ICMP port unreachable", "ICMP echo request".
[[nodiscard]] std::string labLadderPacketLabel(const DecodedPacket& packet, const TcpMarks& marks);

/// The call a capture record of a lab socket stands for, or nullopt for records that are not
/// one (Opened, Bound, Info): Connecting "connect()", Connected "connected" after a
/// Connecting of the same connection and "connect()" otherwise (a datagram socket's),
/// Listening "listen()", Accepted "accept()", Data "send N" (Out) / "recv N" (In),
/// HalfClosed "shutdown(SHUT_WR)", PeerClosed "recv EOF", Closed "close()", Reset "close()
/// RST" (ours, abortive) or "ECONNRESET" (Remote: the peer's RST), Error the errno's name
/// ("ECONNREFUSED"; "error" without one).
[[nodiscard]] std::optional<std::string> labLadderCallLabel(const Record& record,
                                                            bool afterConnecting = false);

/// Every Data record of `wire` (a LabWire's capture; nullptr = none) as a packet: departNs the
/// record's monoNs (when it entered the wire), arriveNs departNs + wireDelayUs (departNs while
/// in flight; ignored when dropped), the fate bits (RecordFlag::Wire* and Truncated), the
/// retransmission mark of a TcpAnalyzer fed the whole capture in order (any of Wireshark's
/// three kinds), ref the record's seq. Then every call of each socket (labLadderCallLabel),
/// timeNs the record's monoNs (CLOCK_MONOTONIC, as the wire's), ref its seq, label prefixed
/// with "<name>: " when the socket has a name.
[[nodiscard]] LabLadderInput labLadderInput(const TrafficStore* wire,
                                            std::span<const LabLadderSocket> sockets);

/// Appends every packet and call to the layout.
void addLadderInput(LadderLayout& layout, const LabLadderInput& input);

/// A session's capture (nullptr when unknown), e.g. from Engine::store(id).get().
using LabStoreLookup = std::function<const TrafficStore*(SessionId)>;

/// The sockets of a LabConductor run: the TCP client and UDP sender at A, the TCP server
/// (listener and its accepted connection) and UDP receiver at B, named "TCP" and "UDP". In a
/// fallback run the same sessions (on loopback), the relays not included.
[[nodiscard]] std::vector<LabLadderSocket> labRunLadderSockets(const LabConductor& conductor,
                                                               const LabStoreLookup& store);

/// The sockets of a LabScript: every actor but the wire, named as the actor, at the host its
/// Open step placed it (an accepted connection: its listener's host; LabHost::None is drawn
/// at A). An accepted connection no step named is "<listener>#<connection id>".
[[nodiscard]] std::vector<LabLadderSocket> labScriptLadderSockets(const LabScript& script,
                                                                  const LabStoreLookup& store);

} // namespace socklab
