#pragma once

#include "core/capture/live_save.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <memory>
#include <optional>

class QLabel;
class QPushButton;
class QTimer;
class QWidget;

namespace socklab::ui {

class SessionHandle;
class SessionTab;

/// A tab's continuous save (File > Save continuously…): the settings, the core LiveSave that
/// writes the tab's capture while it is on, and a status line in the tab ("Saving to
/// cap.pcapng: 3 files, 12.4 MB", or the error that stopped it, with a Stop button).
///
/// Settings may be set before the socket exists (a workspace tab): nothing is written until
/// the tab's socket is opened. A new capture (another kind of socket) gets new files; files are
/// never overwritten. A write error stops the save, shows in the tab's banner and turns it off;
/// the tab keeps its capture. Stopping never waits on the GUI thread: the save writes its
/// backlog and closes its file on its own thread ("Finishing cap.pcapng…" meanwhile); a save
/// still finishing when the tab goes is handed to LiveSave::finishInBackground.
class LiveSaveLink : public QObject {
    Q_OBJECT
public:
    LiveSaveLink(SessionHandle& handle, SessionTab& tab);
    ~LiveSaveLink() override;

    /// Turn the save on with these settings (starting at once when the tab has a capture), or
    /// off (nullopt: the file is completed and closed). False, with the error in the tab's
    /// banner, when it cannot start (a file that cannot be created...).
    bool setSettings(std::optional<LiveSaveSettings> settings);
    /// The settings while on (what the workspace keeps); nullopt when off.
    [[nodiscard]] const std::optional<LiveSaveSettings>& settings() const { return m_settings; }
    [[nodiscard]] bool isOn() const { return m_settings.has_value(); }
    /// Files are being written now (on, and the tab has a capture).
    [[nodiscard]] bool isSaving() const { return m_save != nullptr; }
    /// A stopped save still writes what it had left and closes its file.
    [[nodiscard]] bool isFinishing() const { return m_finishing != nullptr; }
    /// On: off. Off: the settings dialog (window-modal, without a nested event loop); OK turns
    /// it on.
    void toggle();
    /// The status line's text ("" when there is nothing to say).
    [[nodiscard]] QString statusText() const;
    /// The status of the running (or last) save, for tests.
    [[nodiscard]] LiveSaveStatus status() const;

signals:
    /// On/off or the status changed.
    void changed();

private:
    void onCaptureChanged();
    bool startSave();
    /// Ask the save to stop, without waiting: it finishes on its own thread (m_finishing).
    void stopSave();
    /// The finishing save is done: its last status and error.
    void finished();
    void reportStatus(const LiveSaveStatus& status);
    void refresh();
    void ensureBar();

    QPointer<SessionHandle> m_handle;
    SessionTab& m_tab;
    std::optional<LiveSaveSettings> m_settings;
    LiveSaveSettings m_last; ///< the dialog's start values
    std::unique_ptr<LiveSave> m_save;
    std::unique_ptr<LiveSave> m_finishing; ///< stopped, writing its backlog
    LiveSaveStatus m_lastStatus;
    QString m_error;
    QTimer* m_timer;
    QWidget* m_bar = nullptr;
    QLabel* m_text = nullptr;
    QPushButton* m_stop = nullptr;
};

} // namespace socklab::ui
