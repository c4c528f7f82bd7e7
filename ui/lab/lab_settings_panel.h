#pragma once

#include "core/lab/lab_conductor.h"
#include "core/lab/lab_experiments.h"

#include <QWidget>
#include <optional>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QSpinBox;
class QTabWidget;

namespace socklab::ui {

class ImpairmentEditor;

/// What a lab run does, as form fields: the message schedule, the link (an impairment editor
/// per direction, MTU, seed), IPv6 and Nagle. settings() is the LabRunSettings the fields
/// describe, or nullopt with problem() when a typed value does not parse.
class LabSettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit LabSettingsPanel(QWidget* parent = nullptr);

    void setSettings(const socklab::LabRunSettings& settings);
    [[nodiscard]] std::optional<socklab::LabRunSettings> settings() const;
    [[nodiscard]] QString problem() const;
    /// Fields are read-only while a run goes on.
    void setRunning(bool running);
    /// The guided experiment chosen (nullptr: "Your own settings").
    [[nodiscard]] const socklab::LabExperiment* experiment() const;
    /// Choose an experiment by id ("" = your own settings); false when there is none.
    bool chooseExperiment(std::string_view id);

signals:
    void edited();

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the panel sets itself, in the current language.
    void retranslate();
    /// What to look for in the chosen experiment, in the current language.
    void showExplanation();

    void experimentChanged();

    QComboBox* m_experiment;
    QLabel* m_explanation;
    QWidget* m_scheduleFields; ///< everything a scripted experiment does not use
    bool m_running = false;
    QSpinBox* m_count;
    QSpinBox* m_size;
    QSpinBox* m_interval;
    ImpairmentEditor* m_aToB;
    ImpairmentEditor* m_bToA;
    QSpinBox* m_mtu;
    QSpinBox* m_seed;
    QCheckBox* m_ipv6;
    QCheckBox* m_noDelay;
    QCheckBox* m_fallback;
    QGroupBox* m_guided;
    QGroupBox* m_schedule;
    QGroupBox* m_link;
    QGroupBox* m_sockets;
    QTabWidget* m_directions;
    QLabel* m_experimentLabel;
    QLabel* m_countLabel;
    QLabel* m_sizeLabel;
    QLabel* m_intervalLabel;
    QLabel* m_mtuLabel;
    QLabel* m_seedLabel;
    socklab::LabRunSettings m_base; ///< fields without a control (ports, settle times, paths)
};

} // namespace socklab::ui
