#include "ui/import/replay_controller.h"

#include "ui/session/session_handle.h"
#include "ui/settings/preferences.h"

#include <QLocale>
#include <chrono>
#include <climits>

namespace socklab::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

/// The count tr() picks a plural form by (an int): n itself, or for a count beyond an int one
/// with the same last six digits (the digits plural rules look at) that is not 0 or 1.
int pluralCount(std::uint64_t n) {
    return n <= std::uint64_t(INT_MAX) ? int(n) : int(n % 1'000'000 + 1'000'000);
}

/// A 64-bit count as the locale writes it ("3,000,000,000").
QString number(std::uint64_t n) {
    return QLocale().toString(qulonglong(n));
}

} // namespace

ReplayController::ReplayController(SessionRouter& router, QObject* parent)
    : QObject(parent), m_router(router) {
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ReplayController::onTimer);
}

ReplayController::~ReplayController() {
    delete m_handle; // closes and forgets the live session
}

std::int64_t ReplayController::nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

SessionHandle* ReplayController::handle() const {
    return m_handle;
}

std::shared_ptr<const TrafficStore> ReplayController::liveStore() const {
    return m_handle ? m_handle->store() : nullptr;
}

bool ReplayController::start(const TrafficStore& recorded, const CaptureConversation& conversation,
                             const ReplayRequest& request) {
    if (running()) {
        stop();
    }
    m_error.clear();
    auto script = buildReplayScript(recorded, conversation, request.side);
    if (!script) {
        m_error = qs(script.error().message());
        return false;
    }
    auto open = replayOpenRequest(conversation, request.side, request.address.toStdString());
    if (!open) {
        m_error = qs(open.error().message());
        return false;
    }
    open->store = storeConfig(loadPreferences());
    // A new handle per run: a fresh capture, and nothing of the previous run is routed here.
    delete m_handle;
    m_handle = new SessionHandle(m_router, this);
    connect(m_handle, &SessionHandle::recordsAppended, this, &ReplayController::onRecords);
    connect(m_handle, &SessionHandle::stateChanged, this,
            [this](ConnectionId connection, SessionState state, const QString& local,
                   const QString&) { onState(connection, state, local); });
    m_handle->open(std::move(*open));
    m_side = request.side;
    m_player.emplace(m_handle->id(), std::move(*script), request.options);
    m_reported = false;
    m_where.clear();
    emit liveStoreChanged(m_handle->store());
    update();
    return true;
}

void ReplayController::stop() {
    if (running()) {
        post(m_player->stop(nowNs()));
        update();
    }
}

void ReplayController::onState(ConnectionId connection, SessionState state, const QString& local) {
    if (!m_player || connection != 0) {
        return;
    }
    switch (state) {
    case SessionState::Connected:
    case SessionState::Listening:
    case SessionState::Bound:
        if (m_player->state() == ReplayState::Idle) {
            m_whereState = state;
            m_whereLocal = local;
            m_where = whereText(state, local);
            post(m_player->start(nowNs()));
        }
        break;
    case SessionState::Closed:
    case SessionState::Failed:
        // The records that led here come with the state change.
        onRecords();
        m_player->socketGone(
            (state == SessionState::Failed ? tr("the socket failed") : tr("the socket closed"))
                .toStdString(),
            nowNs());
        break;
    default:
        break;
    }
    update();
}

void ReplayController::onRecords() {
    if (!m_player || !m_handle) {
        return;
    }
    if (auto store = m_handle->store()) {
        post(m_player->onRecords(*store, nowNs()));
        update();
    }
}

void ReplayController::onTimer() {
    if (running()) {
        post(m_player->onTimer(nowNs()));
        update();
    }
}

void ReplayController::post(std::vector<Command> commands) {
    if (!m_handle) {
        return;
    }
    for (Command& c : commands) {
        m_handle->post(std::move(c));
    }
}

std::optional<ReplayComparison> ReplayController::comparison() const {
    if (!m_player) {
        return std::nullopt;
    }
    return m_player->comparison();
}

QString ReplayController::reportText() const {
    if (!m_player) {
        return {};
    }
    QStringList lines;
    for (const std::string& n : m_player->notes()) {
        lines << qs(n);
    }
    for (const std::string& l : replayReportLines(m_player->comparison(), m_side)) {
        lines << qs(l);
    }
    return lines.join(QLatin1Char('\n'));
}

QString ReplayController::bytesText(std::uint64_t n) {
    return tr("%1 byte(s)", nullptr, pluralCount(n)).arg(number(n));
}

QString ReplayController::messagesText(std::uint64_t n) {
    return tr("%1 message(s)", nullptr, pluralCount(n)).arg(number(n));
}

QString ReplayController::datagramsText(std::uint64_t n) {
    return tr("%1 datagram(s)", nullptr, pluralCount(n)).arg(number(n));
}

QString ReplayController::summaryText(const ReplayComparison& c, ReplaySide side) {
    if (!c.error.empty() && !c.started) {
        // The socket failed before the peer was there: nothing to compare.
        return tr("Replay failed: %1").arg(qs(c.error));
    }
    const bool client = side == ReplaySide::Client;
    const bool udp = c.protocol == CaptureProtocol::Udp;
    // The first difference is where the live peer went on past the recording.
    const bool extraFirst =
        c.extra > 0 && (udp ? c.datagram > c.received.recordedMessages
                            : c.differsAt.value_or(0) >= c.received.recordedBytes);
    QString text;
    if (c.identical) {
        text = client ? tr("Identical: the server answered %1 in %2, as recorded")
                      : tr("Identical: the client answered %1 in %2, as recorded");
        text = text.arg(bytesText(c.received.liveBytes), messagesText(c.received.liveMessages));
    } else if (extraFirst) {
        text = (client ? tr("Differs: the server sent %1 more than recorded")
                       : tr("Differs: the client sent %1 more than recorded"))
                   .arg(udp ? datagramsText(c.extra) : bytesText(c.extra));
    } else if (c.differsAt && c.datagram > 0) {
        text = tr("Differs in datagram %1 at byte %2: recorded %3, live %4")
                   .arg(number(c.datagram), number(*c.differsAt), qs(c.recordedContext),
                        qs(c.liveContext));
    } else if (c.differsAt) {
        text = (client ? tr("Differs at byte %1 of the server's stream: recorded %2, live %3")
                       : tr("Differs at byte %1 of the client's stream: recorded %2, live %3"))
                   .arg(number(*c.differsAt), qs(c.recordedContext), qs(c.liveContext));
    } else if (c.closeDiffers) {
        text = c.peerReset
                   ? (client ? tr("Differs: the server reset the connection (the recording has "
                                  "it closing with FIN)")
                             : tr("Differs: the client reset the connection (the recording has "
                                  "it closing with FIN)"))
                   : (client ? tr("Differs: the server closed with FIN (the recording has it "
                                  "resetting the connection)")
                             : tr("Differs: the client closed with FIN (the recording has it "
                                  "resetting the connection)"));
    } else {
        text = tr("Differs: sent %1 of %2")
                   .arg(number(c.sent.liveBytes), bytesText(c.sent.recordedBytes));
    }
    if (!c.error.empty()) {
        text = tr("Replay failed: %1. %2").arg(qs(c.error), text);
    } else if (!c.completed) {
        text = tr("Incomplete. %1").arg(text);
    }
    return text;
}

QString ReplayController::progressText() const {
    const ReplayProgress p = m_player->progress();
    const bool client = m_side == ReplaySide::Client;
    const bool udp = m_player->script().protocol == CaptureProtocol::Udp;
    switch (p.state) {
    case ReplayState::WaitingForPeer:
        return tr("waiting for the client");
    case ReplayState::Playing: {
        const QString step = tr("step %1 of %2").arg(p.step).arg(p.steps);
        if (!p.waitingForPeer) {
            return step;
        }
        const QString have =
            tr("%1 of %2")
                .arg(number(p.peerHave), udp ? datagramsText(p.peerNeed) : bytesText(p.peerNeed));
        return (client ? tr("%1: waiting for the server (%2)")
                       : tr("%1: waiting for the client (%2)"))
            .arg(step, have);
    }
    case ReplayState::Finishing:
        return client ? tr("every step sent: waiting for the rest of the server's answer")
                      : tr("every step sent: waiting for the rest of the client's answer");
    default:
        return {};
    }
}

QString ReplayController::whereText(SessionState state, const QString& local) {
    return state == SessionState::Connected ? tr("connected from %1").arg(local)
                                            : tr("listening on %1").arg(local);
}

void ReplayController::retranslate() {
    if (m_whereState) {
        m_where = whereText(*m_whereState, m_whereLocal);
    }
    update();
}

void ReplayController::update() {
    m_timer.stop();
    if (!m_player) {
        return;
    }
    QString status;
    if (m_player->done()) {
        status = summaryText(m_player->comparison(), m_side);
    } else if (m_player->state() == ReplayState::Idle) {
        status = m_side == ReplaySide::Client ? tr("Connecting…") : tr("Opening…");
    } else {
        status = m_where.isEmpty() ? progressText() : tr("%1 · %2").arg(m_where, progressText());
        if (const auto at = m_player->deadlineNs()) {
            const auto wait_ms = std::max<std::int64_t>(0, (*at - nowNs() + 999'999) / 1'000'000);
            m_timer.start(static_cast<int>(std::min<std::int64_t>(wait_ms, 3'600'000)));
        }
    }
    if (status != m_status) {
        m_status = status;
        emit statusChanged(m_status);
    }
    if (m_player->done() && !m_reported) {
        m_reported = true;
        emit finished(m_player->comparison().identical);
    }
}

} // namespace socklab::ui
