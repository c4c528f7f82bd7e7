#include "ui/import/capture_tab.h"

#include "ui/background_task.h"
#include "ui/import/conversation_model.h"
#include "ui/import/replay_panel.h"
#include "ui/settings/preferences.h"
#include "ui/views/traffic_pane.h"
#include "ui/widgets/error_banner.h"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace socklab::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

} // namespace

CaptureTab::CaptureTab(QString path, CaptureConversation conversation, QWidget* parent)
    : QWidget(parent), m_path(std::move(path)), m_conversation(std::move(conversation)),
      m_task(new BackgroundTask(this)), m_exporter(new CaptureExporter(this)),
      m_banner(new ErrorBanner(this)), m_summary(new QLabel(this)), m_export(new QPushButton(this)),
      m_replayButton(new QPushButton(this)), m_progress(new QProgressBar(this)),
      m_cancel(new QPushButton(this)), m_split(new QSplitter(Qt::Horizontal, this)),
      m_recorded(new QWidget), m_recordedHeader(new QLabel), m_traffic(new TrafficPane),
      m_status(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_banner);

    auto* top = new QHBoxLayout;
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_export->setEnabled(false);
    m_replayButton->setEnabled(false);
    top->addWidget(m_summary, 1);
    top->addWidget(m_replayButton);
    top->addWidget(m_export);
    layout->addLayout(top);

    auto* progressRow = new QHBoxLayout;
    m_progress->setRange(0, 0);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    layout->addLayout(progressRow);

    // The recorded traffic; a replay's live traffic goes beside it (ReplayPanel).
    auto* recordedLayout = new QVBoxLayout(m_recorded);
    recordedLayout->setContentsMargins(0, 0, 0, 0);
    QFont bold = m_recordedHeader->font();
    bold.setBold(true);
    m_recordedHeader->setFont(bold);
    m_recordedHeader->hide(); // until a replay shows the live side
    recordedLayout->addWidget(m_recordedHeader);
    recordedLayout->addWidget(m_traffic, 1);
    m_split->setChildrenCollapsible(false);
    m_split->addWidget(m_recorded);
    layout->addWidget(m_split, 1);
    layout->addWidget(m_status);
    retranslate();
    // The store is the client's view: "Local" names the client, as in a client socket tab.
    m_traffic->setLocalLabel(qs(m_conversation.client.toString()));
    updateSummary();

    connect(m_export, &QPushButton::clicked, this, &CaptureTab::exportRequested);
    connect(m_replayButton, &QPushButton::clicked, this, &CaptureTab::openReplayDialog);
    connect(m_cancel, &QPushButton::clicked, this, &CaptureTab::cancelImport);
    connect(m_task, &BackgroundTask::progress, this, [this](quint64 done, quint64 total) {
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(std::min<quint64>(done, total) * 1000 / total));
        }
    });
    connect(m_exporter, &CaptureExporter::finished, this, [this](bool ok, const QString& message) {
        if (!ok) {
            m_banner->showError(message);
        }
        showStatus([ok, message] { return ok ? message : QString(); });
        emit exportFinished(ok, message);
    });
    connect(m_exporter, &CaptureExporter::progress, this, [this](quint64 done, quint64 total) {
        if (m_exporter->busy() && total > 0) {
            showStatus([done, total] {
                return tr("exporting: %1% of %2 records").arg(done * 100 / total).arg(total);
            });
        }
    });
}

CaptureTab::~CaptureTab() {
    // Stop (cancel and wait for) the import and any export while the tab is still whole.
    delete m_exporter;
    m_exporter = nullptr;
    delete m_task;
    m_task = nullptr;
}

void CaptureTab::start() {
    m_banner->dismiss();
    m_progress->show();
    m_cancel->show();
    showStatus([] { return tr("Importing…"); });
    const std::string path = m_path.toStdString();
    const std::uint32_t index = m_conversation.index;
    const TrafficStore::Config config = storeConfig(loadPreferences());
    m_task->start([this, path, index,
                   config](const BackgroundTask::Control& control) -> std::function<void()> {
        auto store = std::make_shared<TrafficStore>(config);
        CaptureImportOptions options;
        options.cancel = &control.cancelled;
        options.progress = control.progress;
        auto result = std::make_shared<Result<CaptureConversation>>(
            importCaptureConversation(path, index, *store, options));
        return [this, result, store] { onImported(std::move(*result), store); };
    });
}

bool CaptureTab::isImporting() const {
    return m_task && m_task->busy();
}

void CaptureTab::cancelImport() {
    m_task->cancel();
}

void CaptureTab::onImported(Result<CaptureConversation> result,
                            std::shared_ptr<TrafficStore> store) {
    m_progress->hide();
    m_cancel->hide();
    if (!result) {
        showStatus([] { return tr("Not imported"); });
        m_banner->showError(qs(result.error().message()));
        emit importFinished(false);
        return;
    }
    m_conversation = *result;
    m_store = std::move(store);
    m_traffic->setSourceComplete(true); // message framing ends the last messages
    m_traffic->setDatagramCapture(m_conversation.protocol == CaptureProtocol::Udp);
    m_traffic->setStore(m_store);
    m_traffic->refreshNow();
    const TrafficCounters c = m_store->counters();
    showStatus([c] {
        return tr("Imported: %1 messages client -> server (%2 bytes), %3 server -> client "
                  "(%4 bytes)")
            .arg(c.messagesOut)
            .arg(c.bytesOut)
            .arg(c.messagesIn)
            .arg(c.bytesIn);
    });
    m_export->setEnabled(true);
    updateReplayButton();
    updateSummary();
    emit importFinished(true);
}

void CaptureTab::updateSummary() {
    const QString notes = qs(conversationNotes(m_conversation));
    QString text = tr("%1, conversation %2: %3 %4")
                       .arg(QFileInfo(m_path).fileName())
                       .arg(m_conversation.index)
                       .arg(qs(captureProtocolName(m_conversation.protocol)),
                            conversationEndpoints(m_conversation));
    if (!notes.isEmpty()) {
        text += tr(" · %1").arg(notes);
    }
    text += tr(" · read-only");
    m_summary->setText(text);
    m_summary->setAccessibleDescription(text); // the name says what the line is
}

QString CaptureTab::title() const {
    return tr("%1 #%2 %3 %4")
        .arg(QFileInfo(m_path).fileName())
        .arg(m_conversation.index)
        .arg(qs(captureProtocolName(m_conversation.protocol)),
             conversationEndpoints(m_conversation));
}

QString CaptureTab::errorText() const {
    return m_banner->text();
}

CaptureSource CaptureTab::captureSource() const {
    CaptureSource source{m_store, captureSocketSpec(m_conversation),
                         qs(m_conversation.client.toString())};
    return source;
}

bool CaptureTab::exportCapture(const QString& path, CaptureFormat format) {
    if (!m_store) {
        m_banner->showError(tr("export %1: the conversation is not imported").arg(path));
        return false;
    }
    if (!m_exporter->start(captureSource(), path, format)) {
        m_banner->showError(
            tr("export %1: the previous export of this tab is still running").arg(path));
        return false;
    }
    return true;
}

bool CaptureTab::isExporting() const {
    return m_exporter && m_exporter->busy();
}

void CaptureTab::cancelExport() {
    m_exporter->cancel();
}

void CaptureTab::setSessionRouter(SessionRouter* router) {
    m_router = router;
    updateReplayButton();
}

void CaptureTab::updateReplayButton() {
    m_replayButton->setEnabled(m_router != nullptr && m_store != nullptr);
}

void CaptureTab::openReplayDialog() {
    if (!m_router || !m_store) {
        return;
    }
    ReplayRequest initial;
    initial.address = ReplayDialog::defaultAddress(m_conversation);
    auto* dialog = new ReplayDialog(m_conversation, m_lastReplay.value_or(initial), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { startReplay(dialog->request()); });
    dialog->open();
}

bool CaptureTab::startReplay(const ReplayRequest& request) {
    if (!m_router || !m_store) {
        m_banner->showError(tr("replay: the conversation is not imported"));
        return false;
    }
    m_lastReplay = request;
    if (!m_replay) {
        m_replay = new ReplayPanel(*m_router);
        m_split->addWidget(m_replay);
        m_recordedHeader->show();
    }
    m_banner->dismiss();
    if (!m_replay->start(*m_store, m_conversation, request)) {
        m_banner->showError(m_replay->errorText());
        return false;
    }
    m_replay->show();
    return true;
}

void CaptureTab::showStatus(std::function<QString()> text) {
    m_statusText = std::move(text);
    m_status->setText(m_statusText());
}

void CaptureTab::retranslate() {
    m_summary->setAccessibleName(tr("Conversation"));
    m_export->setAccessibleName(tr("Export capture"));
    m_export->setToolTip(tr("Save this conversation as pcapng (Wireshark), a hex dump or a text "
                            "log (Ctrl+E)"));
    m_replayButton->setAccessibleName(tr("Replay"));
    m_replayButton->setToolTip(tr("Play one side of this conversation against a live peer and "
                                  "compare its answers with the recording"));
    m_progress->setAccessibleName(tr("Import progress"));
    m_cancel->setAccessibleName(tr("Cancel import"));
    m_status->setAccessibleName(tr("Capture status"));
    m_export->setText(tr("&Export…"));
    m_replayButton->setText(tr("Re&play…"));
    m_cancel->setText(tr("&Cancel import"));
    m_recorded->setAccessibleName(tr("Recorded"));
    m_recordedHeader->setText(tr("Recorded"));
}

void CaptureTab::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        updateSummary();
        if (m_statusText) {
            m_status->setText(m_statusText());
        }
    }
}

} // namespace socklab::ui
