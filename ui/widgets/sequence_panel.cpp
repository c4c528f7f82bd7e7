#include "ui/widgets/sequence_panel.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace socklab::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

} // namespace

SequencePanel::SequencePanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* top = new QHBoxLayout;
    m_choiceLabel = new QLabel(this);
    m_choice = new QComboBox(this);
    m_choiceLabel->setBuddy(m_choice);
    m_new = new QPushButton(this);
    m_delete = new QPushButton(this);
    top->addWidget(m_choiceLabel);
    top->addWidget(m_choice, 1);
    top->addWidget(m_new);
    top->addWidget(m_delete);
    layout->addLayout(top);

    auto* form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_nameLabel = new QLabel(this);
    m_nameLabel->setBuddy(m_name);
    form->addRow(m_nameLabel, m_name);
    m_nameProblem = new QLabel(this);
    m_nameProblem->setWordWrap(true);
    m_nameProblem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_nameProblem->hide();
    form->addRow(QString(), m_nameProblem);
    layout->addLayout(form);
    m_steps = new QPlainTextEdit(this);
    m_steps->setTabChangesFocus(true);
    m_steps->setMinimumHeight(80);
    layout->addWidget(m_steps, 1);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->hide();
    layout->addWidget(m_problem);

    auto* buttons = new QHBoxLayout;
    m_run = new QPushButton(this);
    m_pause = new QPushButton(this);
    m_stop = new QPushButton(this);
    buttons->addWidget(m_run);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_stop);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_progress = new QLabel(this);
    m_progress->setWordWrap(true);
    layout->addWidget(m_progress);

    retranslate();
    connect(m_choice, &QComboBox::currentIndexChanged, this, &SequencePanel::select);
    connect(m_new, &QPushButton::clicked, this, &SequencePanel::addSequence);
    connect(m_delete, &QPushButton::clicked, this, &SequencePanel::removeSequence);
    connect(m_name, &QLineEdit::textChanged, this, &SequencePanel::validate);
    connect(m_steps, &QPlainTextEdit::textChanged, this, &SequencePanel::validate);
    connect(m_run, &QPushButton::clicked, this, &SequencePanel::runRequested);
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_paused) {
            emit resumeRequested();
        } else {
            emit pauseRequested();
        }
    });
    connect(m_stop, &QPushButton::clicked, this, &SequencePanel::stopRequested);
    setSequences({});
}

void SequencePanel::setSequences(const std::vector<Sequence>& sequences) {
    m_updating = true;
    m_sequences = sequences;
    m_texts.clear();
    m_choice->clear();
    for (const Sequence& s : m_sequences) {
        m_texts.push_back(qs(formatSequenceText(s)));
        m_choice->addItem(s.name.empty() ? tr("(unnamed)") : qs(s.name));
    }
    m_index = -1;
    m_updating = false;
    if (m_sequences.empty()) {
        addSequence(); // there is always one to write into
        return;
    }
    m_choice->setCurrentIndex(0);
    select(0);
}

void SequencePanel::addSequence() {
    storeCurrent();
    Sequence s;
    s.name = tr("sequence %1").arg(m_sequences.size() + 1).toStdString();
    m_sequences.push_back(s);
    m_texts.emplace_back();
    m_updating = true;
    m_choice->addItem(qs(s.name));
    m_updating = false;
    m_choice->setCurrentIndex(m_choice->count() - 1);
    select(m_choice->count() - 1);
}

void SequencePanel::removeSequence() {
    if (m_index < 0 || m_running) {
        return;
    }
    const int gone = m_index;
    m_index = -1;
    m_sequences.erase(m_sequences.begin() + gone);
    m_texts.erase(m_texts.begin() + gone);
    m_updating = true;
    m_choice->removeItem(gone);
    m_updating = false;
    if (m_sequences.empty()) {
        addSequence();
    } else {
        select(std::min(gone, m_choice->count() - 1));
    }
    emit changed();
}

void SequencePanel::storeCurrent() {
    if (m_index < 0 || m_index >= static_cast<int>(m_sequences.size())) {
        return;
    }
    m_texts[m_index] = m_steps->toPlainText();
    if (auto s = current()) {
        m_sequences[m_index] = *s;
    } else {
        m_sequences[m_index].name = m_name->text().toStdString();
    }
}

void SequencePanel::select(int index) {
    if (m_updating || index < 0 || index >= static_cast<int>(m_sequences.size())) {
        return;
    }
    storeCurrent();
    m_index = index;
    m_updating = true;
    if (m_choice->currentIndex() != index) {
        m_choice->setCurrentIndex(index);
    }
    m_name->setText(qs(m_sequences[index].name));
    m_steps->setPlainText(m_texts[index]);
    m_updating = false;
    validate();
}

std::optional<Sequence> SequencePanel::current() const {
    auto s = parseSequenceText(m_steps->toPlainText().toStdString(), m_name->text().toStdString());
    if (!s) {
        return std::nullopt;
    }
    return *s;
}

std::vector<Sequence> SequencePanel::sequences() const {
    std::vector<Sequence> out = m_sequences;
    if (m_index >= 0 && m_index < static_cast<int>(out.size())) {
        if (auto s = current()) {
            out[m_index] = *s;
        }
    }
    // An untouched empty sequence is not worth saving.
    std::erase_if(out, [](const Sequence& s) { return s.steps.empty(); });
    return out;
}

QString SequencePanel::problem() const {
    return m_problem->text();
}

void SequencePanel::validate() {
    if (m_updating) {
        return;
    }
    QString message;
    if (!m_steps->toPlainText().trimmed().isEmpty()) {
        auto s =
            parseSequenceText(m_steps->toPlainText().toStdString(), m_name->text().toStdString());
        if (!s) {
            message = qs(s.error().detail);
        }
    }
    m_problem->setText(message);
    m_problem->setAccessibleDescription(message);
    m_problem->setVisible(!message.isEmpty());
    const Status named = checkSequenceName(m_name->text().toStdString());
    const QString nameMessage = named ? QString() : qs(named.error().message());
    m_nameProblem->setText(nameMessage);
    m_nameProblem->setAccessibleDescription(nameMessage);
    m_nameProblem->setVisible(!nameMessage.isEmpty());
    m_name->setAccessibleDescription(nameMessage); // read with the field, not only below it
    if (m_index >= 0) {
        m_choice->setItemText(m_index, m_name->text().isEmpty() ? tr("(unnamed)") : m_name->text());
    }
    setRunState(m_running, m_paused);
    emit changed();
}

void SequencePanel::setProgress(const QString& text) {
    m_progress->setText(text);
    m_progress->setAccessibleDescription(text);
}

void SequencePanel::setRunState(bool running, bool paused) {
    m_running = running;
    m_paused = paused;
    const bool runnable = m_problem->text().isEmpty() && m_nameProblem->text().isEmpty() &&
                          current() && !current()->steps.empty();
    m_run->setEnabled(!running && runnable);
    m_pause->setEnabled(running);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->setAccessibleName(paused ? tr("Resume sequence") : tr("Pause sequence"));
    m_stop->setEnabled(running);
    m_delete->setEnabled(!running);
    m_choice->setEnabled(!running);
    m_new->setEnabled(!running);
}

void SequencePanel::retranslate() {
    m_choice->setAccessibleName(tr("Sequence"));
    m_new->setAccessibleName(tr("New sequence"));
    m_delete->setAccessibleName(tr("Delete sequence"));
    m_name->setAccessibleName(tr("Sequence name"));
    m_steps->setAccessibleName(tr("Sequence steps"));
    m_steps->setPlaceholderText(tr("One step per line:\n"
                                   "send PING {seq}\\r\\n\n"
                                   "expect PONG within 1000\n"
                                   "repeat 10 … end, wait 100, sendhex 01 03 {crc16-modbus}"));
    m_problem->setAccessibleName(tr("Sequence problem"));
    m_nameProblem->setAccessibleName(tr("Sequence name problem"));
    m_run->setAccessibleName(tr("Run sequence"));
    m_pause->setAccessibleName(tr("Pause sequence"));
    m_stop->setAccessibleName(tr("Stop sequence"));
    m_progress->setAccessibleName(tr("Sequence progress"));
    m_choiceLabel->setText(tr("Sequence"));
    m_new->setText(tr("New"));
    m_delete->setText(tr("Delete"));
    m_nameLabel->setText(tr("Name"));
    m_run->setText(tr("Run"));
    m_stop->setText(tr("Stop"));
    for (int i = 0; i < m_choice->count(); ++i) {
        const QString name = i == m_index ? m_name->text()
                             : std::size_t(i) < m_sequences.size()
                                 ? qs(m_sequences[std::size_t(i)].name)
                                 : QString();
        m_choice->setItemText(i, name.isEmpty() ? tr("(unnamed)") : name);
    }
    setRunState(m_running, m_paused); // Pause or Resume
}

void SequencePanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
}

} // namespace socklab::ui
