#include "ui/dialogs/replay_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace socklab::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

constexpr std::int64_t kNsPerMs = 1'000'000;

} // namespace

ReplayDialog::ReplayDialog(const CaptureConversation& conversation, const ReplayRequest& initial,
                           QWidget* parent)
    : QDialog(parent), m_conversation(conversation) {
    setWindowTitle(tr("Replay conversation %1").arg(conversation.index));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        tr("SockLab plays one side of the recorded conversation against a live peer, with the "
           "recorded timing, and shows what the peer answers next to the recording."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    m_side = new QComboBox(this);
    m_side->addItem(tr("Client: connect to a live server"), int(ReplaySide::Client));
    m_side->addItem(tr("Server: wait for a live client"), int(ReplaySide::Server));
    m_side->setCurrentIndex(initial.side == ReplaySide::Server ? 1 : 0);
    m_side->setAccessibleName(tr("Play the side of"));
    form->addRow(tr("&Play the side of"), m_side);

    m_address = new QLineEdit(initial.address, this);
    m_address->setAccessibleName(tr("Address"));
    m_address->setPlaceholderText(tr("HOST:PORT"));
    form->addRow(tr("&Address"), m_address);

    auto* timingRow = new QHBoxLayout;
    m_timing = new QComboBox(this);
    m_timing->addItem(tr("as recorded"), int(ReplayTiming::Mode::Original));
    m_timing->addItem(tr("scaled by a factor"), int(ReplayTiming::Mode::Scaled));
    m_timing->addItem(tr("as fast as possible"), int(ReplayTiming::Mode::Asap));
    m_timing->setCurrentIndex(std::max(0, m_timing->findData(int(initial.options.timing.mode))));
    m_timing->setAccessibleName(tr("Timing"));
    m_factor = new QLineEdit(this);
    m_factor->setAccessibleName(tr("Speed factor"));
    m_factor->setToolTip(tr("2 = twice as fast (gaps halved), 0.5 = half speed"));
    m_factor->setText(initial.options.timing.mode == ReplayTiming::Mode::Scaled
                          ? QString::number(initial.options.timing.factor)
                          : QStringLiteral("2"));
    auto* factorLabel = new QLabel(tr("&Factor"), this);
    factorLabel->setBuddy(m_factor);
    timingRow->addWidget(m_timing, 1);
    timingRow->addWidget(factorLabel);
    timingRow->addWidget(m_factor);
    auto* timingLabel = new QLabel(tr("&Timing"), this);
    timingLabel->setBuddy(m_timing);
    form->addRow(timingLabel, timingRow);

    m_wait = new QCheckBox(tr("&Wait for the peer's bytes a step came after"), this);
    m_wait->setChecked(initial.options.waitForPeer);
    m_wait->setToolTip(tr("A step recorded after the peer's bytes waits until the live peer has "
                          "sent as many bytes (datagrams) as the recording had before it; off: "
                          "every step goes on its recorded time alone"));
    form->addRow(QString(), m_wait);
    m_waitMs = new QSpinBox(this);
    m_waitMs->setRange(1, kReplayMaxWaitMs);
    m_waitMs->setSuffix(tr(" ms"));
    m_waitMs->setValue(int(initial.options.waitTimeoutNs / kNsPerMs));
    m_waitMs->setAccessibleName(tr("Wait at most"));
    m_waitMs->setToolTip(tr("How long the peer may stay silent past the time the recording "
                            "expects its bytes; also, after the last step, how long to wait for "
                            "the rest of its answer (waiting for the peer's bytes or not)"));
    form->addRow(tr("Wait at &most"), m_waitMs);
    m_stop = new QCheckBox(tr("&Stop when a wait runs out (else go on)"), this);
    m_stop->setChecked(initial.options.stopOnTimeout);
    form->addRow(QString(), m_stop);
    layout->addLayout(form);

    m_problem = new QLabel(this);
    m_problem->setAccessibleName(tr("Replay problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    layout->addWidget(m_problem);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Replay"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (problem().isEmpty()) {
            accept();
        }
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_side, &QComboBox::currentIndexChanged, this, &ReplayDialog::revalidate);
    connect(m_timing, &QComboBox::currentIndexChanged, this, &ReplayDialog::revalidate);
    connect(m_address, &QLineEdit::textChanged, this, &ReplayDialog::revalidate);
    connect(m_factor, &QLineEdit::textChanged, this, &ReplayDialog::revalidate);
    connect(m_wait, &QCheckBox::toggled, this, &ReplayDialog::revalidate);
    revalidate();
    m_address->setFocus();
}

QString ReplayDialog::defaultAddress(const CaptureConversation& c) {
    const bool v6 = c.server.kind() == AddressKind::Inet6;
    return (v6 ? QStringLiteral("[::1]:") : QStringLiteral("127.0.0.1:")) +
           QString::number(c.server.port());
}

QPushButton* ReplayDialog::replayButton() const {
    return m_buttons->button(QDialogButtonBox::Ok);
}

ReplayRequest ReplayDialog::request() const {
    ReplayRequest r;
    r.side = ReplaySide(m_side->currentData().toInt());
    r.address = m_address->text().trimmed();
    r.options.timing.mode = ReplayTiming::Mode(m_timing->currentData().toInt());
    if (r.options.timing.mode == ReplayTiming::Mode::Scaled) {
        r.options.timing.factor =
            parseReplayFactor(m_factor->text().trimmed().toStdString()).value_or(1.0);
    }
    r.options.waitForPeer = m_wait->isChecked();
    r.options.waitTimeoutNs = std::int64_t(m_waitMs->value()) * kNsPerMs;
    r.options.stopOnTimeout = m_stop->isChecked();
    return r;
}

QString ReplayDialog::problem() const {
    return m_problem->text();
}

void ReplayDialog::revalidate() {
    const bool scaled =
        ReplayTiming::Mode(m_timing->currentData().toInt()) == ReplayTiming::Mode::Scaled;
    m_factor->setEnabled(scaled);
    // "Wait at most" stays enabled: the wait for the rest of the answer after the last step
    // uses it either way.
    m_stop->setEnabled(m_wait->isChecked());
    QString text;
    const auto side = ReplaySide(m_side->currentData().toInt());
    if (const auto r =
            replayOpenRequest(m_conversation, side, m_address->text().trimmed().toStdString());
        !r) {
        text = tr("Address: %1").arg(qs(r.error().detail));
    } else if (scaled) {
        if (const auto f = parseReplayFactor(m_factor->text().trimmed().toStdString()); !f) {
            text = tr("Factor: %1").arg(qs(f.error().detail));
        }
    }
    m_problem->setText(text);
    m_problem->setAccessibleDescription(text); // the name says what the line is
    m_problem->setVisible(!text.isEmpty());
    replayButton()->setEnabled(text.isEmpty());
}

} // namespace socklab::ui
