#include "ui/widgets/impairment_editor.h"

#include "core/impair/impairment_text.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>

namespace socklab::ui {

namespace {

constexpr int kMaxMs = 3'600'000;

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

void showMessage(QLabel* label, const QString& text) {
    label->setText(text);
    label->setVisible(!text.isEmpty());
    label->setAccessibleDescription(text);
}

QString countText(std::uint64_t bytes) {
    return bytes == 0 ? QString() : QString::number(bytes);
}

} // namespace

ImpairmentEditor::ImpairmentEditor(QWidget* parent) : QWidget(parent) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(6);
    grid->setVerticalSpacing(2);

    m_delay = msBox(QT_TR_NOOP("Delay"));
    m_jitter = msBox(QT_TR_NOOP("Jitter"));
    m_rate = new QLineEdit(this);
    m_rateMessage = new QLabel(this);
    m_loss = percentBox(QT_TR_NOOP("Loss"));
    m_burst = new QCheckBox(this);
    m_burstEnter = percentBox(QT_TR_NOOP("Burst enter"));
    m_burstEnter->setValue(1);
    m_burstLeave = percentBox(QT_TR_NOOP("Burst leave"));
    m_burstLeave->setValue(25);
    m_duplicate = percentBox(QT_TR_NOOP("Duplicate"));
    m_reorder = percentBox(QT_TR_NOOP("Reorder"));
    m_reorderDepth = new QSpinBox(this);
    m_reorderDepth->setRange(1, 1000);
    m_reorderDepth->setValue(3);
    m_corrupt = percentBox(QT_TR_NOOP("Corrupt"));
    m_truncate = new QSpinBox(this);
    m_truncate->setRange(0, 65536);
    m_segment = new QLineEdit(this);
    m_segmentMessage = new QLabel(this);
    m_coalesce = msBox(QT_TR_NOOP("Coalesce"));
    m_stall = new QCheckBox(this);
    m_resetAfter = new QLineEdit(this);
    m_resetMessage = new QLabel(this);
    m_slowClose = msBox(QT_TR_NOOP("Slow close"));

    for (QLabel* l : {m_rateMessage, m_segmentMessage, m_resetMessage}) {
        QPalette pal = l->palette();
        pal.setColor(QPalette::WindowText, QColor(0xd0, 0x30, 0x30));
        l->setPalette(pal);
        l->setWordWrap(true);
        l->hide();
    }

    // Two field pairs per row; the row of a field's message follows it.
    int row = 0;
    addField(row, 0, QT_TR_NOOP("De&lay"), m_delay);
    addField(row++, 2, QT_TR_NOOP("&Jitter"), m_jitter);
    addField(row, 0, QT_TR_NOOP("R&ate"), m_rate);
    grid->addWidget(m_rateMessage, row + 1, 0, 1, 4);
    row += 2;
    const int datagramFirst = grid->count();
    addField(row, 0, QT_TR_NOOP("L&oss"), m_loss);
    addField(row++, 2, QT_TR_NOOP("D&uplicate"), m_duplicate);
    grid->addWidget(m_burst, row, 0, 1, 2);
    addField(row++, 2, QT_TR_NOOP("E&nter"), m_burstEnter);
    addField(row++, 2, QT_TR_NOOP("Lea&ve"), m_burstLeave);
    addField(row, 0, QT_TR_NOOP("Reo&rder"), m_reorder);
    addField(row++, 2, QT_TR_NOOP("Dept&h"), m_reorderDepth);
    addField(row, 0, QT_TR_NOOP("Corru&pt"), m_corrupt);
    addField(row++, 2, QT_TR_NOOP("Tr&uncate"), m_truncate);
    for (int i = datagramFirst; i < grid->count(); ++i) {
        m_datagramOnly << grid->itemAt(i)->widget();
    }
    const int streamFirst = grid->count();
    addField(row, 0, QT_TR_NOOP("Se&gment"), m_segment);
    addField(row++, 2, QT_TR_NOOP("Coalesc&e"), m_coalesce);
    grid->addWidget(m_segmentMessage, row++, 0, 1, 4);
    grid->addWidget(m_stall, row, 0, 1, 2);
    addField(row++, 2, QT_TR_NOOP("Slo&w close"), m_slowClose);
    addField(row++, 0, QT_TR_NOOP("Reset a&fter"), m_resetAfter);
    grid->addWidget(m_resetMessage, row++, 0, 1, 4);
    for (int i = streamFirst; i < grid->count(); ++i) {
        m_streamOnly << grid->itemAt(i)->widget();
    }
    m_streamOnly.removeAll(m_segmentMessage); // messages show only with an error
    m_streamOnly.removeAll(m_resetMessage);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);

    for (QSpinBox* box : {m_delay, m_jitter, m_reorderDepth, m_truncate, m_coalesce, m_slowClose}) {
        connect(box, &QSpinBox::valueChanged, this, &ImpairmentEditor::edited);
    }
    for (QDoubleSpinBox* box :
         {m_loss, m_burstEnter, m_burstLeave, m_duplicate, m_reorder, m_corrupt}) {
        connect(box, &QDoubleSpinBox::valueChanged, this, &ImpairmentEditor::edited);
    }
    for (QLineEdit* edit : {m_rate, m_segment, m_resetAfter}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            revalidate();
            emit edited();
        });
    }
    connect(m_burst, &QCheckBox::toggled, this, [this](bool on) {
        m_burstEnter->setEnabled(on);
        m_burstLeave->setEnabled(on);
        emit edited();
    });
    connect(m_stall, &QCheckBox::toggled, this, &ImpairmentEditor::edited);
    m_burstEnter->setEnabled(false);
    m_burstLeave->setEnabled(false);
    retranslate();
    setDatagram(false);
}

void ImpairmentEditor::retranslate() {
    m_rate->setAccessibleName(tr("Rate"));
    // The line under each typed field that says what is wrong with it, found by these names.
    m_rateMessage->setAccessibleName(tr("Rate problem"));
    m_segmentMessage->setAccessibleName(tr("Segment problem"));
    m_resetMessage->setAccessibleName(tr("Reset after problem"));
    m_rate->setPlaceholderText(tr("unlimited"));
    m_rate->setToolTip(tr("A link of this rate: 1MB/s, 512KB/s, 10Mbit/s or bytes per second; "
                          "empty = unlimited"));
    m_burst->setText(tr("&Burst loss"));
    m_burst->setAccessibleName(tr("Burst loss"));
    m_burst->setToolTip(tr("Gilbert-Elliott bursts: a datagram enters a lossy burst with the "
                           "first chance and leaves it with the second"));
    m_reorderDepth->setAccessibleName(tr("Reorder depth"));
    m_reorderDepth->setToolTip(tr("A reordered datagram leaves after this many later ones"));
    m_corrupt->setToolTip(tr("Chance of one flipped bit per datagram"));
    m_truncate->setSpecialValueText(tr("off"));
    m_truncate->setSuffix(tr(" B"));
    m_truncate->setAccessibleName(tr("Truncate"));
    m_truncate->setToolTip(tr("Longer datagrams are cut to this many bytes"));
    m_segment->setAccessibleName(tr("Segment"));
    m_segment->setPlaceholderText(tr("off, e.g. 1..16"));
    m_segment->setToolTip(tr("Write what arrives in pieces of min..max bytes"));
    m_coalesce->setToolTip(tr("Gather what arrives for this long, write it as one"));
    m_stall->setText(tr("S&tall"));
    m_stall->setAccessibleName(tr("Stall"));
    m_stall->setToolTip(tr("Deliver nothing; bytes wait and the source is slowed by "
                           "backpressure"));
    m_resetAfter->setAccessibleName(tr("Reset after"));
    m_resetAfter->setPlaceholderText(tr("off, e.g. 64KiB"));
    m_resetAfter->setToolTip(tr("Reset both legs after this many bytes were delivered"));
    m_slowClose->setToolTip(tr("Hold the FIN this long after the last byte"));
    for (const auto& [widget, name] : std::as_const(m_names)) {
        widget->setAccessibleName(tr(name));
    }
    for (const auto& [label, text] : std::as_const(m_labels)) {
        label->setText(tr(text));
    }
    for (QDoubleSpinBox* box : findChildren<QDoubleSpinBox*>()) {
        box->setSuffix(tr(" %"));
    }
    for (QSpinBox* box : {m_delay, m_jitter, m_coalesce, m_slowClose}) {
        box->setSuffix(tr(" ms"));
    }
}

void ImpairmentEditor::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        revalidate(); // field messages in the new language
    }
}

QDoubleSpinBox* ImpairmentEditor::percentBox(const char* name) {
    auto* box = new QDoubleSpinBox(this);
    box->setRange(0, 100);
    box->setDecimals(1);
    m_names.append({box, name});
    return box;
}

QSpinBox* ImpairmentEditor::msBox(const char* name) {
    auto* box = new QSpinBox(this);
    box->setRange(0, kMaxMs);
    m_names.append({box, name});
    return box;
}

void ImpairmentEditor::addField(int row, int column, const char* label, QWidget* field,
                                QLabel* message) {
    auto* grid = static_cast<QGridLayout*>(layout());
    auto* l = new QLabel(this);
    m_labels.append({l, label});
    l->setBuddy(field);
    grid->addWidget(l, row, column);
    grid->addWidget(field, row, column + 1);
    if (message) {
        grid->addWidget(message, row + 1, column, 1, 2);
    }
}

void ImpairmentEditor::setDatagram(bool datagram) {
    m_datagram = datagram;
    for (QWidget* w : m_datagramOnly) {
        w->setVisible(datagram);
    }
    for (QWidget* w : m_streamOnly) {
        w->setVisible(!datagram);
    }
    revalidate();
}

void ImpairmentEditor::setImpairment(const Impairment& m) {
    m_base = m;
    const QSignalBlocker blocks[] = {
        QSignalBlocker(m_delay),        QSignalBlocker(m_jitter),    QSignalBlocker(m_rate),
        QSignalBlocker(m_loss),         QSignalBlocker(m_burst),     QSignalBlocker(m_burstEnter),
        QSignalBlocker(m_burstLeave),   QSignalBlocker(m_duplicate), QSignalBlocker(m_reorder),
        QSignalBlocker(m_reorderDepth), QSignalBlocker(m_corrupt),   QSignalBlocker(m_truncate),
        QSignalBlocker(m_segment),      QSignalBlocker(m_coalesce),  QSignalBlocker(m_stall),
        QSignalBlocker(m_resetAfter),   QSignalBlocker(m_slowClose)};
    m_delay->setValue(m.delay_ms);
    m_jitter->setValue(m.jitter_ms);
    m_rate->setText(m.rateBytesPerSec == 0 ? QString() : qs(rateText(m.rateBytesPerSec)));
    m_loss->setValue(m.lossPercent);
    const bool burst = m.burst.pGoodToBad > 0;
    m_burst->setChecked(burst);
    m_burstEnter->setEnabled(burst);
    m_burstLeave->setEnabled(burst);
    if (burst) {
        m_burstEnter->setValue(m.burst.pGoodToBad);
    }
    m_burstLeave->setValue(m.burst.pBadToGood);
    m_duplicate->setValue(m.duplicatePercent);
    m_reorder->setValue(m.reorderPercent);
    m_reorderDepth->setValue(m.reorderDepth);
    m_corrupt->setValue(m.corruptPercent);
    m_truncate->setValue(int(std::min<std::size_t>(m.truncateBytes, 65536)));
    m_segment->setText(m.segmentMax == 0
                           ? QString()
                           : QStringLiteral("%1..%2").arg(m.segmentMin).arg(m.segmentMax));
    m_coalesce->setValue(m.coalesce_ms);
    m_stall->setChecked(m.stall);
    m_resetAfter->setText(countText(m.resetAfterBytes));
    m_slowClose->setValue(m.slowClose_ms);
    revalidate();
}

std::optional<Impairment> ImpairmentEditor::impairment() const {
    Impairment m = m_base;
    m.delay_ms = m_delay->value();
    m.jitter_ms = m_jitter->value();
    m.rateBytesPerSec = 0;
    if (const QString t = m_rate->text().trimmed(); !t.isEmpty()) {
        auto rate = parseRate("rate", t.toStdString());
        if (!rate) {
            return std::nullopt;
        }
        m.rateBytesPerSec = *rate;
    }
    // Both kinds' fields are kept: a relay ignores the other kind's, and switching the socket
    // kind back shows them unchanged.
    m.lossPercent = m_loss->value();
    m.burst.pGoodToBad = m_burst->isChecked() ? m_burstEnter->value() : 0;
    m.burst.pBadToGood = m_burstLeave->value();
    m.duplicatePercent = m_duplicate->value();
    m.reorderPercent = m_reorder->value();
    m.reorderDepth = m_reorderDepth->value();
    m.corruptPercent = m_corrupt->value();
    m.truncateBytes = std::size_t(m_truncate->value());
    m.segmentMin = 0;
    m.segmentMax = 0;
    if (const QString t = m_segment->text().trimmed(); !t.isEmpty()) {
        auto range = parseRange("segment", t.toStdString());
        if (!range) {
            return std::nullopt;
        }
        m.segmentMin = range->first;
        m.segmentMax = range->second;
    }
    m.coalesce_ms = m_coalesce->value();
    m.stall = m_stall->isChecked();
    m.resetAfterBytes = 0;
    if (const QString t = m_resetAfter->text().trimmed(); !t.isEmpty()) {
        auto count = parseByteCount("reset after", t.toStdString());
        if (!count) {
            return std::nullopt;
        }
        m.resetAfterBytes = *count;
    }
    m.slowClose_ms = m_slowClose->value();
    return m;
}

QString ImpairmentEditor::problem() const {
    // Only the fields of the kind shown count: a hidden field cannot be corrected.
    const auto check = [](QLineEdit* edit, auto parse) -> QString {
        const QString t = edit->text().trimmed();
        if (t.isEmpty()) {
            return {};
        }
        auto r = parse(t.toStdString());
        return r ? QString() : qs(r.error().message());
    };
    QString rate = check(m_rate, [](const std::string& t) { return parseRate("rate", t); });
    if (!rate.isEmpty() || m_datagram) {
        return rate;
    }
    QString segment =
        check(m_segment, [](const std::string& t) { return parseRange("segment", t); });
    if (!segment.isEmpty()) {
        return segment;
    }
    return check(m_resetAfter,
                 [](const std::string& t) { return parseByteCount("reset after", t); });
}

void ImpairmentEditor::revalidate() {
    const auto message = [](QLineEdit* edit, auto parse) -> QString {
        const QString t = edit->text().trimmed();
        if (t.isEmpty()) {
            return {};
        }
        auto r = parse(t.toStdString());
        return r ? QString() : qs(r.error().message());
    };
    showMessage(m_rateMessage,
                message(m_rate, [](const std::string& t) { return parseRate("rate", t); }));
    showMessage(m_segmentMessage,
                m_datagram ? QString() : message(m_segment, [](const std::string& t) {
                    return parseRange("segment", t);
                }));
    showMessage(m_resetMessage,
                m_datagram ? QString() : message(m_resetAfter, [](const std::string& t) {
                    return parseByteCount("reset after", t);
                }));
}

} // namespace socklab::ui
