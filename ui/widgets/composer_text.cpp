// Composer's texts: labels, names, tooltips, choices and the state-dependent buttons, set
// again in the new language on a language change (choices, message and history stay).
#include "core/codec/checksum.h"
#include "ui/i18n/core_text.h"
#include "ui/widgets/composer.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>

namespace socklab::ui {

void Composer::retranslate() {
    const QString modes[] = {tr("Text"), tr("Hex"), tr("Escapes")};
    for (int i = 0; i < m_mode->count(); ++i) {
        m_mode->setItemText(i, modes[i]);
    }
    m_mode->setAccessibleName(tr("Mode"));
    m_mode->setToolTip(tr("Text: as typed, in the tab's text encoding (Encoding, under the "
                          "traffic). Hex: de ad be ef, 0xDE,0xAD. "
                          "Escapes: \\r \\n \\t \\0 \\xNN \\NNN \\uXXXX."));
    m_modeLabel->setText(tr("Mode"));
    const QString endings[] = {tr("No line ending"), tr("LF (\\n)"), tr("CR LF (\\r\\n)"),
                               tr("CR (\\r)")};
    for (int i = 0; i < m_lineEnding->count(); ++i) {
        m_lineEnding->setItemText(i, endings[i]);
    }
    m_lineEnding->setAccessibleName(tr("Line ending"));
    m_endingLabel->setText(tr("Line endin&g"));
    m_historyCombo->setAccessibleName(tr("History"));
    m_historyCombo->setPlaceholderText(tr("nothing sent yet"));
    m_historyCombo->setToolTip(tr("Sent messages, newest first: choose one to put it back in "
                                  "the editor"));
    for (int i = 0; i < m_historyCombo->count() && std::size_t(i) < m_history.size(); ++i) {
        m_historyCombo->setItemText(i, historyText(m_history[std::size_t(i)]));
    }
    m_historyLabel->setText(tr("History"));
    m_fields->setText(tr("Fields"));
    m_fields->setAccessibleName(tr("Message fields"));
    m_fields->setToolTip(
        tr("Fill fields in braces when sending: {seq} the send count (1 for the tab's first "
           "send; binary {seq:u8}, {seq:u16be}, {seq:u32le}…), {time} local time, {time:iso}, "
           "{time:unix}, {time:unix_ms}; checksums over the bytes before them {crc16-modbus}, "
           "{crc16-ccitt}, {crc32}, {sum8}, {xor8}, {lrc}, or over a range {crc32:4..}, "
           "{sum8:1..9}, byte order {crc32:le}; {{ and }} for braces"));
    m_insertField->setText(tr("Insert field"));
    m_insertField->setAccessibleName(tr("Insert field"));
    m_insertField->setToolTip(tr("Insert a field at the cursor (turns Fields on)"));
    const auto checksums = checksumCatalog();
    std::size_t checksum = 0;
    for (const FieldAction& f : std::as_const(m_fieldActions)) {
        QString title;
        if (f.title) {
            title = tr(f.title);
        } else if (checksum < checksums.size()) {
            title = coreText(checksums[checksum++].title);
        }
        f.action->setText(tr("%1  %2").arg(title, f.token));
    }
    m_editor->setAccessibleName(tr("Message"));
    m_editor->setPlaceholderText(tr("Type a message; Ctrl+Enter sends. Up/Down on the first/last "
                                    "line browse the history."));
    m_urgent->setText(tr("Urgent (MSG_OO&B)"));
    m_urgent->setAccessibleName(tr("Urgent (MSG_OOB)"));
    m_urgent->setToolTip(tr("Send as TCP urgent data; the peer sees the last byte out of band."));
    m_halfClose->setText(tr("Half-close"));
    m_halfClose->setAccessibleName(tr("Half-close"));
    m_halfClose->setToolTip(tr("shutdown(SHUT_WR): send FIN, keep receiving"));
    m_file->setText(tr("Send file…"));
    m_file->setAccessibleName(tr("Send file"));
    m_inject->setItemText(0, tr("Inject toward server"));
    m_inject->setItemText(1, tr("Inject toward client"));
    m_inject->setAccessibleName(tr("Inject direction"));
    m_inject->setToolTip(tr("Relay: the message enters the chosen direction as if its source "
                            "had sent it (it passes that direction's impairment)"));
    m_injectLabel->setText(tr("Inject di&rection"));
    m_validation->setAccessibleName(tr("Message validation"));
    m_destinationLabel->setText(tr("Destination"));
    m_destination->setAccessibleName(tr("Destination"));
    m_destination->setPlaceholderText(tr("Type a destination address, e.g. 127.0.0.1:9000"));
    m_destinationProblem->setAccessibleName(tr("Destination problem"));
    m_repeatLabel->setText(tr("Repeat"));
    m_repeatCount->setSuffix(tr(" times"));
    m_repeatCount->setAccessibleName(tr("Repeat"));
    m_everyLabel->setText(tr("e&very"));
    m_repeatInterval->setSuffix(tr(" ms"));
    m_repeatInterval->setAccessibleName(tr("every"));
    m_pingCount->setAccessibleName(tr("Ping count"));
    m_ping->setText(tr("Ping"));
    m_ping->setAccessibleName(tr("Ping"));
    updateSendText();
    updateRepeatText();
}

void Composer::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        revalidate(); // the byte count or the error, in the new language
        revalidateDestination();
    }
}

void Composer::updateSendText() {
    // A relay has no socket of its own to send on: what the button does is inject.
    const bool relay = m_caps.relay;
    m_send->setText(relay ? tr("I&nject") : tr("Se&nd"));
    m_send->setAccessibleName(relay ? tr("Inject") : tr("Send"));
    if (m_caps.needsDestination && m_destination->text().trimmed().isEmpty()) {
        m_send->setToolTip(tr("Type a destination address"));
    } else {
        m_send->setToolTip(relay ? tr("Inject (Ctrl+Enter)") : tr("Send (Ctrl+Enter)"));
    }
}

void Composer::updateRepeatText() {
    m_repeat->setText(isRepeating() ? tr("Stop repeat") : tr("Start repeat"));
    m_repeat->setAccessibleName(m_repeat->text());
}

QString Composer::historyText(const SavedMessage& m) {
    QString label = QString::fromStdString(m.content).simplified();
    if (label.size() > 40) {
        label = label.left(39) + QChar(0x2026);
    }
    const QString prefix = m.mode == MessageMode::Hex       ? tr("hex: ")
                           : m.mode == MessageMode::Escapes ? tr("esc: ")
                                                            : QString();
    return prefix + label;
}

} // namespace socklab::ui
