#pragma once

#include "ui/dialogs/replay_dialog.h"

#include <QWidget>
#include <optional>

class QLabel;
class QPushButton;

namespace socklab::ui {

class ReplayController;
class SessionRouter;
class TrafficPane;

/// The live side of a capture tab's replay, shown next to the recorded traffic: a header
/// ("Replay (live)"), the traffic views over the replay session's store, the status line
/// (progress, then the comparison; core's full report in its tooltip) and Stop.
class ReplayPanel : public QWidget {
    Q_OBJECT
public:
    explicit ReplayPanel(SessionRouter& router, QWidget* parent = nullptr);

    /// Start a replay (see ReplayController::start); false with the reason in errorText().
    bool start(const socklab::TrafficStore& recorded,
               const socklab::CaptureConversation& conversation, const ReplayRequest& request);
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] bool running() const;

    [[nodiscard]] ReplayController* controller() const { return m_controller; }
    [[nodiscard]] TrafficPane* trafficPane() const { return m_traffic; }
    [[nodiscard]] QPushButton* stopButton() const { return m_stop; }

signals:
    /// A run ended; identical as the comparison says.
    void finished(bool identical);

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the widget sets itself, in the current language.
    void retranslate();
    /// The live pane's local label for the request, in the current language.
    void showLocalLabel();

    void onStatus(const QString& text);

    ReplayController* m_controller;
    QLabel* m_header;
    TrafficPane* m_traffic;
    QLabel* m_status;
    QPushButton* m_stop;
    std::optional<ReplayRequest> m_request; ///< of the last start()
};

} // namespace socklab::ui
