// Replay: what to play, from an imported conversation's store (buildReplayScript), and the
// session that plays it (replayOpenRequest).
#include "core/capture/record_text.h"
#include "core/net/endpoint.h"
#include "core/play/replay_detail.h"
#include "core/play/replay_player.h"

#include <algorithm>
#include <charconv>
#include <sys/socket.h>

namespace socklab {

using replay_detail::counted;
using replay_detail::quoted;

namespace {

bool isOwnData(const Record& r, ReplaySide side) {
    return r.direction == (side == ReplaySide::Client ? Direction::Out : Direction::In);
}

/// The byte count of a gap note: "gap server->client: 50 bytes missing at seq 7 (...)" -> 50.
std::optional<std::uint64_t> gapLength(std::string_view text) {
    const std::size_t colon = text.find(": ");
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view rest = text.substr(colon + 2);
    std::uint64_t n = 0;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
    if (ec != std::errc{} || end == rest.data()) {
        return std::nullopt;
    }
    return n;
}

} // namespace

Result<ReplayScript> buildReplayScript(const TrafficStore& recorded,
                                       const CaptureConversation& conversation, ReplaySide side) {
    const std::string object = trArgs(SL_TR("socklab", "conversation %1"), conversation.index);
    ReplayScript s;
    s.protocol = conversation.protocol;
    s.side = side;
    s.conversation = conversation.index;
    const bool udp = conversation.protocol == CaptureProtocol::Udp;
    std::optional<std::int64_t> anchor;
    std::optional<std::int64_t> first;
    std::int64_t last = 0;
    forEachRecord(recorded, [&](const Record& r) {
        if (!first) {
            first = r.monoNs;
        }
        if (!anchor && r.kind == RecordKind::Connected) {
            anchor = r.monoNs;
        }
        last = std::max(last, r.monoNs);
    });
    if (!first) {
        return fail(inputError(SL_TR("socklab", "replay"), object,
                               SL_TR("socklab", "the conversation has no records")));
    }
    const std::int64_t zero = anchor.value_or(*first);
    s.durationNs = std::max<std::int64_t>(0, last - zero);
    const auto rel = [&](const Record& r) { return std::max<std::int64_t>(0, r.monoNs - zero); };

    std::uint64_t peerCount = 0;
    std::int64_t peerAt = 0;
    bool peerFin = false;
    bool ownEnded = false;
    std::uint64_t oob = 0;
    std::optional<Error> error;
    forEachRecord(recorded, [&](const Record& r) {
        if (error || r.connectionId != 0) {
            return;
        }
        switch (r.kind) {
        case RecordKind::Data: {
            if (!recorded.bytesAvailable(r)) {
                error = inputError(SL_TR("socklab", "replay"), object,
                                   trArgs(SL_TR("socklab", "the bytes of record %1 are no longer "
                                                           "in memory (raise the capture memory "
                                                           "limit)"),
                                          r.seq + 1));
                return;
            }
            ByteVector bytes = recorded.recordBytes(r);
            if (r.flags & RecordFlag::Oob) {
                ++oob;
            }
            if (isOwnData(r, side)) {
                if (ownEnded && !udp) {
                    return; // bytes after our own FIN/RST cannot be sent again
                }
                s.ownBytes += bytes.size();
                ++s.ownMessages;
                s.steps.push_back(
                    {ReplayStep::Kind::Send, std::move(bytes), rel(r), peerCount, peerAt, peerFin});
            } else {
                ++s.peerMessages;
                s.lastPeerNs = rel(r);
                peerAt = rel(r);
                if (udp) {
                    ++peerCount;
                    s.peerDatagrams.push_back(std::move(bytes));
                } else {
                    peerCount += bytes.size();
                    s.peerStream.insert(s.peerStream.end(), bytes.begin(), bytes.end());
                }
            }
            break;
        }
        case RecordKind::HalfClosed:
        case RecordKind::Closed:
        case RecordKind::PeerClosed: {
            // HalfClosed and Closed: the client's FIN; PeerClosed: the server's.
            const bool clientFin = r.kind != RecordKind::PeerClosed;
            const bool own = clientFin == (side == ReplaySide::Client);
            if (own) {
                if (!ownEnded) {
                    s.steps.push_back(
                        {ReplayStep::Kind::Shutdown, {}, rel(r), peerCount, peerAt, peerFin});
                    ownEnded = true;
                }
            } else {
                s.peerCloses = true;
                s.lastPeerNs = rel(r);
                peerAt = rel(r);
                peerFin = true;
            }
            break;
        }
        case RecordKind::Reset: {
            // Remote: the server's RST.
            const bool fromServer = (r.flags & RecordFlag::Remote) != 0;
            const bool own = fromServer == (side == ReplaySide::Server);
            if (own) {
                s.steps.push_back(
                    {ReplayStep::Kind::Reset, {}, rel(r), peerCount, peerAt, peerFin});
                ownEnded = true;
            } else {
                s.peerResets = true;
                s.lastPeerNs = rel(r);
            }
            break;
        }
        case RecordKind::Info: {
            // A hole in the peer's stream: the live peer sends those bytes, the recording
            // lacks them. Counted for the pacing, skipped by the comparison.
            const Direction peerDir = side == ReplaySide::Client ? Direction::In : Direction::Out;
            const std::string text = recorded.text(r);
            if (udp || streamGapDirection(text) != peerDir) {
                break;
            }
            if (const auto length = gapLength(text); length && *length > 0) {
                s.peerGaps.push_back({peerCount, *length});
                s.peerGapBytes += *length;
                peerCount += *length;
            }
            break;
        }
        default:
            break;
        }
    });
    if (error) {
        return fail(*error);
    }
    // A reset ends everything: steps after the first one are dropped.
    if (auto it =
            std::find_if(s.steps.begin(), s.steps.end(),
                         [](const ReplayStep& st) { return st.kind == ReplayStep::Kind::Reset; });
        it != s.steps.end()) {
        s.steps.erase(it + 1, s.steps.end());
    }
    if (conversation.gaps > 0) {
        const std::string gaps =
            counted(conversation.gaps, SL_TR("socklab", "%1 gap"), SL_TR("socklab", "%1 gaps"));
        s.notes.push_back(trArgs(side == ReplaySide::Client
                                     ? SL_TR("socklab", "the recording misses %1 bytes (%2): only "
                                                        "captured bytes are sent; the server's "
                                                        "missing bytes are not compared")
                                     : SL_TR("socklab", "the recording misses %1 bytes (%2): only "
                                                        "captured bytes are sent; the client's "
                                                        "missing bytes are not compared"),
                                 conversation.gapBytes, gaps));
    }
    if (conversation.truncatedDatagrams > 0) {
        s.notes.push_back(
            counted(conversation.truncatedDatagrams,
                    SL_TR("socklab", "%1 datagram was cut by the capture's snapshot "
                                     "length: their captured part is used"),
                    SL_TR("socklab", "%1 datagrams were cut by the capture's "
                                     "snapshot length: their captured part is used")));
    }
    if (oob > 0) {
        s.notes.push_back(
            counted(oob, SL_TR("socklab", "%1 urgent (OOB) byte replayed as ordinary bytes"),
                    SL_TR("socklab", "%1 urgent (OOB) bytes replayed as ordinary bytes")));
    }
    return s;
}

Result<OpenSession> replayOpenRequest(const CaptureConversation& conversation, ReplaySide side,
                                      const std::string& address) {
    const auto bad = [&](std::string why) {
        return fail(inputError(SL_TR("socklab", "replay"), quoted(address), std::move(why)));
    };
    for (std::size_t i = 0; i < address.size(); ++i) {
        const auto b = static_cast<unsigned char>(address[i]);
        if (b < 0x20 || b == 0x7f) {
            // A NUL would cut the address the resolver gets: "127.0.0.1\0junk" is no address.
            return bad(trArgs(SL_TR("socklab", "control character %1 at position %2"),
                              codec_detail::describeChar(address[i]), i));
        }
    }
    auto hp = splitHostPort(address);
    if (!hp) {
        return bad(hp.error().detail.empty() ? hp.error().message() : hp.error().detail);
    }
    if (hp->host.empty()) {
        return bad(SL_TR("socklab", "missing host (expected HOST:PORT)"));
    }
    if (hp->port.empty()) {
        return bad(SL_TR("socklab", "missing port (expected HOST:PORT)"));
    }
    auto port = parsePort(hp->port);
    if (!port) {
        return bad(port.error().detail.empty() ? port.error().message() : port.error().detail);
    }
    if (*port == 0 && side == ReplaySide::Client) {
        return bad(SL_TR("socklab", "port 0: the client side connects to the peer's port"));
    }
    SocketSpec spec = captureSocketSpec(conversation);
    spec.family = hp->host.find(':') != std::string::npos ? AF_INET6 : AF_INET;
    OpenSession request;
    request.spec = spec;
    const bool udp = conversation.protocol == CaptureProtocol::Udp;
    if (side == ReplaySide::Client) {
        request.role = Role::Connect;
        request.remote = address;
    } else {
        request.role = udp ? Role::Bind : Role::Listen;
        request.local = address;
    }
    return request;
}

} // namespace socklab
