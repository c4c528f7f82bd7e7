#include "ui/widgets/relay_direction_box.h"

#include "core/impair/impairment_text.h"
#include "ui/widgets/impairment_editor.h"

#include <QCheckBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace socklab::ui {

namespace {

QString number(std::uint64_t v) {
    return QLocale().toString(qulonglong(v));
}

void setFigure(QLabel* label, const QString& text) {
    if (label->text() != text) {
        label->setText(text);
        label->setAccessibleDescription(text); // what screen readers read after the name
    }
}

} // namespace

RelayDirectionBox::RelayDirectionBox(RelayDirection direction, QWidget* parent)
    : QGroupBox(parent), m_direction(direction) {
    // Texts: retranslate().
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    auto* figures = new QGridLayout;
    figures->setHorizontalSpacing(8);
    figures->setVerticalSpacing(0);
    layout->addLayout(figures);
    // Two figures a row: the pane is narrow beside the traffic.
    m_received = addFigure(QT_TR_NOOP("Received"), 0, 0);
    m_delivered = addFigure(QT_TR_NOOP("Delivered"), 0, 2);
    m_dropped = addFigure(QT_TR_NOOP("Dropped"), 1, 0);
    m_duplicated = addFigure(QT_TR_NOOP("Duplicated"), 1, 2);
    m_reordered = addFigure(QT_TR_NOOP("Reordered"), 2, 0);
    m_delayed = addFigure(QT_TR_NOOP("Delayed"), 2, 2);
    m_corrupted = addFigure(QT_TR_NOOP("Corrupted"), 3, 0);
    m_injected = addFigure(QT_TR_NOOP("Injected"), 3, 2);
    m_held = addFigure(QT_TR_NOOP("Held"), 4, 0);
    m_backpressure = addFigure(QT_TR_NOOP("Backpressure"), 4, 2);
    m_truncated = addFigure(QT_TR_NOOP("Truncated"), 5, 0);
    m_waiting = addFigure(QT_TR_NOOP("Waiting"), 5, 2);
    m_heldDropped = addFigure(QT_TR_NOOP("Dropped held"), 6, 0);
    m_unsent = addFigure(QT_TR_NOOP("Unsent"), 6, 2);
    m_bytes = addFigure(QT_TR_NOOP("Bytes"), 7, 0);
    figures->setColumnStretch(3, 1);

    m_hold = new QCheckBox(this);
    layout->addWidget(m_hold);

    m_editor = new ImpairmentEditor(this);
    layout->addWidget(m_editor);

    auto* applyRow = new QHBoxLayout;
    m_apply = new QPushButton(this);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    applyRow->addWidget(m_apply);
    applyRow->addWidget(m_message, 1);
    layout->addLayout(applyRow);

    connect(m_apply, &QPushButton::clicked, this, &RelayDirectionBox::apply);
    connect(m_hold, &QCheckBox::toggled, this,
            [this](bool on) { emit holdRequested(m_direction, on); });
    connect(m_editor, &ImpairmentEditor::edited, this, [this] {
        const QString problem = m_editor->problem();
        setMessage(problem.isEmpty() ? (m_live ? tr("not applied yet") : QString()) : problem,
                   !problem.isEmpty());
    });
    retranslate();
    setLive(false);
    setFigures({});
}

void RelayDirectionBox::retranslate() {
    const bool toServer = m_direction == RelayDirection::ToServer;
    // The arrows say which way; the capture's colours for the same directions are the views'.
    setTitle(toServer ? tr("Client → server") : tr("Server → client"));
    for (const Figure& f : std::as_const(m_figureLabels)) {
        f.label->setText(tr(f.name) + QLatin1Char(':'));
        f.value->setAccessibleName(tr(f.name));
    }
    m_truncated->setToolTip(tr("Datagrams cut to the truncation length"));
    m_waiting->setToolTip(tr("Datagrams (streams: bytes) inside the impairment now"));
    m_heldDropped->setToolTip(tr("Messages dropped from the hold queue"));
    m_unsent->setToolTip(tr("Datagrams the impairment delivered that could not be sent on "
                            "(send queue full or a send error)"));
    m_bytes->setToolTip(tr("Bytes received / bytes delivered"));
    m_backpressure->setToolTip(tr("The relay stopped reading from the source because the "
                                  "other side does not take the bytes fast enough"));
    m_hold->setText(toServer ? tr("&Hold client → server") : tr("H&old server → client"));
    m_hold->setAccessibleName(toServer ? tr("Hold client to server") : tr("Hold server to client"));
    m_hold->setToolTip(tr("New messages wait in the hold queue instead of being forwarded"));
    m_apply->setText(toServer ? tr("Appl&y → server") : tr("Apply → c&lient"));
    m_apply->setAccessibleName(toServer ? tr("Apply client to server impairment")
                                        : tr("Apply server to client impairment"));
    m_apply->setToolTip(tr("Change this direction's impairment now, while the relay runs"));
    m_message->setAccessibleName(toServer ? tr("Client to server impairment")
                                          : tr("Server to client impairment"));
}

void RelayDirectionBox::changeEvent(QEvent* event) {
    QGroupBox::changeEvent(event);
    if (event->type() != QEvent::LanguageChange) {
        return;
    }
    retranslate();
    setFigures(m_figures);
    if (m_inEffect) {
        const bool shown = !m_message->text().isEmpty() && m_message->text() == m_effectText;
        m_effectText = effectText(*m_inEffect);
        if (shown) {
            setMessage(m_effectText, false);
        }
    }
}

QString RelayDirectionBox::effectText(const Impairment& impairment) const {
    return tr("in effect: %1")
        .arg(QString::fromStdString(describe(impairment, m_editor->isDatagram())));
}

QLabel* RelayDirectionBox::addFigure(const char* name, int row, int column) {
    auto* grid =
        static_cast<QGridLayout*>(static_cast<QVBoxLayout*>(layout())->itemAt(0)->layout());
    auto* label = new QLabel(this);
    auto* value = new QLabel(this);
    m_figureLabels.append({name, label, value});
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(label, row, column);
    grid->addWidget(value, row, column + 1);
    return value;
}

QString RelayDirectionBox::figureText(const QString& name) const {
    for (QLabel* l : findChildren<QLabel*>()) {
        if (l->accessibleName() == name) {
            return l->text();
        }
    }
    return {};
}

void RelayDirectionBox::setDatagram(bool datagram) {
    m_editor->setDatagram(datagram);
}

void RelayDirectionBox::setLive(bool live) {
    m_live = live;
    m_apply->setEnabled(live);
    if (!live) {
        setMessage({}, false);
    } else if (m_message->text().isEmpty() && !m_effectText.isEmpty()) {
        // The relay's settings may arrive before the tab knows it is open.
        setMessage(m_effectText, false);
    }
}

void RelayDirectionBox::forgetEffect() {
    m_effectText.clear();
    setMessage({}, false);
}

void RelayDirectionBox::setFigures(const Figures& f) {
    m_figures = f;
    const ImpairmentCounters& c = f.counters;
    setFigure(m_received, number(c.received));
    setFigure(m_dropped, number(c.dropped));
    setFigure(m_duplicated, number(c.duplicated));
    setFigure(m_reordered, number(c.reordered));
    setFigure(m_delayed, number(c.delayed));
    setFigure(m_corrupted, number(c.corrupted));
    setFigure(m_truncated, number(c.truncated));
    setFigure(m_waiting, number(c.waiting));
    setFigure(m_delivered, number(c.delivered));
    setFigure(m_bytes, tr("%1 / %2").arg(number(c.receivedBytes), number(c.deliveredBytes)));
    setFigure(m_held, number(f.held));
    setFigure(m_injected, number(f.injected));
    setFigure(m_heldDropped, number(f.heldDropped));
    setFigure(m_unsent, number(f.unsent));
    setFigure(m_backpressure, f.backpressure ? tr("⏸ paused") : tr("no"));
    QPalette pal = palette();
    if (f.backpressure) {
        pal.setColor(QPalette::WindowText, QColor(0xd0, 0x80, 0x00));
    }
    m_backpressure->setPalette(pal);
}

void RelayDirectionBox::setSettings(bool holding, const Impairment& impairment) {
    {
        const QSignalBlocker block(m_hold);
        m_hold->setChecked(holding);
    }
    // When only the hold switch changed, what is being edited stays as typed.
    if (!m_inEffect || !(*m_inEffect == impairment)) {
        m_inEffect = impairment;
        m_editor->setImpairment(impairment);
    }
    m_effectText = effectText(impairment);
    setMessage(m_effectText, false);
}

void RelayDirectionBox::setMessage(const QString& text, bool error) {
    m_message->setText(text);
    m_message->setAccessibleDescription(text);
    QPalette pal = palette();
    if (error) {
        pal.setColor(QPalette::WindowText, QColor(0xd0, 0x30, 0x30));
    }
    m_message->setPalette(pal);
}

void RelayDirectionBox::apply() {
    const auto impairment = m_editor->impairment();
    if (!impairment) {
        setMessage(m_editor->problem(), true);
        return;
    }
    // The impairment's own rules (ranges, segment min <= max...) before it goes to the engine.
    if (auto valid = validate(*impairment); !valid) {
        setMessage(QString::fromStdString(valid.error().message()), true);
        return;
    }
    setMessage(tr("applying…"), false);
    emit applyRequested(m_direction, *impairment);
}

} // namespace socklab::ui
