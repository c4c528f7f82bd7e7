#pragma once

#include "core/lab/ladder.h"

#include <QAbstractScrollArea>
#include <vector>

namespace socklab::ui {

/// The lab's ladder (sequence) diagram: host A and host B as columns, socket calls at each
/// end, the wire's packets as arrows in time (a dropped packet ends in a cross on the wire,
/// retransmissions dashed orange, duplicates blue). Geometry is core's LadderLayout; this view
/// paints only the band that is visible. Keyboard: Up/Down/PageUp/PageDown scroll, + and -
/// zoom, F toggles following the latest packet, M switches Time / Sequence rows, N / P select
/// the next / previous packet. Clicking an arrow (or N / P) emits packetActivated with the wire
/// record's seq.
class LadderView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit LadderView(QWidget* parent = nullptr);

    /// Replace what is drawn (the whole run so far; cheap for lab-sized runs).
    void setInput(const std::vector<socklab::LadderPacket>& packets,
                  const std::vector<socklab::LadderCall>& calls);
    void clear();
    void setMode(socklab::LadderMode mode);
    [[nodiscard]] socklab::LadderMode mode() const { return m_settings.mode; }
    void setZoom(double pxPerMs);
    [[nodiscard]] double zoom() const { return m_settings.pxPerMs; }
    /// While on, new input scrolls to the latest event.
    void setFollow(bool follow);
    [[nodiscard]] bool follows() const { return m_follow; }
    [[nodiscard]] const socklab::LadderLayout& layout() const { return m_layout; }
    /// The host columns' titles ("A 192.0.2.1"), for the view and the exports.
    void setHostTitles(const QString& a, const QString& b);
    /// Select (outline) the arrow of a wire record; scrolls to it.
    void selectRecord(std::uint64_t ref);

    /// The whole diagram as an image (nullopt-like: a null image when taller than maxHeight).
    [[nodiscard]] QImage render(int maxHeight = 32000) const;
    /// The whole diagram as an SVG document (core's ladderSvg).
    [[nodiscard]] QString svg() const;

signals:
    void packetActivated(quint64 recordSeq);
    void followChanged(bool follow);

protected:
    void changeEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    /// Every text the widget sets itself, in the current language.
    void retranslate();

    void relayout();
    void updateScrollBars();
    void paintBand(QPainter& painter, double top, double bottom, double dy) const;

    socklab::LadderSettings m_settings;
    socklab::LadderLayout m_layout;
    std::vector<socklab::LadderPacket> m_packets;
    std::vector<socklab::LadderCall> m_calls;
    bool m_follow = true;
    QString m_hostA = QStringLiteral("A 192.0.2.1");
    QString m_hostB = QStringLiteral("B 192.0.2.2");
    std::optional<std::uint64_t> m_selected;
};

} // namespace socklab::ui
