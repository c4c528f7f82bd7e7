#include "ui/lab/lab_timeline_layout.h"

#include <algorithm>
#include <cmath>

namespace socklab::ui {

namespace {

constexpr double kGap = 8;          ///< between strips
constexpr double kTickSpacing = 80; ///< px per time label, at least

std::size_t countUpTo(const std::vector<std::int64_t>& times, std::int64_t ns) {
    return std::size_t(std::upper_bound(times.begin(), times.end(), ns) - times.begin());
}

} // namespace

double LabTimelineLayout::roundUp(double value) {
    if (!(value > 1)) {
        return 1;
    }
    const double decade = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 5.0, 10.0}) {
        if (step * decade >= value * (1 - 1e-12)) {
            return step * decade;
        }
    }
    return 10 * decade;
}

void LabTimelineLayout::setTimeline(LabTimeline timeline) {
    m_timeline = std::move(timeline);
    rebuild();
}

void LabTimelineLayout::setGeometry(QSizeF size, double labelWidth, double labelHeight) {
    m_size = size;
    m_labelWidth = labelWidth;
    m_labelHeight = labelHeight;
    rebuild();
}

QRectF LabTimelineLayout::stripRect(Strip strip) const {
    const double height =
        std::max(1.0, (m_size.height() - m_labelHeight - kGap * (kStrips - 1)) / kStrips);
    const double top = int(strip) * (height + kGap);
    return {m_labelWidth, top, std::max(1.0, m_size.width() - m_labelWidth - 4), height};
}

double LabTimelineLayout::yMax(Strip strip) const {
    return m_yMax[std::size_t(strip)];
}

const std::vector<QPointF>& LabTimelineLayout::points(Series series) const {
    return m_points[std::size_t(series)];
}

double LabTimelineLayout::xOf(std::int64_t ns) const {
    const QRectF r = stripRect(Strip::Rtt);
    const double span =
        double(std::max<std::int64_t>(m_timeline.lastNs - m_timeline.firstNs, 1'000'000));
    return r.left() + r.width() * double(ns - m_timeline.firstNs) / span;
}

double LabTimelineLayout::yOf(Strip strip, double value) const {
    const QRectF r = stripRect(strip);
    return r.bottom() - r.height() * std::clamp(value / yMax(strip), 0.0, 1.0);
}

std::vector<LabTimelineLayout::TimeTick> LabTimelineLayout::timeTicks() const {
    std::vector<TimeTick> out;
    const QRectF r = stripRect(Strip::Rtt);
    const double spanMs =
        double(std::max<std::int64_t>(m_timeline.lastNs - m_timeline.firstNs, 1'000'000)) / 1e6;
    const double maxTicks = std::max(1.0, r.width() / kTickSpacing);
    const double stepMs = roundUp(spanMs / maxTicks);
    const auto stepNs = std::int64_t(stepMs * 1e6);
    // From the first multiple of the step at or after the start (0 is always one of them).
    std::int64_t t = m_timeline.firstNs >= 0 ? 0 : -((-m_timeline.firstNs) / stepNs) * stepNs;
    for (; t <= m_timeline.lastNs; t += stepNs) {
        if (t >= m_timeline.firstNs) {
            out.push_back({xOf(t), t});
        }
    }
    return out;
}

int LabTimelineLayout::sampleNear(double x) const {
    const auto& s = m_timeline.tcpInfo;
    if (s.empty()) {
        return -1;
    }
    // Samples are in time order, so their x too.
    const auto it = std::lower_bound(s.begin(), s.end(), x,
                                     [this](const auto& p, double v) { return xOf(p.atNs) < v; });
    std::size_t i = std::size_t(it - s.begin());
    if (i == s.size()) {
        return int(s.size()) - 1;
    }
    if (i > 0 && x - xOf(s[i - 1].atNs) <= xOf(s[i].atNs) - x) {
        --i;
    }
    return int(i);
}

double LabTimelineLayout::sampleX(int index) const {
    return index < 0 || index >= sampleCount() ? 0
                                               : xOf(m_timeline.tcpInfo[std::size_t(index)].atNs);
}

QString LabTimelineLayout::describeSample(int index) const {
    if (index < 0 || index >= sampleCount()) {
        return {};
    }
    const auto& p = m_timeline.tcpInfo[std::size_t(index)];
    const TcpInfoSnapshot& i = p.info;
    return tr("At %1 s: rtt %2 ms (variation %3 ms), cwnd %4 segments, %5 unacknowledged; "
              "TCP_INFO counts %6 retransmissions so far, the wire %7 segments resent and %8 "
              "dropped from A.")
        .arg(double(p.atNs) / 1e9, 0, 'f', 2)
        .arg(i.rttUs / 1000.0, 0, 'f', 1)
        .arg(i.rttVarUs / 1000.0, 0, 'f', 1)
        .arg(i.sndCwnd)
        .arg(i.unacked)
        .arg(i.totalRetrans)
        .arg(countUpTo(m_timeline.resentAtoB, p.atNs))
        .arg(countUpTo(m_timeline.droppedAtoB, p.atNs));
}

void LabTimelineLayout::rebuild() {
    for (auto& p : m_points) {
        p.clear();
    }
    m_dropXs.clear();
    const auto& samples = m_timeline.tcpInfo;
    double rttMax = 0;
    double cwndMax = 0;
    double retransMax = double(m_timeline.resentAtoB.size());
    for (const auto& s : samples) {
        rttMax = std::max(rttMax, s.info.rttUs / 1000.0);
        cwndMax = std::max(cwndMax, double(s.info.sndCwnd));
        retransMax = std::max(retransMax, double(s.info.totalRetrans));
    }
    // A fifth of headroom: the lines stay below each strip's title and legend.
    constexpr double kHeadroom = 1.2;
    m_yMax = {roundUp(std::max(rttMax * kHeadroom, 1.0)),
              roundUp(std::max(cwndMax * kHeadroom, 10.0)),
              roundUp(std::max(retransMax * kHeadroom, 5.0))};

    for (const auto& s : samples) {
        const double x = xOf(s.atNs);
        m_points[std::size_t(Series::Rtt)].emplace_back(x, yOf(Strip::Rtt, s.info.rttUs / 1000.0));
        m_points[std::size_t(Series::Cwnd)].emplace_back(x, yOf(Strip::Cwnd, s.info.sndCwnd));
    }
    // Running totals as steps: flat until the next event, then up.
    const auto steps = [this](std::vector<QPointF>& out, const auto& events, const auto& timeOf,
                              const auto& valueOf) {
        const double x0 = xOf(m_timeline.firstNs);
        double value = 0;
        out.emplace_back(x0, yOf(Strip::Retransmissions, 0));
        for (const auto& e : events) {
            const double x = xOf(timeOf(e));
            out.emplace_back(x, yOf(Strip::Retransmissions, value));
            value = valueOf(e, value);
            out.emplace_back(x, yOf(Strip::Retransmissions, value));
        }
        out.emplace_back(xOf(m_timeline.lastNs), yOf(Strip::Retransmissions, value));
    };
    steps(
        m_points[std::size_t(Series::WireResent)], m_timeline.resentAtoB,
        [](std::int64_t t) { return t; }, [](std::int64_t, double v) { return v + 1; });
    if (!samples.empty()) {
        steps(
            m_points[std::size_t(Series::TcpRetrans)], samples,
            [](const auto& s) { return s.atNs; },
            [](const auto& s, double) { return double(s.info.totalRetrans); });
    }
    for (const std::int64_t t : m_timeline.droppedAtoB) {
        m_dropXs.push_back(xOf(t));
    }
}

} // namespace socklab::ui
