#include "ui/widgets/composer.h"

#include "core/codec/checksum.h"
#include "core/codec/escapes.h"
#include "core/codec/hex.h"
#include "core/codec/message_encoding.h"
#include "core/net/resolver.h"
#include "core/respond/message_fields.h"
#include "ui/settings/dialog_folders.h"
#include "ui/shortcuts.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTextBlock>
#include <QTimer>
#include <QToolButton>

namespace socklab::ui {

namespace {

constexpr std::size_t kHistoryLimit = 50;
constexpr qint64 kFileLimitBytes = 64ll << 20;
constexpr auto kSendFileDir = "composer/sendFileDir"; // where Send file picked last

QByteArray toQByteArray(const ByteVector& v) {
    return QByteArray(reinterpret_cast<const char*>(v.data()), qsizetype(v.size()));
}

} // namespace

Composer::Composer(QWidget* parent) : QWidget(parent), m_repeatTimer(new QTimer(this)) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);

    // Texts: retranslate() (composer_text.cpp).
    auto* top = new QHBoxLayout;
    m_mode = new QComboBox(this);
    for (MessageMode mode : {MessageMode::Text, MessageMode::Hex, MessageMode::Escapes}) {
        m_mode->addItem(QString(), int(mode));
    }
    m_modeLabel = new QLabel(this);
    m_modeLabel->setBuddy(m_mode);
    m_lineEnding = new QComboBox(this);
    for (LineEnding ending : {LineEnding::None, LineEnding::Lf, LineEnding::CrLf, LineEnding::Cr}) {
        m_lineEnding->addItem(QString(), int(ending));
    }
    m_endingLabel = new QLabel(this);
    m_endingLabel->setBuddy(m_lineEnding);
    m_historyCombo = new QComboBox(this);
    m_historyCombo->setMinimumContentsLength(8); // it stretches; narrow windows still fit
    m_historyCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    // No mnemonic: every letter of "Fields" is taken by another control of the tab; the
    // keyboard path is Tab from History.
    m_fields = new QCheckBox(this);
    m_insertField = new QToolButton(this);
    m_insertField->setPopupMode(QToolButton::InstantPopup);
    m_insertField->setFocusPolicy(Qt::StrongFocus);
    auto* fieldMenu = new QMenu(m_insertField);
    const auto addField = [this, fieldMenu](const char* title, const QString& token) {
        QAction* action = fieldMenu->addAction(QString());
        m_fieldActions.append({action, title, token});
        connect(action, &QAction::triggered, this, [this, token] { insertField(token); });
    };
    addField(QT_TR_NOOP("Counter"), QStringLiteral("{seq}"));
    addField(QT_TR_NOOP("Counter, 16-bit big-endian"), QStringLiteral("{seq:u16be}"));
    addField(QT_TR_NOOP("Local time"), QStringLiteral("{time}"));
    addField(QT_TR_NOOP("UTC time, ISO 8601"), QStringLiteral("{time:iso}"));
    addField(QT_TR_NOOP("Unix time, seconds"), QStringLiteral("{time:unix}"));
    fieldMenu->addSeparator();
    for (const ChecksumInfo& info : checksumCatalog()) {
        addField(nullptr, QStringLiteral("{%1}").arg(
                              QString::fromUtf8(info.name.data(), qsizetype(info.name.size()))));
    }
    m_insertField->setMenu(fieldMenu);
    m_historyLabel = new QLabel(this);
    m_historyLabel->setBuddy(m_historyCombo);
    top->addWidget(m_modeLabel);
    top->addWidget(m_mode);
    top->addWidget(m_endingLabel);
    top->addWidget(m_lineEnding);
    top->addWidget(m_historyLabel);
    top->addWidget(m_historyCombo, 1);
    grid->addLayout(top, 0, 0, 1, 2);

    m_editor = new QPlainTextEdit(this);
    m_editor->setTabChangesFocus(true);
    m_editor->setMaximumHeight(m_editor->fontMetrics().height() * 5);
    m_editor->installEventFilter(this);
    grid->addWidget(m_editor, 1, 0);

    auto* side = new QGridLayout;
    m_send = new QPushButton(this);
    m_send->setDefault(true);
    m_urgent = new QCheckBox(this);
    m_halfClose = new QPushButton(this);
    m_file = new QPushButton(this);
    m_inject = new QComboBox(this);
    m_inject->addItem(QString(), int(RelayDirection::ToServer));
    m_inject->addItem(QString(), int(RelayDirection::ToClient));
    m_injectLabel = new QLabel(this);
    m_injectLabel->setBuddy(m_inject);
    side->addWidget(m_injectLabel, 2, 0);
    side->addWidget(m_inject, 2, 1);
    side->addWidget(m_send, 0, 0);
    side->addWidget(m_urgent, 0, 1);
    side->addWidget(m_file, 1, 0);
    side->addWidget(m_halfClose, 1, 1);
    // Fields sit beside the editor they insert into (in the top row they made the composer,
    // and so the window, too wide for 1000 px).
    side->addWidget(m_fields, 3, 0);
    side->addWidget(m_insertField, 3, 1);
    grid->addLayout(side, 1, 1);

    m_validation = new QLabel(this);
    m_validation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(m_validation, 2, 0, 1, 2);

    auto* bottom = new QHBoxLayout;
    m_destinationLabel = new QLabel(this);
    m_destination = new QLineEdit(this);
    m_destinationLabel->setBuddy(m_destination);
    bottom->addWidget(m_destinationLabel);
    bottom->addWidget(m_destination, 1);
    m_repeatLabel = new QLabel(this);
    m_repeatCount = new QSpinBox(this);
    m_repeatCount->setRange(1, 1'000'000);
    m_repeatCount->setValue(10);
    m_repeatLabel->setBuddy(m_repeatCount);
    m_everyLabel = new QLabel(this);
    m_repeatInterval = new QSpinBox(this);
    m_repeatInterval->setRange(0, 3'600'000);
    m_repeatInterval->setValue(1000);
    m_everyLabel->setBuddy(m_repeatInterval);
    m_repeat = new QPushButton(this);
    bottom->addWidget(m_repeatLabel);
    bottom->addWidget(m_repeatCount);
    bottom->addWidget(m_everyLabel);
    bottom->addWidget(m_repeatInterval);
    bottom->addWidget(m_repeat);
    m_pingCount = new QSpinBox(this);
    m_pingCount->setRange(1, 10000);
    m_pingCount->setValue(4);
    m_ping = new QPushButton(this);
    bottom->addWidget(m_pingCount);
    bottom->addWidget(m_ping);
    grid->addLayout(bottom, 3, 0, 1, 2);
    // Under the Destination field, where it was typed (the send would fail in the banner).
    m_destinationProblem = new QLabel(this);
    m_destinationProblem->setWordWrap(true);
    m_destinationProblem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_destinationProblem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_destinationProblem->hide();
    grid->addWidget(m_destinationProblem, 4, 0, 1, 2);
    grid->setColumnStretch(0, 1);

    // Keyboard order follows the task: choose the encoding, write, address, send, then the
    // less frequent actions; the grid's creation order would put Urgent before Half-close's row.
    const QList<QWidget*> order = {
        m_mode,        m_lineEnding,     m_historyCombo, m_fields,    m_insertField, m_editor,
        m_destination, m_inject,         m_send,         m_urgent,    m_halfClose,   m_file,
        m_repeatCount, m_repeatInterval, m_repeat,       m_pingCount, m_ping};
    for (qsizetype i = 1; i < order.size(); ++i) {
        setTabOrder(order[i - 1], order[i]);
    }

    connect(addShortcutAction(this, Shortcut::Send), &QAction::triggered, this, &Composer::send);
    connect(m_send, &QPushButton::clicked, this, &Composer::send);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &Composer::revalidate);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &Composer::revalidate);
    // Hex means exactly these bytes: a user switching to it gets no line ending appended
    // (still selectable afterwards). Programmatic changes (history, workspaces) keep theirs.
    connect(m_mode, &QComboBox::activated, this, [this] {
        if (mode() == MessageMode::Hex) {
            m_lineEnding->setCurrentIndex(m_lineEnding->findData(int(LineEnding::None)));
        }
    });
    connect(m_lineEnding, &QComboBox::currentIndexChanged, this, &Composer::revalidate);
    connect(m_destination, &QLineEdit::textChanged, this, &Composer::revalidateDestination);
    connect(m_fields, &QCheckBox::toggled, this, &Composer::revalidate);
    connect(m_halfClose, &QPushButton::clicked, this, &Composer::halfCloseRequested);
    connect(m_file, &QPushButton::clicked, this, &Composer::sendFile);
    connect(m_ping, &QPushButton::clicked, this,
            [this] { emit pingRequested(m_pingCount->value()); });
    connect(m_repeat, &QPushButton::clicked, this, [this] {
        if (isRepeating()) {
            stopRepeat();
        } else {
            startRepeat();
        }
    });
    connect(m_repeatTimer, &QTimer::timeout, this, &Composer::repeatTick);
    connect(m_historyCombo, &QComboBox::activated, this, [this](int index) {
        if (index >= 0 && std::size_t(index) < m_history.size()) {
            m_historyPos = index;
            setMessage(m_history[std::size_t(index)]);
        }
    });

    retranslate();
    setCapabilities({});
    revalidate();
}

MessageMode Composer::mode() const {
    return static_cast<MessageMode>(m_mode->currentData().toInt());
}

LineEnding Composer::lineEnding() const {
    return static_cast<LineEnding>(m_lineEnding->currentData().toInt());
}

void Composer::setCapabilities(const Capabilities& caps) {
    m_caps = caps;
    m_urgent->setVisible(caps.urgent);
    if (!caps.urgent) {
        m_urgent->setChecked(false);
    }
    m_halfClose->setVisible(caps.stream);
    m_destinationLabel->setVisible(caps.needsDestination);
    m_destination->setVisible(caps.needsDestination);
    m_ping->setVisible(caps.ping);
    m_pingCount->setVisible(caps.ping);
    m_inject->setVisible(caps.relay);
    m_injectLabel->setVisible(caps.relay);
    updateSendText();
    revalidateDestination(); // also updates the buttons
}

RelayDirection Composer::injectDirection() const {
    return static_cast<RelayDirection>(m_inject->currentData().toInt());
}

void Composer::setSendEnabled(bool enabled) {
    m_sendEnabled = enabled;
    if (!enabled) {
        stopRepeat();
    }
    updateButtons();
}

void Composer::updateButtons() {
    const bool canSend = m_sendEnabled && m_destinationValid;
    m_send->setEnabled(canSend && m_valid);
    m_repeat->setEnabled(m_sendEnabled && ((m_valid && m_destinationValid) || isRepeating()));
    m_file->setEnabled(canSend);
    m_halfClose->setEnabled(m_sendEnabled);
    m_ping->setEnabled(m_sendEnabled);
}

void Composer::setTextEncoding(TextEncoding encoding) {
    if (encoding != m_encoding) {
        m_encoding = encoding;
        revalidate();
    }
}

Result<ByteVector> Composer::bytesFor(const SavedMessage& message, std::uint64_t seq) const {
    // Without fields the context is not read: no clock call per keystroke or repeat.
    return savedMessageBytes(message, m_encoding,
                             message.fields ? messageContextNow(seq) : TemplateContext{});
}

Result<ByteVector> Composer::currentBytes() const {
    return bytesFor(message(), m_sendCount + 1);
}

void Composer::insertField(const QString& token) {
    m_fields->setChecked(true);
    QTextCursor cursor = m_editor->textCursor();
    cursor.insertText(token);
    m_editor->setTextCursor(cursor);
    m_editor->setFocus();
}

QString Composer::validationText() const {
    return m_valid ? QString() : m_validation->text();
}

void Composer::revalidate() {
    const std::string text = m_editor->toPlainText().toStdString();
    QList<QTextEdit::ExtraSelection> marks;
    auto bytes = currentBytes();
    m_valid = bytes.has_value();
    if (!bytes) {
        const std::optional<std::size_t> bad =
            m_fields->isChecked() ? firstMessageFieldError(mode(), text, m_encoding)
                                  : firstMessageError(mode(), text, m_encoding);
        m_validation->setText(QString::fromStdString(bytes.error().message()));
        QPalette pal = m_validation->palette();
        pal.setColor(QPalette::WindowText, QColor(0xd0, 0x30, 0x30));
        m_validation->setPalette(pal);
        if (bad && *bad <= text.size()) {
            // The codec counts UTF-8 bytes; the editor counts UTF-16 units.
            const int at = int(QString::fromUtf8(text.data(), qsizetype(*bad)).size());
            QTextEdit::ExtraSelection mark;
            mark.cursor = QTextCursor(m_editor->document());
            mark.cursor.setPosition(at);
            mark.cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
            mark.format.setBackground(QColor(0xff, 0x80, 0x80));
            mark.format.setForeground(Qt::black);
            marks.append(mark);
        }
    } else {
        m_validation->setText(tr("%n byte(s)", nullptr, int(bytes->size())));
        m_validation->setPalette(palette());
    }
    m_validation->setAccessibleDescription(m_validation->text());
    m_editor->setExtraSelections(marks);
    updateButtons();
}

QString Composer::destinationProblem() const {
    return m_destinationValid ? QString() : m_destinationProblem->text();
}

void Composer::revalidateDestination() {
    QString text;
    const QString typed = m_destination->text().trimmed();
    if (m_caps.needsDestination) {
        const Status ok = checkDestination(typed.toStdString(), m_caps.spec);
        if (!ok) {
            text = QString::fromStdString(ok.error().message());
        }
    }
    if (!typed.isEmpty()) {
        m_destinationWanted = false;
    }
    m_destinationValid = text.isEmpty();
    // Nothing typed yet is no mistake: Send waits and says why (its tooltip, the placeholder).
    const QString shown = typed.isEmpty() && !m_destinationWanted ? QString() : text;
    m_destinationProblem->setText(shown);
    m_destinationProblem->setAccessibleDescription(shown);
    m_destinationProblem->setVisible(!shown.isEmpty());
    m_destination->setAccessibleDescription(shown);
    updateSendText();
    updateButtons();
}

bool Composer::send() {
    if (!m_sendEnabled) {
        return false;
    }
    if (!m_destinationValid) {
        m_destinationWanted = true; // now an empty destination is worth a message
        revalidateDestination();
        m_destination->setFocus();
        return false;
    }
    const SavedMessage current = message();
    auto bytes = bytesFor(current, m_sendCount + 1);
    if (!bytes) {
        revalidate();
        m_editor->setFocus();
        return false;
    }
    ++m_sendCount;
    recordHistory(current);
    emit sendRequested(toQByteArray(*bytes), m_urgent->isChecked(), destination());
    if (current.fields) {
        revalidate(); // the next {seq} may be longer
    }
    return true;
}

void Composer::startRepeat() {
    m_repeatMessage = message();
    auto bytes = bytesFor(m_repeatMessage, m_sendCount + 1);
    if (!bytes || !m_sendEnabled || !m_destinationValid) {
        return;
    }
    recordHistory(m_repeatMessage);
    m_repeatBytes = toQByteArray(*bytes);
    m_repeatUrgent = m_urgent->isChecked();
    m_repeatDestination = destination();
    m_repeatLeft = m_repeatCount->value();
    m_repeatTimer->start(m_repeatInterval->value());
    updateRepeatText();
    repeatTick();
}

void Composer::repeatTick() {
    if (m_repeatLeft <= 0) {
        stopRepeat();
        return;
    }
    --m_repeatLeft;
    ++m_sendCount;
    if (m_repeatMessage.fields) {
        // Each send fills its own {seq} and {time} (the message as it was when the repeat began).
        if (auto bytes = bytesFor(m_repeatMessage, m_sendCount)) {
            m_repeatBytes = toQByteArray(*bytes);
        }
    }
    emit sendRequested(m_repeatBytes, m_repeatUrgent, m_repeatDestination);
    if (m_repeatLeft == 0) {
        stopRepeat();
    }
}

void Composer::stopRepeat() {
    m_repeatTimer->stop();
    m_repeatLeft = 0;
    updateRepeatText();
    updateButtons();
}

bool Composer::isRepeating() const {
    return m_repeatTimer->isActive();
}

void Composer::sendFile() {
    if (!m_destinationValid) {
        return;
    }
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Send file"), dialogFolder(kSendFileDir));
    if (path.isEmpty()) {
        return;
    }
    rememberDialogFolder(kSendFileDir, path);
    QFile file(path);
    if (QFileInfo(path).size() > kFileLimitBytes) {
        emit problem(tr("send file %1: larger than %2 MiB").arg(path).arg(kFileLimitBytes >> 20));
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        emit problem(tr("send file %1: %2").arg(path, file.errorString()));
        return;
    }
    emit sendRequested(file.readAll(), false, destination());
}

void Composer::recordHistory(const SavedMessage& m) {
    std::erase(m_history, m);
    m_history.insert(m_history.begin(), m);
    if (m_history.size() > kHistoryLimit) {
        m_history.resize(kHistoryLimit);
    }
    setHistory(m_history);
}

void Composer::setHistory(std::vector<SavedMessage> history) {
    m_history = std::move(history);
    m_historyPos = -1;
    m_historyCombo->clear();
    for (const SavedMessage& m : m_history) {
        m_historyCombo->addItem(historyText(m));
    }
    // The newest message shows (not a blank box); Down/Up on the box walk older ones into the
    // editor. Empty: the placeholder says why.
    m_historyCombo->setCurrentIndex(m_history.empty() ? -1 : 0);
}

void Composer::browseHistory(int step) {
    if (m_history.empty()) {
        return;
    }
    const int next = std::clamp(m_historyPos + step, -1, int(m_history.size()) - 1);
    if (next == m_historyPos) {
        return;
    }
    m_historyPos = next;
    if (next < 0) {
        m_editor->clear();
    } else {
        const int keep = m_historyPos;
        setMessage(m_history[std::size_t(next)]);
        m_historyPos = keep;
    }
}

bool Composer::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if (enter && key->modifiers().testFlag(Qt::ControlModifier)) {
            send(); // also a shortcut; handled here too when the window is not active
            return true;
        }
        const QTextCursor c = m_editor->textCursor();
        if (key->key() == Qt::Key_Up && key->modifiers() == Qt::NoModifier &&
            c.block() == m_editor->document()->firstBlock()) {
            browseHistory(+1);
            return true;
        }
        if (key->key() == Qt::Key_Down && key->modifiers() == Qt::NoModifier &&
            c.block() == m_editor->document()->lastBlock() && m_historyPos >= 0) {
            browseHistory(-1);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void Composer::setMessage(const SavedMessage& m) {
    m_mode->setCurrentIndex(m_mode->findData(int(m.mode)));
    m_lineEnding->setCurrentIndex(m_lineEnding->findData(int(m.lineEnding)));
    m_fields->setChecked(m.fields);
    m_editor->setPlainText(QString::fromStdString(m.content));
    m_editor->moveCursor(QTextCursor::End);
    m_historyPos = -1;
    revalidate();
}

SavedMessage Composer::message() const {
    SavedMessage m;
    m.mode = mode();
    m.lineEnding = lineEnding();
    m.content = m_editor->toPlainText().toStdString();
    m.fields = m_fields->isChecked();
    return m;
}

QString Composer::destination() const {
    return m_caps.needsDestination ? m_destination->text().trimmed() : QString();
}

void Composer::setDestination(const QString& destination) {
    m_destination->setText(destination);
}

} // namespace socklab::ui
