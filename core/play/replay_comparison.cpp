// Replay: the live answer compared with the recording (ReplayPlayer::compareLive and
// comparison()) and the report both front ends print (replayReportLines, replaySummary).
#include "core/codec/hex.h"
#include "core/play/replay_detail.h"
#include "core/play/replay_player.h"

#include <algorithm>

namespace socklab {

using replay_detail::bytesText;
using replay_detail::counted;

namespace {

std::string messagesText(std::uint64_t n) {
    return counted(n, SL_TR("socklab", "%1 message"), SL_TR("socklab", "%1 messages"));
}

std::string datagramsText(std::uint64_t n) {
    return counted(n, SL_TR("socklab", "%1 datagram"), SL_TR("socklab", "%1 datagrams"));
}

constexpr std::size_t kContextBefore = 8;
constexpr std::size_t kContextAfter = 16;

/// "48 45 | 4c 4f": the bytes before the difference, a bar, the bytes from it.
std::string context(ByteView before, ByteView from) {
    std::string out = formatHex(before);
    out += out.empty() ? "|" : " |";
    if (!from.empty()) {
        out += ' ';
        out += formatHex(from);
    }
    return out;
}

ByteView window(ByteView bytes, std::size_t from, std::size_t count) {
    from = std::min(from, bytes.size());
    return bytes.subspan(from, std::min(count, bytes.size() - from));
}

/// The bytes of rec shown before a difference at `at`.
ByteView before(ByteView rec, std::size_t at) {
    const std::size_t from = at > kContextBefore ? at - kContextBefore : 0;
    return window(rec, from, at - from);
}

} // namespace

std::uint64_t ReplayPlayer::recordedIndex(std::uint64_t liveOffset) const {
    std::uint64_t missing = 0;
    for (const ReplayScript::Gap& g : m_script.peerGaps) {
        if (g.offset >= liveOffset) {
            break;
        }
        missing += std::min(g.length, liveOffset - g.offset);
    }
    return liveOffset - missing;
}

void ReplayPlayer::compareLive(std::span<const std::byte> bytes) {
    ++m_cmp.received.liveMessages;
    const std::uint64_t offset = m_cmp.received.liveBytes;
    m_cmp.received.liveBytes += bytes.size();
    if (m_script.protocol == CaptureProtocol::Udp) {
        const std::uint64_t index = m_cmp.received.liveMessages; // 1-based
        if (m_cmp.differsAt) {
            return;
        }
        static const ByteVector kNone;
        const ByteVector& rec =
            index <= m_script.peerDatagrams.size() ? m_script.peerDatagrams[index - 1] : kNone;
        const ByteView got = bytes;
        const auto mismatch = std::mismatch(rec.begin(), rec.end(), got.begin(), got.end());
        if (mismatch.first == rec.end() && mismatch.second == got.end() &&
            index <= m_script.peerDatagrams.size()) {
            return;
        }
        const auto at = static_cast<std::size_t>(mismatch.first - rec.begin());
        m_cmp.differsAt = at;
        m_cmp.datagram = index;
        m_cmp.recordedContext = context(before(rec, at), window(rec, at, kContextAfter));
        m_cmp.liveContext = context(before(rec, at), window(got, at, kContextAfter));
        return;
    }
    const ByteVector& rec = m_script.peerStream;
    if (m_cmp.differsAt) {
        // Collect the live bytes after the difference for its context.
        const std::size_t want = kContextAfter - m_liveAfter.size();
        m_liveAfter.insert(m_liveAfter.end(), bytes.begin(),
                           bytes.begin() + std::min(want, bytes.size()));
    } else {
        const auto& gaps = m_script.peerGaps;
        std::size_t i = 0;
        for (; i < bytes.size(); ++i) {
            const std::uint64_t at = offset + i;
            while (m_nextGap < gaps.size() &&
                   gaps[m_nextGap].offset + gaps[m_nextGap].length <= at) {
                m_gapSkipped += gaps[m_nextGap].length;
                ++m_nextGap;
            }
            if (m_nextGap < gaps.size() && gaps[m_nextGap].offset <= at) {
                // Bytes the capture missed: nothing recorded to compare them with.
                const std::uint64_t end = gaps[m_nextGap].offset + gaps[m_nextGap].length;
                i = static_cast<std::size_t>(std::min<std::uint64_t>(end - offset, bytes.size())) -
                    1;
                continue;
            }
            const std::uint64_t ri = at - m_gapSkipped;
            if (ri >= rec.size() || rec[ri] != bytes[i]) {
                break;
            }
        }
        if (i == bytes.size()) {
            return;
        }
        m_cmp.differsAt = offset + i;
        m_liveAfter.assign(bytes.begin() + i,
                           bytes.begin() + i + std::min(kContextAfter, bytes.size() - i));
    }
    const auto at = static_cast<std::size_t>(recordedIndex(*m_cmp.differsAt));
    m_cmp.recordedContext = context(before(rec, at), window(rec, at, kContextAfter));
    m_cmp.liveContext = context(before(rec, at), m_liveAfter);
}

ReplayComparison ReplayPlayer::comparison() const {
    ReplayComparison c = m_cmp;
    const bool udp = m_script.protocol == CaptureProtocol::Udp;
    if (!c.differsAt) {
        // The live answer is a prefix of the recording: it differs where it ends.
        if (udp && c.received.liveMessages < m_script.peerDatagrams.size()) {
            c.datagram = c.received.liveMessages + 1;
            c.differsAt = 0;
            const ByteVector& rec = m_script.peerDatagrams[c.received.liveMessages];
            c.recordedContext = context({}, window(rec, 0, kContextAfter));
            c.liveContext = context({}, {});
        } else if (!udp && c.received.liveBytes < peerTotal()) {
            const auto at = static_cast<std::size_t>(recordedIndex(c.received.liveBytes));
            const ByteVector& rec = m_script.peerStream;
            c.differsAt = c.received.liveBytes;
            c.recordedContext = context(before(rec, at), window(rec, at, kContextAfter));
            c.liveContext = context(before(rec, at), {});
        }
    }
    c.protocol = m_script.protocol;
    const std::uint64_t live = udp ? c.received.liveMessages : c.received.liveBytes;
    const std::uint64_t recorded = peerTotal();
    c.extra = live > recorded ? live - recorded : 0;
    c.closeDiffers = c.peerClosedRecorded && c.peerClosed && c.peerResetRecorded != c.peerReset;
    c.identical = !c.differsAt && !c.closeDiffers && c.sent.liveBytes == c.sent.recordedBytes;
    c.completed = m_state == ReplayState::Done && m_next == m_script.steps.size() && !m_stopped &&
                  !c.networkError;
    const std::int64_t end = m_state == ReplayState::Done ? m_endNs : m_lastStepNs;
    c.liveNs = m_startNs > 0 ? std::max<std::int64_t>(0, end - m_startNs) : 0;
    return c;
}

std::vector<std::string> replayReportLines(const ReplayComparison& c, ReplaySide side) {
    const std::string peer = side == ReplaySide::Client ? SL_TR("socklab", "the server")
                                                        : SL_TR("socklab", "the client");
    std::vector<std::string> out;
    if (!c.error.empty() && !c.started) {
        out.push_back(trArgs(SL_TR("socklab", "failed: %1: nothing was replayed"), c.error));
        return out;
    }
    if (c.identical) {
        out.push_back(
            trArgs(SL_TR("socklab", "identical: %1 answered %2 in %3, as recorded (%4 "
                                    "in %5)"),
                   peer, bytesText(c.received.liveBytes), messagesText(c.received.liveMessages),
                   bytesText(c.received.recordedBytes), messagesText(c.received.recordedMessages)));
    } else {
        out.push_back(
            trArgs(SL_TR("socklab", "differs: %1 answered %2 in %3, recorded %4 in %5"), peer,
                   bytesText(c.received.liveBytes), messagesText(c.received.liveMessages),
                   bytesText(c.received.recordedBytes), messagesText(c.received.recordedMessages)));
    }
    if (c.differsAt) {
        out.push_back(c.datagram > 0
                          ? trArgs(SL_TR("socklab", "first difference in datagram %1 at byte %2"),
                                   c.datagram, *c.differsAt)
                          : trArgs(SL_TR("socklab", "first difference at byte %1 of %2's stream"),
                                   *c.differsAt, peer));
        out.push_back(trArgs(SL_TR("socklab", "  recorded: %1"), c.recordedContext));
        out.push_back(trArgs(SL_TR("socklab", "  live:     %1"), c.liveContext));
    }
    if (c.extra > 0) {
        out.push_back(trArgs(SL_TR("socklab", "%1 sent %2 more than recorded"), peer,
                             c.protocol == CaptureProtocol::Udp ? datagramsText(c.extra)
                                                                : bytesText(c.extra)));
    }
    out.push_back(trArgs(SL_TR("socklab", "sent %1 of %2 in %3 (recorded %4)"), c.sent.liveBytes,
                         bytesText(c.sent.recordedBytes), messagesText(c.sent.liveMessages),
                         c.sent.recordedMessages));
    if (c.closeDiffers) {
        out.push_back(trArgs(c.peerReset ? SL_TR("socklab", "%1 reset the connection (the "
                                                            "recording has it closing with FIN)")
                                         : SL_TR("socklab", "%1 closed with FIN (the recording "
                                                            "has it resetting the connection)"),
                             peer));
    } else if (c.peerClosedRecorded && c.peerClosed) {
        out.push_back(trArgs(SL_TR("socklab", "%1 closed, as recorded"), peer));
    } else if (c.peerClosedRecorded) {
        out.push_back(
            trArgs(SL_TR("socklab", "%1 did not close (the recording has it closing)"), peer));
    } else if (c.peerClosed) {
        out.push_back(trArgs(SL_TR("socklab", "%1 closed (the recording does not)"), peer));
    }
    out.push_back(trArgs(SL_TR("socklab", "took %1 (the recording, as timed: %2)"),
                         captureDurationText(c.liveNs), captureDurationText(c.recordedNs)));
    if (c.timeouts > 0) {
        out.push_back(counted(c.timeouts, SL_TR("socklab", "%1 wait for %2 timed out"),
                              SL_TR("socklab", "%1 waits for %2 timed out"), peer));
    }
    if (!c.completed) {
        out.push_back(!c.networkError
                          ? SL_TR("socklab", "incomplete: the replay did not run every step")
                      : c.error.empty()
                          ? SL_TR("socklab", "incomplete: the socket reported an error")
                          : trArgs(SL_TR("socklab", "incomplete: the socket reported an error: %1"),
                                   c.error));
    }
    return out;
}

std::string replaySummary(const ReplayComparison& c) {
    if (!c.error.empty() && !c.started) {
        return trArgs(SL_TR("socklab", "failed: %1"), c.error);
    }
    const bool udp = c.protocol == CaptureProtocol::Udp;
    // The first difference is where the live peer went on past the recording.
    const bool extraFirst =
        c.extra > 0 && (udp ? c.datagram > c.received.recordedMessages
                            : c.differsAt.value_or(0) >= c.received.recordedBytes);
    std::string text;
    if (c.identical) {
        text = trArgs(SL_TR("socklab", "identical (%1 of %2 bytes)"), c.received.liveBytes,
                      c.received.recordedBytes);
    } else if (extraFirst && udp) {
        text =
            trArgs(SL_TR("socklab", "differs: %1 more than recorded (%2 datagrams, recorded %3)"),
                   datagramsText(c.extra), c.received.liveMessages, c.received.recordedMessages);
    } else if (extraFirst) {
        text = trArgs(SL_TR("socklab", "differs: %1 more than recorded (%2 bytes, recorded %3)"),
                      bytesText(c.extra), c.received.liveBytes, c.received.recordedBytes);
    } else if (c.differsAt && c.datagram > 0) {
        text = trArgs(
            SL_TR("socklab", "differs in datagram %1 at byte %2 (%3 datagrams, recorded %4)"),
            c.datagram, *c.differsAt, c.received.liveMessages, c.received.recordedMessages);
    } else if (c.differsAt) {
        text = trArgs(SL_TR("socklab", "differs at byte %1 (%2 bytes, recorded %3)"), *c.differsAt,
                      c.received.liveBytes, c.received.recordedBytes);
    } else if (c.closeDiffers) {
        text = c.peerReset
                   ? SL_TR("socklab", "differs: the peer reset the connection (recorded: FIN)")
                   : SL_TR("socklab", "differs: the peer closed with FIN (recorded: reset)");
    } else {
        text = trArgs(SL_TR("socklab", "differs: sent %1 of %2 bytes"), c.sent.liveBytes,
                      c.sent.recordedBytes);
    }
    return c.completed ? text : trArgs(SL_TR("socklab", "incomplete, %1"), text);
}

} // namespace socklab
