#pragma once

#include "core/impair/datagram_pipeline.h"
#include "core/session/relay_session.h"

#include <deque>
#include <map>
#include <memory>
#include <string>

namespace socklab {

/// A datagram relay (UDP, UDP over IPv6, Unix datagram): receives on the request's local
/// address and gives every client address its own upstream socket connected to the request's
/// remote address (a mapping, one ConnectionId, like a NAT entry), so that replies go back to
/// the right client. A mapping without traffic for idleTimeout_ms expires. One impairment
/// pipeline per direction (tag = mapping), hold and inject as for streams. At most 4096
/// mappings are open at once; datagrams from further clients are dropped with a Warning.
class DatagramRelay : public RelaySession {
public:
    DatagramRelay(SessionHost& host, SessionId id, OpenSession request,
                  std::shared_ptr<TrafficStore> store);
    ~DatagramRelay() override;

    void close(ConnectionId connection, bool abortive) override;
    void setImpairment(const SetImpairment& command) override;
    void releaseHeld(ReleaseHeld& command) override;
    void inject(InjectData& command) override;

protected:
    int fdOf(ConnectionId connection) const override;

private:
    struct Outgoing {
        std::vector<std::byte> bytes;
    };
    struct Mapping {
        ConnectionId id = 0;
        Endpoint client;
        UniqueFd fd; ///< connected to the upstream
        Endpoint local;
        std::int64_t lastActiveNs = 0;
        std::deque<std::vector<std::byte>> toServerQueue; ///< EAGAIN on the upstream socket
        std::size_t queuedBytes = 0;
    };
    struct Way {
        DatagramPipeline pipeline;
        EventLoop::TimerId timer = 0;
    };

    void openOn(const Endpoint& local) override;
    void readClients();
    void readUpstream(Mapping& m);
    void takeError(Mapping& m);
    Mapping* mappingFor(const Endpoint& client);
    void entered(RelayDirection d, Mapping& m, std::span<const std::byte> bytes,
                 std::uint16_t flags, std::uint64_t wireLength);
    void push(RelayDirection d, Mapping& m, std::vector<std::byte> bytes);
    void pump(RelayDirection d);
    void schedule(RelayDirection d);
    void deliver(RelayDirection d, Mapping& m, std::span<const std::byte> bytes);
    void flushToServer(Mapping& m);
    void flushToClients();
    [[nodiscard]] std::uint32_t readInterest() const;
    void updateReading();
    void expireIdle();
    void closeMapping(ConnectionId id, const std::string& why);
    void collect(RelayFigures& figures) const override;
    Way& way(RelayDirection d) { return d == RelayDirection::ToServer ? m_toServer : m_toClient; }

    Way m_toServer;
    Way m_toClient;
    std::map<ConnectionId, Mapping> m_mappings;
    std::map<std::string, ConnectionId> m_byClient; ///< client address text -> mapping
    ConnectionId m_nextMapping = 0; ///< 0 until the first client (then firstConnectionId())
    EventLoop::TimerId m_idleTimer = 0;
    std::deque<std::pair<Endpoint, std::vector<std::byte>>> m_toClientQueue; ///< EAGAIN
    std::size_t m_toClientQueued = 0;
    std::uint64_t m_kernelDrops = 0;
    bool m_reading = true; ///< false while the hold queue is full
    bool m_mappingsFullWarned = false;
};

} // namespace socklab
