#include "ui/import/capture_import_dialog.h"

#include "ui/background_task.h"
#include "ui/import/conversation_model.h"
#include "ui/widgets/error_banner.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <memory>

namespace socklab::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

} // namespace

CaptureImportDialog::CaptureImportDialog(QString path, QWidget* parent)
    : QDialog(parent), m_path(std::move(path)), m_task(new BackgroundTask(this)),
      m_model(new ConversationModel(this)), m_banner(new ErrorBanner(this)),
      m_summary(new QLabel(this)), m_progress(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("&Cancel reading"), this)), m_view(new QTableView(this)),
      m_skipped(new QLabel(this)), m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this)),
      m_open(m_buttons->addButton(tr("&Open"), QDialogButtonBox::AcceptRole)) {
    setWindowTitle(tr("Open capture — %1").arg(QFileInfo(m_path).fileName()));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAccessibleName(tr("Capture summary"));
    layout->addWidget(m_summary);

    auto* progressRow = new QHBoxLayout;
    m_progress->setAccessibleName(tr("Reading progress"));
    m_progress->setRange(0, 0); // busy until the first report
    m_cancel->setAccessibleName(tr("Cancel reading"));
    m_cancel->setToolTip(tr("Stop reading the file"));
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    layout->addLayout(progressRow);

    auto* tableLabel = new QLabel(tr("Con&versations"), this);
    tableLabel->setBuddy(m_view);
    layout->addWidget(tableLabel);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Conversations"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTabKeyNavigation(false); // Tab leaves the table for the buttons
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    layout->addWidget(m_view, 1);

    m_skipped->setWordWrap(true);
    m_skipped->setAccessibleName(tr("Skipped packets"));
    m_skipped->hide();
    layout->addWidget(m_skipped);

    m_open->setAccessibleName(tr("Open"));
    m_open->setToolTip(tr("Open the selected conversations in read-only tabs (Enter)"));
    m_open->setDefault(true);
    layout->addWidget(m_buttons);
    resize(900, 420);

    // Enter reaches the default button (the table ignores it); a double-click opens the row.
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CaptureImportDialog::onOpen);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_view, &QAbstractItemView::doubleClicked, this, &CaptureImportDialog::onOpen);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CaptureImportDialog::updateButtons);
    connect(m_cancel, &QPushButton::clicked, m_task, &BackgroundTask::cancel);
    connect(m_task, &BackgroundTask::progress, this, [this](quint64 done, quint64 total) {
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(std::min<quint64>(done, total) * 1000 / total));
        }
    });
    updateButtons();
}

CaptureImportDialog::~CaptureImportDialog() = default;

void CaptureImportDialog::setSummary(const QString& text) {
    m_summary->setText(text);
    m_summary->setAccessibleDescription(text); // the name says what the line is
}

void CaptureImportDialog::start() {
    m_banner->dismiss();
    setSummary(tr("Reading %1…").arg(m_path));
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    const std::string path = m_path.toStdString();
    m_task->start([this, path](const BackgroundTask::Control& control) -> std::function<void()> {
        CaptureImportOptions options;
        options.cancel = &control.cancelled;
        options.progress = control.progress;
        auto summary =
            std::make_shared<Result<CaptureSummary>>(listCaptureConversations(path, options));
        return [this, summary] { onListed(std::move(*summary)); };
    });
    updateButtons();
}

bool CaptureImportDialog::isReading() const {
    return m_task->busy();
}

void CaptureImportDialog::onListed(Result<CaptureSummary> summary) {
    m_progress->hide();
    m_cancel->hide();
    if (!summary) {
        setSummary(tr("%1: no conversations listed").arg(m_path));
        m_banner->showError(qs(summary.error().message()));
        updateButtons();
        emit listed(false);
        return;
    }
    setSummary(tr("%1: %2, %3 packets, %4 conversations")
                   .arg(m_path, qs(summary->linkType))
                   .arg(summary->packets)
                   .arg(summary->conversations.size()));
    QStringList skipped;
    for (const std::string& note : captureSkippedNotes(*summary)) {
        skipped << qs(note);
    }
    m_skipped->setText(skipped.join(QLatin1Char('\n')));
    m_skipped->setAccessibleDescription(m_skipped->text());
    m_skipped->setVisible(!skipped.isEmpty());
    m_model->setConversations(std::move(summary->conversations));
    if (m_model->rowCount() > 0) {
        m_view->selectRow(0);
        m_view->resizeColumnsToContents();
    }
    m_view->setFocus();
    updateButtons();
    emit listed(true);
}

std::vector<CaptureConversation> CaptureImportDialog::selectedConversations() const {
    std::vector<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        rows.push_back(index.row());
    }
    std::sort(rows.begin(), rows.end());
    std::vector<CaptureConversation> out;
    for (int row : rows) {
        if (const CaptureConversation* c = m_model->conversationAt(row)) {
            out.push_back(*c);
        }
    }
    return out;
}

QString CaptureImportDialog::errorText() const {
    return m_banner->text();
}

void CaptureImportDialog::onOpen() {
    if (selectedConversations().empty()) {
        return;
    }
    emit openRequested();
    accept();
}

void CaptureImportDialog::updateButtons() {
    m_open->setEnabled(!m_task->busy() && m_view->selectionModel()->hasSelection());
}

} // namespace socklab::ui
