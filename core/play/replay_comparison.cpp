// Replay: the live answer compared with the recording (ReplayPlayer::compareLive and
// comparison()) and the report both front ends print (replayReportLines, replaySummary).
#include "core/codec/hex.h"
#include "core/play/replay_detail.h"
#include "core/play/replay_player.h"

#include <algorithm>

namespace socklab {

using replay_detail::plural;

namespace {

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
    const std::string peer = side == ReplaySide::Client ? "server" : "client";
    std::vector<std::string> out;
    if (!c.error.empty() && !c.started) {
        out.push_back("failed: " + c.error + ": nothing was replayed");
        return out;
    }
    const auto amount = [](std::uint64_t bytes, std::uint64_t messages) {
        return plural(bytes, "byte", "bytes") + " in " + plural(messages, "message", "messages");
    };
    const std::string answered = amount(c.received.liveBytes, c.received.liveMessages);
    const std::string recorded = amount(c.received.recordedBytes, c.received.recordedMessages);
    if (c.identical) {
        out.push_back("identical: the " + peer + " answered " + answered + ", as recorded (" +
                      recorded + ")");
    } else {
        out.push_back("differs: the " + peer + " answered " + answered + ", recorded " + recorded);
    }
    if (c.differsAt) {
        out.push_back(c.datagram > 0
                          ? "first difference in datagram " + std::to_string(c.datagram) +
                                " at byte " + std::to_string(*c.differsAt)
                          : "first difference at byte " + std::to_string(*c.differsAt) +
                                " of the " + peer + "'s stream");
        out.push_back("  recorded: " + c.recordedContext);
        out.push_back("  live:     " + c.liveContext);
    }
    if (c.extra > 0) {
        out.push_back("the " + peer + " sent " +
                      (c.protocol == CaptureProtocol::Udp ? plural(c.extra, "datagram", "datagrams")
                                                          : plural(c.extra, "byte", "bytes")) +
                      " more than recorded");
    }
    out.push_back("sent " + std::to_string(c.sent.liveBytes) + " of " +
                  plural(c.sent.recordedBytes, "byte", "bytes") + " in " +
                  plural(c.sent.liveMessages, "message", "messages") + " (recorded " +
                  std::to_string(c.sent.recordedMessages) + ")");
    if (c.closeDiffers) {
        out.push_back(c.peerReset ? "the " + peer +
                                        " reset the connection (the recording has it closing "
                                        "with FIN)"
                                  : "the " + peer +
                                        " closed with FIN (the recording has it resetting the "
                                        "connection)");
    } else if (c.peerClosedRecorded && c.peerClosed) {
        out.push_back("the " + peer + " closed, as recorded");
    } else if (c.peerClosedRecorded) {
        out.push_back("the " + peer + " did not close (the recording has it closing)");
    } else if (c.peerClosed) {
        out.push_back("the " + peer + " closed (the recording does not)");
    }
    out.push_back("took " + captureDurationText(c.liveNs) +
                  " (the recording, as timed: " + captureDurationText(c.recordedNs) + ")");
    if (c.timeouts > 0) {
        out.push_back(plural(c.timeouts, "wait", "waits") + " for the " + peer + " timed out");
    }
    if (!c.completed) {
        out.push_back(c.networkError ? "incomplete: the socket reported an error" +
                                           (c.error.empty() ? std::string() : ": " + c.error)
                                     : "incomplete: the replay did not run every step");
    }
    return out;
}

std::string replaySummary(const ReplayComparison& c) {
    if (!c.error.empty() && !c.started) {
        return "failed: " + c.error;
    }
    const bool udp = c.protocol == CaptureProtocol::Udp;
    // The first difference is where the live peer went on past the recording.
    const bool extraFirst =
        c.extra > 0 && (udp ? c.datagram > c.received.recordedMessages
                            : c.differsAt.value_or(0) >= c.received.recordedBytes);
    std::string text = c.completed ? "" : "incomplete, ";
    if (c.identical) {
        text += "identical (" + std::to_string(c.received.liveBytes) + " of " +
                std::to_string(c.received.recordedBytes) + " bytes)";
    } else if (extraFirst && udp) {
        text += "differs: " + plural(c.extra, "datagram", "datagrams") + " more than recorded (" +
                std::to_string(c.received.liveMessages) + " datagrams, recorded " +
                std::to_string(c.received.recordedMessages) + ")";
    } else if (extraFirst) {
        text += "differs: " + plural(c.extra, "byte", "bytes") + " more than recorded (" +
                std::to_string(c.received.liveBytes) + " bytes, recorded " +
                std::to_string(c.received.recordedBytes) + ")";
    } else if (c.differsAt && c.datagram > 0) {
        text += "differs in datagram " + std::to_string(c.datagram) + " at byte " +
                std::to_string(*c.differsAt) + " (" + std::to_string(c.received.liveMessages) +
                " datagrams, recorded " + std::to_string(c.received.recordedMessages) + ")";
    } else if (c.differsAt) {
        text += "differs at byte " + std::to_string(*c.differsAt) + " (" +
                std::to_string(c.received.liveBytes) + " bytes, recorded " +
                std::to_string(c.received.recordedBytes) + ")";
    } else if (c.closeDiffers) {
        text += c.peerReset ? "differs: the peer reset the connection (recorded: FIN)"
                            : "differs: the peer closed with FIN (recorded: reset)";
    } else {
        text += "differs: sent " + std::to_string(c.sent.liveBytes) + " of " +
                std::to_string(c.sent.recordedBytes) + " bytes";
    }
    return text;
}

} // namespace socklab
