#include "ui/lab/ladder_view.h"

#include "core/capture/record.h"
#include "core/lab/ladder_svg.h"

#include <QEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <cmath>

namespace socklab::ui {

namespace {

QPointF pt(const LadderPoint& p) {
    return {p.x, p.y};
}

QColor arrowColor(const LadderPacket& p) {
    if (p.dropped()) {
        return QColor(0xc6, 0x28, 0x28);
    }
    if (p.retransmission) {
        return QColor(0xef, 0x6c, 0x00);
    }
    if (p.fate & RecordFlag::WireDuplicated) {
        return QColor(0x1e, 0x88, 0xe5);
    }
    return p.tcp ? QColor(0x37, 0x47, 0x4f) : QColor(0x2e, 0x7d, 0x32);
}

} // namespace

LadderView::LadderView(QWidget* parent) : QAbstractScrollArea(parent) {
    retranslate();
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_settings.mode = LadderMode::Sequence; // readable at any delay; Time shows the slopes
    m_settings.gapMs = 300; // Time: long idle stretches (RTO waits) shrink to a marked break
}

void LadderView::setInput(const std::vector<LadderPacket>& packets,
                          const std::vector<LadderCall>& calls) {
    m_packets = packets;
    m_calls = calls;
    relayout();
    if (m_follow) {
        verticalScrollBar()->setValue(int(m_layout.latestY() - viewport()->height() * 0.8));
    }
}

void LadderView::clear() {
    m_packets.clear();
    m_calls.clear();
    m_selected.reset();
    relayout();
}

void LadderView::setMode(LadderMode mode) {
    m_settings.mode = mode;
    relayout();
}

void LadderView::setZoom(double pxPerMs) {
    m_settings.pxPerMs = std::clamp(pxPerMs, 0.01, 200.0);
    m_settings.rowPx = std::clamp(24.0 * std::sqrt(pxPerMs / 4.0), 14.0, 96.0);
    relayout();
}

void LadderView::setFollow(bool follow) {
    if (follow != m_follow) {
        m_follow = follow;
        emit followChanged(follow);
    }
}

void LadderView::relayout() {
    m_settings.width = std::max(360, viewport()->width());
    m_layout = LadderLayout(m_settings);
    for (const auto& p : m_packets) {
        m_layout.add(p);
    }
    for (const auto& c : m_calls) {
        m_layout.add(c);
    }
    updateScrollBars();
    viewport()->update();
}

void LadderView::updateScrollBars() {
    verticalScrollBar()->setRange(
        0, std::max(0, int(std::ceil(m_layout.height())) - viewport()->height()));
    verticalScrollBar()->setPageStep(viewport()->height());
    verticalScrollBar()->setSingleStep(24);
}

void LadderView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    relayout();
}

void LadderView::setHostTitles(const QString& a, const QString& b) {
    m_hostA = a;
    m_hostB = b;
    viewport()->update();
}

void LadderView::selectRecord(std::uint64_t ref) {
    m_selected = ref;
    for (const auto& a : m_layout.arrows()) {
        if (a.packet.ref == ref) {
            setFollow(false);
            verticalScrollBar()->setValue(int(a.top - viewport()->height() / 3.0));
            break;
        }
    }
    viewport()->update();
}

void LadderView::paintBand(QPainter& painter, double top, double bottom, double dy) const {
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor text = palette().color(QPalette::Text);
    const double xa = m_layout.columnX(LabHost::A);
    const double xb = m_layout.columnX(LabHost::B);
    // Host columns and names.
    painter.setPen(QPen(palette().color(QPalette::Mid), 2));
    painter.drawLine(QPointF(xa, top + dy), QPointF(xa, bottom + dy));
    painter.drawLine(QPointF(xb, top + dy), QPointF(xb, bottom + dy));
    painter.setPen(text);
    if (top < m_settings.top) {
        QFont bold = painter.font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.drawText(QRectF(xa - 120, 8 + dy, 240, 20), Qt::AlignCenter, m_hostA);
        painter.drawText(QRectF(xb - 120, 8 + dy, 240, 20), Qt::AlignCenter, m_hostB);
        painter.setFont(font());
    }
    const LadderBand band = m_layout.itemsIn(top, bottom);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    for (const auto& tick : band.ticks) {
        painter.drawText(QPointF(4, tick.y + dy + 4), QString::fromStdString(tick.label));
        painter.drawLine(QPointF(m_settings.axisWidth - 8, tick.y + dy),
                         QPointF(m_settings.axisWidth - 2, tick.y + dy));
    }
    for (const auto& br : band.breaks) {
        painter.fillRect(
            QRectF(m_settings.axisWidth, br.top + dy, m_layout.width(), br.bottom - br.top),
            QBrush(palette().color(QPalette::AlternateBase), Qt::BDiagPattern));
    }
    for (std::size_t i : band.arrows) {
        const LadderArrow& a = m_layout.arrows()[i];
        const QColor color = arrowColor(a.packet);
        QPen pen(color, m_selected == a.packet.ref ? 3.0 : 1.4);
        if (a.packet.retransmission) {
            pen.setStyle(Qt::DashLine);
        }
        painter.setPen(pen);
        const QPointF from = pt(a.from) + QPointF(0, dy);
        const QPointF to = pt(a.to) + QPointF(0, dy);
        painter.drawLine(from, to);
        if (a.packet.dropped()) {
            const double m = m_settings.markPx;
            painter.setPen(QPen(color, 2.2));
            painter.drawLine(to + QPointF(-m, -m), to + QPointF(m, m));
            painter.drawLine(to + QPointF(-m, m), to + QPointF(m, -m));
        } else {
            QPainterPath head;
            head.moveTo(pt(a.head[0]) + QPointF(0, dy));
            head.lineTo(pt(a.head[1]) + QPointF(0, dy));
            head.lineTo(pt(a.head[2]) + QPointF(0, dy));
            head.closeSubpath();
            painter.fillPath(head, color);
        }
        painter.save();
        painter.translate(pt(a.labelAt) + QPointF(0, dy));
        painter.rotate(a.labelAngleDeg);
        painter.setPen(color);
        const QString label = QString::fromStdString(a.text);
        const double w = painter.fontMetrics().horizontalAdvance(label);
        const double x = a.labelAnchor == LadderTextAnchor::Middle ? -w / 2
                         : a.labelAnchor == LadderTextAnchor::End  ? -w
                                                                   : 0;
        painter.drawText(QPointF(x, -3), label);
        painter.restore();
    }
    painter.setPen(text);
    for (std::size_t i : band.calls) {
        const LadderCallMark& c = m_layout.calls()[i];
        const QPointF at = pt(c.at) + QPointF(0, dy);
        painter.setBrush(text);
        painter.drawEllipse(at, 3, 3);
        const QString label = QString::fromStdString(c.call.label);
        const double w = painter.fontMetrics().horizontalAdvance(label);
        const QPointF t = pt(c.textAt) + QPointF(0, dy);
        painter.drawText(QPointF(c.textEndsAtAnchor ? t.x() - w : t.x(), t.y() + 4), label);
    }
    painter.setBrush(Qt::NoBrush);
}

void LadderView::paintEvent(QPaintEvent*) {
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), palette().base());
    if (m_packets.empty() && m_calls.empty()) {
        painter.drawText(viewport()->rect(), Qt::AlignCenter,
                         tr("Run the lab: its packets and socket calls appear here."));
        return;
    }
    const double top = verticalScrollBar()->value();
    paintBand(painter, top, top + viewport()->height(), -top);
}

QImage LadderView::render(int maxHeight) const {
    const int h = int(std::ceil(m_layout.height()));
    if (h > maxHeight || h <= 0) {
        return {};
    }
    QImage image(int(std::ceil(m_layout.width())), h, QImage::Format_ARGB32_Premultiplied);
    image.fill(palette().color(QPalette::Base));
    QPainter painter(&image);
    painter.setFont(font());
    paintBand(painter, 0, h, 0);
    return image;
}

QString LadderView::svg() const {
    LadderSvgOptions options;
    options.hostA = m_hostA.toStdString();
    options.hostB = m_hostB.toStdString();
    options.title = tr("SockLab lab: host A and host B").toStdString();
    return QString::fromStdString(ladderSvg(m_layout, options));
}

void LadderView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        setZoom(zoom() * 1.5);
        return;
    case Qt::Key_Minus:
        setZoom(zoom() / 1.5);
        return;
    case Qt::Key_F:
        setFollow(!m_follow);
        return;
    case Qt::Key_M:
        setMode(mode() == LadderMode::Time ? LadderMode::Sequence : LadderMode::Time);
        return;
    case Qt::Key_N:
    case Qt::Key_P: {
        // The keyboard's way to an arrow: the next / previous packet, as a click would.
        const auto& arrows = m_layout.arrows();
        if (arrows.empty()) {
            return;
        }
        std::size_t at = 0;
        if (m_selected) {
            for (std::size_t i = 0; i < arrows.size(); ++i) {
                if (arrows[i].packet.ref == *m_selected) {
                    at = event->key() == Qt::Key_N ? std::min(i + 1, arrows.size() - 1)
                                                   : (i == 0 ? 0 : i - 1);
                    break;
                }
            }
        }
        selectRecord(arrows[at].packet.ref);
        emit packetActivated(arrows[at].packet.ref);
        return;
    }
    default:
        break;
    }
    if (event->key() == Qt::Key_Up || event->key() == Qt::Key_PageUp ||
        event->key() == Qt::Key_Home) {
        setFollow(false);
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void LadderView::mousePressEvent(QMouseEvent* event) {
    const QPointF p = event->position() + QPointF(0, verticalScrollBar()->value());
    if (const auto hit = m_layout.hitTest(p.x(), p.y(), 6);
        hit && hit->kind == LadderItem::Packet) {
        m_selected = hit->ref;
        viewport()->update();
        emit packetActivated(hit->ref);
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void LadderView::retranslate() {
    setAccessibleName(tr("Ladder diagram"));
    setAccessibleDescription(tr("Socket calls at host A and host B and the packets between them "
                                "in time; the packet list holds the same packets as text"));
}

void LadderView::changeEvent(QEvent* event) {
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        viewport()->update();
    }
}

} // namespace socklab::ui
