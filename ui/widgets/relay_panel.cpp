#include "ui/widgets/relay_panel.h"

#include "core/impair/impairment_text.h"
#include "ui/widgets/impairment_editor.h"
#include "ui/widgets/relay_direction_box.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace socklab::ui {

RelayPanel::RelayPanel(QWidget* parent)
    : QWidget(parent), m_toServer(new RelayDirectionBox(RelayDirection::ToServer, this)),
      m_toClient(new RelayDirectionBox(RelayDirection::ToClient, this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* seedRow = new QHBoxLayout;
    m_seed = new QLineEdit(this);
    m_seed->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,20}")), m_seed));
    m_seedLabel = new QLabel(this);
    m_seedLabel->setBuddy(m_seed);
    seedRow->addWidget(m_seedLabel);
    seedRow->addWidget(m_seed, 1);
    layout->addLayout(seedRow);
    m_totals = new QLabel(this);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_totals->setWordWrap(true);
    layout->addWidget(m_totals);
    layout->addWidget(m_toServer);
    layout->addWidget(m_toClient);
    for (RelayDirectionBox* b : {m_toServer, m_toClient}) {
        connect(b, &RelayDirectionBox::applyRequested, this, &RelayPanel::applyRequested);
        connect(b, &RelayDirectionBox::holdRequested, this, &RelayPanel::holdRequested);
    }
    retranslate();
    setTabOrder(m_seed, m_toServer);
    setTabOrder(m_toServer, m_toClient);
    setConfig({});
}

RelayDirectionBox* RelayPanel::box(RelayDirection direction) const {
    return direction == RelayDirection::ToServer ? m_toServer : m_toClient;
}

void RelayPanel::setDatagram(bool datagram) {
    m_datagram = datagram;
    m_toServer->setDatagram(datagram);
    m_toClient->setDatagram(datagram);
}

void RelayPanel::setLive(bool live) {
    m_toServer->setLive(live);
    m_toClient->setLive(live);
    m_seed->setReadOnly(live);
}

void RelayPanel::setConfig(const RelayConfig& config) {
    m_config = config;
    m_seed->setText(QString::number(config.seed));
    m_toServer->setSettings(config.holdToServer, config.toServer);
    m_toClient->setSettings(config.holdToClient, config.toClient);
    // Before the relay runs these are settings, not effects.
    m_toServer->forgetEffect();
    m_toClient->forgetEffect();
}

RelayConfig RelayPanel::config() const {
    RelayConfig c = m_config;
    bool ok = false;
    const qulonglong seed = m_seed->text().toULongLong(&ok);
    if (ok) {
        c.seed = seed;
    }
    c.toServer = m_toServer->editor()->impairment().value_or(m_config.toServer);
    c.toClient = m_toClient->editor()->impairment().value_or(m_config.toClient);
    c.holdToServer = m_toServer->holdBox()->isChecked();
    c.holdToClient = m_toClient->holdBox()->isChecked();
    return c;
}

QString RelayPanel::problem() const {
    bool ok = false;
    m_seed->text().toULongLong(&ok);
    if (!ok) {
        return tr("Seed: a number 0..18446744073709551615");
    }
    for (RelayDirectionBox* b : {m_toServer, m_toClient}) {
        const QString prefix = b->title() + QStringLiteral(": ");
        if (const QString p = b->editor()->problem(); !p.isEmpty()) {
            return prefix + p;
        }
        if (auto m = b->editor()->impairment()) {
            if (auto valid = validate(*m); !valid) {
                return prefix + QString::fromStdString(valid.error().message());
            }
        }
    }
    return {};
}

void RelayPanel::setFigures(const RelayFigures& f) {
    m_toServer->setFigures({f.toServer, f.heldToServer, f.injectedToServer, f.heldDroppedToServer,
                            f.unsentToServer, f.backpressureToServer});
    m_toClient->setFigures({f.toClient, f.heldToClient, f.injectedToClient, f.heldDroppedToClient,
                            f.unsentToClient, f.backpressureToClient});
    m_figures = f;
    showTotals();
}

void RelayPanel::showTotals() {
    if (!m_figures) {
        return;
    }
    const RelayFigures& f = *m_figures;
    m_totals->setText(m_datagram ? tr("Mappings: %1 open, %2 in all · upstream failures: %3 · "
                                      "expired: %4")
                                       .arg(f.pairs)
                                       .arg(f.pairsTotal)
                                       .arg(f.upstreamFailures)
                                       .arg(f.expired)
                                 : tr("Pairs: %1 open, %2 in all · upstream failures: %3")
                                       .arg(f.pairs)
                                       .arg(f.pairsTotal)
                                       .arg(f.upstreamFailures));
    m_totals->setAccessibleDescription(m_totals->text());
}

void RelayPanel::setSettings(RelayDirection direction, bool holding, const Impairment& impairment) {
    box(direction)->setSettings(holding, impairment);
}

void RelayPanel::retranslate() {
    m_seed->setAccessibleName(tr("Seed"));
    m_seed->setToolTip(tr("The same seed, settings and traffic give the same fates (which "
                          "datagram is lost, duplicated, delayed)"));
    m_totals->setAccessibleName(tr("Relay totals"));
    m_seedLabel->setText(tr("S&eed"));
}

void RelayPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        showTotals();
    }
}

} // namespace socklab::ui
