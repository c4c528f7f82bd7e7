// LabTab's exports: the ladder (PNG/SVG), the wire (pcapng), TCP over time (CSV) and each lab
// socket's own capture (pcapng), each as a function tests call and a dialog around it.
#include "core/capture/exporters.h"
#include "core/lab/lab_timeline.h"
#include "ui/lab/lab_controller.h"
#include "ui/lab/lab_tab.h"
#include "ui/lab/ladder_view.h"
#include "ui/settings/dialog_folders.h"
#include "ui/widgets/error_banner.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>
#include <QMessageBox>
#include <QSaveFile>

namespace socklab::ui {

namespace {

constexpr auto kLabExportDir = "lab/lastDir"; // where the lab's exports went last

} // namespace

QString LabTab::exportTimelineCsv(const QString& path) {
    const LabTimeline& timeline = m_controller->timeline();
    if (timeline.empty()) {
        return tr("Export timeline %1: nothing to write yet (run a message schedule first; "
                  "scripted experiments have no timeline)")
            .arg(path);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return tr("Export timeline %1: %2").arg(path, file.errorString());
    }
    const std::string csv = formatLabTimelineCsv(timeline);
    if (file.write(csv.data(), qint64(csv.size())) != qint64(csv.size()) || !file.commit()) {
        return tr("Export timeline %1: %2").arg(path, file.errorString());
    }
    showStatus([path] { return tr("Wrote TCP over time to %1").arg(path); });
    return {};
}

void LabTab::exportTimelineDialog() {
    // The suffix is added by the dialog, so its overwrite question covers "name" -> name.csv.
    QFileDialog dialog(this, tr("Export TCP over time as CSV"),
                       dialogPath(kLabExportDir, QStringLiteral("tcp-over-time.csv")),
                       tr("CSV (*.csv)"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("csv"));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) {
        return;
    }
    const QString path = dialog.selectedFiles().constFirst();
    rememberDialogFolder(kLabExportDir, path);
    if (const QString problem = exportTimelineCsv(path); !problem.isEmpty()) {
        m_banner->showError(problem);
    }
}

QString LabTab::exportSocketCaptures(const QString& dir) {
    const auto sockets = m_controller->captureSockets();
    if (sockets.empty()) {
        return tr("Export socket captures to %1: no lab run yet").arg(dir);
    }
    QStringList written;
    for (const auto& [name, store] : sockets) {
        const QString path = QDir(dir).filePath(name);
        auto summary = exportPcapng(*store, path.toStdString(), PcapngOptions{});
        if (!summary) {
            return QString::fromStdString(summary.error().message());
        }
        written << QFileInfo(path).fileName();
    }
    showStatus([written, dir] {
        return tr("Wrote %1 to %2").arg(written.join(QStringLiteral(", ")), dir);
    });
    return {};
}

void LabTab::exportSocketsDialog() {
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Export the lab sockets' captures into"), dialogFolder(kLabExportDir));
    if (dir.isEmpty()) {
        return;
    }
    rememberDialogFolder(kLabExportDir, dir);
    QStringList existing;
    for (const auto& [name, store] : m_controller->captureSockets()) {
        if (QFileInfo::exists(QDir(dir).filePath(name))) {
            existing << name;
        }
    }
    if (!existing.isEmpty() &&
        QMessageBox::question(
            this, tr("Replace files?"),
            tr("%1 already has %2. Replace them?").arg(dir, existing.join(QStringLiteral(", "))),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes) {
        return;
    }
    if (const QString problem = exportSocketCaptures(dir); !problem.isEmpty()) {
        m_banner->showError(problem);
    }
}

QString LabTab::exportLadder(const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return tr("Export ladder %1: %2").arg(path, file.errorString());
    }
    if (path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)) {
        file.write(m_ladder->svg().toUtf8());
    } else {
        const QImage image = m_ladder->render();
        if (image.isNull()) {
            file.cancelWriting();
            return tr("Export ladder %1: the diagram is too tall for an image; export SVG or "
                      "zoom out")
                .arg(path);
        }
        QImageWriter writer(&file, "png");
        if (!writer.write(image)) {
            file.cancelWriting();
            return tr("Export ladder %1: %2").arg(path, writer.errorString());
        }
    }
    if (!file.commit()) {
        return tr("Export ladder %1: %2").arg(path, file.errorString());
    }
    return {};
}

QString LabTab::exportWirePcapng(const QString& path) {
    const auto wire = m_controller->wireStore();
    if (!wire) {
        return tr("Export wire %1: this run has no wire (relays on loopback stand in for it)")
            .arg(path);
    }
    PcapngOptions options;
    options.wire = true;
    auto summary = exportPcapng(*wire, path.toStdString(), options);
    if (!summary) {
        return QString::fromStdString(summary.error().message());
    }
    showStatus([packets = summary->packets, path] {
        return tr("Wrote %1 wire packets to %2").arg(packets).arg(path);
    });
    return {};
}

void LabTab::exportWireDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the wire as pcapng"),
        dialogPath(kLabExportDir, QStringLiteral("wire.pcapng")), tr("pcapng (*.pcapng)"));
    if (path.isEmpty()) {
        return;
    }
    rememberDialogFolder(kLabExportDir, path);
    if (const QString problem = exportWirePcapng(path); !problem.isEmpty()) {
        m_banner->showError(problem);
    }
}

void LabTab::exportLadderDialog() {
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the ladder"), dialogPath(kLabExportDir, QStringLiteral("ladder.svg")),
        tr("SVG (*.svg);;PNG image (*.png)"), &filter);
    if (path.isEmpty()) {
        return;
    }
    rememberDialogFolder(kLabExportDir, path);
    QString chosen = path;
    if (QFileInfo(path).suffix().isEmpty()) {
        chosen += filter.startsWith(QStringLiteral("PNG")) ? QStringLiteral(".png")
                                                           : QStringLiteral(".svg");
    }
    const QString problem = exportLadder(chosen);
    if (problem.isEmpty()) {
        showStatus([chosen] { return tr("Ladder written to %1").arg(chosen); });
    } else {
        m_banner->showError(problem);
    }
}

} // namespace socklab::ui
