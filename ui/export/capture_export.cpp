#include "ui/export/capture_export.h"

#include "core/capture/exporters.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>

namespace socklab::ui {

namespace {

// lupdate files tr() outside a class under the enclosing namespace: the same context here.
QString tr(const char* text) {
    return QCoreApplication::translate("socklab::ui", text);
}

QString filterFor(CaptureFormat f) {
    switch (f) {
    case CaptureFormat::Pcapng:
        return tr("pcapng for Wireshark (*.pcapng)");
    case CaptureFormat::Hexdump:
        return tr("Hex dump (*.hexdump *.txt)");
    case CaptureFormat::TextLog:
        return tr("Text log (*.log)");
    }
    return {};
}

QString formatName(CaptureFormat f) {
    switch (f) {
    case CaptureFormat::Pcapng:
        return QStringLiteral("pcapng");
    case CaptureFormat::Hexdump:
        return tr("hex dump");
    case CaptureFormat::TextLog:
        return tr("text log");
    }
    return {};
}

constexpr CaptureFormat kFormats[] = {CaptureFormat::Pcapng, CaptureFormat::Hexdump,
                                      CaptureFormat::TextLog};

} // namespace

QString captureFilters() {
    QStringList filters;
    for (CaptureFormat f : kFormats) {
        filters << filterFor(f);
    }
    return filters.join(QStringLiteral(";;"));
}

CaptureFormat captureFormatFor(const QString& selectedFilter, const QString& path) {
    for (CaptureFormat f : kFormats) {
        if (selectedFilter == filterFor(f)) {
            return f;
        }
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("log")) {
        return CaptureFormat::TextLog;
    }
    if (suffix == QLatin1String("hexdump") || suffix == QLatin1String("txt")) {
        return CaptureFormat::Hexdump;
    }
    return CaptureFormat::Pcapng;
}

bool holdsIpTraffic(const CaptureSource& source) {
    const CatalogEntry* unixFamily = familyByName("AF_UNIX");
    return !unixFamily || source.spec.family != unixFamily->value;
}

CaptureFormat suggestedCaptureFormat(const CaptureSource& source, CaptureFormat last) {
    return last == CaptureFormat::Pcapng && !holdsIpTraffic(source) ? CaptureFormat::Hexdump : last;
}

QString captureSuffix(CaptureFormat format) {
    switch (format) {
    case CaptureFormat::Pcapng:
        return QStringLiteral(".pcapng");
    case CaptureFormat::Hexdump:
        return QStringLiteral(".hexdump");
    case CaptureFormat::TextLog:
        return QStringLiteral(".log");
    }
    return {};
}

QString withCaptureSuffix(const QString& path, CaptureFormat format) {
    const QFileInfo info(path);
    const QString suffix = info.suffix().toLower();
    const bool known = suffix == QLatin1String("pcapng") || suffix == QLatin1String("hexdump") ||
                       suffix == QLatin1String("txt") || suffix == QLatin1String("log");
    if (known && captureFormatFor(QString(), path) == format) {
        return path;
    }
    const QString base = known ? path.left(path.size() - suffix.size() - 1) : path;
    return base + captureSuffix(format);
}

Result<QString> writeCapture(const CaptureSource& source, const QString& path, CaptureFormat format,
                             const std::atomic<bool>* cancel, ExportProgress progress) {
    if (!source.store) {
        return fail(inputError(tr("export").toStdString(), path.toStdString(),
                               tr("the tab has no capture yet").toStdString()));
    }
    const std::string file = path.toStdString();
    Result<ExportSummary> summary;
    if (format == CaptureFormat::Pcapng && !holdsIpTraffic(source)) {
        return fail(inputError(tr("export pcapng").toStdString(), file,
                               tr("Unix-domain traffic has no IP addresses to put in packets; "
                                  "choose the hex dump or the text log")
                                   .toStdString()));
    }
    if (format == CaptureFormat::Pcapng) {
        PcapngOptions options;
        options.cancel = cancel;
        options.progress = std::move(progress);
        options.transport =
            isStreamType(source.spec.type) ? PcapTransport::Tcp : PcapTransport::Udp;
        options.relay = source.relay;
        if (auto local =
                Endpoint::parse((source.relay ? source.upstream : source.local).toStdString())) {
            options.local = *local;
        }
        summary = exportPcapng(*source.store, file, options);
    } else {
        TextExportOptions options;
        options.cancel = cancel;
        options.progress = std::move(progress);
        summary = format == CaptureFormat::Hexdump ? exportHexdump(*source.store, file, options)
                                                   : exportTextLog(*source.store, file, options);
    }
    if (!summary) {
        return fail(summary.error());
    }
    QString text =
        tr("Exported %1 records as %2 to %3").arg(summary->records).arg(formatName(format), path);
    QStringList notes;
    if (summary->skippedNoAddress > 0) {
        notes << tr("%1 records without an IP address skipped (pcapng holds IP packets only; "
                    "use the hex dump or text log)")
                     .arg(summary->skippedNoAddress);
    }
    if (summary->skippedUserBytes > 0) {
        notes << tr("%1 edited or injected records left out (the file shows what the peers "
                    "sent)")
                     .arg(summary->skippedUserBytes);
    }
    if (summary->evictedRecords > 0) {
        notes << tr("%1 records whose bytes were dropped by the capture limit")
                     .arg(summary->evictedRecords);
    }
    if (summary->truncatedRecords > 0) {
        notes << tr("%1 datagrams cut to fit one IP packet").arg(summary->truncatedRecords);
    }
    if (!notes.isEmpty()) {
        text += QStringLiteral("; ") + notes.join(QStringLiteral("; "));
    }
    return text;
}

CaptureExporter::CaptureExporter(QObject* parent)
    : QObject(parent), m_task(new BackgroundTask(this)) {
    connect(m_task, &BackgroundTask::progress, this, &CaptureExporter::progress);
}

CaptureExporter::~CaptureExporter() {
    // Closing a tab or quitting does not wait for a long export to finish writing: ask it to
    // stop, and wait only for that.
    m_task->cancel();
    m_task->wait();
}

bool CaptureExporter::busy() const {
    return m_task->busy();
}

void CaptureExporter::cancel() {
    m_task->cancel();
}

bool CaptureExporter::start(CaptureSource source, const QString& path, CaptureFormat format) {
    return m_task->start([this, source = std::move(source), path,
                          format](const BackgroundTask::Control& control) -> std::function<void()> {
        auto result = writeCapture(source, path, format, &control.cancelled, control.progress);
        const bool ok = result.has_value();
        QString message = ok ? *result : QString::fromStdString(result.error().message());
        return [this, ok, message = std::move(message)] { emit finished(ok, message); };
    });
}

void CaptureExporter::wait() {
    m_task->wait();
}

} // namespace socklab::ui
