#include "ui/views/filter_bar.h"

#include "core/codec/escapes.h"
#include "core/codec/text_encode.h"
#include "core/respond/framing.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace socklab::ui {

namespace {

constexpr int kTypingPauseMs = 300;

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

} // namespace

FilterBar::FilterBar(QWidget* parent)
    : QWidget(parent), m_in(new QCheckBox(this)), m_out(new QCheckBox(this)),
      m_events(new QCheckBox(this)), m_errors(new QCheckBox(this)), m_peer(new QLineEdit(this)),
      m_match(new QComboBox(this)), m_pattern(new QLineEdit(this)), m_framing(new QLineEdit(this)),
      m_clear(new QToolButton(this)), m_problem(new QLabel(this)), m_debounce(new QTimer(this)) {
    for (QCheckBox* box : {m_in, m_out, m_events, m_errors}) {
        box->setChecked(true);
    }
    m_peerLabel = new QLabel(this);
    m_peerLabel->setBuddy(m_peer);
    m_peer->setClearButtonEnabled(true);
    for (MatchKind k :
         {MatchKind::Contains, MatchKind::StartsWith, MatchKind::Regex, MatchKind::HexPattern}) {
        m_match->addItem(QString(), static_cast<int>(k)); // texts: retranslate()
    }
    m_matchLabel = new QLabel(this);
    m_matchLabel->setBuddy(m_match);
    m_pattern->setClearButtonEnabled(true);
    m_framingLabel = new QLabel(this);
    m_framingLabel->setBuddy(m_framing);
    m_framing->setClearButtonEnabled(true);
    const int chars = m_pattern->fontMetrics().averageCharWidth();
    m_peer->setMinimumWidth(chars * 10);
    m_pattern->setMinimumWidth(chars * 12);
    m_framing->setMinimumWidth(chars * 10);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->hide();

    // Two rows keep the bar as narrow as the pane's other rows: what to show and how to cut it,
    // then what it must contain.
    auto* grid = new QGridLayout;
    grid->setContentsMargins(0, 0, 0, 0);
    auto* kinds = new QHBoxLayout;
    m_showLabel = new QLabel(this);
    kinds->addWidget(m_showLabel);
    for (QCheckBox* box : {m_in, m_out, m_events, m_errors}) {
        kinds->addWidget(box);
    }
    kinds->addStretch(1);
    grid->addLayout(kinds, 0, 0, 1, 2);
    grid->addWidget(m_framingLabel, 0, 2);
    grid->addWidget(m_framing, 0, 3);
    grid->addWidget(m_clear, 0, 4);
    auto* content = new QHBoxLayout;
    content->addWidget(m_matchLabel);
    content->addWidget(m_match);
    content->addWidget(m_pattern, 1);
    grid->addLayout(content, 1, 0, 1, 2);
    grid->addWidget(m_peerLabel, 1, 2);
    grid->addWidget(m_peer, 1, 3, 1, 2);
    grid->setColumnStretch(1, 2);
    grid->setColumnStretch(3, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(grid);
    layout->addWidget(m_problem);
    retranslate();
    setTabOrder(m_in, m_out);
    setTabOrder(m_out, m_events);
    setTabOrder(m_events, m_errors);
    setTabOrder(m_errors, m_framing);
    setTabOrder(m_framing, m_clear);
    setTabOrder(m_clear, m_match);
    setTabOrder(m_match, m_pattern);
    setTabOrder(m_pattern, m_peer);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kTypingPauseMs);
    connect(m_debounce, &QTimer::timeout, this, [this] { onEdited(true); });
    for (QCheckBox* box : {m_in, m_out, m_events, m_errors}) {
        connect(box, &QCheckBox::toggled, this, [this] { onEdited(true); });
    }
    connect(m_match, &QComboBox::currentIndexChanged, this, [this] { onEdited(true); });
    for (QLineEdit* edit : {m_peer, m_pattern, m_framing}) {
        connect(edit, &QLineEdit::textEdited, this, [this] { onEdited(false); });
        connect(edit, &QLineEdit::returnPressed, this, [this] { onEdited(true); });
        // The clear button changes the text without textEdited.
        connect(edit, &QLineEdit::textChanged, this, [this, edit](const QString& text) {
            if (text.isEmpty() && !edit->isModified()) {
                onEdited(true);
            }
        });
    }
    connect(m_clear, &QToolButton::clicked, this, &FilterBar::clear);
    m_applied = build().value_or(CaptureView{});
}

void FilterBar::setDirectionNames(DirectionNames names) {
    m_names = names;
    if (names == DirectionNames::Relay) {
        m_in->setText(directionText(Direction::In, names));
        m_out->setText(directionText(Direction::Out, names));
    } else {
        m_in->setText(tr("In"));
        m_out->setText(tr("Out"));
    }
    m_in->setAccessibleName(tr("Show data %1").arg(directionText(Direction::In, names)));
    m_out->setAccessibleName(tr("Show data %1").arg(directionText(Direction::Out, names)));
}

void FilterBar::setTextEncoding(TextEncoding encoding) {
    if (encoding != m_encoding) {
        m_encoding = encoding;
        onEdited(true);
    }
}

void FilterBar::setDatagrams(bool datagrams) {
    if (datagrams != m_datagrams) {
        m_datagrams = datagrams;
        onEdited(true);
    }
}

Result<CaptureView> FilterBar::build() const {
    CaptureView view;
    view.datagrams = m_datagrams;
    RecordFilter& f = view.filter;
    f.in = m_in->isChecked();
    f.out = m_out->isChecked();
    f.data = f.in || f.out;
    f.events = m_events->isChecked();
    f.errors = m_errors->isChecked();
    f.peer = m_peer->text().trimmed().toStdString();
    const std::string pattern = m_pattern->text().toStdString();
    if (!pattern.empty()) {
        f.match = static_cast<MatchKind>(m_match->currentData().toInt());
        f.pattern = pattern;
        const bool literal = f.match == MatchKind::Contains || f.match == MatchKind::StartsWith;
        if (literal && m_encoding != TextEncoding::Utf8 &&
            pattern.find('\\') == std::string::npos) {
            // Plain text is looked for as the tab's encoding writes it (GBK, UTF-16...).
            auto bytes = encodeText(pattern, m_encoding);
            if (!bytes) {
                return fail(bytes.error());
            }
            f.pattern = escapeBytes(*bytes);
            f.eventPattern = pattern; // events' text is UTF-8: matched as typed
        }
    }
    if (auto ok = validateFilter(f); !ok) {
        return fail(ok.error());
    }
    const std::string framing = m_framing->text().trimmed().toStdString();
    if (!framing.empty()) {
        auto spec = parseFraming(framing);
        if (!spec) {
            return fail(spec.error());
        }
        if (auto ok = validateFraming(*spec); !ok) {
            return fail(ok.error());
        }
        view.framing = *spec;
    }
    return view;
}

std::optional<CaptureView> FilterBar::view() const {
    auto v = build();
    return v ? std::optional<CaptureView>(*v) : std::nullopt;
}

void FilterBar::onEdited(bool now) {
    auto v = build();
    if (!v) {
        m_debounce->stop();
        showProblem(qs(v.error().message()));
        return;
    }
    showProblem({});
    if (!now) {
        m_debounce->start();
        return;
    }
    m_debounce->stop();
    if (m_applied && *m_applied == *v) {
        return;
    }
    m_applied = *v;
    emit viewChanged();
}

void FilterBar::setView(const CaptureView& view) {
    const QSignalBlocker blocks[] = {QSignalBlocker(m_in),      QSignalBlocker(m_out),
                                     QSignalBlocker(m_events),  QSignalBlocker(m_errors),
                                     QSignalBlocker(m_match),   QSignalBlocker(m_peer),
                                     QSignalBlocker(m_pattern), QSignalBlocker(m_framing)};
    const RecordFilter& f = view.filter;
    m_in->setChecked(f.data && f.in);
    m_out->setChecked(f.data && f.out);
    m_events->setChecked(f.events);
    m_errors->setChecked(f.errors);
    m_peer->setText(qs(f.peer));
    if (f.match != MatchKind::Any) {
        m_match->setCurrentIndex(std::max(0, m_match->findData(static_cast<int>(f.match))));
        m_pattern->setText(qs(f.eventPattern.empty() ? f.pattern : f.eventPattern));
    } else {
        m_pattern->clear();
    }
    m_framing->setText(view.framing.mode == FramingMode::Raw ? QString()
                                                             : qs(formatFraming(view.framing)));
    m_datagrams = view.datagrams;
    onEdited(true);
}

void FilterBar::clear() {
    setView(CaptureView{{}, {}, m_datagrams});
}

void FilterBar::showProblem(const QString& text) {
    m_problem->setText(text);
    m_problem->setAccessibleDescription(text); // the name says what it is, this what is wrong
    m_problem->setVisible(!text.isEmpty());
}

QString FilterBar::problem() const {
    return m_problem->text();
}

void FilterBar::focusPattern() {
    m_pattern->setFocus(Qt::ShortcutFocusReason);
    m_pattern->selectAll();
}

void FilterBar::retranslate() {
    m_events->setAccessibleName(tr("Show events"));
    m_errors->setAccessibleName(tr("Show errors"));
    m_events->setToolTip(tr("Lifecycle records (connected, closed…) and notes"));
    m_errors->setToolTip(tr("Errors and resets"));
    m_peer->setAccessibleName(tr("Filter by peer"));
    m_peer->setPlaceholderText(tr("address contains"));
    m_peer->setToolTip(tr("Only records whose peer address contains this text "
                          "(\"127.0.0.1:40\", \"[::1]\")"));
    m_match->setAccessibleName(tr("Content match"));
    m_match->setToolTip(tr("How the content pattern is read (as responder rules read it)"));
    m_pattern->setAccessibleName(tr("Content pattern"));
    m_pattern->setPlaceholderText(tr("empty: any content"));
    m_pattern->setToolTip(
        tr("Data records (messages) whose bytes match, and other records whose text matches. "
           "Text with escapes (\\r\\n, \\x03); a regular expression (PCRE2); or hex with ?? "
           "for any byte and * for any bytes (\"01 03 ?? *\")"));
    m_framing->setAccessibleName(tr("Message framing"));
    m_framing->setPlaceholderText(tr("reads (e.g. crlf, len:2be)"));
    m_framing->setToolTip(
        tr("Show messages instead of reads, cut by this framing: lf, crlf, cr, nul, "
           "delim:TEXT, delimhex:HEX, fixed:N, len:1, len:2be, len:4le+hdr, idle:MS (optional "
           ",max:N). Empty: each read or datagram as it came. The raw records stay."));
    m_clear->setText(tr("Show all"));
    m_clear->setAccessibleName(tr("Show all records"));
    m_clear->setToolTip(tr("Clear the filter and the framing"));
    m_problem->setAccessibleName(tr("Filter problem"));
    m_events->setText(tr("Events"));
    m_errors->setText(tr("Errors"));
    setDirectionNames(m_names);
    m_peerLabel->setText(tr("Pee&r"));
    const QString kinds[] = {tr("contains"), tr("starts with"), tr("regex"), tr("hex pattern")};
    for (int i = 0; i < m_match->count(); ++i) {
        m_match->setItemText(i, kinds[i]);
    }
    m_matchLabel->setText(tr("&Data"));
    m_framingLabel->setText(tr("&Messages"));
    m_showLabel->setText(tr("Show"));
}

void FilterBar::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        onEdited(true); // a problem is said again in the new language
    }
}

} // namespace socklab::ui
