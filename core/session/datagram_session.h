#pragma once

#include "core/base/unique_fd.h"
#include "core/session/session.h"

#include <deque>
#include <memory>
#include <vector>

namespace socklab {

class IcmpPinger;

/// A message socket without connections: UDP, UDP-Lite, Unix datagram, raw IP, ICMP.
/// Optional bind, optional connect (connected UDP: ICMP errors surface as Error events),
/// sendto per SendData::destination, recvmmsg batches with the sender and true length of each
/// datagram (Truncated flag when the slot was smaller), multicast membership, ICMP echo.
/// Asks for a 4 MiB SO_RCVBUF unless the request sets one, and reports the kernel's drop
/// counter (SO_RXQ_OVFL) as Warning events with kernelDrops set.
class DatagramSession : public Session {
public:
    DatagramSession(SessionHost& host, SessionId id, OpenSession request,
                    std::shared_ptr<TrafficStore> store);
    ~DatagramSession() override;

    void start() override;
    void send(SendData& command) override;
    void close(ConnectionId connection, bool abortive) override;
    void connectDatagram(const std::string& remote) override;
    void multicast(const MulticastMembership& command) override;
    void ping(const Ping& command) override;

    /// Send one datagram now (used by the pinger); records it with flags. False on failure.
    bool sendDatagram(std::span<const std::byte> bytes, const Endpoint* dest, std::uint16_t flags);
    [[nodiscard]] int fd() const { return m_fd.get(); }

protected:
    int fdOf(ConnectionId connection) const override;

private:
    struct Queued {
        std::vector<std::byte> bytes;
        Endpoint dest;
        std::uint16_t flags = 0;
    };

    bool openSocket();
    /// Default SO_RCVBUF (unless the request sets one) and SO_RXQ_OVFL.
    void configureReceive();
    /// A datagram carried the kernel's drop counter: report what is new as a Warning.
    void noteKernelDrops(std::uint32_t total);
    void afterBind();
    /// Join or leave one group: MembershipChanged on success, an Error event naming the group
    /// (membership filled) on failure.
    void changeMembership(const MulticastGroup& membership, bool join);
    void doConnect(const Endpoint& remote);
    /// A connect could not be made: the open fails (Failed, socket closed) when the open
    /// asked for it, else an Error leaves the socket as it was.
    void connectFailed(const Error& error);
    void onEvents(std::uint32_t events);
    /// One turn of reads for a readiness event (bounded; see kDatagramsPerWakeup).
    void readBatches();
    /// The reads of readBatches(); `laterDrops` receives the highest drop counter revealed
    /// after the turn's first note, for readBatches() to note once at the end.
    void readTurn(std::uint32_t& laterDrops);
    void flushQueue();
    void updateInterest();
    void sendResolved(std::vector<std::byte> bytes, const Endpoint& dest);

    UniqueFd m_fd;
    Endpoint m_local;
    Endpoint m_remote; ///< connected peer, when connected
    std::deque<Queued> m_queue;
    std::unique_ptr<IcmpPinger> m_pinger;
    std::uint64_t m_kernelDrops = 0; ///< last SO_RXQ_OVFL counter seen
    bool m_connectAtOpen = false;    ///< the open's own connect is in progress
};

} // namespace socklab
