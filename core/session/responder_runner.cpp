#include "core/session/responder_runner.h"

#include "core/base/clock.h"
#include "core/base/translate.h"
#include "core/session/session.h"

#include <chrono>
#include <ctime>

namespace socklab {

namespace {

constexpr int kHitsInterval_ms = 100;
// Delayed replies waiting at once: a flood against a rule with a delay must not grow memory (and
// the loop's timer list) without bound.
constexpr std::size_t kMaxDueReplies = 10'000;

struct WallClock {
    std::int64_t unixNs = 0;
    std::int32_t utcOffsetSeconds = 0;
};

WallClock wallClock() {
    WallClock w;
    w.unixNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    const std::time_t seconds = static_cast<std::time_t>(w.unixNs / 1'000'000'000);
    std::tm local{};
    if (localtime_r(&seconds, &local) != nullptr) {
        w.utcOffsetSeconds = static_cast<std::int32_t>(local.tm_gmtoff);
    }
    return w;
}

} // namespace

ResponderRunner::ResponderRunner(Session& session, Responder responder)
    : m_session(session), m_responder(std::move(responder)) {}

ResponderRunner::~ResponderRunner() {
    EventLoop& loop = m_session.host().loop();
    for (auto& [id, s] : m_streams) {
        if (s.idleTimer != 0) {
            loop.cancelTimer(s.idleTimer);
        }
    }
    for (auto& [timer, due] : m_due) {
        loop.cancelTimer(timer);
    }
    if (m_hitsTimer != 0) {
        loop.cancelTimer(m_hitsTimer);
    }
}

void ResponderRunner::reconfigure(Responder responder) {
    const bool framingChanged = !(responder.config().framing == m_responder.config().framing);
    m_responder = std::move(responder);
    if (framingChanged) {
        EventLoop& loop = m_session.host().loop();
        for (auto& [id, s] : m_streams) {
            if (s.idleTimer != 0) {
                loop.cancelTimer(s.idleTimer);
                s.idleTimer = 0;
            }
            s.framer = Framer(m_responder.config().framing);
            s.cutting = false;
        }
        m_datagramFramer.reset();
    }
    reportHits();
}

ResponderRunner::Stream& ResponderRunner::stream(ConnectionId connection) {
    auto it = m_streams.find(connection);
    if (it == m_streams.end()) {
        it = m_streams.emplace(connection, Stream{Framer(m_responder.config().framing)}).first;
    }
    return it->second;
}

template <class Deliver>
void ResponderRunner::withStream(ConnectionId connection, Deliver&& deliver) {
    Stream& s = stream(connection);
    m_delivering = connection;
    m_deliveringActive = true;
    deliver(s);
    m_deliveringActive = false;
    if (s.gone) {
        m_streams.erase(connection);
    }
}

bool ResponderRunner::wholeMessage(bool& cutting, const FramedMessage& m) {
    // The pieces of a message over maxMessageBytes are all Cut but the last: rules see none
    // of them (a piece is not the message; matching its tail would answer something else).
    if (m.note == FrameNote::Cut) {
        cutting = true;
        return false;
    }
    if (cutting) {
        cutting = false;
        return false;
    }
    return m.note != FrameNote::BadLength;
}

void ResponderRunner::streamData(ConnectionId connection, ByteView bytes) {
    withStream(connection, [&](Stream& s) {
        s.framer.feed(bytes, monotonicNs(), [&](const FramedMessage& m) {
            if (!s.gone && wholeMessage(s.cutting, m)) {
                onMessage(connection, m.bytes, std::string(), true);
            }
        });
        if (!s.gone) {
            armIdle(connection, s);
        }
    });
}

void ResponderRunner::armIdle(ConnectionId connection, Stream& s) {
    if (s.idleTimer != 0) {
        return; // the timer re-checks the deadline when it fires
    }
    const auto deadline = s.framer.idleDeadlineNs();
    if (!deadline) {
        return;
    }
    const std::int64_t wait_ns = std::max<std::int64_t>(0, *deadline - monotonicNs());
    const int wait_ms = static_cast<int>((wait_ns + 999'999) / 1'000'000);
    s.idleTimer = m_session.host().loop().addTimer(wait_ms, [this, connection] {
        auto it = m_streams.find(connection);
        if (it == m_streams.end()) {
            return;
        }
        it->second.idleTimer = 0;
        withStream(connection, [&](Stream& s) {
            s.framer.poll(monotonicNs(), [&](const FramedMessage& m) {
                if (!s.gone && wholeMessage(s.cutting, m)) {
                    onMessage(connection, m.bytes, std::string(), true);
                }
            });
            if (!s.gone) {
                armIdle(connection, s);
            }
        });
    });
}

void ResponderRunner::datagram(ByteView bytes, const Endpoint& peer, bool connected,
                               const Endpoint& local) {
    if (!m_datagramFramer) {
        m_datagramFramer.emplace(m_responder.config().framing);
    }
    // Connected: replies go to the connected peer (sendto with an address would not). An
    // unnamed sender (an unbound Unix datagram socket) cannot be answered, and the socket's
    // own address must not be: it would answer itself forever.
    std::optional<std::string> destination;
    const std::string peerText = peer.empty() ? std::string() : peer.toString();
    if (connected) {
        destination = std::string();
    } else if (peerText.empty() || peer.kind() == AddressKind::UnixUnnamed) {
        warnOnce(m_warnedUnnamed,
                 SL_TR("socklab", "responders: a sender without an address (an unbound Unix "
                                  "datagram socket) cannot be answered; its messages are only "
                                  "counted"));
    } else if (peer == local) {
        warnOnce(m_warnedSelf,
                 trArgs(SL_TR("socklab", "responders: not answering datagrams from this socket's "
                                         "own address %1 (it would answer itself forever)"),
                        local.toString()));
    } else {
        destination = peerText;
    }
    bool cutting = false; // a datagram is a stream of its own
    const auto sink = [&](const FramedMessage& m) {
        if (wholeMessage(cutting, m)) {
            onMessage(0, m.bytes, destination, false);
        }
    };
    m_datagramFramer->feed(bytes, monotonicNs(), sink);
    m_datagramFramer->finish(sink);
}

void ResponderRunner::warnOnce(bool& warned, std::string text) {
    if (!warned) {
        warned = true;
        m_session.emitWarning(0, std::move(text));
    }
}

void ResponderRunner::peerClosed(ConnectionId connection) {
    withStream(connection, [&](Stream& s) {
        if (s.idleTimer != 0) {
            m_session.host().loop().cancelTimer(s.idleTimer);
            s.idleTimer = 0;
        }
        // What is left is matched as it is (a last line without its newline, say).
        s.framer.finish([&](const FramedMessage& m) {
            if (!s.gone && wholeMessage(s.cutting, m)) {
                onMessage(connection, m.bytes, std::string(), true);
            }
        });
        if (!s.gone && m_responder.config().halfCloseWithPeer) {
            s.shutWhenDone = true;
            maybeShut(connection, s);
        }
    });
}

void ResponderRunner::maybeShut(ConnectionId connection, Stream& s) {
    if (s.shutWhenDone && s.repliesDue == 0) {
        s.shutWhenDone = false;
        m_session.shutdownWrite(connection);
    }
}

void ResponderRunner::ended(ConnectionId connection) {
    if (m_hitsDirty) {
        // Whoever watches the connection close sees the final counts first.
        m_hitsDirty = false;
        reportHits();
    }
    EventLoop& loop = m_session.host().loop();
    if (auto it = m_streams.find(connection); it != m_streams.end()) {
        if (it->second.idleTimer != 0) {
            loop.cancelTimer(it->second.idleTimer);
            it->second.idleTimer = 0;
        }
        if (m_deliveringActive && m_delivering == connection) {
            it->second.gone = true; // its framer is delivering: withStream erases it after
        } else {
            m_streams.erase(it);
        }
    }
    for (auto it = m_due.begin(); it != m_due.end();) {
        if (it->second.stream && it->second.connection == connection) {
            loop.cancelTimer(it->first);
            it = m_due.erase(it);
        } else {
            ++it;
        }
    }
}

void ResponderRunner::onMessage(ConnectionId connection, ByteView message,
                                const std::optional<std::string>& destination, bool isStream) {
    // The clock (and localtime's lock) only when a reply shows the time: floods stay cheap.
    const WallClock now = m_responder.needsTime() ? wallClock() : WallClock{};
    auto reply = m_responder.respond(message, now.unixNs, now.utcOffsetSeconds);
    if (!reply) {
        return;
    }
    noteHit();
    if (!destination) {
        return; // counted; nobody to answer
    }
    if (reply->bytes.empty() &&
        (isStream || m_responder.config().rules[reply->rule].reply.empty())) {
        return; // a rule that only counts (an empty stream write would send nothing anyway)
    }
    if (reply->delayMs == 0) {
        send(connection, std::move(reply->bytes), *destination);
        return;
    }
    if (m_due.size() >= kMaxDueReplies) {
        ++m_droppedReplies;
        warnOnce(m_warnedDue, trArgs(SL_TR("socklab", "responders: more than %1 delayed replies "
                                                      "waiting; further ones are dropped"),
                                     kMaxDueReplies));
        return;
    }
    if (isStream) {
        ++stream(connection).repliesDue;
    }
    // The timer id is known only after addTimer returns; the handler finds its entry by it.
    auto id = std::make_shared<EventLoop::TimerId>(0);
    *id = m_session.host().loop().addTimer(
        static_cast<int>(reply->delayMs),
        [this, id, connection, isStream, destination = *destination,
         bytes = std::move(reply->bytes)]() mutable {
            m_due.erase(*id);
            send(connection, std::move(bytes), destination);
            if (!isStream) {
                return;
            }
            if (auto it = m_streams.find(connection); it != m_streams.end()) {
                --it->second.repliesDue;
                maybeShut(connection, it->second);
            }
        });
    m_due.emplace(*id, Due{connection, isStream});
}

void ResponderRunner::send(ConnectionId connection, ByteVector bytes,
                           const std::string& destination) {
    SendData data;
    data.session = m_session.id();
    data.connection = connection;
    data.bytes = std::move(bytes);
    data.destination = destination;
    m_session.send(data);
}

void ResponderRunner::noteHit() {
    if (m_hitsTimer != 0) {
        m_hitsDirty = true;
        return;
    }
    reportHits();
    m_hitsTimer = m_session.host().loop().addTimer(
        kHitsInterval_ms,
        [this] {
            if (m_hitsDirty) {
                m_hitsDirty = false;
                reportHits();
                return; // keep repeating while hits come
            }
            m_session.host().loop().cancelTimer(m_hitsTimer);
            m_hitsTimer = 0;
        },
        true);
}

void ResponderRunner::socketClosed() {
    EventLoop& loop = m_session.host().loop();
    for (auto& [timer, due] : m_due) {
        loop.cancelTimer(timer);
    }
    m_due.clear();
    for (auto& [id, s] : m_streams) {
        s.repliesDue = 0;
    }
    if (m_hitsDirty) {
        m_hitsDirty = false;
        reportHits();
    }
}

void ResponderRunner::reportHits() {
    EngineEvent e;
    e.kind = EngineEvent::Kind::RuleHits;
    e.session = m_session.id();
    e.ruleHits = m_responder.hits();
    e.rulesGeneration = m_session.rulesGeneration();
    m_session.host().emit(std::move(e));
}

} // namespace socklab
