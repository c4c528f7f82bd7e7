#include "ui/lab/lab_lanes_view.h"

#include "ui/lab/lab_palette.h"

#include <QEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <cmath>

namespace socklab::ui {

namespace {

constexpr int kTop = 18; // time axis labels above the lanes

QString laneName(LabLaneLayout::Lane lane) {
    switch (lane) {
    case LabLaneLayout::Lane::TcpWrites:
        return LabLanesView::tr("TCP writes");
    case LabLaneLayout::Lane::TcpReads:
        return LabLanesView::tr("TCP reads");
    case LabLaneLayout::Lane::UdpWrites:
        return LabLanesView::tr("UDP writes");
    case LabLaneLayout::Lane::UdpReads:
        return LabLanesView::tr("UDP reads");
    }
    return {};
}

QString seqText(int first, int last) {
    if (first <= 0) {
        return LabLanesView::tr("not a message");
    }
    return first == last ? QStringLiteral("#%1").arg(first)
                         : QStringLiteral("#%1–#%2").arg(first).arg(last);
}

} // namespace

LabLanesView::LabLanesView(QWidget* parent) : QAbstractScrollArea(parent) {
    retranslate();
    setFocusPolicy(Qt::StrongFocus);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setMouseTracking(true);
}

QSize LabLanesView::sizeHint() const {
    return QSize(600, int(m_layout.height()) + kTop + 24);
}

int LabLanesView::labelWidth() const {
    return fontMetrics().horizontalAdvance(tr("UDP writes")) + 16;
}

void LabLanesView::setReports(const LabProtocolReport& tcp, const LabProtocolReport& udp) {
    m_layout.setReports(tcp, udp);
    fitToWidth();
}

void LabLanesView::clear() {
    m_layout.clear();
    updateScrollBars();
    viewport()->update();
}

void LabLanesView::setScale(double pxPerMs) {
    const double oldScale = m_layout.pxPerMs();
    const double centerMs =
        (horizontalScrollBar()->value() + (viewport()->width() - labelWidth()) / 2.0) / oldScale;
    m_layout.setScale(pxPerMs);
    updateScrollBars();
    horizontalScrollBar()->setValue(
        int(centerMs * m_layout.pxPerMs() - (viewport()->width() - labelWidth()) / 2.0));
    viewport()->update();
}

void LabLanesView::fitToWidth() {
    // Width at scale s = maxMs * s + message widths; solve for the visible width.
    m_layout.setScale(1.0);
    const double atOne = m_layout.width();
    const double visible = std::max(100, viewport()->width() - labelWidth() - 12);
    if (atOne > 0) {
        m_layout.setScale(std::max(0.001, visible / atOne));
        // Blocks keep their widths: shrink further until everything fits.
        for (int i = 0; i < 8 && m_layout.width() > visible; ++i) {
            m_layout.setScale(m_layout.pxPerMs() * visible / m_layout.width());
        }
    }
    updateScrollBars();
    viewport()->update();
}

void LabLanesView::updateScrollBars() {
    const int visible = viewport()->width() - labelWidth();
    horizontalScrollBar()->setRange(0, std::max(0, int(std::ceil(m_layout.width())) - visible + 8));
    horizontalScrollBar()->setPageStep(std::max(1, visible));
    horizontalScrollBar()->setSingleStep(20);
    const int total = int(m_layout.height()) + kTop + 4;
    verticalScrollBar()->setRange(0, std::max(0, total - viewport()->height()));
    verticalScrollBar()->setPageStep(viewport()->height());
}

void LabLanesView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

QPointF LabLanesView::toLayout(QPoint p) const {
    return QPointF(p.x() - labelWidth() + horizontalScrollBar()->value(),
                   p.y() - kTop + verticalScrollBar()->value());
}

void LabLanesView::paintEvent(QPaintEvent*) {
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), palette().base());
    const int left = labelWidth();
    const double x0 = horizontalScrollBar()->value();
    const double x1 = x0 + viewport()->width() - left;
    const double dy = kTop - verticalScrollBar()->value();
    // Lane backgrounds and names.
    for (int i = 0; i < LabLaneLayout::kLanes; ++i) {
        const auto lane = LabLaneLayout::Lane(i);
        const QRectF band(left, m_layout.laneTop(lane) + dy, viewport()->width() - left,
                          m_layout.laneHeight());
        painter.fillRect(band, i % 2 == 0 ? palette().alternateBase() : palette().base());
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRectF(4, band.top(), left - 8, band.height()),
                         Qt::AlignVCenter | Qt::AlignLeft, laneName(lane));
    }
    if (m_layout.blocks().empty() && m_layout.markers().empty()) {
        painter.drawText(viewport()->rect().adjusted(left, 0, 0, 0), Qt::AlignCenter,
                         tr("Run the lab to see each write and read here."));
        return;
    }
    // Time ticks: a round step of at least 80 px.
    const double pxPerMs = m_layout.pxPerMs();
    double step = 1;
    for (double s : {1., 2., 5., 10., 20., 50., 100., 200., 500., 1000., 2000., 5000., 10000.,
                     30000., 60000.}) {
        step = s;
        if (s * pxPerMs >= 80) {
            break;
        }
    }
    painter.setPen(palette().color(QPalette::Mid));
    for (double ms = std::floor(x0 / pxPerMs / step) * step; ms * pxPerMs <= x1; ms += step) {
        const double x = left + ms * pxPerMs - x0;
        if (x < left) {
            continue;
        }
        painter.drawLine(QPointF(x, kTop - 4), QPointF(x, viewport()->height()));
        painter.drawText(QPointF(x + 2, kTop - 6),
                         ms >= 1000 ? tr("%1 s").arg(ms / 1000.0) : tr("%1 ms").arg(ms));
    }
    painter.setClipRect(QRect(left, 0, viewport()->width() - left, viewport()->height()));
    for (const auto* b : m_layout.blocksIn(x0, x1)) {
        const QRectF r = b->rect.translated(left - x0, dy);
        painter.fillRect(r, fateColor(b->fate));
        painter.setPen(palette().color(QPalette::Shadow));
        painter.drawRect(r);
        if (r.width() > 36) {
            painter.setPen(Qt::white);
            painter.drawText(r, Qt::AlignCenter, seqText(b->firstSeq, b->lastSeq));
        }
    }
    painter.setPen(QPen(fateColor(LabFate::Lost), 2));
    for (const auto& m : m_layout.markers()) {
        if (m.at.x() < x0 - 8 || m.at.x() > x1 + 8) {
            continue;
        }
        const QPointF c = m.at + QPointF(left - x0, dy);
        painter.drawLine(c + QPointF(-4, -4), c + QPointF(4, 4));
        painter.drawLine(c + QPointF(-4, 4), c + QPointF(4, -4));
    }
}

void LabLanesView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        setScale(scale() * 1.5);
        return;
    case Qt::Key_Minus:
        setScale(scale() / 1.5);
        return;
    case Qt::Key_0:
        fitToWidth();
        return;
    case Qt::Key_Home:
        horizontalScrollBar()->setValue(0);
        return;
    case Qt::Key_End:
        horizontalScrollBar()->setValue(horizontalScrollBar()->maximum());
        return;
    default:
        QAbstractScrollArea::keyPressEvent(event);
    }
}

void LabLanesView::mousePressEvent(QMouseEvent* event) {
    if (const auto* b = m_layout.blockAt(toLayout(event->position().toPoint()))) {
        const bool tcp =
            b->lane == LabLaneLayout::Lane::TcpWrites || b->lane == LabLaneLayout::Lane::TcpReads;
        emit messagesActivated(tcp, b->firstSeq, b->lastSeq);
    }
    QAbstractScrollArea::mousePressEvent(event);
}

bool LabLanesView::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        if (const auto* b = m_layout.blockAt(toLayout(help->pos()))) {
            QToolTip::showText(help->globalPos(),
                               tr("%1: %2, %3 bytes at %4 ms — %5")
                                   .arg(laneName(b->lane), seqText(b->firstSeq, b->lastSeq))
                                   .arg(b->bytes)
                                   .arg(b->timeMs, 0, 'f', 1)
                                   .arg(fateText(b->fate)),
                               viewport());
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void LabLanesView::retranslate() {
    setAccessibleName(tr("TCP and UDP lanes"));
    setAccessibleDescription(tr("Writes and reads of both protocols on a time axis; the message "
                                "table lists the same fates as text"));
}

void LabLanesView::changeEvent(QEvent* event) {
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        viewport()->update();
    }
}

} // namespace socklab::ui
