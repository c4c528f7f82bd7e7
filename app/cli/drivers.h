#pragma once

#include "app/cli/common.h"
#include "app/cli/runner.h"
#include "app/cli/session_watch.h"

#include <map>
#include <set>

namespace socklab::cli {

/// A stream or seqpacket client (connect, unix): stdin or the scripted sends go out, received
/// bytes are printed. The end of the data source sends FIN; the peer's FIN ends the session
/// unless halfClose keeps the write side going until stdin ends.
class StreamClientDriver final : public Driver {
public:
    struct Config {
        std::vector<SendStep> steps; ///< when non-empty, stdin is not read
        bool halfClose = false;
        int timeout_ms = 0; ///< idle timeout; 0 = none
        std::string target; ///< for messages
        bool verbose = false;
        std::size_t sendQueueBytes = 0; ///< the request's send queue cap (0: the default)
    };
    StreamClientDriver(Runner& runner, SessionId id, Config config);

    void onEvent(const EngineEvent& event) override;
    [[nodiscard]] bool wantsStdin() const override;
    void onStdin(std::span<const std::byte> bytes) override;
    void onStdinEof() override;
    [[nodiscard]] std::optional<Clock::time_point> deadline() const override;
    void onDeadline() override;
    [[nodiscard]] bool awaitingAnswer(SessionId session) const override {
        return session == m_id && !m_watch.up();
    }

private:
    void shutdownWrite();

    Runner& m_runner;
    SessionId m_id;
    Config m_config;
    SessionWatch m_watch;
    bool m_writeDone = false;
    bool m_failed = false;
    std::uint64_t m_posted = 0;
    Clock::time_point m_lastActivity = Clock::now();
};

/// A stream or seqpacket listener: announces its address on stderr, prints what children send,
/// sends stdin to every child.
class ListenDriver final : public Driver {
public:
    struct Config {
        int maxConnections = 0; ///< simultaneous children; 0 = unlimited
        bool once = false;      ///< serve one connection, then exit
        bool verbose = false;
        std::size_t sendQueueBytes = 0; ///< the request's send queue cap (0: the default)
    };
    ListenDriver(Runner& runner, SessionId id, Config config);

    void onEvent(const EngineEvent& event) override;
    [[nodiscard]] bool wantsStdin() const override;
    void onStdin(std::span<const std::byte> bytes) override;
    [[nodiscard]] bool awaitingAnswer(SessionId session) const override {
        return session == m_id && !m_watch.up();
    }

private:
    Runner& m_runner;
    SessionId m_id;
    Config m_config;
    SessionWatch m_watch;
    int m_accepted = 0;
    ConnectionId m_first = 0;
    std::set<ConnectionId> m_open;
    std::set<ConnectionId> m_pressure; ///< children whose send queue backs up
    std::uint64_t m_posted = 0;        ///< stdin bytes posted to every child so far
    /// m_posted when each open child was accepted: it is sent only what came after.
    std::map<ConnectionId, std::uint64_t> m_postedAtAccept;
};

/// A datagram endpoint (udp, unix --dgram): scripted sends repeated `count` times or one
/// datagram per stdin read, received datagrams printed.
class DatagramDriver final : public Driver {
public:
    struct Config {
        std::vector<SendStep> steps;
        int count = 1;             ///< repetitions of steps
        int receiveLimit = 0;      ///< exit after this many received datagrams; 0 = no limit
        std::string destination;   ///< sendto() target; "" = the connected peer
        bool connected = false;    ///< the session connect()ed, so no destination is needed
        int linger_ms = 500;       ///< wait for replies after the last send / stdin EOF
        int receiveTimeout_ms = 0; ///< with receiveLimit: fail after this long idle; 0 = never
        bool verbose = false;
    };
    DatagramDriver(Runner& runner, SessionId id, Config config);

    void onEvent(const EngineEvent& event) override;
    [[nodiscard]] bool wantsStdin() const override;
    void onStdin(std::span<const std::byte> bytes) override;
    void onStdinEof() override;
    [[nodiscard]] std::optional<Clock::time_point> deadline() const override;
    void onDeadline() override;
    /// Until bound (and connected, with --connect): a datagram connect whose host does not
    /// resolve or whose Unix path does not exist is reported as an Error only.
    [[nodiscard]] bool awaitingAnswer(SessionId session) const override {
        return session == m_id && !m_watch.up();
    }

private:
    void checkProgress();

    Runner& m_runner;
    SessionId m_id;
    Config m_config;
    SessionWatch m_watch;
    std::uint64_t m_expectedOut = 0;
    std::uint64_t m_sendErrors = 0;
    int m_errors = 0;
    std::optional<Clock::time_point> m_lingerUntil;
    Clock::time_point m_lastActivity = Clock::now();
};

} // namespace socklab::cli
