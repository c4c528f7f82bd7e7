#include "ui/lab/lab_timeline_view.h"

#include <QEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace socklab::ui {

namespace {

// Hues that read on light and dark backgrounds alike.
const QColor kRttColor(0x2b, 0x7b, 0xd8);
const QColor kCwndColor(0x2e, 0x9e, 0x5b);
const QColor kWireColor(0xe0, 0x8a, 0x1e);
const QColor kTcpInfoColor(0xa8, 0x3c, 0xc8);
const QColor kDropColor(0xd6, 0x32, 0x32);

QString timeLabel(std::int64_t ns) {
    const double ms = double(ns) / 1e6;
    return std::abs(ms) >= 1000 ? LabTimelineView::tr("%1 s").arg(ms / 1000.0)
                                : LabTimelineView::tr("%1 ms").arg(ms);
}

void drawPolyline(QPainter& p, const std::vector<QPointF>& points, const QPen& pen) {
    if (points.size() < 2) {
        if (points.size() == 1) {
            p.setPen(pen);
            p.drawEllipse(points.front(), 2, 2);
        }
        return;
    }
    p.setPen(pen);
    p.drawPolyline(points.data(), int(points.size()));
}

} // namespace

LabTimelineView::LabTimelineView(QWidget* parent)
    : QWidget(parent), m_describeLater(new QTimer(this)) {
    m_describeLater->setSingleShot(true);
    connect(m_describeLater, &QTimer::timeout, this, [this] {
        setAccessibleDescription(readout());
        m_described.start();
    });
    setFocusPolicy(Qt::StrongFocus);
    retranslate();
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    relayout();
}

QSize LabTimelineView::sizeHint() const {
    return {640, 360};
}

QSize LabTimelineView::minimumSizeHint() const {
    return {320, 220};
}

int LabTimelineView::labelWidth() const {
    return fontMetrics().horizontalAdvance(QStringLiteral("00000")) + 8;
}

void LabTimelineView::relayout() {
    m_layout.setGeometry(QSizeF(size()), labelWidth(), fontMetrics().height() + 6);
}

void LabTimelineView::setTimeline(const LabTimeline& timeline) {
    const int before = m_layout.sampleCount();
    m_layout.setTimeline(timeline);
    const int count = m_layout.sampleCount();
    if (count < before || count == 0) {
        m_followNewest = true; // a new run
    }
    if (m_followNewest || m_cursor >= count) {
        m_cursor = count - 1;
    }
    announce(false);
    update();
}

void LabTimelineView::setCurrentSample(int index) {
    const int count = m_layout.sampleCount();
    if (count == 0) {
        return;
    }
    index = std::clamp(index, 0, count - 1);
    m_followNewest = index == count - 1;
    if (index != m_cursor) {
        m_cursor = index;
        announce(true);
        update();
    }
}

QString LabTimelineView::readout() const {
    if (m_layout.sampleCount() == 0) {
        return tr("No TCP_INFO yet: the strips fill in while a message schedule runs.");
    }
    return m_layout.describeSample(m_cursor);
}

void LabTimelineView::announce(bool userMove) {
    const QString text = readout();
    emit readoutChanged(text);
    if (text == accessibleDescription()) {
        return;
    }
    if (userMove || !m_described.isValid() || m_described.elapsed() >= 2000) {
        m_describeLater->stop();
        setAccessibleDescription(text);
        m_described.start();
    } else if (!m_describeLater->isActive()) {
        m_describeLater->start(int(2000 - m_described.elapsed())); // the newest text by then
    }
}

void LabTimelineView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    relayout();
}

void LabTimelineView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Left:
        setCurrentSample(m_cursor - 1);
        break;
    case Qt::Key_Right:
        setCurrentSample(m_cursor + 1);
        break;
    case Qt::Key_Home:
        setCurrentSample(0);
        break;
    case Qt::Key_End:
        setCurrentSample(m_layout.sampleCount() - 1);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void LabTimelineView::mousePressEvent(QMouseEvent* event) {
    setFocus(Qt::MouseFocusReason);
    const int index = m_layout.sampleNear(event->position().x());
    if (index >= 0) {
        setCurrentSample(index);
    }
}

void LabTimelineView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor text = palette().color(QPalette::Text);
    const QColor grid = palette().color(QPalette::Mid);
    using Strip = LabTimelineLayout::Strip;
    using Series = LabTimelineLayout::Series;
    const QString titles[] = {tr("RTT (ms)"), tr("Congestion window (segments)"),
                              tr("Retransmissions so far")};
    for (int i = 0; i < LabTimelineLayout::kStrips; ++i) {
        const auto strip = Strip(i);
        const QRectF r = m_layout.stripRect(strip);
        p.fillRect(r, palette().alternateBase());
        p.setPen(grid);
        p.drawRect(r);
        p.setPen(text);
        p.drawText(QRectF(0, r.top(), r.left() - 4, r.height()), Qt::AlignRight | Qt::AlignTop,
                   QString::number(m_layout.yMax(strip)));
        p.drawText(QRectF(0, r.top(), r.left() - 4, r.height()), Qt::AlignRight | Qt::AlignBottom,
                   QStringLiteral("0"));
        p.drawText(r.adjusted(6, 2, -6, -2), Qt::AlignLeft | Qt::AlignTop, titles[i]);
    }
    const QRectF bottom = m_layout.stripRect(Strip::Retransmissions);
    // Time labels under the last strip, grid lines through all of them.
    const QRectF top = m_layout.stripRect(Strip::Rtt);
    for (const auto& tick : m_layout.timeTicks()) {
        p.setPen(QPen(grid, 1, Qt::DotLine));
        p.drawLine(QPointF(tick.x, top.top()), QPointF(tick.x, bottom.bottom()));
        p.setPen(text);
        // The label right of its line, or left of it at the right edge.
        const QString label = timeLabel(tick.ns);
        const double w = fontMetrics().horizontalAdvance(label);
        const double lx = tick.x + 2 + w > width() ? tick.x - 2 - w : tick.x + 2;
        p.drawText(QPointF(lx, bottom.bottom() + fontMetrics().ascent() + 3), label);
    }
    if (m_layout.timeline().empty()) {
        p.setPen(text);
        p.drawText(rect().adjusted(labelWidth(), 0, 0, 0), Qt::AlignCenter, readout());
        return;
    }
    drawPolyline(p, m_layout.points(Series::Rtt), QPen(kRttColor, 2));
    drawPolyline(p, m_layout.points(Series::Cwnd), QPen(kCwndColor, 2));
    drawPolyline(p, m_layout.points(Series::WireResent), QPen(kWireColor, 2));
    drawPolyline(p, m_layout.points(Series::TcpRetrans), QPen(kTcpInfoColor, 2, Qt::DashLine));
    p.setPen(QPen(kDropColor, 1.5));
    for (const double x : m_layout.dropXs()) {
        p.drawLine(QPointF(x, bottom.bottom()), QPointF(x, bottom.bottom() - 7));
    }
    // Legend of the last strip, right-aligned on its title line.
    const QString legend[] = {tr("resent on the wire (from A)"), tr("TCP_INFO total_retrans"),
                              tr("dropped by the wire")};
    const QColor legendColor[] = {kWireColor, kTcpInfoColor, kDropColor};
    double legendWidth = 0;
    for (const QString& l : legend) {
        legendWidth += fontMetrics().horizontalAdvance(l) + 42;
    }
    const bool fitsBesideTitle =
        fontMetrics().horizontalAdvance(titles[2]) + legendWidth + 24 < bottom.width();
    double x = bottom.right() - 6;
    const double y = bottom.top() + fontMetrics().ascent() + 2 +
                     (fitsBesideTitle ? 0 : fontMetrics().lineSpacing());
    for (int i = 2; i >= 0; --i) {
        x -= fontMetrics().horizontalAdvance(legend[i]);
        p.setPen(text);
        p.drawText(QPointF(x, y), legend[i]);
        x -= 22;
        if (i == 2) { // a drop is a tick on the floor: so is its sample
            p.setPen(QPen(legendColor[i], 1.5));
            p.drawLine(QPointF(x + 12, y + 1), QPointF(x + 12, y - 7));
        } else {
            p.setPen(QPen(legendColor[i], 2, i == 1 ? Qt::DashLine : Qt::SolidLine));
            p.drawLine(QPointF(x, y - 4), QPointF(x + 16, y - 4));
        }
        x -= 20;
    }
    if (m_cursor >= 0) {
        const double cx = m_layout.sampleX(m_cursor);
        p.setPen(QPen(text, 1, hasFocus() ? Qt::SolidLine : Qt::DashLine));
        p.drawLine(QPointF(cx, top.top()), QPointF(cx, bottom.bottom()));
    }
}

void LabTimelineView::retranslate() {
    setAccessibleName(tr("TCP over time"));
    setToolTip(tr("Left/Right: previous/next TCP_INFO sample; Home/End: first/last"));
}

void LabTimelineView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        relayout();
        setAccessibleDescription(readout());
        emit readoutChanged(readout());
        update();
    }
}

} // namespace socklab::ui
