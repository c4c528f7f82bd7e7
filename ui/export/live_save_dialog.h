#pragma once

#include "core/capture/live_save.h"
#include "core/net/socket_spec.h"

#include <QDialog>
#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace socklab::ui {

/// The settings of a tab's continuous save: file, format, rotation size and how many files to
/// keep. Problems (no file, a size it cannot read, pcapng for a Unix-domain socket) show inline
/// and keep OK disabled.
class LiveSaveDialog : public QDialog {
    Q_OBJECT
public:
    /// spec: the tab's socket (pcapng needs IP traffic).
    LiveSaveDialog(const LiveSaveSettings& initial, const SocketSpec& spec,
                   QWidget* parent = nullptr);

    /// The settings as entered (valid when problem() is empty).
    [[nodiscard]] LiveSaveSettings settings() const;
    /// What is wrong with the input ("" when OK is enabled).
    [[nodiscard]] QString problem() const;

private:
    void revalidate();
    void onFormatChanged();
    void browse();

    SocketSpec m_spec;
    QLineEdit* m_path;
    QComboBox* m_format;
    QLineEdit* m_rotate;
    QSpinBox* m_keep;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
};

} // namespace socklab::ui
