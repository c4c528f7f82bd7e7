#include "ui/dialogs/responder_rule_dialog.h"

#include "core/codec/escapes.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <chrono>

namespace socklab::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

} // namespace

ResponderRuleDialog::ResponderRuleDialog(const ResponderRule& rule, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Responder rule"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_name = new QLineEdit(qs(rule.name), this);
    m_name->setPlaceholderText(tr("optional, shown with the hit count"));
    m_name->setAccessibleName(tr("Rule name"));
    form->addRow(tr("&Name"), m_name);
    m_enabled = new QCheckBox(tr("&Enabled"), this);
    m_enabled->setChecked(rule.enabled);
    form->addRow(QString(), m_enabled);
    m_match = new QComboBox(this);
    for (MatchKind k : {MatchKind::Contains, MatchKind::StartsWith, MatchKind::Regex,
                        MatchKind::HexPattern, MatchKind::Any}) {
        m_match->addItem(matchKindText(k), int(k));
    }
    m_match->setCurrentIndex(std::max(0, m_match->findData(int(rule.match))));
    m_match->setAccessibleName(tr("Match"));
    form->addRow(tr("&Match"), m_match);
    m_pattern = new QLineEdit(qs(rule.pattern), this);
    m_pattern->setAccessibleName(tr("Pattern"));
    form->addRow(tr("&Pattern"), m_pattern);
    auto* replyRow = new QHBoxLayout;
    m_reply = new QLineEdit(qs(rule.reply), this);
    m_reply->setToolTip(
        tr("Fields: {0} the message, {1}… captures, {seq}, {len}, {time}, {time:iso}, "
           "checksums {crc16-modbus}, {crc16-ccitt}, {crc32}, {sum8}, {xor8}, {lrc}; "
           "binary counters {seq:u16be}…; {{ and }} for braces"));
    m_reply->setPlaceholderText(tr("empty: count the match, send nothing"));
    m_reply->setAccessibleName(tr("Reply"));
    m_replySyntax = new QComboBox(this);
    m_replySyntax->setAccessibleName(tr("Reply notation"));
    m_replySyntax->addItem(tr("text with escapes"), int(TemplateSyntax::Text));
    m_replySyntax->addItem(tr("hex"), int(TemplateSyntax::Hex));
    m_replySyntax->setCurrentIndex(rule.replySyntax == TemplateSyntax::Hex ? 1 : 0);
    replyRow->addWidget(m_reply, 1);
    replyRow->addWidget(m_replySyntax);
    auto* replyLabel = new QLabel(tr("&Reply"), this);
    replyLabel->setBuddy(m_reply);
    form->addRow(replyLabel, replyRow);
    m_delay = new QSpinBox(this);
    m_delay->setRange(0, 3'600'000);
    m_delay->setSuffix(tr(" ms"));
    m_delay->setValue(static_cast<int>(rule.delayMs));
    m_delay->setAccessibleName(tr("Reply delay"));
    form->addRow(tr("&Delay"), m_delay);
    m_once = new QCheckBox(tr("Answer only the &first match"), this);
    m_once->setChecked(rule.once);
    form->addRow(QString(), m_once);
    layout->addLayout(form);

    m_problem = new QLabel(this);
    m_problem->setAccessibleName(tr("Rule problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    layout->addWidget(m_problem);

    auto* trialForm = new QFormLayout;
    m_sample = new QLineEdit(this);
    m_sample->setPlaceholderText(tr("a message to try the rule on, with C escapes"));
    m_sample->setAccessibleName(tr("Sample message"));
    trialForm->addRow(tr("&Try with"), m_sample);
    m_trial = new QLabel(this);
    m_trial->setAccessibleName(tr("Trial outcome"));
    m_trial->setWordWrap(true);
    m_trial->setTextInteractionFlags(Qt::TextSelectableByMouse);
    trialForm->addRow(QString(), m_trial);
    layout->addLayout(trialForm);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    for (QLineEdit* e : {m_name, m_pattern, m_reply, m_sample}) {
        connect(e, &QLineEdit::textChanged, this, &ResponderRuleDialog::revalidate);
    }
    connect(m_match, &QComboBox::currentIndexChanged, this, &ResponderRuleDialog::revalidate);
    connect(m_replySyntax, &QComboBox::currentIndexChanged, this, &ResponderRuleDialog::revalidate);
    connect(m_delay, &QSpinBox::valueChanged, this, &ResponderRuleDialog::revalidate);
    connect(m_once, &QCheckBox::toggled, this, &ResponderRuleDialog::revalidate);
    revalidate();
    m_pattern->setFocus();
}

QString ResponderRuleDialog::matchKindText(MatchKind kind) {
    switch (kind) {
    case MatchKind::Contains:
        return tr("contains the text");
    case MatchKind::StartsWith:
        return tr("starts with the text");
    case MatchKind::Regex:
        return tr("matches the regular expression");
    case MatchKind::HexPattern:
        return tr("is the hex pattern (?? = any byte, * = any bytes)");
    case MatchKind::Any:
        return tr("any message");
    }
    return {};
}

ResponderRule ResponderRuleDialog::rule() const {
    ResponderRule r;
    r.name = m_name->text().toStdString();
    r.enabled = m_enabled->isChecked();
    r.match = MatchKind(m_match->currentData().toInt());
    r.pattern = r.match == MatchKind::Any ? std::string() : m_pattern->text().toStdString();
    r.reply = m_reply->text().toStdString();
    r.replySyntax = TemplateSyntax(m_replySyntax->currentData().toInt());
    r.delayMs = static_cast<std::uint32_t>(m_delay->value());
    r.once = m_once->isChecked();
    return r;
}

QString ResponderRuleDialog::problem() const {
    return m_problem->text();
}

QString ResponderRuleDialog::trialText() const {
    return m_trial->text();
}

void ResponderRuleDialog::revalidate() {
    const ResponderRule r = rule();
    m_pattern->setEnabled(r.match != MatchKind::Any);
    switch (r.match) {
    case MatchKind::Contains:
    case MatchKind::StartsWith:
        m_pattern->setPlaceholderText(tr("text with C escapes: PING, \\x02, \\r\\n"));
        break;
    case MatchKind::Regex:
        m_pattern->setPlaceholderText(tr("PCRE2 over the bytes: ^GET (\\S+) — groups are {1}…"));
        break;
    case MatchKind::HexPattern:
        m_pattern->setPlaceholderText(tr("the whole message: 01 03 ?? ?? * — wildcards are {1}…"));
        break;
    case MatchKind::Any:
        m_pattern->setPlaceholderText(tr("every message matches"));
        break;
    }
    const auto ok = validateRule(r);
    const QString message = ok ? QString() : qs(ok.error().detail);
    m_problem->setText(message);
    m_problem->setAccessibleDescription(message); // the name says what it is, this what is wrong
    m_problem->setVisible(!message.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty());
    updateTrial(r, bool(ok));
}

void ResponderRuleDialog::updateTrial(const ResponderRule& r, bool valid) {
    const auto show = [this](const QString& text) {
        m_trial->setText(text);
        m_trial->setAccessibleDescription(text);
    };
    if (m_sample->text().isEmpty() || !valid) {
        show({});
        return;
    }
    auto sample = unescape(m_sample->text().toStdString());
    if (!sample) {
        show(tr("Sample: %1").arg(qs(sample.error().detail)));
        return;
    }
    ResponderConfig config;
    ResponderRule trial = r;
    trial.enabled = true;
    trial.once = false;
    config.rules.push_back(std::move(trial));
    auto responder = Responder::create(config);
    if (!responder) {
        show(qs(responder.error().detail));
        return;
    }
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    auto reply = responder->respond(
        *sample, std::chrono::duration_cast<std::chrono::nanoseconds>(now).count(),
        QDateTime::currentDateTime().offsetFromUtc());
    if (!reply) {
        show(tr("No match: this rule would not answer it."));
    } else if (r.reply.empty()) {
        show(tr("Match: counted, nothing sent."));
    } else {
        const QString bytes = qs(escapeBytes(reply->bytes));
        show(reply->bytes.size() == 1
                 ? tr("Reply (1 byte): %1").arg(bytes)
                 : tr("Reply (%1 bytes): %2").arg(reply->bytes.size()).arg(bytes));
    }
}

} // namespace socklab::ui
