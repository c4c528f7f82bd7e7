#include "ui/lab/lab_tab.h"

#include "core/lab/lab_table.h"
#include "ui/lab/lab_controller.h"
#include "ui/lab/lab_lanes_view.h"
#include "ui/lab/lab_messages_model.h"
#include "ui/lab/lab_result_model.h"
#include "ui/lab/lab_settings_panel.h"
#include "ui/widgets/error_banner.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
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

QTableView* tableView(QAbstractItemModel* model, const QString& name, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->setAccessibleName(name);
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
      m_settings(new LabSettingsPanel(this)), m_run(new QPushButton(tr("&Run"), this)),
      m_stop(new QPushButton(tr("S&top"), this)), m_status(new QLabel(this)),
      m_banner(new ErrorBanner(this)), m_results(new LabResultModel(this)),
      m_resultView(tableView(m_results, tr("Lab figures"), this)), m_lanes(new LabLanesView(this)),
      m_messages(new LabMessagesModel(this)),
      m_messageView(tableView(m_messages, tr("Message fates"), this)),
      m_details(new QTabWidget(this)) {
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
    m_run->setAccessibleName(tr("Run the lab"));
    m_stop->setAccessibleName(tr("Stop the lab"));
    m_run->setDefault(true);
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    lv->addLayout(buttons);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Lab status"));
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
    m_details->setAccessibleName(tr("Lab details"));
    m_details->addTab(m_messageView, tr("&Messages"));
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
    connect(m_settings, &LabSettingsPanel::edited, this, [this] {
        const QString p = m_settings->problem();
        m_run->setEnabled(p.isEmpty() && !m_controller->running());
        m_run->setToolTip(p);
    });
    showPhase(LabConductor::Phase::Idle);
}

LabTab::~LabTab() = default;

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
    m_controller->start(*settings);
    return true;
}

void LabTab::stop() {
    m_controller->stop();
}

void LabTab::shutdown() {
    m_controller->stop();
}

QString LabTab::statusText() const {
    return m_status->text();
}

QString LabTab::noticeText() const {
    return m_banner->text();
}

void LabTab::showPhase(LabConductor::Phase phase) {
    const bool running = m_controller->running();
    m_run->setEnabled(!running && m_settings->problem().isEmpty());
    m_stop->setEnabled(running);
    m_settings->setRunning(running);
    if (phase != LabConductor::Phase::Done && phase != LabConductor::Phase::Failed) {
        setStatus(phaseText(phase));
    }
}

void LabTab::showOutcome(const LabOutcome& outcome) {
    LabTableExtras extras;
    if (outcome.tcpInfo) {
        extras.tcpRetransmits = outcome.tcpInfo->totalRetrans;
        extras.rttUs = outcome.tcpInfo->rttUs;
        extras.cwnd = outcome.tcpInfo->sndCwnd;
    }
    if (outcome.wire) {
        extras.wireRetransmissions = outcome.wire->retransmissions;
    }
    m_results->setRows(labTableRows(outcome.tcp, outcome.udp, extras));
    m_resultView->resizeColumnsToContents();
    m_messages->setReports(outcome.tcp, outcome.udp);
    m_messageView->resizeColumnsToContents();
    m_lanes->setReports(outcome.tcp, outcome.udp);
    const auto& t = outcome.tcp.totals;
    const auto& u = outcome.udp.totals;
    QString text =
        tr("Done: TCP delivered %1 of %2 messages%3; UDP delivered %4, lost %5, "
           "duplicated %6, out of order %7.")
            .arg(t.delivered)
            .arg(t.scheduled)
            .arg(outcome.tcp.inOrderAndComplete ? tr(", every byte in order") : QString())
            .arg(u.delivered)
            .arg(u.lost)
            .arg(u.duplicated)
            .arg(u.outOfOrder);
    if (outcome.fallback) {
        text += QLatin1Char(' ') + tr("(Relays on loopback: TCP saw no real loss.)");
    }
    setStatus(text);
    showPhase(LabConductor::Phase::Done);
}

void LabTab::showFailure(const QString& text) {
    m_banner->showError(text);
    setStatus(phaseText(LabConductor::Phase::Failed));
    showPhase(LabConductor::Phase::Failed);
}

} // namespace socklab::ui
