#include "ui/session/sequence_controller.h"

#include "ui/session/session_handle.h"

#include <chrono>

namespace socklab::ui {

SequenceController::SequenceController(SessionHandle* handle, QObject* parent)
    : QObject(parent), m_handle(handle) {
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SequenceController::onTimer);
    connect(handle, &SessionHandle::recordsAppended, this, &SequenceController::onRecords);
    connect(handle, &SessionHandle::stateChanged, this,
            [this](ConnectionId connection, SessionState state) {
                if (connection == 0 && m_player && m_player->running() &&
                    (state == SessionState::Closed || state == SessionState::Failed)) {
                    m_player->socketGone((state == SessionState::Failed
                                              ? tr("the socket failed")
                                              : tr("the socket closed"))
                                             .toStdString());
                    update();
                }
            });
}

std::int64_t SequenceController::nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool SequenceController::run(const Sequence& sequence, const FramingSpec& framing,
                             const QString& destination, ConnectionId connection, bool datagram) {
    if (m_player && m_player->running()) {
        m_player->stop();
    }
    if (!m_handle || !m_handle->isOpen()) {
        m_progress = tr("Open the socket first: a sequence talks to its peer.");
        emit progressChanged(m_progress);
        return false;
    }
    m_player.emplace(m_handle->id(), std::vector<Sequence>{sequence}, framing,
                     destination.toStdString(), connection, datagram);
    // What arrived before the start is not a reply to this run.
    if (auto store = m_handle->store()) {
        (void)m_player->onRecords(*store, nowNs());
    }
    post(m_player->start(nowNs()));
    update();
    return true;
}

void SequenceController::pause() {
    if (m_player && m_player->running()) {
        m_player->pause(nowNs());
        update();
    }
}

void SequenceController::resume() {
    if (m_player && m_player->paused()) {
        m_player->resume(nowNs());
        update();
    }
}

void SequenceController::stop() {
    if (m_player && m_player->running()) {
        m_player->stop();
        update();
    }
}

void SequenceController::onRecords() {
    if (!m_player || !m_player->running() || !m_handle) {
        return;
    }
    if (auto store = m_handle->store()) {
        post(m_player->onRecords(*store, nowNs()));
        update();
    }
}

void SequenceController::onTimer() {
    if (m_player && m_player->running()) {
        post(m_player->onTimer(nowNs()));
        update();
    }
}

void SequenceController::post(std::vector<SendData> sends) {
    if (!m_handle) {
        return;
    }
    for (SendData& d : sends) {
        m_handle->post(std::move(d));
    }
}

void SequenceController::update() {
    m_timer.stop();
    if (m_player && m_player->running()) {
        const QString name = QString::fromStdString(m_player->currentName());
        if (m_player->paused()) {
            m_progress = tr("Paused \"%1\" at step %2 of %3")
                             .arg(name)
                             .arg(m_player->currentStep())
                             .arg(m_player->currentStepCount());
        } else {
            m_progress = tr("Running \"%1\": step %2 of %3")
                             .arg(name)
                             .arg(m_player->currentStep())
                             .arg(m_player->currentStepCount());
            if (const auto at = m_player->deadlineNs()) {
                const auto wait_ms =
                    std::max<std::int64_t>(0, (*at - nowNs() + 999'999) / 1'000'000);
                m_timer.start(static_cast<int>(std::min<std::int64_t>(wait_ms, 3'600'000)));
            }
        }
        emit progressChanged(m_progress);
        return;
    }
    if (m_player && !m_player->results().empty()) {
        const SequenceOutcome& o = m_player->results().back().outcome;
        QString text = QString::fromStdString(o.text);
        // Core words a success "finished: 3 sent, …": not "Finished: finished: …".
        const QLatin1String coreFinished("finished: ");
        if (o.ok && text.startsWith(coreFinished)) {
            text.remove(0, coreFinished.size());
        }
        m_progress = o.ok ? tr("Finished: %1").arg(text) : tr("Failed: %1").arg(text);
        emit progressChanged(m_progress);
        emit finished(o.ok, m_progress);
        m_player.reset();
    }
}

} // namespace socklab::ui
