#include "ui/widgets/session_tab.h"

#include "core/net/multicast_group.h"
#include "ui/models/connection_model.h"
#include "ui/models/held_queue_model.h"
#include "ui/session/session_controls.h"
#include "ui/session/session_figures.h"
#include "ui/session/session_handle.h"
#include "ui/settings/preferences.h"
#include "ui/views/record_text.h"
#include "ui/views/traffic_pane.h"
#include "ui/widgets/composer.h"
#include "ui/widgets/connection_list.h"
#include "ui/widgets/error_banner.h"
#include "ui/widgets/hold_queue_panel.h"
#include "ui/widgets/multicast_link.h"
#include "ui/widgets/multicast_panel.h"
#include "ui/widgets/options_panel.h"
#include "ui/widgets/presets.h"
#include "ui/widgets/relay_panel.h"
#include "ui/widgets/responder_panel.h"
#include "ui/widgets/sequence_link.h"
#include "ui/widgets/sequence_panel.h"
#include "ui/widgets/session_status.h"
#include "ui/widgets/socket_form.h"
#include "ui/widgets/socket_summary.h"

#include <QDataStream>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QIODevice>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>
#include <utility>

namespace socklab::ui {

namespace {

constexpr int kFormPaneWidth = 480;

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

} // namespace

SessionTab::SessionTab(SessionRouter& router, QWidget* parent)
    : QWidget(parent), m_handle(new SessionHandle(router, this)),
      m_exporter(new CaptureExporter(this)) {}

void SessionTab::ensureBuilt() {
    if (m_built) {
        return;
    }
    m_built = true;
    buildLayout();
    m_figures = new SessionFigures(*m_handle, *m_status, this);
    m_multicastLink = new MulticastLink(m_multicast, m_handle, this);
    connectWidgets();
    connectHandle();
    connectRelay();
    connectResponders();
    onFormChanged();
    if (m_labNetworks) {
        m_form->setLabNetworks(m_labNetworks);
    }
    if (m_pendingTab) {
        const WorkspaceTab pending = std::move(*m_pendingTab);
        m_pendingTab.reset();
        applyWorkspaceTab(pending);
    }
    if (!m_pendingLayout.isNull()) {
        restoreLayout(std::exchange(m_pendingLayout, QByteArray()));
    }
}

void SessionTab::setVisible(bool visible) {
    if (visible && !m_closing) {
        ensureBuilt(); // before it shows, so its widgets show with it
    }
    QWidget::setVisible(visible);
}

void SessionTab::setLabNetworks(LabNetworks* networks) {
    m_labNetworks = networks;
    if (m_built) {
        m_form->setLabNetworks(networks);
    }
}

SessionTab::~SessionTab() {
    // Before the child widgets its signals reach go: the handle destroys the engine session
    // and tells the views the capture is gone while every receiver is still whole.
    delete m_handle;
    m_handle = nullptr;
    // The children die next, before ~QObject drops this tab's connections: nothing they emit
    // on the way (form, summary, composer...) may reach a slot of this tab.
    for (QObject* child : findChildren<QObject*>()) {
        child->disconnect(this);
    }
}

void SessionTab::buildLayout() {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_banner = new ErrorBanner(this);
    layout->addWidget(m_banner);

    auto* actions = new QHBoxLayout;
    m_open = new QPushButton(this);
    m_reset = new QPushButton(this);
    m_showCode = new QPushButton(this);
    actions->addWidget(m_open);
    actions->addWidget(m_reset);
    actions->addWidget(m_showCode);
    actions->addStretch(1);
    layout->addLayout(actions);

    // While the socket is open the form (read-only then) gives its room to the traffic.
    m_summary = new SocketSummary(this);
    m_summary->hide();
    layout->addWidget(m_summary);

    m_mainSplit = new QSplitter(Qt::Horizontal, this);
    m_mainSplit->setChildrenCollapsible(true);
    // Left: the socket form, and for a relay its settings and figures per direction below it
    // (they stay while the relay runs and the form is collapsed to its summary).
    m_leftPane = new QWidget(m_mainSplit);
    auto* left = new QVBoxLayout(m_leftPane);
    left->setContentsMargins(0, 0, 0, 0);
    auto* formScroll = new QScrollArea(m_leftPane);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    m_form = new SocketForm(formScroll);
    formScroll->setWidget(m_form);
    formScroll->setMinimumWidth(280);
    m_formScroll = formScroll;
    left->addWidget(formScroll, 1);
    auto* relayScroll = new QScrollArea(m_leftPane);
    relayScroll->setWidgetResizable(true);
    relayScroll->setFrameShape(QFrame::NoFrame);
    // Its RelayPanel comes with the first relay (relayPanelMade()).
    relayScroll->setMinimumWidth(340); // two impairment fields a row stay readable
    m_relayScroll = relayScroll;
    left->addWidget(relayScroll, 1);
    // Responders and sequences stay while the socket runs (the form collapses, they get its
    // room). Each scrolls inside the pane, so their button rows never widen the window.
    const auto scrolled = [this](QWidget* inner) {
        auto* area = new QScrollArea(m_leftPane);
        area->setWidgetResizable(true);
        area->setFrameShape(QFrame::NoFrame);
        area->setWidget(inner);
        area->setMinimumWidth(280);
        return area;
    };
    m_respondersGroup = new QGroupBox;
    auto* respondersLayout = new QVBoxLayout(m_respondersGroup);
    m_responders = new ResponderPanel(m_respondersGroup);
    respondersLayout->addWidget(m_responders);
    m_respondersBox = scrolled(m_respondersGroup);
    left->addWidget(m_respondersBox, 1);
    m_sequencesGroup = new QGroupBox;
    auto* sequencesLayout = new QVBoxLayout(m_sequencesGroup);
    m_sequences = new SequencePanel(m_sequencesGroup);
    sequencesLayout->addWidget(m_sequences);
    m_sequencesBox = scrolled(m_sequencesGroup);
    left->addWidget(m_sequencesBox, 1);
    m_mainSplit->addWidget(m_leftPane);

    // Right: [connections | traffic] above the composer. A listener's connections sit beside
    // the traffic so both keep their height; other sockets give the traffic the full width.
    m_rightSplit = new QSplitter(Qt::Vertical, m_mainSplit);
    m_rightSplit->setChildrenCollapsible(false);
    m_sessionSplit = new QSplitter(Qt::Horizontal, m_rightSplit);
    m_sessionSplit->setChildrenCollapsible(false);
    // A relay stacks its pairs above the traffic instead (a short list; the traffic of both
    // directions needs the width), and its hold queue sits beside the composer.
    m_connectionList = new ConnectionList(m_sessionSplit);
    m_sessionSplit->addWidget(m_connectionList);
    m_traffic = new TrafficPane(m_sessionSplit);
    m_sessionSplit->addWidget(m_traffic);
    m_sessionSplit->setStretchFactor(0, 2);
    m_sessionSplit->setStretchFactor(1, 5);
    m_rightSplit->addWidget(m_sessionSplit);
    // Bottom: the composer, and beside it (UDP only) the multicast memberships, which change
    // while the socket is open when the form is collapsed. Side by side they cost one height.
    auto* bottom = new QWidget(m_rightSplit);
    auto* bottomRow = new QHBoxLayout(bottom);
    bottomRow->setContentsMargins(0, 0, 0, 0);
    m_composerBox = new QGroupBox(bottom);
    auto* composerLayout = new QVBoxLayout(m_composerBox);
    m_composer = new Composer(m_composerBox);
    composerLayout->addWidget(m_composer);
    bottomRow->addWidget(m_composerBox, 3);
    m_multicastBox = new QGroupBox(bottom);
    auto* multicastLayout = new QVBoxLayout(m_multicastBox);
    m_multicast = new MulticastPanel(m_multicastBox);
    multicastLayout->addWidget(m_multicast);
    bottomRow->addWidget(m_multicastBox, 1);
    m_holdBox = new QGroupBox(bottom);
    auto* holdLayout = new QVBoxLayout(m_holdBox);
    m_holdQueue = new HoldQueuePanel(m_holdBox);
    holdLayout->addWidget(m_holdQueue);
    bottomRow->addWidget(m_holdBox, 2);
    m_rightSplit->addWidget(bottom);
    m_rightSplit->setStretchFactor(0, 1);
    m_rightSplit->setStretchFactor(1, 0);
    m_mainSplit->addWidget(m_rightSplit);
    m_mainSplit->setStretchFactor(0, 0);
    m_mainSplit->setStretchFactor(1, 1);
    // Wide enough for the kernel verdict and the options table without cutting them off.
    m_mainSplit->setSizes({kFormPaneWidth, 820});
    layout->addWidget(m_mainSplit, 1);

    m_status = new SessionStatus(this);
    layout->addWidget(m_status);

    // Top to bottom, left to right: actions, the summary or the form, connections; the traffic
    // pane and the composer keep their own internal order after that.
    setTabOrder(m_banner->dismissButton(), m_open);
    setTabOrder(m_open, m_reset);
    setTabOrder(m_reset, m_showCode);
    setTabOrder(m_showCode, m_summary->toggle());
    setTabOrder(m_summary->toggle(), m_form); // the form's focus proxy is its first field
    retranslate();
}

void SessionTab::connectWidgets() {
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (isOpen()) {
            closeSocket(false);
        } else {
            openSocket();
        }
    });
    connect(m_reset, &QPushButton::clicked, this, [this] { closeSocket(true); });
    connect(m_showCode, &QPushButton::clicked, this, &SessionTab::showCodeRequested);
    connect(m_summary, &SocketSummary::expandedChanged, this, [this] { updateCompact(isOpen()); });
    connect(m_form, &SocketForm::changed, this, &SessionTab::onFormChanged);
    connect(m_form->optionsPanel(), &OptionsPanel::applyRequested, m_handle,
            [this](const OptionSetting& setting) { m_handle->setOption(setting); });
    connect(m_composer, &Composer::sendRequested, this, &SessionTab::onSend);
    connect(m_composer, &Composer::problem, this, &SessionTab::showError);
    connect(m_composer, &Composer::halfCloseRequested, this,
            [this] { m_handle->halfClose(sendTarget()); });
    connect(m_composer, &Composer::pingRequested, m_handle, &SessionHandle::ping);
    connect(m_traffic, &TrafficPane::textEncodingChanged, m_composer, &Composer::setTextEncoding);
    connect(m_connectionList, &ConnectionList::targetChanged, this,
            &SessionTab::onConnectionSelection);
    connect(m_connectionList, &ConnectionList::closeRequested, m_handle,
            &SessionHandle::closeConnection);
    connect(m_exporter, &CaptureExporter::finished, this, [this](bool ok, const QString& message) {
        if (!ok) {
            showError(message);
        }
        m_status->setExtra({});
        emit exportFinished(ok, message);
    });
    connect(m_exporter, &CaptureExporter::progress, this, [this](quint64 done, quint64 total) {
        if (m_exporter->busy() && total > 0) {
            m_status->setExtra(
                tr("exporting: %1% of %2 records").arg(done * 100 / total).arg(total));
        }
    });
}

// RecordsAppended is not wired: the traffic pane and the connection model repaint at frame
// rate from the store (one sequence compare per frame), whatever the traffic rate.
void SessionTab::connectHandle() {
    SessionHandle* h = m_handle;
    connect(h, &SessionHandle::captureChanged, this, &SessionTab::onCaptureChanged);
    ConnectionModel* connections = m_connectionList->model();
    connect(h, &SessionHandle::accepted, connections, &ConnectionModel::onAccepted);
    connect(h, &SessionHandle::stateChanged, connections, &ConnectionModel::onStateChanged);
    connect(h, &SessionHandle::stateChanged, this,
            [this](ConnectionId connection, SessionState state) {
                if (connection == 0) {
                    onOwnState(state);
                }
            });
    connect(h, &SessionHandle::optionApplied, m_form->optionsPanel(), &OptionsPanel::setEffective);
    connect(h, &SessionHandle::optionRead, m_form->optionsPanel(), &OptionsPanel::setEffective);
    connect(h, &SessionHandle::tcpInfoChanged, this,
            [this](ConnectionId, const TcpInfoSnapshot& info) { m_status->setTcpInfo(info); });
    connect(h, &SessionHandle::pingReply, this, &SessionTab::onPingReply);
    connect(h, &SessionHandle::error, this,
            [this](ConnectionId, const QString& text) { showError(text); });
    connect(h, &SessionHandle::warning, this, &SessionTab::showError);
    connect(h, &SessionHandle::kernelDropsChanged, m_status, &SessionStatus::setKernelDrops);
    connect(h, &SessionHandle::backpressureChanged, m_status, &SessionStatus::setBackpressure);
}

void SessionTab::connectResponders() {
    // Changes go live on a running socket at once; the next open takes them anyway.
    connect(m_responders, &ResponderPanel::configChanged, this, [this] {
        if (isOpen() && respondersSupported(m_handle->request())) {
            m_handle->setResponders(m_responders->config());
        }
    });
    connect(m_handle, &SessionHandle::ruleHitsChanged, m_responders, &ResponderPanel::setHits);
    // Sequences frame what arrives with the responders' framing (one "Messages" choice).
    m_sequenceLink = new SequenceLink(
        m_sequences, m_handle,
        [this] {
            const OpenSession& r = m_handle->request();
            SequenceLink::Context c;
            c.framing = m_responders->config().framing;
            c.datagram = isDatagramType(r.spec.type);
            c.destination = c.datagram ? m_composer->destination() : QString();
            c.connection = m_handle->isListener() ? kAllConnections : 0;
            return c;
        },
        this);
}

SessionId SessionTab::sessionId() const {
    return m_handle->id();
}

std::optional<SessionState> SessionTab::state() const {
    return m_handle->state();
}

bool SessionTab::isOpen() const {
    return m_handle->isOpen();
}

void SessionTab::setRequest(const OpenSession& request) {
    ensureBuilt();
    m_pendingTab.reset();
    m_form->setRequest(request);
    setRelayConfig(request.relay);
    m_responders->setConfig(request.responders);
}

bool SessionTab::openSocket() {
    if (isOpen()) {
        return true;
    }
    ensureBuilt();
    if (!m_form->isValid()) {
        showError(tr("Cannot open the socket: %1").arg(m_form->problem()));
        return false;
    }
    OpenSession request = m_form->request();
    if (request.role == Role::Relay) {
        if (const QString problem = relayPanelMade()->problem(); !problem.isEmpty()) {
            showError(tr("Cannot open the relay: %1").arg(problem));
            return false;
        }
        request.relay = m_relayPanel->config();
    }
    if (respondersSupported(request)) {
        if (const QString problem = m_responders->problem(); !problem.isEmpty()) {
            showError(tr("Cannot open the socket: responders: %1").arg(problem));
            return false;
        }
        request.responders = m_responders->config();
    }
    // The same kind of socket continues the tab's capture, so a reconnect loses nothing. A
    // different kind (family, type, protocol or role) starts a new capture: the user decides
    // about the old one first when it holds traffic.
    if (m_handle->hasSession() && !m_handle->continuesCapture(request) && !confirmNewCapture()) {
        return false;
    }
    clearError();
    request.store = storeConfig(loadPreferences());
    if (MulticastPanel::appliesTo(request.spec)) {
        // Groups of the other family (typed before the family changed) cannot be joined.
        for (MulticastGroup& g : m_multicast->memberships()) {
            if (checkMulticastGroup(g.group, request.spec.family).check == GroupCheck::Ok) {
                request.multicastGroups.push_back(std::move(g));
            }
        }
    }
    m_form->optionsPanel()->clearEffective();
    m_status->clearTcpInfo();
    m_status->setExtra({});
    m_handle->open(std::move(request));
    m_figures->start();
    updateControls();
    updateTitle();
    return true;
}

void SessionTab::closeSocket(bool abortive) {
    if (isOpen()) {
        m_composer->stopRepeat();
        m_handle->close(abortive);
    }
}

void SessionTab::prepareClose() {
    m_closing = true; // shown on its way out (a neighbour closed first): no widgets made
}

void SessionTab::shutdown() {
    m_closing = true;
    if (m_built) {
        m_composer->stopRepeat();
    }
    m_handle->destroy();
    if (m_figures) {
        m_figures->stop();
    }
}

void SessionTab::onCaptureChanged() {
    // A continued capture keeps its views (selection, scroll position) as they are; this runs
    // only for a new capture or none.
    const auto store = m_handle->store();
    m_traffic->setStore(store);
    m_traffic->setConnectionFilter(std::nullopt);
    m_connectionList->model()->setStore(store);
    m_connectionList->setAllConnections(true);
    m_holdQueue->model()->clear();
    if (!store) {
        m_traffic->setLocalLabel({});
    }
}

void SessionTab::onOwnState(SessionState state) {
    if (!m_handle->localText().isEmpty()) {
        m_traffic->setLocalLabel(m_handle->localText());
    }
    m_status->setState(state, m_handle->localText(), m_handle->peerText());
    if (state == SessionState::Failed && errorText().isEmpty()) {
        showError(tr("The socket failed"));
    }
    if (!SessionControls::isLive(state)) {
        m_composer->stopRepeat();
        m_figures->socketEnded();
        m_holdQueue->model()->clear(); // a closed relay forwards nothing it held
    }
    updateControls();
    updateTitle();
}

void SessionTab::onPingReply(const PingResult& reply) {
    m_status->setExtra(reply.timedOut ? tr("ping seq %1: timed out").arg(reply.sequence)
                                      : tr("ping seq %1 from %2: %3 ms")
                                            .arg(reply.sequence)
                                            .arg(qs(reply.from))
                                            .arg(double(reply.rtt_us) / 1000.0, 0, 'f', 3));
}

void SessionTab::showError(const QString& text) {
    ensureBuilt();
    m_banner->showError(text);
}

void SessionTab::clearError() {
    if (!m_built) {
        return; // nothing shown yet
    }
    m_banner->dismiss();
}

QString SessionTab::errorText() const {
    return m_built ? m_banner->text() : QString();
}

QTableView* SessionTab::connectionView() const {
    return built()->m_connectionList->view();
}

ConnectionModel* SessionTab::connectionModel() const {
    return built()->m_connectionList->model();
}

void SessionTab::onSend(const QByteArray& bytes, bool urgent, const QString& destination) {
    if (m_handle->isRelay()) {
        if (!m_handle->inject(sendTarget(), m_composer->injectDirection(), bytes)) {
            showError(tr("inject: the relay is not open"));
        }
        return;
    }
    if (!m_handle->send(bytes, sendTarget(), urgent, destination)) {
        showError(tr("send: the socket is not open"));
    }
}

ConnectionId SessionTab::sendTarget() const {
    if (!m_handle->isListener() && !m_handle->isRelay()) {
        return 0;
    }
    return m_connectionList->target().value_or(kAllConnections);
}

void SessionTab::onConnectionSelection() {
    m_traffic->setConnectionFilter(m_connectionList->target());
    m_figures->setConnections(m_connectionList->target(), m_connectionList->selected());
}

void SessionTab::onFormChanged() {
    const OpenSession request = m_form->request();
    const SocketSpec spec = request.spec;
    updateCompact(isOpen());
    m_multicastBox->setVisible(MulticastPanel::appliesTo(spec));
    m_multicast->setFamily(spec.family);
    if (m_relayPanel) {
        m_relayPanel->setDatagram(isDatagramType(spec.type));
    }
    updateControls();
    if (!isOpen()) {
        updateTitle();
    }
}

SessionControls SessionTab::controls() const {
    SessionFacts facts;
    facts.hasSession = m_handle->hasSession();
    facts.state = m_handle->state();
    facts.request = facts.hasSession ? m_handle->request() : m_form->request();
    facts.formValid = m_form->isValid();
    return SessionControls::decide(facts);
}

void SessionTab::updateControls() {
    const SessionControls c = controls();
    m_form->setLocked(c.formLocked);
    updateOpenButton(c);
    m_reset->setVisible(c.showReset);
    m_connectionList->setVisible(c.showConnections);
    m_connectionList->setRelay(c.relay);
    m_relayScroll->setVisible(c.relay);
    m_holdBox->setVisible(c.relay);
    m_sessionSplit->setOrientation(c.relay ? Qt::Vertical : Qt::Horizontal);
    if (c.relay) {
        relayPanelMade(); // shown from now on
    }
    if (m_relayPanel) {
        m_relayPanel->setLive(c.relay && c.open);
    }
    m_holdQueue->setLive(c.relay && c.open);
    m_traffic->setRelayDirections(c.relay);
    m_traffic->setDatagramCapture(!c.stream);

    Composer::Capabilities caps;
    caps.stream = c.stream;
    caps.urgent = c.urgent;
    caps.ping = c.ping;
    caps.needsDestination = c.needsDestination;
    caps.relay = c.relay;
    caps.spec = m_handle->hasSession() ? m_handle->request().spec : m_form->request().spec;
    m_composer->setCapabilities(caps);
    m_composer->setSendEnabled(c.canSend);
    updateCompact(c.open);
}

void SessionTab::updateCompact(bool open) {
    if (open) {
        m_summary->setSummary(m_handle->request(), m_handle->state(), m_handle->localText(),
                              m_handle->peerText());
    } else if (m_summary->isExpanded()) {
        m_summary->setExpanded(false); // the next open collapses again
    }
    m_summary->setVisible(open);
    m_formScroll->setVisible(!open || m_summary->isExpanded());
    // While open the traffic gets the room, unless rules are at work (their hits matter) or
    // the user shows the form to change things.
    const OpenSession request = open ? m_handle->request() : m_form->request();
    const bool expanded = !open || m_summary->isExpanded();
    m_respondersBox->setVisible(bool(respondersSupported(request)) &&
                                (expanded || !m_responders->config().rules.empty()));
    m_sequencesBox->setVisible(bool(respondersSupported(request)) &&
                               (expanded || !m_sequences->sequences().empty()));
    m_leftPane->setVisible(!m_formScroll->isHidden() || !m_relayScroll->isHidden() ||
                           !m_respondersBox->isHidden() || !m_sequencesBox->isHidden());
}

bool SessionTab::isFormShown() const {
    return !built()->m_formScroll->isHidden();
}

CodeRequest SessionTab::codeRequest() const {
    static_cast<void>(built()); // its form and composer describe the request
    CodeRequest request;
    request.session = isOpen() ? m_handle->request() : m_form->request();
    request.destination = m_composer->destination().toStdString();
    return request;
}

QByteArray SessionTab::saveLayout() const {
    if (!m_built) {
        return m_pendingLayout; // never shown: what it was given
    }
    QByteArray out;
    QDataStream stream(&out, QIODevice::WriteOnly);
    stream << m_mainSplit->saveState() << m_rightSplit->saveState() << m_sessionSplit->saveState();
    return out;
}

void SessionTab::restoreLayout(const QByteArray& state) {
    if (!m_built) {
        m_pendingLayout = state;
        return;
    }
    QDataStream stream(state);
    QByteArray main;
    QByteArray right;
    QByteArray session;
    stream >> main >> right >> session;
    if (stream.status() == QDataStream::Ok) {
        m_mainSplit->restoreState(main);
        m_rightSplit->restoreState(right);
        m_sessionSplit->restoreState(session);
    }
}

} // namespace socklab::ui
