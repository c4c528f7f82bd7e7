#pragma once

#include "core/loop/event_loop.h"
#include "core/net/endpoint.h"
#include "core/respond/framing.h"
#include "core/respond/responder.h"
#include "core/vocab/ids.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace socklab {

class Session;

/// A session's responders at work: frames what each connection (or each datagram) brings,
/// asks the Responder for a reply, sends it now or after the rule's delay, half-closes with the
/// peer when asked, and reports hit counts (RuleHits, at most every 100 ms). Engine thread only;
/// cancels its timers when destroyed.
class ResponderRunner {
public:
    ResponderRunner(Session& session, Responder responder);
    ~ResponderRunner();
    ResponderRunner(const ResponderRunner&) = delete;
    ResponderRunner& operator=(const ResponderRunner&) = delete;

    /// New rules (and maybe framing): counts restart; scheduled replies stay scheduled.
    void reconfigure(Responder responder);
    /// Stream bytes received on connection.
    void streamData(ConnectionId connection, ByteView bytes);
    /// A datagram from peer on the session's socket (framed on its own). connected: replies go
    /// to the connected peer; local: the socket's own address (never answered).
    void datagram(ByteView bytes, const Endpoint& peer, bool connected, const Endpoint& local);
    /// The session's socket closed: scheduled replies are dropped, pending hits reported.
    void socketClosed();
    /// The peer half-closed connection: what is left of its message is matched, then (with
    /// halfCloseWithPeer) our side half-closes once the replies are out.
    void peerClosed(ConnectionId connection);
    /// The connection is gone: its framing state and its scheduled replies go too; hit counts
    /// not yet reported are reported now.
    void ended(ConnectionId connection);
    /// Sends a RuleHits event now.
    void reportHits();

private:
    struct Stream {
        Framer framer;
        EventLoop::TimerId idleTimer = 0;
        std::size_t repliesDue = 0; ///< delayed replies not yet sent
        bool shutWhenDone = false;  ///< half-close after the last due reply
        bool cutting = false;       ///< inside a message longer than maxMessageBytes
        bool gone = false;          ///< ended while its framer was delivering: erase after
    };
    struct Due {
        ConnectionId connection = 0;
        bool stream = true;
    };

    Stream& stream(ConnectionId connection);
    /// Runs deliver (a framer call) for connection's stream, then erases the stream if the
    /// connection ended meanwhile (a reply's send failed): the framer is never destroyed
    /// while it delivers.
    template <class Deliver> void withStream(ConnectionId connection, Deliver&& deliver);
    /// Whether a framed piece is a message rules should see (not a piece of an over-long one).
    static bool wholeMessage(bool& cutting, const FramedMessage& m);
    void armIdle(ConnectionId connection, Stream& s);
    /// Match one message and send (or schedule) the reply. destination: "" for streams.
    /// destination: nullopt = nobody can be answered (counted only).
    void onMessage(ConnectionId connection, ByteView message,
                   const std::optional<std::string>& destination, bool isStream);
    void warnOnce(bool& warned, std::string text);
    void send(ConnectionId connection, ByteVector bytes, const std::string& destination);
    void noteHit();
    void maybeShut(ConnectionId connection, Stream& s);

    Session& m_session;
    Responder m_responder;
    std::map<ConnectionId, Stream> m_streams;
    std::optional<Framer> m_datagramFramer;
    std::map<EventLoop::TimerId, Due> m_due;
    ConnectionId m_delivering = 0; ///< stream whose framer is delivering now
    bool m_deliveringActive = false;
    EventLoop::TimerId m_hitsTimer = 0;
    std::uint64_t m_droppedReplies = 0;
    bool m_warnedUnnamed = false;
    bool m_warnedSelf = false;
    bool m_warnedDue = false;
    bool m_hitsDirty = false;
};

} // namespace socklab
