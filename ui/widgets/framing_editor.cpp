#include "ui/widgets/framing_editor.h"

#include "core/codec/escapes.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace socklab::ui {

namespace {

/// One page of fields: a row with a label bound to its first field (keyboard path: Alt+key).
QWidget* page(QWidget* parent, const QString& label, std::initializer_list<QWidget*> fields) {
    auto* w = new QWidget(parent);
    auto* row = new QHBoxLayout(w);
    row->setContentsMargins(0, 0, 0, 0);
    if (!label.isEmpty()) {
        auto* l = new QLabel(label, w);
        l->setBuddy(*fields.begin());
        row->addWidget(l);
    }
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
    auto* top = new QHBoxLayout;
    auto* modeLabel = new QLabel(tr("Messages"), this);
    m_mode = new QComboBox(this);
    m_mode->setAccessibleName(tr("Message framing"));
    m_mode->addItem(tr("each read or datagram"), int(FramingMode::Raw));
    m_mode->addItem(tr("end with a delimiter"), int(FramingMode::Delimiter));
    m_mode->addItem(tr("fixed length"), int(FramingMode::FixedLength));
    m_mode->addItem(tr("length prefix"), int(FramingMode::LengthPrefixed));
    m_mode->addItem(tr("end after a pause"), int(FramingMode::IdleGap));
    m_mode->setToolTip(tr("How received bytes are cut into the messages the rules see"));
    modeLabel->setBuddy(m_mode);
    top->addWidget(modeLabel);
    top->addWidget(m_mode);
    top->addStretch(1);
    layout->addLayout(top);

    m_pages = new QStackedWidget(this);
    m_delimiter = new QLineEdit(QStringLiteral("\\n"));
    m_delimiter->setAccessibleName(tr("Delimiter"));
    m_delimiter->setToolTip(tr("The bytes that end a message, with C escapes: \\r\\n, \\x03"));
    m_length = new QSpinBox;
    m_length->setRange(1, 16 * 1024 * 1024);
    m_length->setValue(8);
    m_length->setSuffix(tr(" bytes"));
    m_length->setAccessibleName(tr("Message length"));
    m_prefixBytes = new QComboBox;
    m_prefixBytes->setAccessibleName(tr("Length prefix size"));
    m_prefixBytes->addItem(tr("1 byte"), 1);
    m_prefixBytes->addItem(tr("2 bytes"), 2);
    m_prefixBytes->addItem(tr("4 bytes"), 4);
    m_prefixBytes->setCurrentIndex(1);
    m_prefixOrder = new QComboBox;
    m_prefixOrder->setAccessibleName(tr("Length prefix byte order"));
    m_prefixOrder->addItem(tr("big-endian"), true);
    m_prefixOrder->addItem(tr("little-endian"), false);
    m_prefixHeader = new QCheckBox(tr("counts its own bytes"));
    m_prefixHeader->setAccessibleName(tr("Length counts the prefix"));
    m_idle = new QSpinBox;
    m_idle->setRange(1, 3'600'000);
    m_idle->setValue(50);
    m_idle->setSuffix(tr(" ms"));
    m_idle->setAccessibleName(tr("Pause that ends a message"));
    m_pages->addWidget(new QWidget(m_pages)); // raw: nothing to set
    m_pages->addWidget(page(m_pages, tr("Delimiter"), {m_delimiter}));
    m_pages->addWidget(page(m_pages, tr("Length"), {m_length}));
    m_pages->addWidget(page(m_pages, tr("Prefix"), {m_prefixBytes, m_prefixOrder, m_prefixHeader}));
    m_pages->addWidget(page(m_pages, tr("Pause"), {m_idle}));
    layout->addWidget(m_pages);

    m_problem = new QLabel(this);
    m_problem->setAccessibleName(tr("Framing problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->hide();
    layout->addWidget(m_problem);

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

} // namespace socklab::ui
