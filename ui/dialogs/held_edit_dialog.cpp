#include "ui/dialogs/held_edit_dialog.h"

#include "core/codec/escapes.h"
#include "core/codec/hex.h"
#include "core/codec/utf8.h"
#include "ui/models/held_queue_model.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace socklab::ui {

HeldEditDialog::HeldEditDialog(const HeldMessage& message, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Edit held message #%1").arg(message.id));
    auto* layout = new QVBoxLayout(this);
    auto* about = new QLabel(tr("Held #%1, conn %2, %3: edit the bytes, then release them.")
                                 .arg(message.id)
                                 .arg(message.connection)
                                 .arg(relayDirectionLabel(message.direction)),
                             this);
    about->setWordWrap(true);
    layout->addWidget(about);

    auto* form = new QFormLayout;
    m_mode = new QComboBox(this);
    m_mode->addItem(tr("Escapes (\\r \\n \\xNN)"), int(MessageMode::Escapes));
    m_mode->addItem(tr("Hex"), int(MessageMode::Hex));
    m_mode->addItem(tr("Text (UTF-8)"), int(MessageMode::Text));
    m_mode->setAccessibleName(tr("Edit mode"));
    auto* modeLabel = new QLabel(tr("&Mode"), this);
    modeLabel->setBuddy(m_mode);
    form->addRow(modeLabel, m_mode);
    m_editor = new QPlainTextEdit(this);
    m_editor->setAccessibleName(tr("Held bytes"));
    m_editor->setTabChangesFocus(true);
    auto* editorLabel = new QLabel(tr("&Bytes"), this);
    editorLabel->setBuddy(m_editor);
    form->addRow(editorLabel, m_editor);
    layout->addLayout(form);
    m_note = new QLabel(this);
    m_note->setAccessibleName(tr("Held bytes note"));
    m_note->setWordWrap(true);
    layout->addWidget(m_note);
    m_validation = new QLabel(this);
    m_validation->setAccessibleName(tr("Held bytes validation"));
    m_validation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_validation);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* release =
        m_buttons->addButton(tr("&Release edited"), QDialogButtonBox::AcceptRole);
    release->setAccessibleName(tr("Release edited"));
    release->setDefault(true);
    layout->addWidget(m_buttons);

    render(message.bytes);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &HeldEditDialog::onModeChanged);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &HeldEditDialog::revalidate);
    revalidate();
    m_editor->setFocus();
    resize(520, 300);
}

MessageMode HeldEditDialog::mode() const {
    return static_cast<MessageMode>(m_mode->currentData().toInt());
}

void HeldEditDialog::render(const ByteVector& bytes) {
    std::string text;
    m_note->clear();
    switch (mode()) {
    case MessageMode::Escapes:
        text = escapeBytes(bytes, {.keepUtf8 = true});
        break;
    case MessageMode::Hex:
        text = formatHex(bytes);
        break;
    case MessageMode::Text:
        if (!isValidUtf8(bytes)) {
            // Text would change the bytes it cannot show; escapes keep every one.
            const QSignalBlocker blockMode(m_mode);
            m_mode->setCurrentIndex(m_mode->findData(int(MessageMode::Escapes)));
            m_note->setText(tr("Not valid UTF-8: shown as escapes so that no byte changes."));
            text = escapeBytes(bytes, {.keepUtf8 = true});
            break;
        }
        text = std::string(asChars(bytes));
        break;
    }
    m_shownMode = mode();
    const QSignalBlocker block(m_editor);
    m_editor->setPlainText(QString::fromStdString(text));
}

void HeldEditDialog::onModeChanged() {
    // Same bytes in the new notation; content that does not parse is kept as typed.
    auto now = encodeMessage(m_shownMode, m_editor->toPlainText().toStdString(), LineEnding::None);
    if (now) {
        render(*now);
    }
    m_shownMode = mode();
    revalidate();
}

QByteArray HeldEditDialog::bytes() const {
    auto b = encodeMessage(mode(), m_editor->toPlainText().toStdString(), LineEnding::None);
    if (!b) {
        return {};
    }
    return QByteArray(reinterpret_cast<const char*>(b->data()), qsizetype(b->size()));
}

void HeldEditDialog::revalidate() {
    auto b = encodeMessage(mode(), m_editor->toPlainText().toStdString(), LineEnding::None);
    m_valid = b.has_value();
    m_validation->setText(m_valid ? tr("%n byte(s)", nullptr, int(b->size()))
                                  : QString::fromStdString(b.error().message()));
    m_validation->setAccessibleDescription(m_validation->text());
    for (QAbstractButton* button : m_buttons->buttons()) {
        if (m_buttons->buttonRole(button) == QDialogButtonBox::AcceptRole) {
            button->setEnabled(m_valid);
        }
    }
}

} // namespace socklab::ui
