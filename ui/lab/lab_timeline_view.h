#pragma once

#include "ui/lab/lab_timeline_layout.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

namespace socklab::ui {

/// "TCP over time": the TCP sender's RTT, congestion window and retransmissions (the wire's
/// count next to TCP_INFO's) on one time axis, with the wire's drops as ticks (see
/// LabTimelineLayout). A cursor marks one TCP_INFO sample: Left/Right move it, Home/End jump,
/// a click puts it under the mouse; readout() says in words what the strips show there (also
/// the accessible description).
class LabTimelineView : public QWidget {
    Q_OBJECT
public:
    explicit LabTimelineView(QWidget* parent = nullptr);

    void setTimeline(const socklab::LabTimeline& timeline);
    [[nodiscard]] const LabTimelineLayout& layout() const { return m_layout; }
    /// The sample under the cursor (-1: none; the cursor follows the newest sample until the
    /// user moves it elsewhere, and again from the start of each run).
    [[nodiscard]] int currentSample() const { return m_cursor; }
    void setCurrentSample(int index);
    [[nodiscard]] QString readout() const;
    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

signals:
    void readoutChanged(const QString& text);

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
    /// Update the readout; the accessible description (what a screen reader says) follows at
    /// once for the user's moves, at most every 2 s while it follows a live run.
    void announce(bool userMove);
    [[nodiscard]] int labelWidth() const;

    LabTimelineLayout m_layout;
    int m_cursor = -1;
    bool m_followNewest = true;
    QElapsedTimer m_described; ///< since the accessible description last changed
    QTimer* m_describeLater;   ///< applies a throttled description once its 2 s are up
};

} // namespace socklab::ui
