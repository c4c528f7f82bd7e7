#include "ui/export/live_save_link.h"

#include "ui/export/live_save_dialog.h"
#include "ui/session/session_handle.h"
#include "ui/settings/dialog_folders.h"
#include "ui/views/direction_palette.h"
#include "ui/widgets/session_status.h"
#include "ui/widgets/session_tab.h"

#include <QBoxLayout>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTimer>

namespace socklab::ui {

namespace {

constexpr int kRefreshMs = 500;
constexpr auto kExportDir = "export/lastDir"; // where File > Export capture saved last

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

} // namespace

LiveSaveLink::LiveSaveLink(SessionHandle& handle, SessionTab& tab)
    : QObject(&tab), m_handle(&handle), m_tab(tab), m_timer(new QTimer(this)) {
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &LiveSaveLink::refresh);
    // A new capture (or none: cleared, tab closing) ends the files of the old one.
    connect(&handle, &SessionHandle::captureChanged, this, &LiveSaveLink::onCaptureChanged);
}

LiveSaveLink::~LiveSaveLink() {
    // Never wait here (a tab closing): the saves complete and close their files on their own.
    LiveSave::finishInBackground(std::move(m_save));
    LiveSave::finishInBackground(std::move(m_finishing));
}

bool LiveSaveLink::setSettings(std::optional<LiveSaveSettings> settings) {
    stopSave();
    m_error.clear();
    m_settings = std::move(settings);
    if (m_settings) {
        m_last = *m_settings;
    }
    bool ok = true;
    if (m_settings && m_handle && m_handle->store()) {
        ok = startSave();
    }
    refresh();
    emit changed();
    return ok;
}

void LiveSaveLink::toggle() {
    if (isOn()) {
        setSettings(std::nullopt);
        return;
    }
    LiveSaveSettings initial = m_last;
    if (initial.path.empty()) {
        // As File > Export capture names it: kind and address, in the last export directory.
        QString name = m_tab.title().section(QStringLiteral(" — "), 0, 0);
        name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
        initial.path = dialogPath(kExportDir, name + QStringLiteral(".pcapng")).toStdString();
    }
    const SocketSpec spec = m_tab.codeRequest().session.spec;
    auto* dialog = new LiveSaveDialog(initial, spec, &m_tab);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { setSettings(dialog->settings()); });
    dialog->open(); // window-modal, without a nested event loop
}

void LiveSaveLink::onCaptureChanged() {
    stopSave();
    if (m_settings && m_handle && m_handle->store()) {
        startSave();
    }
    refresh();
    emit changed();
}

bool LiveSaveLink::startSave() {
    const OpenSession& request = m_handle->request();
    auto options = liveSaveOptionsFor(*m_settings, request.spec, m_handle->isRelay());
    Result<std::unique_ptr<LiveSave>> save =
        options ? LiveSave::start(m_handle->store(), std::move(*options))
                : Result<std::unique_ptr<LiveSave>>(std::unexpected(options.error()));
    if (!save) {
        m_error = qs(save.error().message());
        m_settings.reset();
        m_tab.showError(tr("Continuous save: %1").arg(m_error));
        return false;
    }
    m_save = std::move(*save);
    m_timer->start();
    return true;
}

void LiveSaveLink::stopSave() {
    if (!m_save) {
        return;
    }
    // The worker writes what is left and closes the file on its own thread; refresh() sees it
    // end. One finishing before (stopped and started again quickly) goes on in the background.
    LiveSave::finishInBackground(std::move(m_finishing));
    m_save->requestStop();
    m_lastStatus = m_save->status();
    m_finishing = std::move(m_save);
    reportStatus(m_lastStatus);
    m_timer->start();
}

void LiveSaveLink::finished() {
    m_lastStatus = m_finishing->status();
    m_finishing.reset(); // the worker has ended: no wait
    if (!m_save) {
        m_timer->stop();
    }
    reportStatus(m_lastStatus);
}

void LiveSaveLink::reportStatus(const LiveSaveStatus& status) {
    if (status.error && m_error.isEmpty()) {
        m_error = qs(status.error->message());
        m_settings.reset();
        m_tab.showError(tr("Continuous save stopped: %1").arg(m_error));
    }
}

void LiveSaveLink::refresh() {
    bool changes = false;
    if (m_finishing && !m_finishing->status().running) {
        finished();
        changes = true;
    }
    if (m_save) {
        m_lastStatus = m_save->status();
        if (m_lastStatus.error) {
            stopSave(); // reports it and turns the save off
            changes = true;
        }
    }
    if (changes) {
        emit changed();
    }
    const QString text = statusText();
    if (text.isEmpty() && !m_bar) {
        return;
    }
    ensureBar();
    m_text->setText(text);
    m_text->setAccessibleDescription(text);
    QPalette pal = m_bar->palette();
    pal.setColor(QPalette::WindowText, m_error.isEmpty()
                                           ? m_tab.palette().color(QPalette::WindowText)
                                           : errorColor(m_tab.palette()));
    m_text->setPalette(pal);
    m_stop->setVisible(isOn());
    m_bar->setVisible(!text.isEmpty());
}

QString LiveSaveLink::statusText() const {
    if (!m_error.isEmpty()) {
        return tr("Continuous save stopped: %1").arg(m_error);
    }
    if (!m_settings || !m_save) {
        if (m_finishing) {
            return tr("Finishing %1…").arg(QFileInfo(qs(m_lastStatus.currentFile)).fileName());
        }
    }
    if (!m_settings) {
        return {};
    }
    if (!m_save) {
        return tr("Saves to %1 when the socket is open").arg(qs(m_settings->path));
    }
    const LiveSaveStatus& s = m_lastStatus;
    const QString files = s.files == 1 ? tr("1 file") : tr("%1 files").arg(s.files);
    QString text = tr("Saving to %1: %2, %3")
                       .arg(QFileInfo(qs(s.currentFile)).fileName(), files,
                            QLocale().formattedDataSize(qint64(s.bytes), 1,
                                                        QLocale::DataSizeTraditionalFormat));
    if (s.missedRecords > 0) {
        text += tr("; %1 records dropped by the capture limit before saving").arg(s.missedRecords);
    }
    if (s.skippedNoAddress > 0) {
        text += tr("; %1 records without an IP address left out").arg(s.skippedNoAddress);
    }
    return text;
}

LiveSaveStatus LiveSaveLink::status() const {
    return m_save ? m_save->status() : m_finishing ? m_finishing->status() : m_lastStatus;
}

void LiveSaveLink::ensureBar() {
    if (m_bar) {
        return;
    }
    m_bar = new QWidget(&m_tab);
    auto* row = new QHBoxLayout(m_bar);
    row->setContentsMargins(4, 0, 4, 0);
    m_text = new QLabel(m_bar);
    m_text->setAccessibleName(tr("Continuous save"));
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setWordWrap(true);
    m_stop = new QPushButton(tr("Stop sa&ving"), m_bar);
    m_stop->setAccessibleName(tr("Stop saving"));
    m_stop->setToolTip(tr("Complete and close the file; the tab keeps its capture"));
    row->addWidget(m_text, 1);
    row->addWidget(m_stop);
    connect(m_stop, &QPushButton::clicked, this, [this] { setSettings(std::nullopt); });
    // Above the tab's figures.
    auto* layout = qobject_cast<QBoxLayout*>(m_tab.layout());
    if (layout) {
        const int at = layout->indexOf(m_tab.status());
        layout->insertWidget(at < 0 ? layout->count() : at, m_bar);
    }
}

} // namespace socklab::ui
