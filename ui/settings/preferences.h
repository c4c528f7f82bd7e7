#pragma once

#include "core/capture/traffic_store.h"

#include <QString>
#include <optional>

namespace socklab::ui {

/// User preferences that shape new sockets, persisted in QSettings ("preferences/...").
/// They apply to sockets opened after a change; an open socket keeps the store it has.
struct Preferences {
    /// Payload bytes a tab keeps in RAM before the overflow policy applies.
    int memoryCapMiB = 256;
    OverflowPolicy policy = OverflowPolicy::Spill;
    /// Spill only: bytes kept in the spill file before the oldest are dropped anyway.
    int diskCapGiB = 8;
    /// Spill only: directory of the (unlinked) spill file; empty = $TMPDIR or /tmp.
    QString spillDir;
    /// Interface language: "" = follow the system locale, else a code of availableLanguages()
    /// (ui/i18n/language.h). Applies at once, to open tabs too.
    QString language;

    static constexpr int kMinMemoryMiB = 1;
    static constexpr int kMaxMemoryMiB = 64 * 1024;
    static constexpr int kMinDiskGiB = 1;
    static constexpr int kMaxDiskGiB = 4096;

    friend bool operator==(const Preferences&, const Preferences&) = default;
};

/// Read from QSettings; out-of-range or unknown stored values fall back to the defaults.
[[nodiscard]] Preferences loadPreferences();
/// Write to QSettings; "" on success, else why not, naming the settings file.
[[nodiscard]] QString savePreferences(const Preferences& prefs);

/// The TrafficStore configuration a new session gets from these preferences.
[[nodiscard]] TrafficStore::Config storeConfig(const Preferences& prefs);

/// Why a spill directory cannot be used ("" when it can): core's checkSpillDirectory (absolute,
/// no control characters, a spill file can be made there). An empty path is valid (the system
/// temporary directory).
[[nodiscard]] QString spillDirProblem(const QString& dir);
/// The same without making a file (core's checkSpillDirectoryTyped): for each keystroke.
[[nodiscard]] QString spillDirTypedProblem(const QString& dir);

} // namespace socklab::ui
