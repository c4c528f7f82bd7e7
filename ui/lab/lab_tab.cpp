#include "ui/lab/lab_tab.h"

#include "core/codec/hexdump.h"
#include "core/lab/lab_table.h"
#include "core/lab/lab_timeline.h"
#include "ui/lab/lab_controller.h"
#include "ui/lab/lab_lanes_view.h"
#include "ui/lab/lab_messages_model.h"
#include "ui/lab/lab_networks.h"
#include "ui/lab/lab_result_model.h"
#include "ui/lab/lab_settings_panel.h"
#include "ui/lab/lab_timeline_view.h"
#include "ui/lab/ladder_view.h"
#include "ui/lab/wire_packet_model.h"
#include "ui/widgets/error_banner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace socklab::ui {

namespace {

QString phaseText(LabConductor::Phase phase) {
    switch (phase) {
    case LabConductor::Phase::Idle:
        return LabTab::tr("Set the messages and the wire, then press Run.");
    case LabConductor::Phase::Network:
        return LabTab::tr("Building the lab network…");
    case LabConductor::Phase::Servers:
        return LabTab::tr("Opening the receivers in host B…");
    case LabConductor::Phase::Relays:
        return LabTab::tr("Opening the relays on loopback…");
    case LabConductor::Phase::Clients:
        return LabTab::tr("Connecting from host A…");
    case LabConductor::Phase::Sending:
        return LabTab::tr("Sending the messages over TCP and UDP…");
    case LabConductor::Phase::Settling:
        return LabTab::tr("Waiting for late arrivals and retransmissions…");
    case LabConductor::Phase::Finishing:
        return LabTab::tr("Collecting TCP_INFO and the wire's figures…");
    case LabConductor::Phase::Done:
        return LabTab::tr("Done.");
    case LabConductor::Phase::Failed:
        return LabTab::tr("The run failed.");
    }
    return {};
}

QTableView* tableView(QAbstractItemModel* model, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->verticalHeader()->hide();
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAlternatingRowColors(true);
    return view;
}

} // namespace

LabTab::LabTab(SessionRouter& router, QWidget* parent)
    : QWidget(parent), m_controller(new LabController(router, this)),
      m_settings(new LabSettingsPanel(this)), m_run(new QPushButton(this)),
      m_stop(new QPushButton(this)), m_status(new QLabel(this)), m_banner(new ErrorBanner(this)),
      m_results(new LabResultModel(this)), m_resultView(tableView(m_results, this)),
      m_lanes(new LabLanesView(this)), m_messages(new LabMessagesModel(this)),
      m_messageView(tableView(m_messages, this)), m_details(new QTabWidget(this)),
      m_packets(new WirePacketModel(this)), m_packetView(tableView(m_packets, this)),
      m_packetBytes(new QPlainTextEdit(this)), m_ladder(new LadderView(this)),
      m_timeline(new LabTimelineView(this)), m_live(new QTimer(this)) {
    auto* left = new QWidget(this);
    auto* lv = new QVBoxLayout(left);
    lv->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(left);
    scroll->setWidget(m_settings);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    lv->addWidget(scroll, 1);
    auto* buttons = new QHBoxLayout;
    m_run->setDefault(true);
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    lv->addLayout(buttons);
    m_status->setWordWrap(true);
    lv->addWidget(m_status);
    left->setMinimumWidth(m_settings->sizeHint().width() + 24);

    auto* right = new QSplitter(Qt::Vertical, this);
    auto* top = new QWidget(right);
    auto* tv = new QVBoxLayout(top);
    tv->setContentsMargins(0, 0, 0, 0);
    tv->addWidget(m_banner);
    auto* figuresAndLanes = new QHBoxLayout;
    m_resultView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_resultView->setMinimumWidth(320);
    m_resultView->setMaximumWidth(440);
    figuresAndLanes->addWidget(m_resultView);
    figuresAndLanes->addWidget(m_lanes, 1);
    tv->addLayout(figuresAndLanes, 1);
    right->addWidget(top);
    // Tab texts: retranslate().
    m_details->addTab(m_messageView, QString());
    m_details->addTab(buildLadderPage(), QString());
    m_details->addTab(buildPacketsPage(), QString());
    m_details->addTab(buildTimelinePage(), QString());
    right->addWidget(m_details);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_run, &QPushButton::clicked, this, &LabTab::run);
    connect(m_stop, &QPushButton::clicked, this, &LabTab::stop);
    connect(m_controller, &LabController::phaseChanged, this, &LabTab::showPhase);
    connect(m_controller, &LabController::finished, this, &LabTab::showOutcome);
    connect(m_controller, &LabController::failed, this, &LabTab::showFailure);
    connect(m_controller, &LabController::notice, this,
            [this](const QString& text) { m_banner->showError(text); });
    connect(m_lanes, &LabLanesView::messagesActivated, this, [this](bool tcp, int first, int) {
        if (first <= 0) {
            return;
        }
        m_details->setCurrentWidget(m_messageView);
        m_messageView->selectRow(first - 1);
        m_messageView->scrollTo(m_messages->index(first - 1, tcp ? 1 : 3));
    });
    m_live->setInterval(250);
    connect(m_live, &QTimer::timeout, this, &LabTab::refreshLive);
    connect(m_controller, &LabController::started, this, [this] {
        m_v6 = m_controller->settings().ipv6;
        showHostTitles();
        m_packets->setStore(nullptr);
        m_ladder->clear();
        m_packetBytes->clear();
        m_live->start();
    });
    connect(m_controller, &LabController::stepStarted, this,
            [this](int index, int count, const QString& text) {
                showStatus([index, count, text] {
                    return tr("Step %1 of %2: %3").arg(index + 1).arg(count).arg(text);
                });
            });
    connect(m_settings, &LabSettingsPanel::edited, this, [this] {
        const QString p = m_settings->problem();
        m_run->setEnabled(p.isEmpty() && !m_controller->running());
        m_run->setToolTip(p);
    });
    retranslate();
    showPhase(LabConductor::Phase::Idle);
}

LabTab::~LabTab() {
    if (m_networks && m_listedWire != 0) {
        m_networks->remove(m_listedWire);
    }
}

void LabTab::setLabNetworks(LabNetworks* networks) {
    m_networks = networks;
    connect(m_controller, &LabController::wireChanged, this, [this](SessionId wire) {
        if (m_networks && m_listedWire != 0) {
            m_networks->remove(m_listedWire);
        }
        m_listedWire = wire;
        if (m_networks && wire != 0) {
            m_networks->add(wire);
        }
    });
}

QWidget* LabTab::buildPacketsPage() {
    auto* page = new QWidget(this);
    auto* v = new QVBoxLayout(page);
    v->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    auto* hint = m_packetsHint = new QLabel(page);
    hint->setWordWrap(true);
    auto* save = m_saveWire = new QPushButton(page);
    auto* sockets = m_saveSockets = new QPushButton(page);
    bar->addWidget(hint, 1);
    bar->addWidget(save);
    bar->addWidget(sockets);
    v->addLayout(bar);
    connect(save, &QPushButton::clicked, this, &LabTab::exportWireDialog);
    connect(sockets, &QPushButton::clicked, this, &LabTab::exportSocketsDialog);
    auto* split = new QSplitter(Qt::Vertical, page);
    v->addWidget(split, 1);
    split->addWidget(m_packetView);
    m_packetBytes->setReadOnly(true);
    m_packetBytes->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    split->addWidget(m_packetBytes);
    split->setStretchFactor(0, 3);
    connect(m_packetView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid()) {
                    const auto seq =
                        m_packets->data(current, WirePacketModel::RecordSeqRole).toULongLong();
                    showPacketBytes(seq);
                    m_ladder->selectRecord(seq);
                }
            });
    return page;
}

QWidget* LabTab::buildLadderPage() {
    auto* page = new QWidget(this);
    auto* v = new QVBoxLayout(page);
    v->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    auto* mode = m_ladderMode = new QComboBox(page);
    mode->addItem(QString());
    mode->addItem(QString());
    auto* follow = m_follow = new QCheckBox(page);
    follow->setChecked(true);
    auto* save = m_saveLadder = new QPushButton(page);
    auto* label = m_ladderLabel = new QLabel(page);
    label->setBuddy(mode);
    bar->addWidget(label);
    bar->addWidget(mode);
    bar->addWidget(follow);
    bar->addStretch(1);
    bar->addWidget(save);
    v->addLayout(bar);
    v->addWidget(m_ladder, 1);
    connect(mode, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_ladder->setMode(i == 0 ? LadderMode::Sequence : LadderMode::Time); });
    connect(follow, &QCheckBox::toggled, m_ladder, &LadderView::setFollow);
    connect(m_ladder, &LadderView::followChanged, follow, &QCheckBox::setChecked);
    connect(save, &QPushButton::clicked, this, &LabTab::exportLadderDialog);
    connect(m_ladder, &LadderView::packetActivated, this, [this](quint64 seq) {
        const int row = m_packets->rowOfRecord(seq);
        if (row >= 0) {
            m_packetView->selectRow(row);
        }
        showPacketBytes(seq);
    });
    return page;
}

QWidget* LabTab::buildTimelinePage() {
    auto* page = new QWidget(this);
    auto* v = new QVBoxLayout(page);
    v->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    auto* hint = m_timelineHint = new QLabel(page);
    hint->setWordWrap(true);
    auto* save = m_saveCsv = new QPushButton(page);
    bar->addWidget(hint, 1);
    bar->addWidget(save);
    v->addLayout(bar);
    v->addWidget(m_timeline, 1);
    auto* readout = m_readout = new QLabel(m_timeline->readout(), page);
    readout->setWordWrap(true);
    readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    v->addWidget(readout);
    readout->setAccessibleDescription(readout->text()); // what a screen reader reads
    connect(m_timeline, &LabTimelineView::readoutChanged, readout, [readout](const QString& text) {
        readout->setText(text);
        readout->setAccessibleDescription(text);
    });
    connect(save, &QPushButton::clicked, this, &LabTab::exportTimelineDialog);
    return page;
}

void LabTab::refreshLive() {
    const auto wire = m_controller->wireStore();
    if (wire.get() != nullptr && m_packets->rowCount() == 0) {
        m_packets->setStore(wire);
    }
    m_packets->refresh();
    // Side by side while it happens: what arrived so far (not yet arrived: in flight), with
    // the TCP_INFO the conductor asks for every 250 ms.
    if (const auto live = m_controller->liveOutcome()) {
        showReports(*live);
    }
    m_timeline->setTimeline(m_controller->timeline());
    const auto sockets = m_controller->ladderSockets();
    const LabLadderInput input = labLadderInput(wire.get(), sockets);
    m_ladder->setInput(input.packets, input.calls);
    if (!m_controller->running()) {
        m_live->stop();
    }
}

void LabTab::showPacketBytes(quint64 recordSeq) {
    const auto wire = m_controller->wireStore();
    const auto r = wire ? wire->record(recordSeq) : std::nullopt;
    if (!r) {
        m_packetBytes->clear();
        return;
    }
    std::vector<std::byte> bytes(r->length);
    bytes.resize(wire->readArena(r->arenaOffset, bytes));
    m_packetBytes->setPlainText(QString::fromStdString(hexdumpText(bytes)));
}

QString LabTab::title() const {
    return tr("TCP vs UDP lab");
}

bool LabTab::run() {
    const auto settings = m_settings->settings();
    if (!settings) {
        m_banner->showError(m_settings->problem());
        return false;
    }
    if (auto valid = settings->schedule.validate(); !valid) {
        m_banner->showError(QString::fromStdString(valid.error().message()));
        return false;
    }
    m_banner->dismiss();
    m_results->clear();
    m_messages->clear();
    m_lanes->clear();
    m_timeline->setTimeline({}); // the cursor follows the newest sample again
    const LabExperiment* experiment = m_settings->experiment();
    if (experiment != nullptr && experiment->kind == LabExperimentKind::Script) {
        m_controller->startScript(*experiment);
    } else {
        m_controller->start(*settings, experiment);
    }
    return true;
}

void LabTab::stop() {
    m_controller->stop();
}

void LabTab::shutdown() {
    // Unlisted now: the wire's Closed event may never be processed (the window is closing).
    if (m_networks && m_listedWire != 0) {
        m_networks->remove(m_listedWire);
    }
    m_listedWire = 0;
    m_controller->stop();
}

QString LabTab::statusText() const {
    return m_status->text();
}

QString LabTab::noticeText() const {
    return m_banner->text();
}

void LabTab::showStatus(std::function<QString()> text) {
    m_statusText = std::move(text);
    const QString shown = m_statusText();
    m_status->setText(shown);
    m_status->setAccessibleDescription(shown); // what a screen reader reads after the name
}

void LabTab::showPhase(LabConductor::Phase phase) {
    const bool running = m_controller->running();
    m_run->setEnabled(!running && m_settings->problem().isEmpty());
    m_stop->setEnabled(running);
    m_settings->setRunning(running);
    if (phase != LabConductor::Phase::Done && phase != LabConductor::Phase::Failed) {
        showStatus([phase] { return phaseText(phase); });
    }
}

void LabTab::showOutcome(const LabOutcome& outcome) {
    refreshLive();
    if (outcome.schedule) {
        showReports(outcome);
    }
    showStatus([outcome] { return outcomeText(outcome); });
    showPhase(LabConductor::Phase::Done);
}

QString LabTab::outcomeText(const LabOutcome& outcome) {
    QString claim;
    if (outcome.claim) {
        claim = (outcome.claim->holds ? tr("Claim holds: %1") : tr("Claim does not hold: %1"))
                    .arg(QString::fromStdString(outcome.claim->text));
    }
    if (!outcome.schedule) {
        return tr("Done.") + QLatin1Char(' ') + claim;
    }
    const auto& t = outcome.tcp.totals;
    const auto& u = outcome.udp.totals;
    QString text = tr("Done: TCP delivered %1 of %2 messages.").arg(t.delivered).arg(t.scheduled);
    if (outcome.tcp.inOrderAndComplete) {
        text += QLatin1Char(' ') + tr("Every byte arrived in order.");
    }
    text += QLatin1Char(' ') + tr("UDP delivered %1, lost %2, duplicated %3, out of order %4.")
                                   .arg(u.delivered)
                                   .arg(u.lost)
                                   .arg(u.duplicated)
                                   .arg(u.outOfOrder);
    if (outcome.fallback) {
        text += QLatin1Char(' ') + tr("(Relays on loopback: TCP saw no real loss.)");
    }
    if (!claim.isEmpty()) {
        text += QLatin1Char('\n') + claim;
    }
    return text;
}

void LabTab::showReports(const LabOutcome& outcome) {
    LabTableExtras extras;
    if (outcome.tcpInfo) {
        extras.tcpRetransmits = outcome.tcpInfo->totalRetrans;
        extras.rttUs = outcome.tcpInfo->rttUs;
        extras.cwnd = outcome.tcpInfo->sndCwnd;
    }
    if (outcome.wire) {
        extras.wireRetransmissions = outcome.wire->resentAtoB;
    }
    m_results->setRows(labTableRows(outcome.tcp, outcome.udp, extras));
    m_resultView->resizeColumnsToContents();
    m_messages->setReports(outcome.tcp, outcome.udp);
    m_messageView->resizeColumnsToContents();
    m_lanes->setReports(outcome.tcp, outcome.udp);
}

void LabTab::showFailure(const QString& text) {
    refreshLive();
    m_banner->showError(text);
    showStatus([] { return phaseText(LabConductor::Phase::Failed); });
    showPhase(LabConductor::Phase::Failed);
}

} // namespace socklab::ui
