#include "ui/lab/lab_lane_layout.h"

#include <algorithm>
#include <limits>

namespace socklab::ui {

namespace {

int severity(LabFate f) {
    switch (f) {
    case LabFate::Delivered:
        return 0;
    case LabFate::Late:
        return 1;
    case LabFate::OutOfOrder:
        return 2;
    case LabFate::Duplicated:
        return 3;
    case LabFate::Lost:
        return 4;
    case LabFate::Garbled:
        return 5;
    case LabFate::Unsent:
        return 6;
    case LabFate::Pending:
        return 1; // in a live view: not arrived yet
    }
    return 0;
}

} // namespace

LabFate worstFate(const LabProtocolReport& report, int first, int last) {
    LabFate worst = LabFate::Delivered;
    for (int seq = std::max(first, 1); seq <= last && seq <= int(report.messages.size()); ++seq) {
        const LabFate f = report.messages[std::size_t(seq - 1)].fate;
        if (severity(f) > severity(worst)) {
            worst = f;
        }
    }
    return worst;
}

void LabLaneLayout::setReports(const LabProtocolReport& tcp, const LabProtocolReport& udp) {
    m_tcp = tcp;
    m_udp = udp;
    m_have = true;
    rebuild();
}

void LabLaneLayout::clear() {
    m_have = false;
    m_blocks.clear();
    m_markers.clear();
    m_width = 0;
    m_maxWidth = 0;
}

void LabLaneLayout::setScale(double pxPerMs) {
    m_pxPerMs = std::clamp(pxPerMs, 0.001, 100.0);
    rebuild();
}

void LabLaneLayout::setLaneHeight(double height) {
    m_laneHeight = std::max(8.0, height);
    rebuild();
}

double LabLaneLayout::laneTop(Lane lane) const {
    const int i = int(lane);
    // A larger gap between the TCP pair of rows and the UDP pair.
    return i * m_laneHeight + (i >= 2 ? 2 * m_gap : 0) + (i % 2) * m_gap / 2;
}

void LabLaneLayout::addBlocks(const LabProtocolReport& r, const std::vector<LabBlock>& from,
                              Lane lane) {
    const double size = double(std::max<std::size_t>(r.schedule.size, 1));
    for (const LabBlock& b : from) {
        Block out;
        out.lane = lane;
        out.firstSeq = b.firstSeq;
        out.lastSeq = b.lastSeq;
        out.bytes = b.length;
        out.damaged = b.damaged;
        out.timeMs = double(b.monoNs - m_t0) / 1e6;
        out.fate = b.damaged ? LabFate::Garbled : worstFate(r, b.firstSeq, b.lastSeq);
        const double w = std::max(kMinWidth, double(b.length) / size * kMessageWidth);
        out.rect = QRectF(out.timeMs * m_pxPerMs, laneTop(lane) + 2, w, m_laneHeight - 4);
        m_maxWidth = std::max(m_maxWidth, w);
        m_width = std::max(m_width, out.rect.right());
        m_blocks.push_back(out);
    }
}

void LabLaneLayout::rebuild() {
    m_blocks.clear();
    m_markers.clear();
    m_width = 0;
    m_maxWidth = 0;
    if (!m_have) {
        return;
    }
    m_t0 = std::numeric_limits<std::int64_t>::max();
    for (const auto* r : {&m_tcp, &m_udp}) {
        for (const auto& w : r->writes) {
            m_t0 = std::min(m_t0, w.monoNs);
        }
    }
    if (m_t0 == std::numeric_limits<std::int64_t>::max()) {
        m_t0 = 0;
    }
    addBlocks(m_tcp, m_tcp.writes, Lane::TcpWrites);
    addBlocks(m_tcp, m_tcp.reads, Lane::TcpReads);
    addBlocks(m_udp, m_udp.writes, Lane::UdpWrites);
    addBlocks(m_udp, m_udp.reads, Lane::UdpReads);
    std::stable_sort(m_blocks.begin(), m_blocks.end(),
                     [](const Block& a, const Block& b) { return a.rect.left() < b.rect.left(); });
    for (const auto& [report, lane] :
         {std::pair{&m_tcp, Lane::TcpReads}, std::pair{&m_udp, Lane::UdpReads}}) {
        for (const auto& m : report->messages) {
            if (m.fate == LabFate::Lost && m.sentNs) {
                const double x = double(*m.sentNs - m_t0) / 1e6 * m_pxPerMs;
                m_markers.push_back({QPointF(x, laneTop(lane) + m_laneHeight / 2), lane, m.seq});
                m_width = std::max(m_width, x + kMessageWidth);
            }
        }
    }
}

std::vector<const LabLaneLayout::Block*> LabLaneLayout::blocksIn(double x0, double x1) const {
    std::vector<const Block*> out;
    auto it = std::lower_bound(m_blocks.begin(), m_blocks.end(), x0 - m_maxWidth,
                               [](const Block& b, double x) { return b.rect.left() < x; });
    for (; it != m_blocks.end() && it->rect.left() < x1; ++it) {
        if (it->rect.right() >= x0) {
            out.push_back(&*it);
        }
    }
    return out;
}

const LabLaneLayout::Block* LabLaneLayout::blockAt(QPointF p) const {
    for (const Block* b : blocksIn(p.x(), p.x() + 1)) {
        if (b->rect.contains(p)) {
            return b;
        }
    }
    return nullptr;
}

} // namespace socklab::ui
