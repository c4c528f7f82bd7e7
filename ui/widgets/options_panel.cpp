#include "ui/widgets/options_panel.h"

#include "ui/i18n/core_text.h"
#include "ui/startup_gate.h"

#include <QCheckBox>
#include <QEvent>
#include <QFont>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <algorithm>

namespace socklab::ui {

namespace {

/// A one-line label that elides its text to the width it gets instead of wrapping or widening
/// its column; text() (and so the accessible value) stays whole.
class ElidedLabel : public QLabel {
public:
    using QLabel::QLabel;
    [[nodiscard]] QSize minimumSizeHint() const override {
        QSize size = QLabel::minimumSizeHint();
        size.setWidth(
            std::min(size.width(),
                     fontMetrics().horizontalAdvance(QStringLiteral("00000…")) + 2 * margin()));
        return size;
    }

protected:
    void paintEvent(QPaintEvent* event) override {
        const QRect rect = contentsRect().adjusted(margin(), margin(), -margin(), -margin());
        if (fontMetrics().horizontalAdvance(text()) <= rect.width()) {
            QLabel::paintEvent(event);
            return;
        }
        QPainter painter(this);
        painter.setPen(
            palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, foregroundRole()));
        painter.drawText(rect, static_cast<int>(alignment()) | Qt::TextSingleLine,
                         fontMetrics().elidedText(text(), Qt::ElideRight, rect.width()));
    }
};

QString qs(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

struct Range {
    int min;
    int max;
    int initial;
};

Range rangeFor(OptionId id) {
    switch (id) {
    case OptionId::RcvBuf:
    case OptionId::SndBuf:
        return {1, 1 << 30, 65536};
    case OptionId::Linger:
        return {-1, 3600, 0};
    case OptionId::IpTtl:
        return {1, 255, 64};
    case OptionId::MulticastTtl:
        return {0, 255, 1};
    case OptionId::MulticastIf:
        return {0, 1 << 20, 0};
    case OptionId::TcpSynCount:
        return {1, 127, 2};
    case OptionId::TcpUserTimeout:
        return {0, 24 * 3600 * 1000, 10000};
    case OptionId::TcpKeepIdle:
    case OptionId::TcpKeepIntvl:
        return {1, 32767, 10};
    case OptionId::TcpKeepCnt:
        return {1, 127, 3};
    default:
        return {0, 1, 1};
    }
}

QString valueText(OptionId id, bool boolean, int value) {
    if (boolean) {
        return value != 0 ? OptionsPanel::tr("on") : OptionsPanel::tr("off");
    }
    if (id == OptionId::Linger) {
        return value < 0 ? OptionsPanel::tr("off") : OptionsPanel::tr("%1 s").arg(value);
    }
    return QString::number(value);
}

// Why the kernel's value is not the one asked for, as far as socket(7) explains it.
QString differenceTip(OptionId id, int requested, int effective) {
    if (id != OptionId::RcvBuf && id != OptionId::SndBuf) {
        return OptionsPanel::tr("The kernel reports a different value than the one requested.");
    }
    const QString limit = id == OptionId::RcvBuf ? QStringLiteral("net.core.rmem_max")
                                                 : QStringLiteral("net.core.wmem_max");
    const long long twice = 2LL * requested;
    if (effective == twice) {
        return OptionsPanel::tr("The kernel doubled the value (room for its bookkeeping): see "
                                "socket(7).");
    }
    if (effective < twice) {
        return OptionsPanel::tr("The kernel capped the value at %1, then doubled it: see "
                                "socket(7).")
            .arg(limit);
    }
    return OptionsPanel::tr("The kernel raised the value to its minimum buffer size: see "
                            "socket(7).");
}

bool sameSettings(const std::vector<OptionSetting>& a, const std::vector<OptionSetting>& b) {
    return std::ranges::equal(a, b, [](const OptionSetting& x, const OptionSetting& y) {
        return x.id == y.id && x.value == y.value;
    });
}

} // namespace

OptionsPanel::OptionsPanel(QWidget* parent) : QWidget(parent) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(2);
    StartupGate::later(this, [this] { ensureRows(); });
}

void OptionsPanel::ensureRows() {
    if (m_built) {
        return;
    }
    m_built = true;
    buildRows();
    // What was given before the rows existed, without signals (nothing changed for the
    // listeners: settings() answered the same before).
    const QSignalBlocker blocker(this);
    for (Row& row : m_rows) {
        if (const auto it = m_pendingValues.find(row.id); it != m_pendingValues.end()) {
            if (row.boolean) {
                row.boolValue->setChecked(it->second != 0);
            } else {
                row.intValue->setValue(it->second);
            }
        }
        row.enabled->setChecked(m_pendingTicked.contains(row.id));
        row.applies = optionApplies(row.id, m_spec);
        updateRow(row);
        row.apply->setVisible(m_live);
    }
    m_pendingTicked.clear();
    m_pendingValues.clear();
    placeRowsInTabOrder();
    if (isVisible()) {
        // Shown now rather than by the layout's queued show: on screen (and in the
        // accessibility tree) with the panel from here on.
        for (QWidget* w : findChildren<QWidget*>(Qt::FindDirectChildrenOnly)) {
            if (!w->testAttribute(Qt::WA_WState_ExplicitShowHide)) {
                w->show();
            }
        }
    }
}

void OptionsPanel::placeRowsInTabOrder() {
    // Widgets made after their window existed are appended to the end of its focus chain:
    // put the rows right after the widget that comes before this panel (the form's field
    // above), as they were when made with the panel.
    QWidget* before = previousInFocusChain();
    while (before != nullptr && before != this && (before->focusPolicy() & Qt::TabFocus) == 0) {
        before = before->previousInFocusChain();
    }
    if (before == nullptr || before == this || isAncestorOf(before)) {
        return; // nothing before the panel: the rows already follow it
    }
    QWidget* last = before;
    for (const Row& row : m_rows) {
        QWidget* value = row.boolean ? static_cast<QWidget*>(row.boolValue)
                                     : static_cast<QWidget*>(row.intValue);
        for (QWidget* w :
             {static_cast<QWidget*>(row.enabled), value, static_cast<QWidget*>(row.apply)}) {
            QWidget::setTabOrder(last, w);
            last = w;
        }
    }
}

void OptionsPanel::buildRows() {
    auto* grid = static_cast<QGridLayout*>(layout());
    // Texts: retranslate().
    for (int c = 0; c < 3; ++c) {
        m_headers.append(new QLabel(this));
        grid->addWidget(m_headers.back(), 0, c);
    }
    int r = 1;
    for (const OptionInfo& info : optionCatalog()) {
        Row row;
        row.id = info.id;
        row.info = &info;
        row.boolean = info.boolean;
        const QString name = qs(info.name);
        row.enabled = new QCheckBox(name, this);
        row.enabled->setAccessibleName(name);
        grid->addWidget(row.enabled, r, 0);
        QWidget* value = nullptr;
        if (info.boolean) {
            row.boolValue = new QCheckBox(this);
            row.boolValue->setChecked(true);
            value = row.boolValue;
            connect(row.boolValue, &QCheckBox::toggled, this, &OptionsPanel::settingsChanged);
        } else {
            const Range range = rangeFor(info.id);
            row.intValue = new QSpinBox(this);
            row.intValue->setRange(range.min, range.max);
            row.intValue->setValue(range.initial);
            value = row.intValue;
            connect(row.intValue, &QSpinBox::valueChanged, this, &OptionsPanel::settingsChanged);
        }
        value->setEnabled(false);
        grid->addWidget(value, r, 1);
        row.effective = new ElidedLabel(QStringLiteral("—"), this);
        row.effective->setTextInteractionFlags(Qt::TextSelectableByMouse);
        // "8388608 (asked 4194304)" stays on one line: elided when the pane is narrow (the
        // whole text in the tooltip and for screen readers), never wrapped to three lines.
        grid->addWidget(row.effective, r, 2);
        row.apply = new QPushButton(this);
        row.apply->setVisible(false);
        row.apply->setEnabled(false);
        grid->addWidget(row.apply, r, 3);

        const OptionId id = info.id;
        connect(row.enabled, &QCheckBox::toggled, this, [this, id] {
            if (Row* row = rowFor(id)) {
                updateRow(*row);
            }
            emit settingsChanged();
        });
        connect(row.apply, &QPushButton::clicked, this, [this, id] {
            if (const Row* row = rowFor(id)) {
                emit applyRequested(OptionSetting{id, valueOf(*row)});
            }
        });
        m_rows.push_back(row);
        ++r;
    }
    grid->setRowStretch(r, 1);
    grid->setColumnStretch(2, 1);
    retranslate();
}

void OptionsPanel::retranslate() {
    if (!m_built) {
        return; // buildRows() sets them
    }
    const QString headers[] = {tr("Option"), tr("Requested"), tr("Effective")};
    for (qsizetype c = 0; c < m_headers.size(); ++c) {
        m_headers[c]->setText(QStringLiteral("<b>%1</b>").arg(headers[c]));
    }
    for (Row& row : m_rows) {
        const QString name = qs(row.info->name);
        row.tip = coreText(row.info->explanation);
        if (row.info->beforeBind) {
            row.tip += tr(" Takes effect only when set before bind/connect.");
        }
        if (row.boolValue) {
            row.boolValue->setText(tr("on"));
            row.boolValue->setAccessibleName(tr("%1 requested").arg(name));
        } else {
            if (row.id == OptionId::Linger) {
                row.intValue->setSpecialValueText(tr("off"));
                row.intValue->setSuffix(tr(" s"));
            }
            row.intValue->setAccessibleName(tr("%1 requested").arg(name));
        }
        row.effective->setAccessibleName(tr("%1 effective").arg(name));
        row.apply->setText(tr("Apply"));
        row.apply->setAccessibleName(tr("Apply %1").arg(name));
        updateRow(row);
        if (row.applies && row.readback) {
            setEffective(*row.readback);
        }
    }
}

void OptionsPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
}

int OptionsPanel::valueOf(const Row& row) const {
    return row.boolean ? (row.boolValue->isChecked() ? 1 : 0) : row.intValue->value();
}

OptionsPanel::Row* OptionsPanel::rowFor(OptionId id) {
    for (auto& row : m_rows) {
        if (row.id == id) {
            return &row;
        }
    }
    return nullptr;
}

const OptionsPanel::Row* OptionsPanel::rowFor(OptionId id) const {
    return const_cast<OptionsPanel*>(this)->rowFor(id);
}

void OptionsPanel::updateRow(Row& row) {
    const bool on = row.applies && row.enabled->isChecked();
    QWidget* value = row.boolean ? static_cast<QWidget*>(row.boolValue) : row.intValue;
    row.enabled->setEnabled(row.applies);
    value->setEnabled(on);
    row.apply->setEnabled(on);
    row.effective->setEnabled(row.applies);
    QString tip = row.tip;
    if (!row.applies) {
        tip = tr("Does not apply to %1: %2")
                  .arg(QString::fromStdString(describe(m_spec)),
                       coreText(whyOptionDoesNotApply(row.id, m_spec)));
    }
    for (QWidget* w : {static_cast<QWidget*>(row.enabled), value}) {
        w->setToolTip(tip);
    }
    row.enabled->setAccessibleDescription(tip);
    if (!row.applies) {
        row.readback.reset();
        setEffectiveText(row, QStringLiteral("—"), tip, false);
    }
}

void OptionsPanel::setSpec(const SocketSpec& spec) {
    if (spec != m_spec && m_built) {
        clearEffective();
    }
    m_spec = spec;
    for (auto& row : m_rows) {
        row.applies = optionApplies(row.id, spec);
        updateRow(row);
    }
}

std::vector<OptionSetting> OptionsPanel::settings() const {
    std::vector<OptionSetting> out;
    if (!m_built) {
        // As the rows would answer: ticked rows that apply, in catalog order, with a spin
        // box's value held to its range and a check box's to 0/1.
        for (const OptionInfo& info : optionCatalog()) {
            const auto value = m_pendingValues.find(info.id);
            if (!m_pendingTicked.contains(info.id) || value == m_pendingValues.end() ||
                !optionApplies(info.id, m_spec)) {
                continue;
            }
            const Range range = rangeFor(info.id);
            out.push_back(OptionSetting{
                info.id, info.boolean ? (value->second != 0 ? 1 : 0)
                                      : std::clamp(value->second, range.min, range.max)});
        }
        return out;
    }
    for (const auto& row : m_rows) {
        if (row.applies && row.enabled->isChecked()) {
            out.push_back(OptionSetting{row.id, valueOf(row)});
        }
    }
    return out;
}

void OptionsPanel::setSettings(const std::vector<OptionSetting>& settings) {
    if (!m_built) {
        const std::vector<OptionSetting> before = this->settings();
        m_pendingTicked.clear();
        for (const auto& s : settings) {
            if (std::ranges::any_of(optionCatalog(),
                                    [&s](const OptionInfo& info) { return info.id == s.id; })) {
                m_pendingTicked.insert(s.id);
                m_pendingValues[s.id] = s.value;
            }
        }
        if (!sameSettings(this->settings(), before)) {
            emit settingsChanged(); // as the rows' check boxes would
        }
        return;
    }
    for (auto& row : m_rows) {
        row.enabled->setChecked(false);
    }
    for (const auto& s : settings) {
        Row* row = rowFor(s.id);
        if (!row) {
            continue;
        }
        row->enabled->setChecked(true);
        if (row->boolean) {
            row->boolValue->setChecked(s.value != 0);
        } else {
            row->intValue->setValue(s.value);
        }
    }
}

void OptionsPanel::setEffectiveText(Row& row, const QString& text, const QString& tip,
                                    bool marked) {
    row.effective->setText(text);
    row.effective->setToolTip(tip);
    row.effective->setAccessibleDescription(tip);
    QFont font = row.effective->font();
    font.setBold(marked);
    row.effective->setFont(font);
}

void OptionsPanel::setEffective(const OptionReadback& readback) {
    ensureRows();
    Row* row = rowFor(readback.id);
    if (!row) {
        return;
    }
    row->readback = readback;
    if (readback.error) {
        const QString message = qs(readback.error->message());
        setEffectiveText(*row, message, message, false);
        return;
    }
    QString text = valueText(row->id, row->boolean, readback.effective);
    if (!readback.wasSet) {
        setEffectiveText(*row, text, tr("The kernel's value; SockLab did not set this option."),
                         false);
        return;
    }
    const bool differs = row->boolean ? (readback.effective != 0) != (readback.requested != 0)
                                      : readback.effective != readback.requested;
    if (!differs) {
        setEffectiveText(*row, text, tr("Set as requested; the kernel reports the same value."),
                         false);
        return;
    }
    text += tr(" (asked %1)").arg(valueText(row->id, row->boolean, readback.requested));
    setEffectiveText(*row, text, differenceTip(row->id, readback.requested, readback.effective),
                     true);
}

void OptionsPanel::clearEffective() {
    for (auto& row : m_rows) {
        row.readback.reset();
        setEffectiveText(row, QStringLiteral("—"), QString(), false);
    }
}

void OptionsPanel::setLive(bool live) {
    m_live = live;
    for (auto& row : m_rows) {
        row.apply->setVisible(live);
    }
}

QString OptionsPanel::effectiveText(OptionId id) const {
    const Row* row = rowFor(id);
    if (!row || row->effective->text() == QStringLiteral("—")) {
        return {};
    }
    return row->effective->text();
}

} // namespace socklab::ui
