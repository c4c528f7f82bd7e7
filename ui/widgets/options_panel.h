#pragma once

#include "core/net/options.h"

#include <QWidget>
#include <vector>

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace socklab::ui {

/// Socket options from the core catalog: which to set, the requested value, and the value the
/// kernel reports back (effective), which may differ (SO_RCVBUF is doubled, for example).
class OptionsPanel : public QWidget {
    Q_OBJECT
public:
    explicit OptionsPanel(QWidget* parent = nullptr);

    /// The options ticked by the user, in catalog order.
    [[nodiscard]] std::vector<OptionSetting> settings() const;
    /// Tick exactly these options with these values; untick the rest.
    void setSettings(const std::vector<OptionSetting>& settings);
    /// Show what the kernel reported for one option.
    void setEffective(const OptionReadback& readback);
    void clearEffective();
    /// While a socket is open, each row offers "Apply" to change the option on the live socket.
    void setLive(bool live);
    /// Effective text of one option ("" when not read back yet); for tests and tooltips.
    [[nodiscard]] QString effectiveText(OptionId id) const;

signals:
    void applyRequested(const socklab::OptionSetting& setting);
    void settingsChanged();

private:
    struct Row {
        OptionId id;
        bool boolean = false;
        QCheckBox* enabled = nullptr;
        QCheckBox* boolValue = nullptr;
        QSpinBox* intValue = nullptr;
        QLabel* effective = nullptr;
        QPushButton* apply = nullptr;
    };
    [[nodiscard]] int valueOf(const Row& row) const;
    Row* rowFor(OptionId id);
    const Row* rowFor(OptionId id) const;

    std::vector<Row> m_rows;
};

} // namespace socklab::ui
