#pragma once

#include "ui/settings/preferences.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace socklab::ui {

/// Edit Preferences: the interface language, how much capture each tab keeps in memory and what
/// happens beyond it.
/// OK is disabled while a field is invalid (checked as typed, without making files); the
/// problem is shown under the field.
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(const Preferences& current, QWidget* parent = nullptr);

    [[nodiscard]] Preferences preferences() const;
    [[nodiscard]] QString problem() const; ///< "" when the values can be saved

    /// OK: the spill directory is tried for real (a file made and removed); a refusal is shown
    /// at the field and the dialog stays open.
    void accept() override;

private:
    void revalidate();

    QSpinBox* m_memory;
    QComboBox* m_policy;
    QComboBox* m_language;
    QSpinBox* m_disk;
    QLineEdit* m_spillDir;
    QPushButton* m_browse;
    QLabel* m_spillProblem;
    QDialogButtonBox* m_buttons;
};

} // namespace socklab::ui
