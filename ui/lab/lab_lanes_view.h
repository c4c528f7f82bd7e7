#pragma once

#include "ui/lab/lab_lane_layout.h"

#include <QAbstractScrollArea>

namespace socklab::ui {

/// The lab's side-by-side lanes: the sender's writes and the receiver's reads of TCP and of UDP
/// as blocks on one time axis (see LabLaneLayout), coloured by fate, lost messages crossed.
/// Paints only the visible part. Keyboard: Left/Right scroll, + and - zoom, Home/End.
/// The message table next to it says the same in text (the accessible equivalent).
class LabLanesView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit LabLanesView(QWidget* parent = nullptr);

    void setReports(const socklab::LabProtocolReport& tcp, const socklab::LabProtocolReport& udp);
    void clear();
    /// Zoom: pixels per millisecond of the time axis.
    void setScale(double pxPerMs);
    [[nodiscard]] double scale() const { return m_layout.pxPerMs(); }
    [[nodiscard]] const LabLaneLayout& layout() const { return m_layout; }
    [[nodiscard]] QSize sizeHint() const override;
    /// Scale so the whole run fits the visible width.
    void fitToWidth();

signals:
    /// A block was clicked: messages first..last of TCP (tcp true) or UDP.
    void messagesActivated(bool tcp, int firstSeq, int lastSeq);

protected:
    void changeEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool viewportEvent(QEvent* event) override;

private:
    /// Every text the widget sets itself, in the current language.
    void retranslate();

    void updateScrollBars();
    [[nodiscard]] QPointF toLayout(QPoint viewportPos) const;
    [[nodiscard]] int labelWidth() const;

    LabLaneLayout m_layout;
};

} // namespace socklab::ui
