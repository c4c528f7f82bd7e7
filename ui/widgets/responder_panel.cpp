#include "ui/widgets/responder_panel.h"

#include "ui/dialogs/responder_rule_dialog.h"
#include "ui/i18n/retranslate.h"
#include "ui/models/responder_rules_model.h"
#include "ui/widgets/framing_editor.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace socklab::ui {

ResponderPanel::ResponderPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_framing = new FramingEditor(this);
    layout->addWidget(m_framing);

    m_model = new ResponderRulesModel(this);
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false); // one line a rule; the tooltip has the whole text
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->horizontalHeader()->setStretchLastSection(false);
    // The narrow columns take what they need, so the hits stay in view in a narrow pane.
    for (int c : {ResponderRulesModel::EnabledColumn, ResponderRulesModel::HitsColumn,
                  ResponderRulesModel::DelayColumn, ResponderRulesModel::OnceColumn}) {
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    }
    m_table->horizontalHeader()->setSectionResizeMode(ResponderRulesModel::PatternColumn,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ResponderRulesModel::ReplyColumn,
                                                      QHeaderView::Stretch);
    m_table->setMinimumHeight(90);
    layout->addWidget(m_table, 1);

    auto* buttons = new QHBoxLayout;
    m_add = new QPushButton(this);
    m_edit = new QPushButton(this);
    m_remove = new QPushButton(this);
    m_up = new QPushButton(this);
    m_down = new QPushButton(this);
    m_echo = new QPushButton(this);
    for (QPushButton* b : {m_add, m_edit, m_remove, m_up, m_down, m_echo}) {
        buttons->addWidget(b);
    }
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_halfClose = new QCheckBox(this);
    layout->addWidget(m_halfClose);

    retranslate();
    connect(m_add, &QPushButton::clicked, this, &ResponderPanel::addRule);
    connect(m_edit, &QPushButton::clicked, this, &ResponderPanel::editSelected);
    connect(m_table, &QTableView::doubleClicked, this, &ResponderPanel::editSelected);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        m_model->removeRule(selectedRow());
        updateButtons();
    });
    const auto move = [this](int delta) {
        const int row = selectedRow();
        if (m_model->moveRule(row, delta)) {
            m_table->selectRow(row + delta);
        }
    };
    connect(m_up, &QPushButton::clicked, this, [move] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [move] { move(+1); });
    connect(m_echo, &QPushButton::clicked, this, &ResponderPanel::addEcho);
    connect(m_model, &ResponderRulesModel::rulesChanged, this, &ResponderPanel::notify);
    connect(m_framing, &FramingEditor::changed, this, &ResponderPanel::notify);
    connect(m_halfClose, &QCheckBox::toggled, this, &ResponderPanel::notify);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ResponderPanel::updateButtons);
    setTabOrder(m_framing, m_table);
    setTabOrder(m_table, m_add);
    updateButtons();
}

ResponderConfig ResponderPanel::config() const {
    ResponderConfig c;
    c.framing = m_framing->spec();
    c.rules = m_model->rules();
    c.halfCloseWithPeer = m_halfClose->isChecked();
    return c;
}

void ResponderPanel::setConfig(const ResponderConfig& config) {
    m_updating = true;
    m_framing->setSpec(config.framing);
    m_model->setRules(config.rules);
    m_halfClose->setChecked(config.halfCloseWithPeer);
    m_updating = false;
    m_lastValid = problem().isEmpty() ? this->config() : ResponderConfig{};
    updateButtons();
}

QString ResponderPanel::problem() const {
    return m_framing->problem();
}

ResponderConfig ResponderPanel::lastValidConfig() const {
    return problem().isEmpty() ? config() : m_lastValid;
}

void ResponderPanel::setHits(const std::vector<std::uint64_t>& hits) {
    m_model->setHits(hits);
}

int ResponderPanel::selectedRow() const {
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.front().row();
}

void ResponderPanel::updateButtons() {
    const int row = selectedRow();
    m_edit->setEnabled(row >= 0);
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_model->rowCount());
}

void ResponderPanel::notify() {
    if (!m_updating && problem().isEmpty()) {
        m_lastValid = config();
        emit configChanged();
    }
}

void ResponderPanel::addRule() {
    ResponderRuleDialog dialog(ResponderRule{}, this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const int at = selectedRow() >= 0 ? selectedRow() + 1 : m_model->rowCount();
    m_model->insertRule(at, dialog.rule());
    m_table->selectRow(at);
}

void ResponderPanel::editSelected() {
    const int row = selectedRow();
    if (row < 0) {
        return;
    }
    ResponderRuleDialog dialog(m_model->ruleAt(row), this);
    if (dialog.exec() == QDialog::Accepted) {
        m_model->setRule(row, dialog.rule());
    }
}

void ResponderPanel::addEcho() {
    const ResponderConfig echo = ResponderConfig::echo();
    m_updating = true;
    m_halfClose->setChecked(true);
    m_updating = false;
    m_model->insertRule(m_model->rowCount(), echo.rules.front());
    m_table->selectRow(m_model->rowCount() - 1);
}

void ResponderPanel::retranslate() {
    m_table->setAccessibleName(tr("Responder rules"));
    m_add->setAccessibleName(tr("Add rule"));
    m_edit->setAccessibleName(tr("Edit rule"));
    m_remove->setAccessibleName(tr("Remove rule"));
    m_up->setAccessibleName(tr("Move rule up"));
    m_up->setToolTip(tr("Rules are tried in order; the first enabled match answers"));
    m_down->setAccessibleName(tr("Move rule down"));
    m_echo->setAccessibleName(tr("Add echo rule"));
    m_echo->setToolTip(tr("Answer every message with itself (what the echo option did), and "
                          "half-close when the peer does"));
    m_halfClose->setAccessibleName(tr("Half-close with the peer"));
    m_add->setText(tr("Add rule…"));
    m_edit->setText(tr("Edit…"));
    m_remove->setText(tr("Remove"));
    m_up->setText(tr("Up"));
    m_down->setText(tr("Down"));
    m_echo->setText(tr("Echo"));
    m_halfClose->setText(tr("Half-close when the peer does (after the replies)"));
}

void ResponderPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        retranslateModel(m_model);
    }
}

} // namespace socklab::ui
