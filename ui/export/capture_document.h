#pragma once

#include "ui/export/capture_export.h"

#include <QString>

namespace socklab::ui {

/// A tab whose capture File > Export capture can write: a socket tab, or a conversation
/// imported from a capture file. The main window's export actions speak only this.
class CaptureDocument {
public:
    virtual ~CaptureDocument() = default;

    /// The tab's title; the suggested file name is made from it.
    [[nodiscard]] virtual QString title() const = 0;
    /// The capture (store null when there is nothing to export yet).
    [[nodiscard]] virtual CaptureSource captureSource() const = 0;
    /// Write the capture on a worker thread; false (reason shown by the tab) when it cannot
    /// start.
    virtual bool exportCapture(const QString& path, CaptureFormat format) = 0;
    [[nodiscard]] virtual bool isExporting() const = 0;
    /// Stop the running export; its target file is left as it was.
    virtual void cancelExport() = 0;

protected:
    CaptureDocument() = default;
    CaptureDocument(const CaptureDocument&) = default;
    CaptureDocument& operator=(const CaptureDocument&) = default;
};

} // namespace socklab::ui
