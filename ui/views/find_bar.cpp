#include "ui/views/find_bar.h"

#include "core/codec/text_encode.h"
#include "ui/views/direction_palette.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace socklab::ui {

namespace {

/// QLineEdit's clear button is an unnamed icon: give it (and its action) a name and a tip.
void nameClearButton(QLineEdit* edit) {
    for (QAction* action : edit->findChildren<QAction*>()) {
        if (action->objectName() != QLatin1String("_q_qlineeditclearaction")) {
            continue;
        }
        action->setText(FindBar::tr("Clear"));
        action->setToolTip(FindBar::tr("Clear the search text"));
        for (QObject* o : action->associatedObjects()) {
            if (auto* button = qobject_cast<QToolButton*>(o)) {
                button->setAccessibleName(FindBar::tr("Clear"));
                button->setAccessibleDescription(FindBar::tr("Clear the search text"));
            }
        }
    }
}

} // namespace

FindBar::FindBar(QWidget* parent)
    : QWidget(parent), m_edit(new QLineEdit(this)), m_kind(new QComboBox(this)),
      m_previous(new QToolButton(this)), m_next(new QToolButton(this)), m_status(new QLabel(this)),
      m_label(new QLabel(this)), m_kindLabel(new QLabel(this)) {
    m_label->setBuddy(m_edit);
    m_edit->setClearButtonEnabled(true);
    // Room for ~14 characters plus the clear button, however cramped the toolbar gets.
    m_edit->setMinimumWidth(m_edit->fontMetrics().averageCharWidth() * 14 +
                            m_edit->fontMetrics().height() + 12);
    for (PatternKind k : {PatternKind::Text, PatternKind::Hex, PatternKind::Escaped}) {
        m_kind->addItem(QString(), static_cast<int>(k)); // texts: retranslate()
    }
    m_kindLabel->setBuddy(m_kind);
    m_status->setWordWrap(true); // a long message takes a second line, not the edit's room
    retranslate();

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_edit, 2);
    layout->addWidget(m_kindLabel);
    layout->addWidget(m_kind);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_status, 1);
    setTabOrder(m_edit, m_kind);
    setTabOrder(m_kind, m_previous);
    setTabOrder(m_previous, m_next);

    connect(m_edit, &QLineEdit::textChanged, this, &FindBar::validate);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &FindBar::validate);
    connect(m_edit, &QLineEdit::returnPressed, this, &FindBar::findNextRequested);
    connect(m_next, &QToolButton::clicked, this, &FindBar::findNextRequested);
    connect(m_previous, &QToolButton::clicked, this, &FindBar::findPreviousRequested);
}

PatternKind FindBar::kind() const {
    return static_cast<PatternKind>(m_kind->currentData().toInt());
}

void FindBar::setPattern(const QString& text, PatternKind kind) {
    m_kind->setCurrentIndex(m_kind->findData(static_cast<int>(kind)));
    m_edit->setText(text);
}

void FindBar::setTextEncoding(TextEncoding encoding) {
    if (encoding != m_encoding) {
        m_encoding = encoding;
        validate();
    }
}

Result<ByteVector> FindBar::encodePattern() const {
    const std::string text = m_edit->text().toStdString();
    if (kind() == PatternKind::Text && m_encoding != TextEncoding::Utf8 && !text.empty()) {
        return encodeText(text, m_encoding);
    }
    return parsePattern(text, kind());
}

void FindBar::validate() {
    const std::string text = m_edit->text().toStdString();
    if (text.empty()) {
        showStatus({});
        return;
    }
    if (firstPatternError(text, kind())) {
        // The parser's own words (what is wrong, and where), as the composer shows them.
        const auto bytes = parsePattern(text, kind());
        showStatus(bytes ? QString() : QString::fromStdString(bytes.error().message()), !bytes);
    } else if (kind() == PatternKind::Text && m_encoding != TextEncoding::Utf8) {
        // Said as the user types: the needle has no form in the tab's encoding.
        const auto bytes = encodePattern();
        showStatus(bytes ? QString() : QString::fromStdString(bytes.error().message()), !bytes);
    } else {
        showStatus({});
    }
}

std::optional<ByteVector> FindBar::patternBytes() {
    auto bytes = encodePattern();
    if (!bytes) {
        showStatus(QString::fromStdString(bytes.error().message()), true);
        return std::nullopt;
    }
    return std::move(*bytes);
}

void FindBar::showStatus(const QString& text, bool problem) {
    m_status->setText(text);
    m_status->setAccessibleDescription(text); // the name says what it is, this what it says
    QPalette pal = palette();
    if (problem) {
        pal.setColor(QPalette::WindowText, errorColor(pal)); // readable on Window, light or dark
    }
    m_status->setPalette(pal);
}

void FindBar::focusPattern() {
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void FindBar::setKeysHint(const QString& keys) {
    m_keysHint = keys;
    const QString tip = tr("Find (Ctrl+F); Enter or F3: next, Shift+F3: previous");
    m_edit->setToolTip(keys.isEmpty() ? tip : tip + QLatin1Char('\n') + keys);
    m_edit->setAccessibleDescription(keys);
}

void FindBar::retranslate() {
    m_edit->setAccessibleName(tr("Find"));
    m_edit->setPlaceholderText(tr("text, hex (de ad be ef) or escapes (\\r\\n)"));
    m_kind->setAccessibleName(tr("Find as"));
    m_kindLabel->setAccessibleName(tr("Find as"));
    m_kind->setToolTip(tr("How the pattern is read"));
    // Short labels keep the row narrow; the accessible names say what they do.
    m_previous->setText(tr("Previous"));
    m_previous->setAccessibleName(tr("Find previous"));
    m_previous->setToolTip(tr("Find previous (Shift+F3)"));
    m_next->setText(tr("Next"));
    m_next->setAccessibleName(tr("Find next"));
    m_next->setToolTip(tr("Find next (F3)"));
    m_status->setAccessibleName(tr("Find status"));
    const QString kinds[] = {tr("Text"), tr("Hex"), tr("Escapes")};
    for (int i = 0; i < m_kind->count(); ++i) {
        m_kind->setItemText(i, kinds[i]);
    }
    m_label->setText(tr("Find"));
    m_kindLabel->setText(tr("as"));
    nameClearButton(m_edit);
    setKeysHint(m_keysHint);
}

void FindBar::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
}

} // namespace socklab::ui
