#include "ui/widgets/session_status.h"

#include "ui/views/direction_palette.h"
#include "ui/views/record_text.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>

namespace socklab::ui {

namespace {

QLabel* field(const QString& name, QWidget* parent) {
    auto* l = new QLabel(parent);
    l->setAccessibleName(name);
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
    m_state = field(tr("State"), this);
    m_counters = field(tr("Counters"), this);
    m_rates = field(tr("Rates"), this);
    m_tcp = field(tr("TCP info"), this);
    m_extra = field(tr("Details"), this);
    m_drops = field(tr("Kernel drops"), this);
    m_capture = field(tr("Capture"), this);
    m_drops->setToolTip(tr("Datagrams the kernel discarded because this socket's receive queue "
                           "was full (SO_RXQ_OVFL). The sender's count minus this is what "
                           "arrived. A larger SO_RCVBUF helps."));
    m_capture->setToolTip(tr("Payload this tab keeps in memory, moved to the spill file and "
                             "dropped by the capture limit (Edit > Preferences). Counters stay "
                             "exact either way."));
    QPalette warn = m_drops->palette();
    warn.setColor(QPalette::WindowText, errorColor(palette()));
    m_drops->setPalette(warn);
    for (QLabel* l : {m_state, m_counters, m_rates}) {
        first->addWidget(l);
    }
    for (QLabel* l : {m_tcp, m_drops, m_extra, m_capture}) {
        second->addWidget(l);
    }
    first->addStretch(1);
    second->addStretch(1);
    setLabel(m_state, tr("Not open"));
    setCounters({}, 0);
    m_tcp->hide();
    m_extra->hide();
    m_drops->hide();
    setCaptureStats({});
}

void SessionStatus::setState(SessionState state, const QString& local, const QString& peer) {
    QString text = QStringLiteral("<b>%1</b>").arg(socklab::ui::stateText(state).toHtmlEscaped());
    if (!local.isEmpty()) {
        text += tr(" · local %1").arg(local.toHtmlEscaped());
    }
    if (!peer.isEmpty()) {
        text += tr(" · peer %1").arg(peer.toHtmlEscaped());
    }
    setLabel(m_state, text);
}

void SessionStatus::setCounters(const TrafficCounters& c, qint64 elapsed_ms) {
    setLabel(m_counters, tr("In %1 / %2 msg · Out %3 / %4 msg")
                             .arg(dataSize(c.bytesIn))
                             .arg(c.messagesIn)
                             .arg(dataSize(c.bytesOut))
                             .arg(c.messagesOut));
    if (m_haveLast && elapsed_ms > 0) {
        const double secs = double(elapsed_ms) / 1000.0;
        const auto in = quint64(double(c.bytesIn - m_last.bytesIn) / secs);
        const auto out = quint64(double(c.bytesOut - m_last.bytesOut) / secs);
        setLabel(m_rates, tr("↓ %1/s ↑ %2/s").arg(dataSize(in), dataSize(out)));
    } else {
        setLabel(m_rates, tr("↓ 0 B/s ↑ 0 B/s"));
    }
    m_last = c;
    m_haveLast = true;
}

void SessionStatus::setTcpInfo(const TcpInfoSnapshot& info) {
    setLabel(m_tcp, tr("rtt %1 ms (±%2) · cwnd %3 · retrans %4 (total %5) · unacked %6")
                        .arg(double(info.rttUs) / 1000.0, 0, 'f', 3)
                        .arg(double(info.rttVarUs) / 1000.0, 0, 'f', 3)
                        .arg(info.sndCwnd)
                        .arg(info.retransmits)
                        .arg(info.totalRetrans)
                        .arg(info.unacked));
    m_tcp->show();
}

void SessionStatus::clearTcpInfo() {
    setLabel(m_tcp, QString());
    m_tcp->hide();
}

void SessionStatus::setExtra(const QString& text) {
    setLabel(m_extra, text);
    m_extra->setVisible(!text.isEmpty());
}

void SessionStatus::setKernelDrops(std::uint64_t total) {
    setLabel(m_drops, total == 0 ? QString()
                                 : tr("kernel dropped %1 datagram(s)", nullptr,
                                      int(std::min<std::uint64_t>(total, INT_MAX)))
                                       .arg(QLocale().toString(qulonglong(total))));
    m_drops->setVisible(total > 0);
}

void SessionStatus::setCaptureStats(const TrafficStore::Stats& stats,
                                    const std::optional<Error>& spillError) {
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
    if (spillError) {
        text += QStringLiteral(" · <span style=\"color:%1\">%2</span>")
                    .arg(errorColor(palette()).name(),
                         tr("spill failed, dropping instead: %1")
                             .arg(QString::fromStdString(spillError->message()).toHtmlEscaped()));
    }
    setLabel(m_capture, text);
}

void SessionStatus::reset() {
    setLabel(m_state, tr("Not open"));
    m_haveLast = false;
    setCounters({}, 0);
    clearTcpInfo();
    setExtra({});
    setKernelDrops(0);
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

QString SessionStatus::captureText() const {
    return m_capture->text();
}

} // namespace socklab::ui
