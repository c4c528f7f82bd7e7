#include "ui/lab/lab_settings_panel.h"

#include "ui/i18n/core_text.h"
#include "ui/widgets/impairment_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace socklab::ui {

namespace {

QSpinBox* spin(int min, int max) {
    auto* box = new QSpinBox;
    box->setRange(min, max);
    return box;
}

} // namespace

LabSettingsPanel::LabSettingsPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    // Texts: retranslate().
    auto* guided = m_guided = new QGroupBox(this);
    auto* gv = new QVBoxLayout(guided);
    m_experiment = new QComboBox(guided);
    m_experiment->addItem(QString(), QString());
    for (const LabExperiment& e : labExperiments()) {
        m_experiment->addItem(QString(), QString::fromUtf8(e.id.data(), qsizetype(e.id.size())));
    }
    m_explanation = new QLabel(guided);
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* chooser = new QFormLayout;
    const auto rowLabel = [this](QWidget* buddy) {
        auto* label = new QLabel(this);
        label->setBuddy(buddy);
        return label;
    };
    m_experimentLabel = rowLabel(m_experiment);
    chooser->addRow(m_experimentLabel, m_experiment);
    gv->addLayout(chooser);
    gv->addWidget(m_explanation);
    layout->addWidget(guided);
    connect(m_experiment, &QComboBox::currentIndexChanged, this,
            &LabSettingsPanel::experimentChanged);

    m_scheduleFields = new QWidget(this);
    auto* fieldsLayout = new QVBoxLayout(m_scheduleFields);
    fieldsLayout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scheduleFields);
    auto* outer = layout;
    layout = fieldsLayout;

    auto* schedule = m_schedule = new QGroupBox(this);
    auto* sf = new QFormLayout(schedule);
    m_count = spin(1, 100'000);
    m_size = spin(8, 65'000);
    m_interval = spin(0, 60'000);
    m_countLabel = rowLabel(m_count);
    m_sizeLabel = rowLabel(m_size);
    m_intervalLabel = rowLabel(m_interval);
    sf->addRow(m_countLabel, m_count);
    sf->addRow(m_sizeLabel, m_size);
    sf->addRow(m_intervalLabel, m_interval);
    layout->addWidget(schedule);

    auto* link = m_link = new QGroupBox(this);
    auto* lv = new QVBoxLayout(link);
    auto* directions = m_directions = new QTabWidget(link);
    m_aToB = new ImpairmentEditor(directions);
    m_bToA = new ImpairmentEditor(directions);
    m_aToB->setDatagram(true); // the wire carries packets: every datagram impairment applies
    m_bToA->setDatagram(true);
    directions->addTab(m_aToB, QString());
    directions->addTab(m_bToA, QString());
    lv->addWidget(directions);
    auto* lf = new QFormLayout;
    m_mtu = spin(576, 65'535);
    m_seed = spin(0, 2'000'000'000);
    m_mtuLabel = rowLabel(m_mtu);
    m_seedLabel = rowLabel(m_seed);
    lf->addRow(m_mtuLabel, m_mtu);
    lf->addRow(m_seedLabel, m_seed);
    lv->addLayout(lf);
    layout->addWidget(link);

    auto* sockets = m_sockets = new QGroupBox(this);
    auto* kv = new QVBoxLayout(sockets);
    m_ipv6 = new QCheckBox(sockets);
    m_noDelay = new QCheckBox(sockets);
    m_fallback = new QCheckBox(sockets);
    kv->addWidget(m_ipv6);
    kv->addWidget(m_noDelay);
    kv->addWidget(m_fallback);
    layout->addWidget(sockets);
    outer->addStretch(1);

    for (QSpinBox* box : {m_count, m_size, m_interval, m_mtu, m_seed}) {
        connect(box, &QSpinBox::valueChanged, this, &LabSettingsPanel::edited);
    }
    for (QCheckBox* box : {m_ipv6, m_noDelay, m_fallback}) {
        connect(box, &QCheckBox::toggled, this, &LabSettingsPanel::edited);
    }
    connect(m_aToB, &ImpairmentEditor::edited, this, &LabSettingsPanel::edited);
    connect(m_bToA, &ImpairmentEditor::edited, this, &LabSettingsPanel::edited);
    retranslate();
    setSettings(LabRunSettings{});
    experimentChanged();
}

void LabSettingsPanel::setSettings(const LabRunSettings& s) {
    m_base = s;
    const QSignalBlocker blocks[] = {QSignalBlocker(m_count), QSignalBlocker(m_size),
                                     QSignalBlocker(m_interval), QSignalBlocker(m_mtu),
                                     QSignalBlocker(m_seed)};
    m_count->setValue(s.schedule.count);
    m_size->setValue(int(s.schedule.size));
    m_interval->setValue(s.schedule.interval_ms);
    m_mtu->setValue(s.network.mtu);
    m_seed->setValue(int(std::min<std::uint64_t>(s.network.seed, 2'000'000'000)));
    m_aToB->setImpairment(s.network.aToB);
    m_bToA->setImpairment(s.network.bToA);
    m_ipv6->setChecked(s.ipv6);
    m_noDelay->setChecked(s.tcpNoDelay);
    m_fallback->setChecked(s.fallback);
    emit edited();
}

std::optional<LabRunSettings> LabSettingsPanel::settings() const {
    auto a = m_aToB->impairment();
    auto b = m_bToA->impairment();
    if (!a || !b) {
        return std::nullopt;
    }
    LabRunSettings s = m_base;
    s.schedule.count = m_count->value();
    s.schedule.size = std::size_t(m_size->value());
    s.schedule.interval_ms = m_interval->value();
    s.network.mtu = m_mtu->value();
    s.network.seed = std::uint64_t(m_seed->value());
    s.network.aToB = *a;
    s.network.bToA = *b;
    s.ipv6 = m_ipv6->isChecked();
    s.tcpNoDelay = m_noDelay->isChecked();
    s.fallback = m_fallback->isChecked();
    return s;
}

QString LabSettingsPanel::problem() const {
    if (QString p = m_aToB->problem(); !p.isEmpty()) {
        return tr("A → B: %1").arg(p);
    }
    if (QString p = m_bToA->problem(); !p.isEmpty()) {
        return tr("B → A: %1").arg(p);
    }
    return {};
}

void LabSettingsPanel::setRunning(bool running) {
    m_running = running;
    m_experiment->setEnabled(!running);
    const auto* e = experiment();
    m_scheduleFields->setEnabled(!running &&
                                 (e == nullptr || e->kind == LabExperimentKind::Schedule));
}

const LabExperiment* LabSettingsPanel::experiment() const {
    const QString id = m_experiment->currentData().toString();
    return id.isEmpty() ? nullptr : findLabExperiment(id.toStdString());
}

bool LabSettingsPanel::chooseExperiment(std::string_view id) {
    const int index = m_experiment->findData(QString::fromUtf8(id.data(), qsizetype(id.size())));
    if (index < 0) {
        return false;
    }
    m_experiment->setCurrentIndex(index);
    return true;
}

void LabSettingsPanel::experimentChanged() {
    const LabExperiment* e = experiment();
    if (e != nullptr && e->kind == LabExperimentKind::Schedule && e->settings) {
        setSettings(e->settings());
    }
    showExplanation();
    setRunning(m_running);
    emit edited();
}

void LabSettingsPanel::showExplanation() {
    const LabExperiment* e = experiment();
    m_explanation->setText(e == nullptr ? tr("Set the messages and the wire yourself, or pick an "
                                             "experiment above: each sets them up and says what "
                                             "to look for.")
                                        : coreText(e->explanation));
    m_explanation->setAccessibleDescription(m_explanation->text());
}

void LabSettingsPanel::retranslate() {
    m_guided->setTitle(tr("Guided experiment"));
    m_experiment->setAccessibleName(tr("Experiment"));
    m_experiment->setItemText(0, tr("Your own settings (below)"));
    const auto experiments = labExperiments();
    for (int i = 1; i < m_experiment->count() && std::size_t(i - 1) < experiments.size(); ++i) {
        m_experiment->setItemText(i, coreText(experiments[std::size_t(i - 1)].title));
    }
    m_explanation->setAccessibleName(tr("What to look for"));
    m_experimentLabel->setText(tr("E&xperiment"));
    m_schedule->setTitle(tr("Messages (the same over TCP and UDP)"));
    m_count->setAccessibleName(tr("Message count"));
    m_count->setToolTip(tr("How many numbered messages each protocol sends"));
    m_size->setSuffix(tr(" bytes"));
    m_size->setAccessibleName(tr("Message size"));
    m_interval->setSuffix(tr(" ms"));
    m_interval->setAccessibleName(tr("Interval between messages"));
    m_interval->setToolTip(tr("0 sends them all at once"));
    m_countLabel->setText(tr("&Count:"));
    m_sizeLabel->setText(tr("Si&ze:"));
    m_intervalLabel->setText(tr("&Interval:"));
    m_link->setTitle(tr("The wire between host A and host B"));
    m_directions->setAccessibleName(tr("Wire direction"));
    m_aToB->setAccessibleName(tr("A to B impairment"));
    m_bToA->setAccessibleName(tr("B to A impairment"));
    m_directions->setTabText(0, tr("A → B (data)"));
    m_directions->setTabText(1, tr("B → A (acknowledgements)"));
    m_mtu->setAccessibleName(tr("MTU"));
    m_seed->setAccessibleName(tr("Random seed"));
    m_seed->setToolTip(tr("The same seed and traffic give the same fates"));
    m_mtuLabel->setText(tr("MT&U:"));
    m_seedLabel->setText(tr("S&eed:"));
    m_sockets->setTitle(tr("Sockets"));
    m_ipv6->setText(tr("IPv&6 (2001:db8::1 → 2001:db8::2)"));
    m_noDelay->setText(tr("TCP_NO&DELAY on the TCP sender (Nagle off)"));
    m_fallback->setText(tr("Relays on &loopback instead of the lab network"));
    m_fallback->setToolTip(tr("TCP then sees no real loss: loopback never drops a segment"));
}

void LabSettingsPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        showExplanation();
    }
}

} // namespace socklab::ui
