#pragma once

#include "core/session/relay_pair.h"
#include "core/session/relay_session.h"

#include <map>
#include <memory>

namespace socklab {

/// A stream relay (TCP, Unix stream, SEQPACKET as a byte stream): listens on the request's
/// local address and gives every accepted client its own upstream connection to the request's
/// remote address (a RelayPair, one ConnectionId). Hold, inject and impairment per direction.
class StreamRelay : public RelaySession {
public:
    StreamRelay(SessionHost& host, SessionId id, OpenSession request,
                std::shared_ptr<TrafficStore> store);
    ~StreamRelay() override;

    void close(ConnectionId connection, bool abortive) override;
    void setImpairment(const SetImpairment& command) override;
    void releaseHeld(ReleaseHeld& command) override;
    void inject(InjectData& command) override;

protected:
    int fdOf(ConnectionId connection) const override;

private:
    void openOn(const Endpoint& local) override;
    void acceptPending();
    void retire(ConnectionId id);
    void collect(RelayFigures& figures) const override;
    /// Forward a message taken from the hold queue (edited bytes instead, when given);
    /// heldBefore: the id of the message it went out ahead of (0 = none), for the record.
    void forwardHeld(const HeldMessage& m, RelayDirection d, const std::vector<std::byte>* edited,
                     std::uint64_t heldBefore);

    ConnectionId m_nextPair = 0; ///< 0 until the first accept (then firstConnectionId())
    std::map<ConnectionId, std::unique_ptr<RelayPair>> m_pairs;
    ImpairmentCounters m_closedToServer; ///< sums of pairs already retired
    ImpairmentCounters m_closedToClient;
};

/// Add b's counters to a (waiting included).
void addCounters(ImpairmentCounters& a, const ImpairmentCounters& b);

} // namespace socklab
