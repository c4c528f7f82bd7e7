#pragma once

#include "core/respond/responder.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace socklab::ui {

/// Add or edit one responder rule: how it matches, the reply template, delay and once. The rule
/// is checked by core as it is typed (the problem is shown under the fields and OK waits for a
/// valid rule), and a sample message shows what the rule would answer before it goes live.
class ResponderRuleDialog : public QDialog {
    Q_OBJECT
public:
    explicit ResponderRuleDialog(const socklab::ResponderRule& rule, QWidget* parent = nullptr);

    /// The rule the fields describe (valid when problem() is empty).
    [[nodiscard]] socklab::ResponderRule rule() const;
    [[nodiscard]] QString problem() const;
    /// The sample's outcome line ("Reply: …", "No match", or a problem).
    [[nodiscard]] QString trialText() const;

    [[nodiscard]] QComboBox* matchBox() const { return m_match; }
    [[nodiscard]] QLineEdit* patternEdit() const { return m_pattern; }
    [[nodiscard]] QLineEdit* replyEdit() const { return m_reply; }
    [[nodiscard]] QComboBox* replySyntaxBox() const { return m_replySyntax; }
    [[nodiscard]] QLineEdit* sampleEdit() const { return m_sample; }
    [[nodiscard]] QDialogButtonBox* buttons() const { return m_buttons; }

    /// How the match choice reads in the dialog ("contains the text"...).
    [[nodiscard]] static QString matchKindText(socklab::MatchKind kind);

private:
    void revalidate();
    void updateTrial(const socklab::ResponderRule& rule, bool valid);

    QLineEdit* m_name;
    QCheckBox* m_enabled;
    QComboBox* m_match;
    QLineEdit* m_pattern;
    QLineEdit* m_reply;
    QComboBox* m_replySyntax;
    QSpinBox* m_delay;
    QCheckBox* m_once;
    QLabel* m_problem;
    QLineEdit* m_sample;
    QLabel* m_trial;
    QDialogButtonBox* m_buttons;
};

} // namespace socklab::ui
