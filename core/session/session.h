#pragma once

#include "core/base/unique_fd.h"
#include "core/capture/traffic_store.h"
#include "core/loop/event_loop.h"
#include "core/net/endpoint.h"
#include "core/net/unix_socket_file.h"
#include "core/vocab/commands.h"
#include "core/vocab/events.h"

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace socklab {

/// A name-resolution job for the engine's resolver worker.
struct ResolveRequest {
    std::string text;
    int family = 0;
    int socktype = 0;
    bool passive = false;
};

/// What a session needs from the engine. Every call happens on the engine thread.
class SessionHost {
public:
    using ResolveDone = std::function<void(Result<std::vector<Endpoint>>)>;
    virtual ~SessionHost() = default;
    virtual EventLoop& loop() = 0;
    /// Push an event to the consumer.
    virtual void emit(EngineEvent event) = 0;
    /// Records from firstSeq on are new; the engine reports them once per loop iteration.
    virtual void recordsAppended(SessionId session, std::uint64_t firstSeq) = 0;
    /// Scratch buffer for reads (large, engine thread only, valid until the next read).
    virtual std::span<std::byte> ioBuffer() = 0;
    /// Resolve off the loop thread; done runs later on the engine thread (only if the session
    /// still exists: the engine checks).
    virtual void resolve(SessionId session, ResolveRequest request, ResolveDone done) = 0;
    /// Run task after the current dispatch (lets a handler retire the object running it).
    virtual void defer(std::function<void()> task) = 0;
    /// socket(spec) inside a lab host of the wire session placement.wire (see LabWire).
    virtual Result<UniqueFd> labSocket(const LabPlacement& placement, const SocketSpec& spec) = 0;
};

/// One session: a socket (or a listener and its children) driven by the engine thread.
/// Subclasses, one file per kind: StreamClient, StreamListener, DatagramSession.
/// Commands a kind does not support answer with an Error event.
class SeriesSender;
class ResponderRunner;

class Session {
public:
    Session(SessionHost& host, SessionId id, OpenSession request,
            std::shared_ptr<TrafficStore> store);
    virtual ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    /// Create the socket and begin (bind/listen/connect); outcome reported as events.
    virtual void start() = 0;
    virtual void send(SendData& command);
    virtual void shutdownWrite(ConnectionId connection);
    virtual void close(ConnectionId connection, bool abortive);
    virtual void connectDatagram(const std::string& remote);
    virtual void multicast(const MulticastMembership& command);
    virtual void ping(const Ping& command);
    // Relay commands; other kinds answer with an Error event.
    virtual void setImpairment(const SetImpairment& command);
    virtual void hold(const HoldDirection& command);
    virtual void releaseHeld(ReleaseHeld& command);
    virtual void inject(InjectData& command);
    virtual void queryRelayFigures();
    /// Start a series of lab messages (see SendSeries), sent through send().
    void sendSeries(const SendSeries& command);
    void setOption(ConnectionId connection, const OptionSetting& setting);
    void queryTcpInfo(ConnectionId connection);
    /// Replace the responders (see SetResponders); kinds without responders answer with an
    /// Error event.
    void setResponders(const SetResponders& command);
    /// A RuleHits event now (nothing without responders).
    void queryRuleHits();

    [[nodiscard]] SessionId id() const { return m_id; }
    /// The socket of the session (0) or of a child is open (a send can be attempted).
    [[nodiscard]] bool socketOpen(ConnectionId connection) const { return fdOf(connection) >= 0; }
    /// A send of size bytes to connection would be refused now because its send queue is full
    /// (for kAllConnections: any open connection's). Senders that must not lose data wait.
    [[nodiscard]] virtual bool sendQueueFull(ConnectionId connection, std::size_t size) const {
        (void)connection;
        (void)size;
        return false;
    }
    [[nodiscard]] const OpenSession& request() const { return m_request; }
    [[nodiscard]] SessionHost& host() { return m_host; }
    /// SetResponders::generation of the responders in force.
    [[nodiscard]] std::uint64_t rulesGeneration() const { return m_rulesGeneration; }
    [[nodiscard]] TrafficStore& store() { return *m_store; }
    /// Liveness token for callbacks that may outlive the session (resolver, timers).
    [[nodiscard]] std::weak_ptr<void> aliveToken() const { return m_alive; }

    // ---- helpers for the session kinds and their connections ----
    void emitState(ConnectionId connection, SessionState state, const Endpoint& local = {},
                   const Endpoint& peer = {});
    /// Error record + Error event; the state field carries the state after the error.
    void reportError(ConnectionId connection, const Error& error, SessionState state);
    void emitWarning(ConnectionId connection, std::string text);
    std::uint64_t recordEvent(ConnectionId connection, RecordKind kind, std::string_view text,
                              int err = 0, const Endpoint* peer = nullptr, std::uint16_t flags = 0);
    std::uint64_t recordData(ConnectionId connection, Direction dir,
                             std::span<const std::byte> bytes, const Endpoint* peer = nullptr,
                             std::uint16_t flags = 0, std::uint64_t wireLength = 0);

    /// Record the first n bytes of the last store().receiveRoom() as received on connection
    /// (TrafficStore::commitReceived: the bytes were received straight into the store).
    std::uint64_t recordReceived(ConnectionId connection, std::size_t n,
                                 const Endpoint* peer = nullptr);
    /// Received stream bytes must pass through streamReceived() (responders are set), so they
    /// cannot be received straight into the store (the store may evict them once recorded).
    [[nodiscard]] bool inspectsStreamBytes() const { return m_responders != nullptr; }

    // ---- what arrived, for the responders (no-ops without rules) ----
    /// Stream bytes received on connection (after they were recorded).
    void streamReceived(ConnectionId connection, std::span<const std::byte> bytes);
    /// A datagram received from peer (after it was recorded) on a socket bound to local,
    /// connected or not.
    void datagramReceived(std::span<const std::byte> bytes, const Endpoint& peer, bool connected,
                          const Endpoint& local);
    /// The session's own socket closed: responders drop their scheduled replies.
    void respondersSocketClosed();
    /// The peer of a stream connection sent FIN.
    void streamPeerClosed(ConnectionId connection);
    /// A stream connection is closed for good.
    void streamEnded(ConnectionId connection);

protected:
    /// fd of the session's socket (0) or of a child; -1 when none is open.
    virtual int fdOf(ConnectionId connection) const = 0;
    /// socket(spec), Opened record, then the request's options. Reports failures itself.
    Result<UniqueFd> openConfiguredSocket();
    /// socket(spec) where the request places it: on this machine, or inside a lab host.
    Result<UniqueFd> makeSocket(const SocketSpec& spec);
    /// The text of an Opened record: "SOCK_STREAM ... fd 7", then " in lab host A" / " in lab
    /// host B" for a placed request.
    [[nodiscard]] std::string openedText(const SocketSpec& spec, int fd) const;
    /// bind(fd, local) through bindWithSafeguards with the request's unixMode: a stale socket
    /// file of this user is removed first (a Warning event says so), anything else at the path
    /// fails the bind. The socket file created is remembered for removeSocketFile().
    Status bindLocal(int fd, const Endpoint& local);
    /// Unlink the socket file bindLocal created, if the path still names it (not a file put
    /// there since). Also done when the session is destroyed.
    void removeSocketFile();
    /// Parse numerically, or resolve on the worker when text is a host name. done runs on the
    /// engine thread, synchronously for numeric text.
    void lookup(const std::string& text, bool passive, SessionHost::ResolveDone done);
    /// Error event for a command this kind cannot do.
    void unsupported(ConnectionId connection, std::string_view what);
    /// A short name of the socket for error objects ("fd 7 127.0.0.1:5000").
    [[nodiscard]] std::string socketLabel(int fd) const;
    /// Info record + OptionApplied event for an option set on the socket of connection; on the
    /// session's own socket the option is then left out of readBackOptions().
    /// byDefault: the value is SockLab's default, not the user's ("default requested").
    void reportApplied(ConnectionId connection, const OptionReadback& readback,
                       bool byDefault = false);
    /// OptionRead events for every option that applies to the spec and was not set: all of them
    /// (changedOnly false, right after the socket is set up), or only those whose value differs
    /// from the previous read (after connect(): TCP grows SO_SNDBUF then). fd is the session's
    /// own socket.
    void readBackOptions(int fd, bool changedOnly);

private:
    SessionHost& m_host;
    SessionId m_id;
    OpenSession m_request;
    std::shared_ptr<TrafficStore> m_store;
    std::shared_ptr<int> m_alive = std::make_shared<int>(0);
    std::unique_ptr<SeriesSender> m_series;
    std::unique_ptr<ResponderRunner> m_responders;
    std::uint64_t m_rulesGeneration = 0;        ///< of the responders in force (SetResponders)
    std::vector<OptionId> m_setOptions;         ///< set on the own socket: not read back
    std::map<OptionId, Result<int>> m_lastRead; ///< previous readBackOptions() values
    UnixSocketFile m_socketFile;                ///< made by bindLocal, removed on close
};

} // namespace socklab
