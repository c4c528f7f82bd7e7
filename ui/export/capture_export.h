#pragma once

#include "core/base/result.h"
#include "core/capture/exporters.h"
#include "core/capture/traffic_store.h"
#include "core/net/endpoint.h"
#include "core/net/socket_spec.h"
#include "ui/background_task.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

namespace socklab::ui {

enum class CaptureFormat : std::uint8_t {
    Pcapng = 1, ///< for Wireshark / tshark (IP sockets only)
    Hexdump,    ///< header line + xxd rows per record
    TextLog,    ///< one escaped line per record
};

/// What a tab's capture is: its store and the socket it belongs to.
struct CaptureSource {
    std::shared_ptr<const TrafficStore> store;
    SocketSpec spec;
    QString local; ///< our address as shown ("127.0.0.1:5000"), "" when unknown
    /// A relay's capture: pcapng shows each pair as its client <-> server conversation, the
    /// server at `upstream` (the resolved upstream address).
    bool relay = false;
    QString upstream;
};

/// The save-dialog filter list, one entry per format, pcapng first.
[[nodiscard]] QString captureFilters();
/// The format a filter entry or, failing that, a file suffix names (pcapng when unknown).
[[nodiscard]] CaptureFormat captureFormatFor(const QString& selectedFilter, const QString& path);

/// False for Unix-domain captures, which pcapng (IP packets) cannot hold.
[[nodiscard]] bool holdsIpTraffic(const CaptureSource& source);
/// The format to offer first: the last one used, unless pcapng cannot hold this capture.
[[nodiscard]] CaptureFormat suggestedCaptureFormat(const CaptureSource& source, CaptureFormat last);

/// The file suffix of a format, with the dot (".pcapng", ".hexdump", ".log").
[[nodiscard]] QString captureSuffix(CaptureFormat format);
/// path with the suffix of `format`: kept when it already names that format, replaced when it
/// names another one (x.pcapng -> x.log), appended otherwise.
[[nodiscard]] QString withCaptureSuffix(const QString& path, CaptureFormat format);

/// Write the capture synchronously (call off the GUI thread for big captures). On success, a
/// sentence for the status bar: what was written and what could not be (e.g. Unix records in a
/// pcapng). Errors name the export and the path.
/// cancel: checked between records (the target is then left untouched); progress: called on
/// the exporting thread with records done / total.
[[nodiscard]] Result<QString> writeCapture(const CaptureSource& source, const QString& path,
                                           CaptureFormat format,
                                           const std::atomic<bool>* cancel = nullptr,
                                           ExportProgress progress = {});

/// Runs writeCapture on a worker thread (BackgroundTask) so the GUI keeps painting; finished()
/// arrives on the exporter's thread. One export at a time per exporter.
class CaptureExporter : public QObject {
    Q_OBJECT
public:
    explicit CaptureExporter(QObject* parent = nullptr);
    ~CaptureExporter() override;

    /// False when an export is still running.
    bool start(CaptureSource source, const QString& path, CaptureFormat format);
    [[nodiscard]] bool busy() const;
    /// Block until the running export (if any) has finished; for shutdown and tests.
    void wait();

    /// Ask the running export to stop (its file is left as it was); finished() reports it.
    void cancel();

signals:
    void finished(bool ok, const QString& message);
    /// Records written so far of the total, a few times a second while running.
    void progress(quint64 done, quint64 total);

private:
    BackgroundTask* m_task; ///< child: cancelled and waited for before this object goes
};

} // namespace socklab::ui
