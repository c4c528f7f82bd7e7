#pragma once

#include "core/respond/responder.h"

#include <QWidget>
#include <cstdint>
#include <vector>

class QCheckBox;
class QPushButton;
class QTableView;

namespace socklab::ui {

class FramingEditor;
class ResponderRulesModel;

/// A tab's responders: the framing that cuts what arrives into messages, the rules in order
/// (add, edit in a dialog, remove, move, enable) with the hits the engine counts, the echo
/// preset, and half-close with the peer. It only describes; the tab sends configChanged() on to
/// the running session and into the next open request.
class ResponderPanel : public QWidget {
    Q_OBJECT
public:
    explicit ResponderPanel(QWidget* parent = nullptr);

    /// The config the panel shows (framing from the editor even while it has a problem).
    [[nodiscard]] socklab::ResponderConfig config() const;
    /// Replaces everything (a workspace tab, a request); hit counts go back to 0.
    void setConfig(const socklab::ResponderConfig& config);
    /// Why the config cannot be used ("" when it can): the framing's problem.
    [[nodiscard]] QString problem() const;
    /// The last config without a problem (what a running socket has and a workspace keeps
    /// while the framing being typed is not valid yet).
    [[nodiscard]] socklab::ResponderConfig lastValidConfig() const;
    /// Hits per rule from the engine.
    void setHits(const std::vector<std::uint64_t>& hits);

    [[nodiscard]] ResponderRulesModel* model() const { return m_model; }
    [[nodiscard]] QTableView* table() const { return m_table; }
    [[nodiscard]] FramingEditor* framingEditor() const { return m_framing; }
    [[nodiscard]] QPushButton* addButton() const { return m_add; }
    [[nodiscard]] QPushButton* echoButton() const { return m_echo; }

    /// Opens the rule dialog for a new rule (appended after the selection) / the selected one.
    void addRule();
    void editSelected();

signals:
    /// The rules, framing or half-close changed (only sent when the result is usable).
    void configChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the widget sets itself, in the current language.
    void retranslate();

    [[nodiscard]] int selectedRow() const;
    void updateButtons();
    void notify();
    void addEcho();

    FramingEditor* m_framing;
    ResponderRulesModel* m_model;
    QTableView* m_table;
    QPushButton* m_add;
    QPushButton* m_edit;
    QPushButton* m_remove;
    QPushButton* m_up;
    QPushButton* m_down;
    QPushButton* m_echo;
    QCheckBox* m_halfClose;
    bool m_updating = false;
    socklab::ResponderConfig m_lastValid;
};

} // namespace socklab::ui
