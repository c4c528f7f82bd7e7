#include "core/play/sequence_player.h"

#include "core/base/translate.h"

#include <algorithm>
#include <chrono>

namespace socklab {

namespace {

std::int64_t unixNowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

SequencePlayer::SequencePlayer(SessionId session, std::vector<Sequence> sequences,
                               FramingSpec framing, std::string destination,
                               ConnectionId connection, bool datagram)
    : m_session(session), m_sequences(std::move(sequences)), m_framing(std::move(framing)),
      m_destination(std::move(destination)), m_connection(connection), m_datagram(datagram) {}

bool SequencePlayer::allOk() const {
    return std::all_of(m_results.begin(), m_results.end(),
                       [](const Result& r) { return r.outcome.ok; }) &&
           m_results.size() == m_sequences.size();
}

std::vector<SendData> SequencePlayer::start(std::int64_t nowNs) {
    if (m_runner || m_next >= m_sequences.size()) {
        return {};
    }
    m_runner.emplace(m_sequences[m_next++]);
    return apply(m_runner->start(nowNs, unixNowNs()), nowNs);
}

std::vector<SendData> SequencePlayer::apply(SequenceRunner::Actions actions, std::int64_t nowNs) {
    std::vector<SendData> out;
    for (ByteVector& bytes : actions.sends) {
        out.push_back(SendData{m_session, m_connection, std::move(bytes), false, m_destination});
    }
    // Empty actions (a message nothing waited for) leave the armed timer as it is.
    if (actions.timerAtNs) {
        m_deadlineNs = actions.timerAtNs;
    }
    if (actions.finished) {
        m_results.push_back({m_runner->sequence().name, std::move(*actions.finished)});
        m_runner.reset();
        m_deadlineNs.reset();
        auto more = start(nowNs);
        out.insert(out.end(), std::make_move_iterator(more.begin()),
                   std::make_move_iterator(more.end()));
    }
    return out;
}

std::vector<SendData> SequencePlayer::onRecords(const TrafficStore& store, std::int64_t nowNs) {
    std::vector<SendData> out;
    m_readSeq = forEachRecord(
        store,
        [&](const Record& r) {
            if (r.kind != RecordKind::Data || r.direction != Direction::In || !m_runner) {
                return;
            }
            auto it = m_framers.try_emplace(r.connectionId, m_framing).first;
            const ByteVector bytes = store.recordBytes(r);
            // Datagrams are framed one by one; a stream continues across reads.
            const auto sink = [&](const FramedMessage& m) {
                if (m_runner) {
                    auto more = apply(m_runner->onMessage(m.bytes, nowNs, unixNowNs()), nowNs);
                    out.insert(out.end(), std::make_move_iterator(more.begin()),
                               std::make_move_iterator(more.end()));
                }
            };
            it->second.feed(bytes, nowNs, sink);
            if (m_datagram) {
                it->second.finish(sink);
            }
        },
        m_readSeq);
    return out;
}

std::vector<SendData> SequencePlayer::onTimer(std::int64_t nowNs) {
    if (!m_runner || !m_deadlineNs || nowNs < *m_deadlineNs) {
        return {};
    }
    return apply(m_runner->onTimer(nowNs, unixNowNs()), nowNs);
}

void SequencePlayer::socketGone(const std::string& why) {
    if (m_runner) {
        SequenceOutcome o = m_runner->stop();
        o.text = trArgs(SL_TR("socklab", "%1 at step %2"), why, o.step);
        m_results.push_back({m_runner->sequence().name, std::move(o)});
        m_runner.reset();
    }
    m_deadlineNs.reset();
    m_next = m_sequences.size();
}

void SequencePlayer::stop() {
    if (m_runner) {
        SequenceOutcome o = m_runner->stop();
        m_results.push_back({m_runner->sequence().name, std::move(o)});
        m_runner.reset();
    }
    m_deadlineNs.reset();
    m_next = m_sequences.size();
}

void SequencePlayer::pause(std::int64_t nowNs) {
    if (m_runner) {
        m_runner->pause(nowNs);
        m_deadlineNs.reset();
    }
}

void SequencePlayer::resume(std::int64_t nowNs) {
    if (m_runner && m_runner->paused()) {
        m_deadlineNs = m_runner->resume(nowNs).timerAtNs;
    }
}

std::string SequencePlayer::currentName() const {
    return m_runner ? m_runner->sequence().name : std::string();
}

std::size_t SequencePlayer::currentStep() const {
    return m_runner ? m_runner->currentStep() : 0;
}

std::size_t SequencePlayer::currentStepCount() const {
    return m_runner ? m_runner->sequence().steps.size() : 0;
}

} // namespace socklab
