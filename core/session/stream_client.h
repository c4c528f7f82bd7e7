#pragma once

#include "core/base/unique_fd.h"
#include "core/session/session.h"
#include "core/session/stream_connection.h"

#include <memory>
#include <vector>

namespace socklab {

/// A connecting stream or SEQPACKET socket (TCP, Unix path/abstract, SCTP one-to-one):
/// socket, options, optional bind, resolve, non-blocking connect (trying each resolved address),
/// then a StreamConnection. Sends and half-close issued before the connection completes wait.
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
    void onConnected();
    void closeUnconnected(bool abortive);

    UniqueFd m_fd; ///< the socket while not yet connected
    Endpoint m_local;
    std::vector<Endpoint> m_candidates;
    std::size_t m_candidate = 0;
    std::unique_ptr<StreamConnection> m_conn;
    struct Pending {
        std::vector<std::byte> bytes;
        bool oob = false;
    };
    std::vector<Pending> m_pending;
    bool m_shutdownPending = false;
    bool m_closeAfterConnect = false; ///< graceful close asked while sends were waiting
    bool m_closed = false;
};

} // namespace socklab
