#include "ui/widgets/sequence_link.h"

#include "ui/session/sequence_controller.h"
#include "ui/session/session_handle.h"
#include "ui/widgets/sequence_panel.h"

namespace socklab::ui {

SequenceLink::SequenceLink(SequencePanel* panel, SessionHandle* handle,
                           std::function<Context()> context, QObject* parent)
    : QObject(parent), m_panel(panel), m_controller(new SequenceController(handle, this)),
      m_context(std::move(context)) {
    connect(panel, &SequencePanel::runRequested, this, &SequenceLink::run);
    connect(panel, &SequencePanel::pauseRequested, this, [this] {
        m_controller->pause();
        updateState();
    });
    connect(panel, &SequencePanel::resumeRequested, this, [this] {
        m_controller->resume();
        updateState();
    });
    connect(panel, &SequencePanel::stopRequested, this, [this] {
        m_controller->stop();
        updateState();
    });
    connect(m_controller, &SequenceController::progressChanged, panel, [this](const QString& t) {
        m_panel->setProgress(t);
        updateState();
    });
}

void SequenceLink::run() {
    const auto sequence = m_panel->current();
    if (!sequence) {
        m_panel->setProgress(tr("Fix the steps first: %1").arg(m_panel->problem()));
        return;
    }
    const Context c = m_context();
    m_controller->run(*sequence, c.framing, c.destination, c.connection, c.datagram);
    updateState();
}

void SequenceLink::updateState() {
    m_panel->setRunState(m_controller->running(), m_controller->paused());
}

} // namespace socklab::ui
