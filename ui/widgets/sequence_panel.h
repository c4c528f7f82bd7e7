#pragma once

#include "core/respond/sequence.h"

#include <QWidget>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace socklab::ui {

/// A tab's sequences: pick one, name it, write its steps one per line (send, sendhex, wait,
/// expect … within MS, repeat N … end; checked by core as typed, the problem shown with its
/// line), and Run / Pause / Stop it with its progress. It only describes and asks (signals);
/// the tab's SequenceController runs it.
class SequencePanel : public QWidget {
    Q_OBJECT
public:
    explicit SequencePanel(QWidget* parent = nullptr);

    /// Every sequence (the one being edited as typed, if it parses).
    [[nodiscard]] std::vector<socklab::Sequence> sequences() const;
    void setSequences(const std::vector<socklab::Sequence>& sequences);
    /// The selected sequence as typed; nullopt (problem() says why) when it does not parse.
    [[nodiscard]] std::optional<socklab::Sequence> current() const;
    [[nodiscard]] QString problem() const;

    /// What the controller says (progress line) and whether a run is going / paused.
    void setProgress(const QString& text);
    void setRunState(bool running, bool paused);

    [[nodiscard]] QPlainTextEdit* stepsEdit() const { return m_steps; }

signals:
    void runRequested();
    void pauseRequested();
    void resumeRequested();
    void stopRequested();
    /// The sequences changed (for the workspace).
    void changed();

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the widget sets itself, in the current language.
    void retranslate();

    void select(int index);
    void storeCurrent();
    void validate();
    void addSequence();
    void removeSequence();

    QComboBox* m_choice;
    QPushButton* m_new;
    QPushButton* m_delete;
    QLineEdit* m_name;
    QLabel* m_nameProblem; ///< under the name: core's checkSequenceName, "" hides it
    QPlainTextEdit* m_steps;
    QLabel* m_problem;
    QLabel* m_choiceLabel;
    QLabel* m_nameLabel;
    QPushButton* m_run;
    QPushButton* m_pause;
    QPushButton* m_stop;
    QLabel* m_progress;
    std::vector<socklab::Sequence> m_sequences; ///< as last stored; the current one as typed
    std::vector<QString> m_texts;               ///< steps text per sequence as typed
    int m_index = -1;
    bool m_running = false;
    bool m_paused = false;
    bool m_updating = false;
};

} // namespace socklab::ui
