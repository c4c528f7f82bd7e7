#include "ui/widgets/composer.h"

#include "core/codec/checksum.h"
#include "core/codec/escapes.h"
#include "core/codec/hex.h"
#include "core/codec/message_encoding.h"
#include "core/respond/message_fields.h"
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

QByteArray toQByteArray(const ByteVector& v) {
    return QByteArray(reinterpret_cast<const char*>(v.data()), qsizetype(v.size()));
}

} // namespace

Composer::Composer(QWidget* parent) : QWidget(parent), m_repeatTimer(new QTimer(this)) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);

    auto* top = new QHBoxLayout;
    m_mode = new QComboBox(this);
    m_mode->addItem(tr("Text"), int(MessageMode::Text));
    m_mode->addItem(tr("Hex"), int(MessageMode::Hex));
    m_mode->addItem(tr("Escapes"), int(MessageMode::Escapes));
    m_mode->setAccessibleName(tr("Mode"));
    m_mode->setToolTip(tr("Text: as typed, in the tab's text encoding (Encoding, under the "
                          "traffic). Hex: de ad be ef, 0xDE,0xAD. "
                          "Escapes: \\r \\n \\t \\0 \\xNN \\NNN \\uXXXX."));
    auto* modeLabel = new QLabel(tr("Mode"), this);
    modeLabel->setBuddy(m_mode);
    m_lineEnding = new QComboBox(this);
    m_lineEnding->addItem(tr("No line ending"), int(LineEnding::None));
    m_lineEnding->addItem(tr("LF (\\n)"), int(LineEnding::Lf));
    m_lineEnding->addItem(tr("CR LF (\\r\\n)"), int(LineEnding::CrLf));
    m_lineEnding->addItem(tr("CR (\\r)"), int(LineEnding::Cr));
    m_lineEnding->setAccessibleName(tr("Line ending"));
    auto* endingLabel = new QLabel(tr("Line endin&g"), this);
    endingLabel->setBuddy(m_lineEnding);
    m_historyCombo = new QComboBox(this);
    m_historyCombo->setAccessibleName(tr("History"));
    m_historyCombo->setMinimumContentsLength(16);
    m_historyCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_historyCombo->setPlaceholderText(tr("nothing sent yet"));
    m_historyCombo->setToolTip(tr("Sent messages, newest first: choose one to put it back in "
                                  "the editor"));
    // No mnemonic: every letter of "Fields" is taken by another control of the tab; the
    // keyboard path is Tab from History.
    m_fields = new QCheckBox(tr("Fields"), this);
    m_fields->setAccessibleName(tr("Message fields"));
    m_fields->setToolTip(
        tr("Fill fields in braces when sending: {seq} the send count (1 for the tab's first "
           "send; binary {seq:u8}, {seq:u16be}, {seq:u32le}…), {time} local time, {time:iso}, "
           "{time:unix}, {time:unix_ms}; checksums over the bytes before them {crc16-modbus}, "
           "{crc16-ccitt}, {crc32}, {sum8}, {xor8}, {lrc}, or over a range {crc32:4..}, "
           "{sum8:1..9}, byte order {crc32:le}; {{ and }} for braces"));
    m_insertField = new QToolButton(this);
    m_insertField->setText(tr("Insert field"));
    m_insertField->setAccessibleName(tr("Insert field"));
    m_insertField->setToolTip(tr("Insert a field at the cursor (turns Fields on)"));
    m_insertField->setPopupMode(QToolButton::InstantPopup);
    m_insertField->setFocusPolicy(Qt::StrongFocus);
    auto* fieldMenu = new QMenu(m_insertField);
    const auto addField = [this, fieldMenu](const QString& title, const QString& token) {
        QAction* action = fieldMenu->addAction(tr("%1  %2").arg(title, token));
        connect(action, &QAction::triggered, this, [this, token] { insertField(token); });
    };
    addField(tr("Counter"), QStringLiteral("{seq}"));
    addField(tr("Counter, 16-bit big-endian"), QStringLiteral("{seq:u16be}"));
    addField(tr("Local time"), QStringLiteral("{time}"));
    addField(tr("UTC time, ISO 8601"), QStringLiteral("{time:iso}"));
    addField(tr("Unix time, seconds"), QStringLiteral("{time:unix}"));
    fieldMenu->addSeparator();
    for (const ChecksumInfo& info : checksumCatalog()) {
        addField(QString::fromUtf8(info.title.data(), qsizetype(info.title.size())),
                 QStringLiteral("{%1}").arg(
                     QString::fromUtf8(info.name.data(), qsizetype(info.name.size()))));
    }
    m_insertField->setMenu(fieldMenu);
    auto* historyLabel = new QLabel(tr("History"), this);
    historyLabel->setBuddy(m_historyCombo);
    top->addWidget(modeLabel);
    top->addWidget(m_mode);
    top->addWidget(endingLabel);
    top->addWidget(m_lineEnding);
    top->addWidget(historyLabel);
    top->addWidget(m_historyCombo, 1);
    top->addWidget(m_fields);
    top->addWidget(m_insertField);
    grid->addLayout(top, 0, 0, 1, 2);

    m_editor = new QPlainTextEdit(this);
    m_editor->setAccessibleName(tr("Message"));
    m_editor->setPlaceholderText(tr("Type a message; Ctrl+Enter sends. Up/Down on the first/last "
                                    "line browse the history."));
    m_editor->setTabChangesFocus(true);
    m_editor->setMaximumHeight(m_editor->fontMetrics().height() * 5);
    m_editor->installEventFilter(this);
    grid->addWidget(m_editor, 1, 0);

    auto* side = new QGridLayout;
    m_send = new QPushButton(tr("Se&nd"), this);
    m_send->setAccessibleName(tr("Send"));
    m_send->setToolTip(tr("Send (Ctrl+Enter)"));
    m_send->setDefault(true);
    m_urgent = new QCheckBox(tr("Urgent (MSG_OO&B)"), this);
    m_urgent->setAccessibleName(tr("Urgent (MSG_OOB)"));
    m_urgent->setToolTip(tr("Send as TCP urgent data; the peer sees the last byte out of band."));
    m_halfClose = new QPushButton(tr("Half-close"), this);
    m_halfClose->setAccessibleName(tr("Half-close"));
    m_halfClose->setToolTip(tr("shutdown(SHUT_WR): send FIN, keep receiving"));
    m_file = new QPushButton(tr("Send file…"), this);
    m_file->setAccessibleName(tr("Send file"));
    m_inject = new QComboBox(this);
    m_inject->addItem(tr("Inject toward server"), int(RelayDirection::ToServer));
    m_inject->addItem(tr("Inject toward client"), int(RelayDirection::ToClient));
    m_inject->setAccessibleName(tr("Inject direction"));
    m_inject->setToolTip(tr("Relay: the message enters the chosen direction as if its source "
                            "had sent it (it passes that direction's impairment)"));
    m_injectLabel = new QLabel(tr("Inject di&rection"), this);
    m_injectLabel->setBuddy(m_inject);
    side->addWidget(m_injectLabel, 2, 0);
    side->addWidget(m_inject, 2, 1);
    side->addWidget(m_send, 0, 0);
    side->addWidget(m_urgent, 0, 1);
    side->addWidget(m_file, 1, 0);
    side->addWidget(m_halfClose, 1, 1);
    grid->addLayout(side, 1, 1);

    m_validation = new QLabel(this);
    m_validation->setAccessibleName(tr("Message validation"));
    m_validation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(m_validation, 2, 0, 1, 2);

    auto* bottom = new QHBoxLayout;
    m_destinationLabel = new QLabel(tr("Destination"), this);
    m_destination = new QLineEdit(this);
    m_destination->setAccessibleName(tr("Destination"));
    m_destination->setPlaceholderText(tr("send-to address, e.g. 127.0.0.1:9000"));
    m_destinationLabel->setBuddy(m_destination);
    bottom->addWidget(m_destinationLabel);
    bottom->addWidget(m_destination, 1);
    auto* repeatLabel = new QLabel(tr("Repeat"), this);
    m_repeatCount = new QSpinBox(this);
    m_repeatCount->setRange(1, 1'000'000);
    m_repeatCount->setValue(10);
    m_repeatCount->setSuffix(tr(" times"));
    m_repeatCount->setAccessibleName(tr("Repeat"));
    repeatLabel->setBuddy(m_repeatCount);
    auto* everyLabel = new QLabel(tr("e&very"), this);
    m_repeatInterval = new QSpinBox(this);
    m_repeatInterval->setRange(0, 3'600'000);
    m_repeatInterval->setValue(1000);
    m_repeatInterval->setSuffix(tr(" ms"));
    m_repeatInterval->setAccessibleName(tr("every"));
    everyLabel->setBuddy(m_repeatInterval);
    m_repeat = new QPushButton(tr("Start repeat"), this);
    m_repeat->setAccessibleName(tr("Start repeat"));
    bottom->addWidget(repeatLabel);
    bottom->addWidget(m_repeatCount);
    bottom->addWidget(everyLabel);
    bottom->addWidget(m_repeatInterval);
    bottom->addWidget(m_repeat);
    m_pingCount = new QSpinBox(this);
    m_pingCount->setRange(1, 10000);
    m_pingCount->setValue(4);
    m_pingCount->setAccessibleName(tr("Ping count"));
    m_ping = new QPushButton(tr("Ping"), this);
    m_ping->setAccessibleName(tr("Ping"));
    bottom->addWidget(m_pingCount);
    bottom->addWidget(m_ping);
    grid->addLayout(bottom, 3, 0, 1, 2);
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
    // A relay has no socket of its own to send on: what the button does is inject.
    m_send->setText(caps.relay ? tr("I&nject") : tr("Se&nd"));
    m_send->setAccessibleName(caps.relay ? tr("Inject") : tr("Send"));
    m_send->setToolTip(caps.relay ? tr("Inject (Ctrl+Enter)") : tr("Send (Ctrl+Enter)"));
    updateButtons();
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
    m_send->setEnabled(m_sendEnabled && m_valid);
    m_repeat->setEnabled(m_sendEnabled && (m_valid || isRepeating()));
    m_file->setEnabled(m_sendEnabled);
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

bool Composer::send() {
    if (!m_sendEnabled) {
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
    if (!bytes || !m_sendEnabled) {
        return;
    }
    recordHistory(m_repeatMessage);
    m_repeatBytes = toQByteArray(*bytes);
    m_repeatUrgent = m_urgent->isChecked();
    m_repeatDestination = destination();
    m_repeatLeft = m_repeatCount->value();
    m_repeat->setText(tr("Stop repeat"));
    m_repeat->setAccessibleName(tr("Stop repeat"));
    m_repeatTimer->start(m_repeatInterval->value());
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
    m_repeat->setText(tr("Start repeat"));
    m_repeat->setAccessibleName(tr("Start repeat"));
    updateButtons();
}

bool Composer::isRepeating() const {
    return m_repeatTimer->isActive();
}

void Composer::sendFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Send file"));
    if (path.isEmpty()) {
        return;
    }
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
        QString label = QString::fromStdString(m.content).simplified();
        if (label.size() > 40) {
            label = label.left(39) + QChar(0x2026);
        }
        const QString prefix = m.mode == MessageMode::Hex       ? tr("hex: ")
                               : m.mode == MessageMode::Escapes ? tr("esc: ")
                                                                : QString();
        m_historyCombo->addItem(prefix + label);
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
