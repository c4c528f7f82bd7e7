#include "ui/widgets/socket_summary.h"

#include "core/net/socket_spec.h"
#include "ui/views/record_text.h"
#include "ui/widgets/presets.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace socklab::ui {

SocketSummary::SocketSummary(QWidget* parent)
    : QFrame(parent), m_text(new QLabel(this)), m_toggle(new QToolButton(this)),
      m_exposure(new QLabel(this)) {
    setFrameShape(QFrame::StyledPanel);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_toggle->setCheckable(true);
    m_toggle->setFocusPolicy(Qt::StrongFocus);
    m_toggle->setAutoRaise(false);
    m_exposure->setWordWrap(true);
    m_exposure->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette pal = m_exposure->palette();
    pal.setColor(QPalette::WindowText, QColor(0xb8, 0x5c, 0x00));
    m_exposure->setPalette(pal);
    m_exposure->hide();
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(6, 2, 6, 2);
    auto* row = new QHBoxLayout;
    row->addWidget(m_text, 1);
    row->addWidget(m_toggle);
    column->addLayout(row);
    column->addWidget(m_exposure);
    connect(m_toggle, &QToolButton::toggled, this, [this](bool on) {
        updateToggle();
        emit expandedChanged(on);
    });
    retranslate();
}

QString SocketSummary::summaryText(const OpenSession& request, std::optional<SessionState> state,
                                   const QString& local, const QString& peer) {
    QStringList parts;
    parts << QStringLiteral("socket(%1)").arg(QString::fromStdString(describe(request.spec)));
    parts << kindName(request.spec, request.role);
    const QString from = local.isEmpty() ? QString::fromStdString(request.local) : local;
    const QString to =
        peer.isEmpty() && (request.role == Role::Connect || request.role == Role::Relay)
            ? QString::fromStdString(request.remote)
            : peer;
    if (!from.isEmpty() && !to.isEmpty()) {
        parts << QStringLiteral("%1 -> %2").arg(from, to);
    } else if (!from.isEmpty() || !to.isEmpty()) {
        parts << (from.isEmpty() ? tr("-> %1").arg(to) : from);
    }
    if (state) {
        parts << stateText(*state);
    }
    return parts.join(QStringLiteral(" · "));
}

void SocketSummary::setSummary(const OpenSession& request, std::optional<SessionState> state,
                               const QString& local, const QString& peer) {
    const QString text = summaryText(request, state, local, peer);
    m_text->setText(text);
    m_text->setToolTip(text);
    m_text->setAccessibleDescription(text);
    // Only once the kernel bound it: the address it reports is the one that is reachable.
    const bool bound = state == SessionState::Listening || state == SessionState::Bound;
    const QString warning =
        bound ? QString::fromStdString(exposureWarning(request, local.toStdString())) : QString();
    m_exposure->setText(warning);
    m_exposure->setAccessibleDescription(warning);
    m_exposure->setVisible(!warning.isEmpty());
}

QString SocketSummary::exposureWarningText() const {
    return m_exposure->isHidden() ? QString() : m_exposure->text();
}

QString SocketSummary::text() const {
    return m_text->text();
}

bool SocketSummary::isExpanded() const {
    return m_toggle->isChecked();
}

void SocketSummary::setExpanded(bool expanded) {
    m_toggle->setChecked(expanded);
}

void SocketSummary::updateToggle() {
    const bool on = m_toggle->isChecked();
    m_toggle->setText(on ? tr("Hide socket form") : tr("Show socket form"));
    m_toggle->setAccessibleName(tr("Show socket form"));
    m_toggle->setToolTip(on ? tr("Collapse the socket form to this line")
                            : tr("Show the socket form (read-only while the socket is open)"));
}

void SocketSummary::retranslate() {
    m_text->setAccessibleName(tr("Socket summary"));
    m_exposure->setAccessibleName(tr("Exposure warning"));
    updateToggle();
}

void SocketSummary::changeEvent(QEvent* event) {
    QFrame::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
}

} // namespace socklab::ui
