#pragma once

#include "core/net/options.h"
#include "core/net/socket_spec.h"

#include <QWidget>
#include <map>
#include <optional>
#include <set>
#include <vector>

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace socklab::ui {

/// Socket options from the core catalog: which to set, the requested value, and the value the
/// kernel reports back (effective), which may differ (SO_RCVBUF is doubled, for example). While a
/// socket is open every row that applies shows the kernel's value, requested or not; rows that
/// do not apply to the socket's family/type (optionApplies) are greyed out with the reason.
/// Its rows (about a hundred widgets) are built through StartupGate: during start-up after the
/// first frame (the panel is below the fold of the form); until then spec, settings and the
/// live state are kept and settings() answers from them as the rows would.
class OptionsPanel : public QWidget {
    Q_OBJECT
public:
    explicit OptionsPanel(QWidget* parent = nullptr);

    /// The socket the options are for: rows that do not apply are disabled and left out of
    /// settings(). A different spec clears the effective values of the previous socket.
    void setSpec(const SocketSpec& spec);
    /// The options ticked by the user that apply to the spec, in catalog order.
    [[nodiscard]] std::vector<OptionSetting> settings() const;
    /// Tick exactly these options with these values; untick the rest.
    void setSettings(const std::vector<OptionSetting>& settings);
    /// Show what the kernel reported for one option: set (with what was asked, bold when the
    /// kernel changed it) or only read back, or the getsockopt error of a value-less row.
    void setEffective(const OptionReadback& readback);
    void clearEffective();
    /// While a socket is open, each row offers "Apply" to change the option on the live socket.
    void setLive(bool live);
    /// Effective text of one option ("" when not read back yet); for tests and tooltips.
    [[nodiscard]] QString effectiveText(OptionId id) const;

signals:
    void applyRequested(const socklab::OptionSetting& setting);
    void settingsChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Row {
        OptionId id;
        const OptionInfo* info = nullptr;
        bool boolean = false;
        bool applies = true;
        QString tip;                            ///< the option's explanation
        std::optional<OptionReadback> readback; ///< what the effective column shows
        QCheckBox* enabled = nullptr;
        QCheckBox* boolValue = nullptr;
        QSpinBox* intValue = nullptr;
        QLabel* effective = nullptr;
        QPushButton* apply = nullptr;
    };
    [[nodiscard]] int valueOf(const Row& row) const;
    /// Enabled state and tooltips of one row from its applicability and tick.
    void updateRow(Row& row);
    void setEffectiveText(Row& row, const QString& text, const QString& tip, bool marked);
    Row* rowFor(OptionId id);
    const Row* rowFor(OptionId id) const;

    /// Every text the panel sets itself, in the current language; effective values again.
    void retranslate();
    /// The rows, once: with the spec, settings and live state given so far.
    void ensureRows();
    void buildRows();
    /// After a late build: the rows back in the Tab order right after what precedes the panel.
    void placeRowsInTabOrder();

    std::vector<Row> m_rows;
    bool m_built = false;
    // Until the rows exist: the last setSettings()'s ticks, every value it was given (a row
    // keeps its value when unticked later), and setLive().
    std::set<OptionId> m_pendingTicked;
    std::map<OptionId, int> m_pendingValues;
    bool m_live = false;
    QList<QLabel*> m_headers;
    SocketSpec m_spec;
};

} // namespace socklab::ui
