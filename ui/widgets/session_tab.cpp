#include "ui/widgets/session_tab.h"

#include "ui/bridge/core_bridge.h"
#include "ui/models/connection_model.h"
#include "ui/settings/preferences.h"
#include "ui/views/traffic_pane.h"
#include "ui/widgets/composer.h"
#include "ui/widgets/options_panel.h"
#include "ui/widgets/presets.h"
#include "ui/widgets/session_status.h"
#include "ui/widgets/socket_form.h"

#include <QCheckBox>
#include <QElapsedTimer>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace socklab::ui {

namespace {

constexpr int kTickMs = 500;
constexpr int kTcpInfoMs = 1000;
constexpr int kFormPaneWidth = 480;

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

bool canSend(SessionState s) {
    return s == SessionState::Connected || s == SessionState::Bound ||
           s == SessionState::PeerClosed || s == SessionState::Listening;
}

bool isLive(SessionState s) {
    return s != SessionState::Closed && s != SessionState::Failed;
}

} // namespace

SessionTab::SessionTab(CoreBridge& bridge, QWidget* parent)
    : QWidget(parent), m_bridge(bridge), m_sinceTick(std::make_unique<QElapsedTimer>()),
      m_exporter(new CaptureExporter(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    // Error banner: errors of this session stay in this tab until dismissed or replaced.
    m_bannerBox = new QWidget(this);
    m_bannerBox->setAutoFillBackground(true);
    QPalette bannerPal = m_bannerBox->palette();
    bannerPal.setColor(QPalette::Window, QColor(0xf8, 0xd7, 0xda));
    bannerPal.setColor(QPalette::WindowText, QColor(0x58, 0x15, 0x1c));
    m_bannerBox->setPalette(bannerPal);
    auto* bannerRow = new QHBoxLayout(m_bannerBox);
    bannerRow->setContentsMargins(6, 4, 6, 4);
    m_banner = new QLabel(m_bannerBox);
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setAccessibleName(tr("Error"));
    m_bannerClose = new QToolButton(m_bannerBox);
    m_bannerClose->setText(tr("Dismiss"));
    m_bannerClose->setAccessibleName(tr("Dismiss"));
    bannerRow->addWidget(m_banner, 1);
    bannerRow->addWidget(m_bannerClose);
    m_bannerBox->hide();
    layout->addWidget(m_bannerBox);

    auto* actions = new QHBoxLayout;
    m_open = new QPushButton(tr("&Open socket"), this);
    m_open->setAccessibleName(tr("Open socket"));
    m_reset = new QPushButton(tr("Rese&t (RST)"), this);
    m_reset->setAccessibleName(tr("Reset (RST)"));
    m_reset->setToolTip(tr("Abortive close: SO_LINGER 0, the peer sees a reset"));
    m_showCode = new QPushButton(tr("Show &code…"), this);
    m_showCode->setAccessibleName(tr("Show code"));
    actions->addWidget(m_open);
    actions->addWidget(m_reset);
    actions->addWidget(m_showCode);
    actions->addStretch(1);
    layout->addLayout(actions);

    m_mainSplit = new QSplitter(Qt::Horizontal, this);
    m_mainSplit->setChildrenCollapsible(true);
    auto* formScroll = new QScrollArea(m_mainSplit);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    m_form = new SocketForm(formScroll);
    formScroll->setWidget(m_form);
    formScroll->setMinimumWidth(280);
    m_mainSplit->addWidget(formScroll);

    m_rightSplit = new QSplitter(Qt::Vertical, m_mainSplit);
    m_connectionBox = new QGroupBox(tr("Connections"), m_rightSplit);
    auto* connLayout = new QVBoxLayout(m_connectionBox);
    m_connectionView = new QTableView(m_connectionBox);
    m_connectionView->setAccessibleName(tr("Connections"));
    m_connectionView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_connectionView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_connectionView->verticalHeader()->hide();
    m_connectionView->horizontalHeader()->setStretchLastSection(true);
    m_connections = new ConnectionModel(this);
    m_connectionView->setModel(m_connections);
    connLayout->addWidget(m_connectionView);
    auto* connButtons = new QHBoxLayout;
    m_allConnections = new QCheckBox(tr("&All connections"), m_connectionBox);
    m_allConnections->setAccessibleName(tr("All connections"));
    m_allConnections->setToolTip(tr("Send to every connection and show all traffic; untick to "
                                    "use the connection selected above"));
    m_allConnections->setChecked(true);
    m_closeConnection = new QPushButton(tr("Close connection"), m_connectionBox);
    m_closeConnection->setAccessibleName(tr("Close connection"));
    m_resetConnection = new QPushButton(tr("Reset connection"), m_connectionBox);
    m_resetConnection->setAccessibleName(tr("Reset connection"));
    connButtons->addWidget(m_allConnections);
    connButtons->addStretch(1);
    connButtons->addWidget(m_closeConnection);
    connButtons->addWidget(m_resetConnection);
    connLayout->addLayout(connButtons);
    m_rightSplit->addWidget(m_connectionBox);

    m_traffic = new TrafficPane(m_rightSplit);
    m_rightSplit->addWidget(m_traffic);
    auto* composerBox = new QGroupBox(tr("Composer"), m_rightSplit);
    auto* composerLayout = new QVBoxLayout(composerBox);
    m_composer = new Composer(composerBox);
    composerLayout->addWidget(m_composer);
    m_rightSplit->addWidget(composerBox);
    m_rightSplit->setStretchFactor(0, 1);
    m_rightSplit->setStretchFactor(1, 4);
    m_rightSplit->setStretchFactor(2, 0);
    m_mainSplit->addWidget(m_rightSplit);
    m_mainSplit->setStretchFactor(0, 0);
    m_mainSplit->setStretchFactor(1, 1);
    // Wide enough for the kernel verdict and the options table without cutting them off.
    m_mainSplit->setSizes({kFormPaneWidth, 820});
    layout->addWidget(m_mainSplit, 1);

    m_status = new SessionStatus(this);
    layout->addWidget(m_status);

    // Top to bottom, left to right: actions, the form, connections; the traffic pane and the
    // composer keep their own internal order after that.
    setTabOrder(m_bannerClose, m_open);
    setTabOrder(m_open, m_reset);
    setTabOrder(m_reset, m_showCode);
    setTabOrder(m_showCode, m_form); // the form's focus proxy is its first field
    setTabOrder(m_connectionView, m_allConnections);
    setTabOrder(m_allConnections, m_closeConnection);
    setTabOrder(m_closeConnection, m_resetConnection);

    m_ticker = new QTimer(this);
    m_ticker->setInterval(kTickMs);
    m_tcpTimer = new QTimer(this);
    m_tcpTimer->setInterval(kTcpInfoMs);

    connect(&m_bridge, &CoreBridge::engineEvent, this, &SessionTab::handleEvent);
    connect(m_bannerClose, &QToolButton::clicked, this, &SessionTab::clearError);
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (isOpen()) {
            closeSocket(false);
        } else {
            openSocket();
        }
    });
    connect(m_reset, &QPushButton::clicked, this, [this] { closeSocket(true); });
    connect(m_showCode, &QPushButton::clicked, this, &SessionTab::showCodeRequested);
    connect(m_form, &SocketForm::changed, this, &SessionTab::onFormChanged);
    connect(m_form->optionsPanel(), &OptionsPanel::applyRequested, this,
            [this](const OptionSetting& setting) {
                if (isOpen()) {
                    m_bridge.engine().post(SetOption{m_session, 0, setting});
                }
            });
    connect(m_composer, &Composer::sendRequested, this, &SessionTab::onSend);
    connect(m_composer, &Composer::problem, this, &SessionTab::showError);
    connect(m_composer, &Composer::halfCloseRequested, this, [this] {
        if (isOpen()) {
            m_bridge.engine().post(ShutdownWrite{m_session, sendTarget()});
        }
    });
    connect(m_composer, &Composer::pingRequested, this, [this](int count) {
        if (isOpen()) {
            Ping ping;
            ping.session = m_session;
            ping.count = count;
            m_bridge.engine().post(ping);
        }
    });
    connect(m_allConnections, &QCheckBox::toggled, this, &SessionTab::onConnectionSelection);
    connect(m_connectionView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] {
                if (selectedConnection()) {
                    m_allConnections->setChecked(false);
                }
                onConnectionSelection();
            });
    connect(m_closeConnection, &QPushButton::clicked, this, [this] {
        if (auto c = selectedConnection()) {
            m_bridge.engine().post(CloseSocket{m_session, *c, false});
        }
    });
    connect(m_resetConnection, &QPushButton::clicked, this, [this] {
        if (auto c = selectedConnection()) {
            m_bridge.engine().post(CloseSocket{m_session, *c, true});
        }
    });
    connect(m_ticker, &QTimer::timeout, this, &SessionTab::tick);
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
    connect(m_tcpTimer, &QTimer::timeout, this, &SessionTab::queryTcpInfo);

    onFormChanged();
}

SessionTab::~SessionTab() = default;

bool SessionTab::isOpen() const {
    return m_session != 0 && m_state && isLive(*m_state);
}

bool SessionTab::isListener() const {
    return m_session != 0 && m_opened.role == Role::Listen;
}

void SessionTab::setRequest(const OpenSession& request) {
    m_form->setRequest(request);
}

bool SessionTab::openSocket() {
    if (isOpen()) {
        return true;
    }
    if (!m_form->isValid()) {
        showError(tr("Cannot open the socket: %1").arg(m_form->problem()));
        return false;
    }
    OpenSession request = m_form->request();
    // The same kind of socket continues the tab's capture, so a reconnect loses nothing. A
    // different kind (family, type, protocol or role) starts a new capture: the user decides
    // about the old one first when it holds traffic.
    const bool sameKind =
        m_session != 0 && request.spec == m_opened.spec && request.role == m_opened.role;
    if (m_session != 0 && !sameKind && !confirmNewCapture()) {
        return false;
    }
    clearError();
    const SessionId previous = sameKind ? m_session : 0;
    if (m_session != 0 && !sameKind) {
        m_bridge.engine().post(DestroySession{m_session});
    }
    m_opened = std::move(request);
    m_opened.store = storeConfig(loadPreferences());
    m_local.clear();
    m_peer.clear();
    m_state = SessionState::Resolving;
    m_form->optionsPanel()->clearEffective();
    m_status->clearTcpInfo();
    m_status->setExtra({});
    m_session = previous != 0 ? m_bridge.engine().reopen(previous, m_opened)
                              : m_bridge.engine().open(m_opened);
    auto store = m_bridge.engine().store(m_session);
    if (store != m_store) {
        // A continued capture keeps its views (selection, scroll position) as they are.
        m_store = std::move(store);
        m_traffic->setStore(m_store);
        m_traffic->setConnectionFilter(std::nullopt);
        m_connections->setStore(m_store);
        m_allConnections->setChecked(true);
    }
    m_sinceTick->start();
    // Rates start from what the capture already counted, not from zero.
    m_status->setCounters(m_store ? m_store->counters() : TrafficCounters{}, 0);
    m_status->setKernelDrops(0);
    m_ticker->start();
    if (isTcp(m_opened.spec)) {
        m_tcpTimer->start();
    }
    updateControls();
    updateTitle();
    return true;
}

void SessionTab::closeSocket(bool abortive) {
    if (m_session != 0 && m_state && isLive(*m_state)) {
        m_composer->stopRepeat();
        m_bridge.engine().post(CloseSocket{m_session, 0, abortive});
    }
}

void SessionTab::shutdown() {
    closeSocket(false);
    if (m_session != 0) {
        m_bridge.engine().post(DestroySession{m_session});
    }
    m_ticker->stop();
    m_tcpTimer->stop();
    m_state = SessionState::Closed;
}

void SessionTab::handleEvent(const EngineEvent& e) {
    if (m_session == 0 || e.session != m_session) {
        return;
    }
    m_connections->handleEvent(e);
    switch (e.kind) {
    case EngineEvent::Kind::StateChanged:
        if (e.connection != 0) {
            break;
        }
        m_state = e.state;
        if (!e.local.empty()) {
            m_local = qs(e.local);
            m_traffic->setLocalLabel(m_local);
        }
        if (!e.peer.empty()) {
            m_peer = qs(e.peer);
        }
        m_status->setState(e.state, m_local, m_peer);
        if (e.state == SessionState::Failed && (e.error || errorText().isEmpty())) {
            // The cause usually came just before as an Error event; keep it visible.
            showError(e.error ? qs(e.error->message()) : tr("The socket failed"));
        }
        if (!isLive(e.state)) {
            m_composer->stopRepeat();
            m_tcpTimer->stop();
            tick();
        }
        updateControls();
        updateTitle();
        break;
    case EngineEvent::Kind::OptionApplied:
    case EngineEvent::Kind::OptionRead:
        m_form->optionsPanel()->setEffective(e.option);
        break;
    case EngineEvent::Kind::TcpInfo:
        m_status->setTcpInfo(e.tcpInfo);
        break;
    case EngineEvent::Kind::PingReply:
        m_status->setExtra(e.ping.timedOut ? tr("ping seq %1: timed out").arg(e.ping.sequence)
                                           : tr("ping seq %1 from %2: %3 ms")
                                                 .arg(e.ping.sequence)
                                                 .arg(qs(e.ping.from))
                                                 .arg(double(e.ping.rtt_us) / 1000.0, 0, 'f', 3));
        break;
    case EngineEvent::Kind::Error:
        showError(e.error ? qs(e.error->message()) : qs(e.text));
        break;
    case EngineEvent::Kind::Warning:
        if (e.kernelDrops > 0) {
            m_status->setKernelDrops(e.kernelDrops);
        }
        showError(qs(e.text));
        break;
    case EngineEvent::Kind::Accepted:
    case EngineEvent::Kind::RecordsAppended:
    case EngineEvent::Kind::PingDone:
        break;
    }
}

void SessionTab::showError(const QString& text) {
    m_banner->setText(text);
    m_banner->setAccessibleDescription(text);
    m_bannerBox->show();
}

void SessionTab::clearError() {
    m_banner->clear();
    m_bannerBox->hide();
}

QString SessionTab::errorText() const {
    return m_bannerBox->isHidden() ? QString() : m_banner->text();
}

void SessionTab::onSend(const QByteArray& bytes, bool urgent, const QString& destination) {
    if (!isOpen()) {
        showError(tr("send: the socket is not open"));
        return;
    }
    SendData send;
    send.session = m_session;
    send.connection = sendTarget();
    const auto* data = reinterpret_cast<const std::byte*>(bytes.constData());
    send.bytes.assign(data, data + bytes.size());
    send.oob = urgent;
    send.destination = destination.toStdString();
    m_bridge.engine().post(std::move(send));
}

ConnectionId SessionTab::sendTarget() const {
    if (!isListener()) {
        return 0;
    }
    if (m_allConnections->isChecked()) {
        return kAllConnections;
    }
    return selectedConnection().value_or(kAllConnections);
}

std::optional<ConnectionId> SessionTab::selectedConnection() const {
    const QModelIndex current = m_connectionView->selectionModel()->currentIndex();
    if (!current.isValid()) {
        return std::nullopt;
    }
    return m_connections->connectionAt(current.row());
}

void SessionTab::onConnectionSelection() {
    const auto selected = selectedConnection();
    const bool all = m_allConnections->isChecked() || !selected;
    m_traffic->setConnectionFilter(all ? std::nullopt : selected);
    m_closeConnection->setEnabled(selected.has_value());
    m_resetConnection->setEnabled(selected.has_value());
    m_status->clearTcpInfo();
    tick();
}

void SessionTab::onFormChanged() {
    updateControls();
    if (!isOpen()) {
        updateTitle();
    }
}

void SessionTab::updateControls() {
    const bool open = isOpen();
    const OpenSession r = m_session != 0 ? m_opened : m_form->request();
    m_form->setLocked(open);
    m_open->setText(open ? tr("Cl&ose socket") : tr("&Open socket"));
    m_open->setAccessibleName(open ? tr("Close socket") : tr("Open socket"));
    m_open->setEnabled(open || m_form->isValid());
    m_open->setToolTip(open || m_form->isValid() ? QString() : m_form->problem());
    m_reset->setVisible(open && isStreamType(r.spec.type));
    m_connectionBox->setVisible(m_session != 0 && r.role == Role::Listen);

    Composer::Capabilities caps;
    caps.stream = isStreamType(r.spec.type) || isType(r.spec.type, "SOCK_SEQPACKET");
    caps.urgent = isTcp(r.spec);
    caps.ping = isIcmp(r.spec);
    const bool connected = r.role == Role::Connect && !r.remote.empty();
    caps.needsDestination = isDatagramType(r.spec.type) && !connected && !caps.ping;
    m_composer->setCapabilities(caps);
    m_composer->setSendEnabled(open && m_state && canSend(*m_state));
}

QString SessionTab::title() const {
    const OpenSession r = m_session != 0 ? m_opened : m_form->request();
    QString address;
    if (r.role == Role::Connect) {
        address = !m_peer.isEmpty() ? m_peer : qs(r.remote);
    } else {
        address = !m_local.isEmpty() ? m_local : qs(r.local);
    }
    QString text = kindName(r.spec, r.role);
    if (!address.isEmpty()) {
        text += QLatin1Char(' ') + address;
    }
    const QString state = m_state ? QString::fromUtf8(stateName(*m_state).data(),
                                                      qsizetype(stateName(*m_state).size()))
                                  : tr("not open");
    return tr("%1 — %2").arg(text, state);
}

void SessionTab::updateTitle() {
    emit titleChanged(title());
}

CodeRequest SessionTab::codeRequest() const {
    CodeRequest request;
    request.session = m_session != 0 && isOpen() ? m_opened : m_form->request();
    request.destination = m_composer->destination().toStdString();
    return request;
}

void SessionTab::tick() {
    if (!m_store) {
        return;
    }
    const auto selected = selectedConnection();
    const bool one = isListener() && !m_allConnections->isChecked() && selected;
    const TrafficCounters c = one ? m_store->counters(*selected) : m_store->counters();
    m_status->setCounters(c, m_sinceTick->restart());
    m_status->setCaptureStats(m_store->stats(), m_store->spillError());
}

void SessionTab::queryTcpInfo() {
    if (!isOpen() || !isTcp(m_opened.spec)) {
        return;
    }
    if (isListener()) {
        if (auto c = selectedConnection()) {
            m_bridge.engine().post(QueryTcpInfo{m_session, *c});
        }
    } else if (m_state == SessionState::Connected || m_state == SessionState::PeerClosed ||
               m_state == SessionState::HalfClosed) {
        m_bridge.engine().post(QueryTcpInfo{m_session, 0});
    }
}

QByteArray SessionTab::saveLayout() const {
    QByteArray out;
    QDataStream stream(&out, QIODevice::WriteOnly);
    stream << m_mainSplit->saveState() << m_rightSplit->saveState();
    return out;
}

void SessionTab::restoreLayout(const QByteArray& state) {
    QDataStream stream(state);
    QByteArray main;
    QByteArray right;
    stream >> main >> right;
    if (stream.status() == QDataStream::Ok) {
        m_mainSplit->restoreState(main);
        m_rightSplit->restoreState(right);
    }
}

} // namespace socklab::ui
