#pragma once

#include "core/pcapimport/capture_import.h"
#include "core/play/replay_player.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace socklab::ui {

/// What a replay of a capture conversation should do (the dialog's answer).
struct ReplayRequest {
    socklab::ReplaySide side = socklab::ReplaySide::Client;
    QString address; ///< client: the live server; server: where to listen
    socklab::ReplayOptions options;
};

/// Replay… of a capture tab: which side SockLab plays, the address (to connect to, or to listen
/// on), the timing (as recorded, scaled by a factor, as fast as possible) and how long to wait
/// for a silent peer. The fields are checked by core as they are typed (the problem is shown
/// under them and Replay waits for valid input).
class ReplayDialog : public QDialog {
    Q_OBJECT
public:
    ReplayDialog(const socklab::CaptureConversation& conversation, const ReplayRequest& initial,
                 QWidget* parent = nullptr);

    /// The request the fields describe (valid when problem() is empty).
    [[nodiscard]] ReplayRequest request() const;
    [[nodiscard]] QString problem() const;
    [[nodiscard]] QPushButton* replayButton() const;

    /// The address a first replay proposes: the recorded server's port on loopback.
    [[nodiscard]] static QString defaultAddress(const socklab::CaptureConversation& c);

private:
    void revalidate();

    socklab::CaptureConversation m_conversation;
    QComboBox* m_side;
    QLineEdit* m_address;
    QComboBox* m_timing;
    QLineEdit* m_factor;
    QCheckBox* m_wait;
    QSpinBox* m_waitMs;
    QCheckBox* m_stop;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
};

} // namespace socklab::ui
