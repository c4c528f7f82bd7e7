#include "ui/widgets/session_status.h"

#include "ui/views/direction_palette.h"
#include "ui/views/record_text.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>

namespace socklab::ui {

namespace {

QLabel* field(QWidget* parent) {
    auto* l = new QLabel(parent);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

// Labels carry an accessible name ("Counters"), so screen readers get the figures from the
// description.
void setLabel(QLabel* label, const QString& text) {
    label->setText(text);
    QString plain = text;
    plain.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    label->setAccessibleDescription(plain);
}

QString dataSize(quint64 bytes) {
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

SessionStatus::SessionStatus(QWidget* parent) : QWidget(parent) {
    // Two rows so the line fits a 1000 px window: what the socket is and moves, then the
    // details (TCP_INFO, drops, ping, capture memory).
    auto* rows = new QVBoxLayout(this);
    rows->setContentsMargins(4, 2, 4, 2);
    rows->setSpacing(0);
    auto* first = new QHBoxLayout;
    auto* second = new QHBoxLayout;
    first->setSpacing(12);
    second->setSpacing(12);
    rows->addLayout(first);
    rows->addLayout(second);
    m_state = field(this);
    m_counters = field(this);
    m_rates = field(this);
    m_tcp = field(this);
    m_extra = field(this);
    m_drops = field(this);
    m_backpressure = field(this);
    m_capture = field(this);
    retranslate();
    QPalette warn = m_drops->palette();
    warn.setColor(QPalette::WindowText, errorColor(palette()));
    m_drops->setPalette(warn);
    m_backpressure->setPalette(warn);
    for (QLabel* l : {m_state, m_counters, m_rates}) {
        first->addWidget(l);
    }
    for (QLabel* l : {m_tcp, m_drops, m_backpressure, m_extra, m_capture}) {
        second->addWidget(l);
    }
    first->addStretch(1);
    second->addStretch(1);
    showText(m_state, [] { return tr("Not open"); });
    setCounters({}, 0);
    m_tcp->hide();
    m_extra->hide();
    m_drops->hide();
    m_backpressure->hide();
    setCaptureStats({});
}

void SessionStatus::retranslate() {
    m_state->setAccessibleName(tr("State"));
    m_counters->setAccessibleName(tr("Counters"));
    m_rates->setAccessibleName(tr("Rates"));
    m_tcp->setAccessibleName(tr("TCP info"));
    m_extra->setAccessibleName(tr("Details"));
    m_drops->setAccessibleName(tr("Kernel drops"));
    m_backpressure->setAccessibleName(tr("Send backpressure"));
    m_backpressure->setToolTip(tr("Bytes waiting to be sent because the peer does not read "
                                  "(its receive window is closed). When the send queue is "
                                  "full, further sends are refused; Close and Reset still "
                                  "work at once (Reset discards the queue)."));
    m_capture->setAccessibleName(tr("Capture"));
    m_drops->setToolTip(tr("Datagrams the kernel discarded because this socket's receive queue "
                           "was full (SO_RXQ_OVFL). The sender's count minus this is what "
                           "arrived. A larger SO_RCVBUF helps."));
    m_capture->setToolTip(tr("Payload this tab keeps in memory, moved to the spill file and "
                             "dropped by the capture limit (Edit > Preferences). Counters stay "
                             "exact either way."));
}

void SessionStatus::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        for (auto it = m_texts.cbegin(); it != m_texts.cend(); ++it) {
            setLabel(it.key(), it.value()());
        }
    }
}

void SessionStatus::showText(QLabel* label, std::function<QString()> text) {
    setLabel(label, text());
    m_texts.insert(label, std::move(text));
}

void SessionStatus::setState(SessionState state, const QString& local, const QString& peer) {
    showText(m_state, [state, local, peer] {
        QString text =
            QStringLiteral("<b>%1</b>").arg(socklab::ui::stateText(state).toHtmlEscaped());
        if (!local.isEmpty()) {
            text += tr(" · local %1").arg(local.toHtmlEscaped());
        }
        if (!peer.isEmpty()) {
            text += tr(" · peer %1").arg(peer.toHtmlEscaped());
        }
        return text;
    });
}

void SessionStatus::setCounters(const TrafficCounters& c, qint64 elapsed_ms) {
    showText(m_counters, [c] {
        return tr("In %1 / %2 msg · Out %3 / %4 msg")
            .arg(dataSize(c.bytesIn))
            .arg(c.messagesIn)
            .arg(dataSize(c.bytesOut))
            .arg(c.messagesOut);
    });
    if (m_haveLast && elapsed_ms > 0) {
        const double secs = double(elapsed_ms) / 1000.0;
        const auto in = quint64(double(c.bytesIn - m_last.bytesIn) / secs);
        const auto out = quint64(double(c.bytesOut - m_last.bytesOut) / secs);
        showText(m_rates,
                 [in, out] { return tr("↓ %1/s ↑ %2/s").arg(dataSize(in), dataSize(out)); });
    } else {
        showText(m_rates, [] { return tr("↓ 0 B/s ↑ 0 B/s"); });
    }
    m_last = c;
    m_haveLast = true;
}

void SessionStatus::setTcpInfo(const TcpInfoSnapshot& info) {
    showText(m_tcp, [info] {
        return tr("rtt %1 ms (±%2) · cwnd %3 · retrans %4 (total %5) · unacked %6")
            .arg(double(info.rttUs) / 1000.0, 0, 'f', 3)
            .arg(double(info.rttVarUs) / 1000.0, 0, 'f', 3)
            .arg(info.sndCwnd)
            .arg(info.retransmits)
            .arg(info.totalRetrans)
            .arg(info.unacked);
    });
    m_tcp->show();
}

void SessionStatus::clearTcpInfo() {
    showText(m_tcp, [] { return QString(); });
    m_tcp->hide();
}

void SessionStatus::setExtra(const QString& text) {
    // Made by the tab (a ping reply, export progress): shown as given until the next one.
    showText(m_extra, [text] { return text; });
    m_extra->setVisible(!text.isEmpty());
}

void SessionStatus::setKernelDrops(std::uint64_t total) {
    showText(m_drops, [total] {
        return total == 0 ? QString()
                          : tr("kernel dropped %1 datagram(s)", nullptr,
                               int(std::min<std::uint64_t>(total, INT_MAX)))
                                .arg(QLocale().toString(qulonglong(total)));
    });
    m_drops->setVisible(total > 0);
}

void SessionStatus::setBackpressure(ConnectionId connection, bool active, const QString& text) {
    if (active) {
        m_pressure.insert(connection, text);
    } else {
        m_pressure.remove(connection);
    }
    if (m_pressure.isEmpty()) {
        clearBackpressure();
        return;
    }
    const ConnectionId first = m_pressure.firstKey();
    const QString firstText = m_pressure.first();
    const int others = int(m_pressure.size()) - 1;
    showText(m_backpressure, [first, firstText, others] {
        QString t =
            first == 0
                ? tr("Backpressure: %1").arg(firstText.toHtmlEscaped())
                : tr("Backpressure on connection %1: %2").arg(first).arg(firstText.toHtmlEscaped());
        if (others > 0) {
            t += tr(" (and %n more connection(s))", nullptr, others);
        }
        return t;
    });
    m_backpressure->show();
}

void SessionStatus::clearBackpressure() {
    m_pressure.clear();
    showText(m_backpressure, [] { return QString(); });
    m_backpressure->hide();
}

void SessionStatus::setCaptureStats(const TrafficStore::Stats& stats,
                                    const std::optional<Error>& spillError) {
    const QString error = spillError ? QString::fromStdString(spillError->message()) : QString();
    const QString color = errorColor(palette()).name();
    showText(m_capture, [stats, error, color] {
        QString text = tr("capture %1 in memory").arg(dataSize(stats.residentBytes));
        if (stats.spilledBytes > 0) {
            text += tr(", %1 on disk").arg(dataSize(stats.spilledBytes));
        }
        if (stats.evictedBytes > 0) {
            text += tr(", %1 dropped by the limit").arg(dataSize(stats.evictedBytes));
        }
        if (stats.evictedRecords > 0) {
            text += tr(", %1 oldest records dropped").arg(stats.evictedRecords);
        }
        if (!error.isEmpty()) {
            text += QStringLiteral(" · <span style=\"color:%1\">%2</span>")
                        .arg(color,
                             tr("spill failed, dropping instead: %1").arg(error.toHtmlEscaped()));
        }
        return text;
    });
}

void SessionStatus::reset() {
    showText(m_state, [] { return tr("Not open"); });
    m_haveLast = false;
    setCounters({}, 0);
    clearTcpInfo();
    setExtra({});
    setKernelDrops(0);
    clearBackpressure();
    setCaptureStats({});
}

QString SessionStatus::stateText() const {
    QString t = m_state->text();
    t.remove(QStringLiteral("<b>")).remove(QStringLiteral("</b>"));
    return t;
}

QString SessionStatus::countersText() const {
    return m_counters->text();
}
QString SessionStatus::tcpInfoText() const {
    return m_tcp->text();
}

QString SessionStatus::kernelDropsText() const {
    return m_drops->isHidden() ? QString() : m_drops->text();
}

QString SessionStatus::backpressureText() const {
    return m_backpressure->isHidden() ? QString() : m_backpressure->text();
}

QString SessionStatus::captureText() const {
    return m_capture->text();
}

} // namespace socklab::ui
