#pragma once

#include "core/base/unique_fd.h"
#include "core/session/session.h"
#include "core/session/stream_connection.h"

#include <chrono>
#include <memory>
#include <vector>

namespace socklab {

/// A connecting stream or SEQPACKET socket (TCP, Unix path/abstract, SCTP one-to-one):
/// socket, options, optional bind, resolve, non-blocking connect (trying each resolved address),
/// then a StreamConnection. Sends and half-close issued before the connection completes wait:
/// the sends in a SendQueue with the request's cap, refused ("send queue full") like those of
/// a connected stream when it is full, and handed to the connection once it is up.
class StreamClient : public Session {
public:
    using Session::Session;
    ~StreamClient() override;

    void start() override;
    void send(SendData& command) override;
    void shutdownWrite(ConnectionId connection) override;
    void close(ConnectionId connection, bool abortive) override;
    [[nodiscard]] bool sendQueueFull(ConnectionId connection, std::size_t size) const override;

protected:
    int fdOf(ConnectionId connection) const override;

private:
    bool prepareSocket();
    void connectTo(std::size_t index);
    void onConnectReady();
    void connectFailed(const Error& error);
    /// The connection will not come: Error, queue discarded, Failed; later sends are refused.
    void failConnect(const Error& error, const Endpoint& local = {}, const Endpoint& remote = {});
    void onConnected();
    void closeUnconnected(bool abortive);
    /// A send while connecting that does not fit the queue: Error for the first, then counted.
    void refusePending(std::size_t size);
    /// Backpressure event for the queue of a connection not yet up (active=false: discarded).
    void emitPendingPressure(bool active);
    /// The connection will not come: drop what waits for it (ending backpressure if out).
    void discardPending();

    UniqueFd m_fd; ///< the socket while not yet connected
    Endpoint m_local;
    std::vector<Endpoint> m_candidates;
    std::size_t m_candidate = 0;
    std::unique_ptr<StreamConnection> m_conn;
    SendQueue m_pending;                ///< sends made while connecting
    std::uint64_t m_pendingRefused = 0; ///< sends refused while connecting
    std::uint64_t m_pendingRefusedBytes = 0;
    std::chrono::steady_clock::time_point m_pendingPressureAt{}; ///< last Backpressure event
    bool m_shutdownPending = false;
    bool m_closeAfterConnect = false; ///< graceful close asked while sends were waiting
    bool m_closed = false;
    bool m_failed = false; ///< failConnect ran
};

} // namespace socklab
