#include "ui/import/replay_panel.h"

#include "ui/import/replay_controller.h"
#include "ui/views/traffic_pane.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace socklab::ui {

ReplayPanel::ReplayPanel(SessionRouter& router, QWidget* parent)
    : QWidget(parent), m_controller(new ReplayController(router, this)), m_header(new QLabel(this)),
      m_traffic(new TrafficPane(this)), m_status(new QLabel(this)), m_stop(new QPushButton(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);
    m_traffic->dropMnemonics(); // the recorded pane beside it keeps them
    layout->addWidget(m_header);
    layout->addWidget(m_traffic, 1);
    auto* bottom = new QHBoxLayout;
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stop->setEnabled(false);
    retranslate();
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_stop);
    layout->addLayout(bottom);

    connect(m_stop, &QPushButton::clicked, m_controller, &ReplayController::stop);
    connect(m_controller, &ReplayController::liveStoreChanged, this,
            [this](std::shared_ptr<const TrafficStore> store) {
                m_traffic->setStore(std::move(store));
                m_traffic->refreshNow();
            });
    connect(m_controller, &ReplayController::statusChanged, this, &ReplayPanel::onStatus);
    connect(m_controller, &ReplayController::finished, this, [this](bool identical) {
        m_stop->setEnabled(false);
        emit finished(identical);
    });
}

bool ReplayPanel::start(const TrafficStore& recorded, const CaptureConversation& conversation,
                        const ReplayRequest& request) {
    // The live view names its local end as the recorded one does: the side SockLab plays.
    m_request = request;
    showLocalLabel();
    m_traffic->setDatagramCapture(conversation.protocol == CaptureProtocol::Udp);
    if (!m_controller->start(recorded, conversation, request)) {
        return false;
    }
    m_stop->setEnabled(true);
    return true;
}

void ReplayPanel::showLocalLabel() {
    if (m_request) {
        m_traffic->setLocalLabel(m_request->side == ReplaySide::Client
                                     ? tr("SockLab as the client, to %1").arg(m_request->address)
                                     : tr("SockLab as the server, on %1").arg(m_request->address));
    }
}

QString ReplayPanel::errorText() const {
    return m_controller->errorText();
}

QString ReplayPanel::statusText() const {
    return m_status->text();
}

bool ReplayPanel::running() const {
    return m_controller->running();
}

void ReplayPanel::onStatus(const QString& text) {
    m_status->setText(text);
    m_status->setAccessibleDescription(text);
    m_status->setToolTip(m_controller->reportText());
}

void ReplayPanel::retranslate() {
    m_status->setAccessibleName(tr("Replay status"));
    m_stop->setAccessibleName(tr("Stop replay"));
    m_stop->setToolTip(tr("Stop sending and close the replay's socket; the comparison so far "
                          "stays"));
    // Its views have the names of the recorded ones: the group says which side they are.
    setAccessibleName(tr("Replay (live)"));
    m_header->setText(tr("Replay (live)"));
    m_stop->setText(tr("Stop rep&lay"));
}

void ReplayPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        showLocalLabel();
        m_controller->retranslate();
    }
}

} // namespace socklab::ui
