#include "ui/widgets/framing_editor.h"

#include "core/codec/escapes.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace socklab::ui {

namespace {

/// One page of fields: a row with a label bound to its first field (keyboard path: Alt+key).
QWidget* page(QWidget* parent, QLabel*& label, std::initializer_list<QWidget*> fields) {
    auto* w = new QWidget(parent);
    auto* row = new QHBoxLayout(w);
    row->setContentsMargins(0, 0, 0, 0);
    label = new QLabel(w);
    label->setBuddy(*fields.begin());
    row->addWidget(label);
    for (QWidget* f : fields) {
        f->setParent(w);
        row->addWidget(f);
    }
    row->addStretch(1);
    return w;
}

} // namespace

FramingEditor::FramingEditor(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // Texts: retranslate().
    auto* top = new QHBoxLayout;
    m_modeLabel = new QLabel(this);
    m_mode = new QComboBox(this);
    for (FramingMode mode : {FramingMode::Raw, FramingMode::Delimiter, FramingMode::FixedLength,
                             FramingMode::LengthPrefixed, FramingMode::IdleGap}) {
        m_mode->addItem(QString(), int(mode));
    }
    m_modeLabel->setBuddy(m_mode);
    top->addWidget(m_modeLabel);
    top->addWidget(m_mode);
    top->addStretch(1);
    layout->addLayout(top);

    m_pages = new QStackedWidget(this);
    m_delimiter = new QLineEdit(QStringLiteral("\\n"));
    m_length = new QSpinBox;
    m_length->setRange(1, 16 * 1024 * 1024);
    m_length->setValue(8);
    m_prefixBytes = new QComboBox;
    for (int size : {1, 2, 4}) {
        m_prefixBytes->addItem(QString(), size);
    }
    m_prefixBytes->setCurrentIndex(1);
    m_prefixOrder = new QComboBox;
    m_prefixOrder->addItem(QString(), true);
    m_prefixOrder->addItem(QString(), false);
    m_prefixHeader = new QCheckBox;
    m_idle = new QSpinBox;
    m_idle->setRange(1, 3'600'000);
    m_idle->setValue(50);
    m_pages->addWidget(new QWidget(m_pages)); // raw: nothing to set
    m_pages->addWidget(page(m_pages, m_delimiterLabel, {m_delimiter}));
    m_pages->addWidget(page(m_pages, m_lengthLabel, {m_length}));
    m_pages->addWidget(
        page(m_pages, m_prefixLabel, {m_prefixBytes, m_prefixOrder, m_prefixHeader}));
    m_pages->addWidget(page(m_pages, m_idleLabel, {m_idle}));
    layout->addWidget(m_pages);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->hide();
    layout->addWidget(m_problem);
    retranslate();

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_pages->setCurrentIndex(index);
        validate();
    });
    connect(m_delimiter, &QLineEdit::textChanged, this, &FramingEditor::validate);
    connect(m_length, &QSpinBox::valueChanged, this, &FramingEditor::validate);
    connect(m_prefixBytes, &QComboBox::currentIndexChanged, this, &FramingEditor::validate);
    connect(m_prefixOrder, &QComboBox::currentIndexChanged, this, &FramingEditor::validate);
    connect(m_prefixHeader, &QCheckBox::toggled, this, &FramingEditor::validate);
    connect(m_idle, &QSpinBox::valueChanged, this, &FramingEditor::validate);
    setFocusProxy(m_mode);
}

FramingSpec FramingEditor::spec() const {
    FramingSpec s = m_base;
    s.mode = FramingMode(m_mode->currentData().toInt());
    if (auto bytes = unescape(m_delimiter->text().toStdString())) {
        s.delimiter = std::move(*bytes);
    }
    s.length = static_cast<std::size_t>(m_length->value());
    s.prefixBytes = static_cast<std::uint8_t>(m_prefixBytes->currentData().toInt());
    s.prefixBigEndian = m_prefixOrder->currentData().toBool();
    s.prefixCountsHeader = m_prefixHeader->isChecked();
    s.idleMs = static_cast<std::uint32_t>(m_idle->value());
    // A fixed length above the message limit would cut every message: the limit follows.
    s.maxMessageBytes = std::max(s.maxMessageBytes, s.length);
    return s;
}

void FramingEditor::setSpec(const FramingSpec& s) {
    m_updating = true;
    m_base = s;
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(int(s.mode))));
    m_pages->setCurrentIndex(m_mode->currentIndex());
    if (s.mode == FramingMode::Delimiter) {
        m_delimiter->setText(QString::fromStdString(escapeBytes(s.delimiter)));
    }
    if (s.length > 0) {
        m_length->setValue(static_cast<int>(std::min<std::size_t>(s.length, m_length->maximum())));
    }
    m_prefixBytes->setCurrentIndex(std::max(0, m_prefixBytes->findData(int(s.prefixBytes))));
    m_prefixOrder->setCurrentIndex(s.prefixBigEndian ? 0 : 1);
    m_prefixHeader->setChecked(s.prefixCountsHeader);
    m_idle->setValue(static_cast<int>(s.idleMs));
    m_updating = false;
    validate();
}

QString FramingEditor::problem() const {
    return m_problem->text();
}

void FramingEditor::validate() {
    QString message;
    const FramingSpec s = spec();
    if (s.mode == FramingMode::Delimiter) {
        if (auto bytes = unescape(m_delimiter->text().toStdString()); !bytes) {
            message = tr("Delimiter: %1").arg(QString::fromStdString(bytes.error().detail));
        }
    }
    if (message.isEmpty()) {
        if (auto ok = validateFraming(s); !ok) {
            message = QString::fromStdString(ok.error().detail);
        }
    }
    m_problem->setText(message);
    m_problem->setAccessibleDescription(message); // the name says what it is, this what is wrong
    m_problem->setVisible(!message.isEmpty());
    if (!m_updating) {
        emit changed();
    }
}

void FramingEditor::retranslate() {
    m_modeLabel->setText(tr("Messages"));
    m_mode->setAccessibleName(tr("Message framing"));
    const QString modes[] = {tr("each read or datagram"), tr("end with a delimiter"),
                             tr("fixed length"), tr("length prefix"), tr("end after a pause")};
    for (int i = 0; i < m_mode->count(); ++i) {
        m_mode->setItemText(i, modes[i]);
    }
    m_mode->setToolTip(tr("How received bytes are cut into the messages the rules see"));
    m_delimiter->setAccessibleName(tr("Delimiter"));
    m_delimiter->setToolTip(tr("The bytes that end a message, with C escapes: \\r\\n, \\x03"));
    m_length->setSuffix(tr(" bytes"));
    m_length->setAccessibleName(tr("Message length"));
    m_prefixBytes->setAccessibleName(tr("Length prefix size"));
    const QString sizes[] = {tr("1 byte"), tr("2 bytes"), tr("4 bytes")};
    for (int i = 0; i < m_prefixBytes->count(); ++i) {
        m_prefixBytes->setItemText(i, sizes[i]);
    }
    m_prefixOrder->setAccessibleName(tr("Length prefix byte order"));
    m_prefixOrder->setItemText(0, tr("big-endian"));
    m_prefixOrder->setItemText(1, tr("little-endian"));
    m_prefixHeader->setText(tr("counts its own bytes"));
    m_prefixHeader->setAccessibleName(tr("Length counts the prefix"));
    m_idle->setSuffix(tr(" ms"));
    m_idle->setAccessibleName(tr("Pause that ends a message"));
    m_delimiterLabel->setText(tr("Delimiter"));
    m_lengthLabel->setText(tr("Length"));
    m_prefixLabel->setText(tr("Prefix"));
    m_idleLabel->setText(tr("Pause"));
    m_problem->setAccessibleName(tr("Framing problem"));
}

void FramingEditor::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        const bool updating = m_updating;
        m_updating = true; // the problem in the new language; the framing did not change
        validate();
        m_updating = updating;
    }
}

} // namespace socklab::ui
