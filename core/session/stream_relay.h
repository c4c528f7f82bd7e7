#pragma once

#include "core/base/unique_fd.h"
#include "core/session/relay_book.h"
#include "core/session/relay_pair.h"
#include "core/session/session.h"

#include <map>
#include <memory>

namespace socklab {

/// A stream relay (TCP, Unix stream, SEQPACKET as a byte stream): listens on the request's
/// local address and gives every accepted client its own upstream connection to the request's
/// remote address (a RelayPair, one ConnectionId). Hold, inject and impairment per direction.
class StreamRelay : public Session {
public:
    StreamRelay(SessionHost& host, SessionId id, OpenSession request,
                std::shared_ptr<TrafficStore> store);
    ~StreamRelay() override;

    void start() override;
    void close(ConnectionId connection, bool abortive) override;
    void setImpairment(const SetImpairment& command) override;
    void hold(const HoldDirection& command) override;
    void releaseHeld(ReleaseHeld& command) override;
    void inject(InjectData& command) override;
    void queryRelayFigures() override;

protected:
    int fdOf(ConnectionId connection) const override;

private:
    void listenOn(const Endpoint& local);
    void acceptPending();
    void retire(ConnectionId id);
    void collect(RelayFigures& figures) const;
    void failOpen(const Error& error);
    /// Forward a message taken from the hold queue (edited bytes instead, when given).
    void forwardHeld(const HeldMessage& m, RelayDirection d, const std::vector<std::byte>* edited,
                     std::string_view why);

    RelayBook m_book;
    UniqueFd m_fd;
    Endpoint m_local;
    Endpoint m_upstream;
    ConnectionId m_nextPair = 1;
    std::map<ConnectionId, std::unique_ptr<RelayPair>> m_pairs;
    ImpairmentCounters m_closedToServer; ///< sums of pairs already retired
    ImpairmentCounters m_closedToClient;
};

/// Add b's counters to a (waiting included).
void addCounters(ImpairmentCounters& a, const ImpairmentCounters& b);

} // namespace socklab
