#pragma once

#include "core/lab/lab_timeline.h"

#include <QCoreApplication>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <array>
#include <vector>

namespace socklab::ui {

/// Geometry of "TCP over time", without widgets: three strips stacked on one time axis, the
/// TCP sender's smoothed RTT (ms), its congestion window (segments), and retransmissions
/// counted twice, by the wire (segments host A sent again) and by the sender's TCP_INFO
/// (tcpi_total_retrans), as running totals, with a tick on the strip's floor for each TCP
/// packet from A that the wire dropped. Time runs from the timeline's first to its last
/// event; every strip's scale starts at 0 and ends at a round number above its largest value.
class LabTimelineLayout {
    Q_DECLARE_TR_FUNCTIONS(LabTimelineLayout)

public:
    enum class Strip { Rtt = 0, Cwnd, Retransmissions };
    static constexpr int kStrips = 3;
    enum class Series { Rtt = 0, Cwnd, WireResent, TcpRetrans };
    static constexpr int kSeries = 4;

    struct TimeTick {
        double x = 0;
        std::int64_t ns = 0; ///< since sending started
    };

    void setTimeline(socklab::LabTimeline timeline);
    [[nodiscard]] const socklab::LabTimeline& timeline() const { return m_timeline; }
    /// The area to fill; labels: width left of the strips for their scale, and height below
    /// them for the time labels.
    void setGeometry(QSizeF size, double labelWidth, double labelHeight);

    [[nodiscard]] QRectF stripRect(Strip strip) const;
    /// The strip's scale: 0 at its bottom, yMax at its top.
    [[nodiscard]] double yMax(Strip strip) const;
    /// The series as a polyline (running totals as steps).
    [[nodiscard]] const std::vector<QPointF>& points(Series series) const;
    /// x of each TCP packet from host A that the wire dropped.
    [[nodiscard]] const std::vector<double>& dropXs() const { return m_dropXs; }
    /// Round times along the axis (1, 2 or 5 x 10^n ms apart), at most about one per 80 px.
    [[nodiscard]] std::vector<TimeTick> timeTicks() const;

    [[nodiscard]] double xOf(std::int64_t ns) const;
    /// The TCP_INFO sample nearest to x, or -1 when there is none.
    [[nodiscard]] int sampleNear(double x) const;
    [[nodiscard]] int sampleCount() const { return int(m_timeline.tcpInfo.size()); }
    [[nodiscard]] double sampleX(int index) const;

    /// What the strips show at a TCP_INFO sample, in words (the view's readout).
    [[nodiscard]] QString describeSample(int index) const;

    /// 1, 2 or 5 x 10^n: the smallest such number >= value (and >= 1).
    [[nodiscard]] static double roundUp(double value);

private:
    void rebuild();
    [[nodiscard]] double yOf(Strip strip, double value) const;

    socklab::LabTimeline m_timeline;
    QSizeF m_size{600, 360};
    double m_labelWidth = 48;
    double m_labelHeight = 18;
    std::array<double, kStrips> m_yMax{};
    std::array<std::vector<QPointF>, kSeries> m_points;
    std::vector<double> m_dropXs;
};

} // namespace socklab::ui
