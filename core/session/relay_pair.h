#pragma once

#include "core/base/clock.h"
#include "core/impair/datagram_pipeline.h"
#include "core/impair/stream_pipeline.h"
#include "core/loop/event_loop.h"
#include "core/net/endpoint.h"
#include "core/session/relay_leg.h"
#include "core/vocab/events.h"
#include "core/vocab/relay.h"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

namespace socklab {

class Session;
class RelayBook;

/// One client of a stream relay and its own upstream connection: two legs, one impairment
/// pipeline per direction, the lifecycle mirrored (FIN -> shutdown(SHUT_WR), RST -> RST,
/// upstream refused -> client reset with the reason recorded) and reading paused while a
/// direction has bufferBytes in flight. In the capture the pair is one connection: what the
/// client sent is recorded In, what the server sent Out, upstream-leg events carry
/// RecordFlag::Upstream.
class RelayPair {
public:
    RelayPair(Session& session, RelayBook& book, ConnectionId id, UniqueFd clientFd,
              Endpoint clientLocal, Endpoint client, Endpoint upstream,
              std::function<void(RelayPair&)> onFinished);
    ~RelayPair();
    RelayPair(const RelayPair&) = delete;
    RelayPair& operator=(const RelayPair&) = delete;

    /// Connect upstream; the client is read once it is connected.
    void begin();
    /// Held bytes (possibly edited) or injected bytes enter direction d's pipeline.
    void forward(RelayDirection d, std::span<const std::byte> bytes);
    /// A held message of d left the queue: a FIN that waited behind it may follow.
    void heldGone(RelayDirection d);
    void setImpairment(RelayDirection d, const Impairment& impairment);
    /// Close both legs now: with FIN (bytes still queued or waiting in the impairment are
    /// discarded) or with RST.
    void close(bool abortive);
    /// Pause or resume reading each source from the bytes in flight and the hold queue.
    void updateBackpressure();

    [[nodiscard]] ConnectionId id() const { return m_id; }
    [[nodiscard]] bool finished() const { return m_finished; }
    [[nodiscard]] int clientFd() const { return m_client.fd(); }
    [[nodiscard]] const ImpairmentCounters& counters(RelayDirection d) const;
    [[nodiscard]] bool readingPaused(RelayDirection d) const;
    /// Bytes forwarded into d now would be delivered (no FIN or reset ended it yet).
    [[nodiscard]] bool accepts(RelayDirection d) const;

private:
    struct Way {
        StreamPipeline pipeline;
        EventLoop::TimerId timer = 0;
        bool finPending = false; ///< the source's FIN waits behind held messages
        bool finPushed = false;
        bool finDone = false; ///< shutdown(SHUT_WR) forwarded to the destination
        bool paused = false;
    };

    Way& way(RelayDirection d) { return d == RelayDirection::ToServer ? m_toServer : m_toClient; }
    RelayLeg& source(RelayDirection d) {
        return d == RelayDirection::ToServer ? m_client : m_upstream;
    }
    RelayLeg& destination(RelayDirection d) {
        return d == RelayDirection::ToServer ? m_upstream : m_client;
    }
    void onBytes(RelayDirection d, std::span<const std::byte> bytes);
    void onEof(RelayDirection d);
    void onError(RelayDirection from, const Error& error);
    void onUpstreamConnected();
    /// Error record (with peer and flags) and Error event for the pair, state Failed.
    void reportFailure(const Error& error, const Endpoint* peer, std::uint16_t flags);
    /// The upstream connection could not be made: the client is reset and the pair fails. text:
    /// the Reset record's wording, %1 the upstream ("client reset: upstream %1 refused").
    void upstreamFailed(const Error& error, std::string_view text);
    void pump(RelayDirection d);
    void schedule(RelayDirection d);
    void pushFinishIfClear(RelayDirection d);
    void maybeDone();
    /// Reset both legs; text: the Reset record's ("closed by the user: reset both legs").
    void resetBoth(const std::string& text);
    void finish(SessionState state);
    [[nodiscard]] const Endpoint* peerOf(RelayDirection from) const;

    Session& m_session;
    RelayBook& m_book;
    ConnectionId m_id;
    Endpoint m_clientLocal;
    Endpoint m_clientPeer;
    Endpoint m_upstreamPeer;
    std::function<void(RelayPair&)> m_onFinished;
    RelayLeg m_client;
    RelayLeg m_upstream;
    Way m_toServer;
    Way m_toClient;
    UniqueFd m_pendingClient; ///< until begin()
    bool m_finished = false;
};

/// Milliseconds from now until dueNs, at least 0 (for EventLoop timers).
[[nodiscard]] int relayDelayMs(std::int64_t dueNs, std::int64_t nowNs);
/// (Re)arm `timer` for when `pipeline`'s next datagram is due (cancelling the previous one);
/// none armed when nothing waits. `fire` runs then; `timer` is 0 again before it runs.
void armDueTimer(EventLoop& loop, EventLoop::TimerId& timer, const DatagramPipeline& pipeline,
                 std::function<void()> fire);
/// The pipeline seed of one connection and direction of a relay seeded with seed.
[[nodiscard]] std::uint64_t relaySeed(std::uint64_t seed, ConnectionId connection,
                                      RelayDirection d);

} // namespace socklab
